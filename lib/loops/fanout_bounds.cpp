// What caps a fan-out: a static collection behind it (literal, constant range, named constant, slice or
// batch), a limiter each task acquires, a worker pool, or a join in the same iteration. The
// collection behind `gather(*tasks)` is traced to where `tasks` was built (literal, appends in a loop,
// comprehension, parameter). One fan-out is one finding: a gather of tasks a loop started points at
// the starter.
#include <algorithm>

#include "loops/stages.hpp"

namespace boundaudit::loops {
namespace {

bool is_gather_like(std::string_view r) {
  return r == "asyncio.gather" || r == "asyncio.wait" || r == "asyncio.as_completed";
}

bool is_pool_method(std::string_view m) {
  return m == "map" || m == "starmap" || m == "imap" || m == "imap_unordered" || m == "map_async" ||
         m == "starmap_async";
}

struct Verdict {
  std::optional<Bound> bound;
  std::vector<Ask> asks;
  std::string missing;
  ts::Node starter;  // the loop's task starter that filled the collection, when traced to one
  std::optional<Bound> fallback;  // when no ask is answered
  // Why the number of tasks grows with something no one holds yet (a count from a caller, data read
  // from input, passes of an open-ended loop); empty when the size is merely unknown.
  std::string growth;
};

Verdict bounded_by(std::optional<Bound> b) {
  Verdict v;
  v.bound = std::move(b);
  return v;
}

// The bound a worker pool gives the tasks it runs.
Bound executor_bound(const Evidence::Pool& pool) {
  Bound b{BoundKind::executor, "`" + pool.text + "` runs them, " + pool.describe(), std::nullopt, 0, false};
  if (pool.workers) b.limit = Limit{static_cast<double>(*pool.workers), Unit::tasks};
  return b;
}

Verdict missing_because(std::string why) {
  Verdict v;
  v.missing = std::move(why);
  return v;
}

class FanoutStage {
 public:
  explicit FanoutStage(const StageContext& cx) : ev_(cx.ev), m_(cx.ev.model()), src_(m_.source->text) {}
  std::vector<Draft> run();

 private:
  bool is_starter(const Call& c) const;
  ts::Node task_callee(ts::Node e) const;
  std::optional<Verdict> from_size(int scope, ts::Node iterable, Unit unit);
  Verdict per_item(int scope, int loop, ts::Node element, ts::Node starter_call);
  bool awaited_in_place(int loop) const;
  Verdict collection(int scope, ts::Node e, int depth = 0);
  Verdict traced(int scope, const std::string& name, int depth);
  std::optional<Bound> joined(const Call& c) const;
  std::optional<Bound> held(int scope, ts::Node iterable, ts::Node target, ts::Node element) const;
  std::optional<Bound> executor_call(int scope, ts::Node element) const;
  ts::Node same_iteration_value(int scope, int loop, ts::Node element) const;
  Verdict limiter_of(int scope, ts::Node element, const std::string& over);
  std::string growth_of(int scope, int loop, ts::Node starter, bool joined_here) const;
  std::string growth_of_iterable(int scope, ts::Node iterable) const;
  std::optional<Bound> once_guard(int scope, int loop, ts::Node starter) const;
  std::optional<Bound> pooled_client(int scope, ts::Node element) const;

