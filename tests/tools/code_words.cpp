// code_words: reads file paths, one per line, on stdin; for each file prints a line `@ PATH`, then one
// line `ROW WORD` (1-based row) for every word the loop pre-filter's lexer takes as code
// (for_each_code_word), and a line `= T C` with has_trigger and has_code_trigger of the whole file
// (0 or 1). Used by tests/scripts/code_words_vs_tokenize.sh. Exit 0 unless a file cannot be read.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "loops/chunks.hpp"

int main() {
  using namespace boundaudit::loops;
  int rc = 0;
  std::string path;
  std::ostringstream out;
  while (std::getline(std::cin, path)) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << path << ": cannot read\n";
      rc = 1;
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    out << "@ " << path << '\n';
    std::size_t row = 1, seen = 0;
    for_each_code_word(text, [&](std::string_view word) {
      const auto at = static_cast<std::size_t>(word.data() - text.data());
      for (; seen < at; ++seen) row += text[seen] == '\n';
      out << row << ' ' << word << '\n';
      return false;
    });
    out << "= " << has_trigger(text) << ' ' << has_code_trigger(text) << '\n';
    std::cout << out.str();
    out.str({});
  }
  return rc;
}
