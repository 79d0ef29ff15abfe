#include "loops/triggers.hpp"

#include <array>
#include <vector>

namespace boundaudit::loops {
namespace {

// One identifier-like word: could it name a while loop, a fan-out or a spawn? (The model's site
// predicates use the same words: a call is a site only through one of them.) The exact words are
// bucketed by length, so most words cost one table look-up.
bool is_trigger_word(std::string_view w) {
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
  for (std::size_t i = 0; i + 4 <= w.size(); ++i) {  // executor.map, pool.map
    if (w[i] == 'p' && w.compare(i, 4, "pool") == 0) return true;
    if (w[i] == 'x' && i + 7 <= w.size() && w.compare(i, 7, "xecutor") == 0) return true;
  }
  return false;
}

// The timeout-wrapper and cancel words: exact words, `timeout` and `cancel` only when called.
bool is_wrapper_word(std::string_view w, char next) {
  switch (w.size()) {
    case 6: return w == "cancel" && next == '(';
    case 7: return w == "fail_at" || (w == "timeout" && next == '(');
    case 8: return w == "wait_for";
    case 10: return w == "timeout_at" || w == "fail_after" || w == "move_on_at";
    case 13: return w == "move_on_after";
    default: return false;
  }
}

// `sem`, `limit` (either case of the first letter) or `acquire` inside a word.
bool has_limiter_part(std::string_view w) {
  for (std::size_t i = 0; i + 3 <= w.size(); ++i) {
    char c = w[i];
    if ((c == 's' || c == 'S') && w.compare(i + 1, 2, "em") == 0) return true;
    if ((c == 'l' || c == 'L') && w.compare(i + 1, 4, "imit") == 0) return true;
    if (c == 'a' && w.compare(i + 1, 6, "cquire") == 0) return true;
  }
  return false;
}

}  // namespace

WordHits scan_words(std::string_view text, bool stop_at_first) {
  WordHits hits;
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    if (!is_word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && is_word_char(text[j])) ++j;
    auto w = text.substr(i, j - i);
    char next = j < n ? text[j] : '\0';
    if (!hits.site && w.size() >= 4 && w.size() <= 24 && is_trigger_word(w)) hits.site = true;
    if (!hits.wrapper && is_wrapper_word(w, next)) hits.wrapper = true;
    if (!hits.limiter && w.size() >= 3 && has_limiter_part(w)) hits.limiter = true;
    if (stop_at_first ? (hits.site || hits.wrapper || hits.limiter) : (hits.site && hits.wrapper && hits.limiter))
      break;
    i = j;
  }
  return hits;
}

bool has_trigger(std::string_view text) { return scan_words(text, false).site; }

bool has_wrapper_word(std::string_view t) { return scan_words(t, false).wrapper; }

}  // namespace boundaudit::loops
