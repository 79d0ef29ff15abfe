// Reading a large file a block at a time, so that one with nothing to audit is never held whole.
// CodeWordStream gives the words for_each_code_word gives, from a text handed over in pieces; the
// pre-filters built on it answer the questions the per-file step and the mention counts ask of a
// whole text, conservatively: when a block scan cannot be sure, the caller reads the file whole.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace boundaudit::loops {

// for_each_code_word over a text fed in pieces of any size: the same words in the same order, the
// lexer's state (in a comment, in a string and which, in a word) carried from one piece to the next.
// What it holds is a word being read and a few bytes of lookahead, not the text.
class CodeWordStream {
 public:
  // on_word(word) for each code word; returning true stops the scan (as for for_each_code_word).
  explicit CodeWordStream(std::function<bool(std::string_view)> on_word);
  // The next piece of the text. False once on_word has returned true (the rest need not be fed).
  bool feed(std::string_view piece);
  // The end of the text: the last bytes are lexed. True when on_word returned true at any point.
  bool finish();

 private:
  void lex(bool final);
  void consume_fstring_byte(char c);
  bool report(std::string_view w);

  std::function<bool(std::string_view)> on_word_;
  std::string buf_;       // bytes not yet lexed, after up to three lexed ones (an f-string prefix)
  std::size_t pos_ = 0;   // the next byte to lex in buf_
  enum class State { code, word, comment, string } state_ = State::code;
  char quote_ = 0;
  bool triple_ = false;
  bool fstring_ = false;  // the string's words are code words too
  std::string word_;      // the word being read (in code, or in an f-string)
  bool stopped_ = false;
};

// What a block scan of a file says: it holds nothing the per-file step would audit, summarise or
// report (audit_file would defer it unparsed), or it may hold something and must be read whole.
// Clear only when every test a whole text gets is answered: the text is valid UTF-8 with no NUL (a
// byte order mark of another encoding is not: its bytes are FE, FF or NUL), it holds no `loopaudit:` directive, no trigger word in its
// code, no timeout-wrapper or cancel word, and no line that starts with `import` or `from` (the
// imports a changed collection is checked against).
class NothingToAudit {
 public:
  NothingToAudit();
  // The next piece; false as soon as the file may hold something (then it is read whole).
  bool feed(std::string_view piece);
  // The end of the file: true when nothing in it is to be audited.
  bool finish();

 private:
  bool utf8(std::string_view piece);
  void line_starts(std::string_view piece);

  bool maybe_ = false;         // something was found that a whole read must look at
  std::string utf8_carry_;     // an incomplete UTF-8 sequence at the end of the last piece
  std::string tail_;           // the last bytes of the last piece, for words across pieces
  std::string line_head_;      // the current line's first bytes after its indentation
  bool in_indent_ = true;      // still in the current line's indentation
  bool line_told_ = false;     // the current line's start is known not to be an import
  CodeWordStream code_;
};

}  // namespace boundaudit::loops
