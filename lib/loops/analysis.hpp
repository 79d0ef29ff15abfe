// Shared analysis over a FileModel: what a loop iterates, whether a task acquires a limiter, what a
// `gather(*tasks)` list was filled from, how a `while True` loop exits. The rules in rules/loopaudit/
// call these; the per-scope indexes are built lazily, once per file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "loops/audit.hpp"
#include "loops/model.hpp"

namespace boundaudit::loops {

// A classified bound plus whether it bounds the site.
struct Verdict {
  Bound bound;
  bool bounded = true;
  // For a gather traced back to a loop that appends its tasks: the appended element (a
  // create_task(...) call is a fan-out site of its own, where the finding then belongs).
  ts::Node filled_by = {};
};

// Source text squeezed onto one line (runs of blanks collapsed) and cut to max_chars with "...".
std::string one_line(std::string_view text, std::size_t max_chars = 60);

class Analysis {
 public:
  explicit Analysis(const FileModel& m);
  const FileModel& model() const { return m_; }

  // Right-hand sides assigned to `name` directly in scope (nested functions excluded).
  const std::vector<ts::Node>& assignments(int scope, std::string_view name);
  // Calls made directly in scope.
  const std::vector<int>& calls_in(int scope) const { return scope_calls_[scope]; }

  // Static size of an iterable: a literal collection, range(N), a module-level constant collection
  // (possibly through .items()/enumerate()/sorted()), or a local literal. Nothing when dynamic.
  std::optional<Verdict> static_iterable(int scope, ts::Node iterable);
  // The limiter acquired by the coroutine/function a task expression runs, in that function, a helper
  // nested in it or a function it calls: "`asyncio.Semaphore(10)` caps in-flight tasks".
  std::optional<std::string> limiter_for(int scope, ts::Node task_expr);
  // Fan-out of one task per iteration of loop `loop` running `element`.
  Verdict loop_fanout(int loop, ts::Node element);
  // Fan-out over a collection expression of awaitables (the argument of wait(), or a *splat in gather()).
  Verdict collection_fanout(int scope, ts::Node expr, const Call& site);

  // The innermost function scope (not class) enclosing scope, or -1 at module level.
  int function_of(int scope) const;

 private:
  Verdict comprehension_fanout(int scope, ts::Node comp);
  Verdict traced_fanout(int scope, std::string_view name, const Call& site);
  bool scope_acquires(int scope, std::string* limiter) const;

  const FileModel& m_;
  std::vector<std::vector<int>> scope_calls_;
  std::unordered_map<int, std::unordered_map<std::string_view, std::vector<ts::Node>>> assigns_;
};

// Classification of a while statement (lib/loops/while_bounds.cpp).
Verdict classify_while(Analysis& a, const While& w);

}  // namespace boundaudit::loops
