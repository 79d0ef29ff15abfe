// Reading a doc and writing its regenerated regions back (both tools' --update-doc and --check).
// The regions are found with core/doc_regions.hpp and rendered by each tool; this file compares,
// diffs and writes. The write itself is write_atomically (core/atomic_write.hpp), shared with the
// single-region path, so both keep one way of replacing a file.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/doc_regions.hpp"
#include "loops/doc_sync.hpp"

namespace boundaudit {

struct RegionsUpdate {
  loops::DocStatus status = loops::DocStatus::failed;
  std::string message;          // lines for stderr: "loopaudit: AUDIT.md:8: the loopaudit region is stale"
  std::string diff;             // what changed (check: what would change)
  std::vector<int> stale_lines; // begin-marker lines of the regions whose body changes
};

// Splices bodies into the regions of doc (read from path); with check only compares, else writes
// the file when anything changed.
RegionsUpdate update_regions(const std::string& path, std::string_view doc, std::span<const DocRegion> regions,
                             std::span<const std::string> bodies, bool check, std::string_view tool);

}  // namespace boundaudit
