#include <doctest/doctest.h>

#include <string>

#include "core/diagnostic.hpp"
#include "support/temp_dir.hpp"

using namespace boundaudit;

TEST_CASE("is_text_utf8 accepts UTF-8 text and names the line of the first bad byte") {
  int line = 0;
  CHECK(is_text_utf8(""));
  CHECK(is_text_utf8("plain ascii that is longer than one eight-byte block\nand a second line\n"));
  CHECK(is_text_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 done, and more ascii after it"));
  CHECK_FALSE(is_text_utf8("ok\nok\nlatin-1 caf\xe9 here\n", &line));
  CHECK(line == 3);
  // A NUL anywhere, inside or outside an eight-byte block, is not text.
  for (std::size_t at : {0u, 3u, 7u, 8u, 15u, 20u}) {
    std::string s(24, 'a');
    s[at] = '\0';
    CHECK_FALSE(is_text_utf8(s, &line));
    CHECK(line == 1);
  }
  CHECK_FALSE(is_text_utf8("\xc0\xaf"));              // overlong
  CHECK_FALSE(is_text_utf8("abc\xe2\x82"));           // truncated at the end
  CHECK_FALSE(is_text_utf8("abc\xe2\x28\xa1 xxxxxxx"));  // bad continuation byte
  CHECK_FALSE(is_text_utf8("\xf5\x80\x80\x80"));      // beyond U+10FFFF
}

TEST_CASE("line_of returns one line without its line break") {
  std::string text = "one\r\ntwo\nthree";
  CHECK(line_of(text, 1) == "one");
  CHECK(line_of(text, 2) == "two");
  CHECK(line_of(text, 3) == "three");
  CHECK(line_of(text, 4).empty());
  CHECK(line_of(text, 0).empty());
}

TEST_CASE("site_from_zero_based converts once to 1-based") {
  auto s = site_from_zero_based("a.py", 0, 4);
  CHECK(s.line == 1);
  CHECK(s.column == 5);
}

TEST_CASE("read_source reports missing files, directories and oversize files") {
  boundaudit::testing::TempDir t;
  auto ok = read_source(t.file("a.txt", "hello\n"));
  REQUIRE(ok.source);
  CHECK(ok.source->text == "hello\n");
  auto missing = read_source(t.path("nope.txt"));
  REQUIRE(missing.error);
  CHECK(missing.error->message == "no such file");
  auto dir = read_source(t.path());
  REQUIRE(dir.error);
  CHECK(dir.error->message.find("directory") != std::string::npos);
  auto big = read_source(t.file("big.txt", std::string(100, 'x')), 10);
  REQUIRE(big.error);
  CHECK(big.error->message.find("too large") != std::string::npos);
}
