// CL004 reservation-exceeds-limit: mem_reservation or deploy.resources.reservations.memory above the limit.
#include "compose/memory.hpp"
#include "compose/rules.hpp"

namespace boundaudit::compose::rules {

constexpr RuleInfo CL004{"CL004", "reservation-exceeds-limit", Severity::error,
                         "a memory reservation is larger than the memory limit"};

void check_CL004(const RuleContext& ctx, std::vector<Finding>& out) {
  using State = MemoryField::State;
  for (const auto& s : ctx.services) {
    if (!s.limit) continue;
    for (const MemoryField* r : {&s.mem_reservation, &s.deploy_reservation}) {
      if (r->state != State::value || r->bytes <= *s.limit) continue;
      out.push_back(make_finding(CL004, r->scalar->site,
                                 "service '" + s.service->name + "' reserves " + format_memory(r->bytes) + " (" +
                                     std::string(r->key) + ") but its memory limit is " +
                                     format_memory(*s.limit) + " (" + std::string(to_string(s.limit_source)) + ")",
                                 s.service));
    }
  }
}

}  // namespace boundaudit::compose::rules
