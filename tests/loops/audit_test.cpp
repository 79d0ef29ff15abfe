// The library entry point: bad input, pre-filtering, config, spawn families, determinism.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "loops/audit.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;

TEST_CASE("binary and non-UTF-8 files are input errors; the others are still audited") {
  std::vector<Source> sources{
      {"nul.py", std::string("x = 1\nwhile True:\0\n", 19)},
      {"latin1.py", "s = '\xe9t\xe9'\nwhile True:\n    pass\n"},
      {"ok.py", "while True:\n    pass\n"},
  };
  auto r = audit(sources, {}, 1);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].path == "latin1.py");
  CHECK(r.errors[0].line == 1);
  CHECK(r.errors[1].path == "nul.py");
  CHECK(r.errors[1].message.find("NUL") != std::string::npos);
  CHECK(r.files_scanned == 1);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].site.path == "ok.py");
  CHECK(r.findings[0].code == "LA101");
}

TEST_CASE("files without trigger words are counted but yield nothing") {
  CHECK_FALSE(has_trigger("import json\nprint(json.dumps({}))\n"));
  CHECK(has_trigger("while x: pass"));
  CHECK(has_trigger("from subprocess import run as sh"));
  // Timeout wrappers and cancels: each word with each of its endings, and near misses.
  for (const char* yes : {"await asyncio.wait_for(x, 5)", "async with asyncio.timeout(5):", "asyncio.timeout_at(t)",
                          "with trio.fail_after(1):", "trio.fail_at(t)", "anyio.move_on_after(1)", "trio.move_on_at(t)",
                          "task.cancel()"})
    CHECK_MESSAGE(has_wrapper_word(yes), yes);
  for (const char* yes : {"cancel(", "timeout(", "x.wait_for", "move_on_at"})  // at either end of the text
    CHECK_MESSAGE(has_wrapper_word(yes), yes);
  for (const char* no : {"timeout = 5", "self.timeout", "fail_again()", "move_on_again()", "cancelled()", "wait_",
                         "_for", "(", "_", "timeout_", "fail_a", "on_after", "move_after"})
    CHECK_MESSAGE(!has_wrapper_word(no), no);
  std::vector<Source> sources{{"a.py", "x = 1\n"}, {"b.py", "def f():\n    return 2\n"}};
  auto r = audit(sources, {}, 0);
  CHECK(r.files_scanned == 2);
  CHECK(r.sites.empty());
  CHECK(r.findings.empty());
}

TEST_CASE("a call the cut leaves out still counts for a caller-size bound, in both parse modes") {
  // race() starts one task per argument; its one caller calls it from a method with no trigger word,
  // in a class large enough to be cut down to the methods that matter.
  std::string client = "from util import race\n\n\nclass Client:\n";
  for (int i = 0; i < 60; ++i) client += "    def field_" + std::to_string(i) + "(self):\n        return self.x\n\n";
  client += "    def retry(self):\n        while self.tries < 3:\n            self.tries += 1\n\n";  // parsed: a while loop
  client += "    async def handshake(self):\n        await race(self.done, self.closed)\n";
  std::vector<Source> sources{
      {"util.py",
       "import trio\n\n\nasync def jockey(event, scope):\n    await event.wait()\n    scope.cancel()\n\n\n"
       "async def race(*events):\n    async with trio.open_nursery() as nursery:\n        for event in events:\n"
       "            nursery.start_soon(jockey, event, nursery.cancel_scope)\n"},
      {"client.py", client}};
  for (bool partial : {true, false}) {
    CAPTURE(partial);
    auto r = audit(sources, {}, 1, partial);
    REQUIRE(r.sites.size() == 2);  // the fan-out in util.py, then the while loop in client.py
    REQUIRE(r.sites[1].bound);
    CHECK(r.sites[1].site.path == "util.py");
    CHECK(r.sites[1].bound->kind == BoundKind::caller_size);
    REQUIRE(r.sites[1].bound->limit);
    CHECK(r.sites[1].bound->limit->value == 2);
  }
}

