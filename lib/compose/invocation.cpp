// plan_invocation: the command line and the environment -> projects and their profiles, in the order
// docker compose consults them (cmd/compose/compose.go toProjectOptions): process environment, the
// first .env (or --env-file), COMPOSE_FILE, default file names, the project's .env, COMPOSE_PROFILES.
#include "compose/invocation.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "compose/dotenv.hpp"
#include "compose/model.hpp"

namespace boundaudit::compose {

namespace {

namespace fs = std::filesystem;

#ifdef _WIN32
constexpr std::string_view kPathListSeparator = ";";
#else
constexpr std::string_view kPathListSeparator = ":";
#endif
constexpr std::size_t kMaxDotenvBytes = 1u << 20;

std::string trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// strings.Split: every piece, empty ones included ("a::b" -> a, "", b).
std::vector<std::string> split_on(std::string_view text, std::string_view sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    auto at = text.find(sep, pos);
    out.emplace_back(text.substr(pos, at == std::string_view::npos ? std::string_view::npos : at - pos));
    if (at == std::string_view::npos) return out;
    pos = at + sep.size();
  }
}

// `name` from `dir` ("." and "" are the current directory; an absolute name stays as it is).
std::string join_dir(const std::string& dir, const std::string& name) {
  return (fs::path(dir) / name).lexically_normal().string();
}

std::string dir_of(const std::string& file) {
  auto dir = fs::path(file).parent_path().string();
  return dir.empty() ? "." : dir;
}

// The variables of the .env files compose reads, each file read once. A .env that is missing is no
// error; one that cannot be read or parsed is reported only when the loader will not read it itself
// (it reads --env-file and the .env beside the project's first file, and reports their problems).
class DotenvFiles {
 public:
  explicit DotenvFiles(const std::map<std::string, std::string>& environment) : environment_(environment) {}

  const std::map<std::string, std::string>& values(const std::string& path, bool report) {
    auto [it, fresh] = files_.try_emplace(fs::path(path).lexically_normal().string());
    if (!fresh) return it->second;
    ReadResult r = read_source(path, kMaxDotenvBytes);
    if (!r.source) {
      if (report && r.failure == ReadFailure::unusable && r.error) errors_.push_back(*r.error);
      return it->second;
    }
    auto lookup = [this](const std::string& name) -> std::optional<std::string> {
      if (auto e = environment_.find(name); e != environment_.end()) return e->second;
      return std::nullopt;
    };
    Dotenv d = parse_dotenv(*r.source, lookup);
    if (d.error && report) errors_.push_back(*d.error);
    it->second = std::move(d.values);
    return it->second;
  }

  std::vector<InputError> take_errors() { return std::move(errors_); }

 private:
  const std::map<std::string, std::string>& environment_;
  std::map<std::string, std::map<std::string, std::string>> files_;
  std::vector<InputError> errors_;
};

struct Found {
  std::string value;
  std::optional<std::string> dotenv;  // the .env file it came from; none: the process environment
};

// NAME from the process environment, else from the first of `dotenvs` that sets it.
std::optional<Found> lookup(const Invocation& inv, DotenvFiles& files, const std::vector<std::string>& dotenvs,
                            const std::string& loader_reads, const std::string& name) {
  if (auto it = inv.environment.find(name); it != inv.environment.end()) return Found{it->second, std::nullopt};
  for (const auto& path : dotenvs) {
    const auto& values = files.values(path, !inv.env_file && path != loader_reads);
    if (auto it = values.find(name); it != values.end()) return Found{it->second, path};
  }
  return std::nullopt;
}

// The .env file compose reads before it knows the project: --env-file, else the working directory's.
std::string first_pass(const Invocation& inv, const std::string& working_dir) {
  return inv.env_file ? *inv.env_file : join_dir(working_dir, ".env");
}

// The profiles of a project whose first compose file is first_file: --profile, else COMPOSE_PROFILES from
// the environment, the first .env, then the .env beside the project (values already set win).
ProfileSelection select_profiles(const Invocation& inv, DotenvFiles& dotenv, const std::string& first_file,
                                 const std::string& working_dir) {
  ProfileSelection out;
  if (!inv.profiles.empty()) {
    for (const auto& p : inv.profiles)
      if (!p.empty() && std::find(out.names.begin(), out.names.end(), p) == out.names.end()) out.names.push_back(p);
    out.origin = "--profile";
    return out;
  }
  const std::string project_env = join_dir(dir_of(first_file), ".env");
  std::vector<std::string> dotenvs{first_pass(inv, working_dir)};
  if (!inv.env_file && fs::path(project_env).lexically_normal() != fs::path(dotenvs.front()).lexically_normal())
    dotenvs.push_back(project_env);
  if (auto found = lookup(inv, dotenv, dotenvs, project_env, "COMPOSE_PROFILES")) {
    out.names = split_profiles(found->value);
    out.origin = found->dotenv ? "COMPOSE_PROFILES in " + *found->dotenv : "COMPOSE_PROFILES";
  }
  return out;
}

// COMPOSE_FILE's entries as files from the working directory; nullopt (with errors) when an entry is
// empty or not a file, as compose-go refuses both (os.Stat, then reading a directory).
std::optional<std::vector<std::string>> compose_file_entries(const Found& compose_file, const std::string& separator,
                                                             const std::string& working_dir,
                                                             std::vector<InputError>& errors) {
  auto entries = split_on(compose_file.value, separator);
  std::vector<std::string> files;
  bool ok = true;
  auto fail = [&](std::string why) {
    // From the process environment the error is named COMPOSE_FILE; from a .env, that file.
    errors.push_back(InputError{compose_file.dotenv.value_or("COMPOSE_FILE"), std::nullopt,
                                fmt::format("{}'{}': {}", compose_file.dotenv ? "COMPOSE_FILE=" : "",
                                            compose_file.value, why)});
    ok = false;
  };
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].empty()) {
      fail(fmt::format("entry {} of {} is empty (separator '{}')", i + 1, entries.size(), separator));
      continue;
    }
    auto path = join_dir(working_dir, entries[i]);
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) fail(fmt::format("{}: no such file", path));
    else if (fs::is_directory(st)) fail(fmt::format("{}: is a directory, not a compose file", path));
    else files.push_back(path);
  }
  if (!ok) return std::nullopt;
  return files;
}

}  // namespace

