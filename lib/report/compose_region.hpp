// composelint's doc region (--update-doc): the services table and the budget line of one project.
//
//   | Service | Defined in | Limit | Set by | Replicas | Share of 8 GiB | Findings |
//   |---|---|---|---|---|---|---|
//   | `api` | `compose.yaml` | 1 GiB | `mem_limit` | 1 | 12.5% | — |
//
//   **Total**: 9.75 GiB of limits × replicas, 121.9% of the 8 GiB budget, 1.75 GiB over (CL006).
//
// Stable by default like loopaudit's region: files by their shortest unique path suffix, no line
// numbers (with `lines`: `file:line` linked as path#Lnn), no counts of files, no dates.
#pragma once

#include <iosfwd>
#include <string>

#include "compose/audit.hpp"

namespace boundaudit::report {

struct ComposeRegionOptions {
  std::string base;    // the doc's directory: paths are shown relative to it
  bool lines = false;  // line numbers and links
};

void write_compose_region(std::ostream& out, const compose::AuditResult& project, const ComposeRegionOptions& options);

}  // namespace boundaudit::report
