// UTF-8 well-formedness, shared by the input check (is_text_utf8) and the output boundary
// (valid_utf8): one definition of a well-formed sequence for both.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace boundaudit {

// The length (1..4) of the well-formed UTF-8 sequence that starts text, or 0 when text does not start
// with one (Unicode's table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF). An empty
// text gives 0.
std::size_t utf8_sequence_length(std::string_view text);

// What valid_utf8 does with bytes that are not well-formed UTF-8.
enum class InvalidBytes {
  replace,  // each maximal ill-formed subpart becomes one U+FFFD (Unicode's recommended practice)
  escape,   // each such byte becomes `\xNN` (file names: the reader can still tell which file it is)
};

// The text as valid UTF-8, for output. Every formatter passes every string it prints through this, so
// a value from `.env`, a YAML `\x..` escape or a Latin-1 file name cannot abort or corrupt the output,
// and each format shows the same replacement. Valid text comes back unchanged.
std::string valid_utf8(std::string_view text, InvalidBytes how = InvalidBytes::replace);

// A file name for output: valid_utf8 with InvalidBytes::escape.
inline std::string display_path(std::string_view path) { return valid_utf8(path, InvalidBytes::escape); }

// What display_text does with CR and LF (every other control character is always escaped).
enum class LineBreaks {
  escape,  // `\n`, `\r`: the text stays on its line (text and markdown output)
  keep,    // left for the format's own escaping (GitHub workflow commands write %0A / %0D)
};

// Text for a human-readable format (text, markdown, GitHub workflow commands): valid_utf8, and every
// control character but tab (C0, DEL, the C1 range U+0080..U+009F) shown as a visible escape: `\n`,
// `\r`, `\x1b`, `\u009b`. A file name, service name or message can then neither start a line of its
// own (a forged `::error` workflow command, a forged finding) nor drive the terminal. JSON and SARIF
// escape controls themselves and use valid_utf8 / display_path.
std::string display_text(std::string_view text, InvalidBytes how = InvalidBytes::replace,
                         LineBreaks breaks = LineBreaks::escape);

// A file name for a human-readable format: display_text with InvalidBytes::escape.
inline std::string display_name(std::string_view path, LineBreaks breaks = LineBreaks::escape) {
  return display_text(path, InvalidBytes::escape, breaks);
}

}  // namespace boundaudit