std::vector<std::string> split_profiles(const std::string& value) {
  std::vector<std::string> out;
  for (const auto& piece : split_on(value, ",")) {
    auto name = trim(piece);
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

InvocationPlan plan_invocation(const Invocation& inv) {
  InvocationPlan plan;
  DotenvFiles dotenv(inv.environment);
  const bool named = !inv.merged_files.empty() || !inv.paths.empty();


  std::vector<std::vector<std::string>> lists;
  std::vector<std::string> working_dirs;  // per list: where compose would look for the first .env
  if (named) {
    auto projects = plan_projects(inv.merged_files, inv.paths, inv.working_directory);
    plan.errors = std::move(projects.errors);
    for (auto& list : projects.projects) {
      working_dirs.push_back(dir_of(list.front()));
      lists.push_back(std::move(list));
    }
  } else {
    const std::string env0 = first_pass(inv, inv.working_directory);
    const std::string project_env = join_dir(inv.working_directory, ".env");
    auto compose_file = lookup(inv, dotenv, {env0}, project_env, "COMPOSE_FILE");
    if (compose_file) {
      auto sep = lookup(inv, dotenv, {env0}, project_env, "COMPOSE_PATH_SEPARATOR");
      const std::string separator = sep && !sep->value.empty() ? sep->value : std::string(kPathListSeparator);
      auto files = compose_file_entries(*compose_file, separator, inv.working_directory, plan.errors);
      if (files) {
        lists.push_back(std::move(*files));
        working_dirs.push_back(inv.working_directory);
      }
    } else {
      auto projects = plan_projects({}, {}, inv.working_directory);
      plan.errors = std::move(projects.errors);
      for (auto& list : projects.projects) {
        lists.push_back(std::move(list));
        working_dirs.push_back(inv.working_directory);
      }
    }
  }

  for (std::size_t i = 0; i < lists.size(); ++i) {
    PlannedProject project;
    project.files = std::move(lists[i]);
    project.profiles = select_profiles(inv, dotenv, project.files.front(), working_dirs[i]);
    plan.projects.push_back(std::move(project));
  }
  for (auto& e : dotenv.take_errors()) plan.errors.push_back(std::move(e));
  std::sort(plan.errors.begin(), plan.errors.end());
  plan.errors.erase(std::unique(plan.errors.begin(), plan.errors.end()), plan.errors.end());
  return plan;
}

ProfileSelection profiles_for(const Invocation& inv, const std::string& first_file, std::vector<InputError>* errors) {
  DotenvFiles dotenv(inv.environment);
  auto selection = select_profiles(inv, dotenv, first_file, inv.working_directory);
  for (auto& e : dotenv.take_errors()) errors->push_back(std::move(e));
  return selection;
}

std::vector<InputError> unknown_profiles(const std::vector<ProfileUse>& uses) {
  // (origin, profile) -> the uses it was selected for, in order.
  std::map<std::pair<std::string, std::string>, std::vector<const ProfileUse*>> selected;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& use : uses)
    for (const auto& name : use.selection.names) {
      if (name == "*") continue;
      auto key = std::make_pair(use.selection.origin.value_or("a selection"), name);
      auto [it, fresh] = selected.try_emplace(key);
      if (fresh) order.push_back(key);
      it->second.push_back(&use);
    }
  std::vector<InputError> out;
  for (const auto& key : order) {
    const auto& users = selected.at(key);
    bool used = std::any_of(users.begin(), users.end(), [&](const ProfileUse* u) {
      return std::binary_search(u->declared.begin(), u->declared.end(), key.second);
    });
    if (used) continue;
    std::set<std::string> known;
    for (const auto* u : users) known.insert(u->declared.begin(), u->declared.end());
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    std::string scope = users.size() == 1 ? "the project" : fmt::format("the {} projects it applies to", users.size());
    out.push_back(InputError{users.front()->path, users.front()->line,
                             fmt::format("unknown profile '{}' (from {}): no service of {} has it; {}", key.second,
                                         key.first, scope,
                                         known.empty() ? std::string("no service has a profile")
                                                       : "the profiles there: " + list)});
  }
  return out;
}

}  // namespace boundaudit::compose
