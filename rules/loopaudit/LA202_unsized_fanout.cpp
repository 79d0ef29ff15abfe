// LA202 unsized-fanout: one task per item of a collection whose size the audit cannot see (a
// parameter, a method's result, a collection the program already holds) and no cap on how many run at
// once. Nothing shows that it grows with input either, so it is a note: what is missing for a bound.
#include "loops/rules.hpp"

namespace boundaudit::loops {

const RuleInfo kUnsizedFanout{"LA202", "unsized-fanout", Severity::note,
                              "A fan-out over a collection of unknown size has no concurrency cap, and no evidence says it is small"};

std::optional<std::string> check_unsized_fanout(const AuditSite& s) {
  if (s.category != Category::fanout || s.bounded() || s.gap != Gap::unsized_fanout || s.reported_at_line > 0)
    return std::nullopt;
  return "fan-out of unknown size: `" + s.call + "` in `" + s.function + "`: " + s.missing;
}

}  // namespace boundaudit::loops
