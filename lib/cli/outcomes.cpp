#include "cli/outcomes.hpp"

#include <algorithm>
#include <iterator>
#include <memory>
#include <ostream>
#include <unordered_map>

#include "cli/output.hpp"
#include "core/version.hpp"
#include "report/compose_budget.hpp"
#include "report/compose_json.hpp"
#include "report/compose_markdown.hpp"
#include "report/loop_json.hpp"
#include "report/loop_markdown.hpp"
#include "report/loop_text.hpp"

namespace boundaudit::cli {
namespace {

// Source lines of the files read, shared by the Outcome's copies.
report::LineLookup lookup(std::vector<Source> sources) {
  auto texts = std::make_shared<std::unordered_map<std::string, std::string>>();
  for (auto& s : sources) texts->emplace(std::move(s.path), std::move(s.text));
  return [texts](const std::string& path, int line) -> std::string_view {
    auto it = texts->find(path);
    return it == texts->end() ? std::string_view{} : line_of(it->second, line);
  };
}

// Keeps in a tool's own finding list only the findings the shared post-processing kept.
std::vector<Finding> kept_of(const std::vector<Finding>& own, std::span<const Finding> kept) {
  std::vector<Finding> out;
  std::copy_if(own.begin(), own.end(), std::back_inserter(out),
               [&](const Finding& f) { return std::binary_search(kept.begin(), kept.end(), f); });
  return out;
}

}  // namespace

Outcome compose_outcome(compose::RunResult result) {
  Outcome out;
  out.findings = result.report.all_findings();
  out.errors = result.report.all_errors();
  std::size_t services = 0;
  for (const auto& p : result.report.projects) services += p.services.size();
  out.inventory = plural(services, "service") + " in " + plural(result.report.projects.size(), "project");
  out.lines = lookup(std::move(result.sources));
  auto report = std::make_shared<compose::Report>(std::move(result.report));
  auto shown = [report](std::span<const Finding> kept) {
    compose::Report r = *report;
    for (auto& p : r.projects) p.findings = kept_of(p.findings, kept);
    return r;
  };
  out.write = [shown](std::ostream& stream, std::string_view format, std::span<const Finding> kept) {
    if (format == "json") report::write_compose_json(stream, boundaudit::version(), shown(kept));
    else if (format == "markdown") report::write_compose_markdown(stream, shown(kept));
  };
  out.text_tail = [shown](std::ostream& stream, std::span<const Finding> kept) {
    report::write_compose_budget_text(stream, shown(kept));
  };
  return out;
}

Outcome loop_outcome(loops::AuditedTree tree) {
  Outcome out;
  out.findings = tree.result.findings;
  out.errors = tree.result.errors;
  out.inventory = report::loop_inventory(tree.result);
  out.lines = lookup(std::move(tree.sources));
  auto result = std::make_shared<loops::AuditResult>(std::move(tree.result));
  out.write = [result](std::ostream& stream, std::string_view format, std::span<const Finding> kept) {
    loops::AuditResult shown = *result;
    shown.findings = kept_of(shown.findings, kept);
    if (format == "json") report::write_loop_json(stream, shown, boundaudit::version());
    else if (format == "markdown") report::write_loop_markdown(stream, shown, {loops::zero_site_families(shown)});
  };
  return out;
}

}  // namespace boundaudit::cli
