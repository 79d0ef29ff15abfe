#include "loops/triggers.hpp"

#include <array>
#include <vector>

namespace boundaudit::loops {
namespace {

// The exact trigger words (the model's site predicates use the same words: a call is a site only
// through one of them), bucketed by length, so most words cost one table look-up.
bool is_exact_trigger_word(std::string_view w) {
  static constexpr std::array<std::string_view, 24> kExact{
      "while",      "gather",        "wait",         "as_completed", "create_task",           "ensure_future",
      "start_soon", "submit",        "subprocess",   "Popen",        "popen",                 "system",
      "fork",       "forkpty",       "Process",      "Pool",         "ProcessPoolExecutor",   "getoutput",
      "getstatusoutput", "create_subprocess_exec", "create_subprocess_shell", "posix_spawn", "posix_spawnp",
      "get_context"};
  static const auto by_length = [] {
    std::array<std::vector<std::string_view>, 32> t;
    for (auto e : kExact) t[e.size()].push_back(e);
    return t;
  }();
  if (w.size() < by_length.size())
    for (auto e : by_length[w.size()])
      if (w == e) return true;
  if (w[0] == 's' && w.starts_with("spawn")) return true;  // os.spawnl/v/..., pty.spawn
  if (w[0] == 'e' && w.size() > 4 && w.starts_with("exec") && w.find_first_not_of("lvpe", 4) == std::string_view::npos)
    return true;  // os.execv, execlp, ...
  return false;  // words holding `pool` or `xecutor` anywhere: has_trigger searches the text for those
}

}  // namespace

bool is_trigger_word(std::string_view w) {
  return (w.size() >= 4 && w.size() <= 24 && is_exact_trigger_word(w)) || w.find("pool") != std::string_view::npos ||
         w.find("xecutor") != std::string_view::npos;
}

bool has_trigger(std::string_view text) {
  // `executor.map`, `pool.map`: words holding these parts anywhere. Letters occur only inside words, so
  // a substring search (vectorised) finds exactly those words, instead of a test at every letter.
  if (text.find("pool") != std::string_view::npos || text.find("xecutor") != std::string_view::npos) return true;
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    if (!is_word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && is_word_char(text[j])) ++j;
    if (j - i >= 4 && j - i <= 24 && is_exact_trigger_word(text.substr(i, j - i))) return true;
    i = j;
  }
  return false;
}

bool has_wrapper_word(std::string_view t) {
  // One pass: every word has a `(` or `_` at a fixed place (`wait_for`, `cancel(`, `timeout(`,
  // `timeout_at`, `fail_after`, `fail_at`, `move_on_after`, `move_on_at`), so only those bytes are
  // looked around (five substring searches would each stop at every `t`, `f`, `m`, `w` or `c`).
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c != '_' && c != '(') continue;
    auto before = [&](std::string_view w) { return i >= w.size() && t.substr(i - w.size(), w.size()) == w; };
    auto after = [&](std::string_view w) { return t.substr(i + 1, w.size()) == w; };
    if (c == '(') {
      if (before("cancel") || before("timeout")) return true;
    } else if ((before("wait") && after("for")) || (before("timeout") && after("at")) ||
               ((before("fail") || before("move_on")) && (after("after") || after("at")))) {
      return true;
    }
  }
  return false;
}

}  // namespace boundaudit::loops
