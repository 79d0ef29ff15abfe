#include "docs/loop_doc.hpp"

#include <map>
#include <set>
#include <sstream>

#include "docs/doc_run.hpp"
#include "loops/audit_tree.hpp"
#include "loops/doc_scope.hpp"
#include "report/loop_region.hpp"

namespace boundaudit::docs {

DocOutcome update_loop_doc(const LoopDocRequest& rq) {
  DocOutcome out;
  auto doc = open_regions<loops::RegionScope>(
      rq.doc, rq.check, "loopaudit", loops::kRegionAttributes,
      [&](const DocRegion& region) { return loops::region_scope(rq.doc, region, rq.paths, rq.exclude); },
      "no loopaudit region; add the lines <!-- loopaudit:begin paths=\"src\" --> and <!-- loopaudit:end --> "
      "where the audit belongs",
      &out.errors);
  if (!doc) return out;
  std::map<std::pair<std::vector<std::string>, std::vector<std::string>>, loops::AuditedTree> audits;
  std::vector<std::string> bodies;
  for (std::size_t i = 0; i < doc->scopes.size(); ++i) {
    const auto& scope = doc->scopes[i];
    auto key = std::make_pair(scope.paths, scope.exclude);
    auto it = audits.find(key);
    if (it == audits.end())
      it = audits.emplace(key, loops::audit_tree(scope.paths, scope.exclude, rq.config, rq.threads, rq.partial)).first;
    const auto& tree = it->second;
    if (tree.named_path_failed) {  // the region would describe part of the tree
      out.errors.push_back({rq.doc, doc->regions[i].begin_line, "a path this region covers cannot be used"});
      for (const auto& e : tree.result.errors) out.errors.push_back(e);
    }
    const auto& result = tree.result;
    // A category region answers for the findings at its own sites (one pass over the sites, each
    // read back once).
    std::set<const Finding*> at_own_sites;
    if (scope.category)
      for (const auto& s : result.sites)
        if (s.category == *scope.category)
          if (const Finding* f = loops::finding_at(result, s)) at_own_sites.insert(f);
    for (const auto& f : result.findings)
      if (f.severity >= rq.fail_on && (!scope.category || at_own_sites.count(&f))) out.failing.push_back(f);
    std::ostringstream body;
    report::write_loop_region(body, result,
                              {loops::doc_directory(rq.doc), scope.category, scope.lines, loops::zero_site_families(result)});
    bodies.push_back(body.str());
  }
  finish_update(out, rq.doc, doc->doc.text, doc->regions, bodies, rq.check, "loopaudit");
  return out;
}

}  // namespace boundaudit::docs
