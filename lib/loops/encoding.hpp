// Python source encodings (PEP 263): a `# -*- coding: NAME -*-` comment on line 1 or 2 declares
// the encoding of a file; everything else is UTF-8.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace boundaudit::loops {

// The encoding a coding comment on the first two lines declares, lower-cased ("latin-1"), or nothing.
std::optional<std::string> declared_encoding(std::string_view text);

// text converted from the declared encoding to UTF-8 (with iconv); nothing when the file declares
// no encoding, declares UTF-8, or does not convert cleanly.
std::optional<std::string> to_utf8(std::string_view text, const std::string& encoding);

}  // namespace boundaudit::loops