TEST_CASE("sites carry function, call, text and in_loop") {
  std::vector<Source> sources{{"s.py",
                               "import subprocess as sp\n"
                               "class Builder:\n"
                               "    def build(self, targets):\n"
                               "        for t in targets:\n"
                               "            sp.run(['make', t])\n"}};
  auto r = audit(sources, {}, 1);
  REQUIRE(r.sites.size() == 1);
  const auto& s = r.sites[0];
  CHECK(s.category == Category::spawn);
  CHECK(to_string(s.category) == "spawn");
  CHECK(s.function == "Builder.build");
  CHECK(s.call == "subprocess.run");
  CHECK(s.text == "sp.run(['make', t])");
  CHECK(s.in_loop);
  CHECK_FALSE(s.bounded());
  CHECK(s.gap == Gap::spawn_per_item);
  REQUIRE(finding_at(r, s) != nullptr);
  CHECK(finding_at(r, s)->code == "LA301");
  CHECK(s.site.line == 5);
  CHECK(s.site.column == 13);
  CHECK(zero_site_families(r) ==
        std::vector<std::string>{"asyncio subprocess", "os", "pty", "multiprocessing", "concurrent.futures"});
}

TEST_CASE("select and ignore filter findings by code prefix; sites stay") {
  std::vector<Source> sources{{"x.py",
                               "import os\n"
                               "while True:\n"
                               "    os.system('x')\n"}};
  auto all = audit(sources, {}, 1);
  CHECK(all.findings.size() == 2);
  Config only_while;
  only_while.select = {"LA1"};
  auto r = audit(sources, only_while, 1);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].code == "LA101");
  CHECK(r.sites.size() == 2);
  Config no_while;
  no_while.ignore = {"LA101"};
  r = audit(sources, no_while, 1);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].code == "LA301");
  for (const auto& s : r.sites)
    if (s.category == Category::while_loop) CHECK(finding_at(r, s) == nullptr);  // no finding was raised for it
}

TEST_CASE("a large generated module and deep nesting finish quickly") {
  std::string big;
  big.reserve(50u << 20);
  for (int i = 0; big.size() < (50u << 20); ++i)
    big += "def f" + std::to_string(i) + "(x):\n    return [x, x + 1, x * 2, 'padding padding padding']\n";
  big += "while True:\n    pass\n";
  std::string deep = "while True:\n    x = " + std::string(10000, '(') + "1" + std::string(10000, ')') + "\n";
  for (int i = 0; i < 3000; ++i) deep += std::string(4 * (i % 50), ' ') + "while y:\n";
  deep += "    pass\n";
  std::vector<Source> sources{{"big.py", std::move(big)}, {"deep.py", std::move(deep)}};
  auto start = std::chrono::steady_clock::now();
  auto r = audit(sources, {}, 2);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.errors.empty());
  CHECK(r.files_scanned == 2);
  bool big_found = false;
  for (const auto& f : r.findings) big_found = big_found || (f.site.path == "big.py" && f.code == "LA101");
  CHECK(big_found);
  CHECK(seconds < 120);
}

TEST_CASE("a syntax error outside the audited definitions of a large file: same result, partial or full parse") {
  // Found by loops_fuzz: the partial parse never saw the broken definition, the full parse reported it.
  std::string text = "import asyncio\n\n\nasync def poll(ready):\n    while True:\n        if ready():\n            break\n"
                     "        await asyncio.sleep(1)\n\n\n";
  for (int i = 0; i < 400; ++i) text += "def filler_" + std::to_string(i) + "(a):\n    return a + " + std::to_string(i) + "\n\n\n";
  std::string broken = text + "def broken(v\n    return v\n";
  REQUIRE(broken.size() > 8 * 1024);
  for (const auto& source : {text, broken}) {
    std::vector<Source> sources{{"big.py", source}};
    auto partial = audit(sources, {}, 1, true);
    auto full = audit(sources, {}, 1, false);
    CHECK(partial.findings == full.findings);
    CHECK(partial.sites == full.sites);
  }
  // A syntax error inside an audited definition is reported either way.
  std::string inside = text;
  inside.replace(inside.find("if ready():"), 11, "if ready(:");
  std::vector<Source> sources{{"big.py", inside}};
  auto partial = audit(sources, {}, 1, true);
  auto full = audit(sources, {}, 1, false);
  auto la001 = [](const AuditResult& r) {
    return std::count_if(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.code == "LA001"; });
  };
  CHECK(la001(full) == 1);
  CHECK(partial.findings == full.findings);
}

