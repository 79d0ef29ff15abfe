#include "compose/machine.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "compose/memory.hpp"

namespace boundaudit::compose {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kMiB = 1024 * 1024;
constexpr std::size_t kMaxSettingsBytes = 4u << 20;  // Docker's own files are a few KiB

const std::string* lookup(const std::map<std::string, std::string>& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() || it->second.empty() ? nullptr : &it->second;
}

// A whole number of bytes written alone on a line (cgroup files, with their trailing newline).
std::optional<std::int64_t> whole_number(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0) return std::nullopt;
  return n;
}

std::optional<std::string> read_text(const std::string& path) {
  auto r = read_source(path, 1u << 20);
  if (!r.source) return std::nullopt;
  return std::move(r.source->text);
}

// The 1-based line of byte offset `byte` (nlohmann counts bytes read, 1-based at the failing one).
int line_at(const std::string& text, std::size_t byte) {
  auto end = std::min(byte, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

// The limits written along a cgroup path, from the process's own cgroup up to the hierarchy's root
// (a parent's limit bounds its children), under `mount`. Returns the tightest and where it was read.
std::optional<std::pair<std::int64_t, std::string>> tightest_limit(const fs::path& mount, const std::string& cgroup,
                                                                   const std::string& file) {
  std::optional<std::pair<std::int64_t, std::string>> best;
  fs::path rel = fs::path(cgroup).relative_path().lexically_normal();
  if (rel.empty() || *rel.begin() == "..") rel = fs::path();  // never walk above the mount
  for (fs::path dir = rel.empty() ? mount : mount / rel;; dir = dir.parent_path()) {
    auto path = (dir / file).lexically_normal().generic_string();
    if (auto text = read_text(path))
      if (auto n = whole_number(*text); n && *n > 0 && (!best || *n < best->first)) best = {{*n, path}};
    if (dir.lexically_normal() == mount.lexically_normal() || !dir.has_relative_path() || dir == dir.parent_path())
      break;
  }
  return best;
}

// The cgroup paths of this process: the v2 entry ("0::/path") and the v1 memory controller's entry
// ("4:memory:/path"), from /proc/self/cgroup.
struct CgroupPaths {
  std::optional<std::string> v2, v1_memory;
};

CgroupPaths cgroup_paths(const std::string& text) {
  CgroupPaths out;
  std::istringstream in(text);
  for (std::string row; std::getline(in, row);) {
    auto first = row.find(':');
    auto second = first == std::string::npos ? std::string::npos : row.find(':', first + 1);
    if (second == std::string::npos) continue;
    std::string id = row.substr(0, first), controllers = row.substr(first + 1, second - first - 1);
    std::string path = row.substr(second + 1);
    if (id == "0" && controllers.empty()) {
      out.v2 = path;
      continue;
    }
    std::istringstream list(controllers);
    for (std::string c; std::getline(list, c, ',');)
      if (c == "memory") out.v1_memory = path;
  }
  return out;
}

std::optional<std::int64_t> meminfo_total(const std::string& text) {
  std::istringstream in(text);
  for (std::string row; std::getline(in, row);) {
    if (!row.starts_with("MemTotal:")) continue;
    std::istringstream words(row.substr(9));
    std::int64_t kib = 0;
    std::string unit;
    if (words >> kib >> unit && unit == "kB" && kib > 0 && kib < std::numeric_limits<std::int64_t>::max() / 1024)
      return kib * 1024;
  }
  return std::nullopt;
}

std::optional<std::int64_t> sysconf_memory() {
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
  long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0 && pages < std::numeric_limits<std::int64_t>::max() / page)
    return static_cast<std::int64_t>(pages) * page;
#endif
  return std::nullopt;
}

}  // namespace

std::vector<std::string> docker_settings_candidates(const std::map<std::string, std::string>& env) {
  const std::string* home = lookup(env, "HOME");
  if (!home) home = lookup(env, "USERPROFILE");
  std::vector<fs::path> mac, windows, linux;
  if (home) {
    mac.push_back(fs::path(*home) / "Library" / "Group Containers" / "group.com.docker");
    linux.push_back(fs::path(*home) / ".docker" / "desktop");
  }
  if (const std::string* appdata = lookup(env, "APPDATA"))
    windows.push_back(fs::path(*appdata) / "Docker");
  else if (home)
    windows.push_back(fs::path(*home) / "AppData" / "Roaming" / "Docker");
#if defined(__APPLE__)
  const std::vector<fs::path>* order[] = {&mac, &windows, &linux};
#elif defined(_WIN32)
  const std::vector<fs::path>* order[] = {&windows, &mac, &linux};
#else
  const std::vector<fs::path>* order[] = {&linux, &mac, &windows};
#endif
  std::vector<std::string> out;
  for (const auto* dirs : order)
    for (const auto& dir : *dirs)
      for (const char* name : {"settings-store.json", "settings.json"}) out.push_back((dir / name).generic_string());
  return out;
}

