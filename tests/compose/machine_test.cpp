// --memory-budget auto's sources: Docker Desktop's settings files in each platform's layout
// (fixtures/machine/*, see its README), and the fake machine roots for the cgroup and meminfo
// fallback, so nothing here depends on the machine that runs the tests.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>

#include "compose/budget.hpp"
#include "compose/machine.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t MiB = std::int64_t{1} << 20, GiB = std::int64_t{1} << 30;
const std::string kMachine = std::string(BOUNDAUDIT_SOURCE_DIR) + "/fixtures/machine";

// HOME at a fixture home; the machine root at a fixture root (default: one that says nothing).
MachineProbe probe(const std::string& home, const std::string& root = "roots/empty") {
  MachineProbe p;
  p.environment["HOME"] = kMachine + "/" + home;
  p.environment[std::string(kMachineRootVariable)] = kMachine + "/" + root;
  return p;
}

MachineMemory found(const MachineProbe& p) {
  auto r = machine_memory(p);
  if (auto* e = std::get_if<InputError>(&r)) FAIL(e->path << ": " << e->message);
  return std::get<MachineMemory>(r);
}

InputError refused(const MachineProbe& p) {
  auto r = machine_memory(p);
  REQUIRE(std::holds_alternative<InputError>(r));
  return std::get<InputError>(r);
}

}  // namespace

TEST_CASE("each platform's settings file, current and 4.34-and-earlier names, gives its VM memory") {
  struct Row {
    std::string home, file;
    std::int64_t bytes;
  };
  const Row rows[] = {
      {"mac", "mac/Library/Group Containers/group.com.docker/settings-store.json", 8192 * MiB},
      {"windows", "windows/AppData/Roaming/Docker/settings-store.json", 6144 * MiB},
      {"linux", "linux/.docker/desktop/settings-store.json", 7168 * MiB},
      {"mac-4.34", "mac-4.34/Library/Group Containers/group.com.docker/settings.json", 16384 * MiB},
      {"windows-4.34", "windows-4.34/AppData/Roaming/Docker/settings.json", 2048 * MiB},
      {"linux-4.34", "linux-4.34/.docker/desktop/settings.json", 4096 * MiB},
      {"upgraded", "upgraded/.docker/desktop/settings-store.json", 12288 * MiB},  // not settings.json's 1024
  };
  for (const auto& row : rows) {
    CAPTURE(row.home);
    auto m = found(probe(row.home, "roots/physical"));
    CHECK(m.bytes == row.bytes);
    CHECK(m.source == "from Docker Desktop settings at " + kMachine + "/" + row.file);
  }
}

TEST_CASE("Windows: %APPDATA% places the file when it is set") {
  auto p = probe("no-settings");
  p.environment["APPDATA"] = kMachine + "/windows/AppData/Roaming";
  CHECK(found(p).bytes == 6144 * MiB);
  p.environment.erase("HOME");
  p.environment["USERPROFILE"] = kMachine + "/windows-4.34";
  p.environment.erase("APPDATA");
  CHECK(found(p).bytes == 2048 * MiB);  // USERPROFILE\AppData\Roaming\Docker\settings.json
}

TEST_CASE("the candidates: this platform's folder first, settings-store.json before settings.json") {
  auto c = docker_settings_candidates({{"HOME", "/h"}, {"APPDATA", "/a"}});
  REQUIRE(c.size() == 6);
  CHECK(c[0] == "/h/.docker/desktop/settings-store.json");  // built on Linux
  CHECK(c[1] == "/h/.docker/desktop/settings.json");
  CHECK(c[2] == "/h/Library/Group Containers/group.com.docker/settings-store.json");
  CHECK(c[4] == "/a/Docker/settings-store.json");
  CHECK(docker_settings_candidates({}).empty());
}

TEST_CASE("a settings file without MemoryMiB: Docker's default, half the host's memory") {
  auto m = found(probe("no-memory", "roots/physical"));
  CHECK(m.bytes == 8 * GiB);
  CHECK(m.source.find("half of the 16 GiB host memory") != std::string::npos);
  CHECK(m.source.find(", as the settings at " + kMachine + "/no-memory/.docker/desktop/settings-store.json set no MemoryMiB") != std::string::npos);
}

TEST_CASE("a settings file that cannot be used is an input error naming it") {
  auto broken = refused(probe("broken", "roots/physical"));
  CHECK(broken.path == kMachine + "/broken/.docker/desktop/settings-store.json");
  CHECK(broken.line == 4);  // the missing comma shows at the next key
  CHECK(broken.message.starts_with("Docker Desktop settings are not valid JSON: parse error"));
  auto bad = refused(probe("bad-value", "roots/physical"));
  CHECK(bad.path == kMachine + "/bad-value/.docker/desktop/settings-store.json");
  CHECK(bad.message == "MemoryMiB is \"8g\"; expected a positive whole number of MiB");
  for (const std::string text : {"[1, 2]", "{\"MemoryMiB\": -1}", "{\"MemoryMiB\": 0}", "{\"MemoryMiB\": 2.5}",
                                 "{\"memoryMiB\": 99999999999999999}", ""}) {
    CAPTURE(text);
    CHECK(std::holds_alternative<InputError>(docker_settings_memory("s.json", text)));
  }
  auto ok = docker_settings_memory("s.json", "{\"memoryMiB\": 512}");
  REQUIRE(std::holds_alternative<std::optional<std::int64_t>>(ok));
  CHECK(std::get<std::optional<std::int64_t>>(ok) == 512 * MiB);
}

