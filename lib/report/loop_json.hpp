// loopaudit's JSON contract (issue 3): tool, files_scanned, sites, findings, errors.
#pragma once

#include <iosfwd>
#include <string_view>

#include "loops/audit.hpp"

namespace boundaudit::report {

// {"tool": {"name", "version"}, "files_scanned", "sites": [...], "findings": [...], "errors": [...]}.
// Sites carry category, path, line, column, end_line, end_column, function, call (null for while
// loops), text, in_loop, bound {kind, detail}, bounded and rule (null when no finding was raised).
// The document as a JSON value is loop_audit_json (report/loop_json_value.hpp, not installed).
void write_loop_json(std::ostream& out, const loops::AuditResult& result, std::string_view version);

}  // namespace boundaudit::report
