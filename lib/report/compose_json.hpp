// composelint --format json: the contract other tools read (see issue 2).
//   {"tool": {"name", "version"},
//    "projects": [{"files", "services": [{"name", "file", "line", "column", "memory_limit_bytes",
//                  "limit_source", "limit_line", "replicas", "profiles", "active", "budget_share", "findings"}],
//                  "total_memory_limit_bytes", "memory_budget_bytes", "memory_budget_source",
//                  "memory_headroom_bytes"}],
//    "together": null, or with --together {"projects": [{"files", "total_memory_limit_bytes"}],
//                "total_memory_limit_bytes"},
//    "findings": [{"rule", "severity", "path", "line", "column", "end_line", "end_column", "service",
//                  "message", "notes"}],
//    "errors": [{"path", "line", "message"}]}
// "active": the service runs with the enabled profiles; the total and budget_share count only those.
#pragma once

#include <iosfwd>
#include <string_view>

#include "compose/audit.hpp"

namespace boundaudit::report {

void write_compose_json(std::ostream& out, std::string_view version, const compose::Report& report);

}  // namespace boundaudit::report
