#include <doctest/doctest.h>

#include "compose/yaml_comments.hpp"
#include "core/suppression.hpp"

using namespace boundaudit;

namespace {
const SuppressionCodes kCodes{"XX900", "XX901"};
// The reserved codes are rules of the tool too (LA900/LA901, CL900/CL901 are in the registries).
bool known(std::string_view code) { return code == "XX001" || code == "XX002" || code == "XX900" || code == "XX901"; }
}  // namespace

TEST_CASE("parse_directive reads ignore lists and reasons") {
  Directive d;
  std::string error;
  REQUIRE(parse_directive("tool", " tool: ignore[XX001, XX002] batch job, capped by cgroup", &d, &error));
  CHECK(d.kind == Directive::Kind::ignore);
  CHECK(d.codes == std::vector<std::string>{"XX001", "XX002"});
  CHECK(d.reason == "batch job, capped by cgroup");
}

TEST_CASE("parse_directive reads bound statements") {
  Directive d;
  std::string error;
  REQUIRE(parse_directive("tool", "tool: bound=caller-timeout \"caller wraps in wait_for(60s)\"", &d, &error));
  CHECK(d.kind == Directive::Kind::bound);
  CHECK(d.bound_kind == "caller-timeout");
  CHECK(d.bound_text == "caller wraps in wait_for(60s)");
}

TEST_CASE("parse_directive rejects malformed directives and ignores other comments") {
  Directive d;
  std::string error;
  CHECK_FALSE(parse_directive("tool", "tool: ignore XX001", &d, &error));
  CHECK(error.find("ignore[") != std::string::npos);
  CHECK_FALSE(parse_directive("tool", "tool: ignore[XX001", &d, &error));
  CHECK(error.find("unclosed") != std::string::npos);
  CHECK_FALSE(parse_directive("tool", "tool: ignore[]", &d, &error));
  CHECK_FALSE(error.empty());
  CHECK_FALSE(parse_directive("tool", "tool: bound=deadline", &d, &error));
  CHECK(error.find("quoted") != std::string::npos);
  CHECK_FALSE(parse_directive("tool", "an ordinary comment", &d, &error));
  CHECK(error.empty());
  CHECK_FALSE(parse_directive("tool", "toolbox: ignore[XX001]", &d, &error));
  CHECK(error.empty());
}

TEST_CASE("scan_directives reports unknown codes and malformed comments with their line") {
  Source src{"a.yaml", "a: 1\nb: 2  # tool: ignore[XX999]\n# tool: ignor[XX001]\n# tool: ignore[XX001]\n"};
  auto scan = scan_directives("tool", src, kCodes, known, compose::yaml_comments);
  REQUIRE(scan.directives.size() == 2);
  CHECK(scan.directives[0].site.line == 2);
  CHECK(scan.directives[1].site.line == 4);
  REQUIRE(scan.problems.size() == 2);
  CHECK(scan.problems[0].site.line == 2);
  CHECK(scan.problems[0].message.find("XX999") != std::string::npos);
  CHECK(scan.problems[1].site.line == 3);
  CHECK(scan.problems[1].code == "XX900");
}

TEST_CASE("apply_suppressions covers the same line and the next, and reports unused ones") {
  Source src{"a.py", "# tool: ignore[XX001]\nx\ny  # tool: ignore[XX002]\n\n# tool: ignore[XX001]\n"};
  auto scan = scan_directives("tool", src, kCodes, known, compose::yaml_comments);
  std::vector<Finding> findings{
      {"XX001", Severity::error, {"a.py", 2, 1, 2, 2}, "covered by line 1", "", {}, ""},
      {"XX002", Severity::error, {"a.py", 3, 1, 3, 2}, "covered by trailing comment", "", {}, ""},
      {"XX001", Severity::error, {"a.py", 4, 1, 4, 2}, "not covered: other code above", "", {}, ""},
      {"XX001", Severity::error, {"b.py", 2, 1, 2, 2}, "other file", "", {}, ""},
  };
  auto kept = apply_suppressions(findings, {}, scan.directives, kCodes);
  REQUIRE(kept.size() == 3);
  CHECK(kept[0].site.path == "a.py");
  CHECK(kept[0].site.line == 4);
  CHECK(kept[1].code == "XX901");
  CHECK(kept[1].site.line == 5);
  CHECK(kept[2].site.path == "b.py");
}

TEST_CASE("an unknown code is reported once as invalid, never as unused") {
  Source src{"a.py", "x  # tool: ignore[XX999, XX001]\n"};
  auto scan = scan_directives("tool", src, kCodes, known, compose::yaml_comments);
  REQUIRE(scan.problems.size() == 1);
  CHECK(scan.problems[0].code == "XX900");
  REQUIRE(scan.directives.size() == 1);
  CHECK(scan.directives[0].codes == std::vector<std::string>{"XX001"});
  std::vector<Finding> findings{{"XX001", Severity::error, {"a.py", 1, 1, 1, 2}, "covered", "", {}, ""}};
  CHECK(apply_suppressions(findings, {}, scan.directives, kCodes).empty());
}

TEST_CASE("the reserved codes are suppressible like any other, and such a directive can itself be unused") {
  // Line 1 names XX900 for the malformed directive on line 2; line 4's XX900 covers nothing.
  Source src{"a.py", "# tool: ignore[XX900] legacy\n# tool: ignore XX001\nx\n# tool: ignore[XX900]\ny\n"};
  auto scan = scan_directives("tool", src, kCodes, known, compose::yaml_comments);
  REQUIRE(scan.problems.size() == 1);
  CHECK(scan.problems[0].site.line == 2);
  auto kept = apply_suppressions({}, scan.problems, scan.directives, kCodes);
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].code == "XX901");
  CHECK(kept[0].site.line == 4);
}

TEST_CASE("an unused-suppression finding is suppressed by a directive naming the unused code") {
  Source src{"a.py", "# tool: ignore[XX901] kept for later\n# tool: ignore[XX001]\nx\n"};
  auto scan = scan_directives("tool", src, kCodes, known, compose::yaml_comments);
  CHECK(apply_suppressions({}, {}, scan.directives, kCodes).empty());
}

TEST_CASE("a subject directive covers the findings about its subject, anywhere") {
  Directive d;
  d.site = {"c.yaml", 9, 5, 9, 20};
  d.subject = "api";
  d.codes = {"XX001", "XX002"};
  std::vector<Finding> findings{{"XX001", Severity::error, {"c.yaml", 30, 1, 30, 2}, "about api", "api", {}, ""},
                                {"XX001", Severity::error, {"c.yaml", 31, 1, 31, 2}, "about db", "db", {}, ""}};
  auto kept = apply_suppressions(findings, {}, std::vector<Directive>{d}, kCodes);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].site.line == 9);  // XX002 unused
  CHECK(kept[0].code == "XX901");
  CHECK(kept[1].subject == "db");
}
