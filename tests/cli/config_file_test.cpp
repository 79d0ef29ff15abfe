#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "cli/config_file.hpp"

using namespace boundaudit::cli;
namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("boundaudit-config-" + std::to_string(::getpid()));
  Scratch() { fs::create_directories(dir / "a" / "b"); }
  ~Scratch() { fs::remove_all(dir); }
  std::string write(const std::string& relative, const std::string& text) const {
    std::ofstream(dir / relative) << text;
    return (dir / relative).string();
  }
};

}  // namespace

TEST_CASE("pyproject.toml: [tool.TOOL] with values and the line of each key") {
  Scratch s;
  auto path = s.write("pyproject.toml",
                      "[project]\nname = 'x'\n\n[tool.loopaudit]\nselect = [\"LA1\"]\nfull-parse = true\njobs = 2\n"
                      "per-file-ignores = { \"tests/*\" = [\"LA101\"] }\n\n[tool.composelint]\nmemory-budget = \"8g\"\n");
  auto read = read_config("loopaudit", path);
  REQUIRE(std::holds_alternative<ConfigFile>(read));
  const auto& file = std::get<ConfigFile>(read);
  CHECK(file.has_section);
  REQUIRE(file.entries.size() == 4);
  CHECK(file.entries.at("select").line == 5);
  CHECK(std::get<std::vector<std::string>>(file.entries.at("select").value) == std::vector<std::string>{"LA1"});
  CHECK(std::get<bool>(file.entries.at("full-parse").value));
  CHECK(std::get<std::int64_t>(file.entries.at("jobs").value) == 2);
  auto globs = std::get<GlobCodes>(file.entries.at("per-file-ignores").value);
  REQUIRE(globs.size() == 1);
  CHECK(globs[0].first == "tests/*");
  auto compose = std::get<ConfigFile>(read_config("composelint", path));
  CHECK(compose.entries.at("memory-budget").line == 11);
}

TEST_CASE("boundaudit.toml: [TOOL] sections; another tool's section only is no section") {
  Scratch s;
  auto path = s.write("boundaudit.toml", "[composelint]\nprofiles = [\"dev\"]\n");
  CHECK_FALSE(std::get<ConfigFile>(read_config("loopaudit", path)).has_section);
  CHECK(std::get<ConfigFile>(read_config("composelint", path)).has_section);
}

TEST_CASE("errors name the file and line") {
  Scratch s;
  auto syntax = std::get<ConfigError>(read_config("loopaudit", s.write("bad.toml", "[loopaudit]\nselect = [\n")));
  CHECK(syntax.path.ends_with("bad.toml"));
  CHECK(syntax.line >= 2);
  auto type = std::get<ConfigError>(read_config("loopaudit", s.write("t.toml", "[loopaudit]\n\nratio = 1.5\n")));
  CHECK(type.line == 3);
  CHECK(type.key == "ratio");
  CHECK(to_string(type).find("t.toml:3: ratio: expected") != std::string::npos);
  auto missing = std::get<ConfigError>(read_config("loopaudit", (s.dir / "none.toml").string()));
  CHECK(missing.message.find("no such file") != std::string::npos);
}

TEST_CASE("find_config walks up; the closest file with the tool's section wins") {
  Scratch s;
  s.write("pyproject.toml", "[tool.loopaudit]\nselect = [\"LA1\"]\n");
  s.write("a/pyproject.toml", "[tool.black]\nline-length = 100\n");  // no [tool.loopaudit]: passed over
  auto found = find_config("loopaudit", (s.dir / "a" / "b").string());
  REQUIRE(found);
  CHECK(fs::path(*found) == s.dir / "pyproject.toml");
  s.write("a/boundaudit.toml", "[loopaudit]\n");
  found = find_config("loopaudit", (s.dir / "a" / "b").string());
  REQUIRE(found);
  CHECK(fs::path(*found) == s.dir / "a" / "boundaudit.toml");
  CHECK_FALSE(find_config("composelint", (s.dir / "a").string()));
}
