#include "compose/audit.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <unordered_map>

#include "compose/memory.hpp"
#include "compose/registry.hpp"
#include "compose/rules.hpp"
#include "core/suppression.hpp"
#include "compose/yaml_comments.hpp"

namespace boundaudit::compose {
namespace {

MemoryField classify(const std::optional<Scalar>& scalar, std::string_view key) {
  MemoryField f;
  f.key = key;
  if (!scalar || scalar->is_null) return f;
  f.scalar = &*scalar;
  if (!scalar->unset_variables.empty()) {
    f.state = MemoryField::State::unresolved;
    return f;
  }
  auto parsed = parse_memory(scalar->text);
  if (parsed) {
    f.state = MemoryField::State::value;
    f.bytes = *parsed.bytes;
  } else {
    f.state = MemoryField::State::invalid;
    f.error = parsed.error;
  }
  return f;
}

int replicas_of(const std::optional<Scalar>& scalar) {
  if (!scalar || scalar->is_null) return 1;
  int n = 0;
  const auto& t = scalar->text;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (ec != std::errc() || end != t.data() + t.size() || n < 0) return 1;
  return n;
}

// compose-go's toBoolean: true/false in any case, and YAML 1.1's spellings (which it accepts with a warning).
std::optional<bool> boolean_of(const std::optional<Scalar>& scalar) {
  if (!scalar || scalar->is_null || !scalar->unset_variables.empty()) return std::nullopt;
  std::string t = scalar->text;
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "true" || t == "y" || t == "yes" || t == "on") return true;
  if (t == "false" || t == "n" || t == "no" || t == "off") return false;
  return std::nullopt;
}

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  if (b > 0 && a > std::numeric_limits<std::int64_t>::max() - b) return std::numeric_limits<std::int64_t>::max();
  return a + b;
}

std::int64_t saturating_mul(std::int64_t a, int b) {
  if (b != 0 && a > std::numeric_limits<std::int64_t>::max() / b) return std::numeric_limits<std::int64_t>::max();
  return a * b;
}

// Applies comment directives and x-composelint ignores with the shared suppression pass. A comment
// covers a finding on its own line or the line below, and also every finding about a service whose
// key is on that line or the line below; an x-composelint ignore list covers the findings about its
// service.
void suppress(const Project& project, bool budget_checked, std::vector<Finding>& findings) {
  auto known = [](std::string_view code) { return find_rule(code) != nullptr; };
  std::vector<Directive> directives;
  std::vector<Finding> problems;
  for (const auto& src : project.sources) {
    auto scan = scan_directives(kToolName, src, kSuppressionCodes, known, yaml_comments);
    for (auto& d : scan.directives)
      if (d.kind == Directive::Kind::ignore) directives.push_back(std::move(d));
    for (auto& p : scan.problems) problems.push_back(std::move(p));
  }
  std::unordered_map<std::string_view, const Service*> by_name;
  for (const auto& s : project.services) {
    by_name.emplace(s.name, &s);
    if (s.ignored_codes.empty()) continue;
    Directive d;
    d.site = s.ignore_site;
    d.subject = s.name;
    for (const auto& code : s.ignored_codes) {
      if (known(code)) d.codes.push_back(code);
      else
        problems.push_back(make_finding(*find_rule(kSuppressionCodes.invalid), s.ignore_site,
                                        "x-composelint ignore names unknown code " + code, &s));
    }
    directives.push_back(std::move(d));
  }
  SuppressionScope scope;
  scope.also_at = [&](const Finding& f) {
    auto it = f.subject.empty() ? by_name.end() : by_name.find(f.subject);
    return it == by_name.end() ? std::vector<Site>{} : std::vector<Site>{it->second->site};
  };
  // CL006 only runs with a budget (and with --together only on the first project); elsewhere its
  // suppressions are not judged.
  scope.unjudged = [&](std::string_view code) { return code == "CL006" && !budget_checked; };
  findings = apply_suppressions(std::move(findings), std::move(problems), directives, kSuppressionCodes, scope);
}

}  // namespace

std::string_view to_string(LimitSource s) {
  switch (s) {
    case LimitSource::none: return "";
    case LimitSource::mem_limit: return "mem_limit";
    case LimitSource::deploy: return "deploy.resources.limits.memory";
  }
  return "";
}

ServiceFacts facts_of(const Service& service) {
  ServiceFacts f;
  f.service = &service;
  f.mem_limit = classify(service.mem_limit, "mem_limit");
  f.deploy_limit = classify(service.deploy_limit, "deploy.resources.limits.memory");
  f.mem_reservation = classify(service.mem_reservation, "mem_reservation");
  f.deploy_reservation = classify(service.deploy_reservation, "deploy.resources.reservations.memory");
  f.memswap_limit = classify(service.memswap_limit, "memswap_limit");
  f.replicas = replicas_of(service.replicas);
  f.oom_kill_disable = boolean_of(service.oom_kill_disable);
  // docker compose starts from mem_limit and lets a non-zero deploy limit replace it.
  using State = MemoryField::State;
  if (f.deploy_limit.state == State::value && f.deploy_limit.bytes > 0) {
    f.limit = f.deploy_limit.bytes;
    f.limit_source = LimitSource::deploy;
  } else if (f.mem_limit.state == State::value && f.mem_limit.bytes > 0) {
    f.limit = f.mem_limit.bytes;
    f.limit_source = LimitSource::mem_limit;
  }
  return f;
}

