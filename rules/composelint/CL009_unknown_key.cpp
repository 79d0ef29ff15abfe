// CL009 unknown-key: a key the Compose Specification does not allow, at the top level of a compose
// file or in a service (a typo such as `servics:` or `mem_limt:`); compose refuses the file.
#include <algorithm>

#include "compose/rules.hpp"

namespace boundaudit::compose::rules {

constexpr RuleInfo CL009{"CL009", "unknown-key", Severity::error,
                         "a top-level or service key is not in the Compose Specification (a typo?)"};

void check_CL009(const RuleContext& ctx, std::vector<Finding>& out) {
  for (const UnknownKey& k : ctx.project.unknown_keys) {
    const bool top = k.scope == KeyScope::top_level;
    std::string message = top ? "unknown top-level key '" + k.key + "'"
                              : "service '" + k.service + "' has unknown key '" + k.key + "'";
    message += k.suggestion ? " (did you mean '" + *k.suggestion + "'?)"
                            : top ? " (compose allows services, include, networks, volumes, ..., and x-* keys)"
                                  : " (not a service key of the Compose Specification; extensions start with x-)";
    // Tied to the service of that name when it is active, so its x-composelint ignore applies.
    const auto& services = ctx.project.services;
    auto it = std::find_if(services.begin(), services.end(), [&](const Service& s) { return s.name == k.service; });
    out.push_back(make_finding(CL009, k.site, std::move(message), top || it == services.end() ? nullptr : &*it));
  }
}

}  // namespace boundaudit::compose::rules
