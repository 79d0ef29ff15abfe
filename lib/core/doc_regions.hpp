// Self-describing generated regions in markdown docs, for both tools' --update-doc.
//
//   <!-- loopaudit:begin paths="src" exclude="**/generated/**" -->
//   ...generated...
//   <!-- loopaudit:end -->
//
// A begin marker is a line `<!-- TOOL:begin NAME="VALUE" ... -->` and an end marker a line
// `<!-- TOOL:end -->`, each alone on its line (blanks around allowed) and outside fenced code blocks.
// Values are double-quoted and hold no `"`. A file may hold several regions of a tool; they may not
// nest. This header only finds and splices regions: what the attributes mean is each tool's business
// (loops/doc_scope.hpp, compose/doc_scope.hpp).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"

namespace boundaudit {

struct DocRegion {
  int begin_line = 0;  // 1-based line of the begin marker
  int end_line = 0;    // 1-based line of the end marker
  std::vector<std::pair<std::string, std::string>> attributes;  // as written, in order, names unique

  const std::string* attribute(std::string_view name) const;
  bool operator==(const DocRegion&) const = default;
};

struct RegionScan {
  std::vector<DocRegion> regions;  // in document order
  std::vector<InputError> errors;  // malformed markers, unknown or repeated attributes, unmatched markers
};

// The regions of `tool` ("loopaudit") in doc. Attribute names not in `known` are errors naming
// path and line; so are a begin with no end, an end with no begin, and a begin inside a region.
RegionScan find_regions(std::string_view path, std::string_view doc, std::string_view tool,
                        std::span<const std::string_view> known);

// doc with the lines strictly between each region's markers replaced by a blank line, its body and a
// blank line (nothing when the body is empty). Keeps CRLF when the begin marker's line has it.
// bodies.size() == regions.size().
std::string splice_regions(std::string_view doc, std::span<const DocRegion> regions,
                           std::span<const std::string> bodies);

// A short line diff of two texts: `@@ line N @@` hunks of -/+ lines, at most max_lines of them.
std::string line_diff(std::string_view before, std::string_view after, std::size_t max_lines = 40);

// Splits an attribute value at blanks: "src lib/x" -> {"src", "lib/x"}.
std::vector<std::string> split_words(std::string_view value);

}  // namespace boundaudit
