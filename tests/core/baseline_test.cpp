// The baseline: keys that survive edits elsewhere, multiplicity, fixed entries, the file format
// (stable bytes, strict reading) and the atomic write; end to end with both tools' audits.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "compose/audit.hpp"
#include "core/baseline.hpp"
#include "loops/audit.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit;
namespace fs = std::filesystem;
using boundaudit::testing::TempDir;
using boundaudit::testing::slurp;

namespace {

// Lines served from in-memory sources, as a tool that still holds them would.
SourceLine memory_lines(std::map<std::string, std::string> files) {
  return [files = std::move(files)](const std::string& path, int line) {
    auto it = files.find(path);
    return it == files.end() ? std::string() : std::string(line_of(it->second, line));
  };
}

Finding finding(std::string code, std::string path, int line, std::string subject, std::string message = "m") {
  Finding f;
  f.code = std::move(code);
  f.site = Site{std::move(path), line, 5, line, 9};
  f.subject = std::move(subject);
  f.message = std::move(message);
  return f;
}

Baseline must_parse(std::string_view text, std::string_view tool = "loopaudit") {
  auto r = parse_baseline("b.json", text, tool);
  if (auto* e = std::get_if<InputError>(&r)) FAIL("unexpected error: " << e->message);
  return std::get<Baseline>(r);
}

InputError must_fail(std::string_view text, std::string_view tool = "loopaudit") {
  auto r = parse_baseline("b.json", text, tool);
  REQUIRE(std::holds_alternative<InputError>(r));
  auto e = std::get<InputError>(r);
  CHECK(e.path == "b.json");
  return e;
}

std::vector<std::string> codes_and_subjects(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.code + " " + f.subject + "@" + std::to_string(f.site.line));
  return out;
}

using V = std::vector<std::string>;

loops::AuditResult audit_python(const std::string& path, const std::string& text) {
  std::vector<Source> sources{{path, text}};
  return loops::audit(sources, {}, 1);
}

const std::string kPython =
    "import asyncio\n"
    "\n"
    "class Worker:\n"
    "    def spin(self):\n"
    "        while True:\n"
    "            pass\n"
    "\n"
    "    async def run(self, items):\n"
    "        await asyncio.gather(*[self.one(i) for i in items])\n";

}  // namespace

TEST_CASE("site text: indentation and spacing do not matter, words stay apart, long lines are cut") {
  CHECK(normalize_site_text("        while True:  ") == "while True:");
  CHECK(normalize_site_text("\twhile   not  done :") == "while not done:");
  CHECK(normalize_site_text("f(a,b)") == normalize_site_text("f( a, b )"));
  CHECK(normalize_site_text("x = y + 1\r") == "x=y+1");
  CHECK(normalize_site_text("mem_limit:   4g   # note") == "mem_limit:4g#note");
  CHECK(normalize_site_text("") == "");
  CHECK(normalize_site_text("a\xff b") == "a\xef\xbf\xbd b");  // made valid UTF-8
  // 199 ASCII bytes then a 2-byte character: cut before it, never inside it.
  auto cut = normalize_site_text(std::string(199, 'x') + "\xc3\xa9" + "yyyy");
  CHECK(cut == std::string(199, 'x'));
  CHECK(normalize_site_text(std::string(500, 'z')).size() == 200);
}

TEST_CASE("the key: rule, normalized path, subject and line text; never the line number or the message") {
  // The lookup gets the path as the tool gave it; the key holds it normalized.
  auto lines = memory_lines({{"./src/a.py", "x\n    while True:\n"}});
  auto k = baseline_key(finding("LA101", "./src/a.py", 2, "Worker.spin", "line 2"), lines);
  CHECK(k == BaselineKey{"LA101", "src/a.py", "Worker.spin", "while True:"});
  auto lines2 = memory_lines({{"src/a.py", "x\ny\nz\nwhile True:\n"}});
  CHECK(baseline_key(finding("LA101", "src/a.py", 4, "Worker.spin", "line 4"), lines2) == k);
  // No lookup, no line (a whole-file finding), an unknown file: the text is empty, the key still works.
  CHECK(baseline_key(finding("LA101", "src/a.py", 2, "f"), {}).text.empty());
  CHECK(baseline_key(finding("CL006", "compose.yaml", 0, ""), lines).text.empty());
  CHECK(baseline_key(finding("LA101", "gone.py", 3, "f"), lines).text.empty());
  // A file name that is not UTF-8 is escaped, as every format shows it.
  CHECK(baseline_key(finding("LA101", "b\xff.py", 1, "f"), lines).path == "b\\xff.py");
}

