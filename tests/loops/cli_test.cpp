// The loopaudit binary end to end: exit codes, input errors, -j independence, --update-doc, and the
// bundled demo's AUDIT.md being up to date.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/rule_docs.hpp"
#include "loops/registry.hpp"
#include "support/shell.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using boundaudit::testing::run_shell;
using boundaudit::testing::ShellRun;
using boundaudit::testing::TempDir;
using boundaudit::testing::slurp;

namespace {

const std::string kBin = std::string(BOUNDAUDIT_BIN_DIR) + "/loopaudit";
const std::string kDemo = std::string(BOUNDAUDIT_SOURCE_DIR) + "/fixtures/demo";

// Runs `loopaudit ARGS` in dir through the shell.
ShellRun loopaudit(const std::string& args, const std::string& dir = BOUNDAUDIT_SOURCE_DIR, bool merge = false) {
  std::string cmd = "cd '" + dir + "' && '" + kBin + "' " + args + (merge ? " 2>&1" : " 2>/dev/null");
  return run_shell(cmd);
}


}  // namespace

TEST_CASE("the demo's AUDIT.md is up to date (loopaudit --update-doc AUDIT.md --check)") {
  auto r = loopaudit("--update-doc AUDIT.md --check", kDemo, true);
  CHECK_MESSAGE(r.out.find("AUDIT.md: the loopaudit region is up to date") != std::string::npos,
                "fixtures/demo/AUDIT.md is stale; run `loopaudit --update-doc AUDIT.md` in fixtures/demo:\n" << r.out);
  CHECK(r.out.find("stale") == std::string::npos);
  // The demo keeps its LA101 on purpose (see its notes): the check says so and exits 1.
  CHECK(r.out.find("error[LA101]") != std::string::npos);
  CHECK(r.rc == 1);
}

TEST_CASE("the demo's regions survive unrelated edits and turn stale on a new unbounded site") {
  TempDir t;
  fs::copy(kDemo, t.root, fs::copy_options::recursive);
  const std::string dir = t.root.string();
  auto worker = slurp(t.root / "src/jobrunner/worker.py");
  std::ofstream(t.root / "src/jobrunner/worker.py") << "# A comment added above every site.\n\nLIMIT = 3\n" << worker;
  std::ofstream(t.root / "src/jobrunner/models.py") << "\"\"\"Plain data.\"\"\"\n\nclass Job:\n    uid: str\n";
  auto green = loopaudit("--update-doc AUDIT.md --check", dir, true);
  CHECK_MESSAGE(green.out.find("the loopaudit region is up to date") != std::string::npos, green.out);
  std::ofstream(t.root / "src/jobrunner/poller.py")
      << "import time\n\ndef wait_for(server):\n    while not server.started:\n        time.sleep(1)\n";
  auto red = loopaudit("--update-doc AUDIT.md --check", dir, true);
  CHECK(red.rc == 1);
  CHECK(red.out.find("the loopaudit region is stale") != std::string::npos);
  CHECK(red.out.find("+| `poller.py` `wait_for` | polls `not server.started` | **unbounded** (LA102)") != std::string::npos);
}

TEST_CASE("usage errors exit 2") {
  CHECK(loopaudit("--format xml src", kDemo).rc == 2);
  CHECK(loopaudit("--check src", kDemo).rc == 2);                 // --check needs --update-doc
  CHECK(loopaudit("--explain LA999").rc == 2);
  CHECK(loopaudit("--select NOPE1 src", kDemo).rc == 2);
  CHECK(loopaudit("--fail-on fatal src", kDemo).rc == 2);
  auto v = loopaudit("--version");
  CHECK(v.rc == 0);
  CHECK(v.out.starts_with("loopaudit "));
}

TEST_CASE("a missing PATH exits 2 and the other PATHs are still audited") {
  auto r = loopaudit("--format json missing_dir src", kDemo);
  CHECK(r.rc == 2);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["files_scanned"].get<int>() > 0);
  REQUIRE(j["errors"].size() >= 1);
  CHECK(j["errors"][0]["path"] == "missing_dir");
}

