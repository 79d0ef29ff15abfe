// LA101 unbounded-while: a while loop that nothing ends: no exit leaves it, or its condition reads
// only state nothing in the loop changes, and no deadline, timeout or caller timeout bounds it.
#include "loops/rules.hpp"

namespace boundaudit::loops {

const RuleInfo kUnboundedWhile{"LA101", "unbounded-while", Severity::error,
                               "A `while` loop has no exit that ends it and no time bound"};

std::optional<std::string> check_unbounded_while(const AuditSite& s) {
  if (s.category != Category::while_loop || s.bounded() || s.gap != Gap::no_exit) return std::nullopt;
  return "`while` loop in `" + s.function + "` never ends: " + s.missing;
}

}  // namespace boundaudit::loops
