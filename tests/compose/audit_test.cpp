// audit() on hand-built projects: the model is already resolved, so these tests pin the rules,
// the suppression pass and the service table without any YAML.
#include <doctest/doctest.h>

#include <algorithm>

#include "compose/audit.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;

namespace {
constexpr std::int64_t MiB = 1 << 20, GiB = 1 << 30;

Scalar value(std::string text, int line, std::vector<std::string> unset = {}) {
  Scalar s;
  s.text = std::move(text);
  s.site = Site{"compose.yaml", line, 16, line, 16 + static_cast<int>(s.text.size())};
  s.unset_variables = std::move(unset);
  return s;
}

Service service(std::string name, int line) {
  Service s;
  s.name = std::move(name);
  s.site = Site{"compose.yaml", line, 3, line, 3 + static_cast<int>(s.name.size())};
  return s;
}

Project project(std::vector<Service> services, std::string text = "") {
  Project p;
  p.files = {"compose.yaml"};
  p.sources = {Source{"compose.yaml", std::move(text)}};
  p.services = std::move(services);
  std::sort(p.services.begin(), p.services.end(), [](auto& a, auto& b) { return a.name < b.name; });
  return p;
}

std::vector<std::string> codes(const AuditResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.code + "@" + std::to_string(f.site.line));
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_CASE("CL001: a service without any limit, reported on its key with a specific message") {
  auto limited = service("api", 2);
  limited.mem_limit = value("512m", 3);
  auto p = project({limited, service("worker", 5)});
  auto r = audit(p, {});
  REQUIRE(codes(r) == V{"CL001@5"});
  CHECK(r.findings[0].message ==
        "service 'worker' has no memory limit (set mem_limit or deploy.resources.limits.memory)");
  CHECK(r.findings[0].subject == "worker");
  CHECK(r.findings[0].severity == Severity::error);
  CHECK(r.findings[0].site.column == 3);
}

TEST_CASE("a YAML null limit counts as absent; an unresolved one is CL007, not CL001") {
  auto a = service("a", 2);
  a.mem_limit = value("", 3);
  a.mem_limit->is_null = true;
  auto b = service("b", 5);
  b.mem_limit = value("", 6, {"B_MEM"});
  auto r = audit(project({a, b}), {});
  CHECK(codes(r) == V{"CL001@2", "CL007@6"});
  CHECK(r.findings[1].message.find("B_MEM") != std::string::npos);
  CHECK(r.findings[1].severity == Severity::warning);
}

TEST_CASE("CL002: unparsable, zero and negative limits; deploy limits too") {
  auto a = service("a", 2);
  a.mem_limit = value("lots", 3);
  auto b = service("b", 5);
  b.deploy_limit = value("0", 9);
  auto c = service("c", 11);
  c.mem_limit = value("-1", 12);
  auto d = service("d", 14);
  d.mem_limit = value("1 g", 15);
  auto r = audit(project({a, b, c, d}), {});
  CHECK(codes(r) == V{"CL002@3", "CL002@9", "CL002@12"});
  CHECK(r.findings[0].message.find("'lots'") != std::string::npos);
  CHECK(r.findings[1].message.find("deploy.resources.limits.memory") != std::string::npos);
  CHECK(r.findings[1].message.find("no limit") != std::string::npos);
}

TEST_CASE("CL003: both limits set and different; the deploy limit is the effective one") {
  auto a = service("a", 2);
  a.mem_limit = value("1g", 3);
  a.deploy_limit = value("4g", 7);
  auto b = service("b", 9);
  b.mem_limit = value("1024m", 10);
  b.deploy_limit = value("1g", 14);
  auto r = audit(project({a, b}), {});
  CHECK(codes(r) == V{"CL003@3"});
  CHECK(r.findings[0].message.find("1 GiB") != std::string::npos);
  CHECK(r.findings[0].message.find("4 GiB") != std::string::npos);
  REQUIRE(r.services.size() == 2);
  CHECK(r.services[0].limit_bytes == 4 * GiB);
  CHECK(r.services[0].limit_source == LimitSource::deploy);
  CHECK(r.services[0].limit_site.line == 7);
}

TEST_CASE("CL004 and CL005 compare against the effective limit") {
  auto a = service("a", 2);
  a.mem_limit = value("1g", 3);
  a.mem_reservation = value("2g", 4);
  a.memswap_limit = value("512m", 5);
  auto b = service("b", 7);
  b.deploy_limit = value("2g", 8);
  b.deploy_reservation = value("2g", 9);  // equal is fine
  b.memswap_limit = value("-1", 10);      // unlimited swap
  auto c = service("c", 12);
  c.mem_limit = value("1g", 13);
  c.memswap_limit = value("1g", 14);      // no swap: fine
  c.deploy_reservation = value("1.5g", 15);
  auto r = audit(project({a, b, c}), {});
  CHECK(codes(r) == V{"CL004@4", "CL005@5", "CL004@15"});
}

TEST_CASE("CL006: limit × replicas over the budget names the largest consumers") {
  auto db = service("db", 2);
  db.mem_limit = value("4g", 3);
  auto worker = service("worker", 5);
  worker.mem_limit = value("2g", 6);
  worker.replicas = value("3", 7);
  auto web = service("web", 9);
  web.mem_limit = value("256m", 10);
  auto p = project({db, worker, web});
  Options o;
  o.budget = Budget{8 * GiB};
  auto r = audit(p, o);
  REQUIRE(codes(r) == V{"CL006@1"});
  const auto& m = r.findings[0].message;
  CAPTURE(m);
  CHECK(m.find("10.25 GiB") != std::string::npos);
  CHECK(m.find("8 GiB budget") != std::string::npos);
  CHECK(m.find("largest: worker 6 GiB (3 × 2 GiB), db 4 GiB, web 256 MiB") != std::string::npos);
  CHECK(r.total_memory_limit_bytes == 10 * GiB + 256 * MiB);
  REQUIRE(r.services.size() == 3);
  CHECK(r.services[2].name == "worker");
  CHECK(r.services[2].replicas == 3);
  REQUIRE(r.services[2].budget_share);
  CHECK(*r.services[2].budget_share == doctest::Approx(0.75));

  o.budget = Budget{11 * GiB};
  CHECK(audit(p, o).findings.empty());
  CHECK(audit(p, {}).findings.empty());  // no budget, no CL006
}

TEST_CASE("comment suppressions on the service key or the line above, and unused ones") {
  std::string text =
      "services:\n"                                           // 1
      "  # composelint: ignore[CL001] nightly batch\n"        // 2
      "  batch:\n"                                            // 3
      "    image: x\n"                                        // 4
      "  cron:  # composelint: ignore[CL001] capped by host\n"  // 5
      "    image: x\n"                                        // 6
      "  api:  # composelint: ignore[CL001] stale\n"          // 7
      "    mem_limit: 512m\n"                                 // 8
      "  odd:  # composelint: ignore[CL042]\n"                // 9
      "    image: x\n"                                        // 10
      "  bad:  # composelint: ignore CL001\n";                // 11
  auto api = service("api", 7);
  api.mem_limit = value("512m", 8);
  auto r = audit(project({service("batch", 3), service("cron", 5), api, service("odd", 9), service("bad", 11)},
                         text),
                 {});
  CHECK(codes(r) == V{"CL901@7", "CL001@9", "CL900@9", "CL001@11", "CL900@11"});
}

TEST_CASE("a comment on the service key covers findings deeper in the service") {
  std::string text =
      "services:\n"
      "  a:  # composelint: ignore[CL002] zero on purpose\n"
      "    mem_limit: 0\n";
  auto a = service("a", 2);
  a.mem_limit = value("0", 3);
  CHECK(audit(project({a}, text), {}).findings.empty());
}

TEST_CASE("x-composelint ignore lists: used, unused and unknown codes") {
  auto a = service("a", 2);
  a.ignored_codes = {"CL001"};
  a.ignore_site = Site{"compose.yaml", 3, 5, 3, 18};
  auto b = service("b", 6);
  b.mem_limit = value("1g", 7);
  b.ignored_codes = {"CL001", "CL077"};
  b.ignore_site = Site{"compose.yaml", 8, 5, 8, 18};
  auto r = audit(project({a, b}), {});
  CHECK(codes(r) == V{"CL900@8", "CL901@8"});
}

TEST_CASE("select and ignore filter the reported codes; rules still feed the suppression pass") {
  std::string text = "services:\n  a:  # composelint: ignore[CL001] fine\n    image: x\n  b:\n";
  auto p = project({service("a", 2), service("b", 4)}, text);
  Options o;
  o.select = {"CL901"};
  CHECK(audit(p, o).findings.empty());  // the CL001 suppression was used
  o.select = {};
  o.ignore = {"CL001"};
  CHECK(audit(p, o).findings.empty());
  o.ignore = {};
  auto r = audit(p, o);
  CHECK(codes(r) == V{"CL001@4"});
  REQUIRE(r.services.size() == 2);
  CHECK(r.services[1].findings == V{"CL001"});
  CHECK(r.services[0].findings.empty());
}

TEST_CASE("a CL006 suppression is judged only when a budget is set") {
  std::string text = "# composelint: ignore[CL006] laptop has 32 GB\nservices:\n  a:\n";
  auto a = service("a", 3);
  a.mem_limit = value("4g", 4);
  auto p = project({a}, text);
  CHECK(audit(p, {}).findings.empty());
  Options o;
  o.budget = Budget{2 * GiB};
  CHECK(audit(p, o).findings.empty());
  o.budget = Budget{8 * GiB};
  CHECK(codes(audit(p, o)) == V{"CL901@1"});
}

TEST_CASE("the service table: limits, sources, replicas, profiles, input errors passed through") {
  auto a = service("a", 2);
  a.mem_limit = value("512m", 3);
  a.profiles = {"debug"};
  auto b = service("b", 5);
  b.replicas = value("0", 6);
  b.deploy_limit = value("1g", 7);
  auto p = project({a, b});
  p.errors.push_back(InputError{"other.yaml", 3, "broken"});
  auto r = audit(p, {});
  REQUIRE(r.services.size() == 2);
  CHECK(r.services[0].limit_bytes == 512 * MiB);
  CHECK(r.services[0].limit_source == LimitSource::mem_limit);
  CHECK(to_string(r.services[0].limit_source) == "mem_limit");
  CHECK(r.services[0].profiles == V{"debug"});
  CHECK(!r.services[0].budget_share);
  CHECK(r.services[1].replicas == 0);
  CHECK(r.total_memory_limit_bytes == 512 * MiB);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "other.yaml");
  CHECK(r.files == V{"compose.yaml"});
}

