// loopaudit's text format: the shared `path:line:col: severity[CODE] message` lines (report.hpp),
// then one summary line of the inventory.
#pragma once

#include <iosfwd>
#include <string>

#include "loops/audit.hpp"
#include "report/report.hpp"

namespace boundaudit::report {

// "12 sites in 3 files (5 while, 4 fan-out, 3 spawn), 2 unbounded": what was audited (the CLI's
// summary line adds the finding counts).
std::string loop_inventory(const loops::AuditResult& result);

// loop_inventory + "; 2 findings"
std::string loop_summary(const loops::AuditResult& result);

void write_loop_text(std::ostream& out, const loops::AuditResult& result, const TextOptions& options);

}  // namespace boundaudit::report
