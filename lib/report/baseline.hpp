// What a run with --baseline says about the baseline: how many findings it hid and which of its
// entries no longer match (fixed), for the text formats and for the JSON formats.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/baseline.hpp"

namespace boundaudit::report {

// "" when every entry still matches; otherwise, one line per entry under a header:
//   loopaudit: baseline.json: 2 baseline entries no longer match (fixed); --write-baseline drops them
//     LA101 src/a.py in `Worker.run`: while True:
// Every name and text is escaped for a terminal (display_text).
std::string baseline_summary_text(std::string_view tool, const std::string& baseline_path, const BaselineOutcome& outcome);

// {"path": ..., "matched": N, "fixed": [{"rule", "path", "anchor", "text", "message"}, ...]}
nlohmann::json baseline_summary_json(const std::string& baseline_path, const BaselineOutcome& outcome);

}  // namespace boundaudit::report
