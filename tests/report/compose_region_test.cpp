// composelint's doc region (lib/report/compose_region.cpp) on an in-memory audit result.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "report/compose_region.hpp"

using namespace boundaudit;

namespace {

compose::AuditResult project() {
  compose::AuditResult p;
  p.files = {"infra/compose.yaml", "infra/compose.override.yaml"};
  compose::ServiceRow api;
  api.name = "api";
  api.site = {"infra/compose.yaml", 12, 3, 12, 6};
  api.limit_bytes = 1LL << 30;
  api.limit_source = compose::LimitSource::mem_limit;
  api.limit_site = {"infra/compose.override.yaml", 4, 16, 4, 18};
  api.replicas = 2;
  compose::ServiceRow lab;
  lab.name = "lab";
  lab.site = {"infra/compose.yaml", 30, 3, 30, 6};
  lab.profiles = {"analysis"};
  lab.findings = {"CL001"};
  p.services = {api, lab};
  p.total_memory_limit_bytes = 2LL << 30;
  Finding unused;
  unused.code = "CL901";
  unused.message = "unused suppression of CL003";
  p.findings = {unused};
  return p;
}

}  // namespace

TEST_CASE("no budget: no share column; a limit set in another file says where; other findings listed once") {
  std::ostringstream out;
  report::write_compose_region(out, project(), {"docs", false});
  const auto r = out.str();
  CHECK(r.find("| Service | Defined in | Limit | Set by | Replicas | Findings |") != std::string::npos);
  CHECK(r.find("| `api` | `compose.yaml` | 1 GiB | `mem_limit` in `compose.override.yaml` | 2 | — |") != std::string::npos);
  CHECK(r.find("| `lab` (profile analysis) | `compose.yaml` | **none** | — | 1 | CL001 |") != std::string::npos);
  CHECK(r.find("**Total**: 2 GiB of limits × replicas.") != std::string::npos);
  CHECK(r.find("- CL901: unused suppression of CL003") != std::string::npos);
  CHECK(r.find(":12") == std::string::npos);
}

TEST_CASE("a service of a profile that is not enabled is marked, and the total says it is left out") {
  auto p = project();
  p.services[1].active = false;
  p.services[1].limit_bytes = 1LL << 30;
  p.services[1].limit_source = compose::LimitSource::mem_limit;
  p.services[1].limit_site = p.services[1].site;
  std::ostringstream out;
  report::write_compose_region(out, p, {"docs", false});
  const auto r = out.str();
  CHECK(r.find("| `lab` (profile analysis, not enabled) | `compose.yaml` | 1 GiB |") != std::string::npos);
  CHECK(r.find("**Total**: 2 GiB of limits × replicas; not counted: lab (profile analysis not enabled).") !=
        std::string::npos);
}

TEST_CASE("lines: file:line linked relative to the doc; budget: share column and the total's share") {
  auto p = project();
  p.budget = compose::Budget{4LL << 30};
  p.services[0].budget_share = 0.5;
  std::ostringstream out;
  report::write_compose_region(out, p, {"docs", true});
  const auto r = out.str();
  CHECK(r.find("| Share of 4 GiB |") != std::string::npos);
  CHECK(r.find("| `api` | [`compose.yaml:12`](../infra/compose.yaml#L12) | 1 GiB | `mem_limit` in "
               "[`compose.override.yaml:4`](../infra/compose.override.yaml#L4) | 2 | 50.0% | — |") != std::string::npos);
  CHECK(r.find("**Total**: 2 GiB of limits × replicas, 50.0% of the 4 GiB budget, 2 GiB left.") != std::string::npos);
}
