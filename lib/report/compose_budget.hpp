// composelint's budget line, shared by the text, markdown and doc-region formats: the sum of limits ×
// replicas against the budget, where the budget came from, and what is left (or how far over).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "compose/audit.hpp"

namespace boundaudit::report {

// "75.0% of the 8 GiB budget, 2 GiB left", "121.9% of the 8 GiB budget (8 GiB from Docker Desktop
// settings at PATH, less 1 GiB headroom), 1.75 GiB over".
std::string budget_summary(std::int64_t total, const compose::Budget& budget);

// The services with a limit that a total leaves out because none of their profiles is enabled, ""
// when there are none:
// "not counted: notebook (profile analysis not enabled)",
// "not counted: 2 services of profiles not enabled (debug, tools)".
std::string inactive_note(const compose::AuditResult& project);

// For the text format: with a budget one line per project (and its inactive_note); with --together one line for the sum and
// each project's subtotal (and the budget when there is one).
//   composelint: memory: infra/compose.yml: 6 GiB of limits × replicas, 75.0% of the 8 GiB budget, 2 GiB left
//   composelint: memory: together 11 GiB of limits × replicas (a/compose.yml 6 GiB, b/compose.yml 5 GiB), ...
void write_compose_budget_text(std::ostream& out, const compose::Report& report);

}  // namespace boundaudit::report