namespace {
Project named_project(std::string file, std::vector<Service> services, std::string text = "") {
  Project p = project(std::move(services), std::move(text));
  for (auto& s : p.services) {
    s.site.path = file;
    if (s.mem_limit) s.mem_limit->site.path = file;
  }
  p.files = {file};
  p.sources = {Source{file, p.sources.front().text}};
  return p;
}
}  // namespace

TEST_CASE("CL006 with headroom: the budget less the headroom is what must hold the limits") {
  auto a = service("a", 2);
  a.mem_limit = value("6g", 3);
  auto p = project({a});
  Options o;
  o.budget = Budget{8 * GiB, std::nullopt, 2 * GiB};
  CHECK(audit(p, o).findings.empty());  // 6 GiB fits exactly in 8 - 2
  o.budget->headroom = 3 * GiB;
  auto r = audit(p, o);
  REQUIRE(codes(r) == V{"CL006@1"});
  CHECK(r.findings[0].message.find("1 GiB over the 5 GiB budget (8 GiB less 3 GiB headroom)") != std::string::npos);
  REQUIRE(r.services[0].budget_share);
  CHECK(*r.services[0].budget_share == doctest::Approx(6.0 / 5.0));  // of what is usable
  o.budget->source = "from Docker Desktop settings at s.json";
  CHECK(audit(p, o).findings[0].message.find(
            "over the 5 GiB budget (8 GiB from Docker Desktop settings at s.json, less 3 GiB headroom)") !=
        std::string::npos);
}