TEST_CASE("JSON contract on the demo; paths as reached from the PATH arguments") {
  auto r = loopaudit("--format json src", kDemo);
  REQUIRE(r.rc <= 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["tool"]["name"] == "loopaudit");
  CHECK(j["files_scanned"] == 7);
  REQUIRE(!j["sites"].empty());
  for (const auto& s : j["sites"]) {
    CHECK(s["path"].get<std::string>().starts_with("src/jobrunner/"));
    for (const char* key : {"category", "line", "column", "function", "call", "text", "in_loop", "bound", "bounded", "rule"})
      CHECK(s.contains(key));
  }
  for (const char* cat : {"while", "fanout", "spawn"}) {
    bool any = false;
    for (const auto& s : j["sites"]) any = any || s["category"] == cat;
    CHECK_MESSAGE(any, "no " << cat << " site in the demo");
  }
}

TEST_CASE("output is identical whatever -j") {
  for (const char* format : {"json", "text", "markdown", "sarif", "github"}) {
    auto one = loopaudit(std::string("--format ") + format + " -j 1 src", kDemo);
    auto many = loopaudit(std::string("--format ") + format + " -j 8 src", kDemo);
    CHECK(one.rc == many.rc);
    CHECK(one.out == many.out);
  }
}

TEST_CASE("exit 1 for findings at or above --fail-on, 0 below") {
  TempDir t;
  std::ofstream(t.root / "spin.py") << "def spin():\n    while True:\n        pass\n";
  std::ofstream(t.root / "ok.py") << "def f(n):\n    while n > 0:\n        n -= 1\n";
  auto r = loopaudit("spin.py", t.root.string());
  CHECK(r.rc == 1);
  CHECK(r.out.find("spin.py:2:5: error[LA101]") != std::string::npos);
  CHECK(loopaudit("ok.py", t.root.string()).rc == 0);
  CHECK(loopaudit("--ignore LA101 spin.py", t.root.string()).rc == 0);
  CHECK(loopaudit("", t.root.string()).rc == 1);  // no PATH: the current directory
}

TEST_CASE("--update-doc with a bare marker and PATHs (the old form) still works; missing markers exit 2") {
  TempDir t;
  fs::copy(kDemo + "/src", t.root / "src", fs::copy_options::recursive);
  const std::string doc = "# Doc\n\n<!-- loopaudit:begin -->\nold\n<!-- loopaudit:end -->\ntail\n";
  std::ofstream(t.root / "AUDIT.md") << doc;
  std::ofstream(t.root / "README.md") << "# no markers\n";
  const std::string dir = t.root.string();

  auto stale = loopaudit("--update-doc AUDIT.md --check src", dir);
  CHECK(stale.rc == 1);
  CHECK(stale.out.find("-old") != std::string::npos);
  CHECK(slurp(t.root / "AUDIT.md") == doc);

  CHECK(loopaudit("--update-doc AUDIT.md src", dir).rc == 1);  // the demo's LA101
  auto written = slurp(t.root / "AUDIT.md");
  CHECK(written.starts_with("# Doc\n\n<!-- loopaudit:begin -->\n\n**7 `while` loops**"));
  CHECK(written.ends_with("<!-- loopaudit:end -->\ntail\n"));
  auto fresh = loopaudit("--update-doc AUDIT.md --check src", dir, true);
  CHECK(fresh.out.find("up to date") != std::string::npos);
  // --ignore changes the region (the row loses its code) and the exit code (at --fail-on error: the
  // tree's other findings are warnings and notes).
  CHECK(loopaudit("--update-doc AUDIT.md --check --ignore LA101 --fail-on error src", dir).rc == 1);
  CHECK(loopaudit("--update-doc AUDIT.md --ignore LA101 --fail-on error src", dir).rc == 0);
  CHECK(loopaudit("--update-doc AUDIT.md --check --ignore LA101 --fail-on error src", dir).rc == 0);
  CHECK(loopaudit("--update-doc AUDIT.md src", dir).rc == 1);
  // A bare marker with no PATHs: exit 2, saying how to migrate.
  auto bare = loopaudit("--update-doc AUDIT.md --check", dir, true);
  CHECK(bare.rc == 2);
  CHECK(bare.out.find("AUDIT.md:3:") != std::string::npos);
  CHECK(bare.out.find("paths=\"src\"") != std::string::npos);

  CHECK(loopaudit("--update-doc README.md src", dir).rc == 2);
  CHECK(slurp(t.root / "README.md") == "# no markers\n");
  CHECK(loopaudit("--update-doc MISSING.md src", dir).rc == 2);
  // A missing PATH leaves the doc alone: it would be generated from part of the tree.
  CHECK(loopaudit("--update-doc AUDIT.md src nope", dir).rc == 2);
  CHECK(slurp(t.root / "AUDIT.md") == written);
}

