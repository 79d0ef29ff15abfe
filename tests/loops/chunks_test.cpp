#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "loops/audit.hpp"
#include "loops/chunks.hpp"
#include "loops/model.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;

namespace {

std::string filler(int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += "def filler_" + std::to_string(i) + "(x):\n    \"\"\"Docs.\"\"\"\n    return [x, x + 1, {'k': (x, x)}]\n\n";
  return out;
}

std::string methods(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "    def m" + std::to_string(i) + "(self):\n        return self.v + " + std::to_string(i) + "\n\n";
  return out;
}

// The 0-based row each logical line starts on.
std::vector<std::uint32_t> rows(const std::vector<LogicalLine>& lines) {
  std::vector<std::uint32_t> out;
  for (const auto& l : lines) out.push_back(l.row);
  return out;
}

std::vector<AuditSite> sites(const Source& src, bool partial) {
  Source copy = src;
  const auto result = audit(std::span<const Source>(&copy, 1), {}, 1, partial);
  return {result.sites.begin(), result.sites.end()};
}

}  // namespace

TEST_CASE("logical lines skip strings, brackets, continuations and comments") {
  std::string text =
      "x = '''\n"
      "def not_code():\n"
      "'''\n"
      "y = (1,\n"
      "2)\n"
      "z = 1 + \\\n"
      "3\n"
      "# comment\n"
      "class A:\n"
      "    pass\n";
  auto lines = logical_lines(text);
  REQUIRE(rows(lines) == std::vector<std::uint32_t>{0, 3, 5, 8, 9});
  CHECK(lines[4].indent == 4);
}

TEST_CASE("a backslash at the line end continues a one-line string, with LF or CRLF") {
  for (std::string eol : {"\n", "\r\n"}) {
    std::string text = "x = 'a\\" + eol + "def not_code(): pass' + f(" + eol + ")" + eol + "class A:" + eol + "    pass" + eol;
    auto lines = logical_lines(text);
    REQUIRE(rows(lines) == std::vector<std::uint32_t>{0, 3, 4});
    CHECK(lines[2].indent == 4);
  }
}

TEST_CASE("small files are parsed whole") { CHECK(ranges_to_parse("while True:\n    pass\n").empty()); }

TEST_CASE("partial parsing finds the same sites as a full parse and parses much less") {
  std::string text =
      "import asyncio\n"
      "from subprocess import check_output\n"
      "import subprocess as sp\n"
      "SERVICES = ('a', 'b')\n" +
      filler(200) +
      "DOC = '''\n"
      "def fake():\n"
      "    while True:\n"
      "        pass\n"
      "'''\n"
      "@decorator\n"
      "def decorated():\n"
      "    while True:\n"
      "        pass\n" +
      filler(100) +
      "class Big:\n"
      "    limit = 3\n" +
      methods(100) +
      "    def loop(self):\n"
      "        while self.v:\n"
      "            check_output(['x'])\n"
      "    if WINDOWS:\n"
      "        def spawn_it(self):\n"
      "            sp.Popen(['y'])\n"
      "    else:\n"
      "        def spawn_it(self):\n"
      "            pass\n" +
      methods(50) +
      "async def health(client):\n"
      "    await asyncio.gather(*[client.ping(s) for s in SERVICES])\n"
      "if __name__ == '__main__':\n"
      "    decorated()\n"
      "else:\n"
      "    while True:\n"
      "        pass\n";
  auto ranges = ranges_to_parse(text);
  REQUIRE_FALSE(ranges.empty());
  std::size_t parsed = 0;
  for (const auto& r : ranges) parsed += r.end_byte - r.start_byte;
  CHECK(parsed * 3 < text.size());
  Source src{"p.py", text};
  auto full = sites(src, false);
  auto part = sites(src, true);
  CHECK(full.size() == 6);
  CHECK(part == full);
}

TEST_CASE("a wrong cut falls back to the whole file") {
  // An f-string holding quotes of its own kind (Python 3.12) confuses the small lexer; the partial
  // tree then has errors and the whole file is parsed instead, with the same result.
  std::string text = filler(200) + "x = f\"{d[\"k\"]}\"\ndef w():\n    while True:\n        pass\n" + filler(10);
  Source src{"f.py", text};
  CHECK(sites(src, true) == sites(src, false));
}

