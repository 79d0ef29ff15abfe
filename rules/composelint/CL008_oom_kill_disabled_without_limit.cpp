// CL008 oom-kill-disabled-without-limit: oom_kill_disable is true on a service with no memory limit.
#include "compose/rules.hpp"

namespace boundaudit::compose::rules {

constexpr RuleInfo CL008{"CL008", "oom-kill-disabled-without-limit", Severity::error,
                         "oom_kill_disable: true on a service with no memory limit"};

void check_CL008(const RuleContext& ctx, std::vector<Finding>& out) {
  using State = MemoryField::State;
  for (const auto& s : ctx.services) {
    if (s.oom_kill_disable != true || s.limit) continue;
    // A limit that is unresolved or does not parse may still be a real limit at run time: CL007 and
    // CL002 say so, and this rule keeps quiet rather than guess.
    bool unknown = false;
    for (const MemoryField* f : {&s.mem_limit, &s.deploy_limit})
      unknown = unknown || f->state == State::unresolved || f->state == State::invalid;
    if (unknown) continue;
    out.push_back(make_finding(CL008, s.service->oom_kill_disable->site,
                               "service '" + s.service->name +
                                   "' sets oom_kill_disable: true without a memory limit: nothing stops it from "
                                   "taking all the host's memory (set mem_limit, or drop oom_kill_disable)",
                               s.service));
  }
}

}  // namespace boundaudit::compose::rules
