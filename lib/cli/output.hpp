// What both CLIs print the same way: the one rule for colour and source frames, the summary line,
// --statistics and the exit code. (--output-file is written with core/atomic_write.)
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace boundaudit::cli {

struct Presentation {
  bool color = false;
  bool source_frames = false;
};

// --color always: colour and source frames; never: neither (unless --show-source); auto: colour when
// the output is a terminal (not TERM=dumb) or FORCE_COLOR is set (non-empty, not "0"), and never when
// NO_COLOR is set (non-empty; it wins over FORCE_COLOR); source frames when colour is on or the output
// is a terminal. --show-source adds source frames whatever the rest says.
Presentation decide_presentation(std::string_view color, bool show_source, bool output_is_terminal,
                                 const std::map<std::string, std::string>& environment);

// A one-line progress indicator on stderr, "loopaudit: 120/968 files", redrawn in place at most every
// 100 ms. Shown when stderr is a terminal and the run has taken more than a second, or from the
// start when forced (--progress); never otherwise (pipes, CI logs). finish() erases the line, so the
// report starts on a clean line; the destructor calls it.
class ProgressLine {
 public:
  ProgressLine(std::ostream& err, std::string_view tool, bool terminal, bool forced);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  // For loops::Config::progress; empty when nothing would ever be shown.
  std::function<void(std::size_t done, std::size_t total)> callback();
  void finish();

 private:
  void update(std::size_t done, std::size_t total);
  std::ostream& err_;
  std::string tool_;
  bool enabled_, forced_, shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// "1 error", "2 warnings": the count and the word, plural when the count is not 1.
std::string plural(std::size_t n, std::string_view word);

// "loopaudit: 12 sites in 3 files (...): 1 error, 2 warnings, 0 notes, 1 input error"
// (the input errors only when there are some).
std::string summary_line(std::string_view tool, std::string_view inventory, std::span<const Finding> findings,
                         std::size_t input_errors);

// --statistics: one line per code, most frequent first: "    3  LA101  unbounded-while".
void write_statistics(std::ostream& out, std::span<const Finding> findings, std::span<const RuleInfo> rules);

// The exit-code policy of both tools: 2 when there is an input error; 1 when a finding is at or above
// fail_on (and not exit_zero); else 0.
int exit_code(std::span<const Finding> findings, std::size_t input_errors, Severity fail_on, bool exit_zero);

}  // namespace boundaudit::cli
