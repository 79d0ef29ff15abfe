// The keys the Compose Specification allows at the top level of a compose file and in a service,
// and the "did you mean" suggestion for a key that is not one of them. One table for the whole
// library (the loader records unknown keys with it; rule CL009 reports them).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace boundaudit::compose {

enum class KeyScope { top_level, service };

// The keys of `scope`, sorted. Extension keys (`x-...`) are allowed too but not listed.
std::span<const std::string_view> known_keys(KeyScope scope);

// `key` is in the table, or an extension key (starts with "x-"), which compose leaves to tools.
bool is_known_key(KeyScope scope, std::string_view key);

// The one known key closest to `key` by edit distance (insertions, deletions, substitutions and
// swaps of neighbours), when it is close enough to be a typo: at most 1 edit for keys of up to 4
// characters, at most 2 for longer ones. nullopt when none is that close, or when two are equally close.
std::optional<std::string_view> closest_key(KeyScope scope, std::string_view key);

}  // namespace boundaudit::compose
