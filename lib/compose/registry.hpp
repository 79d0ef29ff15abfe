// composelint's rules: one plain table, sorted by code (like ninja's kTools[]).
#pragma once

#include <span>
#include <string_view>

#include "compose/rules.hpp"
#include "core/diagnostic.hpp"
#include "core/suppression.hpp"

namespace boundaudit::compose {

struct Rule {
  const RuleInfo* info;
  CheckFn check;  // null for CL900/CL901, which the suppression pass reports
};

// Every rule, sorted by code.
std::span<const Rule> rule_table();

// The same rules' metadata, contiguous (for SARIF's rule list).
std::span<const RuleInfo> rule_infos();

// The rule with this code, or null.
const RuleInfo* find_rule(std::string_view code);

inline constexpr SuppressionCodes kSuppressionCodes{"CL900", "CL901"};
inline constexpr std::string_view kToolName = "composelint";

}  // namespace boundaudit::compose
