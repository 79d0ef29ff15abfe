// Runs fixtures/composelint/<CODE>/ through load_project + audit with inline expectations
// (`# expect: CL001`) matched both ways: once with only <CODE> selected, once with all rules.
// See fixtures/composelint/README.md for the layout and the `# composelint-test:` options.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "compose/audit.hpp"
#include "compose/memory.hpp"
#include "compose/model.hpp"
#include "compose/registry.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;
namespace fs = std::filesystem;

namespace {

const fs::path kRoot = fs::path(BOUNDAUDIT_SOURCE_DIR) / "fixtures" / "composelint";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_yaml(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

// "path:line: CODE", the unit both sides are compared in.
using Key = std::string;
Key key(const std::string& path, int line, std::string_view code) {
  return fs::path(path).lexically_normal().string() + ":" + std::to_string(line) + ": " + std::string(code);
}

std::multiset<Key> expectations(const fs::path& file) {
  std::multiset<Key> out;
  std::istringstream in(read(file));
  std::string row;
  for (int line = 1; std::getline(in, row); ++line) {
    auto at = row.find("# expect:");
    if (at == std::string::npos) continue;
    std::string codes = row.substr(at + 9);
    for (auto& c : codes) if (c == ',') c = ' ';
    std::istringstream words(codes);
    for (std::string code; words >> code;) {
      if (code == "#") break;
      out.insert(key(file.string(), line, code));
    }
  }
  return out;
}

struct Case {
  std::string name;                  // for messages
  std::vector<std::string> files;    // LoadOptions::files
  std::vector<fs::path> expect_in;   // files whose `# expect:` lines belong to this project
  LoadOptions load;
  Options options;
};

void apply_test_options(const fs::path& first, Case& c) {
  std::istringstream in(read(first));
  std::string row;
  while (std::getline(in, row)) {
    auto at = row.find("# composelint-test:");
    if (at == std::string::npos) continue;
    std::istringstream words(row.substr(at + 19));
    for (std::string opt, value; words >> opt >> value;) {
      if (opt == "--memory-budget") {
        auto v = parse_memory(value);
        REQUIRE_MESSAGE(v, first.string() << ": bad --memory-budget " << value);
        c.options.budget = Budget{*v.bytes};
      } else if (opt == "--profile") {
        c.load.profiles.push_back(value);
      } else if (opt == "--env") {
        auto eq = value.find('=');
        REQUIRE(eq != std::string::npos);
        c.load.environment[value.substr(0, eq)] = value.substr(eq + 1);
      } else {
        FAIL(first.string() << ": unknown composelint-test option " << opt);
      }
    }
  }
}

std::vector<Case> cases_in(const fs::path& folder) {
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(folder)) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  std::vector<Case> out;
  for (const auto& p : entries) {
    Case c;
    c.name = p.lexically_relative(kRoot).string();
    if (fs::is_directory(p)) {
      c.files = discover_project_files(p.string());
      REQUIRE_MESSAGE(!c.files.empty(), c.name << ": no compose.yaml");
      for (const auto& f : fs::recursive_directory_iterator(p))
        if (is_yaml(f.path())) c.expect_in.push_back(f.path());
    } else if (is_yaml(p)) {
      c.files = {p.string()};
      c.expect_in = {p};
    } else {
      continue;
    }
    c.load.files = c.files;
    c.load.environment = {};  // hermetic: no process environment
    apply_test_options(c.files.front(), c);
    out.push_back(std::move(c));
  }
  return out;
}

void check_case(const Case& c, std::string_view only_code) {
  auto project = load_project(c.load);
  Options options = c.options;
  if (!only_code.empty()) options.select = {std::string(only_code)};
  auto result = audit(project, options);
  CAPTURE(c.name);
  CAPTURE(only_code);
  for (const auto& e : result.errors)
    FAIL_CHECK("input error: " << e.path << ":" << e.line.value_or(0) << ": " << e.message);

  std::multiset<Key> expected;
  for (const auto& f : c.expect_in)
    for (const auto& k : expectations(f))
      if (only_code.empty() || k.ends_with(": " + std::string(only_code))) expected.insert(k);
  std::multiset<Key> actual;
  std::map<Key, std::string> messages;
  for (const auto& f : result.findings) {
    auto k = key(f.site.path, f.site.line, f.code);
    actual.insert(k);
    messages[k] = f.message;
  }
  for (const auto& k : expected)
    if (actual.count(k) < expected.count(k)) FAIL_CHECK("missing finding " << k);
  for (const auto& k : actual)
    if (expected.count(k) < actual.count(k)) FAIL_CHECK("unexpected finding " << k << " " << messages[k]);
}

}  // namespace

TEST_CASE("every rule has a fixture folder with at least one expectation of its code") {
  for (const auto& rule : rule_table()) {
    auto folder = kRoot / std::string(rule.info->code);
    CAPTURE(rule.info->code);
    REQUIRE(fs::is_directory(folder));
    std::size_t n = 0;
    for (const auto& f : fs::recursive_directory_iterator(folder))
      if (is_yaml(f.path()))
        for (const auto& k : expectations(f.path())) n += k.ends_with(std::string(rule.info->code));
    CHECK(n > 0);
  }
}

TEST_CASE("fixtures: each folder with only its rule selected") {
  for (const auto& rule : rule_table()) {
    auto code = rule.info->code;
    for (const auto& c : cases_in(kRoot / std::string(code))) check_case(c, code);
  }
}

TEST_CASE("fixtures: every folder with all rules") {
  for (const auto& rule : rule_table())
    for (const auto& c : cases_in(kRoot / std::string(rule.info->code))) check_case(c, "");
}
