#include "report/compose_markdown.hpp"

#include <ostream>

#include <fmt/format.h>

#include "compose/memory.hpp"
#include "report/compose_budget.hpp"
#include "report/report.hpp"

namespace boundaudit::report {
namespace {

std::string percent(double share) { return fmt::format("{:.1f}%", share * 100.0); }

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? std::string(sep) : "") + items[i];
  return out;
}

std::vector<std::string> display_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(display_name(p));
  return out;
}

void write_project(std::ostream& out, const compose::AuditResult& p, bool together) {
  out << "## " << markdown_cell(join(display_paths(p.files), ", ")) << "\n\n";
  if (p.services.empty()) {
    out << "No services.\n\n";
  } else {
    out << "| service | file:line | memory limit | where set | replicas | share of budget | findings |\n"
        << "|---|---|---|---|---|---|---|\n";
    for (const auto& s : p.services) {
      std::string name = markdown_cell(s.name);
      if (!s.profiles.empty())
        name += " (profiles: " + markdown_cell(join(s.profiles, ", ")) + (s.active ? ")" : "; not enabled)");
      std::string limit = s.limit_bytes ? compose::format_memory(*s.limit_bytes) : "none";
      std::string where = s.limit_bytes ? fmt::format("`{}` ({}:{})", compose::to_string(s.limit_source),
                                                      markdown_cell(display_name(s.limit_site.path)), s.limit_site.line)
                                        : "—";
      std::string share = s.budget_share ? percent(*s.budget_share) : "—";
      out << fmt::format("| {} | {}:{} | {} | {} | {} | {} | {} |\n", name, markdown_cell(display_name(s.site.path)),
                         s.site.line, limit, where, s.replicas, share, join(s.findings, ", "));
    }
    out << '\n';
  }
  out << "Total of memory limits × replicas: " << compose::format_memory(p.total_memory_limit_bytes);
  if (p.budget && !together) out << " (" << markdown_cell(budget_summary(p.total_memory_limit_bytes, *p.budget)) << ")";
  if (auto note = inactive_note(p); !note.empty()) out << "; " << markdown_cell(note);
  out << ".\n\n";
}

// --together: each project's subtotal and the sum against the budget.
void write_together(std::ostream& out, const compose::Report& report) {
  out << "## Running together\n\n| project | memory limits × replicas |\n|---|---|\n";
  for (const auto& p : report.projects)
    out << "| " << markdown_cell(join(display_paths(p.files), ", ")) << " | "
        << compose::format_memory(p.total_memory_limit_bytes) << " |\n";
  const auto total = *report.together_total_bytes;
  out << "\nTotal of memory limits × replicas: " << compose::format_memory(total);
  if (!report.projects.empty() && report.projects.front().budget)
    out << " (" << markdown_cell(budget_summary(total, *report.projects.front().budget)) << ")";
  out << ".\n\n";
}

}  // namespace

void write_compose_markdown(std::ostream& out, const compose::Report& report) {
  out << "# composelint report\n\n";
  for (const auto& p : report.projects) write_project(out, p, report.together_total_bytes.has_value());
  if (report.together_total_bytes) write_together(out, report);
  auto findings = report.all_findings();
  out << "## Findings\n\n";
  if (findings.empty()) out << "None.\n";
  for (const auto& f : findings)
    out << fmt::format("- `{}:{}:{}` {}[{}] {}\n", display_name(f.site.path), f.site.line, f.site.column, to_string(f.severity),
                       f.code, markdown_cell(f.message));
  auto errors = report.all_errors();
  if (!errors.empty()) {
    out << "\n## Errors\n\n";
    for (const auto& e : errors)
      out << fmt::format("- `{}{}` {}\n", display_name(e.path), e.line ? fmt::format(":{}", *e.line) : "", markdown_cell(e.message));
  }
}

}  // namespace boundaudit::report
