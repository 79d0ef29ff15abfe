// CL003 conflicting-memory-limits: mem_limit and deploy.resources.limits.memory both set and different.
#include "compose/memory.hpp"
#include "compose/rules.hpp"

namespace boundaudit::compose::rules {

constexpr RuleInfo CL003{"CL003", "conflicting-memory-limits", Severity::warning,
                         "mem_limit and deploy.resources.limits.memory are both set and differ"};

void check_CL003(const RuleContext& ctx, std::vector<Finding>& out) {
  using State = MemoryField::State;
  for (const auto& s : ctx.services) {
    const auto& a = s.mem_limit;
    const auto& b = s.deploy_limit;
    if (a.state != State::value || b.state != State::value || a.bytes == b.bytes) continue;
    if (a.bytes <= 0 || b.bytes <= 0) continue;  // CL002 reports those
    const Site& other = b.scalar->site;
    std::string where = (other.path == a.scalar->site.path ? "line " : other.path + ":") + std::to_string(other.line);
    out.push_back(make_finding(CL003, a.scalar->site,
                               "service '" + s.service->name + "' sets mem_limit " + format_memory(a.bytes) +
                                   " but deploy.resources.limits.memory " + format_memory(b.bytes) + " (" + where +
                                   "); docker compose applies the deploy limit",
                               s.service));
  }
}

}  // namespace boundaudit::compose::rules
