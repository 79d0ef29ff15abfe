#include "compose/registry.hpp"

#include <array>

namespace boundaudit::compose {
namespace {

constexpr RuleInfo kInvalidSuppression{"CL900", "invalid-suppression", Severity::warning,
                                       "a composelint suppression is malformed or names an unknown code"};
constexpr RuleInfo kUnusedSuppression{"CL901", "unused-suppression", Severity::warning,
                                      "a composelint suppression suppresses nothing"};

// Sorted by code; tests/compose/registry_test.cpp checks it.
const std::array<Rule, 11>& table() {
  static const std::array<Rule, 11> kRules{{
      {&rules::CL001, rules::check_CL001},
      {&rules::CL002, rules::check_CL002},
      {&rules::CL003, rules::check_CL003},
      {&rules::CL004, rules::check_CL004},
      {&rules::CL005, rules::check_CL005},
      {&rules::CL006, rules::check_CL006},
      {&rules::CL007, rules::check_CL007},
      {&rules::CL008, rules::check_CL008},
      {&rules::CL009, rules::check_CL009},
      {&kInvalidSuppression, nullptr},
      {&kUnusedSuppression, nullptr},
  }};
  return kRules;
}

}  // namespace

std::span<const Rule> rule_table() { return table(); }

std::span<const RuleInfo> rule_infos() {
  static const auto kInfos = [] {
    std::array<RuleInfo, 11> infos{};
    for (std::size_t i = 0; i < infos.size(); ++i) infos[i] = *table()[i].info;
    return infos;
  }();
  return kInfos;
}

const RuleInfo* find_rule(std::string_view code) {
  for (const auto& rule : table())
    if (rule.info->code == code) return rule.info;
  return nullptr;
}

}  // namespace boundaudit::compose
