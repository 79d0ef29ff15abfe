// CL006 memory-budget-exceeded: the sum of limit × replicas over active services exceeds --memory-budget.
#include <algorithm>

#include "compose/memory.hpp"
#include "compose/rules.hpp"

namespace boundaudit::compose::rules {

constexpr RuleInfo CL006{"CL006", "memory-budget-exceeded", Severity::error,
                         "the services' memory limits (× replicas) add up to more than the memory budget"};

void check_CL006(const RuleContext& ctx, std::vector<Finding>& out) {
  if (!ctx.options.memory_budget || ctx.project.files.empty()) return;
  struct Use {
    const ServiceFacts* facts;
    double bytes;
  };
  std::vector<Use> uses;
  double total = 0;
  for (const auto& s : ctx.services)
    if (s.limit && s.replicas > 0) {
      double bytes = static_cast<double>(*s.limit) * s.replicas;
      uses.push_back({&s, bytes});
      total += bytes;
    }
  auto budget = static_cast<double>(*ctx.options.memory_budget);
  if (total <= budget) return;
  std::stable_sort(uses.begin(), uses.end(), [](const Use& a, const Use& b) { return a.bytes > b.bytes; });
  std::string largest;
  for (std::size_t i = 0; i < uses.size() && i < 3; ++i) {
    const auto& u = uses[i];
    largest += (i ? ", " : "") + u.facts->service->name + " " + format_memory(static_cast<std::int64_t>(u.bytes));
    if (u.facts->replicas > 1)
      largest += " (" + std::to_string(u.facts->replicas) + " × " + format_memory(*u.facts->limit) + ")";
  }
  auto as_bytes = [](double v) { return static_cast<std::int64_t>(std::min(v, 9.2e18)); };
  Site site{ctx.project.files.front(), 1, 1, 1, 1};
  out.push_back(make_finding(CL006, site,
                             "memory limits add up to " + format_memory(as_bytes(total)) + " across " +
                                 std::to_string(uses.size()) + " services, " + format_memory(as_bytes(total - budget)) +
                                 " over the " + format_memory(*ctx.options.memory_budget) +
                                 " budget; largest: " + largest,
                             nullptr));
}

}  // namespace boundaudit::compose::rules
