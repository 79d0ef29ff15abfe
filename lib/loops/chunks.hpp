// Parse only what must be parsed. A small lexer that knows strings, comments, brackets and line
// continuations finds the logical lines of a file; they are grouped into top-level statements (a def or
// class with its decorators, an import, any other statement) and, inside large classes, into the
// class body's statements. Only the pieces that can hold or support a site are handed to tree-sitter as
// included ranges; positions stay those of the whole file.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "loops/triggers.hpp"

namespace boundaudit::loops {

// The first line of a logical line (outside strings, brackets and continuations), non-blank and not a
// comment.
struct LogicalLine {
  uint32_t begin = 0;  // byte offset of the line start (indentation included)
  uint32_t row = 0;    // 0-based
  uint32_t indent = 0; // leading blanks
};

std::vector<LogicalLine> logical_lines(std::string_view text);

// Calls f(word) for every identifier-like word of the code, until f returns true (then returns true):
// comments and string literals are skipped (f-strings are kept whole, since their braces hold code).
template <typename F>
bool for_each_code_word(std::string_view text, F&& f);

// has_trigger over the code alone: a trigger word in a comment, a docstring or another plain string
// (`"""Wait while the server starts."""`) starts no site, so a definition or a file holding one only
// there is not parsed for sites. Sound as far as the lexer splits code from strings as Python does:
// tests/scripts/code_words_vs_tokenize.sh checks every NAME token of the standard library against it.
bool has_code_trigger(std::string_view text);

// The ranges worth parsing: definitions mentioning a trigger or a limiter (inside large classes, only
// such methods plus the class header and small class-level statements), imports, and small other
// statements (module constants). Empty when the whole file should be parsed instead.
std::vector<TSRange> ranges_to_parse(std::string_view text);

// For a file that holds no site: the top-level statements the project index may ask about, i.e. module
// constants bound to a literal collection (`NAME = (...)`, `[...]`, `{...}`, `frozenset(...)`) and,
// with imports = true (package `__init__.py` files, which re-export), the imports. Empty: nothing.
std::vector<TSRange> summary_ranges(std::string_view text, bool imports);

// True when some statement may change an imported name in place (`PROBES.append(...)`): the file must
// then be summarised whatever else it holds, since it makes another module's constant dynamic.
bool changes_imported(std::string_view text);

template <typename F>
bool for_each_code_word(std::string_view text, F&& f) {
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    char c = text[i];
    if (c == '#') {
      auto eol = text.find('\n', i);
      i = eol == std::string_view::npos ? n : eol;
      continue;
    }
    if (c == '"' || c == '\'') {
      // The prefix letters just before the quote: f-strings hold code in their braces, keep them.
      bool fstring = false;
      for (std::size_t k = i; k > 0 && is_word_char(text[k - 1]) && i - k < 3; --k) {
        char p = static_cast<char>(text[k - 1] | 0x20);
        fstring = fstring || p == 'f';
      }
      bool triple = i + 2 < n && text[i + 1] == c && text[i + 2] == c;
      std::size_t j = i + (triple ? 3 : 1);
      while (j < n) {
        // A backslash keeps the next character in the string, in a raw string too (`r'a\'b'` and a
        // raw string continued by a backslash at the line end are one string each).
        if (text[j] == '\\') {
          j += j + 2 < n && text[j + 1] == '\r' && text[j + 2] == '\n' ? 3 : 2;
          continue;
        }
        if (!triple && text[j] == '\n') break;
        if (text[j] == c && (!triple || (j + 2 < n && text[j + 1] == c && text[j + 2] == c))) {
          j += triple ? 3 : 1;
          break;
        }
        ++j;
      }
      if (fstring) {
        for (std::size_t k = i; k < j && k < n;) {
          if (!is_word_char(text[k])) {
            ++k;
            continue;
          }
          std::size_t e = k;
          while (e < n && e < j && is_word_char(text[e])) ++e;
          if (f(text.substr(k, e - k))) return true;
          k = e;
        }
      }
      i = std::min(j, n);
      continue;
    }
    if (is_word_char(c)) {
      std::size_t e = i;
      while (e < n && is_word_char(text[e])) ++e;
      // A string prefix (r"...", b'...', f"...") belongs to the string that follows.
      if (e < n && (text[e] == '"' || text[e] == '\'') && e - i <= 2) {
        i = e;
        continue;
      }
      if (f(text.substr(i, e - i))) return true;
      i = e;
      continue;
    }
    ++i;
  }
  return false;
}

}  // namespace boundaudit::loops
