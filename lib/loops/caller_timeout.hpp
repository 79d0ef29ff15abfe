// caller-timeout: a coroutine whose `while True` loop has no exit is still bounded when every call of it
// in the scanned tree sits inside `asyncio.wait_for(...)` or `async with asyncio.timeout(...)` (or the
// anyio/trio/async_timeout equivalents). Calls are matched by the function's simple name, so a
// same-named function elsewhere makes the verdict more conservative, never less.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "loops/audit.hpp"

namespace boundaudit::loops {

struct TimeoutCandidate {
  std::string name;  // simple name of the coroutine holding the loop
  AuditSite* site;   // its `none` while site, upgraded in place
};

// Files that mention a candidate and a timeout wrapper are parsed again (in full) to look at each call.
void apply_caller_timeouts(std::span<const Source> sources, unsigned threads, std::span<const TimeoutCandidate> candidates);

}  // namespace boundaudit::loops
