// The shared command line with a tool made up for the test: settings from flags and from a
// configuration file land in the same place, selection by prefix, post-processing, output and exit.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.hpp"

using namespace boundaudit;
using namespace boundaudit::cli;

namespace {

const RuleInfo kRules[] = {{"XX101", "first-rule", Severity::error, "one"},
                           {"XX102", "second-rule", Severity::warning, "two"},
                           {"XX201", "third-rule", Severity::note, "three"}};

struct Ran {
  int rc = 0;
  std::string out, err;
  Request request;
  unsigned level = 0;
};

// Runs a tool whose audit reports one finding per rule in a.py and one XX101 in tests/t.py.
Ran run_tool(std::vector<std::string> args, const std::string& stdin_text = "") {
  Ran ran;
  Tool tool{"xtool", "a test tool", kRules, "PATH", "inputs", "", {}, {}};
  tool.settings = {count("level", &ran.level, "a tool setting")};
  tool.audit = [&](const Request& r) {
    ran.request = r;
    Outcome o;
    for (const auto& rule : kRules)
      if (selected(r.selection, rule.code))
        o.findings.push_back({std::string(rule.code), rule.severity, {"a.py", 1, 1, 1, 2}, "m", "", {}, ""});
    if (selected(r.selection, "XX101")) o.findings.push_back({"XX101", Severity::error, {"tests/t.py", 2, 1, 2, 2}, "m", "", {}, ""});
    std::sort(o.findings.begin(), o.findings.end());
    o.inventory = "2 files";
    return o;
  };
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  ran.rc = run(std::move(tool), args, {}, in, out, err, false);
  ran.out = out.str();
  ran.err = err.str();
  return ran;
}

}  // namespace

TEST_CASE("selection by code or prefix; an unknown one is a usage error") {
  auto r = run_tool({"--isolated", "--select", "XX1", "x"});
  CHECK(r.rc == 1);
  CHECK(r.request.selection.select == std::vector<std::string>{"XX1"});
  CHECK(r.out.find("XX201") == std::string::npos);
  r = run_tool({"--isolated", "--select", "XX1", "--extend-select", "XX2", "x"});
  CHECK(r.request.selection.select == std::vector<std::string>{"XX1", "XX2"});
  r = run_tool({"--isolated", "--ignore", "XX3", "x"});
  CHECK(r.rc == 2);
  CHECK(r.err.find("'XX3' matches no rule code") != std::string::npos);
}

TEST_CASE("summary, --quiet, --exit-zero, --fail-on") {
  auto r = run_tool({"--isolated", "x"});
  CHECK(r.rc == 1);
  CHECK(r.out.find("xtool: 2 files: 2 errors, 1 warning, 1 note\n") != std::string::npos);
  r = run_tool({"--isolated", "-q", "x"});
  CHECK(r.out.find("xtool:") == std::string::npos);
  CHECK(r.out.find("a.py:1:1: error[XX101]") != std::string::npos);
  CHECK(run_tool({"--isolated", "--exit-zero", "x"}).rc == 0);
  CHECK(run_tool({"--isolated", "--select", "XX201", "x"}).rc == 1);  // a note fails by default
  CHECK(run_tool({"--isolated", "--select", "XX201", "--fail-on", "warning", "x"}).rc == 0);
}

TEST_CASE("per-file-ignores from the command line") {
  auto r = run_tool({"--isolated", "--per-file-ignores", "tests/*:XX1", "x"});
  CHECK(r.out.find("tests/t.py") == std::string::npos);
  CHECK(r.out.find("a.py:1:1: error[XX101]") != std::string::npos);
  CHECK(run_tool({"--isolated", "--per-file-ignores", "tests/*", "x"}).rc == 2);
}

TEST_CASE("stdin: - reads it, named by --stdin-filename") {
  auto r = run_tool({"--isolated", "-"}, "print(1)\n");
  REQUIRE(r.request.stdin_source);
  CHECK(r.request.stdin_source->path == "-");
  CHECK(r.request.stdin_source->text == "print(1)\n");
  CHECK(r.request.inputs.empty());
  r = run_tool({"--isolated", "--stdin-filename", "src/m.py"}, "x");
  REQUIRE(r.request.stdin_source);
  CHECK(r.request.stdin_source->path == "src/m.py");
  CHECK(run_tool({"--isolated", "--stdin-filename", "m.py", "other"}).rc == 2);
}

TEST_CASE("a configuration file and the same flags give the same run; the command line wins") {
  auto dir = std::filesystem::temp_directory_path() / ("boundaudit-app-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto config = (dir / "boundaudit.toml").string();
  std::ofstream(config) << "[xtool]\nselect = [\"XX1\"]\nfail-on = \"error\"\nlevel = 3\n"
                           "per-file-ignores = { \"tests/*\" = [\"XX101\"] }\n";
  auto from_file = run_tool({"--config", config, "x"});
  auto from_flags = run_tool({"--isolated", "--select", "XX1", "--fail-on", "error", "--level", "3",
                              "--per-file-ignores", "tests/*:XX101", "x"});
  CHECK(from_file.rc == from_flags.rc);
  CHECK(from_file.out == from_flags.out);
  CHECK(from_file.level == 3);
  auto overridden = run_tool({"--config", config, "--level", "5", "--select", "XX2", "x"});
  CHECK(overridden.level == 5);
  CHECK(overridden.request.selection.select == std::vector<std::string>{"XX2"});
  auto shown = run_tool({"--config", config, "--level", "5", "--show-settings"});
  CHECK(shown.rc == 0);
  CHECK(shown.out.find("level = 5  # command line") != std::string::npos);
  CHECK(shown.out.find("fail-on = \"error\"  # " + config + ":3") != std::string::npos);
  CHECK(shown.out.find("format = \"text\"  # default") != std::string::npos);
  std::ofstream(config) << "[xtool]\nlevel = \"three\"\n";
  auto bad = run_tool({"--config", config, "x"});
  CHECK(bad.rc == 2);
  CHECK(bad.err.find(config + ":2: level: expected a non-negative integer") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("--help shows the common group; --version, --explain, --list-rules") {
  auto r = run_tool({"--help"});
  CHECK(r.rc == 0);
  CHECK(r.out.find("Common options (loopaudit and composelint)") != std::string::npos);
  CHECK(r.out.find("xtool options") != std::string::npos);
  CHECK(run_tool({"--version"}).out.starts_with("xtool "));
  CHECK(run_tool({"--explain", "nope"}).rc == 2);
  CHECK(run_tool({"--list-rules"}).out.find("XX102  second-rule") != std::string::npos);
  CHECK(run_tool({"--no-such-flag"}).rc == 2);
}
