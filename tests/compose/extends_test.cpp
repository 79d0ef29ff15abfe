#include <doctest/doctest.h>

#include "compose/model.hpp"
#include "compose/memory_files.hpp"

using namespace boundaudit::compose;
using namespace boundaudit::compose::testing;

TEST_CASE("extends in the same file, both spellings, recursively") {
  Project p = load_one(
      "services:\n"
      "  base:\n"
      "    mem_limit: 1g\n"
      "    memswap_limit: 2g\n"
      "  mid:\n"
      "    extends: base\n"
      "    mem_reservation: 512m\n"
      "  top:\n"
      "    extends: {service: mid}\n"
      "    mem_limit: 1500m\n");
  CHECK(errors_text(p) == "");
  const Service* top = find(p, "top");
  REQUIRE(top);
  CHECK(top->site.line == 8);
  CHECK(show(top->mem_limit) == "1500m@compose.yaml:10");
  CHECK(show(top->memswap_limit) == "2g@compose.yaml:4");
  CHECK(show(top->mem_reservation) == "512m@compose.yaml:7");
  CHECK(show(find(p, "mid")->mem_limit) == "1g@compose.yaml:3");
}

TEST_CASE("extends from another file, relative to the extending file") {
  Project p = load({{"app/compose.yaml", "services:\n  web:\n    extends:\n      file: ../common/base.yaml\n      service: limited\n"},
                    {"common/base.yaml",
                     "services:\n  limited:\n    extends: {file: deeper.yaml, service: root}\n    mem_limit: 2g\n"},
                    {"common/deeper.yaml", "services:\n  root:\n    deploy: {replicas: 4}\n"}},
                   {"app/compose.yaml"});
  CHECK(errors_text(p) == "");
  REQUIRE(p.services.size() == 1);  // services of extended files do not join the project
  const Service& web = p.services[0];
  CHECK(show(web.mem_limit) == "2g@common/base.yaml:4");
  CHECK(show(web.replicas) == "4@common/deeper.yaml:3");
  CHECK(p.files == std::vector<std::string>{"app/compose.yaml", "common/base.yaml", "common/deeper.yaml"});
  CHECK(p.sources.size() == 3);
}

TEST_CASE("extends cycles are an error, not a hang") {
  Project p = load_one(
      "services:\n"
      "  a:\n"
      "    extends: b\n"
      "    mem_limit: 1g\n"
      "  b:\n"
      "    extends: a\n"
      "  self:\n"
      "    extends: self\n");
  REQUIRE(p.errors.size() == 2);
  CHECK(p.errors[0].line == 6);  // the extends that closes the cycle
  CHECK(p.errors[0].message == "extends cycle: a -> b -> a");
  CHECK(p.errors[1].message == "extends cycle: self -> self");
  CHECK(p.services.size() == 3);
}

TEST_CASE("cross-file extends cycles are found too") {
  Project p = load({{"a.yaml", "services:\n  x:\n    extends: {file: b.yaml, service: y}\n"},
                    {"b.yaml", "services:\n  y:\n    extends: {file: a.yaml, service: x}\n"}},
                   {"a.yaml"});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message.find("extends cycle") == 0);
}

TEST_CASE("extending a missing service or file") {
  Project p = load({{"compose.yaml", "services:\n  a:\n    extends: nope\n  b:\n    extends: {file: missing.yaml, service: x}\n"}},
                   {"compose.yaml"});
  CHECK(errors_text(p) ==
        "compose.yaml:3: service \"a\" extends \"nope\", which is not defined in compose.yaml\n"
        "compose.yaml:5: missing.yaml: no such file\n");
  CHECK(p.services.size() == 2);
}

TEST_CASE("an extending service's !reset drops the inherited value") {
  Project p = load_one("services:\n  base: {mem_limit: 1g, mem_reservation: 2g}\n  s:\n    extends: base\n    mem_reservation: !reset\n");
  const Service* s = find(p, "s");
  REQUIRE(s);
  CHECK(show(s->mem_limit) == "1g@compose.yaml:2");
  CHECK(show(s->mem_reservation) == "<none>");
}

TEST_CASE("long extends chains resolve in linear time") {
  std::string text = "services:\n  s0:\n    mem_limit: 1g\n";
  for (int i = 1; i < 3000; ++i)
    text += "  s" + std::to_string(i) + ":\n    extends: s" + std::to_string(i - 1) + "\n";
  Project p = load_one(text);
  CHECK(errors_text(p) == "");
  CHECK(show(find(p, "s2999")->mem_limit) == "1g@compose.yaml:3");
}

namespace {
// services s0 .. s{n-1}, each extending the next; the last one sets the limit.
std::string extends_chain(int n) {
  std::string text = "services:\n";
  for (int i = 0; i < n; ++i) {
    text += "  s" + std::to_string(i) + ":\n";
    text += i + 1 < n ? "    extends: s" + std::to_string(i + 1) + "\n" : "    mem_limit: 1g\n";
  }
  return text;
}
}  // namespace

TEST_CASE("a chain of 2,000 services each extending the next resolves without recursion") {
  // Resolved in name order, s0 comes first and needs all 1,999 bases below it (this overflowed the stack).
  Project p = load_one(extends_chain(2000));
  CHECK(errors_text(p) == "");
  REQUIRE(p.services.size() == 2000u);
  for (const auto& s : p.services) CHECK(show(s.mem_limit) == "1g@compose.yaml:4001");
}

TEST_CASE("a long chain that ends in a cycle is one error with the chain shortened") {
  std::string text = extends_chain(2000);
  text.replace(text.rfind("    mem_limit: 1g\n"), std::string::npos, "    extends: s1000\n");
  Project p = load_one(text);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].line == 4001);  // s1999's extends closes the cycle
  CHECK(p.errors[0].message == "extends cycle: s0 -> s1 -> s2 -> s3 -> s4 -> s5 -> ... (1989 more) -> s1995 -> s1996 "
                               "-> s1997 -> s1998 -> s1999 -> s1000");
  CHECK(p.services.size() == 2000u);
}
