// loopaudit: inventories every while loop, asyncio fan-out and process spawn in a Python tree with
// what bounds it. This file only parses arguments, finds and reads files, calls the library and picks
// a formatter. Exit codes: 0 no findings at or above --fail-on, 1 findings (or a stale doc region with
// --update-doc --check), 2 usage error, a bad doc marker, or an input named on the command line or in
// a marker that cannot be used.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <unordered_map>

#include <CLI/CLI.hpp>

#include "core/rule_docs.hpp"
#include "core/version.hpp"
#include "docs/loop_doc.hpp"
#include "loops/audit.hpp"
#include "loops/audit_tree.hpp"
#include "loops/registry.hpp"
#include "report/loop_json.hpp"
#include "report/loop_markdown.hpp"
#include "docs/print_outcome.hpp"
#include "report/loop_text.hpp"
#include "report/report.hpp"

namespace {

using namespace boundaudit;

constexpr int kClean = 0, kFindings = 1, kUsage = 2;

bool known_code(std::string_view code) { return loops::find_rule(code) != nullptr; }

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* term = std::getenv("TERM");
  return ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") && !(term && std::string_view(term) == "dumb");
}

std::string markdown(const loops::AuditResult& result) {
  std::ostringstream out;
  report::write_loop_markdown(out, result, {loops::zero_site_families(result)});
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  boundaudit::loops::use_fast_parse_allocator();
  CLI::App app{"Inventory every while loop, asyncio fan-out and process spawn in Python code, with what bounds it.",
               "loopaudit"};
  std::vector<std::string> paths, exclude;
  loops::Config config;
  unsigned jobs = 0;
  std::string format = "text", color = "auto", explain, fail_on = "error", doc;
  bool check = false, full_parse = false;
  app.add_option("PATH", paths, "Python files or directories (recursive over *.py)");
  app.add_option("--exclude", exclude, "skip paths matching this gitignore-style glob (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--select", config.select, "only these rule codes (comma-separated, repeatable)")
      ->delimiter(',')->allow_extra_args(false);
  app.add_option("--ignore", config.ignore, "not these rule codes (comma-separated, repeatable)")
      ->delimiter(',')->allow_extra_args(false);
  app.add_option("-j,--jobs", jobs, "threads; 0 = all cores (default)")->check(CLI::NonNegativeNumber);
  app.add_option("--format", format, "output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "markdown"}))->capture_default_str();
  app.add_option("--color", color, "colour in text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  app.add_option("--explain", explain, "print the documentation of a rule code and exit");
  app.add_option("--fail-on", fail_on, "lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note"}))->capture_default_str();
  auto* update = app.add_option("--update-doc", doc,
                                "regenerate every <!-- loopaudit:begin paths=\"...\" --> region of this markdown "
                                "file from its marker (instead of printing a report); PATHs serve bare markers only");
  app.add_flag("--full-parse", full_parse,
               "parse every file whole instead of only the statements that can hold a site (slower; the "
               "result is the same, which the tests check)");
  app.add_flag("--check", check, "with --update-doc: change nothing, exit 1 when a region is stale")->needs(update);
  app.set_version_flag("--version", "loopaudit " + std::string(boundaudit::version()));
  app.footer(
      "Exit codes: 0 no finding at or above --fail-on; 1 findings (with --update-doc --check: also a stale "
      "region); 2 usage error, a bad doc marker, or a PATH or --update-doc FILE that cannot be used.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kClean : kUsage;
  }

  if (!explain.empty()) {
    for (const auto& rule : loops::rules())  // a rule's name works as well as its code
      if (rule.name == explain) explain = std::string(rule.code);
    if (!known_code(explain) || !rule_doc(explain)) {
      std::cerr << "loopaudit: unknown rule code " << explain << '\n';
      return kUsage;
    }
    std::cout << *rule_doc(explain);
    return kClean;
  }
  for (const auto* list : {&config.select, &config.ignore})
    for (const auto& code : *list)
      if (!known_code(code)) {
        std::cerr << "loopaudit: unknown rule code " << code << " (see loopaudit --help)\n";
        return kUsage;
      }
  const auto threshold = *parse_severity(fail_on);
  if (!doc.empty()) {
    auto outcome = docs::update_loop_doc({doc, paths, exclude, config, jobs, !full_parse, check, threshold});
    return docs::write_doc_outcome(std::cout, std::cerr, "loopaudit", doc, outcome, check);
  }
  if (paths.empty()) {
    std::cerr << "loopaudit: no PATH given (see loopaudit --help)\n";
    return kUsage;
  }

  auto [result, named_path_failed, sources] = loops::audit_tree(paths, exclude, config, jobs, !full_parse);
  // A named PATH that cannot be used is also said on stderr when stdout carries no text report.
  if (named_path_failed && format != "text")
    for (const auto& e : result.errors)
      std::cerr << "loopaudit: " << display_name(e.path) << ": " << display_text(e.message) << '\n';

  if (format == "json") {
    report::write_loop_json(std::cout, result, boundaudit::version());
  } else if (format == "markdown") {
    std::cout << markdown(result);
  } else if (format == "sarif") {
    report::write_sarif(std::cout, {"loopaudit", boundaudit::version(), loops::rules()}, result.findings, result.errors);
  } else if (format == "github") {
    report::write_github(std::cout, result.findings, result.errors);
  } else {
    std::unordered_map<std::string, const std::string*> texts;
    for (const auto& s : sources) texts[s.path] = &s.text;
    report::TextOptions options;
    options.color = use_color(color);
    options.show_source = ::isatty(STDOUT_FILENO);
    options.lines = [&](const std::string& path, int line) -> std::string_view {
      auto it = texts.find(path);
      return it == texts.end() ? std::string_view{} : line_of(*it->second, line);
    };
    report::write_loop_text(std::cout, result, options);
  }
  std::cout.flush();

  if (named_path_failed) return kUsage;
  bool failing = std::any_of(result.findings.begin(), result.findings.end(),
                             [&](const Finding& f) { return f.severity >= threshold; });
  return failing ? kFindings : kClean;
}
