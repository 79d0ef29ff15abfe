// plan_invocation and unknown_profiles (lib/compose/invocation.cpp): the command line and the
// environment (COMPOSE_FILE, COMPOSE_PATH_SEPARATOR, COMPOSE_PROFILES, .env) -> projects and profiles.
#include <doctest/doctest.h>

#include "compose/invocation.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;
using V = std::vector<std::string>;

namespace {

struct Dir : testing::TempDir {
  std::string touch(const std::string& name) const { return file(name, "services: {}\n"); }
  Invocation in() const {
    Invocation i;
    i.working_directory = path();
    return i;
  }
};

std::string messages(const InvocationPlan& plan) {
  std::string out;
  for (const auto& e : plan.errors) out += e.path + ": " + e.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("COMPOSE_PROFILES is split on commas, blanks trimmed, empty entries dropped") {
  CHECK(split_profiles("a, b ,,c,a") == V{"a", "b", "c"});
  CHECK(split_profiles("").empty());
  CHECK(split_profiles(" * ") == V{"*"});
}

TEST_CASE("no arguments: the project in the working directory, no profile selected") {
  Dir d;
  auto base = d.touch("compose.yaml");
  auto plan = plan_invocation(d.in());
  CHECK(messages(plan) == "");
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0].files == V{base});
  CHECK(plan.projects[0].profiles == ProfileSelection{});
}

TEST_CASE("COMPOSE_FILE replaces discovery: split on COMPOSE_PATH_SEPARATOR, relative to the working directory") {
  Dir d;
  d.touch("compose.yaml");
  auto a = d.touch("stack/base.yml");
  auto b = d.touch("stack/prod.yml");
  auto i = d.in();
  i.environment["COMPOSE_FILE"] = "stack/base.yml:" + b;  // relative and absolute entries
  auto plan = plan_invocation(i);
  CHECK(messages(plan) == "");
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0].files == V{a, b});  // one project, merged in order, as -f a -f b

  i.environment["COMPOSE_FILE"] = "stack/prod.yml;stack/base.yml";
  i.environment["COMPOSE_PATH_SEPARATOR"] = ";";
  plan = plan_invocation(i);
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0].files == V{b, a});
}

TEST_CASE("COMPOSE_FILE with an empty entry or a missing file is an error, as in compose") {
  Dir d;
  d.touch("compose.yaml");
  auto i = d.in();
  i.environment["COMPOSE_FILE"] = "compose.yaml:";
  auto plan = plan_invocation(i);
  CHECK(plan.projects.empty());
  CHECK(messages(plan) == "COMPOSE_FILE: 'compose.yaml:': entry 2 of 2 is empty (separator ':')\n");
  i.environment["COMPOSE_FILE"] = "gone.yml";
  plan = plan_invocation(i);
  CHECK(plan.projects.empty());
  CHECK(messages(plan) == "COMPOSE_FILE: 'gone.yml': " + d.path("gone.yml") + ": no such file\n");
}

TEST_CASE("-f and positional arguments win over COMPOSE_FILE; a directory argument is a project") {
  Dir d;
  auto top = d.touch("compose.yaml");
  auto sub = d.touch("sub/docker-compose.yml");
  auto over = d.touch("sub/compose.override.yml");
  auto i = d.in();
  i.environment["COMPOSE_FILE"] = "nothing-here.yml";
  i.paths = {d.path("sub")};
  auto plan = plan_invocation(i);
  CHECK(messages(plan) == "");
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0].files == V{sub, over});
  i.paths = {d.path("empty")};
  std::filesystem::create_directories(d.path("empty"));
  plan = plan_invocation(i);
  CHECK(plan.projects.empty());
  CHECK(messages(plan).starts_with(d.path("empty") + ": no compose file found"));
  i.paths = {};
  i.merged_files = {top};
  plan = plan_invocation(i);
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0].files == V{top});
}

TEST_CASE("COMPOSE_FILE and COMPOSE_PROFILES from the working directory's .env; the environment wins") {
  Dir d;
  auto a = d.touch("a.yml");
  auto b = d.touch("b.yml");
  d.file(".env", "COMPOSE_FILE=a.yml\nCOMPOSE_PROFILES=debug, tools\n");
  auto i = d.in();
  auto plan = plan_invocation(i);
  CHECK(messages(plan) == "");
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0].files == V{a});
  CHECK(plan.projects[0].profiles.names == V{"debug", "tools"});
  CHECK(plan.projects[0].profiles.origin == "COMPOSE_PROFILES in " + d.path(".env"));
  CHECK(plan.projects[0].profiles.origin.has_value());

  i.environment["COMPOSE_FILE"] = "b.yml";
  i.environment["COMPOSE_PROFILES"] = "";  // set but empty: no profile, the .env is not consulted
  plan = plan_invocation(i);
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0].files == V{b});
  CHECK(plan.projects[0].profiles == ProfileSelection{{}, "COMPOSE_PROFILES"});

  i.profiles = {"batch", "*"};  // --profile wins over both
  plan = plan_invocation(i);
  CHECK(plan.projects[0].profiles == ProfileSelection{{"batch", "*"}, "--profile"});
}

TEST_CASE("COMPOSE_PROFILES from the project's own .env, and from --env-file only when one is given") {
  Dir d;
  auto sub = d.touch("sub/compose.yaml");
  d.file("sub/.env", "COMPOSE_PROFILES=sub\n");
  d.file("other.env", "COMPOSE_PROFILES=other\n");
  auto i = d.in();
  i.paths = {sub};
  auto plan = plan_invocation(i);
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0].profiles.names == V{"sub"});
  // Without arguments: COMPOSE_FILE points into sub/, whose .env is read after the working directory's.
  i.paths = {};
  i.environment["COMPOSE_FILE"] = sub;
  plan = plan_invocation(i);
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0].profiles.names == V{"sub"});
  d.file(".env", "COMPOSE_PROFILES=top\n");
  plan = plan_invocation(i);
  CHECK(plan.projects[0].profiles.names == V{"top"});
  i.env_file = d.path("other.env");
  plan = plan_invocation(i);
  CHECK(plan.projects[0].profiles.names == V{"other"});
}

TEST_CASE("unknown profiles: named once per origin, unless some project it was selected for has it") {
  ProfileSelection flag{{"debug", "*", "nope"}, "--profile"};
  std::vector<ProfileUse> uses{{flag, {"debug"}, "a/compose.yaml", std::nullopt},
                               {flag, {"tools"}, "b/compose.yaml", std::nullopt}};
  auto errors = unknown_profiles(uses);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "a/compose.yaml");
  CHECK(errors[0].message ==
        "unknown profile 'nope' (from --profile): no service of the 2 projects it applies to has it; the profiles "
        "there: debug, tools");
  errors = unknown_profiles({{{{"x"}, "COMPOSE_PROFILES"}, {}, "compose.yaml", std::nullopt}});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message ==
        "unknown profile 'x' (from COMPOSE_PROFILES): no service of the project has it; no service has a profile");
  CHECK(unknown_profiles({{{{"*"}, "--profile"}, {}, "compose.yaml", std::nullopt}}).empty());
}
