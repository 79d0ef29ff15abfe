// Variable interpolation exactly as compose does it in compose files:
//   $VAR  ${VAR}  ${VAR:-default}  ${VAR-default}  ${VAR:?error}  ${VAR?error}  ${VAR:+alt}  ${VAR+alt}
//   $$ (a literal $), and nested forms such as ${A:-${B:-1g}}.
// `:` variants treat an empty value like an unset one. A `$` followed by anything else is an invalid
// template (an error, as in compose). Defaults and messages are interpolated only when used.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boundaudit::compose {

// Returns the value of a variable, or nullopt when it is unset.
using VariableLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Caps on what expansion may produce, so `A=${B}${B}` chains cannot grow until allocation fails.
// One budget is shared by a whole project load (its .env files and its compose values).
struct ExpansionBudget {
  std::size_t max_value = std::size_t{1} << 20;  // one value after expansion: 1 MiB
  std::size_t max_total = std::size_t{16} << 20;  // all values expanded through this budget: 16 MiB
  std::size_t used = 0;                           // bytes expanded so far
};

struct Interpolated {
  std::string text;
  std::vector<std::string> unset_variables;  // used without a default; each became "" (as compose does);
                                             // also a ${VAR:?err} that failed
  std::string error;                         // "" on success; else the whole result is unusable
  bool too_large = false;                    // the error is a budget limit (the message names the variable)
  bool ok() const { return error.empty(); }
};

// Without a budget, a default one (1 MiB per value) is used for this call alone.
Interpolated interpolate(std::string_view text, const VariableLookup& lookup, ExpansionBudget* budget = nullptr);

// True when text contains no `$` at all (the common case: no work to do).
inline bool needs_interpolation(std::string_view text) { return text.find('$') != std::string_view::npos; }

}  // namespace boundaudit::compose