TEST_CASE("write, read back identical; the bytes are stable and one entry is one line") {
  TempDir t;
  auto lines = memory_lines({{"a.py", "while True:\n  pass\nwhile x:\n"}, {"b.py", "while y:\n"}});
  std::vector<Finding> findings{finding("LA102", "b.py", 1, "g", "polls `y`"), finding("LA101", "a.py", 3, "f"),
                                finding("LA101", "a.py", 1, "<module>", "runs \"for\" ever\n")};
  auto b = make_baseline("loopaudit", findings, lines);
  REQUIRE(b.entries.size() == 3);
  CHECK(b.entries[0].key == BaselineKey{"LA101", "a.py", "<module>", "while True:"});
  CHECK(b.entries[1].key == BaselineKey{"LA101", "a.py", "f", "while x:"});
  CHECK(b.entries[2].key.rule == "LA102");

  const std::string path = t.path("baseline.json");
  REQUIRE_FALSE(write_baseline(path, b));
  const std::string bytes = slurp(path);
  CHECK(bytes ==
        "{\n"
        "  \"tool\": \"loopaudit\",\n"
        "  \"format_version\": 1,\n"
        "  \"entries\": [\n"
        "    {\"rule\":\"LA101\",\"path\":\"a.py\",\"anchor\":\"<module>\",\"text\":\"while True:\",\"message\":\"runs "
        "\\\"for\\\" ever\\n\"},\n"
        "    {\"rule\":\"LA101\",\"path\":\"a.py\",\"anchor\":\"f\",\"text\":\"while x:\",\"message\":\"m\"},\n"
        "    {\"rule\":\"LA102\",\"path\":\"b.py\",\"anchor\":\"g\",\"text\":\"while y:\",\"message\":\"polls `y`\"}\n"
        "  ]\n"
        "}\n");
  auto read = read_baseline(path, "loopaudit");
  REQUIRE(std::holds_alternative<Baseline>(read));
  CHECK(std::get<Baseline>(read).entries == b.entries);
  CHECK(std::get<Baseline>(read).tool == "loopaudit");

  // The same findings in another order give the same bytes; writing again changes nothing.
  std::vector<Finding> shuffled{findings[2], findings[0], findings[1]};
  REQUIRE_FALSE(write_baseline(path, make_baseline("loopaudit", shuffled, lines)));
  CHECK(slurp(path) == bytes);
  CHECK(serialize_baseline(std::get<Baseline>(read)) == bytes);

  // No findings: an empty list, which reads back.
  CHECK(serialize_baseline(Baseline{"composelint", {}}) ==
        "{\n  \"tool\": \"composelint\",\n  \"format_version\": 1,\n  \"entries\": []\n}\n");
  CHECK(must_parse(serialize_baseline(Baseline{"loopaudit", {}})).entries.empty());
}

TEST_CASE("apply: clean re-run, an edit elsewhere, a new finding, a fixed entry") {
  auto before = memory_lines({{"a.py", "def f():\n    while True:\n        pass\n"}});
  std::vector<Finding> run1{finding("LA101", "a.py", 2, "f", "runs for ever (see line 2)")};
  auto b = make_baseline("loopaudit", run1, before);

  SUBCASE("the same run is clean") {
    auto out = apply_baseline(b, run1, before);
    CHECK(out.findings.empty());
    CHECK(out.fixed.empty());
    CHECK(out.matched == 1);
  }
  SUBCASE("lines moved and the message changed with them: still clean") {
    auto after = memory_lines({{"a.py", "import os\n\n\ndef f():\n  while True:\n    pass\n"}});
    auto out = apply_baseline(b, {finding("LA101", "a.py", 5, "f", "runs for ever (see line 5)")}, after);
    CHECK(out.findings.empty());
    CHECK(out.fixed.empty());
  }
  SUBCASE("a new finding is reported, the old one still hidden") {
    auto after = memory_lines({{"a.py", "def f():\n    while True:\n        pass\ndef g():\n    while ok():\n"}});
    auto out = apply_baseline(b, {run1[0], finding("LA102", "a.py", 5, "g")}, after);
    CHECK(codes_and_subjects(out.findings) == V{"LA102 g@5"});
    CHECK(out.fixed.empty());
    CHECK(out.matched == 1);
  }
  SUBCASE("the same line in another function is new, and the old entry fixed") {
    auto after = memory_lines({{"a.py", "def h():\n    while True:\n        pass\n"}});
    auto out = apply_baseline(b, {finding("LA101", "a.py", 2, "h")}, after);
    CHECK(codes_and_subjects(out.findings) == V{"LA101 h@2"});
    REQUIRE(out.fixed.size() == 1);
    CHECK(out.fixed[0].key.anchor == "f");
  }
  SUBCASE("nothing found any more: the entry is fixed") {
    auto out = apply_baseline(b, {}, before);
    CHECK(out.findings.empty());
    REQUIRE(out.fixed.size() == 1);
    CHECK(out.fixed[0] == b.entries[0]);
    CHECK(out.matched == 0);
  }
  SUBCASE("an entry outside the run's scope is not fixed") {
    auto out = apply_baseline(b, {}, before, [](const BaselineEntry& e) { return e.key.path != "a.py"; });
    CHECK(out.fixed.empty());
  }
}

