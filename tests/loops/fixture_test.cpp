// Runs loopaudit over fixtures/loopaudit/* and matches inline expectations both ways:
//   `# expect: LA101`           a finding with this code on this line (several: `LA900, LA101`)
//   `# expect-bound: eof-guard` a site with this bound kind on this line (several: `none, none`)
// Every finding and every site must be expected, and every expectation met.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "loops/audit.hpp"
#include "loops/registry.hpp"

namespace fs = std::filesystem;
using namespace boundaudit;

namespace {

const fs::path kRoot = fs::path(BOUNDAUDIT_SOURCE_DIR) / "fixtures" / "loopaudit";

std::vector<Source> load(const std::vector<std::string>& folders) {
  std::vector<Source> out;
  for (const auto& folder : folders) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(kRoot / folder))
      if (e.path().extension() == ".py") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      auto r = read_source(f.string());
      REQUIRE(r.source);
      r.source->path = "fixtures/loopaudit/" + folder + "/" + f.filename().string();
      out.push_back(std::move(*r.source));
    }
  }
  return out;
}

// Words after `marker` on the line, up to the next '#'.
std::vector<std::string> words_after(std::string_view line, std::string_view marker) {
  std::vector<std::string> out;
  auto at = line.find(marker);
  if (at == std::string_view::npos) return out;
  auto rest = line.substr(at + marker.size());
  rest = rest.substr(0, rest.find('#'));
  std::string word;
  for (char c : std::string(rest) + " ") {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

using Key = std::pair<std::string, int>;  // path, line
using Bag = std::map<Key, std::vector<std::string>>;

void sort_bag(Bag& bag) {
  for (auto& [k, v] : bag) std::sort(v.begin(), v.end());
  std::erase_if(bag, [](const auto& kv) { return kv.second.empty(); });
}

std::string describe(const Bag& want, const Bag& got, std::string_view what) {
  std::string out;
  for (const auto& [key, codes] : want) {
    auto it = got.find(key);
    if (it == got.end() || it->second != codes) {
      out += "missing " + std::string(what) + " at " + key.first + ":" + std::to_string(key.second) + ":";
      for (auto& c : codes) out += " " + c;
      out += "\n";
    }
  }
  for (const auto& [key, codes] : got) {
    auto it = want.find(key);
    if (it == want.end() || it->second != codes) {
      out += "unexpected " + std::string(what) + " at " + key.first + ":" + std::to_string(key.second) + ":";
      for (auto& c : codes) out += " " + c;
      out += "\n";
    }
  }
  return out;
}

// Audits the folders with only `codes` selected (empty: all) and compares with the expectations.
void check(const std::vector<std::string>& folders, const std::vector<std::string>& codes, unsigned threads = 1) {
  auto sources = load(folders);
  REQUIRE_FALSE(sources.empty());
  loops::Config config;
  config.select = codes;
  auto result = loops::audit(sources, config, threads);
  CHECK(result.errors.empty());
  CHECK(result.files_scanned == static_cast<int>(sources.size()));

  Bag want_findings, got_findings, want_bounds, got_bounds;
  for (const auto& src : sources) {
    for (int line = 1;; ++line) {
      if (line > static_cast<int>(std::count(src.text.begin(), src.text.end(), '\n')) + 1) break;
      auto text = line_of(src.text, line);
      for (auto& code : words_after(text, "# expect:"))
        if (codes.empty() || std::find(codes.begin(), codes.end(), code) != codes.end())
          want_findings[{src.path, line}].push_back(code);
      for (auto& kind : words_after(text, "expect-bound:")) want_bounds[{src.path, line}].push_back(kind);
    }
  }
  for (const auto& f : result.findings) got_findings[{f.site.path, f.site.line}].push_back(f.code);
  for (const auto& s : result.sites)
    got_bounds[{s.site.path, s.site.line}].push_back(s.bound ? std::string(loops::to_string(s.bound->kind)) : "none");
  for (auto* bag : {&want_findings, &got_findings, &want_bounds, &got_bounds}) sort_bag(*bag);
  auto finding_diff = describe(want_findings, got_findings, "finding");
  auto bound_diff = describe(want_bounds, got_bounds, "site bound");
  CHECK_MESSAGE(finding_diff.empty(), finding_diff);
  CHECK_MESSAGE(bound_diff.empty(), bound_diff);
}

}  // namespace

TEST_CASE("each rule folder, that rule alone") {
  for (const auto& rule : loops::rules()) {
    std::string code(rule.code);
    CAPTURE(code);
    check({code}, {code});
  }
}

TEST_CASE("bound kinds, all rules") { check({"bounds"}, {}); }

TEST_CASE("every folder together, all rules, any thread count") {
  std::vector<std::string> all{"bounds"};
  for (const auto& rule : loops::rules()) all.emplace_back(rule.code);
  check(all, {}, 1);
  check(all, {}, 3);
}

TEST_CASE("the result does not depend on the thread count") {
  std::vector<std::string> all{"bounds"};
  for (const auto& rule : loops::rules()) all.emplace_back(rule.code);
  auto sources = load(all);
  auto one = loops::audit(sources, {}, 1);
  auto four = loops::audit(sources, {}, 4);
  CHECK(one.sites == four.sites);
  CHECK(one.findings == four.findings);
  CHECK(one.spawn_families == four.spawn_families);
}

TEST_CASE("partial and full parsing give the same result on every fixture") {
  std::vector<std::string> all{"bounds"};
  for (const auto& rule : loops::rules()) all.emplace_back(rule.code);
  auto sources = load(all);
  auto partial = loops::audit(sources, {}, 1, true);
  auto full = loops::audit(sources, {}, 1, false);
  CHECK(partial.sites == full.sites);
  CHECK(partial.findings == full.findings);
}
