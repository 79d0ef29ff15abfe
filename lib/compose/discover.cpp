// Which files make a project: compose's default names in a directory, and the base/override pairing
// of a file named on the command line. These look at the disk (std::filesystem), by design.
#include <array>
#include <filesystem>
#include <set>
#include <string_view>

#include "compose/model.hpp"

namespace boundaudit::compose {

namespace {

namespace fs = std::filesystem;

// compose-go's DefaultFileNames and DefaultOverrideFileNames, in its order of preference. The override
// is looked up on its own (compose.yaml + docker-compose.override.yml is a project, as in compose).
constexpr std::array<std::string_view, 4> kDefaultNames = {"compose.yaml", "compose.yml", "docker-compose.yml",
                                                           "docker-compose.yaml"};
constexpr std::array<std::string_view, 4> kDefaultOverrideNames = {
    "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"};
// Compose files are small (real ones stay under 100 KB); anything this big is refused before parsing
// (a clear error, not a stall). With the loader's caps (10,000 services, 524,288 YAML nodes a file,
// 16 MiB read per project) this keeps composelint's peak memory under 500 MiB in every output format.
constexpr std::size_t kMaxComposeFileBytes = 4u << 20;

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::string as_string(const fs::path& p) { return p.lexically_normal().string(); }

// `x.override.yaml` -> {"x", ".yaml"}; nullopt when the name is not an override file.
std::optional<std::pair<std::string, std::string>> override_parts(const std::string& name) {
  for (std::string_view ext : {".override.yaml", ".override.yml"}) {
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
      return std::make_pair(name.substr(0, name.size() - ext.size()), std::string(ext.substr(9)));
  }
  return std::nullopt;
}

// The first existing `stem.override.yaml|yml` beside `dir`.
std::optional<fs::path> find_override(const fs::path& dir, const std::string& stem, const std::string& ext) {
  std::string other = ext == ".yaml" ? ".yml" : ".yaml";
  for (const auto& e : {ext, other}) {
    fs::path p = dir / (stem + ".override" + e);
    if (is_file(p)) return p;
  }
  return std::nullopt;
}

}  // namespace

FileReader disk_reader() {
  return [](const std::string& path) { return read_source(path, kMaxComposeFileBytes); };
}

std::vector<std::string> discover_project_files(const std::string& directory) {
  fs::path dir = directory.empty() ? fs::path(".") : fs::path(directory);
  for (std::string_view name : kDefaultNames) {
    fs::path base = dir / name;
    if (!is_file(base)) continue;
    std::vector<std::string> out{as_string(base)};
    for (std::string_view over : kDefaultOverrideNames)
      if (is_file(dir / over)) {
        out.push_back(as_string(dir / over));
        break;
      }
    return out;
  }
  return {};
}

std::vector<std::string> project_files_for(const std::string& file) {
  fs::path p(file);
  fs::path dir = p.parent_path();
  std::string name = p.filename().string();
  if (auto parts = override_parts(name)) {
    const auto& [stem, ext] = *parts;
    std::string other = ext == ".yaml" ? ".yml" : ".yaml";
    for (const auto& e : {ext, other}) {
      fs::path base = dir / (stem + e);
      if (is_file(base)) return {as_string(base), as_string(p)};
    }
    return {};
  }
  std::vector<std::string> out{as_string(p)};
  std::string ext = p.extension().string();
  if (ext == ".yaml" || ext == ".yml") {
    if (auto over = find_override(dir, p.stem().string(), ext)) out.push_back(as_string(*over));
  }
  return out;
}

ProjectPlan plan_projects(const std::vector<std::string>& merged_files, const std::vector<std::string>& files,
                          const std::string& directory) {
  ProjectPlan plan;
  std::set<std::vector<std::string>> seen;
  auto add = [&](std::vector<std::string> list) {
    for (auto& f : list) {
      f = fs::path(f).lexically_normal().string();
      if (f.starts_with("./")) f.erase(0, 2);
    }
    if (seen.insert(list).second) plan.projects.push_back(std::move(list));
  };
  auto check = [&](const std::string& path) {
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (ec == std::errc::too_many_symbolic_link_levels)
      plan.errors.push_back(InputError{path, {}, "symlink loop (too many levels of symbolic links)"});
    else if (ec || !fs::exists(st)) plan.errors.push_back(InputError{path, {}, "no such file"});
    else if (fs::is_directory(st)) plan.errors.push_back(InputError{path, {}, "is a directory, not a compose file"});
    else return true;
    return false;
  };
  bool merged_ok = true;
  for (const auto& f : merged_files) merged_ok = check(f) && merged_ok;
  if (merged_ok && !merged_files.empty()) add(merged_files);
  auto no_compose_file = [&](const std::string& dir) {
    plan.errors.push_back(InputError{dir, {}, "no compose file found (compose.yaml, compose.yml, "
                                              "docker-compose.yml, docker-compose.yaml)"});
  };
  for (const auto& f : files) {
    std::error_code ec;
    if (fs::is_directory(f, ec)) {  // a project directory, as `docker compose --project-directory DIR`
      auto list = discover_project_files(f);
      if (list.empty()) no_compose_file(f);
      else add(std::move(list));
      continue;
    }
    if (!check(f)) continue;
    auto list = project_files_for(f);
    if (!list.empty()) {
      add(std::move(list));
      continue;
    }
    auto parts = override_parts(fs::path(f).filename().string());
    std::string base = parts ? parts->first + parts->second : std::string("its base file");
    plan.errors.push_back(InputError{f, {}, "override file without its base compose file beside it (" + base + ")"});
  }
  if (merged_files.empty() && files.empty()) {
    auto list = discover_project_files(directory);
    if (list.empty()) no_compose_file(directory);
    else add(std::move(list));
  }
  return plan;
}

}  // namespace boundaudit::compose
