// What a composelint run lints, found the way `docker compose` finds it (compose-go's cli options, as
// docker compose applies them): the command line first, then COMPOSE_FILE and COMPOSE_PROFILES from the
// process environment or the `.env` file, then compose's default file names.
//
// - Files: `-f` files make one project; each positional FILE its own project (with its sibling
//   override); a positional DIRECTORY is a project directory (compose.yaml, compose.yml,
//   docker-compose.yml, docker-compose.yaml, first found, plus compose's override file). With none of
//   them, COMPOSE_FILE when it is set, split on COMPOSE_PATH_SEPARATOR (default `:`, `;` on Windows),
//   relative entries taken from the working directory; an empty entry or a missing file is an error
//   (compose refuses both). Without COMPOSE_FILE, the project in the working directory.
// - Profiles: `--profile` when given, else COMPOSE_PROFILES (comma-separated, blanks trimmed, empty
//   entries dropped). `*` selects every profile.
// - Variables: the process environment wins; then `--env-file` when given, else `.env` in the working
//   directory (the directory of the first -f / positional file, or of a DIRECTORY argument), then, for
//   COMPOSE_PROFILES only, `.env` beside the project's first compose file (compose reads .env again once
//   it knows the project directory).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace boundaudit::compose {

struct Invocation {
  std::vector<std::string> merged_files;           // -f, in order: one project
  std::vector<std::string> paths;                  // positional compose files and project directories
  std::vector<std::string> profiles;               // --profile (repeatable); empty: not given
  std::optional<std::string> env_file;             // --env-file
  std::map<std::string, std::string> environment;  // the process environment
  std::string working_directory = ".";             // where compose runs (relative COMPOSE_FILE entries, .env)
};

// The profiles selected for a project and who selected them.
struct ProfileSelection {
  std::vector<std::string> names;  // `*` selects all; empty: only services without a profile
  std::optional<std::string> origin;  // "--profile", "COMPOSE_PROFILES", "COMPOSE_PROFILES in dir/.env"; none: none
  bool operator==(const ProfileSelection&) const = default;
};

struct PlannedProject {
  std::vector<std::string> files;  // LoadOptions::files
  ProfileSelection profiles;       // LoadOptions::profiles = profiles.names
  bool operator==(const PlannedProject&) const = default;
};

struct InvocationPlan {
  std::vector<PlannedProject> projects;
  std::vector<InputError> errors;  // paths that are missing, directories without a compose file, bad COMPOSE_FILE
};

// The projects an invocation names. Reads the disk (file kinds, .env files), never throws.
InvocationPlan plan_invocation(const Invocation& invocation);

// The profiles plan_invocation selects for a project whose first compose file is first_file (for a
// project it did not plan, such as one read from stdin); problems with the .env files read go to *errors.
ProfileSelection profiles_for(const Invocation& invocation, const std::string& first_file,
                              std::vector<InputError>* errors);

// COMPOSE_PROFILES as compose splits it: on commas, blanks trimmed; empty entries are dropped.
std::vector<std::string> split_profiles(const std::string& value);

// One project as loaded with its selection: every profile its services name (Project::profiles), and
// where an error about it is said (its first compose file, or a doc region's marker).
struct ProfileUse {
  ProfileSelection selection;
  std::vector<std::string> declared;
  std::string path;
  std::optional<int> line;
};

// A selected profile that no service of the projects it was selected for names is a usage error
// (compose would silently start nothing of it): one error per profile and origin, at the first use,
// naming the profile, who selected it and the profiles there are. `*` is never unknown.
std::vector<InputError> unknown_profiles(const std::vector<ProfileUse>& uses);

}  // namespace boundaudit::compose
