#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
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

TEST_CASE("a source file reads whole as read_source does, or a block at a time from its start") {
  boundaudit::testing::TempDir t;
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "x" + std::to_string(i) + " = " + std::to_string(i * 7) + "\n";
  const auto path = t.file("big.py", text);
  SourceFile file(path);
  REQUIRE_FALSE(file.failed());
  CHECK(file.size() == text.size());
  std::string buffer, joined;
  int blocks = 0;
  CHECK_FALSE(file.scan(&buffer, 1000, [&](std::string_view b) {
    CHECK(b.size() <= 1000);
    joined.append(b);
    return ++blocks < 3;  // stops after the third block
  }));
  CHECK(joined == text.substr(0, 3000));
  joined.clear();
  CHECK_FALSE(file.scan(&buffer, 4096, [&](std::string_view b) {
    joined.append(b);
    return true;
  }));
  CHECK(joined == text);
  auto whole = file.read_whole({});  // after the scans: from the start again
  REQUIRE(whole.source);
  CHECK(whole.source->text == text);
  SourceFile fresh(path);
  CHECK(fresh.read_whole({}).source->text == text);

  // Opening fails as read_source does, with the same messages.
  SourceFile small(path, 100);
  REQUIRE(small.failed());
  CHECK(small.failed()->error->message == read_source(path, 100).error->message);
  CHECK(small.size() == 0);
  SourceFile missing(t.path("gone.py"));
  REQUIRE(missing.failed());
  CHECK(missing.failed()->error->message == "no such file");
  SourceFile folder(t.path());
  REQUIRE(folder.failed());
  CHECK(folder.failed()->error->message == "is a directory, not a file");
  CHECK(folder.scan(&buffer, 10, [](std::string_view) { return true; }));  // the error again
}

TEST_CASE("is_text_utf8 rejects surrogates, overlong forms and code points above U+10FFFF") {
  int line = 0;
  CHECK_FALSE(is_text_utf8("x = 1\ns = '\xED\xA0\x80'\n", &line));  // U+D800 encoded as UTF-8
  CHECK(line == 2);
  CHECK_FALSE(is_text_utf8("\xED\xBF\xBF"));          // U+DFFF
  CHECK_FALSE(is_text_utf8("\xE0\x80\xAF"));          // overlong (E0 80..9F)
  CHECK_FALSE(is_text_utf8("\xE0\x9F\xBF"));
  CHECK_FALSE(is_text_utf8("\xF0\x80\x80\xAF"));      // overlong (F0 80..8F)
  CHECK_FALSE(is_text_utf8("\xF0\x8F\xBF\xBF"));
  CHECK_FALSE(is_text_utf8("\xF4\x90\x80\x80"));      // U+110000
  CHECK(is_text_utf8("\xED\x9F\xBF \xEE\x80\x80 \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF"));  // their neighbours
}

// A read that blocks or reads without end is killed by the alarm, so the test fails instead of hanging.
struct Watchdog {
  Watchdog() { ::alarm(30); }
  ~Watchdog() { ::alarm(0); }
};

TEST_CASE("read_source refuses a FIFO without blocking") {
  Watchdog dog;
  boundaudit::testing::TempDir t;
  auto fifo = t.path("pipe.yaml");
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  auto r = read_source(fifo);
  REQUIRE(r.error);
  CHECK_FALSE(r.source);
  CHECK(r.error->path == fifo);
  CHECK(r.error->message == "is a FIFO, not a regular file");
  CHECK(r.failure == ReadFailure::unusable);
}

TEST_CASE("read_source refuses devices, also through a symbolic link, without reading them") {
  Watchdog dog;
  boundaudit::testing::TempDir t;
  std::filesystem::create_symlink("/dev/zero", t.root / ".env");
  for (const std::string& path : {std::string("/dev/zero"), t.path(".env")}) {
    auto r = read_source(path);
    REQUIRE(r.error);
    CHECK(r.error->message == "is a character device, not a regular file");
    CHECK(r.failure == ReadFailure::unusable);
  }
  auto null = read_source("/dev/null");
  REQUIRE(null.error);
  CHECK(null.error->message == "is a character device, not a regular file");
}

TEST_CASE("read_source tells a missing file from one that is there and cannot be used") {
  boundaudit::testing::TempDir t;
  auto missing = read_source(t.path("nope"));
  REQUIRE(missing.error);
  CHECK(missing.failure == ReadFailure::missing);
  auto big = read_source(t.file("big.txt", std::string(11, 'x')), 10);
  REQUIRE(big.error);
  CHECK(big.failure == ReadFailure::unusable);
  CHECK(big.error->message == "file too large (11 bytes; limit 10)");
  auto exact = read_source(t.file("ten.txt", std::string(10, 'x')), 10);
  REQUIRE(exact.source);
  CHECK(exact.source->text == std::string(10, 'x'));
  auto empty = read_source(t.file("empty.txt", ""));
  REQUIRE(empty.source);
  CHECK(empty.source->text.empty());
}

TEST_CASE("read_source stops at the limit on a file whose size stat cannot tell (/proc)") {
  // /proc files report size 0 and have content: the reader must not trust st_size alone.
  auto small = read_source("/proc/self/status");
  REQUIRE(small.source);
  CHECK(small.source->text.find("Name:") != std::string::npos);
  auto capped = read_source("/proc/self/status", 16);
  REQUIRE(capped.error);
  CHECK(capped.error->message == "file too large (limit 16 bytes)");
}
