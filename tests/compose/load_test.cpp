// load_project end to end: interpolation and .env, profiles, replicas, x-* keys, and bad input.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "compose/model.hpp"
#include "compose/memory_files.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;
using namespace boundaudit::compose::testing;

TEST_CASE("interpolation in memory fields, with is_string and unset variables") {
  Project p = load_one(
      "services:\n"
      "  s:\n"
      "    mem_limit: ${MEM:-4g}\n"
      "    mem_reservation: \"${RES}\"\n"
      "    memswap_limit: $$5\n"
      "    deploy:\n"
      "      resources:\n"
      "        limits:\n"
      "          memory: ${LIMIT}\n",
      {{"LIMIT", "2g"}});
  CHECK(errors_text(p) == "");
  const Service* s = find(p, "s");
  REQUIRE(s);
  CHECK(s->mem_limit->text == "4g");
  CHECK_FALSE(s->mem_limit->is_string);
  CHECK(s->mem_limit->unset_variables.empty());
  CHECK(s->mem_reservation->text == "");
  CHECK(s->mem_reservation->is_string);
  CHECK(s->mem_reservation->unset_variables == std::vector<std::string>{"RES"});
  CHECK(s->memswap_limit->text == "$5");
  CHECK(show(s->deploy_limit) == "2g@compose.yaml:9");
}

TEST_CASE("${VAR:?err} unset is an input error with file and line") {
  Project p = load_one("services:\n  s:\n    mem_limit: ${MEM:?set MEM to the job's size}\n");
  CHECK(errors_text(p) ==
        "compose.yaml:3: services.s.mem_limit: required variable MEM is missing a value: set MEM to the job's size\n");
  const Service* s = find(p, "s");
  REQUIRE(s);
  REQUIRE(s->mem_limit);
  CHECK(s->mem_limit->unset_variables == std::vector<std::string>{"MEM"});
}

TEST_CASE(".env beside the first file; the environment wins; --env-file replaces it") {
  std::map<std::string, std::string> files{
      {"proj/compose.yaml", "services:\n  s:\n    mem_limit: ${A}\n    mem_reservation: ${B}\n"},
      {"proj/.env", "A=1g\nB=2g\n"},
      {"other.env", "A=7g\n"}};
  Project p = load(files, {"proj/compose.yaml"}, {{"B", "3g"}});
  CHECK(errors_text(p) == "");
  CHECK(find(p, "s")->mem_limit->text == "1g");
  CHECK(find(p, "s")->mem_reservation->text == "3g");
  CHECK(p.files == std::vector<std::string>{"proj/compose.yaml"});  // .env is not a compose file

  LoadOptions o;
  o.files = {"proj/compose.yaml"};
  o.env_file = "other.env";
  o.read = memory_reader(files);
  Project q = load_project(o);
  CHECK(find(q, "s")->mem_limit->text == "7g");
  CHECK(find(q, "s")->mem_reservation->unset_variables == std::vector<std::string>{"B"});

  o.env_file = "missing.env";
  Project r = load_project(o);
  CHECK(errors_text(r) == "missing.env:-: no such file\n");
}

TEST_CASE("a broken .env is reported with its line") {
  Project p = load({{"compose.yaml", "services:\n  s: {}\n"}, {".env", "OK=1\nBAD=\"open\n"}}, {"compose.yaml"});
  CHECK(errors_text(p) == ".env:2: unterminated quoted value (missing \")\n");
  CHECK(p.services.size() == 1);
}