TEST_CASE("multiplicity: each entry hides one finding; the one whose message is unknown is the new one") {
  auto lines = memory_lines({{"a.py", "def f():\n    while True: pass\n    while True: pass\n    while True: pass\n"}});
  auto b = make_baseline("loopaudit", std::vector<Finding>{finding("LA101", "a.py", 2, "f", "first"),
                                                          finding("LA101", "a.py", 3, "f", "second")},
                         lines);
  REQUIRE(b.entries.size() == 2);
  CHECK(b.entries[0].key == b.entries[1].key);

  // Three findings with the key: one is new. The messages single out which.
  auto out = apply_baseline(b,
                            {finding("LA101", "a.py", 2, "f", "new one"), finding("LA101", "a.py", 3, "f", "first"),
                             finding("LA101", "a.py", 4, "f", "second")},
                            lines);
  CHECK(codes_and_subjects(out.findings) == V{"LA101 f@2"});
  CHECK(out.matched == 2);
  CHECK(out.fixed.empty());

  // Messages that tell nothing apart: the last one in the order given is new.
  auto same = apply_baseline(b,
                             {finding("LA101", "a.py", 2, "f", "x"), finding("LA101", "a.py", 3, "f", "x"),
                              finding("LA101", "a.py", 4, "f", "x")},
                             lines);
  CHECK(codes_and_subjects(same.findings) == V{"LA101 f@4"});

  // One finding left for two entries: one entry is fixed.
  auto fewer = apply_baseline(b, {finding("LA101", "a.py", 3, "f", "second")}, lines);
  CHECK(fewer.findings.empty());
  REQUIRE(fewer.fixed.size() == 1);
  CHECK(fewer.fixed[0].message == "first");
}

TEST_CASE("loopaudit end to end: subjects are qualified functions; edits elsewhere keep the baseline clean") {
  auto r1 = audit_python("w.py", kPython);
  REQUIRE(r1.errors.empty());
  REQUIRE(r1.findings.size() >= 2);
  bool qualified = false;
  for (const auto& f : r1.findings) qualified |= f.subject == "Worker.spin" && f.code == "LA101";
  CHECK(qualified);
  auto b = make_baseline("loopaudit", r1.findings, memory_lines({{"w.py", kPython}}));

  // An import and a bounded function added above: every line moves.
  std::string edited = "import asyncio\nimport os\n\ndef ok(n):\n    while n > 0:\n        n -= 1\n\n" + kPython.substr(16);
  auto r2 = audit_python("w.py", edited);
  REQUIRE(r2.findings.size() == r1.findings.size());
  CHECK(r2.findings[0].site.line != r1.findings[0].site.line);
  auto clean = apply_baseline(b, r2.findings, memory_lines({{"w.py", edited}}));
  CHECK(clean.findings.empty());
  CHECK(clean.fixed.empty());

  // A second unbounded loop in a new method is reported; removing spin() lists its entry as fixed.
  std::string changed = kPython;
  changed.replace(changed.find("    def spin"), 0, "    def other(self):\n        while True:\n            pass\n\n");
  changed.replace(changed.find("    def spin"), std::string("    def spin(self):\n        while True:\n            pass\n\n").size(), "");
  auto r3 = audit_python("w.py", changed);
  auto out = apply_baseline(b, r3.findings, memory_lines({{"w.py", changed}}));
  REQUIRE(out.findings.size() == 1);
  CHECK(out.findings[0].code == "LA101");
  CHECK(out.findings[0].subject == "Worker.other");
  REQUIRE(out.fixed.size() == 1);
  CHECK(out.fixed[0].key == BaselineKey{"LA101", "w.py", "Worker.spin", "while True:"});
}

