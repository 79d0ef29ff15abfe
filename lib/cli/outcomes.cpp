#include "cli/outcomes.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <memory>
#include <optional>
#include <ostream>
#include <unordered_map>
#include <utility>

#include "cli/output.hpp"
#include "core/utf8.hpp"
#include "core/version.hpp"
#include "report/compose_budget.hpp"
#include "report/compose_json.hpp"
#include "report/compose_markdown.hpp"
#include "report/loop_json.hpp"
#include "report/loop_markdown.hpp"
#include "report/loop_text.hpp"

namespace boundaudit::cli {
namespace {

// Source lines of the sources held, and of files read again from disk when asked about (a tool that
// streams its files holds none of them when it reports); shared by the Outcome's copies. A file read
// here is kept, so the views stay valid: only the files with findings are ever asked about.
report::LineLookup lookup(std::vector<Source> sources) {
  auto texts = std::make_shared<std::unordered_map<std::string, std::optional<std::string>>>();
  for (auto& s : sources) texts->emplace(std::move(s.path), std::move(s.text));
  return [texts](const std::string& path, int line) -> std::string_view {
    auto it = texts->find(path);
    if (it == texts->end()) {
      auto read = read_source(path);
      it = texts->emplace(path, read.source ? std::optional(std::move(read.source->text)) : std::nullopt).first;
    }
    return it->second ? line_of(*it->second, line) : std::string_view{};
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
  out.lines = lookup(std::move(tree.held));
  auto result = std::make_shared<loops::AuditResult>(std::move(tree.result));
  out.write = [result](std::ostream& stream, std::string_view format, std::span<const Finding> kept) {
    // Only the findings differ from the audit's (those kept): they are swapped in and back, so the
    // sites, most of a large tree's result, are not copied.
    auto all = std::exchange(result->findings, kept_of(result->findings, kept));
    const loops::AuditResult& shown = *result;
    if (format == "json") report::write_loop_json(stream, shown, boundaudit::version());
    else if (format == "markdown") report::write_loop_markdown(stream, shown, {loops::zero_site_families(shown)});
    result->findings = std::move(all);
  };
  return out;
}

std::optional<loops::ContentCache> open_loop_cache(std::ostream& err, const Request& request, std::string dir) {
  if (dir.empty())
    if (auto it = request.environment.find("LOOPAUDIT_CACHE_DIR"); it != request.environment.end()) dir = it->second;
  if (dir.empty()) {
    auto root = request.config_path ? std::filesystem::path(*request.config_path).parent_path() : std::filesystem::path();
    dir = (root / ".loopaudit_cache").string();
  }
  auto opened = loops::ContentCache::open(dir);
  if (auto* why = std::get_if<std::string>(&opened)) {
    err << "loopaudit: warning: " << display_name(*why) << "; running without the cache\n";
    return std::nullopt;
  }
  return std::get<loops::ContentCache>(std::move(opened));
}

}  // namespace boundaudit::cli
