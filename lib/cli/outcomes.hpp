// From each tool's library result to what the shared layer prints (app.hpp's Outcome).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "cli/app.hpp"
#include "compose/run.hpp"
#include "loops/audit_tree.hpp"
#include "loops/cache.hpp"

namespace boundaudit::cli {

// "3 services in 1 project"; json / markdown / the budget lines under text findings.
Outcome compose_outcome(compose::RunResult result);

// "12 sites in 3 files (...), 2 unbounded"; json / markdown.
Outcome loop_outcome(loops::AuditedTree tree);

// loopaudit's content cache for this run: `dir` when given, else $LOOPAUDIT_CACHE_DIR, else
// .loopaudit_cache in the configuration file's folder (the project root), else in the current one.
// When it cannot be opened, a warning on err and no cache: the run goes on without it.
std::optional<loops::ContentCache> open_loop_cache(std::ostream& err, const Request& request, std::string dir);

}  // namespace boundaudit::cli