std::variant<std::optional<std::int64_t>, InputError> docker_settings_memory(const std::string& path,
                                                                             const std::string& text) {
  using nlohmann::json;
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    if (auto at = what.find("] "); what.starts_with("[json.exception") && at != std::string::npos)
      what = what.substr(at + 2);
    return InputError{path, line_at(text, e.byte == 0 ? 0 : e.byte - 1),
                      "Docker Desktop settings are not valid JSON: " + what};
  }
  if (!doc.is_object())
    return InputError{path, std::nullopt,
                      "Docker Desktop settings must be a JSON object, not " + std::string(doc.type_name())};
  // settings-store.json (Docker Desktop 4.35 and later) writes MemoryMiB, settings.json memoryMiB.
  for (const char* key : {"MemoryMiB", "memoryMiB"}) {
    auto it = doc.find(key);
    if (it == doc.end()) continue;
    const json& v = *it;
    // nlohmann reads a non-negative integer as unsigned; negatives, fractions and strings are not that.
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() == 0 ||
        v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max() / kMiB))
      return InputError{path, std::nullopt,
                        std::string(key) + " is " + v.dump() + "; expected a positive whole number of MiB"};
    return static_cast<std::int64_t>(v.get<std::uint64_t>()) * kMiB;
  }
  return std::optional<std::int64_t>{};
}

std::optional<MachineMemory> visible_memory(const std::string& root, bool ask_sysconf) {
  const fs::path base(root);
  std::optional<MachineMemory> physical;
  const auto meminfo = (base / "proc" / "meminfo").lexically_normal().generic_string();
  if (auto text = read_text(meminfo))
    if (auto bytes = meminfo_total(*text)) physical = MachineMemory{*bytes, "from the physical memory in " + meminfo};
  if (!physical && ask_sysconf)
    if (auto bytes = sysconf_memory()) physical = MachineMemory{*bytes, "from the physical memory the OS reports"};

  std::optional<MachineMemory> limit;
  if (auto text = read_text((base / "proc" / "self" / "cgroup").generic_string())) {
    auto paths = cgroup_paths(*text);
    const fs::path cgroups = base / "sys" / "fs" / "cgroup";
    if (paths.v2) {
      // The unified hierarchy is mounted at /sys/fs/cgroup, or at /sys/fs/cgroup/unified beside v1.
      for (const auto& mount : {cgroups, cgroups / "unified"})
        if (auto found = tightest_limit(mount, *paths.v2, "memory.max");
            found && (!limit || found->first < limit->bytes))
          limit = MachineMemory{found->first, "from the cgroup v2 limit in " + found->second};
    }
    if (paths.v1_memory)
      if (auto found = tightest_limit(cgroups / "memory", *paths.v1_memory, "memory.limit_in_bytes");
          found && (!limit || found->first < limit->bytes))
        limit = MachineMemory{found->first, "from the cgroup v1 limit in " + found->second};
  }
  // cgroup v1 writes "no limit" as a huge number (9223372036854771712); any limit at or above the
  // physical memory bounds nothing.
  if (limit && (!physical || limit->bytes < physical->bytes)) return limit;
  return physical;
}

std::variant<MachineMemory, InputError> machine_memory(const MachineProbe& probe) {
  std::vector<std::string> candidates;
  if (probe.docker_settings)
    candidates.push_back(*probe.docker_settings);
  else
    candidates = docker_settings_candidates(probe.environment);
  const std::string* root = lookup(probe.environment, std::string(kMachineRootVariable));
  auto visible = [&]() { return visible_memory(root ? *root : "/", !root); };
  for (const auto& path : candidates) {
    auto read = read_source(path, kMaxSettingsBytes);
    if (!read.source) {
      // A default location that is not there is the usual case; a named file must exist.
      if (read.failure == ReadFailure::missing && !probe.docker_settings) continue;
      return *read.error;
    }
    auto memory = docker_settings_memory(path, read.source->text);
    if (auto* error = std::get_if<InputError>(&memory)) return *error;
    if (auto bytes = std::get<std::optional<std::int64_t>>(memory))
      return MachineMemory{*bytes, "from Docker Desktop settings at " + path};
    // No MemoryMiB: Docker Desktop gives the VM its default, half the host's memory.
    auto host = visible();
    if (!host) return InputError{path, std::nullopt, "sets no MemoryMiB, and the host's memory is unknown"};
    return MachineMemory{host->bytes / 2, "from Docker Desktop's default, half of the " + format_memory(host->bytes) +
                                              " host memory, as the settings at " + path + " set no MemoryMiB"};
  }
  if (auto host = visible()) return *host;
  const auto meminfo = (fs::path(root ? *root : "/") / "proc" / "meminfo").generic_string();
  return InputError{std::string(), std::nullopt,
                    "cannot tell this machine's memory (no Docker Desktop settings, no cgroup limit, no " + meminfo +
                        "); give a size instead of auto"};
}

}  // namespace boundaudit::compose
