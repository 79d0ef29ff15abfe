// What a composelint doc region covers, read from its begin marker:
//
//   <!-- composelint:begin files="compose.yaml compose.override.yaml" profiles="analysis" budget="8g" lines="yes" -->
//
//   files     required: the project's compose files, space-separated, merged in order (as `-f A -f B`),
//             relative to the directory that holds the doc
//   profiles  space-separated profiles to enable, `*` for all (default: none; COMPOSE_PROFILES is not read). Every service
//             is listed and linted; the total and the budget count only the active ones
//   budget    the memory budget (`8g`, or `auto` for this machine's), as --memory-budget: adds the share
//             column and CL006. With `auto` the region shows the memory of the machine that writes it.
//   headroom  memory to keep free for the host (`2g`), as --headroom; needs budget
//   lines     `yes` or `no` (default): line numbers and `path#Lnn` links
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "compose/budget.hpp"
#include "core/diagnostic.hpp"
#include "core/doc_regions.hpp"

namespace boundaudit::compose {

inline constexpr std::string_view kRegionAttributes[] = {"files", "profiles", "budget", "headroom", "lines"};

struct RegionScope {
  std::vector<std::string> files;  // joined to the doc's directory
  std::vector<std::string> profiles;
  std::optional<BudgetSpec> budget;
  std::int64_t headroom = 0;  // bytes
  bool lines = false;
  bool operator==(const RegionScope&) const = default;
};

// The scope of region in the doc at doc_path; a missing `files`, a bad budget or headroom or a bad `lines` is an
// InputError naming the doc and the marker's line. Reads nothing from disk.
std::variant<RegionScope, InputError> region_scope(const std::string& doc_path, const DocRegion& region);

}  // namespace boundaudit::compose
