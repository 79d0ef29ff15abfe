// What a composelint region covers (lib/compose/doc_scope.cpp): files, profiles, budget (a size or
// auto), headroom, lines, and the errors that name the doc and the marker's line.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "compose/doc_scope.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;

namespace {

constexpr std::int64_t GiB = std::int64_t{1} << 30;

DocRegion marker(std::vector<std::pair<std::string, std::string>> attributes) { return {7, 9, std::move(attributes)}; }

std::string error_of(const std::variant<RegionScope, InputError>& scope) {
  REQUIRE(std::holds_alternative<InputError>(scope));
  const auto& e = std::get<InputError>(scope);
  CHECK(e.path == "docs/STACK.md");
  CHECK(e.line == 7);
  return e.message;
}

}  // namespace

TEST_CASE("files relative to the doc; budget as a size or auto; headroom") {
  auto scope = region_scope("docs/STACK.md", marker({{"files", "../deploy/compose.yaml"}, {"budget", "8g"}, {"headroom", "1g"}}));
  REQUIRE(std::holds_alternative<RegionScope>(scope));
  const auto& s = std::get<RegionScope>(scope);
  CHECK(s.files == std::vector<std::string>{"deploy/compose.yaml"});
  CHECK(s.budget == BudgetSpec{false, 8 * GiB});
  CHECK(s.headroom == GiB);
  auto automatic = std::get<RegionScope>(region_scope("docs/STACK.md", marker({{"files", "c.yaml"}, {"budget", "auto"}})));
  CHECK(automatic.budget == BudgetSpec{true, 0});
  CHECK(automatic.headroom == 0);
  CHECK(!std::get<RegionScope>(region_scope("docs/STACK.md", marker({{"files", "c.yaml"}}))).budget);
}

TEST_CASE("bad budget and headroom values are input errors at the marker") {
  CHECK(error_of(region_scope("docs/STACK.md", marker({{"files", "c.yaml"}, {"budget", "0"}}))) ==
        "budget=\"0\": must be positive (or auto)");
  CHECK(error_of(region_scope("docs/STACK.md", marker({{"files", "c.yaml"}, {"budget", "lots"}}))).starts_with("budget=\"lots\": "));
  CHECK(error_of(region_scope("docs/STACK.md", marker({{"files", "c.yaml"}, {"headroom", "1g"}}))) ==
        "headroom=\"1g\" needs a budget=\"...\"");
  CHECK(error_of(region_scope("docs/STACK.md", marker({{"files", "c.yaml"}, {"budget", "8g"}, {"headroom", "-1"}}))) ==
        "headroom=\"-1\": must not be negative");
  CHECK(error_of(region_scope("docs/STACK.md", marker({{"budget", "8g"}}))).starts_with("a composelint region needs files="));
}
