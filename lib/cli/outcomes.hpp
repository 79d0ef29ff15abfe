// From each tool's library result to what the shared layer prints (app.hpp's Outcome).
#pragma once

#include "cli/app.hpp"
#include "compose/run.hpp"
#include "loops/audit_tree.hpp"

namespace boundaudit::cli {

// "3 services in 1 project"; json / markdown / the budget lines under text findings.
Outcome compose_outcome(compose::RunResult result);

// "12 sites in 3 files (...), 2 unbounded"; json / markdown.
Outcome loop_outcome(loops::AuditedTree tree);

}  // namespace boundaudit::cli
