// composelint [options] [FILE | DIRECTORY...]: its settings and its call into compose::run; lib/cli does the rest.
#include <iostream>

#include "cli/app.hpp"
#include "cli/outcomes.hpp"
#include "compose/registry.hpp"
#include "docs/compose_doc.hpp"
#include "docs/print_outcome.hpp"

int main(int argc, char** argv) {
  using namespace boundaudit;
  compose::RunRequest run;
  std::string doc;  // --update-doc FILE [--check]
  bool check = false;
  cli::Tool tool{"composelint", "composelint: every compose service has a real memory limit", compose::rule_infos(),
                 "FILE", "compose files or project dirs (default: COMPOSE_FILE, else .); - reads stdin", "", {}, {}};
  tool.settings = {
      cli::list("files", &run.compose_files, "compose files merged into one project, in order")
          .flag_names("-f,--file").value("FILE"),
      cli::text("env-file", &run.env_file, "variables file (default: .env beside the first compose file)").value("FILE"),
      cli::list("profiles", &run.profiles, "profile to enable (repeatable; '*' for all; default: COMPOSE_PROFILES); "
                "every service is linted, the budget counts those without a profile and the enabled ones")
          .flag_names("--profile").value("NAME"),
      cli::text("memory-budget", &run.memory_budget, "total memory for limit x replicas over services, e.g. 8g; "
                "auto: Docker Desktop's VM memory, else the memory this process can see")
          .value("SIZE").checked(compose::budget_problem),
      cli::text("docker-settings", &run.docker_settings, "with --memory-budget auto (implied): read the VM memory "
                "from this Docker Desktop settings file").value("FILE"),
      cli::text("headroom", &run.headroom, "memory to keep free for the host; CL006 checks budget - headroom "
                "(default 0)").value("SIZE").checked(compose::headroom_problem),
      cli::flag("together", &run.together, "the projects on the command line run at the same time: CL006 and "
                                           "the totals cover their sum"),
      cli::flag("strict-yaml", &run.strict_yaml, "YAML 1.2 exactly: also reject a flow collection at its parent's "
                "indentation (docker compose accepts it)"),
      cli::text("update-doc", &doc, "regenerate every <!-- composelint:begin files=\"...\" --> region of this "
                "markdown file from its marker's attributes (instead of printing a report)")
          .command_line_only().value("FILE"),
      cli::flag("check", &check, "with --update-doc: change nothing, exit 1 when a region is stale")
          .command_line_only().only_with("update-doc"),
  };
  tool.audit = [&](const cli::Request& r) -> cli::Outcome {
    run.files = r.inputs, run.stdin_source = r.stdin_source, run.environment = r.environment, run.selection = r.selection;
    auto fail = [&](const std::string& why) { return *r.err << "composelint: " << why << '\n', cli::Outcome::finished(2); };
    auto conflict = doc.empty() ? std::nullopt : compose::update_doc_conflict(run);
    auto options = compose::options_of(run);
    if (conflict || std::holds_alternative<std::string>(options))
      return fail(conflict ? *conflict : std::get<std::string>(options));
    if (doc.empty()) {
      auto result = compose::run(run);
      if (auto* why = std::get_if<std::string>(&result)) return fail(*why);
      return cli::compose_outcome(std::move(std::get<compose::RunResult>(result)));
    }
    auto settings_file = run.docker_settings.empty() ? std::nullopt : std::optional(run.docker_settings);
    auto outcome = docs::update_compose_doc(
        {doc, std::get<compose::Options>(options), {r.environment, settings_file}, r.environment, check, r.fail_on});
    return cli::Outcome::finished(docs::write_doc_outcome(std::cout, *r.err, "composelint", doc, outcome, check));
  };
  return cli::run(std::move(tool), argc, argv);
}
