// composelint --format markdown: per project, the services table for docs (service, file:line,
// memory limit, where it was set, replicas, share of the budget, findings), the total, then the
// findings and input errors as lists.
#pragma once

#include <iosfwd>

#include "compose/audit.hpp"

namespace boundaudit::report {

void write_compose_markdown(std::ostream& out, const compose::Report& report);

}  // namespace boundaudit::report
