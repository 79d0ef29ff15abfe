// Byte order marks, conversion to UTF-8 and line breaks (lib/core/encoding.cpp).
#include <doctest/doctest.h>

#include <string>

#include "core/encoding.hpp"

using namespace boundaudit;

TEST_CASE("find_bom tells the five marks apart, UTF-32LE before UTF-16LE") {
  CHECK(find_bom("\xEF\xBB\xBFx")->encoding == "UTF-8");
  CHECK(find_bom("\xFE\xFF\0x")->encoding == "UTF-16BE");
  CHECK(find_bom(std::string("\xFF\xFEx\0", 4))->encoding == "UTF-16LE");
  CHECK(find_bom(std::string("\xFF\xFE\0\0", 4))->encoding == "UTF-32LE");
  CHECK(find_bom(std::string("\xFF\xFE\0\0", 4))->length == 4);
  CHECK(find_bom(std::string("\0\0\xFE\xFF", 4))->encoding == "UTF-32BE");
  CHECK_FALSE(find_bom("plain"));
  CHECK_FALSE(find_bom(""));
  CHECK_FALSE(find_bom("\xEF\xBB"));  // cut short
}

TEST_CASE("decode_unicode_text: BOMs decoded or dropped, every line break made LF") {
  CHECK(decode_unicode_text("a\rb\r\nc\n\r").text == "a\nb\nc\n\n");
  CHECK(decode_unicode_text("\r\r\n").text == "\n\n");
  CHECK(decode_unicode_text("\xEF\xBB\xBFk: v\n").text == "k: v\n");
  CHECK(decode_unicode_text(std::string("\xFF\xFEk\0:\0 \0\xE9\0\r\0", 12)).text == "k: \xC3\xA9\n");  // é
  CHECK(decode_unicode_text(std::string("\xFE\xFF\xD8\x3D\xDE\x00", 6)).text == "\xF0\x9F\x98\x80");   // a pair
  auto bad = decode_unicode_text(std::string("\xFE\xFF\xD8\x3D", 4));  // an unpaired high surrogate
  CHECK(bad.error == "starts with a UTF-16BE byte order mark but is not valid UTF-16BE");
  CHECK(bad.text == std::string("\xFE\xFF\xD8\x3D", 4));  // left as it was
  CHECK_FALSE(decode_unicode_text("plain\n").error);
}

TEST_CASE("transcode_to_utf8 refuses unknown encodings and text that does not convert") {
  CHECK(transcode_to_utf8("caf\xE9", "LATIN1") == std::string("caf\xC3\xA9"));
  CHECK_FALSE(transcode_to_utf8("abc", "NO-SUCH-ENCODING"));
  CHECK_FALSE(transcode_to_utf8("\xFF", "ASCII"));
  CHECK(transcode_to_utf8("", "UTF-16LE") == std::string());
}
