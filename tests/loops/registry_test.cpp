#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "core/rule_docs.hpp"
#include "loops/inventory.hpp"
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

TEST_CASE("the README's bound-kind table lists every kind, and each kind a rule doc names exists") {
  std::ifstream in(std::filesystem::path(BOUNDAUDIT_SOURCE_DIR) / "README.md");
  std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto table = readme.find("### Bound kinds");
  REQUIRE(table != std::string::npos);
  for (const auto& k : loops::bound_kinds()) {
    CAPTURE(k.name);
    CHECK(readme.find("| `" + std::string(k.name) + "` |", table) != std::string::npos);
  }
  // Every `- `kind`:` item in a rule doc's list of bound kinds names a real kind.
  for (const auto& rule : loops::rules()) {
    auto full = rule_doc(rule.code);
    REQUIRE(full.has_value());
    auto doc = std::optional(full->substr(0, full->find("## References")));
    for (std::size_t at = doc->find("\n- `"); at != std::string_view::npos; at = doc->find("\n- `", at + 1)) {
      auto end = doc->find("`:", at + 4);
      if (end == std::string_view::npos || end - at > 20) continue;
      auto name = doc->substr(at + 4, end - at - 4);
      if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") != std::string_view::npos) continue;  // code, not a kind
      CAPTURE(rule.code);
      CAPTURE(name);
      CHECK(loops::parse_bound_kind(name).has_value());
    }
  }
}
