// Output formats shared by both tools. The library computes results; these only format them.
#pragma once

#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/utf8.hpp"  // every formatter prints strings through valid_utf8 / display_path

namespace boundaudit::report {

struct ToolInfo {
  std::string_view name;     // "composelint"
  std::string_view version;  // boundaudit::version()
  std::span<const RuleInfo> rules;
};

// Returns the 1-based line of a file as it was read, or an empty view when unknown.
using LineLookup = std::function<std::string_view(const std::string& path, int line)>;

struct TextOptions {
  bool color = false;
  bool show_source = false;  // source line and caret under each finding (on a terminal)
  LineLookup lines;
};

// path:line:col: severity[CODE] message   (errors: path:line: error: message)
void write_text(std::ostream& out, std::span<const Finding> findings, std::span<const InputError> errors,
                const TextOptions& options);

// GitHub Actions workflow commands (::error file=...,line=...::message).
void write_github(std::ostream& out, std::span<const Finding> findings, std::span<const InputError> errors);

// SARIF 2.1.0, one run.
void write_sarif(std::ostream& out, const ToolInfo& tool, std::span<const Finding> findings,
                 std::span<const InputError> errors);

// Escapes text for a markdown table cell (and makes it valid UTF-8).
std::string markdown_cell(std::string_view text);

}  // namespace boundaudit::report
