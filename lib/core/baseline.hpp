// A baseline for legacy code (--baseline FILE, --write-baseline FILE): the findings a project has
// accepted for now, so that a run reports only new ones. An entry is keyed on the rule, the path, the
// finding's subject (the enclosing qualified function, the service) and the normalized text of the
// finding's line, never on the line number or the message, so an edit elsewhere in the file does not
// invalidate it. The file format is documented in the README ("Baseline").
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/diagnostic.hpp"

namespace boundaudit {

// The format_version this build writes and the only one it reads.
inline constexpr int kBaselineFormatVersion = 1;

// What an entry matches on; every string is valid UTF-8.
struct BaselineKey {
  std::string rule;    // "LA101"
  std::string path;    // as given, lexically normalized ("./src/a.py" -> "src/a.py"), display_path escaped
  std::string anchor;  // Finding::subject: loopaudit's enclosing function ("Worker.run", "<module>"),
                       // composelint's service; "" when the finding has none
  std::string text;    // normalize_site_text of the finding's first source line; "" when unknown

  auto operator<=>(const BaselineKey&) const = default;
};

struct BaselineEntry {
  BaselineKey key;
  std::string message;  // the finding's message when written, for readers: never matched on

  auto operator<=>(const BaselineEntry&) const = default;
};

struct Baseline {
  std::string tool;                    // "loopaudit" | "composelint"
  std::vector<BaselineEntry> entries;  // sorted; equal keys repeat once per finding
};

// The text of the 1-based `line` of path as the tool read it, or "" when unknown. Called once per
// finding; it may read the file on demand (see file_lines), so it returns a copy.
using SourceLine = std::function<std::string(const std::string& path, int line)>;

// A SourceLine that reads each file from disk once (read_source, within max_bytes) and keeps only the
// files it was asked about. For a tool that no longer holds its sources when it reports.
SourceLine file_lines(std::size_t max_bytes = 64u << 20);

// A source line as an anchor: whitespace runs are dropped, except one space between two word
// characters (letters, digits, `_`, any non-ASCII byte), so re-indenting or re-spacing the line
// (`f(a,b)` -> `f(a, b)`) keeps its anchor; made valid UTF-8 and cut to at most 200 bytes.
std::string normalize_site_text(std::string_view line);

BaselineKey baseline_key(const Finding& f, const SourceLine& lines);

// A baseline of these findings, sorted by key then message.
Baseline make_baseline(std::string_view tool, std::span<const Finding> findings, const SourceLine& lines);

// The file's bytes: stable (the same baseline gives the same bytes), one entry per line, ends in "\n".
std::string serialize_baseline(const Baseline& baseline);

// Reads a baseline written for `tool`. A missing or unreadable file, text that is not JSON, another
// format_version, another tool or a wrong shape is an InputError naming path (and, for JSON syntax,
// the line). Never throws.
std::variant<Baseline, InputError> parse_baseline(const std::string& path, std::string_view text, std::string_view tool);
std::variant<Baseline, InputError> read_baseline(const std::string& path, std::string_view tool);

// Writes the baseline atomically (core/atomic_write.hpp): a temporary file in the same directory, then
// rename; on failure (a directory, a read-only file, no such directory, ...) the InputError says why and
// nothing is left behind.
std::optional<InputError> write_baseline(const std::string& path, const Baseline& baseline);

struct BaselineOutcome {
  std::vector<Finding> findings;      // not in the baseline: the ones to report, in the order given
  std::vector<BaselineEntry> fixed;   // entries no finding matched ("fixed"), sorted
  std::size_t matched = 0;            // findings the baseline hid
};

// Which entries this run could have produced (the rule is selected, the path was audited); an entry
// outside it is never listed as fixed. Empty: every entry.
using BaselineScope = std::function<bool(const BaselineEntry&)>;

// Each entry hides at most one finding with its key, so with 2 equal entries and 3 such findings one
// is reported. Among findings of one key, a finding whose message is an entry's message is matched
// first; the rest are matched in the order given, and the last ones are the new ones.
BaselineOutcome apply_baseline(const Baseline& baseline, std::vector<Finding> findings, const SourceLine& lines,
                               const BaselineScope& scope = {});

}  // namespace boundaudit
