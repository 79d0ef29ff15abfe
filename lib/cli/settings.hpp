// A setting is one value a tool can be given both ways: as a command-line flag and as a key of the
// configuration file (config_file.hpp), with the same name (`--fail-on` / `fail-on`). The command
// line wins over the file; each setting remembers where its value came from (--show-settings). A tool
// adds its own settings beside the shared ones (app.hpp) in one line each:
//
//   cli::count("jobs", &jobs, "threads; 0 = all cores (default)").flag_names("-j,--jobs")
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "cli/config_file.hpp"

namespace boundaudit::cli {

using Target = std::variant<std::string*, std::vector<std::string>*, bool*, unsigned*, GlobCodes*>;

struct Setting {
  std::string key;                  // configuration key; the flag is --KEY unless flag_names says otherwise
  std::string names;                // CLI11 option names, e.g. "-j,--jobs"; empty: "--KEY"
  std::string help;
  Target target;
  std::vector<std::string> choices;  // the values allowed, when a closed set
  // Why a value (one element of a list, one code of a glob table) is bad, or nothing.
  std::function<std::optional<std::string>(const std::string&)> check;
  bool in_config = true;   // also a configuration key
  bool on_command_line = true;
  bool commas = false;     // a list flag also splits "A,B"
  std::string needs;       // key of the setting this flag is only allowed with
  std::string value_name;  // in --help
  std::string origin = "default";  // "default", "command line", or "FILE:LINE"

  Setting& flag_names(std::string n) { names = std::move(n); return *this; }
  Setting& one_of(std::vector<std::string> c) { choices = std::move(c); return *this; }
  Setting& checked(std::function<std::optional<std::string>(const std::string&)> f) { check = std::move(f); return *this; }
  Setting& command_line_only() { in_config = false; return *this; }
  Setting& config_only() { on_command_line = false; return *this; }
  Setting& comma_separated() { commas = true; return *this; }
  Setting& only_with(std::string key) { needs = std::move(key); return *this; }
  Setting& value(std::string name) { value_name = std::move(name); return *this; }
};

Setting text(std::string key, std::string* target, std::string help);
Setting list(std::string key, std::vector<std::string>* target, std::string help);
Setting flag(std::string key, bool* target, std::string help);
Setting count(std::string key, unsigned* target, std::string help);
Setting glob_codes(std::string key, GlobCodes* target, std::string help);

// Sets every setting the file has a key for and the command line did not give (given(setting)).
// An unknown key, a value of the wrong type or a bad value is an error naming the file, line and key.
std::optional<ConfigError> apply_config(std::span<Setting> settings, const ConfigFile& file,
                                        const std::function<bool(const Setting&)>& given);

// Why the current value of a setting is bad (a choice not allowed, check() failing), or nothing.
std::optional<std::string> invalid_value(const Setting& setting);

// The value as TOML (`["LA1", "LA2"]`, `"note"`, `true`, `4`, `{ "tests/*" = ["LA101"] }`).
std::string toml_value(const Setting& setting);

// --show-settings: every configuration key with its value and where it came from.
void write_settings(std::ostream& out, std::string_view tool, std::span<const Setting> settings,
                    const std::optional<std::string>& config_path);

}  // namespace boundaudit::cli
