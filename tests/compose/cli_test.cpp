// composelint --update-doc end to end: self-describing regions, stability, exit codes, and the demo's
// AUDIT.md being up to date. (The rest of the command line is tests/scripts/composelint_cli.sh.)
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/shell.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using boundaudit::testing::run_shell;
using boundaudit::testing::ShellRun;
using boundaudit::testing::TempDir;
using boundaudit::testing::slurp;

namespace {

const std::string kBin = std::string(BOUNDAUDIT_BIN_DIR) + "/composelint";
const std::string kDemo = std::string(BOUNDAUDIT_SOURCE_DIR) + "/fixtures/demo";

// `composelint ARGS` in dir, stderr merged into the output.
ShellRun composelint(const std::string& args, const std::string& dir) {
  return run_shell("cd '" + dir + "' && env -u APP_MEM -u WORKER_MEM -u DB_MEM '" + kBin + "' " + args + " 2>&1");
}

const std::string kCompose =
    "services:\n"
    "  api:\n"
    "    image: example/api\n"
    "    mem_limit: 1g\n"
    "  worker:\n"
    "    image: example/worker\n"
    "    deploy:\n"
    "      replicas: 2\n"
    "      resources: {limits: {memory: 512m}}\n";

const std::string kDoc =
    "# Stack\n\nProse before.\n\n"
    "<!-- composelint:begin files=\"../deploy/compose.yaml\" budget=\"4g\" -->\n<!-- composelint:end -->\n\n"
    "Prose after.\n";

}  // namespace

TEST_CASE("the demo's AUDIT.md is up to date (composelint --update-doc AUDIT.md --check)") {
  auto r = composelint("--update-doc AUDIT.md --check", kDemo);
  CHECK_MESSAGE(r.out.find("AUDIT.md: the composelint region is up to date") != std::string::npos,
                "fixtures/demo/AUDIT.md is stale; run `composelint --update-doc AUDIT.md` in fixtures/demo:\n" << r.out);
  CHECK(r.out.find("stale") == std::string::npos);
  CHECK(r.rc == 1);  // the demo keeps CL001, CL005 and CL006 on purpose
}

TEST_CASE("a composelint region: written from its marker, stable under unrelated edits, red on a new gap") {
  TempDir t;
  t.file("deploy/compose.yaml", kCompose);
  t.file("docs/STACK.md", kDoc);
  const std::string dir = t.root.string();
  CHECK(composelint("--update-doc docs/STACK.md --check", dir).rc == 1);
  CHECK(slurp(t.root / "docs/STACK.md") == kDoc);
  auto update = composelint("--update-doc docs/STACK.md", dir);
  CHECK(update.rc == 0);
  const auto written = slurp(t.root / "docs/STACK.md");
  CHECK(written.starts_with("# Stack\n\nProse before.\n"));
  CHECK(written.ends_with("<!-- composelint:end -->\n\nProse after.\n"));
  CHECK(written.find("| Service | Defined in | Limit | Set by | Replicas | Share of 4 GiB | Findings |") != std::string::npos);
  CHECK(written.find("| `api` | `compose.yaml` | 1 GiB | `mem_limit` | 1 | 25.0% | — |") != std::string::npos);
  CHECK(written.find("| `worker` | `compose.yaml` | 512 MiB | `deploy.resources.limits.memory` | 2 | 25.0% | — |") !=
        std::string::npos);
  CHECK(written.find("**Total**: 2 GiB of limits × replicas, 50.0% of the 4 GiB budget, 2 GiB left.") != std::string::npos);
  CHECK(written.find("compose.yaml:") == std::string::npos);  // no line numbers by default
  CHECK(composelint("--update-doc docs/STACK.md --check", dir).rc == 0);

  // Lines added above the services: unchanged.
  t.file("deploy/compose.yaml", "# The stack.\nname: demo\n\n" + kCompose);
  CHECK(composelint("--update-doc docs/STACK.md --check", dir).rc == 0);

  // A service with no limit: stale and a finding; the diff names it.
  t.file("deploy/compose.yaml", kCompose + "  cache:\n    image: redis\n");
  auto red = composelint("--update-doc docs/STACK.md --check", dir);
  CHECK(red.rc == 1);
  CHECK(red.out.find("+| `cache` | `compose.yaml` | **none** |") != std::string::npos);
  CHECK(red.out.find("error[CL001]") != std::string::npos);
  CHECK(slurp(t.root / "docs/STACK.md") == written);
  // --update-doc writes it and still exits 1 for the finding.
  CHECK(composelint("--update-doc docs/STACK.md", dir).rc == 1);
  auto check = composelint("--update-doc docs/STACK.md --check", dir);
  CHECK(check.rc == 1);
  CHECK(check.out.find("up to date") != std::string::npos);
  // Below the fail level, the same region passes (CL001 is an error: only ignoring it will do).
  CHECK(composelint("--update-doc docs/STACK.md --ignore CL001", dir).rc == 0);
  CHECK(composelint("--update-doc docs/STACK.md --check --ignore CL001", dir).rc == 0);
}

TEST_CASE("lines=\"yes\" links the definitions; bad markers and flags exit 2 naming the file and line") {
  TempDir t;
  t.file("compose.yaml", kCompose);
  t.file("A.md", "<!-- composelint:begin files=\"compose.yaml\" lines=\"yes\" -->\n<!-- composelint:end -->\n");
  const std::string dir = t.root.string();
  CHECK(composelint("--update-doc A.md", dir).rc == 0);
  CHECK(slurp(t.root / "A.md").find("[`compose.yaml:2`](compose.yaml#L2)") != std::string::npos);

  const std::string bad = "x\n<!-- composelint:begin files=\"compose.yaml\" budget=\"lots\" -->\n<!-- composelint:end -->\n";
  t.file("B.md", bad);
  auto r = composelint("--update-doc B.md", dir);
  CHECK(r.rc == 2);
  CHECK(r.out.find("B.md:2: budget=\"lots\"") != std::string::npos);
  t.file("B.md", "<!-- composelint:begin file=\"compose.yaml\" -->\n<!-- composelint:end -->\n");
  r = composelint("--update-doc B.md", dir);
  CHECK(r.rc == 2);
  CHECK(r.out.find("B.md:1: unknown attribute `file`") != std::string::npos);
  t.file("B.md", "<!-- composelint:begin -->\n<!-- composelint:end -->\n");
  CHECK(composelint("--update-doc B.md", dir).rc == 2);  // files= is required
  t.file("B.md", "<!-- composelint:begin files=\"missing.yaml\" -->\n<!-- composelint:end -->\n");
  CHECK(composelint("--update-doc B.md", dir).rc == 2);
  CHECK(slurp(t.root / "B.md") == "<!-- composelint:begin files=\"missing.yaml\" -->\n<!-- composelint:end -->\n");
  CHECK(composelint("--update-doc A.md --memory-budget 8g", dir).rc == 2);  // the marker says the budget
  CHECK(composelint("--update-doc NOPE.md", dir).rc == 2);
  CHECK(composelint("--check compose.yaml", dir).rc == 2);  // --check needs --update-doc
}
