#include <doctest/doctest.h>

#include <string>

#include "compose/yaml_comments.hpp"

using namespace boundaudit::compose;

namespace {
// The comments' texts.
std::vector<std::string> comments(std::string_view text) {
  std::vector<std::string> out;
  for (auto [at, length] : yaml_comments(text)) out.emplace_back(text.substr(at, length));
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("comments at the start of a line and after a blank") {
  CHECK(comments("# a\nk: v  # b\nk2: v#not\n  # c") == V{"# a", "# b", "# c"});
}

TEST_CASE("a # inside quoted scalars, also over several lines, is text") {
  CHECK(comments("a: \"x # composelint: ignore[CL001]\"  # real\n") == V{"# real"});
  CHECK(comments("a: 'it''s # no'\nb: \"multi\n  # still text\n  end\" # yes\n") == V{"# yes"});
  CHECK(comments("- \"q\\\" # no\" # yes\n") == V{"# yes"});
}

TEST_CASE("an apostrophe inside a plain scalar opens no quote") {
  CHECK(comments("a: it's # yes\nb: x # yes2\n") == V{"# yes", "# yes2"});
}

TEST_CASE("block scalar content is text; the header's own comment and the lines after it are comments") {
  std::string text =
      "services:\n"
      "  a:\n"
      "    command: |  # header comment\n"
      "      echo hi # composelint: ignore[CL001]\n"
      "\n"
      "      # still content\n"
      "    image: x  # after\n";
  CHECK(comments(text) == V{"# header comment", "# after"});
  CHECK(comments("k: >-\n  # text\n# top\n") == V{"# top"});
}
