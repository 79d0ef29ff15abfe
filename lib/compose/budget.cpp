#include "compose/budget.hpp"

#include "compose/memory.hpp"

namespace boundaudit::compose {

std::variant<BudgetSpec, std::string> parse_budget_spec(std::string_view text) {
  if (text == "auto") return BudgetSpec{true, 0};
  auto value = parse_memory(text);
  if (!value) return value.error;
  if (*value.bytes <= 0) return std::string("must be positive (or auto)");
  return BudgetSpec{false, *value.bytes};
}

std::variant<std::int64_t, std::string> parse_headroom(std::string_view text) {
  auto value = parse_memory(text);
  if (!value) return value.error;
  if (*value.bytes < 0) return std::string("must not be negative");
  return *value.bytes;
}

std::variant<BudgetOptions, std::string> budget_options_from(std::string_view budget, std::string_view docker_settings,
                                                             std::string_view headroom) {
  BudgetOptions out;
  if (!budget.empty() || !docker_settings.empty()) {
    auto spec = parse_budget_spec(budget.empty() ? std::string_view("auto") : budget);
    if (auto* why = std::get_if<std::string>(&spec)) return "--memory-budget: " + *why;
    out.spec = std::get<BudgetSpec>(spec);
    if (!docker_settings.empty() && !out.spec->automatic)
      return std::string("--docker-settings goes with --memory-budget auto, not a size");
    if (!docker_settings.empty()) out.docker_settings = std::string(docker_settings);
  }
  if (!headroom.empty()) {
    if (!out.spec) return std::string("--headroom goes with --memory-budget");
    auto bytes = parse_headroom(headroom);
    if (auto* why = std::get_if<std::string>(&bytes)) return "--headroom: " + *why;
    out.headroom = std::get<std::int64_t>(bytes);
  }
  return out;
}

std::string budget_phrase(const Budget& budget) {
  std::string out = format_memory(budget.usable()) + " budget";
  if (!budget.source && budget.headroom == 0) return out;
  out += " (" + format_memory(budget.bytes);
  if (budget.source) out += " " + *budget.source;
  if (budget.headroom != 0) out += (budget.source ? ", less " : " less ") + format_memory(budget.headroom) + " headroom";
  return out + ")";
}

std::variant<std::optional<Budget>, InputError> resolve_budget(const BudgetOptions& options, const MachineProbe& probe) {
  if (!options.spec) return std::optional<Budget>{};
  Budget budget;
  budget.headroom = options.headroom;
  if (options.spec->automatic) {
    auto found = machine_memory(probe);
    if (auto* error = std::get_if<InputError>(&found)) return *error;
    auto& memory = std::get<MachineMemory>(found);
    budget.bytes = memory.bytes;
    budget.source = std::move(memory.source);
  } else {
    budget.bytes = options.spec->bytes;
  }
  if (budget.usable() <= 0)
    return InputError{std::string(), std::nullopt,
                      "the headroom " + format_memory(budget.headroom) + " leaves nothing of the " +
                          format_memory(budget.bytes) + " budget" + (budget.source ? " " + *budget.source : "")};
  return std::optional<Budget>{std::move(budget)};
}

}  // namespace boundaudit::compose
