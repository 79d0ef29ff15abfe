// CL002 invalid-memory-limit: a limit that does not parse, is negative, or is 0 (unlimited).
#include "compose/memory.hpp"
#include "compose/rules.hpp"

namespace boundaudit::compose::rules {

constexpr RuleInfo CL002{"CL002", "invalid-memory-limit", Severity::error,
                         "a memory limit does not parse, is negative, or is 0 (which means unlimited)"};

namespace {

void check_field(const MemoryField& f, const Service& service, std::vector<Finding>& out) {
  using State = MemoryField::State;
  std::string what;
  if (f.state == State::invalid)
    what = "does not parse: " + f.error;
  else if (f.state == State::value && f.bytes == 0)
    what = "is 0, which means no limit at all";
  else if (f.state == State::value && f.bytes < 0)
    what = "is negative (" + std::to_string(f.bytes) + ")";
  else
    return;
  out.push_back(make_finding(CL002, f.scalar->site,
                             "service '" + service.name + "' " + std::string(f.key) + " '" + f.scalar->text +
                                 "' " + what,
                             &service));
}

}  // namespace

void check_CL002(const RuleContext& ctx, std::vector<Finding>& out) {
  for (const auto& s : ctx.services) {
    check_field(s.mem_limit, *s.service, out);
    check_field(s.deploy_limit, *s.service, out);
  }
}

}  // namespace boundaudit::compose::rules