Finding make_finding(const RuleInfo& info, Site site, std::string message, const Service* service) {
  Finding f;
  f.code = std::string(info.code);
  f.severity = info.severity;
  f.site = std::move(site);
  f.message = std::move(message);
  if (service) f.subject = service->name;
  return f;
}

namespace {

std::vector<ServiceFacts> project_facts(const Project& project) {
  std::vector<ServiceFacts> out;
  out.reserve(project.services.size());
  for (const auto& s : project.services) out.push_back(facts_of(s));
  return out;
}

AuditResult audit_with(const Project& project, const Options& options, const std::vector<ServiceFacts>& facts,
                       std::vector<BudgetPart> budget_scope) {
  RuleContext ctx{project, options, facts, std::move(budget_scope)};
  std::vector<Finding> findings;
  for (const auto& rule : rule_table())
    if (rule.check) rule.check(ctx, findings);
  // CL006 suppressions are judged only where CL006 ran.
  suppress(project, options.budget && !ctx.budget_scope.empty(), findings);
  std::erase_if(findings, [&](const Finding& f) { return !selected(options, f.code); });
  std::sort(findings.begin(), findings.end());
  findings.erase(std::unique(findings.begin(), findings.end()), findings.end());

  AuditResult result;
  result.files = project.files;
  result.budget = options.budget;
  result.errors = project.errors;
  std::sort(result.errors.begin(), result.errors.end());
  std::unordered_map<std::string_view, std::vector<std::string>> codes_by_service;
  for (const auto& f : findings)
    if (!f.subject.empty()) codes_by_service[f.subject].push_back(f.code);
  for (const auto& facts : ctx.services) {
    const Service& s = *facts.service;
    ServiceRow row;
    row.name = s.name;
    row.site = s.site;
    row.limit_bytes = facts.limit;
    row.limit_source = facts.limit_source;
    if (facts.limit) row.limit_site = facts.limit_field().scalar->site;
    row.replicas = facts.replicas;
    row.profiles = s.profiles;
    row.active = s.active;
    // The budget counts what compose starts with the selected profiles; the rules above saw every service.
    if (facts.limit && s.active) {
      auto total = saturating_mul(*facts.limit, facts.replicas);
      result.total_memory_limit_bytes = saturating_add(result.total_memory_limit_bytes, total);
      if (options.budget && options.budget->usable() > 0)
        row.budget_share = static_cast<double>(total) / static_cast<double>(options.budget->usable());
    }
    if (auto it = codes_by_service.find(s.name); it != codes_by_service.end()) row.findings = std::move(it->second);
    std::sort(row.findings.begin(), row.findings.end());
    row.findings.erase(std::unique(row.findings.begin(), row.findings.end()), row.findings.end());
    result.services.push_back(std::move(row));
  }
  std::sort(result.services.begin(), result.services.end(),
            [](const ServiceRow& a, const ServiceRow& b) { return a.name < b.name; });
  result.findings = std::move(findings);
  return result;
}

}  // namespace

AuditResult audit(const Project& project, const Options& options) {
  const auto facts = project_facts(project);
  return audit_with(project, options, facts, {BudgetPart{&project, &facts}});
}

std::vector<AuditResult> audit_projects(const std::vector<Project>& projects, const Options& options) {
  std::vector<std::vector<ServiceFacts>> facts;
  facts.reserve(projects.size());
  for (const auto& p : projects) facts.push_back(project_facts(p));
  std::vector<AuditResult> out;
  out.reserve(projects.size());
  for (std::size_t i = 0; i < projects.size(); ++i) {
    std::vector<BudgetPart> scope;
    if (!options.together)
      scope.push_back({&projects[i], &facts[i]});
    else if (i == 0)
      for (std::size_t k = 0; k < projects.size(); ++k) scope.push_back({&projects[k], &facts[k]});
    out.push_back(audit_with(projects[i], options, facts[i], std::move(scope)));
  }
  return out;
}

std::int64_t total_of(const std::vector<AuditResult>& projects) {
  std::int64_t total = 0;
  for (const auto& p : projects) total = saturating_add(total, p.total_memory_limit_bytes);
  return total;
}

std::vector<Finding> Report::all_findings() const {
  std::vector<Finding> out;
  for (const auto& p : projects) out.insert(out.end(), p.findings.begin(), p.findings.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<InputError> Report::all_errors() const {
  std::vector<InputError> out = errors;
  for (const auto& p : projects) out.insert(out.end(), p.errors.begin(), p.errors.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace boundaudit::compose
