#include "loops/audit_tree.hpp"

#include <algorithm>

#include "loops/discover.hpp"

namespace boundaudit::loops {

AuditedTree audit_tree(std::span<const std::string> paths, std::span<const std::string> exclude, const Config& config,
                       unsigned threads, bool partial) {
  auto found = discover(paths, {std::vector<std::string>(exclude.begin(), exclude.end()), true});
  auto loaded = read_sources(found.files, threads);
  AuditedTree tree;
  tree.result = audit(loaded.sources, config, threads, partial);
  tree.named_path_failed = found.named_path_failed;
  tree.sources = std::move(loaded.sources);
  auto& errors = tree.result.errors;
  errors.insert(errors.end(), found.errors.begin(), found.errors.end());
  errors.insert(errors.end(), loaded.errors.begin(), loaded.errors.end());
  std::sort(errors.begin(), errors.end());
  return tree;
}

}  // namespace boundaudit::loops
