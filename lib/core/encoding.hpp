// Text in encodings other than UTF-8: byte order marks, conversion to UTF-8 (iconv), line breaks.
// Shared by the compose loader (YAML may be UTF-8, UTF-16 or UTF-32 with a BOM) and loopaudit
// (PEP 263 coding declarations).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace boundaudit {

// A Unicode byte order mark at the start of a text.
struct ByteOrderMark {
  std::string_view encoding;  // iconv's name: "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"
  std::size_t length = 0;     // bytes of the mark
};

// The mark text starts with, if any (UTF-32LE's FF FE 00 00 is told apart from UTF-16LE's FF FE).
std::optional<ByteOrderMark> find_bom(std::string_view text);

// text converted from `encoding` (a name iconv knows) to UTF-8; nullopt when iconv does not know the
// encoding or text does not convert cleanly (a cut-off code unit, an unpaired surrogate).
std::optional<std::string> transcode_to_utf8(std::string_view text, const std::string& encoding);

// The YAML reading of text: a UTF-16 or UTF-32 text (told by its BOM, as YAML 1.2 section 5.2 does)
// converted to UTF-8, a UTF-8 BOM dropped, and every line break (CRLF, lone CR) made LF, so line
// numbers count the same in every later stage. `error` is set (and the text left as it was) when a
// BOM announces an encoding that the rest of the text is not in.
struct DecodedText {
  std::string text;
  std::optional<std::string> error;
};
DecodedText decode_unicode_text(std::string text);

}  // namespace boundaudit
