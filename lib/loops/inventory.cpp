#include "loops/inventory.hpp"

#include <array>

namespace boundaudit::loops {

namespace {

constexpr std::array<BoundKindInfo, 24> kBoundKinds{{
    {BoundKind::condition, "condition", "the loop's condition reads state the body changes (not a poll)"},
    {BoundKind::deadline, "deadline", "a clock read is compared with a limit computed from a clock"},
    {BoundKind::timeout_scope, "timeout-scope", "an enclosing asyncio.timeout / anyio.fail_after / ... with a limit"},
    {BoundKind::caller_timeout, "caller-timeout", "every caller in the tree awaits the coroutine inside a non-None timeout"},
    {BoundKind::cancelled, "cancelled", "every caller runs the coroutine as a task it cancels itself (`task.cancel()`)"},
    {BoundKind::timer, "timer", "a delay the enclosing code schedules (call_later, Timer, a sleeping task) acts on what the poll reads"},
    {BoundKind::eof_guard, "eof-guard", "exits when a stream read (read, readline, recv, ...) returns empty"},
    {BoundKind::iterator, "iterator", "ends when an iterator or queue is exhausted (StopIteration, Empty, ...)"},
    {BoundKind::pagination, "pagination", "advances a cursor/offset it passes to the fetch and stops on an empty page"},
    {BoundKind::counter, "counter", "a counter moves by a constant step toward the bound it is compared with"},
    {BoundKind::exit_path, "exit-path", "leaves through break/return/raise under a guard the body moves"},
    {BoundKind::generator, "generator", "an infinite generator: runs only as far as its consumer pulls"},
    {BoundKind::static_literal, "static-literal", "a literal collection or a constant range: at most N items"},
    {BoundKind::static_table, "static-table", "a named constant collection (module, class, imported) never mutated"},
    {BoundKind::caller_size, "caller-size", "a parameter for which every call in the tree passes at most N items"},
    {BoundKind::sliced, "sliced", "at most N items taken ([:N], islice)"},
    {BoundKind::semaphore, "semaphore", "each task acquires a Semaphore / BoundedSemaphore / CapacityLimiter"},
    {BoundKind::held, "held", "one task per object that self.X or a module registry already holds (no new items)"},
    {BoundKind::executor, "executor", "a worker pool (ThreadPoolExecutor, ProcessPoolExecutor, Pool) runs them"},
    {BoundKind::joined, "joined", "awaited in the same iteration, or a task group per item: one in flight"},
    {BoundKind::single, "single", "one task or process per call"},
    {BoundKind::timeout_arg, "timeout-arg", "a timeout argument (the spawn's, its wait's, or the function's parameter)"},
    {BoundKind::declared, "declared", "stated by hand: # loopaudit: bound=declared \"why\""},
    {BoundKind::condition, "", ""},
}};

}  // namespace

std::span<const BoundKindInfo> bound_kinds() { return std::span(kBoundKinds).first(kBoundKinds.size() - 1); }

std::string_view to_string(BoundKind k) {
  for (const auto& i : bound_kinds())
    if (i.kind == k) return i.name;
  return "condition";
}

std::optional<BoundKind> parse_bound_kind(std::string_view name) {
  for (const auto& i : bound_kinds())
    if (i.name == name) return i.kind;
  return std::nullopt;
}

std::string_view to_string(Unit u) {
  switch (u) {
    case Unit::items: return "items";
    case Unit::tasks: return "tasks";
    case Unit::processes: return "processes";
    case Unit::seconds: return "seconds";
    case Unit::attempts: return "attempts";
  }
  return "items";
}

std::string_view to_string(Category c) {
  switch (c) {
    case Category::while_loop: return "while";
    case Category::fanout: return "fanout";
    case Category::spawn: return "spawn";
  }
  return "while";
}

}  // namespace boundaudit::loops
