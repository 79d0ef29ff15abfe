#include <doctest/doctest.h>

#include <sstream>

#include "cli/output.hpp"

using namespace boundaudit;
using namespace boundaudit::cli;

TEST_CASE("one rule for colour and source frames") {
  using Env = std::map<std::string, std::string>;
  auto p = decide_presentation("auto", false, true, Env{});
  CHECK(p.color);
  CHECK(p.source_frames);
  p = decide_presentation("auto", false, false, Env{});
  CHECK_FALSE(p.color);
  CHECK_FALSE(p.source_frames);
  p = decide_presentation("auto", false, false, Env{{"FORCE_COLOR", "1"}});
  CHECK(p.color);
  CHECK(p.source_frames);
  CHECK_FALSE(decide_presentation("auto", false, false, Env{{"FORCE_COLOR", "0"}}).color);
  p = decide_presentation("auto", false, true, Env{{"NO_COLOR", "1"}, {"FORCE_COLOR", "1"}});
  CHECK_FALSE(p.color);
  CHECK(p.source_frames);  // still a terminal
  CHECK(decide_presentation("auto", false, true, Env{{"NO_COLOR", ""}}).color);  // empty: not set
  CHECK_FALSE(decide_presentation("auto", false, true, Env{{"TERM", "dumb"}}).color);
  p = decide_presentation("always", false, false, Env{{"NO_COLOR", "1"}});
  CHECK(p.color);
  CHECK(p.source_frames);
  p = decide_presentation("never", false, true, Env{});
  CHECK_FALSE(p.color);
  CHECK_FALSE(p.source_frames);
  CHECK(decide_presentation("never", true, false, Env{}).source_frames);
}

TEST_CASE("the exit-code policy") {
  std::vector<Finding> notes{{"LA202", Severity::note, {}, "", "", {}, ""}};
  CHECK(exit_code({}, 0, Severity::note, false) == 0);
  CHECK(exit_code(notes, 0, Severity::note, false) == 1);
  CHECK(exit_code(notes, 0, Severity::warning, false) == 0);
  CHECK(exit_code(notes, 0, Severity::note, true) == 0);
  CHECK(exit_code(notes, 1, Severity::note, true) == 2);  // --exit-zero does not hide input errors
  CHECK(exit_code({}, 1, Severity::error, false) == 2);
}

TEST_CASE("summary line and statistics") {
  std::vector<Finding> f{{"CL001", Severity::error, {}, "", "", {}, ""},
                         {"CL001", Severity::error, {}, "", "", {}, ""},
                         {"CL003", Severity::warning, {}, "", "", {}, ""}};
  CHECK(summary_line("composelint", "2 services in 1 project", f, 0) ==
        "composelint: 2 services in 1 project: 2 errors, 1 warning, 0 notes");
  CHECK(summary_line("composelint", "x", {}, 1) == "composelint: x: 0 errors, 0 warnings, 0 notes, 1 input error");
  const RuleInfo rules[] = {{"CL001", "missing-memory-limit", Severity::error, ""},
                            {"CL003", "conflicting-memory-limits", Severity::warning, ""}};
  std::ostringstream out;
  write_statistics(out, f, rules);
  CHECK(out.str() == "    2  CL001  missing-memory-limit\n    1  CL003  conflicting-memory-limits\n");
}
