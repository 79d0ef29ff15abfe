// LA102 unbounded-poll: a loop that sleeps while it waits for state it does not change itself (a
// flag, a readiness check, a retried call) and has no deadline, attempt limit or timeout, its own or
// its callers'. It ends only if the other side ever answers.
#include "loops/rules.hpp"

namespace boundaudit::loops {

const RuleInfo kUnboundedPoll{"LA102", "unbounded-poll", Severity::warning,
                              "A polling or retry loop has no deadline, attempt limit or timeout"};

std::optional<std::string> check_unbounded_poll(const AuditSite& s) {
  if (s.category != Category::while_loop || s.bounded() || s.gap != Gap::poll) return std::nullopt;
  return "polling loop in `" + s.function + "` has no time limit: " + s.missing;
}

}  // namespace boundaudit::loops
