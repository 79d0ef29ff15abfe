// CL007 unresolved-limit-variable: a limit depends on an unset variable without a default.
#include "compose/rules.hpp"

namespace boundaudit::compose::rules {

constexpr RuleInfo CL007{"CL007", "unresolved-limit-variable", Severity::warning,
                         "a memory limit depends on an unset variable with no default, so it cannot be judged"};

void check_CL007(const RuleContext& ctx, std::vector<Finding>& out) {
  using State = MemoryField::State;
  for (const auto& s : ctx.services)
    for (const MemoryField* f : {&s.mem_limit, &s.deploy_limit, &s.memswap_limit}) {
      if (f->state != State::unresolved) continue;
      const auto& vars = f->scalar->unset_variables;
      std::string names;
      for (std::size_t i = 0; i < vars.size(); ++i) names += (i ? ", " : "") + vars[i];
      out.push_back(make_finding(CL007, f->scalar->site,
                                 "service '" + s.service->name + "' " + std::string(f->key) +
                                     " depends on unset variable" + (vars.size() > 1 ? "s " : " ") + names +
                                     " with no default (write ${" + vars.front() + ":-1g} or set it in .env)",
                                 s.service));
    }
}

}  // namespace boundaudit::compose::rules
