// The command line both tools share. A tool's main() describes itself (name, rules, its own
// settings, how to audit) and calls run(); everything else is here, the same for both: the shared
// flags and their --help lines, the configuration file, --explain, --list-rules, --show-settings,
// stdin, the output formats and file, colour and source frames, the summary line and the exit code.
//
// Data flows one way: arguments and configuration -> Request -> the tool's audit -> Outcome ->
// post-processing of the finding list (per-file-ignores; a baseline goes here too) -> output.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/settings.hpp"
#include "core/diagnostic.hpp"
#include "core/selection.hpp"
#include "report/report.hpp"

namespace boundaudit::cli {

// What the shared layer hands the tool's audit.
struct Request {
  std::vector<std::string> inputs;     // positional arguments, "-" left out
  std::optional<Source> stdin_source;  // "-" given: stdin, named --stdin-filename (default "-")
  Selection selection;                 // --select (+ --extend-select) and --ignore, validated
  Severity fail_on = Severity::note;
  std::map<std::string, std::string> environment;  // the process environment
  std::ostream* err = nullptr;         // for messages of modes that print themselves (--update-doc)
  bool err_is_terminal = false;        // stderr is a terminal (a progress line may go there)
  std::optional<std::string> config_path;  // the configuration file read, if any (its folder is the project root)
};

// What the tool's audit returns.
struct Outcome {
  std::optional<int> exit;             // the run printed its own result (e.g. --update-doc): exit with this
  std::vector<Finding> findings;       // sorted
  std::vector<InputError> errors;      // sorted
  std::string inventory;               // what was audited, for the summary: "3 services in 1 project"
  report::LineLookup lines;            // source lines for frames under text findings
  // The tool's own formats ("json", "markdown"), written from the findings left after post-processing.
  std::function<void(std::ostream&, std::string_view format, std::span<const Finding>)> write;
  // What text output adds after the findings (composelint's budget lines), or nothing.
  std::function<void(std::ostream&, std::span<const Finding>)> text_tail;

  // A run that printed its own result and ends with this exit code.
  static Outcome finished(int code) {
    Outcome o;
    o.exit = code;
    return o;
  }
};

struct Tool {
  std::string_view name;         // "loopaudit"
  std::string_view description;  // first line of --help
  std::span<const RuleInfo> rules;
  std::string positional;        // "PATH"
  std::string positional_help;
  std::string footer;            // tool-specific lines under the shared exit-code footer, or empty
  std::vector<Setting> settings;  // the tool's own flags and keys, shown under "<tool> options"
  std::function<Outcome(const Request&)> audit;
};

// Parses the command line and the configuration, runs the tool and prints; returns the exit code.
int run(Tool tool, int argc, char** argv);

// Variants used by tests: the environment and the streams given.
int run(Tool tool, std::span<const std::string> args, const std::map<std::string, std::string>& environment,
        std::istream& in, std::ostream& out, std::ostream& err, bool out_is_terminal, bool err_is_terminal = false);

}  // namespace boundaudit::cli
