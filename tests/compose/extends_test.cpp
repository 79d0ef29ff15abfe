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