TEST_CASE("--docker-settings: that file only, and it must exist") {
  auto p = probe("linux", "roots/physical");
  p.docker_settings = kMachine + "/mac/Library/Group Containers/group.com.docker/settings-store.json";
  CHECK(found(p).bytes == 8192 * MiB);  // not the HOME's linux file
  p.docker_settings = kMachine + "/no-settings/settings-store.json";
  auto e = refused(p);
  CHECK(e.path == *p.docker_settings);
  CHECK(e.message == "no such file");
  p.docker_settings = kMachine + "/no-settings";  // a directory
  CHECK(refused(p).path == kMachine + "/no-settings");
}

TEST_CASE("no settings file: the cgroup limit, else the physical memory, under the fake root") {
  auto v2 = found(probe("no-settings", "roots/cgroup2"));
  CHECK(v2.bytes == 6 * GiB);  // the parent's limit bounds the scope that has none
  CHECK(v2.source == "from the cgroup v2 limit in " + kMachine + "/roots/cgroup2/sys/fs/cgroup/user.slice/memory.max");
  auto v1 = found(probe("no-settings", "roots/cgroup1"));
  CHECK(v1.bytes == 3 * GiB);  // the container's own view: its limit at the mount's root
  CHECK(v1.source == "from the cgroup v1 limit in " + kMachine + "/roots/cgroup1/sys/fs/cgroup/memory/memory.limit_in_bytes");
  auto unlimited = found(probe("no-settings", "roots/cgroup1-unlimited"));
  CHECK(unlimited.bytes == 16 * GiB);
  CHECK(unlimited.source == "from the physical memory in " + kMachine + "/roots/cgroup1-unlimited/proc/meminfo");
  CHECK(found(probe("no-settings", "roots/physical")).bytes == 16 * GiB);
  auto nothing = refused(probe("no-settings", "roots/empty"));
  CHECK(nothing.path.empty());
  CHECK(nothing.message.starts_with("cannot tell this machine's memory"));
}

TEST_CASE("a cgroup path that climbs out of the mount is read at the mount's root only") {
  testing::TempDir t;
  t.file("proc/self/cgroup", "0::/../../../etc\n");
  t.file("proc/meminfo", "MemTotal: 4194304 kB\n");
  t.file("sys/fs/cgroup/memory.max", "1073741824\n");
  auto m = visible_memory(t.root.string(), false);
  REQUIRE(m);
  CHECK(m->bytes == GiB);
}

TEST_CASE("the machine itself: some positive amount, from somewhere") {
  auto m = visible_memory("/", true);
  REQUIRE(m);
  CHECK(m->bytes > 0);
  CHECK(!m->source.empty());
}

TEST_CASE("resolve_budget: sizes, auto, headroom") {
  CHECK(!std::get<std::optional<Budget>>(resolve_budget({}, {})));
  auto fixed = std::get<std::optional<Budget>>(resolve_budget({BudgetSpec{false, 8 * GiB}, std::nullopt, GiB}, {}));
  REQUIRE(fixed);
  CHECK(fixed->bytes == 8 * GiB);
  CHECK(fixed->usable() == 7 * GiB);
  CHECK(!fixed->source);
  auto automatic = std::get<std::optional<Budget>>(resolve_budget({BudgetSpec{true, 0}, std::nullopt, 0}, probe("mac")));
  REQUIRE(automatic);
  CHECK(automatic->bytes == 8 * GiB);
  CHECK(budget_phrase(*automatic) == "8 GiB budget (8 GiB from Docker Desktop settings at " + kMachine +
                                         "/mac/Library/Group Containers/group.com.docker/settings-store.json)");
  auto none_left = resolve_budget({BudgetSpec{false, 2 * GiB}, std::nullopt, 2 * GiB}, {});
  REQUIRE(std::holds_alternative<InputError>(none_left));
  CHECK(std::get<InputError>(none_left).message == "the headroom 2 GiB leaves nothing of the 2 GiB budget");
  CHECK(std::holds_alternative<InputError>(resolve_budget({BudgetSpec{true, 0}, std::nullopt, 0}, probe("broken"))));
}

TEST_CASE("parse_budget_spec and parse_headroom") {
  CHECK(std::get<BudgetSpec>(parse_budget_spec("auto")) == BudgetSpec{true, 0});
  CHECK(std::get<BudgetSpec>(parse_budget_spec("8g")) == BudgetSpec{false, 8 * GiB});
  CHECK(std::get<std::string>(parse_budget_spec("0")) == "must be positive (or auto)");
  CHECK(std::holds_alternative<std::string>(parse_budget_spec("lots")));
  CHECK(std::holds_alternative<std::string>(parse_budget_spec("AUTO")));
  CHECK(std::get<std::int64_t>(parse_headroom("0")) == 0);
  CHECK(std::get<std::int64_t>(parse_headroom("1.5g")) == 3 * GiB / 2);
  CHECK(std::get<std::string>(parse_headroom("-1")) == "must not be negative");
}

TEST_CASE("budget_options_from: the command line's words, errors naming the option") {
  auto opts = [](std::string_view b, std::string_view d, std::string_view h) { return budget_options_from(b, d, h); };
  auto none = std::get<BudgetOptions>(opts("", "", ""));
  CHECK(!none.spec);
  auto implied = std::get<BudgetOptions>(opts("", "s.json", "1g"));
  REQUIRE(implied.spec);
  CHECK(implied.spec->automatic);
  CHECK(implied.docker_settings == "s.json");
  CHECK(implied.headroom == GiB);
  CHECK(std::get<std::string>(opts("8g", "s.json", "")) == "--docker-settings goes with --memory-budget auto, not a size");
  CHECK(std::get<std::string>(opts("", "", "1g")) == "--headroom goes with --memory-budget");
  CHECK(std::get<std::string>(opts("8g", "", "-1")) == "--headroom: must not be negative");
  CHECK(std::get<std::string>(opts("0", "", "")) == "--memory-budget: must be positive (or auto)");
}
