// loopaudit's rules over the inventory. Each rule file under rules/loopaudit/ holds its RuleInfo, its
// predicate over one audited site and its message; the registry (registry.cpp) lists them in a plain
// table sorted by code.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "core/diagnostic.hpp"
#include "loops/inventory.hpp"

namespace boundaudit::loops {

// The message of the finding a rule raises at this site, or nullopt.
using SiteCheck = std::optional<std::string> (*)(const AuditSite& site);

struct SiteRule {
  const RuleInfo* info;
  SiteCheck check;
};

// The site rules, sorted by code.
std::span<const SiteRule> site_rules();

extern const RuleInfo kSyntaxError;         // LA001 (raised by the driver)
extern const RuleInfo kUnboundedWhile;      // rules/loopaudit/LA101_unbounded_while.cpp
extern const RuleInfo kUnboundedPoll;       // rules/loopaudit/LA102_unbounded_poll.cpp
extern const RuleInfo kUnboundedFanout;     // rules/loopaudit/LA201_unbounded_fanout.cpp
extern const RuleInfo kUnsizedFanout;       // rules/loopaudit/LA202_unsized_fanout.cpp
extern const RuleInfo kSpawnInLoop;         // rules/loopaudit/LA301_spawn_in_loop.cpp
extern const RuleInfo kInvalidSuppression;  // LA900 (directives)
extern const RuleInfo kUnusedSuppression;   // LA901 (directives)

std::optional<std::string> check_unbounded_while(const AuditSite& s);
std::optional<std::string> check_unbounded_poll(const AuditSite& s);
std::optional<std::string> check_unbounded_fanout(const AuditSite& s);
std::optional<std::string> check_unsized_fanout(const AuditSite& s);
std::optional<std::string> check_spawn_in_loop(const AuditSite& s);

}  // namespace boundaudit::loops