  const Evidence& ev_;
  const FileModel& m_;
  std::string_view src_;
};

// Task starters: asyncio's create_task/ensure_future, a task group's or nursery's start_soon /
// create_task, an executor's submit, and a pool's map family (only on a receiver bound to a pool).
bool FanoutStage::is_starter(const Call& c) const {
  if (c.resolved == "asyncio.create_task" || c.resolved == "asyncio.ensure_future") return true;
  auto fn = c.node.field("function");
  if (!fn.is("attribute")) return false;
  auto last = c.last();
  if (last == "create_task" || last == "ensure_future" || last == "start_soon" || last == "submit") return true;
  return is_pool_method(last) && ev_.pool(c.scope, fn.field("object")).has_value();
}

// The callable a task expression runs: create_task(f(x)) -> f, submit(f, x) -> f, f(x) -> f.
ts::Node FanoutStage::task_callee(ts::Node e) const {
  e = strip(e);
  for (int hops = 0; hops < 4 && e.is("call"); ++hops) {
    std::string last(last_component(dotted_name(e.field("function"), src_)));
    auto args = positional_args(e);
    if ((last == "create_task" || last == "ensure_future" || last == "wait_for" || last == "shield") && !args.empty()) {
      e = strip(args[0]);
    } else if ((last == "start_soon" || last == "submit" || is_pool_method(last)) && !args.empty()) {
      return strip(args[0]);
    } else if (last == "run_in_executor" && args.size() >= 2) {
      return strip(args[1]);
    } else {
      break;
    }
  }
  return e.is("call") ? e.field("function") : e;
}

std::optional<Verdict> FanoutStage::from_size(int scope, ts::Node iterable, Unit unit) {
  auto s = ev_.static_size(scope, iterable);
  if (!s) return std::nullopt;
  Verdict v;
  if (s->n) {
    v.bound = Bound{s->kind, "at most " + plural(*s->n, unit == Unit::tasks ? "task" : "item") + ": " + s->detail,
                    Limit{static_cast<double>(*s->n), unit}, m_.line(iterable), false};
  } else {
    s->ask->unit = unit;
    v.asks.push_back(*s->ask);
  }
  return v;
}

Verdict FanoutStage::limiter_of(int scope, ts::Node element, const std::string& over) {
  Verdict v;
  auto callee = task_callee(element);
  if (auto ref = ev_.function_ref(scope, callee))
    v.asks.push_back(Ask{Ask::Kind::limiter, *ref, false, false, one_line(callee.text(src_), 40), Unit::tasks, "", {}});
  v.missing = "one task per " + over + " and no semaphore, limiter or pool caps them" +
              (v.asks.empty() ? " (the task's function is not resolvable)" : "");
  return v;
}

bool is_async_for(ts::Node loop) { return loop.is("for_statement") && loop.child(0).is("async"); }

// Calls whose result is data read from outside the program: its length is whatever the input holds.
bool reads_input(std::string_view resolved) {
  static constexpr std::string_view kExact[] = {"os.listdir", "os.scandir", "os.walk", "glob.glob", "glob.iglob",
                                                "sys.stdin", "fileinput.input", "json.load", "json.loads"};
  static constexpr std::string_view kMethods[] = {"finditer", "findall", "readlines", "splitlines", "iterdir", "glob",
                                                  "rglob", "read", "read_text", "readline", "recv"};
  if (std::find(std::begin(kExact), std::end(kExact), resolved) != std::end(kExact)) return true;
  auto last = last_component(resolved);
  return resolved != last && std::find(std::begin(kMethods), std::end(kMethods), last) != std::end(kMethods);
}

// Evidence that the number of tasks grows with something the program does not hold yet. Without it
// a size the audit cannot see is unknown (LA202), not unbounded (LA201): a collection the program
// already holds, a method's result or a parameter may well be small.
std::string FanoutStage::growth_of(int scope, int loop, ts::Node starter, bool joined_here) const {
  // A task started on every pass of an open-ended loop (a `while`, an `async for` over a stream) and
  // not awaited in that pass: they pile up for as long as the loop runs. In a loop nested inside it,
  // only when the task is dropped (nothing keeps it to be joined).
  const bool dropped = !starter.null() && starter.parent().is("expression_statement");
  for (int li = loop; li >= 0; li = joined_here ? -1 : m_.loops[li].parent) {
    const auto& l = m_.loops[li];
    if ((l.node.is("while_statement") || is_async_for(l.node)) && (li == loop || dropped)) {
      auto head = l.node.is("while_statement") ? "`while " + one_line(l.node.field("condition").text(src_), 40) + "`"
                                               : "`async for ... in " + one_line(l.iterable.text(src_), 40) + "`";
      return "a task on every pass of " + head + " and none awaited in the pass";
    }
    if (!l.iterable.null())
      if (auto why = growth_of_iterable(scope, l.iterable); !why.empty()) return why;
  }
  return {};
}

// `range(n)` with a count from the caller, or items read from input (a directory, a file's lines or
// matches, argv, JSON), followed through local names bound once.
std::string FanoutStage::growth_of_iterable(int scope, ts::Node it) const {
  it = strip(it);
  for (int hops = 0; hops < 8; ++hops) {
    if (it.is("identifier")) {
      auto binds = m_.bindings_of(scope, it.text(src_));
      if (binds.size() != 1 || binds.front().how != Binding::How::assign) return {};
      it = strip(binds.front().value);
      continue;
    }
    if (it.is("attribute") || it.is("subscript")) {
      auto base = it.is("subscript") ? it.field("value") : it;
      if (dotted_name(base, src_) == "sys.argv" || m_.resolve(scope, dotted_name(base, src_)) == "sys.argv")
        return "one task per command-line argument (`" + one_line(it.text(src_), 40) + "`)";
      return {};
    }
    if (!it.is("call")) return {};
    auto fn = it.field("function");
    auto name = m_.resolve(scope, dotted_name(fn, src_));
    auto args = positional_args(it);
    if (name == "range" && !args.empty()) {
      auto n = strip(args.size() == 1 ? args[0] : args[1]);
      if (n.is("identifier") && ev_.param(scope, n.text(src_)) && m_.bindings_of(scope, n.text(src_)).empty())
        return "the count `" + std::string(n.text(src_)) + "` comes from the caller and nothing caps it";
      if (n.is("call") && m_.resolve(scope, dotted_name(n.field("function"), src_)) == "int")
        if (auto why = growth_of_iterable(scope, n); !why.empty()) return why;
      return {};
    }
    // A method on a call's result (`f.read().split()`) has no dotted name: its attribute still names it.
    auto method = fn.is("attribute") ? fn.field("attribute").text(src_) : std::string_view{};
    if (reads_input(name) || (name.empty() && reads_input("." + std::string(method))))
      return "one task per item read from input (`" + one_line(it.text(src_), 40) + "`)";
    if ((name == "int" || name == "list" || name == "sorted" || name == "enumerate" || name == "set") && args.size() == 1) {
      it = strip(args[0]);
      continue;
    }
    if (method == "split" || method == "strip") {
      it = strip(fn.field("object"));
      continue;
    }
    return {};
  }
  return {};
}

// An HTTP client handed to every task, whose connection pool has a fixed size: aiohttp's
// `ClientSession()` (its default connector admits 100 connections) and httpx's `AsyncClient()` (default
// limits: 100 connections). Only with the library's default pool; a `connector=` / `limits=` argument
// may lift the cap.
std::optional<Bound> FanoutStage::pooled_client(int scope, ts::Node element) const {
  auto call = strip(element);
  for (int hops = 0; hops < 3 && call.is("call"); ++hops) {
    auto args = positional_args(call);
    std::string last(last_component(dotted_name(call.field("function"), src_)));
    if ((last == "create_task" || last == "ensure_future") && !args.empty()) {
      call = strip(args[0]);
      continue;
    }
    std::size_t first = last == "start_soon" || last == "submit" ? 1 : 0;
    for (std::size_t i = first; i < args.size(); ++i) {
      auto a = strip(args[i]);
      if (!a.is("identifier")) continue;
      auto binds = m_.bindings_of(scope, a.text(src_));
      if (binds.size() != 1 || !binds.front().value.is("call")) continue;
      auto ctor = binds.front().value;
      auto name = m_.resolve(scope, dotted_name(ctor.field("function"), src_));
      if (name != "aiohttp.ClientSession" && name != "httpx.AsyncClient") continue;
      bool custom = false;
      for (auto k : ts::named_children(ctor.field("arguments")))
        if (k.is("dictionary_splat") || (k.is("keyword_argument") && (k.field("name").text(src_) == "connector" ||
                                                                      k.field("name").text(src_) == "limits")))
          custom = true;
      if (!custom && positional_args(ctor).empty())
        return Bound{BoundKind::semaphore,
                     "every task gets `" + std::string(a.text(src_)) + "` (`" + name + "()`), whose default pool admits 100 connections",
                     Limit{100, Unit::tasks}, m_.line(ctor), false};
    }
    break;
  }
  return std::nullopt;
}

// `if iteration == 2: create_task(...)` where the loop only ever adds a positive step to `iteration`
// (and nothing else rebinds it inside a loop): the test holds on one pass at most.
std::optional<Bound> FanoutStage::once_guard(int scope, int loop, ts::Node starter) const {
  const auto& l = m_.loops[loop];
  for (auto n = starter; !n.null() && !(n == l.node); n = n.parent()) {
    auto p = n.parent();
    if (!(p.is("if_statement") || p.is("elif_clause")) || !(p.field("consequence") == n)) continue;
    auto cond = strip(p.field("condition"));
    if (!cond.is("comparison_operator") || cond.named_child_count() != 2 || cond.child_count() != 3 ||
        cond.child(1).type() != "==")
      continue;
    auto a = strip(cond.named_child(0)), b = strip(cond.named_child(1));
    if (a.is("integer")) std::swap(a, b);
    if (!a.is("identifier") || !b.is("integer")) continue;
    auto name = a.text(src_);
    if (m_.binding_scope(scope, name) != scope) continue;
    bool steps = false, other = false;
    for (const auto& bd : m_.bindings_of(scope, name)) {
      if (bd.loop < 0) continue;
      auto step = bd.how == Binding::How::augmented && l.node.contains(bd.node) &&
                          bd.node.field("operator").type() == "+="
                      ? ev_.int_value(scope, bd.value)
                      : std::nullopt;
      if (step && *step > 0) steps = true;
      else other = true;
    }
    if (steps && !other)
      return Bound{BoundKind::single,
                   "Started on one pass at most: `" + one_line(cond.text(src_), 40) + "` and `" + std::string(name) + "` only grows",
                   Limit{1, Unit::tasks}, m_.line(cond), false};
  }
  return std::nullopt;
}

Verdict FanoutStage::per_item(int scope, int loop, ts::Node element, ts::Node starter_call) {
  const auto& l = m_.loops[loop];
  // Every enclosing loop in the function multiplies the count: all must be static.
  std::optional<Verdict> sized;
  long long total = 1;
  bool all_known = true;
  // Tasks of a comprehension that an awaited gather/wait joins on the spot are all done before the
  // enclosing loops go on: only the comprehension's own loop counts.
  const bool joined_here = awaited_in_place(loop);
  for (int li = loop; li >= 0; li = joined_here ? -1 : m_.loops[li].parent) {
    const auto& outer = m_.loops[li];
    if (outer.iterable.null()) {
      all_known = false;
      break;
    }
    auto v = from_size(scope, outer.iterable, Unit::tasks);
    if (!v) {
      all_known = false;
      break;
    }
    if (!v->bound) {  // an index question: only for a single loop
      if (li != loop || outer.parent >= 0) all_known = false;
      sized = v;
      break;
    }
    total *= static_cast<long long>(v->bound->limit->value);
    if (!sized) sized = v;
  }
  std::vector<Ask> size_asks;
  if (all_known && sized) {
    if (sized->bound && l.parent >= 0) sized->bound->limit = Limit{static_cast<double>(total), Unit::tasks};
    if (sized->bound) return *sized;
    size_asks = sized->asks;  // asked first; what follows is the answer when the index has none
  }
  if (auto b = executor_call(scope, element)) return bounded_by(b);
  std::optional<Bound> held_here;
  if ((l.parent < 0 || joined_here) && !l.iterable.null()) {
    auto clause = l.node.is("for_statement") ? l.node : first_for_in(l.node);
    auto target = clause.null() ? ts::Node{} : clause.field("left");
    held_here = held(scope, l.iterable, target, element);
  }
  if (held_here && size_asks.empty()) return bounded_by(held_here);
  // `await sem.acquire()` in the loop body before each task is a real cap.
  for (const auto& c : m_.calls) {
    if (c.scope != scope || c.last() != "acquire" || !l.node.contains(c.node)) continue;
    auto fn = c.node.field("function");
    if (auto lim = ev_.limiter(scope, fn.field("object")))
      return bounded_by(Bound{BoundKind::semaphore, "`" + one_line(c.node.text(src_), 40) + "` (" + *lim + ") before each task",
                           std::nullopt, m_.line(c.node), false});
  }
  if (auto b = once_guard(scope, loop, starter_call)) return bounded_by(b);
  if (auto b = pooled_client(scope, element)) return bounded_by(b);
  std::string over = l.iterable.null() ? "iteration of `while " + one_line(l.node.field("condition").text(src_), 40) + "`"
                                       : "item of `" + one_line(l.iterable.text(src_), 40) + "`";
  auto v = limiter_of(scope, element, over);
  v.asks.insert(v.asks.begin(), size_asks.begin(), size_asks.end());
  v.fallback = held_here;
  v.starter = starter_call;
  v.growth = growth_of(scope, loop, starter_call, joined_here);
  return v;
}

bool FanoutStage::awaited_in_place(int loop) const {
  auto comp = m_.loops[loop].node;
  if (!is_comprehension(comp)) return false;
  auto p = comp.parent();
  if (p.is("list_splat")) p = p.parent();
  if (!p.is("argument_list")) return false;
  auto call = p.parent();
  if (!call.is("call") || !is_gather_like(m_.resolve(m_.loops[loop].scope, dotted_name(call.field("function"), src_))))
    return false;
  auto up = call.parent();
  return up.is("await");
}

// A registry of objects the program already holds: a collection on self/cls (an instance's own
// connections, handlers, tasks) or a module-level collection that functions add to. A fan-out over it
// starts one task per object that exists already; how many exist is decided where they are admitted,
// not by the fan-out, so it adds no unbounded growth of its own.
//
// Only when each task acts on its own object (the loop variable is the receiver of the call the task
// runs: `conn.close()`, `start_soon(conn.aclose)`): a task that merely takes the item as an argument
// (`fetch(url) for url in self.pending`) starts new work per item, and a backlog can be any size.
std::optional<Bound> FanoutStage::held(int scope, ts::Node it, ts::Node target, ts::Node element) const {
  if (target.null() || !target.is("identifier")) return std::nullopt;
  auto callee = task_callee(element);
  if (!callee.is("attribute") || dotted_name(strip(callee.field("object")), src_) != target.text(src_))
    return std::nullopt;
  it = strip(it);
  for (int hops = 0; hops < 4 && it.is("call"); ++hops) {
    auto fn = it.field("function");
    auto name = m_.resolve(scope, dotted_name(fn, src_));
    std::string last(last_component(name));
    auto args = positional_args(it);
    if (fn.is("attribute") && (last == "values" || last == "keys" || last == "items" || last == "copy") && args.empty())
      it = strip(fn.field("object"));
    else if ((name == "list" || name == "set" || name == "tuple" || name == "sorted" || name == "frozenset") && args.size() == 1)
      it = strip(args[0]);
    else
      return std::nullopt;
  }
  auto dotted = dotted_name(it, src_);
  if (dotted.empty()) return std::nullopt;
  auto head = dotted.substr(0, dotted.find('.'));
  if ((head == "self" || head == "cls") && dotted != head)
    return Bound{BoundKind::held, "one task per object `" + dotted + "` already holds", std::nullopt, 0, false};
  if (it.is("identifier") && m_.binding_scope(scope, dotted) == 0 && !m_.scopes[0].aliases.count(dotted))
    for (const auto& mu : m_.mutations)
      if (mu.target == dotted && mu.scope != 0 && mu.method != "del" && m_.binding_scope(mu.scope, dotted) == 0)
        return Bound{BoundKind::held, "one task per object in the module registry `" + dotted + "` (filled at line " +
                                          std::to_string(m_.line(mu.node)) + ")",
                     std::nullopt, 0, false};
  return std::nullopt;
}

// loop.run_in_executor(pool, f): the pool runs them (None: the loop's default executor).
std::optional<Bound> FanoutStage::executor_call(int scope, ts::Node element) const {
  auto e = strip(element);
  if (!e.is("call") || last_component(dotted_name(e.field("function"), src_)) != "run_in_executor") return std::nullopt;
  auto args = positional_args(e);
  if (args.empty()) return std::nullopt;
  if (is_none(args[0], src_))
    return Bound{BoundKind::executor, "the event loop's default executor runs them (min(32, cpus + 4) threads)", std::nullopt, 0, false};
  if (auto pool = ev_.pool(scope, args[0])) return executor_bound(*pool);
  return std::nullopt;
}

// `task = create_task(...); tasks.append(task)`: the value a name was given earlier in the same
// iteration (the element is then that call).
ts::Node FanoutStage::same_iteration_value(int scope, int loop, ts::Node element) const {
  element = strip(element);
  if (!element.is("identifier")) return element;
  const Binding* last = nullptr;
  for (const auto& b : m_.bindings_of(scope, element.text(src_)))
    if (b.loop == loop && b.how == Binding::How::assign && b.node.end_byte() <= element.start_byte()) last = &b;
  return last && last->value.is("call") ? last->value : element;
}

Verdict FanoutStage::traced(int scope, const std::string& name, int depth) {
  int s = m_.binding_scope(scope, name);
  if (s < 0) return missing_because("`" + name + "` is not bound here");
  if (const Param* p = ev_.param(scope, name); p && m_.bindings_of(s, name).empty()) {
    // Annotated as a collection of tasks or futures: work that is already running, started (and
    // audited) where it was created.
    auto type = p->annotation.null() ? std::string_view{} : p->annotation.text(src_);
    if (type.find("Task") != std::string_view::npos || type.find("Future") != std::string_view::npos)
      return bounded_by(Bound{BoundKind::joined, "Waits for the tasks passed in (`" + name + ": " + one_line(type, 40) + "`); starts none",
                           std::nullopt, 0, false});
    return missing_because("`" + name + "` is a parameter: its size is up to the caller");
  }
  // Bindings that only shrink the set (done, pending = await asyncio.wait(pending)) add nothing.
  std::vector<const Binding*> binds;
  for (const auto& b : m_.bindings_of(s, name)) {
    if (b.how == Binding::How::unpacked && b.value.is("call") &&
        m_.resolve(s, dotted_name(b.value.field("function"), src_)) == "asyncio.wait")
      continue;
    binds.push_back(&b);
  }
  if (binds.size() != 1 || binds[0]->how != Binding::How::assign)
    return missing_because("`" + name + "` is built in several places");
  auto value = binds[0]->value;
  if (value.is("call") && m_.resolve(s, dotted_name(value.field("function"), src_)) == "asyncio.all_tasks")
    return bounded_by(Bound{BoundKind::joined, "Waits for tasks already running (`asyncio.all_tasks()`); starts none",
                         std::nullopt, m_.line(value), false});
  bool literal = value.is("list") || value.is("tuple") || value.is("set");
  if (!literal) return collection(s, value, depth + 1);
  int n = 0;
  for (auto c : ts::named_children(value)) {
    if (c.is("list_splat")) return collection(s, value, depth + 1);
    ++n;
  }
  // A literal later filled in place: each append outside loops adds one; appends in a loop add one
  // task per iteration of that loop (its bound is the collection's).
  for (const auto& mu : m_.mutations) {
    if (mu.target != name || m_.binding_scope(mu.scope, name) != s) continue;
    if (mu.method == "extend" || mu.method == "+=" || mu.method == "update") {
      auto inner = collection(mu.scope, mu.value, depth + 1);
      if (mu.loop >= 0 || !inner.bound || !inner.bound->limit) {
        if (inner.missing.empty()) inner.missing = "`" + name + "` is extended with a collection of unknown size";
        if (mu.loop >= 0) inner.bound.reset();
        return inner;
      }
      n += static_cast<int>(inner.bound->limit->value);
      continue;
    }
    if (mu.method == "[]=" || mu.method == "del") continue;
    if (mu.loop >= 0) {
      auto element = same_iteration_value(mu.scope, mu.loop, mu.value);
      return per_item(mu.scope, mu.loop, element, element);
    }
    ++n;
  }
  if (n <= 1) return bounded_by(Bound{BoundKind::single, "Single awaitable in `" + name + "`", Limit{1, Unit::tasks}, 0, false});
  return bounded_by(Bound{BoundKind::static_literal, plural(n, "awaitable") + " in `" + name + "`",
                       Limit{static_cast<double>(n), Unit::tasks}, 0, false});
}

Verdict FanoutStage::collection(int scope, ts::Node e, int depth) {
  e = strip(e);
  if (e.is("list_splat")) e = strip(e.named_child(0));
  if (e.null() || depth > 6) return missing_because("tasks from an expression the audit cannot follow");
  if (is_comprehension(e)) {
    auto clause = first_for_in(e);
    auto iterable = clause.null() ? ts::Node{} : clause.field("right");
    auto body = strip(e.field("body"));
    // `wait([create_task(f(x)) for x in xs])`: the starter in the comprehension is the fan-out.
    ts::Node starter;
    if (body.is("call")) {
      std::string last(last_component(dotted_name(body.field("function"), src_)));
      if (last == "create_task" || last == "ensure_future" || last == "submit") starter = body;
    }
    if (!starter.null()) {
      Verdict v;
      v.starter = starter;
      return v;
    }
    if (auto b = executor_call(scope, body)) return bounded_by(b);
    std::optional<Bound> held_here =
        iterable.null() ? std::nullopt : held(scope, iterable, clause.field("left"), e.field("body"));
    if (!iterable.null())
      if (auto v = from_size(scope, iterable, Unit::tasks)) {
        if (v->bound) return *v;
        auto lim = limiter_of(scope, e.field("body"), "item of `" + one_line(iterable.text(src_), 40) + "`");
        v->asks.insert(v->asks.end(), lim.asks.begin(), lim.asks.end());
        v->missing = lim.missing;
        v->fallback = held_here;
        return *v;
      }
    if (held_here) return bounded_by(held_here);
    if (auto b = pooled_client(scope, e.field("body"))) return bounded_by(b);
    auto v = limiter_of(scope, e.field("body"), "item of `" + one_line(iterable.text(src_), 40) + "`");
    if (!iterable.null()) v.growth = growth_of_iterable(scope, iterable);
    return v;
  }
  if (e.is("list") || e.is("tuple") || e.is("set")) {
    int n = 0;
    for (auto c : ts::named_children(e)) {
      if (c.is("list_splat")) return collection(scope, c, depth + 1);
      ++n;
    }
    if (n <= 1) return bounded_by(Bound{BoundKind::single, "Single awaitable", Limit{1, Unit::tasks}, 0, false});
    return bounded_by(Bound{BoundKind::static_literal, "Literal list of " + plural(n, "awaitable"),
                         Limit{static_cast<double>(n), Unit::tasks}, 0, false});
  }
  if (e.is("identifier")) return traced(scope, std::string(e.text(src_)), depth);
  if (e.is("attribute")) {
    // gather(*self._tasks) / wait(writer._background_tasks): tasks an object already holds.
    return bounded_by(Bound{BoundKind::joined, "Waits for tasks `" + one_line(e.text(src_), 40) + "` already holds; starts none",
                         std::nullopt, 0, false});
  }
  if (e.is("call")) {
    auto fn = e.field("function");
    auto name = m_.resolve(scope, dotted_name(fn, src_));
    auto last = last_component(name);
    auto args = positional_args(e);
    if ((last == "values" || last == "keys") && fn.is("attribute") && fn.field("object").is("identifier"))
      return traced(scope, std::string(fn.field("object").text(src_)), depth);
    if ((name == "list" || name == "set" || name == "tuple" || name == "frozenset") && args.empty())
      return bounded_by(Bound{BoundKind::static_literal, "Empty collection", Limit{0, Unit::tasks}, 0, false});
    if ((name == "list" || name == "set" || name == "tuple" || name == "iter" || name == "sorted") && args.size() == 1)
      return collection(scope, args[0], depth + 1);
    if (name == "map" && args.size() >= 2) {
      if (auto v = from_size(scope, args[1], Unit::tasks)) return *v;
      auto v = limiter_of(scope, args[0], "item of `" + one_line(args[1].text(src_), 40) + "`");
      v.growth = growth_of_iterable(scope, args[1]);
      return v;
    }
  }
  if (e.is("call"))
    if (auto v = from_size(scope, e, Unit::tasks); v && v->bound) return *v;  // e.g. results of a fixed gather
  return missing_because("tasks from `" + one_line(e.text(src_), 40) + "`, whose size is unknown");
}

// A task awaited in the iteration that created it is not a fan-out: one in flight at a time. So is
// a task group (or nursery) entered and exited once per item.
std::optional<Bound> FanoutStage::joined(const Call& c) const {
  auto parent = c.node.parent();
  if (parent.is("await")) return Bound{BoundKind::joined, "Awaited where it is created", Limit{1, Unit::tasks}, 0, false};
  const auto& l = m_.loops[c.loop];
  auto fn = c.node.field("function");
  if (fn.is("attribute")) {
    auto recv = dotted_name(fn.field("object"), src_);
    for (const auto& b : m_.bindings_of(c.scope, recv))
      if (b.how == Binding::How::with_as && b.loop == c.loop && b.node.parent().parent().contains(c.node))
        return Bound{BoundKind::joined, "The task group `" + recv + "` is entered and exited once per item",
                     Limit{1, Unit::tasks}, m_.line(b.node), false};
  }
  if (parent.is("assignment") && parent.field("left").is("identifier")) {
    auto task = parent.field("left").text(src_);
    bool awaited = false;
    ts::walk(l.node.field("body").null() ? l.node : l.node.field("body"), [&](ts::Node x) {
      if (awaited || x.is("function_definition") || x.is("lambda")) return false;
      if (x.start_byte() < c.node.end_byte()) return true;
      if (x.is("await")) {
        ts::walk(x, [&](ts::Node y) {
          if (y.is("identifier") && y.text(src_) == task) awaited = true;
          return !awaited;
        });
        return false;
      }
      if (x.is("call") && dotted_name(x.field("function"), src_) == std::string(task) + ".result") awaited = true;
      return !awaited;
    });
    if (awaited)
      return Bound{BoundKind::joined, "`" + std::string(task) + "` is awaited in the same iteration", Limit{1, Unit::tasks}, 0, false};
  }
  return std::nullopt;
}

std::vector<Draft> FanoutStage::run() {
  std::vector<Draft> out;
  std::vector<std::pair<ts::Node, std::size_t>> starters;  // starter node -> index in out
  for (const auto& c : m_.calls) {
    if (is_gather_like(c.resolved) || !is_starter(c)) continue;
    Draft d;
    d.site = make_site(m_, Category::fanout, c.node, c.scope, c.loop, c.resolved.empty() ? c.dotted : c.resolved);
    auto fn = c.node.field("function");
    auto pool = fn.is("attribute") ? ev_.pool(c.scope, fn.field("object")) : std::nullopt;
    if (c.loop < 0) {
      if (pool) {
        d.site.bound = executor_bound(*pool);
      } else {
        d.site.bound = Bound{BoundKind::single, "One task per call of `" + d.site.function + "`", Limit{1, Unit::tasks}, 0, false};
      }
      out.push_back(std::move(d));
      continue;
    }
    if (auto j = joined(c)) {
      d.site.bound = j;
    } else if (pool) {
      d.site.bound = executor_bound(*pool);
    } else {
      auto v = per_item(c.scope, c.loop, c.node, c.node);
      d.site.bound = v.bound;
      d.asks = v.asks;
      d.fallback = v.fallback;
      d.site.missing = v.missing;
      if (!v.bound) d.site.gap = v.growth.empty() ? Gap::unsized_fanout : Gap::dynamic_fanout;
      if (!v.growth.empty()) d.site.missing += "; " + v.growth;
    }
    starters.emplace_back(c.node, out.size());
    out.push_back(std::move(d));
  }
  for (const auto& c : m_.calls) {
    if (!is_gather_like(c.resolved)) continue;
    Draft d;
    d.site = make_site(m_, Category::fanout, c.node, c.scope, c.loop, c.resolved);
    auto args = c.node.field("arguments");
    Verdict v;
    if (args.is("generator_expression")) {
      v = collection(c.scope, args);
    } else {
      std::vector<ts::Node> positional;
      ts::Node splat;
      for (auto x : ts::named_children(args)) {
        if (x.is("list_splat") && splat.null()) splat = x;
        else if (!x.is("keyword_argument") && !x.is("dictionary_splat")) positional.push_back(x);
      }
      if (!splat.null()) v = collection(c.scope, splat);
      else if (c.resolved != "asyncio.gather") v = positional.empty() ? missing_because("no awaitables given")
                                                                        : collection(c.scope, positional.front());
      else if (positional.size() <= 1) v.bound = Bound{BoundKind::single, "Single awaitable", Limit{1, Unit::tasks}, 0, false};
      else v.bound = Bound{BoundKind::static_literal, "Literal list of " + plural(static_cast<long long>(positional.size()), "awaitable"),
                           Limit{static_cast<double>(positional.size()), Unit::tasks}, 0, false};
    }
    // asyncio.wait takes tasks and futures, never coroutines (Python 3.11): it starts nothing, it waits
    // for work started elsewhere, which is audited where it starts.
    if (!v.bound && c.resolved == "asyncio.wait" && v.starter.null() && v.asks.empty() && !args.is("generator_expression")) {
      bool built_here = false;
      for (auto x : ts::named_children(args))
        if (!x.is("keyword_argument") && (is_comprehension(strip(x)) || strip(x).is("list") || strip(x).is("set")))
          built_here = true;
      if (!built_here)
        v.bound = Bound{BoundKind::joined, "Waits for tasks started elsewhere; starts none", std::nullopt, 0, false};
    }
    d.site.bound = v.bound;
    d.asks = v.asks;
    d.fallback = v.fallback;
    d.site.missing = v.missing;
    if (!v.bound) {
      d.site.gap = v.growth.empty() ? Gap::unsized_fanout : Gap::dynamic_fanout;
      if (!v.growth.empty()) d.site.missing += "; " + v.growth;
      for (const auto& [node, index] : starters)
        if (!v.starter.null() && (node == v.starter || v.starter.contains(node))) {
          d.site.reported_at_line = m_.line(node);
          // The starter's own verdict is the fan-out's: it asks the same questions.
          d.asks = out[index].asks;
          d.fallback = out[index].fallback;
          d.site.missing = out[index].site.missing;
          d.site.bound = out[index].site.bound;
          d.site.gap = out[index].site.gap;
        }
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

std::vector<Draft> fanout_drafts(const StageContext& cx) { return FanoutStage(cx).run(); }

}  // namespace boundaudit::loops
