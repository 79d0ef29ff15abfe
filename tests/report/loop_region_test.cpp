// loopaudit's doc region (lib/report/loop_region.cpp): stable under unrelated edits, readable, and
// findings visible. Runs the real audit on in-memory sources.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "loops/audit.hpp"
#include "report/loop_region.hpp"

using namespace boundaudit;

namespace {

std::string region(const std::vector<Source>& sources, report::LoopRegionOptions options = {}) {
  auto result = loops::audit(sources, {}, 1);
  std::ostringstream out;
  report::write_loop_region(out, result, options);
  return out.str();
}

const Source kJobs{"src/app/jobs.py",
                   "import asyncio\n"
                   "import subprocess\n"
                   "import time\n"
                   "\n"
                   "def wait_ready(server, timeout=60):\n"
                   "    \"\"\"Waits until the server has started.\n"
                   "\n"
                   "    More words that are not the summary.\n"
                   "    \"\"\"\n"
                   "    deadline = time.monotonic() + timeout\n"
                   "    while time.monotonic() < deadline:\n"
                   "        time.sleep(0.1)\n"
                   "\n"
                   "async def fetch_all(session, uids):\n"
                   "    return await asyncio.gather(*(session.get(u) for u in uids))\n"
                   "\n"
                   "def render(templates):\n"
                   "    for t in templates:\n"
                   "        subprocess.run(['render', t], check=True)\n"};

const Source kUtil{"src/app/util.py", "def helper(x):\n    return x + 1\n"};

}  // namespace

TEST_CASE("summary line and table per category; What from the docstring, else from the site") {
  auto r = region({kJobs, kUtil});
  CHECK(r.find("**1 `while` loop**: bounded.") != std::string::npos);
  CHECK(r.find("| Location | What | Bound |") != std::string::npos);
  // The docstring's summary line, not the code, and not its later lines.
  CHECK(r.find("| `jobs.py` `wait_ready` | Waits until the server has started. |") != std::string::npos);
  CHECK(r.find("More words") == std::string::npos);
  // No docstring: a phrase built from the site.
  CHECK(r.find("`gather` of one task per item of `uids`") != std::string::npos);
  CHECK(r.find("runs `render ...` once per item of `templates`") != std::string::npos);
  // Unbounded sites are marked in the row and counted in the summary.
  CHECK(r.find("**unbounded** (LA301)") != std::string::npos);
  CHECK(r.find("**1 process spawn**: 0 bounded, 1 unbounded (1 spawn per item).") != std::string::npos);
  // Stable: no line numbers, no file counts.
  CHECK(r.find("jobs.py:") == std::string::npos);
  CHECK(r.find("files scanned") == std::string::npos);
}

TEST_CASE("lines above a site and a new module with no site leave the region unchanged") {
  const auto before = region({kJobs, kUtil});
  Source shifted = kJobs;
  shifted.text = "# a comment\n\nCONSTANT = 3\n" + shifted.text;
  Source util = kUtil;
  util.text += "\ndef more():\n    return 2\n";
  const Source fresh{"src/app/new_module.py", "\"\"\"Nothing to audit here.\"\"\"\nVALUE = 1\n"};
  CHECK(region({shifted, util, fresh}) == before);
  // ... but with lines="yes" the line numbers are there, linked.
  auto with_lines = region({kJobs}, {"", std::nullopt, true, {}});
  CHECK(with_lines.find("[`jobs.py:11`](src/app/jobs.py#L11) `wait_ready`") != std::string::npos);
}

TEST_CASE("a new unbounded site changes the region and names it") {
  const auto before = region({kJobs, kUtil});
  Source util = kUtil;
  util.text += "\ndef spin(flag):\n    while True:\n        pass\n";
  const auto after = region({kJobs, util});
  CHECK(after != before);
  CHECK(after.find("| `util.py` `spin` | runs for ever | **unbounded** (LA101)") != std::string::npos);
  CHECK(after.find("**2 `while` loops**: 1 bounded, 1 unbounded (1 with no exit).") != std::string::npos);
}

TEST_CASE("locations: shortest unique suffix; ordinals within a function; grouped by top folder") {
  const Source a{"packages/alpha/src/util.py", "def loop(n):\n    while n > 0:\n        n -= 1\n    while n < 9:\n        n += 1\n"};
  const Source b{"packages/beta/src/util.py", "def loop(n):\n    while n > 0:\n        n -= 1\n"};
  const Source c{"packages/beta/src/other.py", "def go(n):\n    while n > 0:\n        n -= 1\n"};
  auto r = region({a, b, c});
  CHECK(r.find("| `alpha/src/util.py` `loop` |") != std::string::npos);
  CHECK(r.find("| `alpha/src/util.py` `loop` #2 |") != std::string::npos);
  CHECK(r.find("| `beta/src/util.py` `loop` |") != std::string::npos);
  CHECK(r.find("| `other.py` `go` |") != std::string::npos);
  CHECK(r.find("#### `packages/alpha/`") != std::string::npos);
  CHECK(r.find("#### `packages/beta/`") != std::string::npos);
  CHECK(r.find("runs while `n > 0`") != std::string::npos);
  // One folder: no headings.
  CHECK(region({kJobs, kUtil}).find("####") == std::string::npos);
  // Paths are shown relative to the doc's directory.
  auto from_docs = region({c}, {"packages", std::nullopt, true, {}});
  CHECK(from_docs.find("(beta/src/other.py#L2)") != std::string::npos);
}

TEST_CASE("category limits the region to one table") {
  auto r = region({kJobs}, {"", loops::Category::spawn, false, {"os"}});
  CHECK(r.find("`while` loop") == std::string::npos);
  CHECK(r.find("fan-out") == std::string::npos);
  CHECK(r.find("**1 process spawn**") != std::string::npos);
  CHECK(r.find("No `os` spawns.") != std::string::npos);
}