TEST_CASE("profiles: every service is loaded; active are those without a profile and those of the selected ones") {
  std::string text =
      "services:\n"
      "  always: {}\n"
      "  debug:\n    profiles: [debug]\n"
      "  tools:\n    profiles: [tools, debug]\n"
      "  batch:\n    profiles: [\"${BATCH_PROFILE:-batch}\"]\n";
  auto active = [](const Project& p) {
    std::vector<std::string> out;
    for (const auto& s : p.services)
      if (s.active) out.push_back(s.name);
    return out;
  };
  using V = std::vector<std::string>;
  Project none = load_one(text);  // compose's default: no profile selected
  CHECK(none.services.size() == 4);
  CHECK(active(none) == V{"always"});
  CHECK(none.profiles == V{"batch", "debug", "tools"});
  CHECK(find(none, "batch")->profiles == V{"batch"});
  Project debug = load({{"compose.yaml", text}}, {"compose.yaml"}, {}, {"debug"});
  CHECK(debug.services.size() == 4);
  CHECK(active(debug) == V{"always", "debug", "tools"});
  Project batch = load({{"compose.yaml", text}}, {"compose.yaml"}, {}, {"batch", "nope"});
  CHECK(active(batch) == V{"always", "batch"});
  Project all = load({{"compose.yaml", text}}, {"compose.yaml"}, {}, {"*"});
  CHECK(active(all) == V{"always", "batch", "debug", "tools"});
}

TEST_CASE("replicas come from deploy.replicas, else scale") {
  Project p = load_one(
      "services:\n"
      "  a:\n    deploy: {replicas: 3}\n"
      "  b:\n    scale: 2\n"
      "  c:\n    scale: 5\n    deploy:\n      replicas: 4\n"
      "  d: {}\n");
  CHECK(show(find(p, "a")->replicas) == "3@compose.yaml:3");
  CHECK(show(find(p, "b")->replicas) == "2@compose.yaml:5");
  CHECK(show(find(p, "c")->replicas) == "4@compose.yaml:9");
  CHECK(show(find(p, "d")->replicas) == "<none>");
}

TEST_CASE("x-* keys: top level is not a service; inside a service only x-composelint counts") {
  Project p = load_one(
      "x-common: &common\n  mem_limit: 1g\n"
      "services:\n"
      "  s:\n"
      "    <<: *common\n"
      "    x-notes: {mem_limit: 99g}\n"
      "    x-composelint:\n"
      "      ignore: [CL001, CL006]\n"
      "  t:\n"
      "    x-composelint: {ignore: CL003}\n");
  CHECK(errors_text(p) == "");
  REQUIRE(p.services.size() == 2);
  const Service* s = find(p, "s");
  CHECK(show(s->mem_limit) == "1g@compose.yaml:2");
  CHECK(s->ignored_codes == std::vector<std::string>{"CL001", "CL006"});
  CHECK(s->ignore_site.line == 7);
  CHECK(find(p, "t")->ignored_codes == std::vector<std::string>{"CL003"});
}

TEST_CASE("bad input: services as a list, as null; a service as a scalar") {
  Project list = load_one("services:\n  - web\n  - db\n");
  CHECK(errors_text(list) == "compose.yaml:2: services must be a mapping of service names to services, not a list\n");
  CHECK(list.services.empty());
  Project null = load_one("services:\n");
  CHECK(errors_text(null) == "compose.yaml:1: services: is empty; expected a mapping of service names to services\n");
  Project scalar = load_one("services:\n  web: nginx\n  db:\n    mem_limit: 1g\n  empty:\n");
  CHECK(errors_text(scalar) == "compose.yaml:2: service \"web\" must be a mapping, not a scalar\n");
  REQUIRE(scalar.services.size() == 2);  // the rest still loads; `empty:` is an empty service, as in compose
  CHECK(scalar.services[0].name == "db");
  CHECK(scalar.services[1].name == "empty");
  Project top = load_one("- a\n- b\n");
  CHECK(errors_text(top) == "compose.yaml:1: the top level of a compose file must be a mapping, not a list\n");
  Project deploy = load_one("services:\n  s:\n    mem_limit: [1g]\n    deploy: 3\n");
  CHECK(errors_text(deploy) ==
        "compose.yaml:3: services.s.mem_limit must be a single value, not a list\n"
        "compose.yaml:4: services.s.deploy must be a mapping, not a scalar\n");
}

