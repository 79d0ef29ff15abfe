#include "cli/config_file.hpp"

#include <filesystem>

#define TOML_HEADER_ONLY 1  // no run-time library: the release binaries link only glibc
#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include "core/diagnostic.hpp"

namespace boundaudit::cli {
namespace {

namespace fs = std::filesystem;

bool is_pyproject(const std::string& path) { return fs::path(path).filename() == "pyproject.toml"; }

int line_of(const toml::source_region& where) { return static_cast<int>(where.begin.line); }

// The tool's section of a parsed document, or null.
const toml::table* section(const toml::table& doc, std::string_view tool, bool pyproject) {
  if (!pyproject) return doc[tool].as_table();
  return doc["tool"][tool].as_table();
}

std::optional<std::vector<std::string>> strings(const toml::array& array) {
  std::vector<std::string> out;
  for (const auto& item : array) {
    const auto* s = item.as_string();
    if (!s) return std::nullopt;
    out.push_back(s->get());
  }
  return out;
}

std::variant<ConfigValue, std::string> value_of(const toml::node& node) {
  if (const auto* s = node.as_string()) return ConfigValue{s->get()};
  if (const auto* b = node.as_boolean()) return ConfigValue{b->get()};
  if (const auto* i = node.as_integer()) return ConfigValue{i->get()};
  if (const auto* a = node.as_array()) {
    if (auto list = strings(*a)) return ConfigValue{std::move(*list)};
    return std::string("expected an array of strings");
  }
  if (const auto* t = node.as_table()) {
    GlobCodes table;
    for (const auto& [glob, codes] : *t) {
      const auto* a = codes.as_array();
      auto list = a ? strings(*a) : std::nullopt;
      if (!list) return "expected an array of codes for \"" + std::string(glob.str()) + "\"";
      table.emplace_back(std::string(glob.str()), std::move(*list));
    }
    return ConfigValue{std::move(table)};
  }
  return std::string("expected a string, a boolean, an integer, an array of strings or a table");
}

}  // namespace

std::string to_string(const ConfigError& e) {
  std::string out = e.path;
  if (e.line > 0) {  // appended piece by piece: GCC 12's -Wrestrict misfires on ":" + to_string() at -O3
    out += ':';
    out += std::to_string(e.line);
  }
  out += ": ";
  if (!e.key.empty()) out += e.key + ": ";
  return out + e.message;
}

std::optional<std::string> find_config(std::string_view tool, const std::string& directory) {
  std::error_code ec;
  auto dir = fs::absolute(directory, ec).lexically_normal();
  if (ec) return std::nullopt;
  if (dir.filename().empty() && dir.has_parent_path()) dir = dir.parent_path();  // "/a/b/" -> "/a/b"
  for (;;) {
    for (const char* name : {"boundaudit.toml", "pyproject.toml"}) {
      auto candidate = dir / name;
      if (!fs::is_regular_file(candidate, ec)) continue;
      auto read = read_config(tool, candidate.string());
      // A file that cannot be read or parsed is reported (by the caller reading it again) rather
      // than passed over; a file without the tool's section is passed over.
      if (std::holds_alternative<ConfigError>(read) || std::get<ConfigFile>(read).has_section)
        return candidate.string();
    }
    if (dir == dir.root_path() || !dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::variant<ConfigFile, ConfigError> read_config(std::string_view tool, const std::string& path) {
  auto read = read_source(path, 1u << 20);
  if (!read.source) return ConfigError{path, 0, "", read.error ? read.error->message : "cannot read the file"};
  int bad_line = 0;
  if (!is_text_utf8(read.source->text, &bad_line))
    return ConfigError{path, bad_line, "", "not UTF-8 text"};
  auto parsed = toml::parse(read.source->text, path);
  if (!parsed)
    return ConfigError{path, line_of(parsed.error().source()), "", std::string(parsed.error().description())};
  ConfigFile file;
  file.path = path;
  const toml::table* tool_section = section(parsed.table(), tool, is_pyproject(path));
  if (!tool_section) {
    // A section that is there but not a table (`tool.loopaudit = 1`) is an error, not "no section".
    const auto* at = is_pyproject(path) ? parsed.table()["tool"][tool].node() : parsed.table()[tool].node();
    if (at) return ConfigError{path, line_of(at->source()), std::string(tool), "expected a table"};
    return file;
  }
  file.has_section = true;
  for (const auto& [key, node] : *tool_section) {
    auto value = value_of(node);
    int line = line_of(key.source());
    if (line == 0) line = line_of(node.source());
    if (auto* why = std::get_if<std::string>(&value)) return ConfigError{path, line, std::string(key.str()), *why};
    file.entries.emplace(std::string(key.str()), ConfigEntry{std::move(std::get<ConfigValue>(value)), line});
  }
  return file;
}

}  // namespace boundaudit::cli
