#include <doctest/doctest.h>

#include "compose/model.hpp"
#include "compose/memory_files.hpp"

using namespace boundaudit::compose;
using namespace boundaudit::compose::testing;

TEST_CASE("included projects' services join, paths relative to the including file") {
  Project p = load({{"compose.yaml", "include:\n  - db/compose.yaml\n  - path: [cache/c.yaml, cache/c.override.yaml]\n"
                                     "services:\n  web: {mem_limit: 1g}\n"},
                    {"db/compose.yaml", "services:\n  db:\n    mem_limit: ${DB_MEM}\n"},
                    {"db/.env", "DB_MEM=3g\n"},
                    {"cache/c.yaml", "services:\n  cache: {mem_limit: 1g}\n"},
                    {"cache/c.override.yaml", "services:\n  cache: {mem_limit: 2g}\n"}},
                   {"compose.yaml"});
  CHECK(errors_text(p) == "");
  REQUIRE(p.services.size() == 3);
  CHECK(show(find(p, "db")->mem_limit) == "3g@db/compose.yaml:3");  // from the included project's .env
  CHECK(show(find(p, "cache")->mem_limit) == "2g@cache/c.override.yaml:2");
  CHECK(p.files == std::vector<std::string>{"compose.yaml", "db/compose.yaml", "cache/c.yaml", "cache/c.override.yaml"});
}

TEST_CASE("include cycles are an error, not a hang") {
  Project p = load({{"a.yaml", "include: [b.yaml]\nservices:\n  a: {}\n"},
                    {"b.yaml", "include:\n  - path: a.yaml\nservices:\n  b: {}\n"}},
                   {"a.yaml"});
  CHECK(errors_text(p) == "b.yaml:2: include cycle: a.yaml -> b.yaml -> a.yaml\n");
  CHECK(p.services.size() == 2);
  Project self = load({{"a.yaml", "include: [./a.yaml]\n"}}, {"a.yaml"});
  CHECK(errors_text(self) == "a.yaml:1: include cycle: a.yaml -> a.yaml\n");
}

TEST_CASE("an included service that clashes with a local one is an error; the local one stays") {
  Project p = load({{"compose.yaml", "include: [other.yaml]\nservices:\n  s: {mem_limit: 1g}\n"},
                    {"other.yaml", "services:\n  s: {mem_limit: 9g}\n"}},
                   {"compose.yaml"});
  CHECK(errors_text(p) == "compose.yaml:1: included file other.yaml defines service \"s\", which is already defined\n");
  CHECK(show(find(p, "s")->mem_limit) == "1g@compose.yaml:3");
}

TEST_CASE("the same file included twice through two paths is not a clash") {
  Project p = load({{"compose.yaml", "include: [a.yaml, b.yaml]\n"},
                    {"a.yaml", "include: [common.yaml]\nservices:\n  a: {}\n"},
                    {"b.yaml", "include: [common.yaml]\nservices:\n  b: {}\n"},
                    {"common.yaml", "services:\n  common: {}\n"}},
                   {"compose.yaml"});
  CHECK(errors_text(p) == "");
  CHECK(p.services.size() == 3);
}

TEST_CASE("a service may extend an included one") {
  Project p = load({{"compose.yaml", "include: [base.yaml]\nservices:\n  web:\n    extends: base\n"},
                    {"base.yaml", "services:\n  base: {mem_limit: 1g}\n"}},
                   {"compose.yaml"});
  CHECK(errors_text(p) == "");
  CHECK(show(find(p, "web")->mem_limit) == "1g@base.yaml:2");
}

TEST_CASE("a missing included file is reported with the including line") {
  Project p = load({{"compose.yaml", "include:\n  - nope.yaml\nservices:\n  s: {}\n"}}, {"compose.yaml"});
  CHECK(errors_text(p) == "compose.yaml:2: nope.yaml: no such file\n");
  CHECK(p.services.size() == 1);
}

TEST_CASE("include env_file: used for the included project; a missing one is reported at the include") {
  Project p = load({{"compose.yaml", "include:\n  - path: sub/c.yaml\n    env_file: sub/vars.env\n"
                                     "  - path: sub/d.yaml\n    env_file: [nope.env]\n"},
                    {"sub/c.yaml", "services:\n  c:\n    mem_limit: ${C_MEM}\n"},
                    {"sub/d.yaml", "services:\n  d: {}\n"},
                    {"sub/vars.env", "C_MEM=5g\n"}},
                   {"compose.yaml"});
  CHECK(errors_text(p) == "compose.yaml:4: nope.env: no such file\n");
  CHECK(show(find(p, "c")->mem_limit) == "5g@sub/c.yaml:3");
  CHECK(find(p, "d") != nullptr);
}

namespace {
// Level k has a{k}.yaml and b{k}.yaml; each includes both files of level k + 1 (a diamond per level).
std::map<std::string, std::string> include_diamond(int levels) {
  std::map<std::string, std::string> files{{"compose.yaml", "include: [a1.yaml, b1.yaml]\n"}};
  for (int k = 1; k <= levels; ++k)
    for (std::string n : {"a", "b"}) {
      std::string text;
      if (k < levels) text += "include: [a" + std::to_string(k + 1) + ".yaml, b" + std::to_string(k + 1) + ".yaml]\n";
      text += "services:\n  " + n + std::to_string(k) + ": {mem_limit: 1g}\n";
      files[n + std::to_string(k) + ".yaml"] = text;
    }
  return files;
}
}  // namespace

TEST_CASE("include diamonds are linear: every file (and .env) is read once") {
  for (int levels : {12, 40}) {
    CAPTURE(levels);
    std::map<std::string, int> reads;  // path -> times read
    LoadOptions o;
    o.files = {"compose.yaml"};
    o.read = [files = include_diamond(levels), &reads](const std::string& path) -> boundaudit::ReadResult {
      ++reads[path];
      auto it = files.find(path);
      if (it == files.end()) return {{}, boundaudit::InputError{path, std::nullopt, "no such file"}};
      return {boundaudit::Source{path, it->second}, {}};
    };
    Project p = load_project(o);
    CHECK(errors_text(p) == "");
    CHECK(p.services.size() == static_cast<std::size_t>(2 * levels));
    CHECK(reads.size() == static_cast<std::size_t>(2 * levels + 2));  // the files and one .env
    for (const auto& read : reads) {
      CAPTURE(read.first);  // not a structured binding: clang 14 cannot capture one in CAPTURE's lambda
      CHECK(read.second == 1);  // was 2^levels for the .env, and time to match
    }
  }
}

TEST_CASE("include nesting deeper than 64 files is an error naming the chain") {
  std::map<std::string, std::string> files;
  for (int i = 0; i < 70; ++i)
    files["f" + std::to_string(i) + ".yaml"] = "include: [f" + std::to_string(i + 1) + ".yaml]\nservices:\n  s" +
                                                std::to_string(i) + ": {mem_limit: 1g}\n";
  files["f70.yaml"] = "services:\n  s70: {mem_limit: 1g}\n";
  Project p = load(files, {"f0.yaml"});
  CHECK(errors_text(p) ==
        "f63.yaml:1: include nesting deeper than 64 files: f0.yaml -> f1.yaml -> f2.yaml -> f3.yaml -> f4.yaml -> "
        "f5.yaml -> ... (53 more) -> f59.yaml -> f60.yaml -> f61.yaml -> f62.yaml -> f63.yaml -> f64.yaml\n");
  CHECK(p.services.size() == 64u);  // s0 .. s63
}
