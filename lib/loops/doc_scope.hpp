// What a loopaudit doc region covers, read from its begin marker:
//
//   <!-- loopaudit:begin paths="packages/*/src" exclude="**/generated/**" category="while" lines="yes" -->
//
//   paths     space-separated paths or globs (`*`, `?`, `[...]` within one component), relative to the
//             directory that holds the doc; each is a PATH as on the command line
//   exclude   space-separated gitignore-style globs, as --exclude; relative ones are relative to the
//             doc's directory too
//   category  `while`, `fanout` or `spawn`: only that category's table
//   lines     `yes` or `no` (default): line numbers and `path#Lnn` links in the Location column
//
// A bare marker (no `paths`) is the old form: it covers the PATHs and --exclude given on the command
// line. A region with `paths` and PATHs on the command line is a usage error (which would win?).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/doc_regions.hpp"
#include "loops/inventory.hpp"

namespace boundaudit::loops {

inline constexpr std::string_view kRegionAttributes[] = {"paths", "exclude", "category", "lines"};

struct RegionScope {
  std::vector<std::string> paths;    // as discover() takes them (joined to the doc's directory)
  std::vector<std::string> exclude;  // as DiscoverOptions::exclude takes them
  std::optional<Category> category;
  bool lines = false;
  bool operator==(const RegionScope&) const = default;
};

// The scope of region in the doc at doc_path. cli_paths and cli_exclude serve bare markers. An
// attribute with a bad value, a glob that matches nothing, or a bare marker with no PATHs is an
// InputError naming the doc and the marker's line. Expanding globs lists directories.
std::variant<RegionScope, InputError> region_scope(const std::string& doc_path, const DocRegion& region,
                                                   std::span<const std::string> cli_paths,
                                                   std::span<const std::string> cli_exclude);

// The directory of the doc as the regions' paths are relative to ("" for a doc in the current one).
std::string doc_directory(const std::string& doc_path);

}  // namespace boundaudit::loops
