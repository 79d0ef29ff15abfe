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

TEST_CASE("a value that expands past 1 MiB is an error naming the variable and its line") {
  // Each variable is the previous one twice: A16 is exactly 1 MiB, A17 would be 2 MiB (A21: 32 MiB).
  std::string text = "# doubling\nA0=0123456789abcdef\n";
  for (int i = 1; i <= 21; ++i)
    text += "A" + std::to_string(i) + "=${A" + std::to_string(i - 1) + "}${A" + std::to_string(i - 1) + "}\n";
  Dotenv d = parse(text);
  REQUIRE(d.error);
  CHECK(d.error->path == ".env");
  CHECK(d.error->line == 19);
  CHECK(d.error->message == "A17: the value grows past 1048576 bytes, the limit for one value, at ${A16}");
  CHECK(d.values.count("A16") == 1);
  CHECK(d.values["A16"].size() == 1048576u);
  CHECK(d.values.count("A17") == 0);  // parsing stops at the bad line
}

TEST_CASE("the expansion budget counts every value of a file") {
  ExpansionBudget budget;
  budget.max_total = 130;
  Dotenv d = parse_dotenv(Source{".env", "A=0123456789\nB=${A}${A}${A}${A}\nC=\"${B}${B}\"\nD=${C}${C}\n"}, env, &budget);
  REQUIRE(d.error);
  CHECK(d.error->line == 4);
  CHECK(d.error->message == "D: expanded values exceed 130 bytes in total (the limit for a project)");
  CHECK(budget.used == 40u + 80u);  // B and C; A needed no expansion
}
