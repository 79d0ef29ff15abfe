// The configuration file: `[tool.loopaudit]` / `[tool.composelint]` in a pyproject.toml, or the
// sections `[loopaudit]` / `[composelint]` of a boundaudit.toml, read with toml++. Which keys exist and
// what they accept is the settings' business (settings.hpp); this only finds the file and reads the
// tool's section into plain values that remember their line.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace boundaudit::cli {

// per-file-ignores: glob -> codes, in file order.
using GlobCodes = std::vector<std::pair<std::string, std::vector<std::string>>>;

// A value as written: a string, an array of strings, a boolean, an integer, or a table of arrays
// of strings (per-file-ignores). Anything else (floats, dates, nested tables, mixed arrays) is
// refused when the file is read.
using ConfigValue = std::variant<std::string, std::vector<std::string>, bool, std::int64_t, GlobCodes>;

struct ConfigEntry {
  ConfigValue value;
  int line = 0;  // 1-based line of the key
};

struct ConfigFile {
  std::string path;
  bool has_section = false;                    // the file has the tool's section (perhaps empty)
  std::map<std::string, ConfigEntry> entries;  // the tool's section
};

// A configuration error: "path:line: key: message" (line 0 and an empty key when not known).
struct ConfigError {
  std::string path;
  int line = 0;
  std::string key;
  std::string message;
};
std::string to_string(const ConfigError& e);

// The configuration file that applies in `directory`: walking up from it, in each directory first a
// boundaudit.toml with a [TOOL] section, then a pyproject.toml with a [tool.TOOL] section (ruff's
// rule: the closest file wins, files without the tool's section are passed over).
std::optional<std::string> find_config(std::string_view tool, const std::string& directory);

// Reads the tool's section of a file: [tool.TOOL] in a file named pyproject.toml, [TOOL] in any other.
std::variant<ConfigFile, ConfigError> read_config(std::string_view tool, const std::string& path);

}  // namespace boundaudit::cli
