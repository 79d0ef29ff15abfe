#include "compose/run.hpp"

#include "compose/budget.hpp"
#include "compose/invocation.hpp"
#include "compose/machine.hpp"
#include "compose/model.hpp"

namespace boundaudit::compose {
namespace {

std::variant<BudgetOptions, std::string> budget_of(const RunRequest& r) {
  return budget_options_from(r.memory_budget, r.docker_settings, r.headroom);
}

// The message of a budget_options_from error, without its "--flag: " (the caller names the setting).
std::optional<std::string> problem_of(const std::variant<BudgetOptions, std::string>& parsed, std::string_view flag) {
  const auto* why = std::get_if<std::string>(&parsed);
  if (!why) return std::nullopt;
  return why->starts_with(flag) ? why->substr(flag.size()) : *why;
}

}  // namespace

std::optional<std::string> budget_problem(const std::string& budget) {
  return problem_of(budget_options_from(budget, "", ""), "--memory-budget: ");
}

std::optional<std::string> headroom_problem(const std::string& headroom) {
  return problem_of(budget_options_from("auto", "", headroom), "--headroom: ");
}

std::optional<std::string> update_doc_conflict(const RunRequest& r) {
  if (r.files.empty() && !r.stdin_source && r.compose_files.empty() && r.profiles.empty() && r.memory_budget.empty() &&
      r.env_file.empty() && r.headroom.empty() && !r.together)
    return std::nullopt;
  return "--update-doc takes the files, profiles and budget from each region's marker "
         "(<!-- composelint:begin files=\"compose.yaml\" budget=\"8g\" -->), not from the command line";
}

std::variant<Options, std::string> options_of(const RunRequest& request) {
  auto budget = budget_of(request);
  if (auto* why = std::get_if<std::string>(&budget)) return *why;
  Options options;
  static_cast<Selection&>(options) = request.selection;
  options.together = request.together;
  return options;
}

std::variant<RunResult, std::string> run(const RunRequest& request) {
  auto parsed = budget_of(request);
  if (auto* why = std::get_if<std::string>(&parsed)) return *why;
  const auto& budget_options = std::get<BudgetOptions>(parsed);
  auto options = std::get<Options>(options_of(request));
  MachineProbe machine{request.environment, budget_options.docker_settings};
  RunResult out;
  auto resolved = resolve_budget(budget_options, machine);
  if (auto* e = std::get_if<InputError>(&resolved))  // no budget to check against: nothing is linted
    return (e->path.empty() ? "--memory-budget" : e->path) + (e->line ? ":" + std::to_string(*e->line) : "") + ": " +
           e->message;
  options.budget = std::get<std::optional<Budget>>(resolved);

  // Each project with its files and the profiles selected for it (plan_invocation: the command line,
  // then COMPOSE_FILE / COMPOSE_PROFILES, then compose's file names); stdin is a project of its own.
  std::vector<PlannedProject> projects;
  std::optional<std::string> env_file;
  if (!request.env_file.empty()) env_file = request.env_file;
  if (request.stdin_source)
    projects.push_back({{request.stdin_source->path},
                        profiles_for({{}, {}, request.profiles, env_file, request.environment},
                                     request.stdin_source->path, &out.report.errors)});
  if (!request.stdin_source || !request.files.empty() || !request.compose_files.empty()) {
    auto plan = plan_invocation({request.compose_files, request.files, request.profiles, env_file, request.environment});
    for (auto& e : plan.errors) out.report.errors.push_back(std::move(e));
    for (auto& p : plan.projects) projects.push_back(std::move(p));
  }
  auto disk = disk_reader();
  std::vector<Project> loaded;  // --together only
  std::vector<ProfileUse> profile_uses;
  for (const auto& planned : projects) {
    LoadOptions load;
    load.files = planned.files;
    load.env_file = env_file;
    load.profiles = planned.profiles.names;
    load.environment = request.environment;
    load.strict_yaml = request.strict_yaml;
    if (request.stdin_source)
      load.read = [&](const std::string& path) {
        return path == request.stdin_source->path ? ReadResult{*request.stdin_source, std::nullopt} : disk(path);
      };
    auto project = load_project(load);
    for (const auto& src : project.sources) out.sources.push_back(src);
    profile_uses.push_back({planned.profiles, project.profiles, planned.files.front(), std::nullopt});
    if (request.together) loaded.push_back(std::move(project));  // audited once all are loaded
    else out.report.projects.push_back(audit(project, options));
  }
  if (request.together) {
    out.report.projects = audit_projects(loaded, options);
    out.report.together_total_bytes = total_of(out.report.projects);
  }
  for (auto& e : unknown_profiles(profile_uses)) out.report.errors.push_back(std::move(e));
  return out;
}

}  // namespace boundaudit::compose
