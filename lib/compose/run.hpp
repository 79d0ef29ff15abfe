// composelint's whole run from what the command line and the configuration file say: the budget
// options, the projects (files, -f files, the discovered project, stdin), loading, auditing (with
// --together as one), as one library entry point. The CLI (lib/cli) only formats the Report.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compose/audit.hpp"
#include "core/diagnostic.hpp"

namespace boundaudit::compose {

struct RunRequest {
  std::vector<std::string> files;          // positional FILEs: each its own project
  std::vector<std::string> compose_files;  // -f: one project
  std::optional<Source> stdin_source;      // `-`: one project of its own; its path names its directory
  std::string env_file;                    // "" = .env beside the first file
  std::vector<std::string> profiles;
  std::string memory_budget, docker_settings, headroom;  // as written; "" = not given
  bool together = false;
  bool strict_yaml = false;
  std::map<std::string, std::string> environment;
  Selection selection;
};

struct RunResult {
  Report report;
  std::vector<Source> sources;  // every file read, for source lines
};

// A bad --memory-budget, or one that cannot be resolved (a broken Docker Desktop settings file), is
// returned as its message (exit 2, nothing linted); input errors of the projects are in the Report.
std::variant<RunResult, std::string> run(const RunRequest& request);

// Why a --memory-budget / --headroom value is bad, or nothing (for the settings' checks).
std::optional<std::string> budget_problem(const std::string& budget);
std::optional<std::string> headroom_problem(const std::string& headroom);

// --update-doc takes the files, profiles and budget from each region's marker: why the request
// cannot go with it (it names files, profiles, a budget...), or nothing.
std::optional<std::string> update_doc_conflict(const RunRequest& request);

// The Options (selection, budget) of a request without the projects, for --update-doc, or a usage error.
std::variant<Options, std::string> options_of(const RunRequest& request);

}  // namespace boundaudit::compose
