// loopaudit's rules: one plain table sorted by code (for --explain, SARIF rule metadata, --select).
#pragma once

#include <span>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/suppression.hpp"

namespace boundaudit::loops {

// Every rule, sorted by code. LA001 and LA9xx are reserved codes of the tool itself.
std::span<const RuleInfo> rules();
// The rule with this code, or nullptr.
const RuleInfo* find_rule(std::string_view code);
// The codes suppressions report with.
inline constexpr SuppressionCodes kSuppressionCodes{"LA900", "LA901"};

}  // namespace boundaudit::loops
