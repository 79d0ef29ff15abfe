#include "report/compose_budget.hpp"

#include <ostream>
#include <set>

#include <fmt/format.h>

#include "compose/memory.hpp"
#include "report/report.hpp"

namespace boundaudit::report {

std::string budget_summary(std::int64_t total, const compose::Budget& budget) {
  const auto usable = budget.usable();
  if (usable <= 0) return "no budget left after the " + compose::format_memory(budget.headroom) + " headroom";
  std::string out = fmt::format("{:.1f}% of the {}", static_cast<double>(total) / static_cast<double>(usable) * 100.0,
                                compose::budget_phrase(budget));
  if (total <= usable) return out + ", " + compose::format_memory(usable - total) + " left";
  return out + ", " + compose::format_memory(total - usable) + " over";
}

std::string inactive_note(const compose::AuditResult& project) {
  std::vector<const compose::ServiceRow*> inactive;
  std::set<std::string> profiles;
  for (const auto& s : project.services)
    if (!s.active && s.limit_bytes) {  // one without a limit would add nothing anyway
      inactive.push_back(&s);
      profiles.insert(s.profiles.begin(), s.profiles.end());
    }
  if (inactive.empty()) return "";
  std::string list;
  for (const auto& p : profiles) list += (list.empty() ? "" : ", ") + p;
  if (inactive.size() == 1)
    return fmt::format("not counted: {} (profile{} {} not enabled)", inactive.front()->name,
                       profiles.size() == 1 ? "" : "s", list);
  return fmt::format("not counted: {} services of profiles not enabled ({})", inactive.size(), list);
}

void write_compose_budget_text(std::ostream& out, const compose::Report& report) {
  if (report.projects.empty()) return;
  const auto& budget = report.projects.front().budget;
  auto label = [](const compose::AuditResult& p) {
    return p.files.empty() ? std::string("?") : display_path(p.files.front());
  };
  if (report.together_total_bytes) {
    std::string parts;
    for (const auto& p : report.projects)
      parts += (parts.empty() ? "" : ", ") + label(p) + " " + compose::format_memory(p.total_memory_limit_bytes);
    out << "composelint: memory: together " << compose::format_memory(*report.together_total_bytes)
        << " of limits × replicas (" << parts << ")";
    if (budget) out << ", " << valid_utf8(budget_summary(*report.together_total_bytes, *budget));
    out << '\n';
    for (const auto& p : report.projects)
      if (auto note = inactive_note(p); !note.empty())
        out << "composelint: memory: " << label(p) << ": " << valid_utf8(note) << '\n';
    return;
  }
  if (!budget) return;
  for (const auto& p : report.projects) {
    out << "composelint: memory: " << label(p) << ": " << compose::format_memory(p.total_memory_limit_bytes)
        << " of limits × replicas, " << valid_utf8(budget_summary(p.total_memory_limit_bytes, *budget));
    if (auto note = inactive_note(p); !note.empty()) out << "; " << valid_utf8(note);
    out << '\n';
  }
}

}  // namespace boundaudit::report
