// What a name or expression *is*, decided from what it is bound to (never from how it is named):
// constant integers, the static size of an iterable, limiters, executors, clocks, sleeps and timeout
// wrappers. Shared by the while, fan-out and spawn stages of extract_facts. Each predicate says in a
// comment why it is sound; when the model cannot tell, the answer is "unknown" (nullopt).
#pragma once

#include <optional>
#include <string>

#include "loops/ask.hpp"
#include "loops/model.hpp"

namespace boundaudit::loops {

// A static size: known here, or to be asked of the index (a module-level or imported constant).
struct Size {
  std::optional<int> n;    // known now
  std::optional<Ask> ask;  // else asked (ask->name is what is iterated)
  BoundKind kind = BoundKind::static_literal;
  std::string detail;      // "literal tuple of 3 items", "`range(1, 65)` (64 items)"
};

struct Timeout {
  std::string text;                // "`asyncio.wait_for(..., 30)`"
  std::optional<double> seconds;   // when the limit is a number
};

class Evidence {
 public:
  Evidence(const FileModel& m, const std::string& module);
  const FileModel& model() const { return m_; }
  const std::string& module() const { return module_; }

  // An integer constant: literals (underscores, hex, octal, binary), + - * // on constants, and names
  // bound exactly once, outside loops, to a constant and never rebound.
  std::optional<long long> int_value(int scope, ts::Node e, int depth = 0) const;
  // The size of an iterable, when it is static (see Size).
  std::optional<Size> static_size(int scope, ts::Node iterable, int depth = 0) const;
  std::optional<Size> param_size(int fn, const std::string& name) const;
  // The absolute Ref a dotted name used in scope stands for when it names something at module level
  // of this file or of an imported module ("PROBES" -> "pkg.mod.PROBES"); nullopt for locals.
  std::optional<Ref> global_ref(int scope, std::string_view dotted) const;
  // The function a callee expression runs, by identity: a def in the scope chain, a method of the
  // enclosing class through self/cls, or an imported function. nullopt when not resolvable.
  std::optional<Ref> function_ref(int scope, ts::Node callee) const;

  // The limiter a with-item value or an acquire() receiver is, as text ("asyncio.Semaphore(10)").
  std::optional<std::string> limiter(int scope, ts::Node e) const;
  // A worker pool (ThreadPoolExecutor, ProcessPoolExecutor, multiprocessing Pool) an expression is
  // bound to: its constructor text and its worker count when that is a constant.
  struct Pool {
    std::string text;
    std::optional<long long> workers;
    std::string size_text;  // the worker-count argument as written; empty: the pool's default size
    // "at most 4 workers", "`n` workers", "its default size (min(32, cpus + 4) threads)"
    std::string describe() const;
  };
  std::optional<Pool> pool(int scope, ts::Node e) const;
  // multiprocessing.get_context(...) bound to the receiver of `ctx.Process(...)`.
  bool is_mp_context(int scope, ts::Node e) const;

  bool is_clock_call(int scope, ts::Node call) const;
  bool is_sleep(std::string_view resolved) const;
  // A timeout wrapper call (asyncio.wait_for / timeout / anyio.fail_after ...) with a limit that is
  // not None; `timeout=None`, a missing limit or a parameter that defaults to None are not timeouts.
  std::optional<Timeout> timeout_wrapper(int scope, ts::Node call) const;
  // The parameter of the function enclosing scope named `name`, or nullptr.
  const Param* param(int scope, std::string_view name) const;

 private:
  const FileModel& m_;
  const std::string& module_;
  std::string package_;  // the package relative imports start from
};

bool is_none(ts::Node n, std::string_view src);
std::string plural(long long n, std::string_view word);

}  // namespace boundaudit::loops
