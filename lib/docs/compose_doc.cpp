#include "docs/compose_doc.hpp"

#include <filesystem>
#include <sstream>

#include "compose/doc_scope.hpp"
#include "compose/invocation.hpp"
#include "docs/doc_run.hpp"
#include "report/compose_region.hpp"

namespace boundaudit::docs {

DocOutcome update_compose_doc(const ComposeDocRequest& rq) {
  DocOutcome out;
  auto doc = open_regions<compose::RegionScope>(
      rq.doc, rq.check, "composelint", compose::kRegionAttributes,
      [&](const DocRegion& region) { return compose::region_scope(rq.doc, region); },
      "no composelint region; add the lines <!-- composelint:begin files=\"compose.yaml\" --> and "
      "<!-- composelint:end --> where the table belongs",
      &out.errors);
  if (!doc) return out;
  const auto base = std::filesystem::path(rq.doc).parent_path().generic_string();
  std::vector<std::string> bodies;
  for (std::size_t i = 0; i < doc->scopes.size(); ++i) {
    const auto& scope = doc->scopes[i];
    compose::LoadOptions load;
    load.files = scope.files;
    load.profiles = scope.profiles;
    load.environment = rq.environment;
    auto options = rq.options;
    auto budget = compose::resolve_budget({scope.budget, std::nullopt, scope.headroom}, rq.machine);
    if (auto* error = std::get_if<InputError>(&budget)) {
      // A settings file that cannot be used is named itself; anything else is said at the marker.
      out.errors.push_back(!error->path.empty() ? *error
                                                : InputError{rq.doc, doc->regions[i].begin_line, error->message});
    } else {
      options.budget = std::get<std::optional<compose::Budget>>(budget);
    }
    auto loaded = compose::load_project(load);
    std::string attribute;
    for (const auto& p : scope.profiles) attribute += (attribute.empty() ? "" : " ") + p;
    auto unknown = compose::unknown_profiles({{{scope.profiles, "profiles=\"" + attribute + "\""}, loaded.profiles,
                                               rq.doc, doc->regions[i].begin_line}});
    out.errors.insert(out.errors.end(), unknown.begin(), unknown.end());
    auto project = compose::audit(loaded, options);
    out.errors.insert(out.errors.end(), project.errors.begin(), project.errors.end());
    for (const auto& f : project.findings)
      if (f.severity >= rq.fail_on) out.failing.push_back(f);
    std::ostringstream body;
    report::write_compose_region(body, project, {base, scope.lines});
    bodies.push_back(body.str());
  }
  finish_update(out, rq.doc, doc->doc.text, doc->regions, bodies, rq.check, "composelint");
  return out;
}

}  // namespace boundaudit::docs