TEST_CASE("bad input: malformed YAML, duplicate keys") {
  Project broken = load_one("services:\n  web:\n    mem_limit: [1g\n  db: {}\n");
  REQUIRE(broken.errors.size() == 1);
  CHECK(broken.errors[0].path == "compose.yaml");
  CHECK(broken.errors[0].line.has_value());
  CHECK(broken.errors[0].message.rfind("invalid YAML: ", 0) == 0);
  CHECK(broken.services.empty());
  CHECK(broken.sources.size() == 1);  // the text is still there for the report's source lines

  Project dup = load_one("services:\n  web: {mem_limit: 1g}\n  web: {mem_limit: 2g}\n");
  CHECK(errors_text(dup) == "compose.yaml:3: duplicate key \"web\" (first at line 2)\n");
  CHECK(show(find(dup, "web")->mem_limit) == "1g@compose.yaml:2");
}

TEST_CASE("bad input: missing file, unreadable file, non-UTF-8, binary") {
  Project missing = load({}, {"nope.yaml"});
  CHECK(errors_text(missing) == "nope.yaml:-: no such file\n");
  CHECK(missing.files == std::vector<std::string>{"nope.yaml"});
  Project latin1 = load({{"compose.yaml", "services:\n  caf\xe9: {}\n"}}, {"compose.yaml"});
  CHECK(errors_text(latin1) == "compose.yaml:2: not a UTF-8 text file (binary data or another encoding)\n");
  Project binary = load({{"compose.yaml", std::string("\x7f" "ELF\0\0\x01", 7)}}, {"compose.yaml"});
  CHECK(errors_text(binary) == "compose.yaml:1: not a UTF-8 text file (binary data or another encoding)\n");
  Project none = load({}, {});
  CHECK(errors_text(none) == ":-: no compose file given\n");
}

TEST_CASE("bad input in one -f file does not stop the others") {
  Project p = load({{"a.yaml", "services:\n  a: {mem_limit: 1g}\n"}, {"b.yaml", "services: [\n"},
                    {"c.yaml", "services:\n  c: {mem_limit: 1g}\n"}},
                   {"a.yaml", "b.yaml", "c.yaml"});
  CHECK(p.errors.size() == 1);
  CHECK(p.services.size() == 2);
}

TEST_CASE("disk: directories, huge files and missing files through disk_reader") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("boundaudit_load_test_" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  {
    std::ofstream big(dir / "big.yaml");
    std::string line = "# " + std::string(1000, 'x') + "\n";
    for (int i = 0; i < 20000; ++i) big << line;  // ~20 MB
  }
  LoadOptions o;
  o.files = {(dir / "sub").string()};
  Project d = load_project(o);
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].message == "is a directory, not a file");
  o.files = {(dir / "big.yaml").string()};
  Project big = load_project(o);
  REQUIRE(big.errors.size() == 1);
  CHECK(big.errors[0].message.rfind("file too large", 0) == 0);
  fs::remove_all(dir);
}

TEST_CASE("alias bombs in a service finish fast: only the fields composelint reads are walked") {
  std::string text = "x-lol: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 40; ++i) {
    text += "x-l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += std::string(j ? ", " : "") + "*l" + std::to_string(i - 1);
    text += "]\n";
  }
  text += "services:\n  s:\n    environment: *l40\n    command: *l40\n    mem_limit: 1g\n";
  Project p = load({{"a.yaml", text}, {"b.yaml", text}}, {"a.yaml", "b.yaml"});  // and merged over itself
  CHECK(errors_text(p) == "");
  REQUIRE(p.services.size() == 1);
  CHECK(show(p.services[0].mem_limit) == "1g@b.yaml:" + std::to_string(41 + 5));
}

