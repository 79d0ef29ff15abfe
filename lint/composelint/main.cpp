// composelint [options] [FILE...]: parses arguments, groups files into projects, calls the library
// (load_project, audit) and picks a formatter. Exit: 0 clean, 1 findings at or above --fail-on,
// 2 usage or input error (every other project is still linted and reported).
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include "compose/audit.hpp"
#include "compose/budget.hpp"
#include "compose/invocation.hpp"
#include "compose/model.hpp"
#include "compose/registry.hpp"
#include "core/rule_docs.hpp"
#include "core/version.hpp"
#include "docs/compose_doc.hpp"
#include "report/compose_budget.hpp"
#include "report/compose_json.hpp"
#include "report/compose_markdown.hpp"
#include "docs/print_outcome.hpp"
#include "report/report.hpp"

extern char** environ;

namespace {

using namespace boundaudit;

std::vector<std::string> split_codes(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const auto& arg : args) {
    std::size_t pos = 0;
    while (pos <= arg.size()) {
      auto comma = arg.find(',', pos);
      auto code = arg.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      if (!code.empty()) out.push_back(code);
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"composelint: every compose service has a real memory limit"};
  std::vector<std::string> files, compose_files, profiles, select, ignore;
  std::string env_file, budget, format = "text", color = "auto", explain, fail_on = "error";
  std::string doc, docker_settings, headroom;
  bool version = false, check = false, strict_yaml = false, together = false;
  app.add_option("FILE", files,
                 "compose files (each its own project with its sibling override file) or project directories; "
                 "default: COMPOSE_FILE, else the project in the current directory");
  app.add_option("-f,--file", compose_files, "compose files merged into one project, in order")
      ->allow_extra_args(false);
  app.add_option("--env-file", env_file, "variables file (default: .env beside the first compose file)");
  app.add_option("--profile", profiles,
                 "profile to enable (repeatable; '*' for all; default: COMPOSE_PROFILES). Every service is linted; "
                 "the budget counts services without a profile and those of the enabled profiles")
      ->allow_extra_args(false);
  app.add_option("--memory-budget", budget,
                 "total memory for limit x replicas over services, e.g. 8g; auto: Docker Desktop's VM memory, "
                 "else the memory this process can see");
  app.add_option("--docker-settings", docker_settings,
                 "with --memory-budget auto (implied): read the VM memory from this Docker Desktop settings file");
  app.add_option("--headroom", headroom, "memory to keep free for the host; CL006 checks budget - headroom (default 0)");
  app.add_flag("--together", together,
               "the projects on the command line run at the same time: CL006 and the totals cover their sum");
  app.add_option("--select", select, "report only these codes (comma list)")
      ->allow_extra_args(false);
  app.add_option("--ignore", ignore, "never report these codes (comma list)")
      ->allow_extra_args(false);
  app.add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json", "sarif", "github", "markdown"}));
  app.add_option("--color", color, "colour and source lines")->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--explain", explain, "print the documentation of a rule code and exit");
  app.add_option("--fail-on", fail_on, "lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  app.add_flag("--strict-yaml", strict_yaml,
               "YAML 1.2 exactly: also reject a flow collection at its parent's indentation (docker compose accepts it)");
  auto* update = app.add_option("--update-doc", doc,
                                "regenerate every <!-- composelint:begin files=\"...\" --> region of this markdown file "
                                "from its marker's attributes (instead of printing a report)");
  app.add_flag("--check", check, "with --update-doc: change nothing, exit 1 when a region is stale")->needs(update);
  app.add_flag("--version", version, "print the version and exit");
  app.footer("Exit codes: 0 no finding at or above --fail-on; 1 findings (with --update-doc --check: also a stale "
             "region); 2 usage or input error.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (version) {
    std::cout << "composelint " << boundaudit::version() << '\n';
    return 0;
  }
  if (!explain.empty()) {
    for (const auto& rule : compose::rule_table())
      if (rule.info->name == explain) explain = rule.info->code;
    auto doc = compose::find_rule(explain) ? rule_doc(explain) : std::nullopt;
    if (!doc) {
      std::cerr << "composelint: unknown rule code '" << explain << "'\n";
      return 2;
    }
    std::cout << *doc;
    return 0;
  }

  compose::Options options;
  options.select = split_codes(select);
  options.ignore = split_codes(ignore);
  for (const auto* list : {&options.select, &options.ignore})
    for (const auto& code : *list)
      if (!compose::find_rule(code)) {
        std::cerr << "composelint: unknown rule code '" << code << "' in --" << (list == &options.select ? "select" : "ignore") << '\n';
        return 2;
      }
  auto budget_parsed = compose::budget_options_from(budget, docker_settings, headroom);
  if (auto* why = std::get_if<std::string>(&budget_parsed)) {
    std::cerr << "composelint: " << *why << '\n';
    return 2;
  }
  const auto& budget_options = std::get<compose::BudgetOptions>(budget_parsed);
  options.together = together;

  std::map<std::string, std::string> environment;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string_view::npos) environment.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  compose::MachineProbe machine{environment, budget_options.docker_settings};
  if (!doc.empty()) {
    if (!files.empty() || !compose_files.empty() || !profiles.empty() || !budget.empty() || !env_file.empty() ||
        !headroom.empty() || together) {
      std::cerr << "composelint: --update-doc takes the files, profiles and budget from each region's marker "
                   "(<!-- composelint:begin files=\"compose.yaml\" budget=\"8g\" -->), not from the command line\n";
      return 2;
    }
    auto outcome = docs::update_compose_doc(
        {doc, options, machine, environment, check, parse_severity(fail_on).value_or(Severity::error)});
    return docs::write_doc_outcome(std::cout, std::cerr, "composelint", doc, outcome, check);
  }

