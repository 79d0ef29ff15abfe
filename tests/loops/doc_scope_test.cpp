// What a loopaudit region covers (lib/loops/doc_scope.cpp): attributes, globs, back-compat, errors.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "loops/doc_scope.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;
using boundaudit::testing::TempDir;

namespace {

DocRegion marker(std::vector<std::pair<std::string, std::string>> attributes) { return {7, 9, std::move(attributes)}; }

const std::vector<std::string> kNone;

}  // namespace

TEST_CASE("paths and exclude are relative to the doc's directory; globs expand") {
  TempDir t;
  t.file("packages/a/src/x.py");
  t.file("packages/b/src/y.py");
  t.file("packages/c/README");
  const std::string doc = t.path("docs/AUDIT.md");
  auto scope = region_scope(doc, marker({{"paths", "../packages/*/src ../tools"}, {"exclude", "gen ../packages/b/** **/t/**"}}),
                            kNone, kNone);
  REQUIRE(std::holds_alternative<RegionScope>(scope));
  const auto& s = std::get<RegionScope>(scope);
  CHECK(s.paths == std::vector<std::string>{t.path("packages/a/src"), t.path("packages/b/src"), t.path("tools")});
  CHECK(s.exclude == std::vector<std::string>{"gen", t.path("packages/b/**"), "**/t/**"});
  CHECK_FALSE(s.lines);
  CHECK_FALSE(s.category);
}

TEST_CASE("category and lines") {
  auto scope = region_scope("AUDIT.md", marker({{"paths", "src"}, {"category", "fanout"}, {"lines", "yes"}}), kNone, kNone);
  REQUIRE(std::holds_alternative<RegionScope>(scope));
  CHECK(std::get<RegionScope>(scope).paths == std::vector<std::string>{"src"});
  CHECK(std::get<RegionScope>(scope).category == Category::fanout);
  CHECK(std::get<RegionScope>(scope).lines);
}

TEST_CASE("bad values are input errors naming the doc and the marker's line") {
  for (auto attributes : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"paths", "src"}, {"lines", "true"}},
           {{"paths", "src"}, {"category", "loops"}},
           {{"paths", ""}},
           {{"paths", "src/**"}},
           {{"paths", "no-such-dir-*"}},
           {{"exclude", "x"}}}) {
    auto scope = region_scope("docs/AUDIT.md", marker(attributes), kNone, kNone);
    REQUIRE(std::holds_alternative<InputError>(scope));
    CHECK(std::get<InputError>(scope).path == "docs/AUDIT.md");
    CHECK(std::get<InputError>(scope).line == 7);
  }
}

TEST_CASE("a bare marker covers the command line's PATHs; without any it says how to migrate") {
  const std::vector<std::string> paths{"src"}, exclude{"gen"};
  auto scope = region_scope("AUDIT.md", marker({}), paths, exclude);
  REQUIRE(std::holds_alternative<RegionScope>(scope));
  CHECK(std::get<RegionScope>(scope).paths == paths);
  CHECK(std::get<RegionScope>(scope).exclude == exclude);
  auto none = region_scope("AUDIT.md", marker({}), kNone, kNone);
  REQUIRE(std::holds_alternative<InputError>(none));
  CHECK(std::get<InputError>(none).message.find("paths=\"src\"") != std::string::npos);
  // A region with its own paths does not take PATHs from the command line.
  CHECK(std::holds_alternative<InputError>(region_scope("AUDIT.md", marker({{"paths", "src"}}), paths, kNone)));
}
