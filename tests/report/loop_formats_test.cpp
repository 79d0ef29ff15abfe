// Golden files for loopaudit's output formats, built from a fixed AuditResult: they pin the formats,
// not what the rules find. UPDATE_GOLDEN=1 rewrites them.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/loop_json.hpp"
#include "report/loop_markdown.hpp"
#include "report/loop_text.hpp"
#include "report/report.hpp"
#include "support/golden.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;

namespace {

// A bounded site (kind set) or an unbounded one (gap set, missing = detail).
struct B {
  std::optional<BoundKind> kind;
  std::string detail;
  std::optional<Limit> limit = std::nullopt;
  std::optional<Gap> gap = std::nullopt;
};

AuditSite site(Category category, std::string path, int line, int column, std::string function, std::string call,
               std::string text, bool in_loop, B bound) {
  AuditSite s;
  s.category = category;
  s.site = Site{std::move(path), line, column, line, column + 5};
  s.function = std::move(function);
  s.call = std::move(call);
  s.text = std::move(text);
  s.in_loop = in_loop;
  if (bound.kind) {
    s.bound = Bound{*bound.kind, bound.detail, bound.limit, 0, false};
  } else {
    s.gap = bound.gap;
    s.missing = bound.detail;
  }
  return s;
}

AuditResult sample() {
  AuditResult r;
  r.files_scanned = 4;
  const std::string jobs = "pkg-client/src/pkg_client/api/jobs.py";
  std::vector<AuditSite> sites = {
      site(Category::while_loop, "pkg-core/bulk.py", 12, 5, "patch_many", "", "while pending:", false,
           {BoundKind::condition, "`pending`"}),
      site(Category::fanout, "pkg-core/bulk.py", 30, 15, "patch_many", "asyncio.gather",
           "await asyncio.gather(*(one(i) for i in items))", false,
           {BoundKind::semaphore, "`asyncio.Semaphore(concurrency)` in `one`"}),
      site(Category::fanout, "pkg-core/files.py", 48, 12, "FileService.get_files", "asyncio.gather",
           "return await asyncio.gather(*[self.get(u) for u in uids])", false,
           {std::nullopt, "one task per item of `uids`", std::nullopt, Gap::dynamic_fanout}),
      site(Category::while_loop, jobs, 40, 9, "JobClient.iter_events", "", "while True:", false,
           {BoundKind::timeout_arg, "`timeout` arg, default 600", Limit{600, Unit::seconds}}),
      site(Category::spawn, jobs, 77, 16, "JobClient._render", "subprocess.run",
           "out = sp.run(cmd, timeout=30, check=True)", false, {BoundKind::timeout_arg, "`timeout=30`"}),
      site(Category::while_loop, "worker.py", 3, 1, "<module>", "", "while x | y:  # `odd`", false,
           {std::nullopt, "no exit", std::nullopt, Gap::no_exit}),
      site(Category::spawn, "worker.py", 9, 9, "Pool.spawn_all", "subprocess.Popen", "procs.append(Popen(c))", true,
           {std::nullopt, "one process per item of `cmds`", std::nullopt, Gap::spawn_per_item}),
  };
  std::sort(sites.begin(), sites.end());
  for (auto& s : sites) r.sites.push_back(std::move(s));
  auto finding = [](std::string code, Severity sev, std::string path, int line, int col, std::string msg) {
    Finding f;
    f.code = std::move(code);
    f.severity = sev;
    f.site = Site{std::move(path), line, col, line, col + 5};
    f.message = std::move(msg);
    return f;
  };
  r.findings = {
      finding("LA201", Severity::warning, "pkg-core/files.py", 48, 12,
              "asyncio.gather starts one task per item of `uids` with no cap"),
      finding("LA101", Severity::error, "worker.py", 3, 1, "while loop has no exit"),
      finding("LA301", Severity::warning, "worker.py", 9, 9, "subprocess.Popen is called once per loop iteration"),
  };
  r.findings[1].notes = {"add a deadline, a counter or a break"};
  std::sort(r.findings.begin(), r.findings.end());
  r.errors = {InputError{"broken.py", 7, "syntax error; the region was audited as far as it parsed"},
              InputError{"gone.py", std::nullopt, "no such file"}};
  return r;
}

constexpr RuleInfo kRules[] = {
    {"LA101", "unbounded-while", Severity::error, "A while loop with no exit."},
    {"LA201", "unbounded-fanout", Severity::warning, "A fan-out with one task per item and no cap."},
    {"LA301", "spawn-in-loop", Severity::warning, "A process spawn inside a loop."},
};

void golden(const std::string& name, const std::string& actual) {
  testing::check_golden("loopaudit/" + name, actual);
}

}  // namespace

