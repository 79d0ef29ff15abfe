#include "loops/block_scan.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "core/diagnostic.hpp"
#include "loops/triggers.hpp"

namespace boundaudit::loops {

CodeWordStream::CodeWordStream(std::function<bool(std::string_view)> on_word) : on_word_(std::move(on_word)) {}

bool CodeWordStream::report(std::string_view w) {
  if (!stopped_ && on_word_(w)) stopped_ = true;
  return stopped_;
}

bool CodeWordStream::feed(std::string_view piece) {
  if (stopped_) return false;
  buf_.append(piece);
  lex(false);
  // Up to three lexed bytes stay: a quote looks back at them for an f-string prefix.
  const std::size_t keep = std::min<std::size_t>(pos_, 3);
  buf_.erase(0, pos_ - keep);
  pos_ = keep;
  return !stopped_;
}

bool CodeWordStream::finish() {
  if (stopped_) return true;
  lex(true);
  // A word the text ends in (not a string prefix: no quote follows), or the last word of an
  // f-string left open.
  if (!stopped_ && (state_ == State::word || (state_ == State::string && fstring_)) && !word_.empty()) report(word_);
  return stopped_;
}

void CodeWordStream::consume_fstring_byte(char c) {
  if (is_word_char(c)) {
    word_ += c;
  } else if (!word_.empty()) {
    report(word_);
    word_.clear();
  }
}

// The states and decisions of for_each_code_word (chunks.hpp), one byte or one run of bytes at a
// time. Every decision looks at most two bytes past the current one, so until the text's end the
// last two bytes wait for the next piece.
void CodeWordStream::lex(bool final) {
  const char* t = buf_.data();
  const std::size_t n = buf_.size();
  const std::size_t end = final ? n : (n > 2 ? n - 2 : 0);
  auto is_quote = [](char c) { return c == '"' || c == '\''; };
  while (pos_ < end && !stopped_) {
    const char c = t[pos_];
    switch (state_) {
      case State::code:
        if (c == '#') {
          state_ = State::comment;
          ++pos_;
        } else if (is_quote(c)) {
          // The prefix letters just before the quote: an f-string's braces hold code.
          bool f = false;
          for (std::size_t k = pos_; k > 0 && is_word_char(t[k - 1]) && pos_ - k < 3; --k) f = f || (t[k - 1] | 0x20) == 'f';
          quote_ = c;
          fstring_ = f;
          triple_ = pos_ + 2 < n && t[pos_ + 1] == c && t[pos_ + 2] == c;
          state_ = State::string;
          word_.clear();
          pos_ += triple_ ? 3 : 1;
        } else if (is_word_char(c)) {
          state_ = State::word;
          word_.assign(1, c);
          ++pos_;
        } else {
          ++pos_;
        }
        break;
      case State::word: {
        std::size_t e = pos_;
        while (e < end && is_word_char(t[e])) ++e;
        word_.append(t + pos_, e - pos_);
        pos_ = e;
        if (e == end) break;  // the word may go on in what follows
        state_ = State::code;
        // A string prefix (r"...", b'...', f"...") belongs to the string that follows; the quote is
        // lexed next, in code.
        if (!(is_quote(t[e]) && word_.size() <= 2)) report(word_);
        break;
      }
      case State::comment: {
        const void* eol = std::memchr(t + pos_, '\n', end - pos_);
        if (!eol) {
          pos_ = end;
          break;
        }
        pos_ = static_cast<std::size_t>(static_cast<const char*>(eol) - t);
        state_ = State::code;  // the newline is lexed in code
        break;
      }
      case State::string:
        if (c == '\\') {
          // A backslash keeps the next character (CR LF as one) in the string.
          const std::size_t skip = pos_ + 2 < n && t[pos_ + 1] == '\r' && t[pos_ + 2] == '\n' ? 3 : 2;
          for (std::size_t k = 0; k < skip && pos_ < n; ++k) {
            if (fstring_) consume_fstring_byte(t[pos_]);
            ++pos_;
          }
        } else if (!triple_ && c == '\n') {
          // A one-line string left open ends at the line's end; the newline is lexed in code.
          if (fstring_) consume_fstring_byte(c);
          state_ = State::code;
        } else if (c == quote_ && (!triple_ || (pos_ + 2 < n && t[pos_ + 1] == c && t[pos_ + 2] == c))) {
          if (fstring_) consume_fstring_byte(c);
          pos_ += triple_ ? 3 : 1;
          state_ = State::code;
        } else if (fstring_) {
          consume_fstring_byte(c);
          ++pos_;
        } else {
          // This byte (a quote that did not close a triple-quoted string, say) and the plain string
          // content up to the next byte that can end it.
          ++pos_;
          while (pos_ < end && t[pos_] != quote_ && t[pos_] != '\\' && (triple_ || t[pos_] != '\n')) ++pos_;
        }
        break;
    }
  }
}

NothingToAudit::NothingToAudit() : code_([](std::string_view w) { return is_trigger_word(w); }) {}

bool NothingToAudit::utf8(std::string_view piece) {
  // Validated up to the last complete sequence; an incomplete one waits for the next piece.
  std::string text = std::exchange(utf8_carry_, {});
  text.append(piece);
  std::size_t cut = text.size();
  for (std::size_t k = 1; k <= 3 && k <= text.size(); ++k) {
    const auto b = static_cast<unsigned char>(text[text.size() - k]);
    if (b < 0x80) break;
    if (b >= 0xC0) {
      const std::size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      if (length > k) cut = text.size() - k;
      break;
    }
  }
  utf8_carry_ = text.substr(cut);
  return is_text_utf8(std::string_view(text).substr(0, cut));
}

void NothingToAudit::line_starts(std::string_view piece) {
  for (std::size_t i = 0; i < piece.size() && !maybe_;) {
    const char c = piece[i];
    if (c == '\n') {
      line_head_.clear();
      in_indent_ = true;
      line_told_ = false;
      ++i;
      continue;
    }
    if (line_told_) {
      const void* eol = std::memchr(piece.data() + i, '\n', piece.size() - i);
      i = eol ? static_cast<std::size_t>(static_cast<const char*>(eol) - piece.data()) : piece.size();
      continue;
    }
    ++i;
    if (in_indent_ && (c == ' ' || c == '\t')) continue;
    in_indent_ = false;
    line_head_ += c;
    const std::string_view head = line_head_;
    if (head.starts_with("import ") || head.starts_with("from ")) maybe_ = true;
    else if (!std::string_view("import ").starts_with(head) && !std::string_view("from ").starts_with(head)) line_told_ = true;
  }
}

bool NothingToAudit::feed(std::string_view piece) {
  if (maybe_) return false;
  if (!utf8(piece)) return !(maybe_ = true);
  // The plain word tests see the last bytes of the piece before too: a word may span two pieces.
  std::string window = std::exchange(tail_, {});
  window.append(piece);
  if (window.find("loopaudit:") != std::string::npos || has_wrapper_word(window)) return !(maybe_ = true);
  tail_ = window.substr(window.size() - std::min<std::size_t>(window.size(), 16));
  line_starts(piece);
  if (!maybe_ && !code_.feed(piece)) maybe_ = true;
  return !maybe_;
}

bool NothingToAudit::finish() {
  if (maybe_ || !utf8_carry_.empty()) return false;
  return !code_.finish();
}

}  // namespace boundaudit::loops
