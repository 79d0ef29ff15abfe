// LA301 spawn-in-loop: a process spawn runs once per iteration of a loop whose length the audit
// cannot bound. A spawn in loops over static collections is bounded ("at most 3 processes, in series").
#include "loops/rules.hpp"

namespace boundaudit::loops {

const RuleInfo kSpawnInLoop{"LA301", "spawn-in-loop", Severity::warning,
                            "A process is spawned once per iteration of a loop of unknown length"};

std::optional<std::string> check_spawn_in_loop(const AuditSite& s) {
  if (s.category != Category::spawn || s.bounded() || s.gap != Gap::spawn_per_item) return std::nullopt;
  return "`" + s.call + "` inside a loop in `" + s.function + "`: " + s.missing;
}

}  // namespace boundaudit::loops
