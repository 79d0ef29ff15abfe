// What an --update-doc run of either tool returns (docs/loop_doc.hpp, docs/compose_doc.hpp). The
// CLIs print it and map it to exit codes: errors -> 2 (the doc was left unchanged); update.status
// failed -> 2; stale under --check, or failing findings -> 1; else 0.
#pragma once

#include <vector>

#include "core/diagnostic.hpp"
#include "docs/doc_update.hpp"

namespace boundaudit::docs {

struct DocOutcome {
  std::vector<InputError> errors;  // bad or unusable markers, paths or inputs: the doc is unchanged
  RegionsUpdate update;            // meaningful only when errors is empty
  std::vector<Finding> failing;    // findings at or above the fail level in the regions' scopes, sorted
};

}  // namespace boundaudit::docs