TEST_CASE("a long run of comment lines: the same audit as blank lines; directives past the 64th are reported unread") {
  const std::string head = "import time\n\n\ndef poll(ready):\n    while True:\n        time.sleep(1)\n";
  std::string comments = head, blanks = head;
  for (int i = 0; i < 500; ++i) comments += "        # a comment line\n", blanks += "\n";
  comments += "x = 1\n";
  blanks += "x = 1\n";
  std::vector<Source> a{{"a.py", comments}}, b{{"a.py", blanks}};
  auto ra = audit(a, {}, 1), rb = audit(b, {}, 1);
  CHECK(ra.sites == rb.sites);
  CHECK(ra.findings == rb.findings);
  // A directive inside such a run is still read (it suppresses the LA101 on the loop below it) ...
  std::string directed = "import time\n\n\ndef poll(ready):\n";
  for (int i = 0; i < 100; ++i) directed += "    # filler\n";
  directed += "    # loopaudit: ignore[LA101] runs for the life of the process\n    while True:\n        time.sleep(1)\n";
  std::vector<Source> c{{"c.py", directed}};
  auto rc = audit(c, {}, 1);
  CHECK(std::none_of(rc.findings.begin(), rc.findings.end(), [](const Finding& f) { return f.code == "LA101"; }));
  // ... but past 64 directives in one run, the rest are not read, and that is said once.
  std::string many = "def f():\n    return 1\n";
  for (int i = 0; i < 100; ++i) many += "# loopaudit: ignore[LA101] nothing here\n";
  std::vector<Source> d{{"d.py", many}};
  auto rd = audit(d, {}, 1);
  auto unread = std::count_if(rd.findings.begin(), rd.findings.end(), [](const Finding& f) {
    return f.code == "LA900" && f.message.find("not read") != std::string::npos;
  });
  CHECK(unread == 1);
  auto unused = std::count_if(rd.findings.begin(), rd.findings.end(), [](const Finding& f) { return f.code == "LA901"; });
  CHECK(unused == 64);
}

TEST_CASE("the loops_fuzz reproducers audit the same with partial and full parsing") {
  namespace fs = std::filesystem;
  int seen = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(BOUNDAUDIT_SOURCE_DIR) / "fuzz/regressions/loops_fuzz")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<Source> sources{{"input.py", text}};
    auto partial = audit(sources, {}, 1, true);
    auto full = audit(sources, {}, 1, false);
    CHECK_MESSAGE(partial.findings == full.findings, entry.path().filename().string());
    CHECK_MESSAGE(partial.sites == full.sites, entry.path().filename().string());
    ++seen;
  }
  CHECK(seen >= 2);
}

TEST_CASE("a task its creator cancels bounds the coroutine, unless the creator waited for it first") {
  // extract.cpp finds the first wait for each task once per function; these pin what counts as one.
  auto kind_of_spin = [](const std::string& creator) -> std::string {
    std::vector<Source> sources{{"m.py", "import asyncio\n\nasync def spin():\n    while True:\n"
                                         "        await asyncio.sleep(1)\n\n" + creator}};
    auto r = audit(sources, {}, 1);
    for (const auto& s : r.sites)
      if (s.category == Category::while_loop) return s.bound ? std::string(to_string(s.bound->kind)) : "none";
    return "no site";
  };
  const std::string make = "async def creator(loop):\n    t = asyncio.create_task(spin())\n";
  CHECK(kind_of_spin(make + "    await asyncio.sleep(5)\n    t.cancel()\n") == "cancelled");
  CHECK(kind_of_spin(make + "    t.cancel()\n    await t\n") == "cancelled");           // the wait comes after
  CHECK(kind_of_spin(make + "    print(t.done())\n    t.cancel()\n") == "cancelled");  // its own method
  CHECK(kind_of_spin(make + "    await t\n    t.cancel()\n") == "none");               // ended on its own first
  CHECK(kind_of_spin(make + "    loop.run_until_complete(t)\n    t.cancel()\n") == "none");
  CHECK(kind_of_spin(make + "    if t:\n        await asyncio.wait_for(t, 1)\n    t.cancel()\n") != "cancelled");
}

namespace {
// The bound kind of the only site of an audit.
std::optional<BoundKind> only_bound(const AuditResult& r) {
  REQUIRE(r.sites.size() == 1);
  return r.sites[0].bound ? std::optional(r.sites[0].bound->kind) : std::nullopt;
}
}  // namespace

