// What a composelint doc region covers, read from its begin marker:
//
//   <!-- composelint:begin files="compose.yaml compose.override.yaml" profiles="analysis" budget="8g" lines="yes" -->
//
//   files     required: the project's compose files, space-separated, merged in order (as `-f A -f B`),
//             relative to the directory that holds the doc
//   profiles  space-separated active profiles (default: all profiles are active, as on the command line)
//   budget    the memory budget (`8g`), as --memory-budget: adds the share column and CL006
//   lines     `yes` or `no` (default): line numbers and `path#Lnn` links
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/doc_regions.hpp"

namespace boundaudit::compose {

inline constexpr std::string_view kRegionAttributes[] = {"files", "profiles", "budget", "lines"};

struct RegionScope {
  std::vector<std::string> files;  // joined to the doc's directory
  std::vector<std::string> profiles;
  std::optional<std::int64_t> budget;  // bytes
  bool lines = false;
  bool operator==(const RegionScope&) const = default;
};

// The scope of region in the doc at doc_path; a missing `files`, a bad budget or a bad `lines` is an
// InputError naming the doc and the marker's line. Reads nothing from disk.
std::variant<RegionScope, InputError> region_scope(const std::string& doc_path, const DocRegion& region);

}  // namespace boundaudit::compose
