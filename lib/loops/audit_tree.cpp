#include "loops/audit_tree.hpp"

#include <algorithm>

#include <tree_sitter/api.h>
#ifdef BOUNDAUDIT_HAVE_MIMALLOC
#include <mimalloc.h>
#endif

#include "loops/discover.hpp"
#include "loops/gitignore.hpp"

namespace boundaudit::loops {

AuditedTree audit_tree(std::span<const std::string> paths, std::span<const std::string> exclude, const Config& config,
                       unsigned threads, bool partial, std::span<const Source> given) {
  Discovery found;
  if (!paths.empty() || given.empty()) found = discover(paths, {std::vector<std::string>(exclude.begin(), exclude.end()), true});
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

bool use_fast_parse_allocator() {
#ifdef BOUNDAUDIT_HAVE_MIMALLOC
  ts_set_allocator(mi_malloc, mi_calloc, mi_realloc, mi_free);
  return true;
#else
  return false;
#endif
}

}  // namespace boundaudit::loops