TEST_CASE("json") {
  std::ostringstream out;
  report::write_loop_json(out, sample(), "9.9.9");
  golden("sample.json", out.str());

  // The contract's fields and types.
  auto j = nlohmann::json::parse(out.str());
  CHECK(j["tool"]["name"] == "loopaudit");
  CHECK(j["files_scanned"] == 4);
  REQUIRE(j["sites"].size() == 7);
  const auto& s = j["sites"][0];
  CHECK(s["category"] == "while");
  CHECK(s["call"].is_null());
  CHECK(s["rule"].is_null());
  CHECK(s["bounded"] == true);
  CHECK(s["bound"]["kind"] == "timeout-arg");
  CHECK(s["path"] == "pkg-client/src/pkg_client/api/jobs.py");  // sorted by place
  CHECK(j["sites"][3]["category"] == "fanout");
  CHECK(j["sites"][3]["call"] == "asyncio.gather");
  CHECK(j["sites"][4]["rule"] == "LA201");
  CHECK(j["sites"][4]["bounded"] == false);
  for (const char* key : {"path", "line", "column", "function", "text", "in_loop"}) CHECK(s.contains(key));
  REQUIRE(j["findings"].size() == 3);
  for (const char* key : {"rule", "severity", "path", "line", "column", "message"}) CHECK(j["findings"][0].contains(key));
  REQUIRE(j["errors"].size() == 2);
  CHECK(j["errors"][0]["line"] == 7);
  CHECK(j["errors"][1]["line"].is_null());
}

TEST_CASE("markdown") {
  std::ostringstream out;
  report::LoopMarkdownOptions options;
  options.empty_spawn_families = {"multiprocessing", "concurrent.futures"};
  report::write_loop_markdown(out, sample(), options);
  golden("sample.md", out.str());
  CHECK(out.str().find("### while loops (3 total)") != std::string::npos);
  CHECK(out.str().find("### asyncio.gather / parallel fan-out (2 sites)") != std::string::npos);
  CHECK(out.str().find("### Subprocess spawn (2 sites)") != std::string::npos);
  CHECK(out.str().find("**Unbounded** (LA101)") != std::string::npos);

  std::ostringstream empty;
  report::write_loop_markdown(empty, AuditResult{});
  golden("empty.md", empty.str());
}

TEST_CASE("markdown path shortening keeps the first two and last two components") {
  CHECK(report::shorten_path("pkg-core/src/pkg_core/catalog/service.py") == "pkg-core/src/.../catalog/service.py");
  CHECK(report::shorten_path("src/pkg/jobs.py") == "src/pkg/jobs.py");
  CHECK(report::shorten_path("a/b/c/d.py") == "a/b/c/d.py");
  CHECK(report::shorten_path("jobs.py") == "jobs.py");
}

TEST_CASE("text") {
  std::ostringstream out;
  report::write_loop_text(out, sample(), {});
  golden("sample.txt", out.str());

  auto r = sample();
  std::ostringstream colored;
  report::TextOptions options;
  options.color = true;
  options.show_source = true;
  options.lines = [](const std::string& path, int line) -> std::string_view {
    return path == "worker.py" && line == 3 ? "while x | y:  # `odd`" : "";
  };
  report::write_loop_text(colored, r, options);
  golden("sample.color.txt", colored.str());
}

TEST_CASE("sarif") {
  std::ostringstream out;
  report::write_sarif(out, report::ToolInfo{"loopaudit", "9.9.9", kRules}, sample().findings, sample().errors);
  golden("sample.sarif", out.str());
}

TEST_CASE("github") {
  std::ostringstream out;
  report::write_github(out, sample().findings, sample().errors);
  golden("sample.github.txt", out.str());
}
