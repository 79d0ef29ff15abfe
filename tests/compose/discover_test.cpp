// plan_projects: how a command line's files become projects (lib/compose/discover.cpp).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "compose/model.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit::compose;
namespace fs = std::filesystem;

namespace {

// A temp folder with a `sub/` folder; touch() writes a minimal compose file.
struct TempDir : boundaudit::testing::TempDir {
  fs::path dir = root;
  TempDir() { fs::create_directories(root / "sub"); }
  std::string touch(const std::string& name) const { return file(name, "services: {}\n"); }
  std::string at(const std::string& name) const { return path(name); }
};

}  // namespace

TEST_CASE("positional files are projects with their overrides, each planned once") {
  TempDir t;
  auto base = t.touch("compose.yaml");
  auto over = t.touch("compose.override.yaml");
  auto other = t.touch("sub/docker-compose.yml");
  // pre-commit passes the base and its override together: one project, not two.
  auto plan = plan_projects({}, {base, over, other});
  CHECK(plan.errors.empty());
  REQUIRE(plan.projects.size() == 2);
  CHECK(plan.projects[0] == std::vector<std::string>{base, over});
  CHECK(plan.projects[1] == std::vector<std::string>{other});
}

TEST_CASE("-f files make one project in their order; a bad one drops that project only") {
  TempDir t;
  auto a = t.touch("a.yaml");
  auto b = t.touch("b.yaml");
  auto plan = plan_projects({b, a}, {});
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0] == std::vector<std::string>{b, a});

  plan = plan_projects({a, t.at("gone.yaml")}, {b});
  REQUIRE(plan.errors.size() == 1);
  CHECK(plan.errors[0].path == t.at("gone.yaml"));
  CHECK(plan.errors[0].message == "no such file");
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0] == std::vector<std::string>{b});
}

TEST_CASE("directories without a compose file, missing files and orphan overrides are errors; the rest is still planned") {
  TempDir t;
  auto good = t.touch("compose.yaml");
  auto orphan = t.touch("sub/stack.override.yml");
  auto plan = plan_projects({}, {t.at("sub"), t.at("nope.yaml"), orphan, good});
  REQUIRE(plan.errors.size() == 3);
  CHECK(plan.errors[0].path == t.at("sub"));
  CHECK(plan.errors[0].message.find("no compose file found") != std::string::npos);
  CHECK(plan.errors[1].message == "no such file");
  CHECK(plan.errors[2].message.find("(stack.yml)") != std::string::npos);
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0] == std::vector<std::string>{good});
}

TEST_CASE("with no files the project is discovered in the directory") {
  TempDir t;
  auto plan = plan_projects({}, {}, t.at("sub"));
  CHECK(plan.projects.empty());
  REQUIRE(plan.errors.size() == 1);
  CHECK(plan.errors[0].message.find("no compose file found") != std::string::npos);
  auto base = t.touch("docker-compose.yaml");
  plan = plan_projects({}, {}, t.dir.string());
  CHECK(plan.errors.empty());
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0] == std::vector<std::string>{base});
}

TEST_CASE("a directory argument is a project directory, as docker compose --project-directory") {
  TempDir t;
  auto base = t.touch("sub/compose.yml");
  auto plan = plan_projects({}, {t.at("sub"), base});  // the same project twice: planned once
  CHECK(plan.errors.empty());
  REQUIRE(plan.projects.size() == 1);
  CHECK(plan.projects[0] == std::vector<std::string>{base});
  // -f takes files only.
  plan = plan_projects({t.at("sub")}, {});
  REQUIRE(plan.errors.size() == 1);
  CHECK(plan.errors[0].message.find("is a directory") != std::string::npos);
}

TEST_CASE("discovery follows compose-go's order of names, and its override names on their own") {
  TempDir t;
  t.touch("docker-compose.yaml");
  auto yml = t.touch("docker-compose.yml");
  CHECK(discover_project_files(t.dir.string()) == std::vector<std::string>{yml});  // .yml before .yaml here
  auto compose = t.touch("compose.yml");
  CHECK(discover_project_files(t.dir.string()) == std::vector<std::string>{compose});
  // Any of the override names joins, compose.override.yml first, whatever the base is called.
  auto docker_over = t.touch("docker-compose.override.yaml");
  CHECK(discover_project_files(t.dir.string()) == std::vector<std::string>{compose, docker_over});
  t.touch("compose.override.yaml");
  auto over = t.touch("compose.override.yml");
  auto base = t.touch("compose.yaml");
  CHECK(discover_project_files(t.dir.string()) == std::vector<std::string>{base, over});
}
