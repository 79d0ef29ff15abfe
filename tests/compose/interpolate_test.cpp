#include <doctest/doctest.h>

#include <map>

#include "compose/interpolate.hpp"
#include "compose/memory_files.hpp"
#include "compose/model.hpp"

using namespace boundaudit::compose;

namespace {
const std::map<std::string, std::string> kVars{{"MEM", "2g"}, {"EMPTY", ""}, {"B", "b"}, {"mem_lower", "3g"}};

std::optional<std::string> lookup(const std::string& name) {
  auto it = kVars.find(name);
  if (it == kVars.end()) return std::nullopt;
  return it->second;
}

std::string run(const std::string& text) {
  Interpolated r = interpolate(text, lookup);
  return r.ok() ? r.text : "ERROR: " + r.error;
}
}  // namespace

TEST_CASE("plain and braced variables") {
  CHECK(run("$MEM") == "2g");
  CHECK(run("${MEM}") == "2g");
  CHECK(run("x${MEM}y") == "x2gy");
  CHECK(run("$MEM-suffix") == "2g-suffix");
  CHECK(run("$mem_lower") == "3g");
  CHECK(run("no variables") == "no variables");
}

TEST_CASE("unset variables become empty and are reported") {
  Interpolated r = interpolate("${NOPE}m and $ALSO_NOPE", lookup);
  REQUIRE(r.ok());
  CHECK(r.text == "m and ");
  CHECK(r.unset_variables == std::vector<std::string>{"NOPE", "ALSO_NOPE"});
}

TEST_CASE(":- and - defaults") {
  CHECK(run("${NOPE:-4g}") == "4g");
  CHECK(run("${EMPTY:-4g}") == "4g");
  CHECK(run("${MEM:-4g}") == "2g");
  CHECK(run("${NOPE-4g}") == "4g");
  CHECK(run("${EMPTY-4g}") == "");  // set (to empty) wins without the colon
  CHECK(run("${MEM-4g}") == "2g");
  CHECK(run("${NOPE:-}") == "");
  Interpolated r = interpolate("${NOPE:-1g}", lookup);
  CHECK(r.unset_variables.empty());  // a default is not an unset variable
}

TEST_CASE("nested defaults are expanded only when used") {
  CHECK(run("${NOPE:-${ALSO:-1g}}") == "1g");
  CHECK(run("${NOPE:-${MEM:-1g}}") == "2g");
  CHECK(run("${NOPE:-${B}x}") == "bx");
  Interpolated r = interpolate("${MEM:-${UNUSED}}", lookup);
  CHECK(r.text == "2g");
  CHECK(r.unset_variables.empty());
  CHECK(run("${NOPE:-${ALSO:-1}}g and ${MEM}") == "1g and 2g");
}

TEST_CASE(":? and ? required variables") {
  CHECK(run("${MEM:?need it}") == "2g");
  CHECK(run("${NOPE:?set NOPE to a size}") == "ERROR: required variable NOPE is missing a value: set NOPE to a size");
  CHECK(run("${EMPTY:?empty}") == "ERROR: required variable EMPTY is missing a value: empty");
  CHECK(run("${EMPTY?empty}") == "");
  CHECK(run("${NOPE?}") == "ERROR: required variable NOPE is missing a value");
  CHECK(run("${NOPE:?msg-with-dash}") == "ERROR: required variable NOPE is missing a value: msg-with-dash");
  Interpolated r = interpolate("${NOPE:?x}", lookup);
  CHECK(r.unset_variables == std::vector<std::string>{"NOPE"});
}

TEST_CASE(":+ and + alternatives") {
  CHECK(run("${MEM:+alt}") == "alt");
  CHECK(run("${EMPTY:+alt}") == "");
  CHECK(run("${EMPTY+alt}") == "alt");
  CHECK(run("${NOPE+alt}") == "");
  CHECK(run("${NOPE:+alt}") == "");
  CHECK(run("${MEM:+${B}}") == "b");
}

