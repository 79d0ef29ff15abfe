// Finding and splicing self-describing regions (lib/core/doc_regions.cpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/doc_regions.hpp"

using namespace boundaudit;

namespace {

constexpr std::string_view kKnown[] = {"paths", "exclude", "lines"};

RegionScan scan(std::string_view doc) { return find_regions("doc.md", doc, "loopaudit", kKnown); }

}  // namespace

TEST_CASE("regions carry their attributes and lines; several per file") {
  const std::string doc =
      "# Title\n"
      "<!-- loopaudit:begin paths=\"packages/*/src lib\" exclude=\"**/gen/**\" -->\n"
      "old\n"
      "<!-- loopaudit:end -->\n"
      "prose\n"
      "  <!-- loopaudit:begin lines=\"yes\" paths=\"tools\"-->\n"
      "<!-- loopaudit:end -->\n";
  auto r = scan(doc);
  CHECK(r.errors.empty());
  REQUIRE(r.regions.size() == 2);
  CHECK(r.regions[0].begin_line == 2);
  CHECK(r.regions[0].end_line == 4);
  REQUIRE(r.regions[0].attribute("paths"));
  CHECK(*r.regions[0].attribute("paths") == "packages/*/src lib");
  CHECK(split_words(*r.regions[0].attribute("paths")) == std::vector<std::string>{"packages/*/src", "lib"});
  CHECK(*r.regions[0].attribute("exclude") == "**/gen/**");
  CHECK(r.regions[0].attribute("lines") == nullptr);
  CHECK(*r.regions[1].attribute("lines") == "yes");
  CHECK(r.regions[1].begin_line == 6);
  // The bare marker of earlier versions is a region with no attributes.
  auto bare = scan("<!-- loopaudit:begin -->\n<!-- loopaudit:end -->\n");
  REQUIRE(bare.regions.size() == 1);
  CHECK(bare.regions[0].attributes.empty());
}

TEST_CASE("bad markers are errors naming the line") {
  auto unknown = scan("a\n\n<!-- loopaudit:begin path=\"src\" -->\n<!-- loopaudit:end -->\n");
  REQUIRE(unknown.errors.size() == 1);
  CHECK(unknown.errors[0].path == "doc.md");
  CHECK(unknown.errors[0].line == 3);
  CHECK(unknown.errors[0].message.find("unknown attribute `path`") != std::string::npos);
  CHECK(unknown.regions.empty());

  for (const char* marker : {"<!-- loopaudit:begin paths=src -->", "<!-- loopaudit:begin paths=\"src -->",
                             "<!-- loopaudit:begin paths=\"a\"lines=\"yes\" -->",
                             "<!-- loopaudit:begin paths=\"a\" paths=\"b\" -->"}) {
    auto r = scan(std::string(marker) + "\n<!-- loopaudit:end -->\n");
    CHECK_MESSAGE(r.errors.size() == 1, marker);
    CHECK(r.regions.empty());
  }
  auto open = scan("<!-- loopaudit:begin -->\ntext\n");
  REQUIRE(open.errors.size() == 1);
  CHECK(open.errors[0].line == 1);
  auto stray = scan("x\n<!-- loopaudit:end -->\n");
  REQUIRE(stray.errors.size() == 1);
  CHECK(stray.errors[0].line == 2);
  auto nested = scan("<!-- loopaudit:begin -->\n<!-- loopaudit:begin -->\n<!-- loopaudit:end -->\n");
  REQUIRE(nested.errors.size() == 1);
  CHECK(nested.errors[0].line == 2);
  CHECK(nested.regions.size() == 1);
}

TEST_CASE("markers in fenced code, inline, or of the other tool are not markers") {
  const std::string doc =
      "Use `<!-- loopaudit:begin -->` like this:\n"
      "```md\n<!-- loopaudit:begin paths=\"x\" bogus=\"1\" -->\n<!-- loopaudit:end -->\n```\n"
      "<!-- composelint:begin files=\"compose.yaml\" -->\n<!-- composelint:end -->\n"
      "<!-- loopaudit:beginning -->\n";
  auto r = scan(doc);
  CHECK(r.errors.empty());
  CHECK(r.regions.empty());
  auto compose = find_regions("doc.md", doc, "composelint", std::vector<std::string_view>{"files"});
  CHECK(compose.errors.empty());
  REQUIRE(compose.regions.size() == 1);
  CHECK(compose.regions[0].begin_line == 6);
}

TEST_CASE("splice_regions replaces each body and nothing else; idempotent; keeps CRLF") {
  const std::string doc =
      "intro\n<!-- loopaudit:begin paths=\"a\" -->\nold a\n<!-- loopaudit:end -->\nmiddle\n"
      "<!-- loopaudit:begin paths=\"b\" -->\n<!-- loopaudit:end -->\ntail";
  auto r = scan(doc);
  REQUIRE(r.regions.size() == 2);
  std::vector<std::string> bodies{"A1\nA2\n", "B\n"};
  auto out = splice_regions(doc, r.regions, bodies);
  CHECK(out ==
        "intro\n<!-- loopaudit:begin paths=\"a\" -->\n\nA1\nA2\n\n<!-- loopaudit:end -->\nmiddle\n"
        "<!-- loopaudit:begin paths=\"b\" -->\n\nB\n\n<!-- loopaudit:end -->\ntail");
  auto again = scan(out);
  CHECK(splice_regions(out, again.regions, bodies) == out);
  std::vector<std::string> empty{"", ""};
  CHECK(splice_regions(doc, r.regions, empty).find("-->\n\n<!-- loopaudit:end -->\nmiddle") != std::string::npos);

  const std::string crlf = "a\r\n<!-- loopaudit:begin -->\r\nx\r\n<!-- loopaudit:end -->\r\n";
  auto c = scan(crlf);
  REQUIRE(c.regions.size() == 1);
  std::vector<std::string> one{"r1\nr2\n"};
  CHECK(splice_regions(crlf, c.regions, one) == "a\r\n<!-- loopaudit:begin -->\r\n\r\nr1\r\nr2\r\n\r\n<!-- loopaudit:end -->\r\n");
}
