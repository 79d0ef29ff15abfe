#include <ostream>

#include <fmt/format.h>

#include "report/report.hpp"

namespace boundaudit::report {
namespace {

std::string_view colour_of(Severity s) {
  switch (s) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;33m";
    case Severity::note: return "\x1b[1;36m";
  }
  return "";
}

}  // namespace

void write_text(std::ostream& out, std::span<const Finding> findings, std::span<const InputError> errors,
                const TextOptions& options) {
  const std::string_view bold = options.color ? "\x1b[1m" : "";
  const std::string_view reset = options.color ? "\x1b[0m" : "";
  for (const auto& e : errors) {
    out << bold << display_name(e.path);
    if (e.line) out << ':' << *e.line;
    out << ':' << reset << ' ' << (options.color ? colour_of(Severity::error) : "") << "error" << reset << ": "
        << display_text(e.message) << '\n';
  }
  for (const auto& f : findings) {
    out << bold << fmt::format("{}:{}:{}:", display_name(f.site.path), f.site.line, f.site.column) << reset << ' '
        << (options.color ? colour_of(f.severity) : "") << to_string(f.severity) << '[' << f.code << ']' << reset
        << ' ' << display_text(f.message) << '\n';
    for (const auto& note : f.notes) out << "  note: " << display_text(note) << '\n';
    if (options.show_source && options.lines) {
      auto src = options.lines(f.site.path, f.site.line);
      if (!src.empty()) {
        out << fmt::format("{:>5} | {}\n", f.site.line, display_text(src));
        int width = 1;
        if (f.site.end_line == f.site.line && f.site.end_column > f.site.column)
          width = f.site.end_column - f.site.column;
        out << "      | " << std::string(static_cast<std::size_t>(std::max(0, f.site.column - 1)), ' ')
            << (options.color ? colour_of(f.severity) : "") << '^' << std::string(width - 1, '~') << reset << '\n';
      }
    }
  }
}

std::string markdown_cell(std::string_view text) {
  std::string r;
  for (char c : display_text(text)) {  // no line break is left in it
    if (c == '|') r += "\\|";
    else r += c;
  }
  return r;
}

}  // namespace boundaudit::report