TEST_CASE("together: each stack fits alone, their sum does not; one CL006 on the first project") {
  auto db = service("db", 2);
  db.mem_limit = value("4g", 3);
  auto solver = service("solver", 4);
  solver.mem_limit = value("1g", 5);
  auto appserver = service("appserver", 2);
  appserver.mem_limit = value("3g", 3);
  std::vector<Project> projects{named_project("infra/compose.yaml", {db, solver}),
                                named_project("app/compose.yaml", {appserver})};
  Options o;
  o.budget = Budget{6 * GiB};
  auto alone = audit_projects(projects, o);
  REQUIRE(alone.size() == 2);
  CHECK(alone[0].findings.empty());
  CHECK(alone[1].findings.empty());

  o.together = true;
  auto together = audit_projects(projects, o);
  REQUIRE(together.size() == 2);
  REQUIRE(together[0].findings.size() == 1);
  CHECK(together[1].findings.empty());
  const auto& f = together[0].findings[0];
  CHECK(f.code == "CL006");
  CHECK(f.site.path == "infra/compose.yaml");
  CHECK(f.message ==
        "memory limits of 2 projects run together add up to 8 GiB (infra/compose.yaml 5 GiB, app/compose.yaml "
        "3 GiB), 2 GiB over the 6 GiB budget; largest: db 4 GiB in infra/compose.yaml, appserver 3 GiB in "
        "app/compose.yaml, solver 1 GiB in infra/compose.yaml");
  CHECK(together[0].total_memory_limit_bytes == 5 * GiB);  // subtotals stay per project
  CHECK(together[1].total_memory_limit_bytes == 3 * GiB);
  CHECK(total_of(together) == 8 * GiB);

  o.budget = Budget{8 * GiB};
  CHECK(audit_projects(projects, o)[0].findings.empty());  // exactly at the budget is within it
}

