#include <doctest/doctest.h>

#include <string>

#include "core/diagnostic.hpp"
#include "core/utf8.hpp"

using namespace boundaudit;

namespace {

const std::string kFffd = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("utf8_sequence_length follows Unicode's table of well-formed sequences") {
  CHECK(utf8_sequence_length("a") == 1);
  CHECK(utf8_sequence_length("\xC3\xA9") == 2);              // é
  CHECK(utf8_sequence_length("\xED\x9F\xBF") == 3);          // U+D7FF, the last before the surrogates
  CHECK(utf8_sequence_length("\xEE\x80\x80") == 3);          // U+E000, the first after them
  CHECK(utf8_sequence_length("\xF4\x8F\xBF\xBF") == 4);      // U+10FFFF
  CHECK(utf8_sequence_length("\xED\xA0\x80") == 0);          // U+D800, a surrogate
  CHECK(utf8_sequence_length("\xED\xBF\xBF") == 0);          // U+DFFF
  CHECK(utf8_sequence_length("\xC0\xAF") == 0);              // overlong '/'
  CHECK(utf8_sequence_length("\xE0\x80\xAF") == 0);          // overlong, 3 bytes
  CHECK(utf8_sequence_length("\xE0\x9F\xBF") == 0);          // overlong, 3 bytes (E0 80..9F)
  CHECK(utf8_sequence_length("\xF0\x80\x80\xAF") == 0);      // overlong, 4 bytes (F0 80..8F)
  CHECK(utf8_sequence_length("\xF4\x90\x80\x80") == 0);      // U+110000
  CHECK(utf8_sequence_length("\xF5\x80\x80\x80") == 0);
  CHECK(utf8_sequence_length("\x80") == 0);
  CHECK(utf8_sequence_length("\xC3") == 0);                  // cut short
  CHECK(utf8_sequence_length("") == 0);
}

TEST_CASE("valid_utf8 keeps valid text and replaces each maximal ill-formed subpart with one U+FFFD") {
  CHECK(valid_utf8("plain ascii") == "plain ascii");
  CHECK(valid_utf8("caf\xC3\xA9 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(valid_utf8("caf\xE9!") == "caf" + kFffd + "!");                 // Latin-1 é
  CHECK(valid_utf8("\xED\xA0\x80") == kFffd + kFffd + kFffd);           // surrogate: ED, A0, 80 apart
  CHECK(valid_utf8("\xE2\x82") == kFffd);                              // a cut-short € is one subpart
  CHECK(valid_utf8("\xE2\x82x") == kFffd + "x");
  CHECK(valid_utf8("\xF0\x80\x80\x80") == kFffd + kFffd + kFffd + kFffd);
  CHECK(valid_utf8("\xF4\x90\x80\x80") == kFffd + kFffd + kFffd + kFffd);
  CHECK(valid_utf8("\xFF\xFE") == kFffd + kFffd);
  CHECK(valid_utf8(std::string("a\0b", 3)) == std::string("a\0b", 3));  // NUL is valid UTF-8
}

TEST_CASE("every output of valid_utf8 passes the input check (apart from NUL)") {
  for (int a = 0x80; a < 0x100; ++a)
    for (int b : {0x00, 0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF}) {
      std::string s{static_cast<char>(a), static_cast<char>(b == 0 ? 'z' : b), '\x80', '\xBF'};
      CHECK(is_text_utf8(valid_utf8(s)));
      CHECK(is_text_utf8(valid_utf8(s, InvalidBytes::escape)));
    }
}

TEST_CASE("display_path shows the bytes of a file name that is not UTF-8 as \\xNN") {
  CHECK(display_path("src/caf\xC3\xA9.py") == "src/caf\xC3\xA9.py");
  CHECK(display_path("src/caf\xE9.py") == "src/caf\\xe9.py");
  CHECK(display_path("\xED\xA0\x80.py") == "\\xed\\xa0\\x80.py");
}
