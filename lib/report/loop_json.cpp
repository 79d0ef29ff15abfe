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

nlohmann::json loop_audit_json(const loops::AuditResult& result, std::string_view version) {
  using nlohmann::json;
  json sites = json::array();
  for (const auto& s : result.sites) {
    const Finding* f = loops::finding_at(result, s);
    sites.push_back({{"category", category_name(s.category)},
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
                     {"rule", f ? json(f->code) : json(nullptr)}});
  }
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
  out << dump(loop_audit_json(result, version)) << '\n';
}

}  // namespace boundaudit::report
