#include "docs/doc_run.hpp"

namespace boundaudit::docs {

void finish_update(DocOutcome& out, const std::string& path, std::string_view text, std::span<const DocRegion> regions,
                   std::span<const std::string> bodies, bool check, std::string_view tool) {
  std::sort(out.failing.begin(), out.failing.end());
  out.failing.erase(std::unique(out.failing.begin(), out.failing.end()), out.failing.end());
  if (!out.errors.empty()) {
    std::sort(out.errors.begin(), out.errors.end());
    out.errors.erase(std::unique(out.errors.begin(), out.errors.end()), out.errors.end());
    return;
  }
  out.update = update_regions(path, text, regions, bodies, check, tool);
}

}  // namespace boundaudit::docs
