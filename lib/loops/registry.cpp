#include "loops/registry.hpp"

#include <algorithm>
#include <array>

#include "loops/rules.hpp"

namespace boundaudit::loops {

const RuleInfo kSyntaxError{"LA001", "syntax-error", Severity::note,
                            "The file has a syntax error; it was audited with tree-sitter's error recovery"};
const RuleInfo kInvalidSuppression{"LA900", "invalid-suppression", Severity::warning,
                                   "A `# loopaudit:` comment is malformed or names an unknown code or bound kind"};
const RuleInfo kUnusedSuppression{"LA901", "unused-suppression", Severity::warning,
                                  "A `# loopaudit:` directive covers no finding or site"};

namespace {
// Sorted by code; tests/loops/registry_test.cpp checks the order, the docs and the fixture folders.
const std::array<SiteRule, 5> kSiteRules{{{&kUnboundedWhile, check_unbounded_while},
                                          {&kUnboundedPoll, check_unbounded_poll},
                                          {&kUnboundedFanout, check_unbounded_fanout},
                                          {&kUnsizedFanout, check_unsized_fanout},
                                          {&kSpawnInLoop, check_spawn_in_loop}}};
const std::array<const RuleInfo*, 8> kRules{&kSyntaxError,   &kUnboundedWhile,     &kUnboundedPoll,
                                            &kUnboundedFanout, &kUnsizedFanout,     &kSpawnInLoop,
                                            &kInvalidSuppression, &kUnusedSuppression};
}  // namespace

std::span<const SiteRule> site_rules() { return kSiteRules; }

std::span<const RuleInfo> rules() {
  // The table holds copies so callers get a contiguous span of values.
  static const std::array<RuleInfo, kRules.size()> table = [] {
    std::array<RuleInfo, kRules.size()> t{};
    for (std::size_t i = 0; i < kRules.size(); ++i) t[i] = *kRules[i];
    return t;
  }();
  return table;
}

const RuleInfo* find_rule(std::string_view code) {
  auto all = rules();
  auto it = std::lower_bound(all.begin(), all.end(), code, [](const RuleInfo& r, std::string_view c) { return r.code < c; });
  return it != all.end() && it->code == code ? &*it : nullptr;
}

}  // namespace boundaudit::loops