TEST_CASE("the budget counts the active services only; the per-service rules check every service") {
  auto api = service("api", 2);
  api.mem_limit = value("6g", 3);
  auto db = service("db", 4);
  db.mem_limit = value("4g", 5);
  auto migrate = service("migrate", 6);  // profile tools, not enabled
  migrate.mem_limit = value("4g", 7);
  migrate.profiles = {"tools"};
  migrate.active = false;
  auto shell = service("shell", 8);  // profile debug, not enabled, no limit
  shell.profiles = {"debug"};
  shell.active = false;
  Options o;
  o.budget = Budget{12 * GiB};
  auto r = audit(project({api, db, migrate, shell}), o);
  CHECK(codes(r) == V{"CL001@8"});  // shell is still linted; no CL006 at 10 of 12 GiB
  CHECK(r.total_memory_limit_bytes == 10 * GiB);
  REQUIRE(r.services.size() == 4);
  CHECK(r.services[2].name == "migrate");
  CHECK(!r.services[2].active);
  CHECK(!r.services[2].budget_share);
  CHECK(r.services[2].limit_bytes == 4 * GiB);  // its limit is still shown
  CHECK(r.services[0].budget_share);

  migrate.active = true;  // --profile tools
  r = audit(project({api, db, migrate, shell}), o);
  CHECK(codes(r) == V{"CL006@1", "CL001@8"});
  CHECK(r.total_memory_limit_bytes == 14 * GiB);
  // --together adds up the active services of each project.
  migrate.active = false;
  o.together = true;
  o.budget = Budget{14 * GiB};
  auto together = audit_projects({project({api, db, migrate}), named_project("b/compose.yaml", {migrate})}, o);
  CHECK(together[0].findings.empty());
  CHECK(total_of(together) == 10 * GiB);
}

TEST_CASE("together: CL006 is suppressed on the first project; elsewhere its suppressions are not judged") {
  auto big = service("big", 3);
  big.mem_limit = value("4g", 4);
  auto other = service("other", 3);
  other.mem_limit = value("4g", 4);
  std::string ignore = "# composelint: ignore[CL006] runs on the big box\nservices:\n";
  Options o;
  o.budget = Budget{6 * GiB};
  o.together = true;
  // The suppression on the first project covers the stack's finding.
  auto r = audit_projects({named_project("a.yaml", {big}, ignore), named_project("b.yaml", {other})}, o);
  CHECK(r[0].findings.empty());
  CHECK(r[1].findings.empty());
  // On the second project it is neither used nor reported unused; the finding stays on the first.
  r = audit_projects({named_project("a.yaml", {big}), named_project("b.yaml", {other}, ignore)}, o);
  REQUIRE(r[0].findings.size() == 1);
  CHECK(r[0].findings[0].code == "CL006");
  CHECK(r[1].findings.empty());
  // Without --together the second project's suppression is judged (and unused there: 4 GiB fits).
  o.together = false;
  r = audit_projects({named_project("a.yaml", {big}), named_project("b.yaml", {other}, ignore)}, o);
  CHECK(codes(r[1]) == V{"CL901@1"});
}

TEST_CASE("CL008: oom_kill_disable true without a limit; a limit, false or an unknown limit are fine") {
  auto bare = service("bare", 2);
  bare.oom_kill_disable = value("true", 3);
  auto limited = service("limited", 5);
  limited.oom_kill_disable = value("TRUE", 6);
  limited.mem_limit = value("1g", 7);
  auto off = service("off", 9);
  off.oom_kill_disable = value("false", 10);
  off.mem_limit = value("1g", 11);
  auto unknown = service("unknown", 13);
  unknown.oom_kill_disable = value("on", 14);
  unknown.mem_limit = value("${MEM}", 15, {"MEM"});
  auto r = audit(project({bare, limited, off, unknown}), {});
  CHECK(codes(r) == V{"CL001@2", "CL008@3", "CL007@15"});
  auto it = std::find_if(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.code == "CL008"; });
  REQUIRE(it != r.findings.end());
  CHECK(it->subject == "bare");
  CHECK(it->message.starts_with("service 'bare' sets oom_kill_disable: true without a memory limit"));
}
