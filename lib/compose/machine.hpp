// The memory of the machine the stacks run on, for `--memory-budget auto`:
//
//   1. Docker Desktop's VM memory, when its settings file is found. The files, as Docker documents them
//      (docs.docker.com/desktop/settings-and-maintenance/settings/), current name first:
//        macOS    ~/Library/Group Containers/group.com.docker/settings-store.json
//        Windows  %APPDATA%\Docker\settings-store.json (C:\Users\NAME\AppData\Roaming\Docker)
//        Linux    ~/.docker/desktop/settings-store.json
//      and the same folders' settings.json (Docker Desktop 4.34 and earlier). The VM memory is the
//      key MemoryMiB (settings-store.json) or memoryMiB (settings.json), a whole number of MiB. A file
//      without it leaves the default, which Docker documents as half the host's memory.
//   2. Otherwise the memory this process can see: the tightest cgroup limit of its cgroup and the
//      cgroup's ancestors (v2 memory.max, v1 memory.limit_in_bytes), else the physical memory
//      (/proc/meminfo MemTotal, or sysconf where there is no /proc).
//
// A settings file that exists but cannot be used (not JSON, no object, a MemoryMiB that is not a
// positive whole number) is an InputError naming it: guessing past it would hide the real cap.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/diagnostic.hpp"

namespace boundaudit::compose {

// COMPOSELINT_MACHINE_ROOT=DIR in the environment: read proc/ and sys/fs/cgroup/ under DIR instead of
// the machine's own (and never ask sysconf), so tests see a fake cgroup or meminfo of their choosing.
inline constexpr std::string_view kMachineRootVariable = "COMPOSELINT_MACHINE_ROOT";

struct MachineProbe {
  // HOME (or USERPROFILE) and APPDATA place the settings files; COMPOSELINT_MACHINE_ROOT as above.
  std::map<std::string, std::string> environment;
  std::optional<std::string> docker_settings;  // read this settings file and no other (--docker-settings)
};

struct MachineMemory {
  std::int64_t bytes = 0;
  std::string source;  // "from Docker Desktop settings at PATH", "from the cgroup v2 limit in PATH", ...
  bool operator==(const MachineMemory&) const = default;
};

// Docker Desktop's settings files in the order they are tried: this platform's folder first, each
// folder's settings-store.json before its settings.json.
std::vector<std::string> docker_settings_candidates(const std::map<std::string, std::string>& environment);

// The VM memory one settings file sets; nullopt when the file sets no memory (Docker's default
// applies). `text` is the file's contents; errors name `path`.
std::variant<std::optional<std::int64_t>, InputError> docker_settings_memory(const std::string& path,
                                                                             const std::string& text);

// The memory visible under root ("/" for the machine itself): cgroup limit, else physical memory.
// nullopt when nothing under root says.
std::optional<MachineMemory> visible_memory(const std::string& root, bool ask_sysconf);

// Steps 1 and 2 above.
std::variant<MachineMemory, InputError> machine_memory(const MachineProbe& probe);

}  // namespace boundaudit::compose
