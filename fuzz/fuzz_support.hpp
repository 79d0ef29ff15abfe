// What the fuzz targets share: a property that does not hold is reported and aborts, so libFuzzer
// saves the input like any other crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"

namespace boundaudit::fuzz {

[[noreturn]] inline void fail(std::string_view what) {
  std::fprintf(stderr, "fuzz property violated: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

// An output that claims to be JSON (the JSON and SARIF formats) must parse as JSON, which includes
// being valid UTF-8: a consumer of either format reads it with a strict parser.
inline void expect_json(const std::string& text, std::string_view format) {
  if (!nlohmann::json::accept(text)) fail(std::string(format) + " output is not valid JSON");
}

// Text formats are read by people and by CI log viewers: whatever the input bytes were, they go out
// as UTF-8 (the loader and the audit reject or decode other encodings before anything is reported).
inline void expect_utf8(std::string_view text, std::string_view format) {
  // is_text_utf8 also rejects NUL, which no format may emit either.
  if (!is_text_utf8(text)) fail(std::string(format) + " output is not UTF-8 text");
}

}  // namespace boundaudit::fuzz
