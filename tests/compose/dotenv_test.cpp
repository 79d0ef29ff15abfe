#include <doctest/doctest.h>

#include "compose/dotenv.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;

namespace {
std::optional<std::string> env(const std::string& name) {
  if (name == "HOME_MEM") return std::string("8g");
  return std::nullopt;
}
Dotenv parse(const std::string& text) { return parse_dotenv(Source{".env", text}, env); }
}  // namespace

TEST_CASE("KEY=VALUE, export, comments and blank lines") {
  Dotenv d = parse("# a comment\n\nA=1g\nexport B=2g\n  C = 3g  \nD=4g # trailing comment\nE=a#b\n");
  REQUIRE_FALSE(d.error);
  CHECK(d.values == std::map<std::string, std::string>{{"A", "1g"}, {"B", "2g"}, {"C", "3g"}, {"D", "4g"}, {"E", "a#b"}});
}

TEST_CASE("quoted values") {
  Dotenv d = parse("S='lit $A # x'\nD=\"a\\nb \\\"q\\\" # not a comment\"\nM=\"two\nlines\"\nE=''\n");
  REQUIRE_FALSE(d.error);
  CHECK(d.values["S"] == "lit $A # x");
  CHECK(d.values["D"] == "a\nb \"q\" # not a comment");
  CHECK(d.values["M"] == "two\nlines");
  CHECK(d.values["E"] == "");
}

TEST_CASE("expansion sees the environment, then earlier keys") {
  Dotenv d = parse("BASE=1g\nA=${BASE}\nB=\"${HOME_MEM}\"\nC='${BASE}'\nD=${NOPE:-5g}\nE=$$X\n");
  REQUIRE_FALSE(d.error);
  CHECK(d.values["A"] == "1g");
  CHECK(d.values["B"] == "8g");
  CHECK(d.values["C"] == "${BASE}");
  CHECK(d.values["D"] == "5g");
  CHECK(d.values["E"] == "$X");
}

TEST_CASE("a bare KEY inherits from the environment") {
  Dotenv d = parse("HOME_MEM\nNOT_SET\n");
  REQUIRE_FALSE(d.error);
  CHECK(d.values == std::map<std::string, std::string>{{"HOME_MEM", "8g"}});
}

TEST_CASE("errors carry the line") {
  Dotenv d = parse("A=1\nB=\"unterminated\n");
  REQUIRE(d.error);
  CHECK(d.error->line == 2);
  CHECK(d.error->message.find("unterminated") != std::string::npos);
  CHECK(d.values["A"] == "1");
  Dotenv bad = parse("A=1\nB C=2\n");
  REQUIRE(bad.error);
  CHECK(bad.error->line == 2);
}