TEST_CASE("a dedent to a column no block opened is not cut") {
  // `  def odd` closes `class Big` for tree-sitter (Python rejects the file); a cut leaving `odd` out
  // would keep `drain` in the class. The file is parsed whole, and both modes agree on the function.
  std::string text = "class Big:\n" + methods(60) + "  def odd(self):\n        return 1\n" + methods(10) +
                     "    def drain(self, q):\n        while q:\n            q.pop()\n";
  CHECK(ranges_to_parse(text).empty());
  Source src{"d.py", text};
  auto full = sites(src, false);
  REQUIRE(full.size() == 1);
  CHECK(full[0].function == "drain");
  CHECK(sites(src, true) == full);

  // Widths as the scanner counts them: a tab is 8 columns, so a body indented by one tab under a
  // method at 4 spaces is a block of its own, and the next method returns to 4.
  std::string tabs = "class Big:\n" + methods(60) + "    def t(self):\n\treturn 1\n" + methods(10) +
                     "    def drain(self, q):\n        while q:\n            q.pop()\n";
  CHECK_FALSE(ranges_to_parse(tabs).empty());
  Source tab_src{"t.py", tabs};
  CHECK(sites(tab_src, true) == sites(tab_src, false));
}

TEST_CASE("a trigger word counts only in code") {
  // In a comment, a docstring or another plain string it starts no site.
  CHECK_FALSE(has_code_trigger("def f():\n    \"\"\"Wait while the server starts.\"\"\"\n    return 1\n"));
  CHECK_FALSE(has_code_trigger("x = 1  # retry while the pool is busy\n"));
  CHECK_FALSE(has_code_trigger("MSG = 'use subprocess.run'\nB = b'fork'\n"));
  CHECK_FALSE(has_code_trigger("def f():\n    return 1\n"));
  // In code, in an f-string's braces, and in words that hold `pool` or `xecutor`.
  CHECK(has_code_trigger("def f(q):\n    while q:\n        q.pop()\n"));
  CHECK(has_code_trigger("s = f\"{subprocess.run(cmd)}\"\n"));
  CHECK(has_code_trigger("r = thread_pool.map(f, xs)\n"));
  CHECK(has_code_trigger("r = self._executor.map(f, xs)\n"));
  // A backslash keeps the next character in a raw string too: `r'a\` + newline + `b'` is one string,
  // so the `"""` inside it opens nothing and the loop after it is code.
  CHECK(has_code_trigger("s = r'a\\\nb\"\"\"'\nwhile s:\n    s = s[1:]\n"));
  CHECK(has_code_trigger("s = r'a\\'b'\nwhile s:\n    s = s[1:]\n"));
  CHECK(has_code_trigger("s = 'a\\\r\nb\"\"\"'\r\nwhile s:\r\n    s = s[1:]\r\n"));
}

TEST_CASE("a method that names a trigger only in its docstring is not parsed") {
  std::string text = "class Big:\n" + methods(60) +
                     "    def sleeper(self):\n        \"\"\"Wait while nothing happens; no subprocess here.\"\"\"\n"
                     "        return self.v\n" +
                     "    def drain(self, q):\n        while q:\n            q.pop()\n";
  auto ranges = ranges_to_parse(text);
  REQUIRE_FALSE(ranges.empty());
  auto at = text.find("def sleeper");
  auto loop = text.find("while q:");
  bool sleeper_kept = false, loop_kept = false;
  for (const auto& r : ranges) {
    sleeper_kept = sleeper_kept || (r.start_byte <= at && at < r.end_byte);
    loop_kept = loop_kept || (r.start_byte <= loop && loop < r.end_byte);
  }
  CHECK_FALSE(sleeper_kept);
  CHECK(loop_kept);
  Source src{"s.py", text};
  auto full = sites(src, false);
  REQUIRE(full.size() == 1);
  CHECK(sites(src, true) == full);
}
