#include <ostream>

#include "report/json_common.hpp"

#include "report/report.hpp"

namespace boundaudit::report {
namespace {

std::string_view level_of(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

// SARIF artifact URIs are URI references: percent-encode what is not allowed in a path (so a file
// name that is not UTF-8 shows its bytes escaped). A relative reference must not begin with '/'
// (SARIF1004), so an absolute path becomes a file:// URI.
std::string to_uri(std::string_view path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string r = path.starts_with('/') ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos) {
      r += static_cast<char>(c);
    } else {
      r += '%';
      r += hex[c >> 4];
      r += hex[c & 15];
    }
  }
  return r;
}

}  // namespace

void write_sarif(std::ostream& out, const ToolInfo& tool, std::span<const Finding> findings,
                 std::span<const InputError> errors) {
  using nlohmann::json;
  json rules = json::array();
  for (const auto& r : tool.rules)
    rules.push_back({{"id", r.code},
                     {"name", r.name},
                     {"shortDescription", {{"text", r.summary}}},
                     {"defaultConfiguration", {{"level", level_of(r.severity)}}},
                     {"help", {{"text", std::string("Run `") + std::string(tool.name) + " --explain " +
                                             std::string(r.code) + "` for the full description."}}}});
  json results = json::array();
  for (const auto& f : findings) {
    json result = {{"ruleId", f.code}, {"level", level_of(f.severity)}, {"message", {{"text", valid_utf8(f.message)}}}};
    for (std::size_t i = 0; i < tool.rules.size(); ++i)
      if (tool.rules[i].code == f.code) result["ruleIndex"] = i;
    json region = {{"startLine", std::max(1, f.site.line)}, {"startColumn", std::max(1, f.site.column)}};
    if (f.site.end_line >= f.site.line && f.site.end_line > 0) {
      region["endLine"] = f.site.end_line;
      if (f.site.end_column > 0 && (f.site.end_line > f.site.line || f.site.end_column >= f.site.column))
        region["endColumn"] = f.site.end_column;
    }
    result["locations"] = json::array(
        {{{"physicalLocation", {{"artifactLocation", {{"uri", to_uri(f.site.path)}}}, {"region", region}}}}});
    results.push_back(std::move(result));
  }
  json notifications = json::array();
  for (const auto& e : errors) {
    json loc = {{"physicalLocation", {{"artifactLocation", {{"uri", to_uri(e.path)}}}}}};
    if (e.line) loc["physicalLocation"]["region"] = {{"startLine", std::max(1, *e.line)}};
    notifications.push_back({{"level", "error"}, {"message", {{"text", valid_utf8(e.message)}}}, {"locations", {loc}}});
  }
  json invocation = {{"executionSuccessful", errors.empty()}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
  json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs",
               {{{"tool", {{"driver",
                            {{"name", tool.name},
                             {"version", tool.version},
                             {"rules", rules}}}}},
                 {"invocations", {invocation}},
                 {"results", results}}}}};
  out << dump(log) << '\n';
}

}  // namespace boundaudit::report
