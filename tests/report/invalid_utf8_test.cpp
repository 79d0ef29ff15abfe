// Strings that are not valid UTF-8 (a `.env` value, a YAML `\x..` escape, a Latin-1 file name, an
// encoded surrogate) reach every format as valid UTF-8: each bad subpart is one U+FFFD, the same in
// every format, and a file name shows its bad bytes as \xNN. No format throws.
#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "compose/audit.hpp"
#include "compose/registry.hpp"
#include "core/utf8.hpp"
#include "loops/registry.hpp"
#include "report/compose_json.hpp"
#include "report/compose_markdown.hpp"
#include "report/loop_json.hpp"
#include "report/loop_markdown.hpp"
#include "report/loop_text.hpp"
#include "report/report.hpp"

using namespace boundaudit;

namespace {

const std::string kLatin1Path = "caf\xE9/compose.yaml";      // é in Latin-1
const std::string kShownPath = "caf\\xe9/compose.yaml";
const std::string kBadValue = "limit \xED\xA0\x80 from .env";  // U+D800 encoded as UTF-8
const std::string kFffd = "\xEF\xBF\xBD";
const std::string kShownValue = "limit " + kFffd + kFffd + kFffd + " from .env";

Finding finding() {
  return Finding{"CL002", Severity::error, Site{kLatin1Path, 3, 5, 3, 9}, "invalid memory limit '" + kBadValue + "'",
                 "w\xFFy", {"note " + kBadValue}, ""};
}

InputError error() { return InputError{"bad\xFE.yaml", 2, "unknown escape \xC0\xAF"}; }

compose::Report compose_report() {
  compose::Report r;
  compose::AuditResult p;
  p.files = {kLatin1Path};
  compose::ServiceRow row;
  row.name = "w\xFFy";
  row.site = Site{kLatin1Path, 2, 3, 2, 3};
  row.profiles = {"p\xE9"};
  row.findings = {"CL002"};
  p.services.push_back(row);
  p.findings = {finding()};
  p.errors = {error()};
  r.projects.push_back(p);
  return r;
}

loops::AuditResult loop_result() {
  loops::AuditResult r;
  r.files_scanned = 1;
  loops::AuditSite s;
  s.category = loops::Category::while_loop;
  s.site = Site{"src/caf\xE9.py", 4, 5, 6, 9};
  s.function = "f\xE9";
  s.text = "while x != '\xED\xA0\x80':";
  s.gap = loops::Gap::no_exit;
  s.missing = "nothing changes `\xE9`";
  r.sites.push_back(s);
  r.findings.push_back(Finding{"LA101", Severity::error, s.site, "loop on '\xE9' never ends", "f\xE9", {}, ""});
  r.errors.push_back(error());
  return r;
}

void check_valid(const std::string& out) {
  CHECK_FALSE(out.empty());
  CHECK(valid_utf8(out) == out);
}

}  // namespace

TEST_CASE("composelint json: invalid bytes become U+FFFD, a Latin-1 file name is escaped") {
  std::ostringstream out;
  REQUIRE_NOTHROW(report::write_compose_json(out, "0", compose_report()));
  check_valid(out.str());
  auto j = nlohmann::json::parse(out.str());
  CHECK(j["projects"][0]["files"][0] == kShownPath);
  CHECK(j["projects"][0]["services"][0]["name"] == "w" + kFffd + "y");
  CHECK(j["projects"][0]["services"][0]["file"] == kShownPath);
  CHECK(j["projects"][0]["services"][0]["profiles"][0] == "p" + kFffd);
  CHECK(j["findings"][0]["path"] == kShownPath);
  CHECK(j["findings"][0]["message"] == "invalid memory limit '" + kShownValue + "'");
  CHECK(j["findings"][0]["notes"][0] == "note " + kShownValue);
  CHECK(j["findings"][0]["service"] == "w" + kFffd + "y");
  CHECK(j["errors"][0]["path"] == "bad\\xfe.yaml");
  CHECK(j["errors"][0]["message"] == "unknown escape " + kFffd + kFffd);
}