TEST_CASE("$$ escapes a dollar") {
  CHECK(run("$$MEM") == "$MEM");
  CHECK(run("$${MEM}") == "${MEM}");
  CHECK(run("a$$$MEM") == "a$2g");
}

TEST_CASE("invalid templates are errors, as in compose") {
  CHECK(run("5$").rfind("ERROR: invalid interpolation format", 0) == 0);
  CHECK(run("$ 5").rfind("ERROR: invalid", 0) == 0);
  CHECK(run("${}").rfind("ERROR: invalid", 0) == 0);
  CHECK(run("${MEM").rfind("ERROR: invalid", 0) == 0);
  CHECK(run("${MEM:x}").rfind("ERROR: invalid", 0) == 0);
  CHECK(run("${1A}").rfind("ERROR: invalid", 0) == 0);
  CHECK(run("$1").rfind("ERROR: invalid", 0) == 0);
}

TEST_CASE("one value's expansion is capped, naming the variable that crosses the cap") {
  std::string big(600 * 1024, 'x');
  VariableLookup big_lookup = [&big](const std::string& name) -> std::optional<std::string> {
    if (name == "BIG") return big;
    return std::nullopt;
  };
  Interpolated one = interpolate("${BIG}", big_lookup);
  CHECK(one.ok());
  CHECK(one.text.size() == big.size());
  Interpolated two = interpolate("a${BIG}${BIG:-x}", big_lookup);
  CHECK_FALSE(two.ok());
  CHECK(two.too_large);
  CHECK(two.error == "the value grows past 1048576 bytes, the limit for one value, at ${BIG}");
  CHECK(two.text.empty());
}

TEST_CASE("a shared budget caps the total") {
  ExpansionBudget budget;
  budget.max_value = 8;
  budget.max_total = 10;
  CHECK(interpolate("${MEM}${MEM}", lookup, &budget).text == "2g2g");
  CHECK(budget.used == 4u);
  CHECK(interpolate("$$${MEM}", lookup, &budget).text == "$2g");
  Interpolated over = interpolate("${MEM}${MEM}${MEM}", lookup, &budget);  // 6 more: 13 > 10
  CHECK(over.too_large);
  CHECK(over.error == "expanded values exceed 10 bytes in total (the limit for a project)");
  CHECK(budget.used == 7u);
  Interpolated long_one = interpolate("${MEM}${MEM}${MEM}${MEM}${MEM}", lookup, &budget);
  CHECK(long_one.error == "the value grows past 8 bytes, the limit for one value, at ${MEM}");
  CHECK(interpolate("no dollar, no cost", lookup, &budget).ok());
  CHECK(budget.used == 7u);
}

TEST_CASE("in a project, one budget covers the .env and the compose values, and errors name file:line") {
  using boundaudit::compose::testing::errors_text;
  using boundaudit::compose::testing::load;
  const std::string big = "BIG=" + std::string(600 * 1024, 'x') + "\n";
  Project twice = load({{"compose.yaml", "services:\n  web:\n    mem_limit: ${BIG}${BIG}\n"}, {".env", big}},
                       {"compose.yaml"});
  CHECK(errors_text(twice) ==
        "compose.yaml:3: services.web.mem_limit: the value grows past 1048576 bytes, the limit for one value, at "
        "${BIG}\n");

  std::string many = "services:\n";
  for (int i = 0; i < 30; ++i) many += "  s" + std::to_string(i) + ":\n    mem_limit: ${BIG}\n";
  Project total = load({{"compose.yaml", many}, {".env", big}}, {"compose.yaml"});
  // 600 KiB each: the 28th value crosses 16 MiB; it and every later one are errors.
  REQUIRE(total.errors.size() == 3u);
  CHECK(total.errors[0].message ==
        "services.s27.mem_limit: expanded values exceed 16777216 bytes in total (the limit for a project)");
}