TEST_CASE("a lookup follows re-exports through files with no site, which are summarised for it") {
  const std::string run = "import asyncio\nfrom pkg import JOBS\n\nasync def one(j):\n    return j\n\n"
                          "async def main():\n    await asyncio.gather(*(one(j) for j in JOBS))\n";
  std::vector<Source> sources{{"pkg/__init__.py", "from .data import JOBS\n"},
                              {"pkg/data.py", "JOBS = ('a', 'b')\n"},
                              {"other/data.py", "JOBS = []\n"},  // the same last part, another module
                              {"run.py", run}};
  for (bool partial : {true, false}) {
    auto r = audit(sources, {}, 1, partial);
    REQUIRE(only_bound(r) == BoundKind::static_table);
    CHECK(r.sites[0].bound->limit->value == 2);
  }
  // Without the module the re-export names, nothing is known.
  sources.erase(sources.begin() + 1);
  CHECK_FALSE(only_bound(audit(sources, {}, 1)));
}

TEST_CASE("a class attribute defined again in a file with no site makes a self.X table unknown") {
  const std::string base = "import asyncio\n\nclass Runner:\n    TARGETS = ('a', 'b')\n\n"
                           "    async def one(self, t):\n        return t\n\n"
                           "    async def run(self):\n        await asyncio.gather(*(self.one(t) for t in self.TARGETS))\n";
  std::vector<Source> sources{{"base.py", base}};
  CHECK(only_bound(audit(sources, {}, 1)) == BoundKind::static_table);
  // Another class's TARGETS could be what `self.TARGETS` reads (a subclass): the file has no site
  // and no trigger word, and must still count.
  sources.push_back({"other.py", "class Other:\n    TARGETS = ['x'] * 100\n"});
  CHECK_FALSE(only_bound(audit(sources, {}, 1)));
  // A mention that is not a class attribute does not count.
  sources.back() = {"other.py", "TARGETS = ['x'] * 100\n"};
  CHECK(only_bound(audit(sources, {}, 1)) == BoundKind::static_table);
}

TEST_CASE("a file larger than a thread's buffer is scanned in blocks: held whole only when it has something to audit") {
  // Over 1 MiB each (Loaded::kKept): data with trigger words only in a string, the same data with a
  // loop after it, and a class whose attribute a `self.X` question counts (the mention counts scan
  // it in blocks too). Each audits as the same text held in memory does.
  const std::string data = "DATA = \"\"\"\n" + std::string(1 << 20, 'x') + "\nPool system while wait\n\"\"\"\n";
  const std::string base = "import asyncio\n\nclass Runner:\n    TARGETS = ('a', 'b')\n\n"
                           "    async def one(self, t):\n        return t\n\n"
                           "    async def run(self):\n        await asyncio.gather(*(self.one(t) for t in self.TARGETS))\n";
  const auto dir = std::filesystem::temp_directory_path() / ("audit_test_large_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::vector<Source> held{{(dir / "base.py").string(), base},
                           {(dir / "data.py").string(), data},
                           {(dir / "loop.py").string(), data + "while True:\n    pass\n"},
                           {(dir / "other.py").string(), data + "class Other:\n    TARGETS = ['x'] * 100\n"}};
  PathList files;
  for (const auto& s : held) {
    std::ofstream(s.path, std::ios::binary) << s.text;
    files.push_back(s.path);
  }
  for (unsigned threads : {1u, 2u}) {
    const auto on_disk = audit(SourceSet{files, {}}, {}, threads);
    const auto in_memory = audit(held, {}, threads);
    CHECK(on_disk.errors.empty());
    CHECK(on_disk.files_scanned == 4);
    REQUIRE(on_disk.findings.size() == in_memory.findings.size());
    REQUIRE(on_disk.sites.size() == 2);  // the gather and the loop
    CHECK(on_disk.sites[0].site.path == held[0].path);
    CHECK_FALSE(on_disk.sites[0].bound);  // another class's TARGETS, counted in the large file, may be the one
    CHECK(on_disk.sites[1].site.path == held[2].path);
    CHECK(on_disk.sites[1].site.line == 1 + static_cast<int>(std::count(data.begin(), data.end(), '\n')));
    for (std::size_t k = 0; k < in_memory.findings.size(); ++k) {
      CHECK(on_disk.findings[k].code == in_memory.findings[k].code);
      CHECK(on_disk.findings[k].site == in_memory.findings[k].site);
    }
  }
  std::filesystem::remove(dir / "other.py");
  PathList without;
  for (std::size_t k = 0; k < 3; ++k) without.push_back(held[k].path);
  const auto r = audit(SourceSet{without, {}}, {}, 1);
  REQUIRE(r.sites.size() == 2);
  CHECK(r.sites[0].bound);  // the table is known again
  std::filesystem::remove_all(dir);
}
