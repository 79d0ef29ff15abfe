// CL006 memory-budget-exceeded: the sum of limit × replicas over the active services (those without a
// profile and those of the selected profiles, Service::active) exceeds the budget (less its headroom);
// with --together, over the active services of every project on the command line.
#include <algorithm>

#include "compose/memory.hpp"
#include "compose/rules.hpp"

namespace boundaudit::compose::rules {

constexpr RuleInfo CL006{"CL006", "memory-budget-exceeded", Severity::error,
                         "the services' memory limits (× replicas) add up to more than the memory budget"};

void check_CL006(const RuleContext& ctx, std::vector<Finding>& out) {
  if (!ctx.options.budget || ctx.budget_scope.empty() || ctx.project.files.empty()) return;
  const bool together = ctx.budget_scope.size() > 1;
  struct Use {
    const ServiceFacts* facts;
    const Project* project;
    double bytes;
  };
  std::vector<Use> uses;
  std::vector<double> subtotals;
  double total = 0;
  for (const auto& part : ctx.budget_scope) {
    double subtotal = 0;
    for (const auto& s : *part.services)
      if (s.limit && s.replicas > 0 && s.service->active) {
        double bytes = static_cast<double>(*s.limit) * s.replicas;
        uses.push_back({&s, part.project, bytes});
        subtotal += bytes;
      }
    subtotals.push_back(subtotal);
    total += subtotal;
  }
  const auto budget = static_cast<double>(ctx.options.budget->usable());
  if (total <= budget) return;
  auto as_bytes = [](double v) { return static_cast<std::int64_t>(std::min(v, 9.2e18)); };
  auto label = [](const Project& p) { return p.files.empty() ? std::string("?") : p.files.front(); };
  std::stable_sort(uses.begin(), uses.end(), [](const Use& a, const Use& b) { return a.bytes > b.bytes; });
  std::string largest;
  for (std::size_t i = 0; i < uses.size() && i < 3; ++i) {
    const auto& u = uses[i];
    largest += (i ? ", " : "") + u.facts->service->name + " " + format_memory(as_bytes(u.bytes));
    if (u.facts->replicas > 1)
      largest += " (" + std::to_string(u.facts->replicas) + " × " + format_memory(*u.facts->limit) + ")";
    if (together) largest += " in " + label(*u.project);
  }
  std::string what = "memory limits add up to " + format_memory(as_bytes(total)) + " across " +
                     std::to_string(uses.size()) + " services";
  if (together) {
    what = "memory limits of " + std::to_string(ctx.budget_scope.size()) + " projects run together add up to " +
           format_memory(as_bytes(total)) + " (";
    for (std::size_t i = 0; i < ctx.budget_scope.size(); ++i)
      what += (i ? ", " : "") + label(*ctx.budget_scope[i].project) + " " + format_memory(as_bytes(subtotals[i]));
    what += ")";
  }
  Site site{ctx.project.files.front(), 1, 1, 1, 1};
  out.push_back(make_finding(CL006, site,
                             what + ", " + format_memory(as_bytes(total - budget)) + " over the " +
                                 budget_phrase(*ctx.options.budget) + "; largest: " + largest,
                             nullptr));
}

}  // namespace boundaudit::compose::rules
