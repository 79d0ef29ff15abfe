#include <doctest/doctest.h>

#include "loops/gitignore.hpp"

using namespace boundaudit::loops;

TEST_CASE("glob_match: * and ? stay within one path component") {
  CHECK(glob_match("*.py", "jobs.py"));
  CHECK_FALSE(glob_match("*.py", "pkg/jobs.py"));
  CHECK(glob_match("pkg/*.py", "pkg/jobs.py"));
  CHECK(glob_match("job?.py", "jobs.py"));
  CHECK_FALSE(glob_match("a?b", "a/b"));
  CHECK(glob_match("*", ""));
  CHECK_FALSE(glob_match("*.py", "jobs.pyc"));
}

TEST_CASE("glob_match: ** crosses directories") {
  CHECK(glob_match("**/gen.py", "gen.py"));
  CHECK(glob_match("**/gen.py", "a/b/gen.py"));
  CHECK(glob_match("a/**/b.py", "a/b.py"));
  CHECK(glob_match("a/**/b.py", "a/x/y/b.py"));
  CHECK_FALSE(glob_match("a/**/b.py", "ab.py"));
  CHECK(glob_match("gen/**", "gen/x/y.py"));
  CHECK_FALSE(glob_match("gen/**", "gen"));
}

TEST_CASE("glob_match: classes and escapes") {
  CHECK(glob_match("v[0-9].py", "v1.py"));
  CHECK_FALSE(glob_match("v[0-9].py", "vx.py"));
  CHECK(glob_match("v[!0-9].py", "vx.py"));
  CHECK(glob_match("v[^0-9].py", "vx.py"));
  CHECK(glob_match("[[]x", "[x"));
  CHECK(glob_match("\\*.py", "*.py"));
  CHECK_FALSE(glob_match("\\*.py", "a.py"));
  CHECK(glob_match("[unclosed", "[unclosed"));
}

TEST_CASE("parse_gitignore: comments, negation, anchoring, directory-only") {
  auto rules = parse_gitignore("# comment\n\n!keep.py\n/top.py\nbuild/\ndocs/*.py  \n\\#hash.py\n\\!bang.py\r\n/\n");
  REQUIRE(rules.size() == 6);
  CHECK(rules[0].negated);
  CHECK(rules[0].pattern == "keep.py");
  CHECK_FALSE(rules[0].anchored);
  CHECK(rules[1].anchored);
  CHECK(rules[1].pattern == "top.py");
  CHECK(rules[2].dir_only);
  CHECK_FALSE(rules[2].anchored);
  CHECK(rules[3].anchored);
  CHECK(rules[3].pattern == "docs/*.py");
  CHECK(glob_match(rules[4].pattern, "#hash.py"));
  CHECK_FALSE(rules[5].negated);
  CHECK(glob_match(rules[5].pattern, "!bang.py"));
}

TEST_CASE("match_rules: last match wins, unanchored patterns match the name at any depth") {
  auto rules = parse_gitignore("*_pb2.py\n!keep_pb2.py\n/top.py\ncache/\n");
  CHECK(match_rules(rules, "a/b/x_pb2.py", false) == IgnoreMatch::ignored);
  CHECK(match_rules(rules, "a/keep_pb2.py", false) == IgnoreMatch::included);
  CHECK(match_rules(rules, "top.py", false) == IgnoreMatch::ignored);
  CHECK(match_rules(rules, "sub/top.py", false) == IgnoreMatch::none);
  CHECK(match_rules(rules, "x/cache", true) == IgnoreMatch::ignored);
  CHECK(match_rules(rules, "x/cache", false) == IgnoreMatch::none);
}
