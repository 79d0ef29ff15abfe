#include "loops/evidence.hpp"

#include "loops/facts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace boundaudit::loops {
namespace {

bool module_is(std::string_view resolved, std::initializer_list<std::string_view> modules,
               std::initializer_list<std::string_view> names) {
  auto last = last_component(resolved);
  if (std::find(names.begin(), names.end(), last) == names.end()) return false;
  auto head = resolved.substr(0, resolved.size() - last.size());
  if (head.empty()) return false;
  head.remove_suffix(1);
  for (auto m : modules)
    if (head == m) return true;
  return false;
}

// The constructors of concurrency limiters: each acquire admits at most N holders, so a task that
// acquires one per run is capped at N in flight whatever the number of tasks.
bool is_limiter_ctor(std::string_view resolved) {
  return module_is(resolved, {"asyncio", "threading", "multiprocessing", "anyio", "trio", "asyncio.locks"},
                   {"Semaphore", "BoundedSemaphore", "CapacityLimiter"});
}

// Worker pools: a pool with N workers runs at most N submitted items at once, however many are queued.
bool is_pool_ctor(std::string_view resolved) {
  return module_is(resolved, {"concurrent.futures", "concurrent.futures.thread", "concurrent.futures.process"},
                   {"ThreadPoolExecutor", "ProcessPoolExecutor"}) ||
         module_is(resolved, {"multiprocessing", "multiprocessing.pool", "multiprocessing.dummy"},
                   {"Pool", "ThreadPool"});
}

}  // namespace

bool is_none(ts::Node n, std::string_view src) { return !n.null() && (n.is("none") || n.text(src) == "None"); }

