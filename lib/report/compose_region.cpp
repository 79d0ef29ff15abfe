#include "report/compose_region.hpp"

#include <algorithm>
#include <map>
#include <ostream>

#include <fmt/format.h>

#include "compose/memory.hpp"
#include "report/compose_budget.hpp"
#include "report/region_common.hpp"
#include "report/report.hpp"

namespace boundaudit::report {

void write_compose_region(std::ostream& out, const compose::AuditResult& p, const ComposeRegionOptions& options) {
  std::vector<std::string> paths;
  for (const auto& s : p.services) {
    paths.push_back(relative_to(s.site.path, options.base));
    if (s.limit_bytes) paths.push_back(relative_to(s.limit_site.path, options.base));
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  const auto shorts = unique_suffixes(paths);
  auto where = [&](const Site& site) {
    auto rel = relative_to(site.path, options.base);
    if (!options.lines) return code_span(shorts.at(rel));
    return fmt::format("[{}]({}#L{})", code_span(fmt::format("{}:{}", shorts.at(rel), site.line)), rel, site.line);
  };

  if (p.services.empty()) {
    out << "No services.\n";
  } else {
    const bool budget = p.budget.has_value();
    out << "| Service | Defined in | Limit | Set by | Replicas |"
        << (budget ? fmt::format(" Share of {} |", compose::format_memory(p.budget->usable())) : std::string())
        << " Findings |\n|---|---|---|---|---|" << (budget ? "---|" : "") << "---|\n";
    for (const auto& s : p.services) {
      std::string name = code_span(s.name);
      if (!s.profiles.empty()) {
        std::string list;
        for (const auto& profile : s.profiles) list += (list.empty() ? "" : ", ") + profile;
        name += " (profile " + list + (s.active ? ")" : ", not enabled)");
      }
      std::string limit = s.limit_bytes ? compose::format_memory(*s.limit_bytes) : "**none**";
      std::string set_by = "—";
      if (s.limit_bytes) {
        set_by = code_span(compose::to_string(s.limit_source));
        if (options.lines || s.limit_site.path != s.site.path) set_by += " in " + where(s.limit_site);
      }
      std::string findings;
      for (const auto& code : s.findings) findings += (findings.empty() ? "" : ", ") + code;
      out << "| " << markdown_cell(name) << " | " << where(s.site) << " | " << limit << " | " << markdown_cell(set_by)
          << " | " << s.replicas << " | ";
      if (budget) out << (s.budget_share ? fmt::format("{:.1f}%", *s.budget_share * 100.0) : "—") << " | ";
      out << (findings.empty() ? "—" : findings) << " |\n";
    }
  }
  out << "\n**Total**: " << compose::format_memory(p.total_memory_limit_bytes) << " of limits × replicas";
  if (p.budget) {
    out << ", " << markdown_cell(budget_summary(p.total_memory_limit_bytes, *p.budget));
    bool over = std::any_of(p.findings.begin(), p.findings.end(), [](const Finding& f) { return f.code == "CL006"; });
    if (over) out << " (CL006)";
  }
  if (auto note = inactive_note(p); !note.empty()) out << "; " << markdown_cell(note);
  out << ".\n";
  // Findings about no single service (the budget, suppressions), said once without line numbers.
  std::vector<std::string> names;
  for (const auto& s : p.services) names.push_back(s.name);
  bool listed = false;
  for (const auto& f : p.findings) {
    if (f.code == "CL006" || std::find(names.begin(), names.end(), f.subject) != names.end()) continue;
    out << (listed ? "" : "\n") << "- " << f.code << ": " << markdown_cell(f.message) << '\n';
    listed = true;
  }
  if (!p.errors.empty()) {
    out << fmt::format("\n**{}**:\n\n", counted(p.errors.size(), "input error", "input errors"));
    for (const auto& e : p.errors) out << "- " << code_span(relative_to(e.path, options.base)) << ": " << markdown_cell(e.message) << '\n';
  }
}

}  // namespace boundaudit::report
