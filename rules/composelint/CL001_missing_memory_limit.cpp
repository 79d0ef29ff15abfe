// CL001 missing-memory-limit: a service has neither mem_limit nor deploy.resources.limits.memory.
#include "compose/rules.hpp"

namespace boundaudit::compose::rules {

constexpr RuleInfo CL001{"CL001", "missing-memory-limit", Severity::error,
                         "a service has no memory limit after resolution"};

void check_CL001(const RuleContext& ctx, std::vector<Finding>& out) {
  using State = MemoryField::State;
  for (const auto& s : ctx.services) {
    // An invalid or unresolved limit is CL002's or CL007's business.
    if (s.mem_limit.state != State::absent || s.deploy_limit.state != State::absent) continue;
    out.push_back(make_finding(CL001, s.service->site,
                               "service '" + s.service->name +
                                   "' has no memory limit (set mem_limit or deploy.resources.limits.memory)",
                               s.service));
  }
}

}  // namespace boundaudit::compose::rules
