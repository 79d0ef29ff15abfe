#include "report/baseline.hpp"

#include <fmt/format.h>

#include "core/utf8.hpp"

namespace boundaudit::report {

std::string baseline_summary_text(std::string_view tool, const std::string& baseline_path, const BaselineOutcome& outcome) {
  if (outcome.fixed.empty()) return "";
  const std::size_t n = outcome.fixed.size();
  std::string out = fmt::format("{}: {}: {} baseline entr{} no longer match{} (fixed); --write-baseline drops {}\n", tool,
                                display_name(baseline_path), n, n == 1 ? "y" : "ies", n == 1 ? "es" : "",
                                n == 1 ? "it" : "them");
  for (const auto& e : outcome.fixed) {
    out += fmt::format("  {} {}", display_text(e.key.rule), display_name(e.key.path));
    if (!e.key.anchor.empty()) out += fmt::format(" in `{}`", display_text(e.key.anchor));
    if (!e.key.text.empty()) out += ": " + display_text(e.key.text);
    out += '\n';
  }
  return out;
}

nlohmann::json baseline_summary_json(const std::string& baseline_path, const BaselineOutcome& outcome) {
  auto fixed = nlohmann::json::array();
  for (const auto& e : outcome.fixed)
    fixed.push_back({{"rule", e.key.rule},
                     {"path", e.key.path},
                     {"anchor", e.key.anchor},
                     {"text", e.key.text},
                     {"message", e.message}});
  return {{"path", display_path(baseline_path)}, {"matched", outcome.matched}, {"fixed", std::move(fixed)}};
}

}  // namespace boundaudit::report
