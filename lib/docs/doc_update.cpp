#include "docs/doc_update.hpp"

#include <fmt/format.h>

#include "core/atomic_write.hpp"

namespace boundaudit {

RegionsUpdate update_regions(const std::string& path, std::string_view doc, std::span<const DocRegion> regions,
                             std::span<const std::string> bodies, bool check, std::string_view tool) {
  RegionsUpdate r;
  for (std::size_t i = 0; i < regions.size() && i < bodies.size(); ++i) {
    if (splice_regions(doc, regions.subspan(i, 1), bodies.subspan(i, 1)) == doc) continue;
    r.stale_lines.push_back(regions[i].begin_line);
    r.message += fmt::format("{}: {}:{}: the {} region {}\n", tool, path, regions[i].begin_line, tool,
                             check ? "is stale" : "is updated");
  }
  if (r.stale_lines.empty()) {
    r.status = loops::DocStatus::up_to_date;
    r.message = fmt::format("{}: {}: {} {} region{} up to date\n", tool, path, regions.size() == 1 ? "the" : "all",
                            tool, regions.size() == 1 ? " is" : "s are");
    return r;
  }
  const std::string updated = splice_regions(doc, regions, bodies);
  r.diff = line_diff(doc, updated);
  if (check) {
    r.status = loops::DocStatus::stale;
    r.message += fmt::format("{}: {}: run `{} --update-doc {}` to refresh\n", tool, path, tool, path);
    return r;
  }
  std::string error;
  if (!write_atomically(path, updated, "--update-doc", &error)) {
    r.message = fmt::format("{}: {}: {}\n", tool, path, error);
    r.stale_lines.clear();
    return r;
  }
  r.status = loops::DocStatus::updated;
  return r;
}

}  // namespace boundaudit
