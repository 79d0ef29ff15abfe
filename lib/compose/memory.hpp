// Memory sizes as compose reads them (compose-go's UnitBytes over docker/go-units' RAMInBytes):
//   - a plain integer is a number of bytes ("536870912", "-1");
//   - otherwise a decimal number, an optional single space, and an optional case-insensitive suffix:
//     "b", or one of k m g t p followed by nothing, "b" or "ib" ("512m", "1.5GB", "2GiB", "1 g").
//     Units are binary (1k = 1024) whatever the spelling; fractions of a byte are truncated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boundaudit::compose {

struct MemoryValue {
  std::optional<std::int64_t> bytes;  // set on success (may be negative for a plain integer)
  std::string error;                  // set on failure: "invalid size '1.5x': unknown unit 'x'"

  explicit operator bool() const { return bytes.has_value(); }
};

MemoryValue parse_memory(std::string_view text);

// A human size in binary units with at most two decimals: "512 B", "512 MiB", "1.5 GiB", "-1 B".
std::string format_memory(std::int64_t bytes);

}  // namespace boundaudit::compose