TEST_CASE("loopaudit json: every string of a site is valid UTF-8") {
  std::ostringstream out;
  REQUIRE_NOTHROW(report::write_loop_json(out, loop_result(), "0"));
  check_valid(out.str());
  auto j = nlohmann::json::parse(out.str());
  CHECK(j["sites"][0]["path"] == "src/caf\\xe9.py");
  CHECK(j["sites"][0]["function"] == "f" + kFffd);
  CHECK(j["sites"][0]["text"] == "while x != '" + kFffd + kFffd + kFffd + "':");
  CHECK(j["sites"][0]["bound"]["detail"] == "nothing changes `" + kFffd + "`");
  CHECK(j["findings"][0]["message"] == "loop on '" + kFffd + "' never ends");
}

TEST_CASE("sarif: messages made valid, file names percent-encoded") {
  for (auto tool : {report::ToolInfo{"composelint", "0", compose::rule_infos()},
                    report::ToolInfo{"loopaudit", "0", loops::rules()}}) {
    std::ostringstream out;
    std::vector<Finding> findings{finding()};
    std::vector<InputError> errors{error()};
    REQUIRE_NOTHROW(report::write_sarif(out, tool, findings, errors));
    check_valid(out.str());
    auto j = nlohmann::json::parse(out.str());
    auto& result = j["runs"][0]["results"][0];
    CHECK(result["message"]["text"] == "invalid memory limit '" + kShownValue + "'");
    CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9/compose.yaml");
    CHECK(j["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] ==
          "unknown escape " + kFffd + kFffd);
  }
}

TEST_CASE("text, github and markdown show the same replacement") {
  std::vector<Finding> findings{finding()};
  std::vector<InputError> errors{error()};
  std::ostringstream text, github, compose_md, loop_md, loop_text;
  report::TextOptions options;
  options.show_source = true;
  options.lines = [](const std::string&, int) -> std::string_view { return "  mem_limit: \xE9\xE9"; };
  report::write_text(text, findings, errors, options);
  report::write_github(github, findings, errors);
  report::write_compose_markdown(compose_md, compose_report());
  report::write_loop_markdown(loop_md, loop_result(), {});
  report::write_loop_text(loop_text, loop_result(), {});
  for (const auto* out : {&text, &github, &compose_md, &loop_md, &loop_text}) check_valid(out->str());
  CHECK(text.str().find(kShownPath + ":3:5: error[CL002] invalid memory limit '" + kShownValue + "'") !=
        std::string::npos);
  CHECK(text.str().find("bad\\xfe.yaml:2: error: unknown escape " + kFffd + kFffd) != std::string::npos);
  CHECK(text.str().find("mem_limit: " + kFffd + kFffd) != std::string::npos);
  CHECK(text.str().find("  note: note " + kShownValue) != std::string::npos);
  CHECK(github.str().find("::error file=caf\\xe9/compose.yaml,line=3,col=5,title=CL002::invalid memory limit '" +
                          kShownValue + "'") != std::string::npos);
  CHECK(compose_md.str().find("| w" + kFffd + "y (profiles: p" + kFffd + ") | " + kShownPath + ":2 |") !=
        std::string::npos);
  CHECK(compose_md.str().find("- `" + kShownPath + ":3:5` error[CL002] invalid memory limit '" + kShownValue) !=
        std::string::npos);
  CHECK(loop_md.str().find("`src/caf\\xe9.py:4` (`f" + kFffd + "`)") != std::string::npos);
  CHECK(loop_md.str().find("- `bad\\xfe.yaml:2`: unknown escape " + kFffd + kFffd) != std::string::npos);
  CHECK(loop_text.str().find("src/caf\\xe9.py:4:5: error[LA101] loop on '" + kFffd + "' never ends") !=
        std::string::npos);
}
