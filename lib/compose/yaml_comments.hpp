// Where the comments of a YAML file are, so that suppression directives are read from comments only:
// a `# composelint: ignore[...]` inside a quoted scalar, a block scalar (`command: |`) or a plain
// value such as `url: http://x/#frag` is text, not a directive.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace boundaudit::compose {

// Each comment as (byte offset of its '#', length up to the end of its line), in order. A '#' starts
// a comment at the start of a line or after a blank, outside quoted scalars (which may span lines)
// and outside the content lines of a block scalar (the lines after a `|` or `>` header that are
// blank or indented deeper than the header's line).
std::vector<std::pair<std::size_t, std::size_t>> yaml_comments(std::string_view text);

}  // namespace boundaudit::compose