namespace {

// A small tree with no finding at the default --fail-on, and a doc with prose around two regions.
struct RegionFixture {
  TempDir t;
  std::string dir = t.root.string();
  std::string doc_text =
      "# Service audit\n\nProse before, kept as written.\n\n## Loops\n\n"
      "<!-- loopaudit:begin paths=\"../src\" category=\"while\" -->\n<!-- loopaudit:end -->\n\n"
      "Prose between: the fan-outs of the app package only.\n\n"
      "<!-- loopaudit:begin paths=\"../src/app\" exclude=\"legacy\" category=\"fanout\" -->\n<!-- loopaudit:end -->\n\n"
      "## After\n\nProse after.\n";
  RegionFixture() {
    t.file("src/app/poll.py",
           "import time\n\n"
           "def wait_ready(server, timeout=30):\n"
           "    \"\"\"Waits until the server has started.\"\"\"\n"
           "    deadline = time.monotonic() + timeout\n"
           "    while not server.started and time.monotonic() < deadline:\n"
           "        time.sleep(0.1)\n");
    t.file("src/app/fan.py",
           "import asyncio\n\n"
           "PROBES = ('a', 'b', 'c')\n\n"
           "async def probe_all(session):\n"
           "    return await asyncio.gather(*(session.get(p) for p in PROBES))\n");
    t.file("src/app/legacy/old.py", "import asyncio\n\nasync def f(xs):\n    return await asyncio.gather(*xs)\n");
    t.file("docs/AUDIT.md", doc_text);
  }
  std::string doc() const { return slurp(t.root / "docs/AUDIT.md"); }
};

}  // namespace

TEST_CASE("self-describing regions: --update-doc FILE alone, prose kept, unrelated edits keep --check green") {
  RegionFixture f;
  auto first = loopaudit("--update-doc docs/AUDIT.md --check", f.dir, true);
  CHECK(first.rc == 1);
  CHECK(first.out.find("docs/AUDIT.md:7: the loopaudit region is stale") != std::string::npos);
  CHECK(f.doc() == f.doc_text);

  auto update = loopaudit("--update-doc docs/AUDIT.md", f.dir, true);
  CHECK(update.rc == 0);
  const auto written = f.doc();
  CHECK(written.starts_with("# Service audit\n\nProse before, kept as written.\n"));
  CHECK(written.find("Prose between: the fan-outs of the app package only.") != std::string::npos);
  CHECK(written.ends_with("## After\n\nProse after.\n"));
  CHECK(written.find("| `poll.py` `wait_ready` | Waits until the server has started. |") != std::string::npos);
  CHECK(written.find("`fan.py` `probe_all`") != std::string::npos);
  CHECK(written.find("old.py") == std::string::npos);  // excluded from the fan-out region
  CHECK(written.find("**1 fan-out**: bounded.") != std::string::npos);
  CHECK(loopaudit("--update-doc docs/AUDIT.md --check", f.dir).rc == 0);
  // The same from another directory: paths are relative to the doc.
  CHECK(loopaudit("--update-doc AUDIT.md --check", f.dir + "/docs").rc == 0);

  // Unrelated edits: lines above a site, a new module with no site.
  f.t.file("src/app/poll.py", "# A comment.\n\nVERSION = 2\n" + slurp(f.t.root / "src/app/poll.py"));
  f.t.file("src/app/models.py", "class Job:\n    def __init__(self, uid):\n        self.uid = uid\n");
  auto still = loopaudit("--update-doc docs/AUDIT.md --check", f.dir, true);
  CHECK_MESSAGE(still.rc == 0, still.out);

  // A new unbounded site: red, and the diff names it.
  f.t.file("src/app/worker.py", "def spin(queue):\n    while True:\n        queue.step()\n");
  auto red = loopaudit("--update-doc docs/AUDIT.md --check", f.dir);
  CHECK(red.rc == 1);
  CHECK(red.out.find("+| `worker.py` `spin`") != std::string::npos);
  CHECK(f.doc() == written);
}

