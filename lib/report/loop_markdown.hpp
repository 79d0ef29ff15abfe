// loopaudit's markdown format: the audit section for a project's docs, one table per category.
//
//   ### while loops (N total)
//   | Location | What | Bound |
//   |---|---|---|
//   | `pkg/src/.../client/jobs.py:42` (`JobClient.wait`) | `while True:` | deadline: ... |
//
// Unbounded sites read **Unbounded** (LA101). The output holds no version or date, so a doc region
// generated from the same code is byte-identical (see loops/doc_sync.hpp).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "loops/audit.hpp"

namespace boundaudit::report {

struct LoopMarkdownOptions {
  // Spawn families with no site in the scanned tree ("multiprocessing", "concurrent.futures"), stated
  // in one line under the spawn table; nothing is said when empty.
  std::vector<std::string> empty_spawn_families;
};

// `a/b/c/d/e.py` -> `a/b/.../d/e.py`: the first two and last two components of longer paths.
std::string shorten_path(std::string_view path);

void write_loop_markdown(std::ostream& out, const loops::AuditResult& result,
                         const LoopMarkdownOptions& options = {});

}  // namespace boundaudit::report
