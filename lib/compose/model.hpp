// The effective compose project: what `docker compose` would run, after anchors, `<<` merges,
// interpolation, -f overrides, `extends`, `include` and profiles are resolved. Rules read only this.
// Every value remembers the file and line where it was written.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compose/compose_keys.hpp"
#include "core/diagnostic.hpp"

namespace boundaudit::compose {

// A scalar after interpolation, with where it was written.
struct Scalar {
  std::string text;                          // the interpolated text ("" for YAML null)
  bool is_null = false;                      // `mem_limit:` or `mem_limit: null`
  bool is_string = false;                    // was quoted / tagged as a string in YAML
  Site site;                                 // of the value (line/column 1-based)
  std::vector<std::string> unset_variables;  // ${VAR} / $VAR that were unset and had no default
  // How the loader fills these (lib/compose/service_layer.cpp):
  // - is_string: the YAML scalar was quoted ('...', "...", or a block scalar) or tagged !!str.
  // - is_null: `key:`, `key: null`, `key: ~` (text ""). Such a value is *set* (it overrides lower files).
  // - A ${VAR:?msg} whose VAR is missing: an InputError at the value's file:line, message
  //   "services.NAME.FIELD: required variable VAR is missing a value: msg", and the Scalar is kept
  //   with text "" and VAR in unset_variables.
  // - Any other invalid template ("$" followed by a bad character): an InputError, text "".
};

// One entry of a service's depends_on.
struct Dependency {
  std::string service;
  bool required = true;  // `required: false` (long syntax) lets compose start without it
  Site site;             // the entry (the name in the short syntax, the key in the long one)
  bool operator==(const Dependency&) const = default;
};

struct Service {
  std::string name;
  Site site;                                   // the service's key in `services:`
  std::optional<Scalar> mem_limit;             // services.X.mem_limit
  std::optional<Scalar> deploy_limit;          // services.X.deploy.resources.limits.memory
  std::optional<Scalar> mem_reservation;       // services.X.mem_reservation
  std::optional<Scalar> deploy_reservation;    // services.X.deploy.resources.reservations.memory
  std::optional<Scalar> memswap_limit;         // services.X.memswap_limit
  std::optional<Scalar> oom_kill_disable;      // services.X.oom_kill_disable
  std::optional<Scalar> replicas;              // deploy.replicas (or `scale`), absent means 1
  std::vector<std::string> profiles;           // empty: always active
  // Whether `docker compose up` starts it with the selected profiles (LoadOptions::profiles): no
  // profile, or one of them selected. Every service is linted; only the active ones count in the budget.
  bool active = true;
  std::vector<Dependency> depends_on;          // sorted by service name
  std::vector<std::string> ignored_codes;      // x-composelint: {ignore: [CL001]}
  Site ignore_site;                            // where x-composelint was written
};

// A key that the Compose Specification does not allow where it is written (see compose_keys.hpp):
// at the top level of a compose file, or in a service. Recorded for every file the project reads
// (-f files, overrides, include and extends targets); rule CL009 reports them.
struct UnknownKey {
  Site site;  // of the key (first, so that the keys sort by where they are written)
  KeyScope scope = KeyScope::top_level;
  std::string key;
  std::string service;                    // the service it is written in; "" at the top level
  std::optional<std::string> suggestion;  // the known key it is probably a typo of

  auto operator<=>(const UnknownKey&) const = default;
};

struct Project {
  std::vector<std::string> files;   // the compose files, in merge order (includes and extends sources too)
  std::vector<Service> services;    // every service, active or not (Service::active), sorted by name
  std::vector<std::string> profiles;  // every profile a service names, sorted, each once
  std::vector<Source> sources;      // every file read (for suppression comments and source lines)
  std::vector<InputError> errors;   // input problems; a project with errors may be partial
  std::vector<UnknownKey> unknown_keys;  // sorted, each once (a file read under two environments)
};

// Reads a file; tests pass an in-memory map instead of the disk.
using FileReader = std::function<ReadResult(const std::string& path)>;
FileReader disk_reader();

struct LoadOptions {
  std::vector<std::string> files;              // -f files in order (first is the base), or one positional FILE
  std::optional<std::string> env_file;         // --env-file; default: .env beside the first file
  // The selected profiles (--profile, COMPOSE_PROFILES): a service with profiles is active when one of
  // them is selected; `*` selects all. Empty: only the services without a profile (compose's default).
  std::vector<std::string> profiles;
  std::map<std::string, std::string> environment;  // the process environment (wins over .env)
  FileReader read = disk_reader();
  bool strict_yaml = false;  // --strict-yaml: YAML 1.2 exactly (see YamlDialect)
};

// Resolves one project. Never throws; bad input ends up in Project::errors with file and line.
Project load_project(const LoadOptions& options);

// Compose file discovery in a directory, as compose-go does it: compose.yaml, compose.yml,
// docker-compose.yml, docker-compose.yaml (first found) plus the first of compose.override.yml,
// compose.override.yaml, docker-compose.override.yml, docker-compose.override.yaml. Empty when none.
std::vector<std::string> discover_project_files(const std::string& directory);

// For a positional FILE: the project it belongs to. `a/compose.yaml` -> {a/compose.yaml, a/compose.override.yaml
// if present}; an override file alone -> its base plus itself. Empty when the base does not exist.
// Any `x.override.y(a)ml` pairs with `x.yaml` / `x.yml` (same extension first). A FILE that is not an
// override file is returned even when it does not exist (load_project then reports "no such file").
std::vector<std::string> project_files_for(const std::string& file);

// The projects a command line names: `-f` files make one project (in order), each positional FILE its
// own project with its sibling override (an override named alone joins its base), a positional
// directory the project discovered in it (none found: an error naming it), and with neither, the
// project discovered in `directory`. A project named twice is planned once; paths that are
// missing, directories, or an override without its base become errors.
struct ProjectPlan {
  std::vector<std::vector<std::string>> projects;
  std::vector<InputError> errors;
};
ProjectPlan plan_projects(const std::vector<std::string>& merged_files, const std::vector<std::string>& files,
                          const std::string& directory = ".");

}  // namespace boundaudit::compose