TEST_CASE("--update-doc and --check exit 1 after their job when a region's scope holds a finding") {
  RegionFixture f;
  f.t.file("src/app/worker.py", "def spin():\n    while True:\n        pass\n");
  auto update = loopaudit("--update-doc docs/AUDIT.md", f.dir, true);
  CHECK(update.rc == 1);
  CHECK(update.out.find("error[LA101]") != std::string::npos);
  CHECK(f.doc().find("| `worker.py` `spin` | runs for ever | **unbounded** (LA101)") != std::string::npos);
  auto check = loopaudit("--update-doc docs/AUDIT.md --check", f.dir, true);
  CHECK(check.rc == 1);
  CHECK(check.out.find("up to date") != std::string::npos);
  // Below the fail level (ignored here), the same region passes.
  CHECK(loopaudit("--update-doc docs/AUDIT.md --ignore LA101", f.dir).rc == 0);
  CHECK(loopaudit("--update-doc docs/AUDIT.md --check --ignore LA101", f.dir).rc == 0);
}

TEST_CASE("bad markers exit 2 naming the file and line, and change nothing") {
  RegionFixture f;
  f.t.file("docs/BAD.md", "# x\n\n<!-- loopaudit:begin paths=\"../src\" colour=\"red\" -->\n<!-- loopaudit:end -->\n");
  auto bad = loopaudit("--update-doc docs/BAD.md", f.dir, true);
  CHECK(bad.rc == 2);
  CHECK(bad.out.find("docs/BAD.md:3: unknown attribute `colour`") != std::string::npos);
  f.t.file("docs/BAD.md", "<!-- loopaudit:begin paths=\"../nowhere\" -->\n<!-- loopaudit:end -->\n");
  CHECK(loopaudit("--update-doc docs/BAD.md", f.dir).rc == 2);
  CHECK(slurp(f.t.root / "docs/BAD.md") == "<!-- loopaudit:begin paths=\"../nowhere\" -->\n<!-- loopaudit:end -->\n");
  // PATHs on the command line with a self-describing region: which would win? A usage error.
  auto both = loopaudit("--update-doc docs/AUDIT.md src", f.dir, true);
  CHECK(both.rc == 2);
  CHECK(f.doc() == f.doc_text);
}

TEST_CASE("--explain prints the embedded doc of every loopaudit rule") {
  for (const auto& rule : boundaudit::loops::rules()) {
    auto doc = boundaudit::rule_doc(rule.code);
    if (!doc) continue;  // reserved codes may have no doc
    auto r = loopaudit("--explain " + std::string(rule.code));
    CHECK(r.rc == 0);
    CHECK(r.out == std::string(*doc));
    auto by_name = loopaudit("--explain " + std::string(rule.name));
    CHECK(by_name.rc == 0);
    CHECK(by_name.out == std::string(*doc));
  }
  CHECK(loopaudit("--explain CL001").rc == 2);  // composelint's codes are not loopaudit's
}

