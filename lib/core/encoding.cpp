#include "core/encoding.hpp"

#include <iconv.h>

namespace boundaudit {

std::optional<ByteOrderMark> find_bom(std::string_view text) {
  if (text.starts_with(std::string_view("\x00\x00\xFE\xFF", 4))) return ByteOrderMark{"UTF-32BE", 4};
  if (text.starts_with(std::string_view("\xFF\xFE\x00\x00", 4))) return ByteOrderMark{"UTF-32LE", 4};
  if (text.starts_with("\xEF\xBB\xBF")) return ByteOrderMark{"UTF-8", 3};
  if (text.starts_with("\xFE\xFF")) return ByteOrderMark{"UTF-16BE", 2};
  if (text.starts_with("\xFF\xFE")) return ByteOrderMark{"UTF-16LE", 2};
  return std::nullopt;
}

std::optional<std::string> transcode_to_utf8(std::string_view text, const std::string& encoding) {
  iconv_t cd = ::iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(text.size() * 4 + 16, '\0');  // 4 bytes per input byte at most (a 1-byte charset)
  char* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  std::size_t rc = ::iconv(cd, &in, &in_left, &dst, &out_left);
  ::iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

namespace {

// CRLF and lone CR become LF (YAML 1.2 section 5.4 normalises line breaks in content the same way).
void normalize_line_breaks(std::string& text) {
  if (text.find('\r') == std::string::npos) return;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
  }
  text = std::move(out);
}

}  // namespace

DecodedText decode_unicode_text(std::string text) {
  DecodedText r;
  if (auto bom = find_bom(text)) {
    std::string_view body = std::string_view(text).substr(bom->length);
    if (bom->encoding == "UTF-8") {
      text.erase(0, bom->length);
    } else if (auto utf8 = transcode_to_utf8(body, std::string(bom->encoding))) {
      text = std::move(*utf8);
    } else {
      r.error = "starts with a " + std::string(bom->encoding) + " byte order mark but is not valid " +
                std::string(bom->encoding);
      r.text = std::move(text);
      return r;
    }
  }
  normalize_line_breaks(text);
  r.text = std::move(text);
  return r;
}

}  // namespace boundaudit
