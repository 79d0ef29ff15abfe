// Override merging across -f files (and documents of one file), as compose does it.
#include <doctest/doctest.h>

#include "compose/model.hpp"
#include "compose/memory_files.hpp"

using namespace boundaudit::compose;
using namespace boundaudit::compose::testing;

TEST_CASE("an override file replaces memory scalars and keeps the rest; values keep their file") {
  Project p = load({{"compose.yaml",
                     "services:\n"
                     "  web:\n"
                     "    image: nginx\n"
                     "    mem_limit: 1g\n"
                     "    mem_reservation: 256m\n"
                     "    deploy:\n"
                     "      replicas: 2\n"
                     "      resources:\n"
                     "        limits: {memory: 1g}\n"
                     "        reservations: {memory: 128m}\n"},
                    {"compose.override.yaml",
                     "services:\n"
                     "  web:\n"
                     "    mem_limit: 2g\n"
                     "    deploy:\n"
                     "      resources:\n"
                     "        limits:\n"
                     "          memory: 3g\n"}},
                   {"compose.yaml", "compose.override.yaml"});
  CHECK(errors_text(p) == "");
  CHECK(p.files == std::vector<std::string>{"compose.yaml", "compose.override.yaml"});
  REQUIRE(p.sources.size() == 2);
  const Service* web = find(p, "web");
  REQUIRE(web);
  CHECK(web->site.path == "compose.yaml");
  CHECK(web->site.line == 2);
  CHECK(show(web->mem_limit) == "2g@compose.override.yaml:3");
  CHECK(show(web->mem_reservation) == "256m@compose.yaml:5");
  CHECK(show(web->deploy_limit) == "3g@compose.override.yaml:7");
  CHECK(show(web->deploy_reservation) == "128m@compose.yaml:10");
  CHECK(show(web->replicas) == "2@compose.yaml:7");
}

TEST_CASE("services only in the override file join the project") {
  Project p = load({{"a.yaml", "services:\n  a: {mem_limit: 1g}\n"}, {"b.yaml", "services:\n  b: {mem_limit: 2g}\n"}},
                   {"a.yaml", "b.yaml"});
  REQUIRE(p.services.size() == 2);
  CHECK(p.services[0].name == "a");
  CHECK(p.services[1].name == "b");
  CHECK(p.services[1].site.path == "b.yaml");
}

TEST_CASE("!reset removes a value; !override replaces a mapping whole") {
  Project p = load({{"compose.yaml",
                     "services:\n"
                     "  web:\n"
                     "    mem_limit: 1g\n"
                     "    deploy:\n"
                     "      replicas: 3\n"
                     "      resources: {limits: {memory: 1g}, reservations: {memory: 512m}}\n"
                     "  db:\n"
                     "    mem_limit: 1g\n"
                     "    profiles: [a, b]\n"
                     "  gone:\n"
                     "    mem_limit: 1g\n"},
                    {"compose.override.yaml",
                     "services:\n"
                     "  web:\n"
                     "    mem_limit: !reset null\n"
                     "    deploy: !override\n"
                     "      resources:\n"
                     "        limits: {memory: 2g}\n"
                     "  db:\n"
                     "    profiles: !reset []\n"
                     "  gone: !reset\n"}},
                   {"compose.yaml", "compose.override.yaml"});
  CHECK(errors_text(p) == "");
  const Service* web = find(p, "web");
  REQUIRE(web);
  CHECK(show(web->mem_limit) == "<none>");
  CHECK(show(web->deploy_limit) == "2g@compose.override.yaml:6");
  CHECK(show(web->deploy_reservation) == "<none>");  // dropped with the rest of the old deploy
  CHECK(show(web->replicas) == "<none>");
  const Service* db = find(p, "db");
  REQUIRE(db);
  CHECK(db->profiles.empty());
  CHECK(find(p, "gone") == nullptr);
}

TEST_CASE("!override on limits keeps the sibling reservations") {
  Project p = load({{"a.yaml", "services:\n  s:\n    deploy:\n      resources:\n        limits: {memory: 1g, cpus: '1'}\n"
                               "        reservations: {memory: 1g}\n"},
                    {"b.yaml", "services:\n  s:\n    deploy:\n      resources:\n        limits: !override {cpus: '2'}\n"}},
                   {"a.yaml", "b.yaml"});
  const Service* s = find(p, "s");
  REQUIRE(s);
  CHECK(show(s->deploy_limit) == "<none>");
  CHECK(show(s->deploy_reservation) == "1g@a.yaml:6");
}

TEST_CASE("profiles are merged as a set union; x-composelint is replaced whole") {
  Project p = load({{"a.yaml", "services:\n  s:\n    profiles: [p1, p2]\n    x-composelint: {ignore: [CL001, CL003]}\n"},
                    {"b.yaml", "services:\n  s:\n    profiles: [p2, p3]\n    x-composelint:\n      ignore: [CL006]\n"}},
                   {"a.yaml", "b.yaml"});
  const Service* s = find(p, "s");
  REQUIRE(s);
  CHECK(s->profiles == std::vector<std::string>{"p1", "p2", "p3"});
  CHECK(s->ignored_codes == std::vector<std::string>{"CL006"});
  CHECK(s->ignore_site.path == "b.yaml");
  CHECK(s->ignore_site.line == 4);
}

TEST_CASE("documents of one file merge like -f files") {
  Project p = load_one("services:\n  s: {mem_limit: 1g, memswap_limit: 2g}\n---\nservices:\n  s: {mem_limit: 3g}\n  t: {}\n");
  CHECK(errors_text(p) == "");
  const Service* s = find(p, "s");
  REQUIRE(s);
  CHECK(show(s->mem_limit) == "3g@compose.yaml:5");
  CHECK(show(s->memswap_limit) == "2g@compose.yaml:2");
  CHECK(find(p, "t") != nullptr);
}

TEST_CASE("a null in the override file is a value that replaces") {
  Project p = load({{"a.yaml", "services:\n  s: {mem_limit: 1g}\n"}, {"b.yaml", "services:\n  s:\n    mem_limit:\n"}},
                   {"a.yaml", "b.yaml"});
  const Service* s = find(p, "s");
  REQUIRE(s);
  REQUIRE(s->mem_limit);
  CHECK(s->mem_limit->is_null);
  CHECK(s->mem_limit->site.path == "b.yaml");
}

TEST_CASE("merge keys through anchors feed memory limits") {
  Project p = load_one(
      "x-limits: &limits\n"
      "  mem_limit: 512m\n"
      "  deploy: {resources: {limits: {memory: 512m}}}\n"
      "x-big: &big\n"
      "  mem_limit: 4g\n"
      "services:\n"
      "  a:\n"
      "    <<: *limits\n"
      "  b:\n"
      "    <<: [*big, *limits]\n"
      "  c:\n"
      "    <<: *limits\n"
      "    mem_limit: 1g\n"
      "    deploy: {replicas: 2}\n");
  CHECK(errors_text(p) == "");
  CHECK(show(find(p, "a")->mem_limit) == "512m@compose.yaml:2");
  CHECK(show(find(p, "b")->mem_limit) == "4g@compose.yaml:5");
  CHECK(show(find(p, "b")->deploy_limit) == "512m@compose.yaml:3");
  CHECK(show(find(p, "c")->mem_limit) == "1g@compose.yaml:13");
  CHECK(show(find(p, "c")->deploy_limit) == "<none>");  // shallow: local deploy replaces the merged one
  CHECK(show(find(p, "c")->replicas) == "2@compose.yaml:14");
}