TEST_CASE("formats: sarif and json carry the same findings; colour only when asked") {
  auto json = nlohmann::json::parse(loopaudit("--format json src", kDemo).out);
  auto sarif = nlohmann::json::parse(loopaudit("--format sarif src", kDemo).out);
  CHECK(sarif["version"] == "2.1.0");
  CHECK(sarif["runs"][0]["tool"]["driver"]["name"] == "loopaudit");
  CHECK(sarif["runs"][0]["results"].size() == json["findings"].size());
  auto github = loopaudit("--format github src", kDemo).out;
  CHECK(github.find("::error file=src/jobrunner/worker.py") != std::string::npos);
  CHECK(loopaudit("--color always src", kDemo).out.find("\x1b[") != std::string::npos);
  CHECK(loopaudit("--color never src", kDemo).out.find("\x1b[") == std::string::npos);
  CHECK(loopaudit("src", kDemo).out.find("\x1b[") == std::string::npos);  // not a terminal
  auto md = loopaudit("--format markdown src", kDemo).out;
  CHECK(md.find("### while loops (") != std::string::npos);
  CHECK(md.find("**Unbounded** (LA101)") != std::string::npos);
}

TEST_CASE("--exclude and repeated options") {
  auto all = nlohmann::json::parse(loopaudit("--format json src", kDemo).out);
  auto some = nlohmann::json::parse(
      loopaudit("--format json --exclude worker.py --exclude 'src/jobrunner/bulk*' src", kDemo).out);
  CHECK(some["files_scanned"].get<int>() == all["files_scanned"].get<int>() - 2);
  for (const auto& s : some["sites"]) {
    CHECK(s["path"] != "src/jobrunner/worker.py");
    CHECK(s["path"] != "src/jobrunner/bulk.py");
  }
  auto selected = nlohmann::json::parse(loopaudit("--format json --select LA201,LA301 --select LA101 src", kDemo).out);
  CHECK(selected["findings"].size() == all["findings"].size());
  auto ignored = nlohmann::json::parse(loopaudit("--format json --ignore LA201 src", kDemo).out);
  for (const auto& f : ignored["findings"]) CHECK(f["rule"] != "LA201");
}

TEST_CASE("unreadable files and directories: a message each, exit 2 also when met during a walk") {
  TempDir t;
  fs::permissions(t.root, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  fs::create_directories(t.root / "locked");
  std::ofstream(t.root / "locked/a.py") << "while True:\n    pass\n";
  std::ofstream(t.root / "secret.py") << "x = 1\n";
  std::ofstream(t.root / "ok.py") << "y = 1\n";
  fs::permissions(t.root / "ok.py", fs::perms::all);
  fs::permissions(t.root / "locked", fs::perms::none);
  fs::permissions(t.root / "secret.py", fs::perms::none);
  // Root reads everything: run as nobody through setpriv when possible, else skip.
  std::string prefix;
  if (::geteuid() == 0) {
    if (std::system("command -v setpriv >/dev/null 2>&1") != 0) {
      MESSAGE("running as root without setpriv; skipped");
      return;
    }
    prefix = "--reuid=65534 --regid=65534 --clear-groups '" + kBin + "' ";
  }
  auto run = [&](const std::string& args) {
    if (prefix.empty()) return loopaudit(args, t.root.string(), true);
    // loopaudit() runs kBin; here setpriv runs it, so call the shell directly.
    std::string cmd = "cd '" + t.root.string() + "' && setpriv " + prefix + args + " 2>&1";
    return run_shell(cmd);
  };
  auto all = run(".");
  CHECK(all.rc == 2);
  CHECK(all.out.find("locked: error: cannot read directory") != std::string::npos);
  CHECK(all.out.find("secret.py: error: cannot read") != std::string::npos);
  CHECK(all.out.find("in 1 file") != std::string::npos);  // ok.py still audited
  CHECK(run("locked ok.py").rc == 2);
  CHECK(run("secret.py ok.py").rc == 2);
  fs::permissions(t.root / "locked", fs::perms::owner_all);
}
