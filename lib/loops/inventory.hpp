// The inventory's value types: a site (while loop, fan-out, spawn), its typed bound with the number it
// proves, or the gap that leaves it unbounded. Every stage after the model speaks these; audit.hpp
// adds the entry point and the result.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace boundaudit::loops {

enum class Category { while_loop, fanout, spawn };
std::string_view to_string(Category c);  // "while" | "fanout" | "spawn"

// What bounds a site. The one-line meanings are in kBoundKinds (inventory.cpp), README and rule docs.
enum class BoundKind {
  // while loops
  condition,       // the body changes what the condition reads (not a poll)
  deadline,        // a clock value compared with a limit computed from a clock (dataflow, not names)
  timeout_scope,   // an enclosing asyncio.timeout / wait_for / anyio.fail_after ... in the same function
  caller_timeout,  // every caller in the tree awaits the coroutine inside a non-None timeout
  cancelled,       // every caller runs the coroutine as a task that it cancels itself
  timer,           // a poll whose object the enclosing code acts on after a delay (call_later, Timer, ...)
  eof_guard,       // exits when a stream read returns empty
  iterator,        // ends when an iterator or queue is exhausted (StopIteration, IndexError, Empty, ...)
  pagination,      // advances an offset/page/cursor it passes to the fetch, exits on an empty/short page
  counter,         // a counter moves by a constant step toward the bound it is compared with
  exit_path,       // exits through break/return/raise under a guard the body changes (not a poll)
  generator,       // an infinite generator: runs as far as its consumer pulls
  // fan-outs and spawns
  static_literal,  // a literal collection or a constant range
  static_table,    // a named constant collection (module, class or imported), never mutated
  caller_size,     // a parameter: every call in the tree passes a literal collection of at most N
  sliced,          // at most N items taken ([:N], islice)
  semaphore,       // a limiter (Semaphore, BoundedSemaphore, CapacityLimiter) acquired per task
  held,            // one task per object an instance or module registry already holds
  executor,        // a pool with a fixed number of workers runs the tasks
  joined,          // the task is awaited in the same iteration: one in flight at a time
  single,          // one task, one process, once per call
  timeout_arg,     // the spawn (or its wait) has a timeout
  declared,        // stated by hand: `# loopaudit: bound=declared "..."`
};
std::string_view to_string(BoundKind k);  // kebab-case, e.g. "eof-guard"
std::optional<BoundKind> parse_bound_kind(std::string_view name);
struct BoundKindInfo {
  BoundKind kind;
  std::string_view name;
  std::string_view meaning;  // one line, for --help, docs and the JSON contract
};
std::span<const BoundKindInfo> bound_kinds();

enum class Unit { items, tasks, processes, seconds, attempts };
std::string_view to_string(Unit u);

// A number the bound proves: at most N items / tasks in flight / processes / attempts, or T seconds.
struct Limit {
  double value = 0;
  Unit unit = Unit::items;
  bool operator==(const Limit&) const = default;
};

struct Bound {
  BoundKind kind = BoundKind::condition;
  std::string detail;          // human text in the style of the hand-written audit tables
  std::optional<Limit> limit;  // where the evidence gives a number
  int evidence_line = 0;       // line of the node that proves it (0: the site itself)
  bool stated = false;         // from a `# loopaudit: bound=KIND "..."` statement, not analysis
  bool operator==(const Bound&) const = default;
};

// Why a site has no bound; each rule reports one of these.
enum class Gap {
  no_exit,         // a loop nothing ends (LA101)
  poll,            // a loop that sleeps/waits on state it does not change, with no time bound (LA102)
  dynamic_fanout,  // tasks grow with input, a caller's count or an open-ended loop; nothing caps them (LA201)
  unsized_fanout,  // one task per item of a collection whose size the audit cannot see; nothing caps them (LA202)
  spawn_per_item,  // one process per iteration of a loop of unknown length (LA301)
};

struct AuditSite {
  Category category = Category::while_loop;
  Site site;
  std::string function;  // enclosing qualified function: Class.method.inner, or <module>
  std::string call;      // resolved call (asyncio.gather, subprocess.run); empty for while loops
  std::string text;      // first source line, trimmed
  bool in_loop = false;
  // Words for the doc tables, read from the syntax in the per-file stage (the tree is gone after it):
  std::optional<std::string> purpose;   // summary line of the enclosing function's docstring
  std::optional<std::string> per_item;  // runs once per item of this (the iterable of the loop or of a
                                        // comprehension in its arguments, as written)
  std::optional<std::string> subject;   // while: the condition; a call: its first argument (as written)
  std::optional<Bound> bound;  // empty: unbounded
  std::optional<Gap> gap;      // set exactly when bound is empty
  std::string missing;         // when unbounded: what is missing for a bound, in words
  // A fan-out whose tasks another site started (a gather of tasks a loop created): the finding
  // belongs to that site, this one only points at it.
  int reported_at_line = 0;

  bool bounded() const { return bound.has_value(); }
  auto operator<=>(const AuditSite& o) const { return site <=> o.site; }
  bool operator==(const AuditSite&) const = default;
};

}  // namespace boundaudit::loops