TEST_CASE("100k-deep nesting is an input error, not a stack overflow") {
  std::string text = "services:\n  s:\n    command: " + std::string(100000, '[') + "\n";
  Project p = load_one(text);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].line == 3);
  CHECK(p.errors[0].message.find("nesting deeper than 400") != std::string::npos);
  std::string dashes;
  for (int i = 0; i < 100000; ++i) dashes += "- ";
  Project q = load_one(dashes + "x\n");
  REQUIRE(q.errors.size() == 1);
  CHECK(q.errors[0].message.find("nesting") != std::string::npos);
}

TEST_CASE("5,000 services load in well under a second") {
  std::string text = "x-limits: &limits\n  mem_limit: 256m\nservices:\n";
  for (int i = 0; i < 5000; ++i)
    text += "  svc" + std::to_string(i) + ":\n    <<: *limits\n    image: busybox\n    deploy: {replicas: 2}\n";
  auto start = std::chrono::steady_clock::now();
  Project p = load_one(text);
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(p.errors.empty());
  CHECK(p.services.size() == 5000u);
  MESSAGE("5000 services: " << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms");
}

TEST_CASE("discover_project_files and project_files_for") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("boundaudit_discover_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto touch = [&](const std::string& name) { std::ofstream(dir / name) << "services: {}\n"; };
  auto at = [&](const std::string& name) { return (dir / name).string(); };
  CHECK(discover_project_files(dir.string()).empty());
  touch("docker-compose.yml");
  CHECK(discover_project_files(dir.string()) == std::vector<std::string>{at("docker-compose.yml")});
  touch("docker-compose.override.yml");
  touch("compose.yaml");
  // compose-go looks the override names up on their own: docker-compose.override.yml joins compose.yaml.
  CHECK(discover_project_files(dir.string()) ==
        std::vector<std::string>{at("compose.yaml"), at("docker-compose.override.yml")});
  touch("compose.override.yaml");
  CHECK(discover_project_files(dir.string()) ==
        std::vector<std::string>{at("compose.yaml"), at("compose.override.yaml")});

  CHECK(project_files_for(at("compose.yaml")) == std::vector<std::string>{at("compose.yaml"), at("compose.override.yaml")});
  CHECK(project_files_for(at("compose.override.yaml")) ==
        std::vector<std::string>{at("compose.yaml"), at("compose.override.yaml")});
  CHECK(project_files_for(at("docker-compose.override.yml")) ==
        std::vector<std::string>{at("docker-compose.yml"), at("docker-compose.override.yml")});
  touch("stack.override.yaml");
  CHECK(project_files_for(at("stack.override.yaml")).empty());  // no stack.yaml: nothing to merge into
  touch("stack.yml");
  CHECK(project_files_for(at("stack.override.yaml")) == std::vector<std::string>{at("stack.yml"), at("stack.override.yaml")});
  CHECK(project_files_for(at("stack.yml")) == std::vector<std::string>{at("stack.yml"), at("stack.override.yaml")});
  CHECK(project_files_for(at("alone.yaml")) == std::vector<std::string>{at("alone.yaml")});
  fs::remove_all(dir);
}

namespace {
std::string services_text(int first, int count) {
  std::string text = "services:\n";
  for (int i = first; i < first + count; ++i) text += "  s" + std::to_string(i) + ": {mem_limit: 1g}\n";
  return text;
}
}  // namespace

TEST_CASE("a file with more than 10,000 services is refused before any is built") {
  Project ok = load_one(services_text(0, 10000));
  CHECK(errors_text(ok) == "");
  CHECK(ok.services.size() == 10000u);
  Project big = load_one(services_text(0, 10001));
  CHECK(errors_text(big) ==
        "compose.yaml:2: 10001 services, more than the limit of 10000 a project; refusing to lint a file this large\n");
  CHECK(big.services.empty());
}

TEST_CASE("the service, node and byte limits hold for a whole project, not per file") {
  Project services = load({{"a.yaml", services_text(0, 6000)}, {"b.yaml", services_text(6000, 6000)}},
                          {"a.yaml", "b.yaml"});
  CHECK(errors_text(services) ==
        "a.yaml:-: the project has 12000 services, more than the limit of 10000 a project; refusing to lint a "
        "project this large\n");
  CHECK(services.services.empty());

  std::string list = "x-data: [";  // 200,002 nodes a file
  for (int i = 0; i < 200000; ++i) list += "1,";
  list += "1]\n";
  Project nodes = load({{"a.yaml", list}, {"b.yaml", list}, {"c.yaml", list + "services:\n  c: {}\n"}},
                       {"a.yaml", "b.yaml", "c.yaml"});
  CHECK(errors_text(nodes) ==
        "c.yaml:1: the project's files hold more than 524288 YAML nodes together; refusing to load more\n");
  CHECK(nodes.services.empty());

  std::string comments;
  while (comments.size() < (4u << 20) - 100) comments += "# " + std::string(97, 'x') + "\n";
  comments.replace(0, 100, "x-a: " + std::string(94, 'x') + "\n");  // content: an empty file is an error of its own
  Project bytes = load({{"a.yaml", comments}, {"b.yaml", comments}, {"c.yaml", comments}, {"d.yaml", comments},
                        {"e.yaml", "services:\n  e: {}\n"}},
                       {"a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"});
  CHECK(errors_text(bytes) ==
        "e.yaml:-: e.yaml: the project's files add up to more than 16777216 bytes; refusing to read more\n");
}

TEST_CASE("depends_on: an active service requiring a service of a profile not enabled is refused, as in compose") {
  std::string text =
      "services:\n"
      "  web:\n"
      "    depends_on: [api]\n"
      "  api:\n"
      "    depends_on:\n"
      "      db: {condition: service_healthy}\n"
      "      mock: {required: false}\n"
      "  db:\n"
      "    profiles: [dev]\n"
      "  mock:\n"
      "    profiles: [dev]\n"
      "  admin:\n"
      "    profiles: [debug]\n"
      "    depends_on: [db]\n";
  Project none = load_one(text);
  CHECK(errors_text(none) ==
        "compose.yaml:6: service \"api\" depends on \"db\", whose profile (dev) is not enabled: docker compose refuses "
        "this project (enable the profile, or mark the dependency required: false)\n");
  REQUIRE(find(none, "api")->depends_on.size() == 2);
  CHECK(!find(none, "api")->depends_on[1].required);  // mock, sorted by name
  CHECK(errors_text(load({{"compose.yaml", text}}, {"compose.yaml"}, {}, {"dev"})).empty());
  // admin (debug) needs db (dev): enabling debug alone is refused too; debug and dev together are fine.
  auto debug = errors_text(load({{"compose.yaml", text}}, {"compose.yaml"}, {}, {"debug"}));
  CHECK(debug.find("compose.yaml:14: service \"admin\" depends on \"db\"") != std::string::npos);
  CHECK(errors_text(load({{"compose.yaml", text}}, {"compose.yaml"}, {}, {"dev", "debug"})).empty());
  CHECK(errors_text(load({{"compose.yaml", text}}, {"compose.yaml"}, {}, {"*"})).empty());
  // A later file can lift the requirement, or reset the list.
  Project lifted = load({{"compose.yaml", text}, {"b.yaml", "services:\n  api:\n    depends_on:\n      db: {required: false}\n"}},
                        {"compose.yaml", "b.yaml"});
  CHECK(errors_text(lifted).empty());
  Project reset = load({{"compose.yaml", text}, {"b.yaml", "services:\n  api:\n    depends_on: !reset []\n"}},
                       {"compose.yaml", "b.yaml"});
  CHECK(errors_text(reset).empty());
  CHECK(find(reset, "api")->depends_on.empty());
}
