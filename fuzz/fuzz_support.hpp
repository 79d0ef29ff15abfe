// What the fuzz targets share: a property that does not hold is reported and aborts, so libFuzzer
// saves the input like any other crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace boundaudit::fuzz {

[[noreturn]] inline void fail(std::string_view what) {
  std::fprintf(stderr, "fuzz property violated: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

// Every format is read by tools or people that expect UTF-8: whatever the input bytes were, the output
// is UTF-8 text (the loader and the audit reject or decode other encodings before anything is
// reported). is_text_utf8 also rejects NUL, which no format may emit either.
inline void expect_utf8(std::string_view text, std::string_view format) {
  if (!is_text_utf8(text)) fail(std::string(format) + " output is not UTF-8 text");
}

// The JSON and SARIF writers build a nlohmann::json value and dump it, so their output is well-formed
// JSON by construction or an exception (which aborts: the known bug with non-UTF-8 strings). Parsing
// it again took a fifth of compose_fuzz's time and fed the fuzzer comparisons against our own output,
// so only the document's shape is checked here, and the text is checked as UTF-8.
inline void expect_json(std::string_view text, std::string_view format) {
  if (!text.starts_with('{') || !text.ends_with("}\n")) fail(std::string(format) + " output is not one JSON object");
  expect_utf8(text, format);
}

}  // namespace boundaudit::fuzz
