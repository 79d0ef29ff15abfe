#include <doctest/doctest.h>

#include "compose/run.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;

TEST_CASE("stdin is a project of its own, named by its path") {
  RunRequest r;
  r.stdin_source = Source{"stack/compose.yaml", "services:\n  a:\n    image: x\n  b:\n    image: x\n    mem_limit: 1g\n"};
  auto out = run(r);
  REQUIRE(std::holds_alternative<RunResult>(out));
  const auto& report = std::get<RunResult>(out).report;
  REQUIRE(report.projects.size() == 1);
  CHECK(report.projects[0].services.size() == 2);
  auto findings = report.all_findings();
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "CL001");
  CHECK(findings[0].site.path == "stack/compose.yaml");
  CHECK(report.all_errors().empty());
}

TEST_CASE("the selection reaches the audit, by prefix") {
  RunRequest r;
  r.stdin_source = Source{"-", "services:\n  a:\n    image: x\n"};
  r.selection.ignore = {"CL00"};
  CHECK(std::get<RunResult>(run(r)).report.all_findings().empty());
}

TEST_CASE("bad budget and headroom values are usage errors without the flag's name") {
  CHECK_FALSE(budget_problem("8g"));
  CHECK_FALSE(budget_problem("auto"));
  auto why = budget_problem("lots");
  REQUIRE(why);
  CHECK_FALSE(why->starts_with("--memory-budget"));
  CHECK_FALSE(headroom_problem("1g"));
  CHECK(headroom_problem("x"));
  RunRequest r;
  r.memory_budget = "lots";
  CHECK(std::holds_alternative<std::string>(run(r)));
}

TEST_CASE("--update-doc takes its files from the markers") {
  RunRequest r;
  CHECK_FALSE(update_doc_conflict(r));
  r.profiles = {"dev"};
  CHECK(update_doc_conflict(r));
}