TEST_CASE("composelint end to end: the subject is the service; a service added above keeps it clean") {
  auto audit_yaml = [](const std::string& text) {
    compose::LoadOptions o;
    o.files = {"compose.yaml"};
    o.read = [text](const std::string& path) -> ReadResult {
      if (path != "compose.yaml") return {{}, InputError{path, std::nullopt, "no such file"}};
      return {Source{path, text}, {}};
    };
    return compose::audit(compose::load_project(o), {});
  };
  const std::string v1 = "services:\n  api:\n    image: nginx\n";
  auto r1 = audit_yaml(v1);
  REQUIRE(r1.findings.size() == 1);
  CHECK(r1.findings[0].code == "CL001");
  CHECK(r1.findings[0].subject == "api");
  auto b = make_baseline("composelint", r1.findings, memory_lines({{"compose.yaml", v1}}));

  const std::string v2 = "services:\n  db:\n    image: postgres\n    mem_limit: 1g\n  api:\n    image: nginx\n";
  auto r2 = audit_yaml(v2);
  REQUIRE(r2.findings.size() == 1);
  CHECK(apply_baseline(b, r2.findings, memory_lines({{"compose.yaml", v2}})).findings.empty());

  const std::string v3 = "services:\n  api:\n    image: nginx\n  web:\n    image: nginx\n";
  auto out = apply_baseline(b, audit_yaml(v3).findings, memory_lines({{"compose.yaml", v3}}));
  REQUIRE(out.findings.size() == 1);
  CHECK(out.findings[0].subject == "web");
}

TEST_CASE("a broken baseline is an input error naming the file (and the line for JSON syntax)") {
  const std::string good = serialize_baseline(
      make_baseline("loopaudit", std::vector<Finding>{finding("LA101", "a.py", 1, "f")}, memory_lines({})));
  must_parse(good);

  SUBCASE("not JSON") {
    auto e = must_fail("{\n  \"tool\": \"loopaudit\",\n  oops\n}\n");
    CHECK(e.line == 3);
    CHECK(e.message.find("not valid JSON") == 0);
  }
  SUBCASE("truncated") {
    auto e = must_fail(good.substr(0, good.size() / 2));
    CHECK(e.line.has_value());
    CHECK(e.message.find("not valid JSON") == 0);
    CHECK(must_fail("").message.find("not valid JSON") == 0);
  }
  SUBCASE("another format version, or none") {
    auto e = must_fail("{\"tool\": \"loopaudit\", \"format_version\": 2, \"entries\": []}");
    CHECK(e.message == "unsupported baseline format_version 2 (this version reads 1)");
    // A later format may add keys: the version is what the message names.
    CHECK(must_fail("{\"tool\": \"loopaudit\", \"format_version\": 2, \"ignored\": []}").message ==
          "unsupported baseline format_version 2 (this version reads 1)");
    CHECK(must_fail("{\"tool\": \"loopaudit\", \"format_version\": \"1\", \"entries\": []}").message.find("format_version \"1\"") !=
          std::string::npos);
    CHECK(must_fail("{\"tool\": \"loopaudit\", \"entries\": []}").message == "not a baseline file: no \"format_version\"");
  }
  SUBCASE("another tool's baseline") {
    auto e = must_fail(good, "composelint");
    CHECK(e.message == "a baseline of loopaudit, not of composelint");
  }
  SUBCASE("wrong shape") {
    CHECK(must_fail("[]").message.find("not a baseline file") == 0);
    CHECK(must_fail("{\"tool\": \"loopaudit\", \"format_version\": 1, \"entries\": {}}").message ==
          "not a baseline file: \"entries\" is missing or not an array");
    CHECK(must_fail("{\"tool\": \"loopaudit\", \"format_version\": 1, \"entries\": [], \"extra\": 1}").message ==
          "not a baseline file: unknown key \"extra\"");
    CHECK(must_fail("{\"tool\": \"loopaudit\", \"format_version\": 1, \"entries\": [1]}").message ==
          "not a baseline file: entry 1 is not an object");
    const std::string head = "{\"tool\": \"loopaudit\", \"format_version\": 1, \"entries\": [";
    CHECK(must_fail(head + "{\"path\": \"a.py\", \"anchor\": \"\", \"text\": \"\"}]}").message ==
          "not a baseline file: entry 1 has no \"rule\"");
    CHECK(must_fail(head + "{\"rule\": \"LA101\", \"path\": \"a.py\", \"anchor\": 3, \"text\": \"\"}]}").message ==
          "not a baseline file: entry 1: \"anchor\" is not a string");
    CHECK(must_fail(head + "{\"rule\": \"\", \"path\": \"a.py\", \"anchor\": \"\", \"text\": \"\"}]}").message ==
          "not a baseline file: entry 1: \"rule\" is empty");
    CHECK(must_fail(head + "{\"rule\": \"LA101\", \"path\": \"a.py\", \"anchor\": \"\", \"text\": \"\", \"line\": 3}]}")
              .message == "not a baseline file: entry 1 has an unknown key \"line\"");
    // The message is optional (readers only); the entry still matches.
    auto b = must_parse(head + "{\"rule\": \"LA101\", \"path\": \"a.py\", \"anchor\": \"f\", \"text\": \"\"}]}");
    CHECK(apply_baseline(b, {finding("LA101", "a.py", 1, "f")}, {}).findings.empty());
  }
  SUBCASE("deep nesting is refused, not a crash") {
    auto e = must_fail(std::string(100000, '[') + std::string(100000, ']'));
    CHECK(e.message.find("not a baseline file") == 0);
  }
}

