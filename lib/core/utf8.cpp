#include "core/utf8.hpp"

namespace boundaudit {
namespace {

// The number of bytes of text, from its start, that are a prefix of some well-formed sequence
// (a "maximal subpart" when the sequence is cut short); the full length when it is complete.
struct Scan {
  std::size_t good = 0;   // bytes that belong to a (possibly incomplete) well-formed sequence
  bool complete = false;  // those bytes are a whole well-formed sequence
};

Scan scan(std::string_view text) {
  if (text.empty()) return {};
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {1, true};
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte (table 3-7)
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong below U+0800
    if (lead == 0xED) high = 0x9F;  // surrogates U+D800..DFFF
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong below U+10000
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return {0, false};  // a continuation byte, C0, C1 or F5..FF cannot start a sequence
  }
  std::size_t i = 1;
  for (; i < length && i < text.size(); ++i) {
    const unsigned char c = byte(i);
    const bool ok = i == 1 ? (c >= low && c <= high) : (c >= 0x80 && c <= 0xBF);
    if (!ok) break;
  }
  return {i, i == length};
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text) {
  const Scan s = scan(text);
  return s.complete ? s.good : 0;
}

std::string valid_utf8(std::string_view text, InvalidBytes how) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Scan s = scan(text.substr(pos));
    if (s.complete) {
      out.append(text, pos, s.good);
      pos += s.good;
      continue;
    }
    const std::size_t bad = s.good == 0 ? 1 : s.good;
    if (how == InvalidBytes::replace) {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else {
      static constexpr char hex[] = "0123456789abcdef";
      for (std::size_t i = 0; i < bad; ++i) {
        const auto c = static_cast<unsigned char>(text[pos + i]);
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
    pos += bad;
  }
  return out;
}

std::string display_text(std::string_view text, InvalidBytes how, LineBreaks breaks) {
  const std::string valid = valid_utf8(text, how);
  std::string out;
  out.reserve(valid.size());
  static constexpr char hex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) <= 0x9F) {
      // U+0080..U+009F (C1 controls; U+009B is a one-byte CSI on some terminals). The next byte is a
      // continuation byte 0x80..0x9F, since valid holds well-formed UTF-8.
      const auto low = static_cast<unsigned char>(valid[++i]);
      out += "\\u00";
      out += hex[low >> 4];
      out += hex[low & 15];
      continue;
    }
    if (c >= 0x20 && c != 0x7F) {
      out += static_cast<char>(c);
      continue;
    }
    if (c == '\t' || ((c == '\n' || c == '\r') && breaks == LineBreaks::keep)) {
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace boundaudit