  auto resolved = compose::resolve_budget(budget_options, machine);
  if (auto* e = std::get_if<InputError>(&resolved)) {
    std::cerr << "composelint: " << (e->path.empty() ? "--memory-budget" : e->path)
              << (e->line ? ":" + std::to_string(*e->line) : "") << ": " << e->message << '\n';
    return 2;
  }
  options.budget = std::get<std::optional<compose::Budget>>(resolved);

  compose::Report report;
  auto plan = compose::plan_invocation(
      {compose_files, files, profiles, env_file.empty() ? std::nullopt : std::optional(env_file), environment});
  report.errors = std::move(plan.errors);
  std::vector<compose::Project> projects;  // --together only
  std::vector<compose::ProfileUse> profile_uses;

  std::map<std::string, std::string> texts;  // for source lines under text findings
  for (const auto& planned : plan.projects) {
    compose::LoadOptions load;
    load.files = planned.files;
    if (!env_file.empty()) load.env_file = env_file;
    load.profiles = planned.profiles.names;
    load.environment = environment;
    load.strict_yaml = strict_yaml;
    auto project = compose::load_project(load);
    for (const auto& src : project.sources) texts.emplace(src.path, src.text);
    profile_uses.push_back({planned.profiles, project.profiles, planned.files.front(), std::nullopt});
    if (together) projects.push_back(std::move(project));  // audited once all are loaded
    else report.projects.push_back(compose::audit(project, options));
  }
  if (together) {
    report.projects = compose::audit_projects(projects, options);
    report.together_total_bytes = compose::total_of(report.projects);
  }
  for (auto& e : compose::unknown_profiles(profile_uses)) report.errors.push_back(std::move(e));

  auto findings = report.all_findings();
  auto errors = report.all_errors();
  if (format == "json") {
    report::write_compose_json(std::cout, boundaudit::version(), report);
  } else if (format == "markdown") {
    report::write_compose_markdown(std::cout, report);
  } else if (format == "sarif") {
    report::write_sarif(std::cout, {"composelint", boundaudit::version(), compose::rule_infos()}, findings, errors);
  } else if (format == "github") {
    report::write_github(std::cout, findings, errors);
  } else {
    bool tty = isatty(STDOUT_FILENO) == 1;
    report::TextOptions text;
    text.color = color == "always" || (color == "auto" && tty && !std::getenv("NO_COLOR"));
    text.show_source = color == "always" || tty;
    text.lines = [&texts](const std::string& path, int line) -> std::string_view {
      auto it = texts.find(path);
      return it == texts.end() ? std::string_view{} : line_of(it->second, line);
    };
    report::write_text(std::cout, findings, errors, text);
    report::write_compose_budget_text(std::cout, report);
    std::size_t services = 0, counts[3] = {0, 0, 0};
    for (const auto& p : report.projects) services += p.services.size();
    for (const auto& f : findings) ++counts[static_cast<int>(f.severity)];
    std::cout << "composelint: " << services << " service(s) in " << report.projects.size() << " project(s): "
              << counts[2] << " error(s), " << counts[1] << " warning(s), " << counts[0] << " note(s)";
    if (!errors.empty()) std::cout << ", " << errors.size() << " input error(s)";
    std::cout << '\n';
  }

  if (!errors.empty()) return 2;
  auto threshold = parse_severity(fail_on).value_or(Severity::error);
  for (const auto& f : findings)
    if (f.severity >= threshold) return 1;
  return 0;
}