std::string plural(long long n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

Evidence::Evidence(const FileModel& m, const std::string& module) : m_(m), module_(module) {
  auto path = std::string_view(m.source->path);
  bool init = path.ends_with("__init__.py");
  auto dot = module.rfind('.');
  package_ = init ? module : dot == std::string::npos ? "" : module.substr(0, dot);
}

const Param* Evidence::param(int scope, std::string_view name) const {
  int fn = m_.function_of(scope);
  for (int s = fn; s >= 0 && m_.scopes[s].kind == Scope::Kind::function; s = m_.scopes[s].parent) {
    for (const auto& p : m_.scopes[s].params)
      if (p.name == name) return &p;
    if (!m_.bindings_of(s, name).empty()) return nullptr;  // shadowed by a local
  }
  return nullptr;
}

std::optional<long long> Evidence::int_value(int scope, ts::Node e, int depth) const {
  std::string_view src = m_.source->text;
  e = strip(e);
  if (e.null() || depth > 8) return std::nullopt;
  if (e.is("integer")) {
    std::string digits;
    for (char c : e.text(src))
      if (c != '_') digits += c;
    int base = 10;
    std::size_t skip = 0;
    if (digits.size() > 2 && digits[0] == '0') {
      char b = static_cast<char>(digits[1] | 0x20);
      base = b == 'x' ? 16 : b == 'o' ? 8 : b == 'b' ? 2 : 10;
      skip = base == 10 ? 0 : 2;
    }
    errno = 0;
    char* end = nullptr;
    auto v = std::strtoll(digits.c_str() + skip, &end, base);
    if (errno != 0 || !end || *end != '\0') return std::nullopt;
    return v;
  }
  if (e.is("unary_operator")) {
    auto v = int_value(scope, e.field("argument"), depth + 1);
    auto op = e.field("operator").text(src);
    if (!v) return std::nullopt;
    return op == "-" ? -*v : op == "+" ? *v : std::optional<long long>{};
  }
  if (e.is("binary_operator")) {
    auto a = int_value(scope, e.field("left"), depth + 1), b = int_value(scope, e.field("right"), depth + 1);
    if (!a || !b || std::llabs(*a) > (1LL << 40) || std::llabs(*b) > (1LL << 40)) return std::nullopt;
    auto op = e.field("operator").text(src);
    if (op == "+") return *a + *b;
    if (op == "-") return *a - *b;
    if (op == "*") return *a * *b;
    if (op == "//" && *b != 0) return *a / *b;
    return std::nullopt;
  }
  if (e.is("identifier")) {
    // A name bound once, outside any loop, to a constant, and never changed after: its value. Locals
    // and module-level names of this file; `a, b = 1, 5` counts element by element.
    auto name = e.text(src);
    int s = m_.binding_scope(scope, name);
    if (s < 0 || m_.scopes[s].kind == Scope::Kind::class_) return std::nullopt;
    const auto& b = m_.bindings_of(s, name);
    if (b.size() != 1 || b[0].loop >= 0) return std::nullopt;
    for (const auto& p : m_.scopes[s].params)
      if (p.name == name) return std::nullopt;
    for (const auto& g : m_.scopes)
      for (const auto& x : g.globals)
        if (x == name) return std::nullopt;
    if (b[0].how == Binding::How::assign) return int_value(s, b[0].value, depth + 1);
    if (b[0].how == Binding::How::unpacked) {
      auto left = b[0].node.field("left");
      auto right = b[0].value;
      if (!right.is("expression_list") && !right.is("tuple")) return std::nullopt;
      auto targets = ts::named_children(left);
      auto values = ts::named_children(right);
      if (targets.size() != values.size()) return std::nullopt;
      for (std::size_t i = 0; i < targets.size(); ++i)
        if (targets[i].is("identifier") && targets[i].text(src) == name) return int_value(s, values[i], depth + 1);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Ref> Evidence::global_ref(int scope, std::string_view dotted) const {
  if (dotted.empty()) return std::nullopt;
  auto dot = dotted.find('.');
  std::string head(dotted.substr(0, dot));
  std::string rest = dot == std::string_view::npos ? "" : std::string(dotted.substr(dot));
  int s = m_.binding_scope(scope, head);
  if (s < 0) return std::nullopt;
  auto alias = m_.scopes[s].aliases.find(head);
  if (alias != m_.scopes[s].aliases.end()) {
    std::string target = alias->second;
    if (!target.empty() && target[0] == '.') {  // relative import: against this file's package
      std::string package = package_;
      std::size_t dots = 0;
      while (dots < target.size() && target[dots] == '.') ++dots;
      for (std::size_t up = 1; up < dots; ++up) {
        auto cut = package.rfind('.');
        package = cut == std::string::npos ? "" : package.substr(0, cut);
      }
      target = target.substr(dots);
      target = package.empty() ? target : target.empty() ? package : package + "." + target;
    }
    return target + rest;
  }
  if (s != 0) return std::nullopt;  // a local of some function
  return module_ + "." + std::string(dotted);
}

std::optional<Ref> Evidence::function_ref(int scope, ts::Node callee) const {
  std::string_view src = m_.source->text;
  callee = strip(callee);
  auto dotted = dotted_name(callee, src);
  if (dotted.empty()) return std::nullopt;
  auto dot = dotted.find('.');
  std::string head = dotted.substr(0, dot);
  if ((head == "self" || head == "cls") && dot != std::string::npos && dotted.find('.', dot + 1) == std::string::npos) {
    int fn = m_.function_of(scope);
    int cls = fn >= 0 ? m_.scopes[fn].parent : -1;
    if (cls < 0 || m_.scopes[cls].kind != Scope::Kind::class_) return std::nullopt;
    auto it = m_.defs[cls].find(dotted.substr(dot + 1));
    if (it == m_.defs[cls].end()) return std::nullopt;  // inherited or assigned: unknown
    return module_ + "." + m_.scopes[it->second].qualname;
  }
  int s = m_.binding_scope(scope, head);
  if (s < 0) return std::nullopt;
  auto def = m_.defs[s].find(head);
  if (def != m_.defs[s].end() && m_.bindings_of(s, head).empty()) {
    const auto& d = m_.scopes[def->second];
    if (dot == std::string::npos) return module_ + "." + d.qualname;
    if (d.kind == Scope::Kind::class_ && dotted.find('.', dot + 1) == std::string::npos) {
      auto method = m_.defs[def->second].find(dotted.substr(dot + 1));
      if (method != m_.defs[def->second].end()) return module_ + "." + m_.scopes[method->second].qualname;
    }
    return std::nullopt;
  }
  if (m_.scopes[s].aliases.count(head)) return global_ref(scope, dotted);
  return std::nullopt;
}

// A parameter never rebound nor changed in place: as large as the largest collection any call in the
// tree passes for it (asked of the index, which checks that every mention of the function is a call
// it saw). Functions only, not methods (a call through an object shifts the positions by one).
std::optional<Size> Evidence::param_size(int fn, const std::string& name) const {
  const auto& scope = m_.scopes[fn];
  if (scope.kind != Scope::Kind::function || scope.parent < 0 || m_.scopes[scope.parent].kind == Scope::Kind::class_ ||
      scope.name == "<lambda>")
    return std::nullopt;
  for (const auto& mu : m_.mutations)
    if (mu.target == name && m_.binding_scope(mu.scope, name) == fn) return std::nullopt;
  Ask a{Ask::Kind::param_size, module_ + "." + scope.qualname, false, false, name, Unit::items, "", {}};
  int position = 0;
  for (const auto& p : scope.params) {
    if (p.name == name) {
      if (p.kind == Param::Kind::kwargs) return std::nullopt;
      a.param.name = name;
      a.param.varargs = p.kind == Param::Kind::varargs;
      a.param.position = p.kind == Param::Kind::keyword_only ? -1 : position;
      if (!p.default_value.null()) {
        auto d = strip(p.default_value);
        auto size = static_size(fn, d, 1);
        a.param.default_size = is_none(d, m_.source->text) ? 0 : size && size->n ? *size->n : -1;
      }
      return Size{std::nullopt, a, BoundKind::caller_size, ""};
    }
    if (p.kind == Param::Kind::positional) ++position;
  }
  return std::nullopt;
}

std::optional<Size> Evidence::static_size(int scope, ts::Node it, int depth) const {
  std::string_view src = m_.source->text;
  it = strip(it);
  if (it.null() || depth > 8) return std::nullopt;
  auto t = it.type();
  if (t == "list" || t == "tuple" || t == "set" || t == "dictionary") {
    int n = 0;
    for (auto c : ts::named_children(it)) {
      if (c.is("list_splat") || c.is("dictionary_splat")) return std::nullopt;
      ++n;
    }
    std::string what = t == "dictionary" ? "dict" : std::string(t);
    return Size{n, std::nullopt, BoundKind::static_literal, "literal " + what + " of " + plural(n, "item")};
  }
  if (is_comprehension(it)) {
    auto clause = first_for_in(it);
    return clause.null() ? std::nullopt : static_size(scope, clause.field("right"), depth + 1);
  }
  if (t == "identifier" || t == "attribute") {
    auto dotted = dotted_name(it, src);
    if (dotted.empty()) return std::nullopt;
    auto head = dotted.substr(0, dotted.find('.'));
    if (t == "attribute" && (head == "self" || head == "cls") && std::count(dotted.begin(), dotted.end(), '.') == 1) {
      // A class attribute read through self/cls: the class's own constant, unless a subclass elsewhere
      // overrides it (the index checks that no other class defines the same name).
      int fn = m_.function_of(scope);
      int cls = fn >= 0 ? m_.scopes[fn].parent : -1;
      if (cls < 0 || m_.scopes[cls].kind != Scope::Kind::class_ || m_.scopes[cls].parent != 0) return std::nullopt;
      Ask a{Ask::Kind::size, module_ + "." + m_.scopes[cls].qualname + dotted.substr(dotted.find('.')), false, true,
            dotted, Unit::items, "", {}};
      return Size{std::nullopt, a, BoundKind::static_table, ""};
    }
    int s = m_.binding_scope(scope, head);
    if (s < 0) return std::nullopt;
    if (t == "identifier" && m_.scopes[s].kind == Scope::Kind::function) {
      // A local: bound once, outside loops, to something static, and never changed in place.
      const auto& b = m_.bindings_of(s, dotted);
      if (b.empty()) return param_size(s, dotted);
      if (b.size() != 1 || b[0].how != Binding::How::assign || b[0].loop >= 0) return std::nullopt;
      for (const auto& mu : m_.mutations)
        if (mu.target == dotted && m_.binding_scope(mu.scope, dotted) == s) return std::nullopt;
      auto inner = static_size(s, b[0].value, depth + 1);
      if (inner && inner->n) inner->detail += " (`" + dotted + "`)";
      return inner;
    }
    auto ref = global_ref(scope, dotted);
    if (!ref) return std::nullopt;
    return Size{std::nullopt, Ask{Ask::Kind::size, *ref, false, false, dotted, Unit::items, "", {}}, BoundKind::static_table, ""};
  }
  if (t == "subscript") {
    // x[:N] takes at most N items; TABLE[key] on a dict of collections is at most its largest value.
    auto value = it.field("value");
    auto sub = it.field("subscript");
    if (sub.is("slice")) {
      auto kids = ts::named_children(sub);
      bool leading_colon = sub.child_count() > 0 && sub.child(0).type() == ":";
      if (leading_colon && kids.size() == 1)
        if (auto n = int_value(scope, kids[0]); n && *n >= 0)
          return Size{static_cast<int>(*n), std::nullopt, BoundKind::sliced,
                      "at most " + plural(*n, "item") + " (`" + one_line(it.text(src), 40) + "`)"};
      return std::nullopt;
    }
    auto inner = static_size(scope, value, depth + 1);
    if (inner && inner->ask) {
      inner->ask->largest_value = true;
      inner->ask->name = one_line(it.text(src), 40);
      return inner;
    }
    return std::nullopt;
  }
  if (t == "call") {
    auto fn = it.field("function");
    auto name = m_.resolve(scope, dotted_name(fn, src));
    auto args = positional_args(it);
    if (name == "range" && !args.empty() && args.size() <= 3) {
      std::optional<long long> lo = 0, hi, step = 1;
      if (args.size() == 1) hi = int_value(scope, args[0]);
      else lo = int_value(scope, args[0]), hi = int_value(scope, args[1]);
      if (args.size() == 3) step = int_value(scope, args[2]);
      if (!lo || !hi || !step || *step <= 0) return std::nullopt;
      long long n = std::max(0LL, (*hi - *lo + *step - 1) / *step);
      if (n > (1LL << 31)) return std::nullopt;
      return Size{static_cast<int>(n), std::nullopt, BoundKind::static_literal,
                  "`" + one_line(it.text(src), 40) + "` (" + plural(n, "item") + ")"};
    }
    // The results of `await asyncio.gather(a, b, c)` are as many as its awaitables.
    if (name == "asyncio.gather") {
      auto all = ts::named_children(it.field("arguments"));
      bool fixed = std::none_of(all.begin(), all.end(), [](ts::Node a) {
        return a.is("list_splat") || a.is("dictionary_splat") || a.is("generator_expression");
      });
      if (fixed) {
        long long n = static_cast<long long>(args.size());
        return Size{static_cast<int>(n), std::nullopt, BoundKind::static_literal,
                    "results of a gather of " + plural(n, "awaitable")};
      }
    }
    if (name == "itertools.islice" && args.size() >= 2) {
      auto stop = args.size() == 2 ? int_value(scope, args[1]) : int_value(scope, args[2]);
      if (stop && *stop >= 0)
        return Size{static_cast<int>(*stop), std::nullopt, BoundKind::sliced,
                    "at most " + plural(*stop, "item") + " (`" + one_line(it.text(src), 40) + "`)"};
      return std::nullopt;
    }
    if ((name == "enumerate" || name == "sorted" || name == "reversed" || name == "list" || name == "tuple" ||
         name == "set" || name == "frozenset" || name == "zip" || name == "dict") && !args.empty())
      return static_size(scope, args[0], depth + 1);
    auto last = last_component(name);
    if (fn.is("attribute") && (last == "items" || last == "keys" || last == "values") && args.empty())
      return static_size(scope, fn.field("object"), depth + 1);
    if (fn.is("attribute") && last == "get" && args.size() == 2) {
      auto fallback = static_size(scope, args[1], depth + 1);
      if (!fallback || !fallback->n) return std::nullopt;
      auto inner = static_size(scope, fn.field("object"), depth + 1);
      if (inner && inner->ask) {
        inner->ask->largest_value = true;
        inner->ask->name = one_line(it.text(src), 40);
        return inner;
      }
    }
  }
  return std::nullopt;
}

namespace {

// The constructor call a name/attribute is bound to in scope (any binding), for a predicate.
ts::Node bound_ctor(const FileModel& m, int scope, ts::Node e, bool (*pred)(std::string_view)) {
  std::string_view src = m.source->text;
  e = strip(e);
  if (e.is("call")) {
    auto fn = e.field("function");
    auto dotted = dotted_name(fn, src);
    return pred(m.resolve(scope, dotted)) ? e : ts::Node{};
  }
  auto dotted = dotted_name(e, src);
  if (dotted.empty()) return {};
  auto check = [&](int s, const std::string& key) -> ts::Node {
    for (const auto& b : m.bindings_of(s, key))
      if (b.value.is("call") && pred(m.resolve(s, dotted_name(b.value.field("function"), src)))) return b.value;
    return {};
  };
  if (e.is("identifier")) {
    int s = m.binding_scope(scope, dotted);
    return s < 0 ? ts::Node{} : check(s, dotted);
  }
  auto dot = dotted.find('.');
  if (dotted.substr(0, dot) == "self" && dotted.find('.', dot + 1) == std::string::npos) {
    int fn = m.function_of(scope);
    int cls = fn >= 0 ? m.scopes[fn].parent : -1;
    if (cls < 0 || m.scopes[cls].kind != Scope::Kind::class_) return {};
    for (const auto& [name, method] : m.defs[cls])
      if (auto n = check(method, dotted); !n.null()) return n;
    // A class attribute `NAME = Semaphore(3)` read through self.
    return check(cls, dotted.substr(dot + 1));
  }
  return {};
}

}  // namespace

std::optional<std::string> Evidence::limiter(int scope, ts::Node e) const {
  std::string_view src = m_.source->text;
  auto ctor = bound_ctor(m_, scope, e, is_limiter_ctor);
  if (!ctor.null()) return one_line(ctor.text(src), 50);
  // A parameter annotated as a limiter type, or defaulting to one.
  e = strip(e);
  if (e.is("identifier"))
    if (const Param* p = param(scope, e.text(src))) {
      if (!p->annotation.null()) {
        auto annotation = p->annotation.is("type") ? p->annotation.named_child(0) : p->annotation;
        auto type = m_.resolve(scope, dotted_name(annotation, src));
        if (is_limiter_ctor(type)) return "`" + p->name + ": " + one_line(p->annotation.text(src), 40) + "`";
      }
      if (!p->default_value.null() && p->default_value.is("call") &&
          is_limiter_ctor(m_.resolve(scope, dotted_name(p->default_value.field("function"), src))))
        return one_line(p->default_value.text(src), 50);
    }
  return std::nullopt;
}

std::optional<Evidence::Pool> Evidence::pool(int scope, ts::Node e) const {
  std::string_view src = m_.source->text;
  auto ctor = bound_ctor(m_, scope, e, is_pool_ctor);
  if (ctor.null()) {
    // ctx.Pool(4) with ctx = multiprocessing.get_context(...)
    auto c = strip(e);
    if (!c.is("identifier")) return std::nullopt;
    int s = m_.binding_scope(scope, c.text(src));
    if (s < 0) return std::nullopt;
    for (const auto& b : m_.bindings_of(s, c.text(src)))
      if (b.value.is("call")) {
        auto fn = b.value.field("function");
        if (fn.is("attribute") && fn.field("attribute").text(src) == "Pool" && is_mp_context(s, fn.field("object"))) {
          ctor = b.value;
          break;
        }
      }
    if (ctor.null()) return std::nullopt;
  }
  Pool p{one_line(ctor.text(src), 50), std::nullopt, ""};
  auto n = keyword_arg(ctor, "max_workers", src);
  if (n.null()) n = keyword_arg(ctor, "processes", src);
  auto args = positional_args(ctor);
  if (n.null() && !args.empty()) n = args[0];
  if (!n.null()) {
    p.workers = int_value(scope, n);
    p.size_text = one_line(n.text(src), 30);
  }
  return p;
}

std::string Evidence::Pool::describe() const {
  if (workers) return "at most " + plural(*workers, "worker");
  if (!size_text.empty()) return "`" + size_text + "` workers";
  return "its default size";
}

bool Evidence::is_mp_context(int scope, ts::Node e) const {
  return !bound_ctor(m_, scope, e, [](std::string_view r) { return r == "multiprocessing.get_context"; }).null();
}

// A clock read: the call returns the current time, so a value computed from it and compared with
// another clock read measures elapsed time.
bool Evidence::is_clock_call(int scope, ts::Node call) const {
  std::string_view src = m_.source->text;
  if (!call.is("call")) return false;
  auto fn = call.field("function");
  auto r = m_.resolve(scope, dotted_name(fn, src));
  static constexpr std::string_view kClocks[] = {
      "time.time", "time.monotonic", "time.perf_counter", "time.time_ns", "time.monotonic_ns", "time.perf_counter_ns",
      "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.now", "datetime.utcnow", "trio.current_time",
      "anyio.current_time", "timeit.default_timer"};
  auto is_clock = [&](std::string_view name) {
    return std::find(std::begin(kClocks), std::end(kClocks), name) != std::end(kClocks);
  };
  if (is_clock(r)) return true;
  // `self.TIME()` where the class binds TIME to a clock function (`TIME = time.monotonic`), in every
  // binding it has.
  if (fn.is("attribute") && call.field("arguments").named_child_count() == 0) {
    auto object = fn.field("object").text(src);
    int f = m_.function_of(scope);
    int cls = f >= 0 ? m_.scopes[f].parent : -1;
    if ((object == "self" || object == "cls") && cls >= 0 && m_.scopes[cls].kind == Scope::Kind::class_) {
      const auto& binds = m_.bindings_of(cls, fn.field("attribute").text(src));
      if (!binds.empty() && std::all_of(binds.begin(), binds.end(), [&](const Binding& b) {
            return b.how == Binding::How::assign && !b.value.null() &&
                   is_clock(m_.resolve(cls, dotted_name(b.value, src)));
          }))
        return true;
    }
  }
  // `X.time()` with no arguments: the event loop's clock (loop.time()) and every other API of this
  // shape return a time; a loop that compares one with a limit waits for time to pass, which ends.
  return fn.is("attribute") && fn.field("attribute").text(src) == "time" &&
         call.field("arguments").named_child_count() == 0;
}

bool Evidence::is_sleep(std::string_view r) const {
  return r == "time.sleep" || r == "asyncio.sleep" || r == "trio.sleep" || r == "anyio.sleep" || r == "gevent.sleep" ||
         r == "eventlet.sleep" || r == "curio.sleep";
}

std::optional<Timeout> Evidence::timeout_wrapper(int scope, ts::Node call) const {
  std::string_view src = m_.source->text;
  if (!call.is("call")) return std::nullopt;
  auto r = m_.resolve(scope, dotted_name(call.field("function"), src));
  int position = -1;
  std::string_view keyword;
  if (r == "asyncio.wait_for") position = 1, keyword = "timeout";
  else if (r == "asyncio.timeout" || r == "asyncio.timeout_at" || r == "async_timeout.timeout" ||
           r == "async_timeout.timeout_at")
    position = 0, keyword = "delay";
  else if (r == "anyio.fail_after" || r == "anyio.move_on_after" || r == "trio.fail_after" ||
           r == "trio.move_on_after" || r == "trio.fail_at" || r == "trio.move_on_at")
    position = 0, keyword = "seconds";
  else
    return std::nullopt;
  auto args = positional_args(call);
  ts::Node limit = static_cast<int>(args.size()) > position ? args[position] : keyword_arg(call, keyword, src);
  if (limit.null() && r == "asyncio.wait_for") limit = keyword_arg(call, "timeout", src);
  if (limit.null() || is_none(limit, src)) return std::nullopt;
  limit = strip(limit);
  if (limit.is("identifier"))
    if (const Param* p = param(scope, limit.text(src)); p && !p->default_value.null() && is_none(p->default_value, src))
      return std::nullopt;  // None unless the caller passes a limit
  Timeout t{"`" + r + "(" + (position == 1 ? "..., " : "") + one_line(limit.text(src), 30) + ")`", std::nullopt};
  if (limit.is("integer") || limit.is("float")) t.seconds = std::strtod(std::string(limit.text(src)).c_str(), nullptr);
  else if (auto v = int_value(scope, limit)) t.seconds = static_cast<double>(*v);
  return t;
}

}  // namespace boundaudit::loops
