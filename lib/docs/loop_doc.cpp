#include "docs/loop_doc.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <variant>

#include "loops/audit_tree.hpp"
#include "loops/doc_scope.hpp"
#include "report/loop_region.hpp"

namespace boundaudit::docs {

DocOutcome update_loop_doc(const LoopDocRequest& rq) {
  DocOutcome out;
  std::string error;
  // Locked from this read to the rename of the new doc (not for --check, which writes nothing).
  auto opened = loops::open_doc(rq.doc, !rq.check, &error);
  if (!opened) {
    out.errors.push_back({rq.doc, std::nullopt, error});
    return out;
  }
  const std::string* text = &opened->text;
  auto scan = find_regions(rq.doc, *text, "loopaudit", loops::kRegionAttributes);
  out.errors = std::move(scan.errors);
  std::vector<loops::RegionScope> scopes;
  for (const auto& region : scan.regions) {
    auto scope = loops::region_scope(rq.doc, region, rq.paths, rq.exclude);
    if (auto* e = std::get_if<InputError>(&scope)) out.errors.push_back(*e);
    else scopes.push_back(std::get<loops::RegionScope>(scope));
  }
  if (scan.regions.empty() && out.errors.empty())
    out.errors.push_back({rq.doc, std::nullopt, "no loopaudit region; add the lines <!-- loopaudit:begin paths=\"src\" --> "
                                                "and <!-- loopaudit:end --> where the audit belongs"});
  if (!out.errors.empty()) {
    std::sort(out.errors.begin(), out.errors.end());
    return out;
  }
  std::map<std::pair<std::vector<std::string>, std::vector<std::string>>, loops::AuditedTree> audits;
  std::vector<std::string> bodies;
  for (std::size_t i = 0; i < scopes.size(); ++i) {  // scopes[i] belongs to scan.regions[i] (no errors above)
    const auto& scope = scopes[i];
    auto key = std::make_pair(scope.paths, scope.exclude);
    auto it = audits.find(key);
    if (it == audits.end())
      it = audits.emplace(key, loops::audit_tree(scope.paths, scope.exclude, rq.config, rq.threads, rq.partial)).first;
    const auto& tree = it->second;
    if (tree.named_path_failed) {  // the region would describe part of the tree
      out.errors.push_back({rq.doc, scan.regions[i].begin_line, "a path this region covers cannot be used"});
      for (const auto& e : tree.result.errors) out.errors.push_back(e);
    }
    const auto& result = tree.result;
    for (const auto& f : result.findings) {
      if (f.severity < rq.fail_on) continue;
      // A category region answers for the findings at its own sites.
      bool in_scope = !scope.category;
      for (const auto& s : result.sites)
        if (!in_scope && s.category == scope.category && loops::finding_at(result, s) == &f) in_scope = true;
      if (in_scope) out.failing.push_back(f);
    }
    std::ostringstream body;
    report::write_loop_region(body, result,
                              {loops::doc_directory(rq.doc), scope.category, scope.lines, loops::zero_site_families(result)});
    bodies.push_back(body.str());
  }
  std::sort(out.failing.begin(), out.failing.end());
  out.failing.erase(std::unique(out.failing.begin(), out.failing.end()), out.failing.end());
  if (!out.errors.empty()) {
    std::sort(out.errors.begin(), out.errors.end());
    out.errors.erase(std::unique(out.errors.begin(), out.errors.end()), out.errors.end());
    return out;
  }
  out.update = update_regions(rq.doc, *text, scan.regions, bodies, rq.check, "loopaudit");
  return out;
}

}  // namespace boundaudit::docs
