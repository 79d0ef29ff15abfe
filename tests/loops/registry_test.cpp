#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "core/rule_docs.hpp"
#include "loops/registry.hpp"

using namespace boundaudit;

TEST_CASE("codes are unique, sorted, and names are kebab-case") {
  auto rules = loops::rules();
  REQUIRE(rules.size() >= 6);
  std::set<std::string_view> codes, names;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    CAPTURE(rules[i].code);
    CHECK(codes.insert(rules[i].code).second);
    CHECK(names.insert(rules[i].name).second);
    if (i > 0) CHECK(rules[i - 1].code < rules[i].code);
    CHECK(rules[i].code.starts_with("LA"));
    CHECK(rules[i].name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string_view::npos);
    CHECK_FALSE(rules[i].summary.empty());
    CHECK(loops::find_rule(rules[i].code) == &rules[i]);
  }
  CHECK(loops::find_rule("LA999") == nullptr);
  CHECK(loops::find_rule("LA101")->severity == Severity::error);
  CHECK(loops::find_rule("LA201")->severity == Severity::warning);
  CHECK(loops::find_rule("LA301")->severity == Severity::warning);
  CHECK(loops::find_rule("LA001")->severity == Severity::note);
}

TEST_CASE("every rule has a doc with the fixed sections, in order, and a fixture folder") {
  const char* sections[] = {"## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Options",
                            "## References"};
  for (const auto& rule : loops::rules()) {
    CAPTURE(rule.code);
    auto doc = rule_doc(rule.code);
    REQUIRE(doc.has_value());
    std::size_t at = 0;
    for (const char* s : sections) {
      CAPTURE(s);
      auto found = doc->find(s, at);
      CHECK(found != std::string_view::npos);
      if (found != std::string_view::npos) at = found;
    }
    CHECK(doc->find(rule.name) != std::string_view::npos);
    auto folder = std::filesystem::path(BOUNDAUDIT_SOURCE_DIR) / "fixtures" / "loopaudit" / std::string(rule.code);
    CHECK(std::filesystem::is_directory(folder));
  }
}
