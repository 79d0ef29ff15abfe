// LA101 unbounded-while: a `while` loop with neither a condition nor any exit.
#include "loops/checks.hpp"

namespace boundaudit::loops {

const RuleInfo kUnboundedWhile{"LA101", "unbounded-while", Severity::error,
                               "A `while True` loop has no break, return or raise, so nothing ends it"};

void check_while(Analysis& a, std::vector<AuditSite>* out) {
  const auto& m = a.model();
  for (const auto& w : m.whiles) {
    auto site = make_site(m, Category::while_loop, w.node, w.scope, w.loop, "");
    auto verdict = classify_while(a, w);
    site.bound = std::move(verdict.bound);
    site.bounded = verdict.bounded;
    if (!site.bounded) site.rule = std::string(kUnboundedWhile.code);
    out->push_back(std::move(site));
  }
}

}  // namespace boundaudit::loops
