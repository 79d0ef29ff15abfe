// The memory budget CL006 checks against: a size given by hand (`--memory-budget 8g`, budget="8g" in
// a doc region) or `auto`, the memory of the machine the stacks run on (compose/machine.hpp), less
// the headroom asked to stay free for the host (`--headroom 2g`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "compose/machine.hpp"
#include "core/diagnostic.hpp"

namespace boundaudit::compose {

// `--memory-budget` as written: a positive size, or `auto`.
struct BudgetSpec {
  bool automatic = false;
  std::int64_t bytes = 0;  // the size, when not automatic (> 0)
  bool operator==(const BudgetSpec&) const = default;
};

// "auto" or a positive size ("8g"); otherwise the reason ("invalid size 'lots': ...", "must be positive").
std::variant<BudgetSpec, std::string> parse_budget_spec(std::string_view text);
// A size of 0 or more, for --headroom.
std::variant<std::int64_t, std::string> parse_headroom(std::string_view text);

// How the budget is asked for. The command line fills it; a config file can set the same fields.
struct BudgetOptions {
  std::optional<BudgetSpec> spec;              // none: no budget, CL006 does not run
  std::optional<std::string> docker_settings;  // with `auto`: this Docker Desktop settings file only
  std::int64_t headroom = 0;                   // bytes to keep free for the host
};

// The options from their written forms (the command line's, later a config file's); "" = not given.
// A settings file alone means `auto`; with a size it is an error, as is a headroom without a budget.
// The error names the option: "--headroom: must not be negative".
std::variant<BudgetOptions, std::string> budget_options_from(std::string_view budget, std::string_view docker_settings,
                                                             std::string_view headroom);

struct Budget {
  std::int64_t bytes = 0;             // the whole budget
  std::optional<std::string> source = std::nullopt;  // how `auto` found it ("from Docker Desktop settings at PATH")
  std::int64_t headroom = 0;          // what is to stay free; CL006 checks against usable()
  std::int64_t usable() const { return bytes - headroom; }
  bool operator==(const Budget&) const = default;
};

// "8 GiB budget", "7 GiB budget (8 GiB from Docker Desktop settings at PATH, less 1 GiB headroom)":
// the usable budget and, when there is more to say, where it came from.
std::string budget_phrase(const Budget& budget);

// The budget the options ask for: nullopt without a spec, the machine's memory for `auto`. Errors: a
// Docker Desktop settings file that cannot be used (named), and a headroom that leaves nothing.
std::variant<std::optional<Budget>, InputError> resolve_budget(const BudgetOptions& options, const MachineProbe& probe);

}  // namespace boundaudit::compose
