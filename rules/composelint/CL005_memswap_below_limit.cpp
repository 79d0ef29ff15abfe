// CL005 memswap-below-limit: memswap_limit set (not -1) and lower than the memory limit.
#include "compose/memory.hpp"
#include "compose/rules.hpp"

namespace boundaudit::compose::rules {

constexpr RuleInfo CL005{"CL005", "memswap-below-limit", Severity::error,
                         "memswap_limit is lower than the memory limit"};

void check_CL005(const RuleContext& ctx, std::vector<Finding>& out) {
  using State = MemoryField::State;
  for (const auto& s : ctx.services) {
    const auto& swap = s.memswap_limit;
    // -1 means unlimited swap and 0 means "not set" to docker.
    if (!s.limit || swap.state != State::value || swap.bytes == -1 || swap.bytes == 0) continue;
    if (swap.bytes >= *s.limit) continue;
    out.push_back(make_finding(CL005, swap.scalar->site,
                               "service '" + s.service->name + "' memswap_limit " + format_memory(swap.bytes) +
                                   " is below its memory limit " + format_memory(*s.limit) +
                                   " (memswap_limit counts memory plus swap)",
                               s.service));
  }
}

}  // namespace boundaudit::compose::rules
