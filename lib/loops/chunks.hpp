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

namespace boundaudit::loops {

// A byte of an identifier-like word: ASCII letters, digits and '_' (the pre-filters' hot loop, so no
// locale lookups).
inline bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// True when text may call a timeout wrapper (asyncio.wait_for / timeout / timeout_at, anyio and trio
// fail_after / move_on_after, async_timeout.timeout) or cancel a task (`task.cancel()`): every wrapper's
// name holds one of these words, and so does any text that imports or calls one. Caller timeouts and
// cancellations need those calls modelled.
bool has_wrapper_word(std::string_view text);

// The first line of a logical line (outside strings, brackets and continuations), non-blank and not a
// comment.
struct LogicalLine {
  uint32_t begin = 0;  // byte offset of the line start (indentation included)
  uint32_t row = 0;    // 0-based
  uint32_t indent = 0; // leading blanks
};

std::vector<LogicalLine> logical_lines(std::string_view text);

// The ranges worth parsing: definitions mentioning a trigger or a limiter (inside large classes, only
// such methods plus the class header and small class-level statements), imports, and small other
// statements (module constants). Empty when the whole file should be parsed instead.
std::vector<TSRange> ranges_to_parse(std::string_view text);

// For a file that holds no site: the top-level statements the project index may ask about, i.e. module
// constants bound to a literal collection (`NAME = (...)`, `[...]`, `{...}`, `frozenset(...)`) and,
// with imports = true (package `__init__.py` files, which re-export), the imports. Empty: nothing.
std::vector<TSRange> summary_ranges(std::string_view text, bool imports);

}  // namespace boundaudit::loops
