// LA201 unbounded-fanout: one task per item of a collection whose size the audit cannot bound, with no
// semaphore, limiter or pool capping how many run at once. A gather of tasks that a loop started is
// the same fan-out: it is reported once, at the loop's task starter.
#include "loops/rules.hpp"

namespace boundaudit::loops {

const RuleInfo kUnboundedFanout{"LA201", "unbounded-fanout", Severity::warning,
                                "A fan-out starts one task per item of a dynamic collection with no concurrency cap"};

std::optional<std::string> check_unbounded_fanout(const AuditSite& s) {
  if (s.category != Category::fanout || s.bounded() || s.gap != Gap::dynamic_fanout || s.reported_at_line > 0)
    return std::nullopt;
  return "unbounded fan-out: `" + s.call + "` in `" + s.function + "`: " + s.missing;
}

}  // namespace boundaudit::loops
