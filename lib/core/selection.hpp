// Which rule codes a run reports: --select / --extend-select / --ignore, by code or code prefix
// ("LA2" is every LA2xx rule, "CL00" every CL00x rule, "ALL" every rule), the same in both tools.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace boundaudit {

struct Selection {
  std::vector<std::string> select;  // empty: every rule
  std::vector<std::string> ignore;  // wins over select

  bool operator==(const Selection&) const = default;
};

// True when some entry is "ALL" or a prefix of code.
bool matches_any(std::span<const std::string> selectors, std::string_view code);

// True when code is reported: selected (or no select list) and not ignored.
bool selected(const Selection& selection, std::string_view code);

// The first selector in the list that matches no rule of the table ("LA7", "CL01"), or nothing.
std::optional<std::string> unknown_selector(std::span<const std::string> selectors, std::span<const RuleInfo> rules);

}  // namespace boundaudit
