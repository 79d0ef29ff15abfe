// `.env` files as compose reads them:
//   KEY=VALUE          unquoted: trimmed, ` #` starts a comment, variables expanded
//   export KEY=VALUE   `export ` prefix ignored
//   KEY="VALUE"        double quotes: \n \r \t \\ \" \$ escapes, may span lines, variables expanded
//   KEY='VALUE'        single quotes: literal, may span lines
//   KEY                alone: inherits KEY from the environment when set
//   # comment, blank lines
// Expansion inside values sees the environment first, then keys defined earlier in the same file.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "compose/interpolate.hpp"
#include "core/diagnostic.hpp"

namespace boundaudit::compose {

struct Dotenv {
  std::map<std::string, std::string> values;
  std::optional<InputError> error;  // parsing stops at the first bad line; values before it are kept
};

// A value whose expansion exceeds the budget (1 MiB for one value by default) is an error at its line
// naming the variable, and parsing stops there.
Dotenv parse_dotenv(const Source& source, const VariableLookup& environment, ExpansionBudget* budget = nullptr);

}  // namespace boundaudit::compose
