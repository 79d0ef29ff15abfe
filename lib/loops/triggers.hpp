// The words that decide what is worth parsing: a file or a definition is parsed for sites only when it
// holds a trigger word, and for caller timeouts when it holds a timeout-wrapper or cancel word. Plain
// text scans, no syntax tree; the model's site predicates (fanout_bounds.cpp, spawn_bounds.cpp) key on
// the same names, so a call can be a site only if its text holds one of these words.
#pragma once

#include <array>
#include <string_view>

namespace boundaudit::loops {

// A byte of an identifier-like word: ASCII letters, digits and '_' (the pre-filters' hot loop, so no
// locale lookups).
inline constexpr auto kWordChars = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  return t;
}();
inline bool is_word_char(char c) { return kWordChars[static_cast<unsigned char>(c)]; }

// True when text may call a timeout wrapper (asyncio.wait_for / timeout / timeout_at, anyio and trio
// fail_after / move_on_after, async_timeout.timeout) or cancel a task (`task.cancel()`): every wrapper's
// name holds one of these words, and so does any text that imports or calls one. Caller timeouts and
// cancellations need those calls modelled.
bool has_wrapper_word(std::string_view text);

// True when text contains a word that could start a site (while, gather, wait, create_task, subprocess, ...).
// Files without one are not parsed for sites (only their module-level facts are read).
bool has_trigger(std::string_view text);

// One identifier-like word: could it name a while loop, a fan-out or a spawn? True also for words
// holding `pool` or `xecutor` (`executor.map`, `pool.map`).
bool is_trigger_word(std::string_view word);

}  // namespace boundaudit::loops
