#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "compose/registry.hpp"
#include "core/rule_docs.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;
namespace fs = std::filesystem;

namespace {
const fs::path kSource = BOUNDAUDIT_SOURCE_DIR;

// The rules/composelint/<CODE>_*.md doc of a code, or an empty path.
fs::path doc_path(std::string_view code) {
  for (const auto& entry : fs::directory_iterator(kSource / "rules" / "composelint")) {
    auto name = entry.path().filename().string();
    if (name.starts_with(std::string(code) + "_") && name.ends_with(".md")) return entry.path();
  }
  return {};
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("codes are unique and sorted, names kebab-case, summaries one line") {
  auto table = rule_table();
  REQUIRE(table.size() >= 9);
  std::set<std::string_view> codes, names;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& info = *table[i].info;
    CAPTURE(info.code);
    CHECK(codes.insert(info.code).second);
    CHECK(names.insert(info.name).second);
    if (i > 0) CHECK(table[i - 1].info->code < info.code);
    CHECK(info.code.starts_with("CL"));
    CHECK(info.code.size() == 5);
    for (char c : info.name) CHECK(((c >= 'a' && c <= 'z') || c == '-'));
    CHECK(!info.summary.empty());
    CHECK(info.summary.find('\n') == std::string_view::npos);
    CHECK(find_rule(info.code) == table[i].info);
    CHECK(rule_infos()[i].code == info.code);
  }
  CHECK(find_rule("CL999") == nullptr);
  CHECK(find_rule(kSuppressionCodes.invalid) != nullptr);
  CHECK(find_rule(kSuppressionCodes.unused) != nullptr);
}

TEST_CASE("the issue's codes, names and severities") {
  struct Row { std::string_view code, name; Severity severity; };
  const Row expected[] = {
      {"CL001", "missing-memory-limit", Severity::error},
      {"CL002", "invalid-memory-limit", Severity::error},
      {"CL003", "conflicting-memory-limits", Severity::warning},
      {"CL004", "reservation-exceeds-limit", Severity::error},
      {"CL005", "memswap-below-limit", Severity::error},
      {"CL006", "memory-budget-exceeded", Severity::error},
      {"CL007", "unresolved-limit-variable", Severity::warning},
      {"CL008", "oom-kill-disabled-without-limit", Severity::error},
      {"CL009", "unknown-key", Severity::error},
      {"CL900", "invalid-suppression", Severity::warning},
      {"CL901", "unused-suppression", Severity::warning},
  };
  for (const auto& row : expected) {
    CAPTURE(row.code);
    const RuleInfo* info = find_rule(row.code);
    REQUIRE(info);
    CHECK(info->name == row.name);
    CHECK(info->severity == row.severity);
  }
}

TEST_CASE("every code has its doc with the fixed sections, embedded, and a fixture folder") {
  const char* sections[] = {"## What it does", "## Why is this bad?", "## Example", "## Use instead",
                            "## Options", "## References"};
  for (const auto& rule : rule_table()) {
    auto code = rule.info->code;
    CAPTURE(code);
    auto path = doc_path(code);
    REQUIRE_MESSAGE(!path.empty(), "missing rules/composelint/" << code << "_*.md");
    // The doc's stem matches the rule's name (CL001_missing_memory_limit.md).
    std::string stem = std::string(code) + "_" + std::string(rule.info->name);
    for (auto& c : stem) if (c == '-') c = '_';
    CHECK(path.stem().string() == stem);
    if (rule.check) CHECK(fs::exists(path.parent_path() / (stem + ".cpp")));
    auto text = read(path);
    CHECK(text.starts_with("# " + std::string(code) + " " + std::string(rule.info->name)));
    std::size_t last = 0;
    for (const char* s : sections) {
      CAPTURE(s);
      auto at = text.find(std::string("\n") + s + "\n");
      REQUIRE(at != std::string::npos);
      CHECK(at > last);  // in order
      last = at;
    }
    auto embedded = rule_doc(code);
    REQUIRE(embedded);
    CHECK(*embedded == text);
    CHECK(fs::is_directory(kSource / "fixtures" / "composelint" / std::string(code)));
  }
}
