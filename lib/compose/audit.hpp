// composelint's library entry point: a resolved Project in, the per-service memory table and the
// findings out. The CLI only formats what this returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compose/budget.hpp"
#include "compose/model.hpp"
#include "core/diagnostic.hpp"
#include "core/selection.hpp"

namespace boundaudit::compose {

// select / ignore (codes or prefixes, core/selection.hpp) and the budget.
struct Options : Selection {
  std::optional<Budget> budget;               // CL006 runs only when set, against budget->usable()
  bool together = false;                      // audit_projects: the projects run at the same time
};

// Where a service's effective memory limit comes from. When both are set, docker compose applies
// deploy.resources.limits.memory (CL003 reports the disagreement).
enum class LimitSource { none, mem_limit, deploy };
std::string_view to_string(LimitSource s);  // "", "mem_limit", "deploy.resources.limits.memory"

struct ServiceRow {
  std::string name;
  Site site;                                // the service's key
  std::optional<std::int64_t> limit_bytes;  // effective limit; empty when missing, invalid or unresolved
  LimitSource limit_source = LimitSource::none;
  Site limit_site;                          // where the effective limit was written
  int replicas = 1;
  std::vector<std::string> profiles;
  bool active = true;                       // started with the selected profiles (Service::active)
  std::optional<double> budget_share;       // limit × replicas / usable budget, when both are known and active
  std::vector<std::string> findings;        // codes reported about this service, sorted, unique

  bool operator==(const ServiceRow&) const = default;
};

struct AuditResult {
  std::vector<std::string> files;
  std::vector<ServiceRow> services;          // sorted by name
  std::int64_t total_memory_limit_bytes = 0;  // sum of limit × replicas over the active services with a limit
  std::optional<Budget> budget;
  std::vector<Finding> findings;             // sorted; suppressions applied, select/ignore applied
  std::vector<InputError> errors;            // the project's input errors
};

// One run of the tool over several projects, plus the input errors that belong to no project
// (a FILE named on the command line that does not exist).
struct Report {
  std::vector<AuditResult> projects;
  std::vector<InputError> errors;
  // With --together: the sum of the projects' totals (each project's total is its subtotal).
  std::optional<std::int64_t> together_total_bytes;

  std::vector<Finding> all_findings() const;    // every project's findings, sorted, duplicates dropped
  std::vector<InputError> all_errors() const;   // errors, then every project's errors, sorted
};

// Runs every rule, applies `# composelint: ignore[...]` comments and x-composelint ignores
// (reporting CL900/CL901 for bad or unused ones), then keeps the selected codes.
AuditResult audit(const Project& project, const Options& options);

// Every project, in order, as audit() does it. With options.together the projects run at the same
// time: CL006 checks the sum of their limits once, reported on the first project (where its
// suppression goes), and the other projects do not check the budget on their own.
std::vector<AuditResult> audit_projects(const std::vector<Project>& projects, const Options& options);

// The sum of the projects' totals (saturating), for Report::together_total_bytes.
std::int64_t total_of(const std::vector<AuditResult>& projects);

}  // namespace boundaudit::compose
