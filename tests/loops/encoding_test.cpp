// PEP 263 coding declarations (lib/loops/encoding.cpp) and their use by audit().
#include <doctest/doctest.h>

#include "loops/audit.hpp"
#include "loops/encoding.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;

TEST_CASE("declared_encoding reads a coding comment on line 1 or 2 only") {
  CHECK(declared_encoding("# -*- coding: Latin-1 -*-\nx = 1\n") == "latin-1");
  CHECK(declared_encoding("#!/usr/bin/env python\n# vim: set fileencoding=koi8-r :\n") == "koi8-r");
  CHECK_FALSE(declared_encoding("x = 1\ny = 2\n# coding: latin-1\n"));   // line 3 is too late
  CHECK_FALSE(declared_encoding("s = 'coding: latin-1'\n"));             // not a comment
  CHECK_FALSE(declared_encoding("# coding:\n"));
}

TEST_CASE("to_utf8 converts declared encodings and refuses what does not convert") {
  CHECK(to_utf8("caf\xe9", "latin-1") == std::string("caf\xc3\xa9"));
  CHECK(to_utf8("\xc1\xc2", "koi8_r") == std::string("\xd0\xb0\xd0\xb1"));  // koi8-r: а б
  CHECK_FALSE(to_utf8("abc", "utf-8"));
  CHECK_FALSE(to_utf8("abc", "no-such-encoding"));
  CHECK_FALSE(to_utf8("\xff\xfe", "ascii"));
}

TEST_CASE("a latin-1 module that says so is audited; an undeclared one is an input error") {
  const std::string body = "def spin():\n    s = 'caf\xe9'\n    while True:\n        pass\n";
  std::vector<Source> sources{{"declared.py", "# -*- coding: latin-1 -*-\n" + body}, {"undeclared.py", body}};
  auto r = audit(sources, Config{});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "undeclared.py");
  CHECK(r.errors[0].line == 2);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].code == "LA101");
  CHECK(r.findings[0].site.path == "declared.py");
  CHECK(r.findings[0].site.line == 4);
}

TEST_CASE("a UTF-16 or UTF-32 module is named as such, not as a binary file") {
  const std::string ascii = "while True:\n    pass\n";
  std::string le = "\xFF\xFE", be = "\xFE\xFF", le32("\xFF\xFE\0\0", 4);
  for (char c : ascii) {
    le += std::string{c, '\0'};
    be += std::string{'\0', c};
    le32 += std::string{c, '\0', '\0', '\0'};
  }
  std::vector<Source> sources{{"le.py", le}, {"be.py", be}, {"le32.py", le32}, {"bin.py", std::string("x\0y", 3)}};
  auto r = audit(sources, Config{});
  REQUIRE(r.errors.size() == 4);
  auto message = [&](const std::string& path) {
    for (const auto& e : r.errors)
      if (e.path == path) return e.message;
    return std::string("<none>");
  };
  CHECK(message("le.py") == "UTF-16LE text (byte order mark): not a valid Python source encoding; not audited");
  CHECK(message("be.py") == "UTF-16BE text (byte order mark): not a valid Python source encoding; not audited");
  CHECK(message("le32.py") == "UTF-32LE text (byte order mark): not a valid Python source encoding; not audited");
  CHECK(message("bin.py") == "binary file (NUL byte); not audited");
  CHECK(r.findings.empty());
}
