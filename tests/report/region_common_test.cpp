// Shared pieces of the doc regions (lib/report/region_common.cpp).
#include <doctest/doctest.h>

#include "report/region_common.hpp"

using namespace boundaudit::report;

TEST_CASE("unique_suffixes: the shortest suffix of whole components no other path ends with") {
  auto s = unique_suffixes({"a/x/util.py", "b/util.py", "a/y.py", "c/a/y.py", "z.py", "q/xz.py"});
  CHECK(s["a/x/util.py"] == "x/util.py");
  CHECK(s["b/util.py"] == "b/util.py");
  CHECK(s["a/y.py"] == "a/y.py");        // "c/a/y.py" ends with it: the whole path is the shortest unique name
  CHECK(s["c/a/y.py"] == "c/a/y.py");
  CHECK(s["z.py"] == "z.py");            // "xz.py" does not end with "z.py" at a component boundary
  CHECK(s["q/xz.py"] == "xz.py");
}

TEST_CASE("relative_to and code_span") {
  CHECK(relative_to("src/a.py", "") == "src/a.py");
  CHECK(relative_to("src/a.py", "docs") == "../src/a.py");
  CHECK(relative_to("docs/x/a.py", "docs") == "x/a.py");
  CHECK(code_span("x") == "`x`");
  CHECK(code_span("a`b") == "`` a`b ``");
}
