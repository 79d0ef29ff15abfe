// The budget line (lib/report/compose_budget.cpp): sum, budget, its source and headroom, left or over;
// the text lines per project and for --together.
#include <doctest/doctest.h>

#include <sstream>

#include "report/compose_budget.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;

namespace {
constexpr std::int64_t GiB = std::int64_t{1} << 30;

AuditResult result(std::string file, std::int64_t total, std::optional<Budget> budget) {
  AuditResult r;
  r.files = {std::move(file)};
  r.total_memory_limit_bytes = total;
  r.budget = std::move(budget);
  return r;
}
}  // namespace

TEST_CASE("budget_summary: share of what is usable, where it came from, left or over") {
  CHECK(report::budget_summary(6 * GiB, Budget{8 * GiB}) == "75.0% of the 8 GiB budget, 2 GiB left");
  CHECK(report::budget_summary(8 * GiB, Budget{8 * GiB}) == "100.0% of the 8 GiB budget, 0 B left");
  CHECK(report::budget_summary(9 * GiB, Budget{8 * GiB, std::nullopt, GiB}) ==
        "128.6% of the 7 GiB budget (8 GiB less 1 GiB headroom), 2 GiB over");
  CHECK(report::budget_summary(3 * GiB, Budget{6 * GiB, "from Docker Desktop settings at s.json"}) ==
        "50.0% of the 6 GiB budget (6 GiB from Docker Desktop settings at s.json), 3 GiB left");
  CHECK(report::budget_summary(GiB, Budget{GiB, std::nullopt, GiB}) == "no budget left after the 1 GiB headroom");
}

TEST_CASE("text: a line per project with a budget, one for --together, nothing otherwise") {
  Report r;
  r.projects = {result("a.yaml", 5 * GiB, std::nullopt), result("b.yaml", 3 * GiB, std::nullopt)};
  std::ostringstream none;
  report::write_compose_budget_text(none, r);
  CHECK(none.str().empty());

  for (auto& p : r.projects) p.budget = Budget{6 * GiB};
  std::ostringstream each;
  report::write_compose_budget_text(each, r);
  CHECK(each.str() ==
        "composelint: memory: a.yaml: 5 GiB of limits × replicas, 83.3% of the 6 GiB budget, 1 GiB left\n"
        "composelint: memory: b.yaml: 3 GiB of limits × replicas, 50.0% of the 6 GiB budget, 3 GiB left\n");

  r.together_total_bytes = 8 * GiB;
  std::ostringstream together;
  report::write_compose_budget_text(together, r);
  CHECK(together.str() ==
        "composelint: memory: together 8 GiB of limits × replicas (a.yaml 5 GiB, b.yaml 3 GiB), 133.3% of the 6 GiB "
        "budget, 2 GiB over\n");
}

TEST_CASE("inactive_note: the services of profiles not enabled that the total leaves out") {
  auto r = result("a.yaml", 5 * GiB, Budget{6 * GiB});
  CHECK(report::inactive_note(r).empty());
  ServiceRow tool;
  tool.name = "migrate";
  tool.profiles = {"tools"};
  tool.active = false;
  tool.limit_bytes = GiB;
  ServiceRow on;
  on.name = "api";
  on.profiles = {"web"};
  r.services = {on, tool};
  CHECK(report::inactive_note(r) == "not counted: migrate (profile tools not enabled)");
  Report one;
  one.projects = {r};
  std::ostringstream text;
  report::write_compose_budget_text(text, one);
  CHECK(text.str() ==
        "composelint: memory: a.yaml: 5 GiB of limits × replicas, 83.3% of the 6 GiB budget, 1 GiB left; not counted: "
        "migrate (profile tools not enabled)\n");
  ServiceRow shell;
  shell.name = "shell";
  shell.profiles = {"debug", "tools"};
  shell.active = false;
  r.services.push_back(shell);
  CHECK(report::inactive_note(r) == "not counted: migrate (profile tools not enabled)");  // shell adds nothing
  r.services.back().limit_bytes = GiB;
  CHECK(report::inactive_note(r) == "not counted: 2 services of profiles not enabled (debug, tools)");
}
