#include "report/loop_json.hpp"
#include "report/loop_json_value.hpp"

#include <ostream>

#include "report/json_common.hpp"

namespace boundaudit::report {
namespace {

std::string_view category_name(loops::Category c) {
  switch (c) {
    case loops::Category::while_loop: return "while";
    case loops::Category::fanout: return "fanout";
    case loops::Category::spawn: return "spawn";
  }
  return "while";
}

nlohmann::json null_if_empty(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(valid_utf8(s));
}

std::string_view gap_name(loops::Gap g) {
  switch (g) {
    case loops::Gap::no_exit: return "no-exit";
    case loops::Gap::poll: return "poll";
    case loops::Gap::dynamic_fanout: return "dynamic-fanout";
    case loops::Gap::unsized_fanout: return "unsized-fanout";
    case loops::Gap::spawn_per_item: return "spawn-per-item";
  }
  return "no-exit";
}

nlohmann::json bound_json(const loops::AuditSite& s) {
  using nlohmann::json;
  if (!s.bound)
    return {{"kind", "none"}, {"detail", valid_utf8(s.missing)}, {"limit", nullptr}, {"gap", gap_name(*s.gap)}};
  json limit = nullptr;
  if (s.bound->limit) limit = {{"value", s.bound->limit->value}, {"unit", to_string(s.bound->limit->unit)}};
  json b = {{"kind", to_string(s.bound->kind)}, {"detail", valid_utf8(s.bound->detail)}, {"limit", limit}};
  if (s.bound->stated) b["stated"] = true;
  if (s.bound->evidence_line > 0) b["evidence_line"] = s.bound->evidence_line;
  return b;
}

}  // namespace

namespace {

nlohmann::json site_json(const loops::AuditResult& result, const loops::AuditSite& s) {
  using nlohmann::json;
  const Finding* f = loops::finding_at(result, s);
  return {{"category", category_name(s.category)},
          {"path", display_path(s.site.path)},
          {"line", s.site.line},
          {"column", s.site.column},
          {"end_line", s.site.end_line},
          {"end_column", s.site.end_column},
          {"function", valid_utf8(s.function)},
          {"call", null_if_empty(s.call)},
          {"text", valid_utf8(s.text)},
          {"in_loop", s.in_loop},
          {"bound", bound_json(s)},
          {"bounded", s.bounded()},
          {"rule", f ? json(f->code) : json(nullptr)}};
}

// text with indent before each of its lines, in one write.
void write_indented(std::ostream& out, std::string_view text, std::string_view indent) {
  std::string block;
  block.reserve(text.size() + text.size() / 8);
  for (std::size_t at = 0; at < text.size();) {
    auto eol = text.find('\n', at);
    auto line = text.substr(at, eol == std::string_view::npos ? std::string_view::npos : eol - at + 1);
    block.append(indent).append(line);
    at += line.size();
  }
  out.write(block.data(), static_cast<std::streamsize>(block.size()));
}

// `"key": [...]` at the document's top level, one item at a time, laid out as dump() lays out the
// whole document (members in key order, two spaces per level), so a large report is never held as
// one JSON value and one string.
template <class Items, class ToJson>
void write_array(std::ostream& out, std::string_view key, const Items& items, ToJson to_json_value) {
  out << "  \"" << key << "\": ";
  if (items.empty()) {
    out << "[]";
    return;
  }
  out << "[\n";
  bool first = true;
  for (const auto& item : items) {
    if (!first) out << ",\n";
    first = false;
    write_indented(out, dump(to_json_value(item)), "    ");
  }
  out << "\n  ]";
}

}  // namespace

nlohmann::json loop_audit_json(const loops::AuditResult& result, std::string_view version) {
  using nlohmann::json;
  json sites = json::array();
  for (const auto& s : result.sites) sites.push_back(site_json(result, s));
  json findings = json::array();
  for (const auto& f : result.findings) findings.push_back(to_json(f));
  json errors = json::array();
  for (const auto& e : result.errors) errors.push_back(to_json(e));
  return {{"tool", {{"name", "loopaudit"}, {"version", version}}},
          {"files_scanned", result.files_scanned},
          {"sites", std::move(sites)},
          {"findings", std::move(findings)},
          {"errors", std::move(errors)}};
}

void write_loop_json(std::ostream& out, const loops::AuditResult& result, std::string_view version) {
  // The members in dump()'s (key) order: errors, files_scanned, findings, sites, tool.
  out << "{\n";
  write_array(out, "errors", result.errors, [](const InputError& e) { return to_json(e); });
  out << ",\n  \"files_scanned\": " << result.files_scanned << ",\n";
  write_array(out, "findings", result.findings, [](const Finding& f) { return to_json(f); });
  out << ",\n";
  write_array(out, "sites", result.sites, [&](const loops::AuditSite& s) { return site_json(result, s); });
  out << ",\n  \"tool\": ";
  std::string tool = dump(nlohmann::json{{"name", "loopaudit"}, {"version", version}});
  out.write(tool.data(), static_cast<std::streamsize>(tool.find('\n') + 1));
  write_indented(out, std::string_view(tool).substr(tool.find('\n') + 1), "  ");
  out << "\n}\n";
}

}  // namespace boundaudit::report