TEST_CASE("read_baseline: a missing file, a directory, bytes that are not UTF-8") {
  TempDir t;
  auto missing = read_baseline(t.path("nope.json"), "loopaudit");
  REQUIRE(std::holds_alternative<InputError>(missing));
  CHECK(std::get<InputError>(missing).path == t.path("nope.json"));
  CHECK(std::get<InputError>(missing).message == "no such file");
  auto dir = read_baseline(t.path(), "loopaudit");
  REQUIRE(std::holds_alternative<InputError>(dir));
  CHECK(std::get<InputError>(dir).message.find("directory") != std::string::npos);
  auto bad = read_baseline(t.file("bad.json", "{\"tool\": \"loop\xff\"}"), "loopaudit");
  REQUIRE(std::holds_alternative<InputError>(bad));
  CHECK(std::get<InputError>(bad).message.find("not valid JSON") == 0);
}

TEST_CASE("write_baseline: atomic, no temporary file left behind, a directory is refused") {
  TempDir t;
  auto b = make_baseline("loopaudit", std::vector<Finding>{finding("LA101", "a.py", 1, "f")}, memory_lines({}));
  auto files = [&] {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(t.root)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  };
  REQUIRE_FALSE(write_baseline(t.path("baseline.json"), b));
  REQUIRE_FALSE(write_baseline(t.path("baseline.json"), Baseline{"loopaudit", {}}));  // replaces it
  CHECK(files() == V{"baseline.json"});
  CHECK(must_parse(slurp(t.path("baseline.json"))).entries.empty());

  fs::create_directory(t.root / "dir");
  auto e = write_baseline(t.path("dir"), b);
  REQUIRE(e);
  CHECK(e->path == t.path("dir"));
  CHECK(e->message.find("is a directory") != std::string::npos);
  CHECK(fs::is_directory(t.root / "dir"));
  CHECK(fs::is_empty(t.root / "dir"));

  auto no_dir = write_baseline(t.path("missing/baseline.json"), b);
  REQUIRE(no_dir);
  CHECK(no_dir->message.find("cannot create a temporary file") != std::string::npos);
  CHECK(files() == V{"baseline.json", "dir"});

  // A read-only baseline is not replaced (write permission is the owner's word).
  if (::geteuid() != 0) {
    auto path = t.file("ro.json", "old");
    ::chmod(path.c_str(), 0444);
    auto ro = write_baseline(path, b);
    REQUIRE(ro);
    CHECK(ro->message.find("read-only") != std::string::npos);
    CHECK(ro->message.find("--write-baseline") != std::string::npos);
    CHECK(slurp(path) == "old");
  }
}

TEST_CASE("file_lines reads a file once, on demand, and gives nothing for what it cannot read") {
  TempDir t;
  auto path = t.file("a.py", "one\r\n  two\n");
  auto lines = file_lines();
  CHECK(lines(path, 2) == "  two");
  CHECK(lines(path, 1) == "one");
  fs::remove(path);
  CHECK(lines(path, 2) == "  two");  // kept from the first read
  CHECK(lines(path, 9).empty());
  CHECK(lines(t.path("gone.py"), 1).empty());
  CHECK(lines(t.path(), 1).empty());
}
