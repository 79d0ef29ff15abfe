// Golden files pinning composelint's output formats for one fixture (the demo stack, budget 8g,
// plus one input error). They pin the formats, not what the rules find (fixture_test does that).
// UPDATE_GOLDEN=1 rewrites them: UPDATE_GOLDEN=1 build/tests/report_compose_formats_test
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "compose/audit.hpp"
#include "compose/model.hpp"
#include "compose/registry.hpp"
#include "report/compose_json.hpp"
#include "report/compose_markdown.hpp"
#include "report/report.hpp"
#include "support/golden.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;

namespace {

constexpr std::int64_t GiB = std::int64_t{1} << 30;

struct Sample {
  Report report;
  std::map<std::string, std::string> texts;
};

// Loaded with paths relative to the repository root, so the goldens hold no machine paths.
const Sample& sample() {
  static const Sample s = [] {
    std::filesystem::current_path(BOUNDAUDIT_SOURCE_DIR);
    Sample out;
    LoadOptions load;
    load.files = {"fixtures/demo/compose.yaml", "fixtures/demo/compose.override.yaml"};
    auto project = load_project(load);
    for (const auto& src : project.sources) out.texts[src.path] = src.text;
    Options options;
    options.budget = compose::Budget{8 * GiB};
    out.report.projects.push_back(audit(project, options));
    out.report.errors.push_back(InputError{"missing/compose.yaml", std::nullopt, "no such file"});
    return out;
  }();
  return s;
}

void golden(const std::string& name, const std::string& actual) {
  testing::check_golden("composelint/" + name, actual);
}

}  // namespace

TEST_CASE("the sample has what the goldens are meant to show") {
  const auto& r = sample().report;
  REQUIRE(r.projects.size() == 1);
  CHECK(r.projects[0].errors.empty());
  CHECK(r.projects[0].services.size() == 6);
  CHECK(r.all_findings().size() >= 3);
  CHECK(r.all_errors().size() == 1);
}

TEST_CASE("json follows the contract") {
  std::ostringstream out;
  report::write_compose_json(out, "9.9.9", sample().report);
  golden("demo.json", out.str());

  auto j = nlohmann::json::parse(out.str());
  CHECK(j["tool"]["name"] == "composelint");
  CHECK(j["tool"]["version"] == "9.9.9");
  REQUIRE(j["projects"].size() == 1);
  const auto& p = j["projects"][0];
  CHECK(p["files"] == nlohmann::json({"fixtures/demo/compose.yaml", "fixtures/demo/compose.override.yaml"}));
  CHECK(p["total_memory_limit_bytes"].is_number_integer());
  for (const auto& s : p["services"]) {
    CHECK(s["name"].is_string());
    CHECK(s["file"].is_string());
    CHECK(s["line"].is_number_integer());
    CHECK((s["memory_limit_bytes"].is_number_integer() || s["memory_limit_bytes"].is_null()));
    CHECK((s["limit_source"].is_null() || s["limit_source"] == "mem_limit" ||
           s["limit_source"] == "deploy.resources.limits.memory"));
    CHECK(s["replicas"].is_number_integer());
    CHECK(s["profiles"].is_array());
  }
  for (const auto& f : j["findings"]) {
    CHECK(f["rule"].is_string());
    CHECK((f["severity"] == "error" || f["severity"] == "warning" || f["severity"] == "note"));
    CHECK(f["path"].is_string());
    CHECK(f["line"].is_number_integer());
    CHECK(f["column"].is_number_integer());
    CHECK((f["service"].is_string() || f["service"].is_null()));
    CHECK(f["message"].is_string());
  }
  REQUIRE(j["errors"].size() == 1);
  CHECK(j["errors"][0]["path"] == "missing/compose.yaml");
  CHECK(j["errors"][0]["line"].is_null());
  CHECK(j["errors"][0]["message"] == "no such file");
}

TEST_CASE("markdown") {
  std::ostringstream out;
  report::write_compose_markdown(out, sample().report);
  golden("demo.md", out.str());
  CHECK(out.str().find("| service | file:line | memory limit | where set | replicas | share of budget | findings |") !=
        std::string::npos);
}

TEST_CASE("text, plain and on a terminal") {
  const auto& r = sample().report;
  auto findings = r.all_findings();
  auto errors = r.all_errors();
  std::ostringstream plain;
  report::write_text(plain, findings, errors, {});
  golden("demo.txt", plain.str());

  report::TextOptions tty;
  tty.color = true;
  tty.show_source = true;
  tty.lines = [](const std::string& path, int line) -> std::string_view {
    const auto& texts = sample().texts;
    auto it = texts.find(path);
    return it == texts.end() ? std::string_view{} : line_of(it->second, line);
  };
  std::ostringstream colored;
  report::write_text(colored, findings, errors, tty);
  golden("demo.color.txt", colored.str());
}

TEST_CASE("sarif") {
  std::ostringstream out;
  report::write_sarif(out, report::ToolInfo{"composelint", "9.9.9", rule_infos()}, sample().report.all_findings(),
                      sample().report.all_errors());
  golden("demo.sarif", out.str());
  auto j = nlohmann::json::parse(out.str());
  CHECK(j["version"] == "2.1.0");
  CHECK(j["runs"][0]["tool"]["driver"]["rules"].size() == rule_infos().size());
}

TEST_CASE("github") {
  std::ostringstream out;
  report::write_github(out, sample().report.all_findings(), sample().report.all_errors());
  golden("demo.github.txt", out.str());
}

TEST_CASE("CL008 (the demo's notebook: oom_kill_disable without a limit) shows in every format") {
  const auto& r = sample().report;
  auto findings = r.all_findings();
  auto errors = r.all_errors();
  std::ostringstream text, json, sarif, github, markdown;
  report::write_text(text, findings, errors, {});
  report::write_compose_json(json, "9.9.9", r);
  report::write_sarif(sarif, report::ToolInfo{"composelint", "9.9.9", rule_infos()}, findings, errors);
  report::write_github(github, findings, errors);
  report::write_compose_markdown(markdown, r);
  CHECK(text.str().find("compose.yaml:47:23: error[CL008] service 'notebook' sets oom_kill_disable: true") !=
        std::string::npos);
  auto j = nlohmann::json::parse(json.str());
  bool in_json = false;
  for (const auto& f : j["findings"]) in_json = in_json || (f["rule"] == "CL008" && f["service"] == "notebook");
  CHECK(in_json);
  auto s = nlohmann::json::parse(sarif.str());
  bool in_sarif = false;
  for (const auto& res : s["runs"][0]["results"]) in_sarif = in_sarif || res["ruleId"] == "CL008";
  CHECK(in_sarif);
  CHECK(github.str().find("::error file=fixtures/demo/compose.yaml,line=47,col=23,title=CL008::service 'notebook'") !=
        std::string::npos);
  CHECK(markdown.str().find("error[CL008] service 'notebook'") != std::string::npos);
  CHECK(markdown.str().find("| notebook (profiles: analysis; not enabled) | fixtures/demo/compose.yaml:43 | none | — | 1 | — | CL001, CL008 |") !=
        std::string::npos);
}
