#include "core/selection.hpp"

#include <algorithm>

namespace boundaudit {

bool matches_any(std::span<const std::string> selectors, std::string_view code) {
  return std::any_of(selectors.begin(), selectors.end(),
                     [&](const std::string& s) { return s == "ALL" || (!s.empty() && code.starts_with(s)); });
}

bool selected(const Selection& selection, std::string_view code) {
  if (!selection.select.empty() && !matches_any(selection.select, code)) return false;
  return !matches_any(selection.ignore, code);
}

std::optional<std::string> unknown_selector(std::span<const std::string> selectors, std::span<const RuleInfo> rules) {
  for (const auto& s : selectors)
    if (std::none_of(rules.begin(), rules.end(),
                     [&](const RuleInfo& r) { return matches_any(std::span<const std::string>(&s, 1), r.code); }))
      return s;
  return std::nullopt;
}

}  // namespace boundaudit
