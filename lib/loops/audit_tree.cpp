#include "loops/audit_tree.hpp"

#include <algorithm>

#include "loops/discover.hpp"
#include "loops/gitignore.hpp"
#include "loops/heap.hpp"

namespace boundaudit::loops {

AuditedTree audit_tree(std::span<const std::string> paths, std::span<const std::string> exclude, const Config& config,
                       unsigned threads, bool partial, std::span<const Source> given) {
  Discovery found;
  if (!paths.empty() || given.empty()) {
    // The walk's scratch (each folder's entries, the ids of the files, the folders seen) is freed as
    // it ends, and the audit's first step would otherwise find it still held.
    const ReleaseAtOnce walk_alone;
    found = discover(paths, {std::vector<std::string>(exclude.begin(), exclude.end()), true});
  }
  AuditedTree tree;
  const auto excluded = glob_rules(exclude);
  for (const auto& source : given)
    if (!path_matched(excluded, source.path)) tree.held.push_back(source);
  tree.result = audit(SourceSet{std::move(found.files), tree.held}, config, threads, partial);
  tree.named_path_failed = found.named_path_failed;
  auto& errors = tree.result.errors;
  errors.insert(errors.end(), found.errors.begin(), found.errors.end());
  std::sort(errors.begin(), errors.end());
  return tree;
}

}  // namespace boundaudit::loops
