#include "docs/compose_doc.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <variant>

#include "compose/doc_scope.hpp"
#include "report/compose_region.hpp"

namespace boundaudit::docs {

DocOutcome update_compose_doc(const ComposeDocRequest& rq) {
  DocOutcome out;
  std::string error;
  // Locked from this read to the rename of the new doc (not for --check, which writes nothing).
  auto opened = loops::open_doc(rq.doc, !rq.check, &error);
  if (!opened) {
    out.errors.push_back({rq.doc, std::nullopt, error});
    return out;
  }
  const std::string* text = &opened->text;
  auto scan = find_regions(rq.doc, *text, "composelint", compose::kRegionAttributes);
  out.errors = std::move(scan.errors);
  std::vector<compose::RegionScope> scopes;
  for (const auto& region : scan.regions) {
    auto scope = compose::region_scope(rq.doc, region);
    if (auto* e = std::get_if<InputError>(&scope)) out.errors.push_back(*e);
    else scopes.push_back(std::get<compose::RegionScope>(scope));
  }
  if (scan.regions.empty() && out.errors.empty())
    out.errors.push_back({rq.doc, std::nullopt, "no composelint region; add the lines <!-- composelint:begin "
                                                "files=\"compose.yaml\" --> and <!-- composelint:end --> where the table belongs"});
  if (!out.errors.empty()) {
    std::sort(out.errors.begin(), out.errors.end());
    return out;
  }
  const auto base = std::filesystem::path(rq.doc).parent_path().generic_string();
  std::vector<std::string> bodies;
  for (const auto& scope : scopes) {
    compose::LoadOptions load;
    load.files = scope.files;
    load.profiles = scope.profiles;
    load.environment = rq.environment;
    auto options = rq.options;
    options.memory_budget = scope.budget;
    auto project = compose::audit(compose::load_project(load), options);
    out.errors.insert(out.errors.end(), project.errors.begin(), project.errors.end());
    for (const auto& f : project.findings)
      if (f.severity >= rq.fail_on) out.failing.push_back(f);
    std::ostringstream body;
    report::write_compose_region(body, project, {base, scope.lines});
    bodies.push_back(body.str());
  }
  std::sort(out.failing.begin(), out.failing.end());
  out.failing.erase(std::unique(out.failing.begin(), out.failing.end()), out.failing.end());
  if (!out.errors.empty()) {
    std::sort(out.errors.begin(), out.errors.end());
    out.errors.erase(std::unique(out.errors.begin(), out.errors.end()), out.errors.end());
    return out;
  }
  out.update = update_regions(rq.doc, *text, scan.regions, bodies, rq.check, "composelint");
  return out;
}

}  // namespace boundaudit::docs
