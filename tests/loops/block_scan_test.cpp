#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "loops/block_scan.hpp"
#include "loops/chunks.hpp"
#include "loops/triggers.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;
namespace fs = std::filesystem;

namespace {

// Every lexer state, and the places where one piece can end inside another's decision: prefixes
// (an f-string's braces are code, a raw or byte string's are not), triple quotes, backslashes
// before quotes and before CR LF, one-line strings left open, comments, words at the very end.
const std::vector<std::string> kTexts = {
    "while x:\n    pass\n",
    "# while in a comment\nx = 1\n",
    "s = 'while'\nt = \"gather\"\nu = '''wait\nwhile'''\nv = \"\"\"submit\"\"\"\n",
    "f'{gather(x)}' rb'while' Rb\"\"\"system\"\"\" F\"{pool}\" fr'{Popen}' bf'x'\n",
    "s = 'a\\'b while'\nt = 'open\nwhile True: pass\n",
    "s = 'x\\\r\nwhile'\r\nx = wait\r\n",
    "x = '''a''' '' \"\" '''''' 'abc' while\n",
    "elif'while' xf'{gather}' abcf\"{Popen}\" fxy'{submit}'\n",
    "s = 'ab\\c\nwhile x'\n",
    "d = \"\"\"He said \"hi\" and ''while''\"\"\" + '''it's '' wait''' + gather\n",
    "'''never closed while gather",
    "f'''never closed {while} gather",
    "x = ab",
    "ab'x'",
    "#",
    "'",
    "f'a\\",
    "pool_executor = ThreadPoolExecutor()\n",
    "",
    "caf\xc3\xa9 = '\xe2\x82\xac' while\n",
};

std::vector<std::string> whole_words(std::string_view text) {
  std::vector<std::string> out;
  for_each_code_word(text, [&](std::string_view w) {
    out.emplace_back(w);
    return false;
  });
  return out;
}

// The words of text fed in pieces: first `first` bytes, then `size` bytes at a time.
std::vector<std::string> streamed_words(std::string_view text, std::size_t first, std::size_t size) {
  std::vector<std::string> out;
  CodeWordStream stream([&](std::string_view w) {
    out.emplace_back(w);
    return false;
  });
  std::size_t at = std::min(first, text.size());
  stream.feed(text.substr(0, at));
  for (; at < text.size(); at += size) stream.feed(text.substr(at, size));
  stream.finish();
  return out;
}

bool streamed_clear(std::string_view text, std::size_t size) {
  NothingToAudit scan;
  for (std::size_t at = 0; at < text.size(); at += size)
    if (!scan.feed(text.substr(at, size))) return false;
  return scan.finish();
}

// What the per-file step asks of a whole text before it defers the file unparsed.
bool whole_clear(std::string_view text) {
  return is_text_utf8(text) && text.find("loopaudit:") == std::string_view::npos && !has_code_trigger(text) &&
         !has_wrapper_word(text) && !changes_imported(text);
}

std::vector<std::string> fixture_texts() {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(BOUNDAUDIT_SOURCE_DIR) / "fixtures" / "loopaudit")) {
    if (e.path().extension() != ".py") continue;
    std::ifstream in(e.path(), std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

}  // namespace

TEST_CASE("code words fed in pieces are the words of the whole text, wherever the pieces end") {
  for (const auto& text : kTexts) {
    CAPTURE(text);
    const auto expected = whole_words(text);
    for (std::size_t first = 0; first <= text.size(); ++first) CHECK(streamed_words(text, first, text.size() + 1) == expected);
    for (std::size_t size : {1, 2, 3, 5}) CHECK(streamed_words(text, 0, size) == expected);
  }
}

TEST_CASE("code words of the fixtures, fed a byte, seven bytes and 4 KiB at a time") {
  const auto texts = fixture_texts();
  REQUIRE(texts.size() > 20);
  for (const auto& text : texts) {
    const auto expected = whole_words(text);
    for (std::size_t size : {1, 7, 4096}) CHECK(streamed_words(text, 0, size) == expected);
  }
}

TEST_CASE("a word stream stops when told to, as the whole-text lexer does") {
  std::vector<std::string> seen;
  CodeWordStream stream([&](std::string_view w) {
    seen.emplace_back(w);
    return w == "stop";
  });
  CHECK(stream.feed("a b st"));
  CHECK_FALSE(stream.feed("op c d\n"));
  CHECK_FALSE(stream.feed("e f\n"));
  CHECK(stream.finish());
  CHECK(seen == std::vector<std::string>{"a", "b", "stop"});
}

TEST_CASE("a block scan clears a file only when the whole-text tests would defer it") {
  std::vector<std::string> texts = kTexts;
  for (auto& t : fixture_texts()) texts.push_back(std::move(t));
  // Clear ones, and each thing that must send a file to a whole read, split across two pieces.
  const std::string data = "DATA = \"\"\"\n" + std::string(5000, 'x') + " Pool system while wait\n\"\"\"\n";
  texts.push_back(data);
  texts.push_back("# loopaudit: ignore[LA101]\n" + data);
  texts.push_back(data + "x = asyncio.wait_for(y, 1)\n");
  texts.push_back(data + "t.cancel()\n");
  texts.push_back(data + "  import os\nos.environ.update(x)\n");
  texts.push_back(data + "from a import B\nB.append(1)\n");
  texts.push_back(data + "x = 'caf\xc3\xa9'\n");
  texts.push_back(data + "x = 'caf\xc3'\n");
  texts.push_back(data + "x = 'nul\0'\n");
  texts.push_back(std::string("\xff\xfe") + data);
  texts.push_back(data + "x = 1 \xe2\x82");
  int clear = 0;
  for (const auto& text : texts) {
    CAPTURE(text.substr(0, 200));
    const bool whole = whole_clear(text);
    for (std::size_t size : {1, 3, 7, 64, 4096}) {
      const bool streamed = streamed_clear(text, size);
      CHECK((!streamed || whole));  // never clear where a whole read finds something
      if (text.find('\n') != std::string::npos && text.find("import") == std::string::npos)
        CHECK(streamed == whole);  // and no more cautious where no import line is involved
    }
    clear += whole;
  }
  CHECK(clear >= 3);
  CHECK(streamed_clear(data, 7));
  CHECK(streamed_clear(data + "x = 'caf\xc3\xa9'\n", 1));
  CHECK_FALSE(streamed_clear(data + "x = 'caf\xc3'\n", 1));
  CHECK_FALSE(streamed_clear(data + "x = 1 \xe2\x82", 4096));
  CHECK_FALSE(streamed_clear(data + "x = 'nul" + std::string(1, '\0') + "'\n", 64));
  CHECK_FALSE(streamed_clear(data + "t.cancel()\n", 5003));
  CHECK_FALSE(streamed_clear("# loopaudit: ignore[LA101]\n" + data, 5));
  // An import line makes a file not clear even when nothing it imports is changed here (a whole
  // read then settles it).
  CHECK_FALSE(streamed_clear(data + "  import os\n", 3));
  CHECK(whole_clear(data + "  import os\n"));
}
