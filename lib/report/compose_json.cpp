#include "report/compose_json.hpp"

#include <ostream>

#include "report/json_common.hpp"

namespace boundaudit::report {

void write_compose_json(std::ostream& out, std::string_view version, const compose::Report& report) {
  using nlohmann::json;
  auto or_null = [](const auto& opt) { return opt ? json(*opt) : json(nullptr); };
  auto texts = [](const std::vector<std::string>& items, auto convert) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(convert(i));
    return out;
  };
  auto paths = [&](const std::vector<std::string>& items) { return texts(items, [](const auto& p) { return display_path(p); }); };
  auto values = [&](const std::vector<std::string>& items) { return texts(items, [](const auto& v) { return valid_utf8(v); }); };
  json projects = json::array();
  for (const auto& p : report.projects) {
    json services = json::array();
    for (const auto& s : p.services) {
      auto source = compose::to_string(s.limit_source);
      services.push_back({{"name", valid_utf8(s.name)},
                          {"file", display_path(s.site.path)},
                          {"line", s.site.line},
                          {"column", s.site.column},
                          {"memory_limit_bytes", or_null(s.limit_bytes)},
                          {"limit_source", source.empty() ? json(nullptr) : json(source)},
                          {"limit_file", s.limit_bytes ? json(display_path(s.limit_site.path)) : json(nullptr)},
                          {"limit_line", s.limit_bytes ? json(s.limit_site.line) : json(nullptr)},
                          {"replicas", s.replicas},
                          {"profiles", values(s.profiles)},
                          {"active", s.active},
                          {"budget_share", or_null(s.budget_share)},
                          {"findings", s.findings}});
    }
    projects.push_back({{"files", paths(p.files)},
                        {"services", services},
                        {"total_memory_limit_bytes", p.total_memory_limit_bytes},
                        {"memory_budget_bytes", p.budget ? json(p.budget->bytes) : json(nullptr)},
                        {"memory_budget_source", p.budget && p.budget->source ? json(valid_utf8(*p.budget->source)) : json(nullptr)},
                        {"memory_headroom_bytes", p.budget ? json(p.budget->headroom) : json(nullptr)}});
  }
  json together = nullptr;
  if (report.together_total_bytes) {
    json subtotals = json::array();
    for (const auto& p : report.projects)
      subtotals.push_back({{"files", paths(p.files)}, {"total_memory_limit_bytes", p.total_memory_limit_bytes}});
    together = {{"projects", subtotals}, {"total_memory_limit_bytes", *report.together_total_bytes}};
  }
  json findings = json::array();
  for (const auto& f : report.all_findings()) {
    json j = to_json(f);
    j["service"] = f.subject.empty() ? json(nullptr) : json(valid_utf8(f.subject));
    findings.push_back(std::move(j));
  }
  json errors = json::array();
  for (const auto& e : report.all_errors()) errors.push_back(to_json(e));
  json doc = {{"tool", {{"name", "composelint"}, {"version", version}}},
              {"projects", projects},
              {"together", together},
              {"findings", findings},
              {"errors", errors}};
  out << dump(doc) << '\n';
}

}  // namespace boundaudit::report
