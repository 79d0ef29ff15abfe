// Why a while loop ends, from evidence: a clock compared with a deadline, a counter that moves toward
// its bound, a stream read tested for EOF, a page cursor passed back to the fetch, an exhausted
// iterator, or a condition the body changes. A loop that sleeps while waiting for state it does not
// change itself is a poll, bounded only by time. What no evidence proves is reported as missing.
#include <algorithm>
#include <array>
#include <set>

#include "loops/stages.hpp"

namespace boundaudit::loops {
namespace {

// Dotted names read in an expression (whole chains and bare identifiers; not call targets' methods).
void names_in(ts::Node n, std::string_view src, std::vector<std::string>* out) {
  ts::walk(n, [&](ts::Node x) {
    if (x.is("lambda") || x.is("string")) return false;
    if (x.is("attribute") || x.is("identifier")) {
      auto d = dotted_name(x, src);
      if (!d.empty()) {
        out->push_back(d);
        return false;
      }
    }
    return true;
  });
}

bool contains_call(ts::Node n) {
  bool found = false;
  ts::walk(n, [&](ts::Node x) {
    if (found || x.is("lambda")) return false;
    found = x.is("call");
    return !found;
  });
  return found;
}

// The operator of a two-operand comparison (`<`, `is not`, `not in`), read between the operands as
// written, before any parentheses around them are stripped.
std::string comparison_op(ts::Node cmp, std::string_view src) {
  auto a = cmp.named_child(0), b = cmp.named_child(1);
  return one_line(src.substr(a.end_byte(), b.start_byte() - a.end_byte()), 10);
}

bool is_cancellation(std::string_view resolved_last) {
  return resolved_last == "CancelledError" || resolved_last == "KeyboardInterrupt" || resolved_last == "SystemExit" ||
         resolved_last == "GeneratorExit" || resolved_last == "Cancelled";
}

// Exceptions raised when an iterator, queue or buffer runs out.
bool is_exhaustion(std::string_view last) {
  return last == "StopIteration" || last == "StopAsyncIteration" || last == "EOFError" || last == "Empty" ||
         last == "KeyError" || last == "BlockingIOError" || last == "SSLWantReadError" || last == "WouldBlock" ||
         last == "QueueEmpty" || last == "IndexError" || last == "IncompleteReadError" || last == "IncompleteRead";
}

// Exception class names an except clause catches ("" for a bare except).
std::vector<std::string> caught(ts::Node except_clause, std::string_view src) {
  std::vector<std::string> out;
  ts::Node value;
  for (auto c : ts::named_children(except_clause))
    if (!c.is("block")) {
      value = c;
      break;
    }
  if (value.null()) return {""};
  if (value.is("as_pattern")) value = value.named_child(0);
  if (value.is("tuple") || value.is("parenthesized_expression")) {
    for (auto c : ts::named_children(value)) {
      auto d = dotted_name(c, src);
      out.emplace_back(last_component(d));
    }
  } else {
    out.emplace_back(last_component(dotted_name(value, src)));
  }
  return out;
}

// Stream reads: these methods return an empty value at end of stream, so an emptiness test on their
// result is an EOF guard. Exact method names, not substrings (`worker.ready()` is not a read).
bool is_read_method(std::string_view m) {
  return m == "read" || m == "readline" || m == "readlines" || m == "read1" || m == "readexactly" ||
         m == "readuntil" || m == "readchunk" || m == "recv" || m == "recv_bytes" || m == "recvfrom" ||
         m == "receive" || m == "receive_some" || m == "readinto" || m == "recv_into" || m == "receive_bytes";
}

// Awaited writes to a connection or stream: they raise once the peer has gone (ConnectionClosed,
// ConnectionResetError, ClientConnectionResetError), so a loop that awaits one every iteration ends
// when the connection does. Exact method names of the stream APIs, not substrings.
bool is_write_method(std::string_view m) {
  return m == "send" || m == "write" || m == "drain" || m == "sendall" || m == "send_str" || m == "send_bytes" ||
         m == "send_json" || m == "send_frame" || m == "ping" || m == "writelines" || m == "send_message";
}

struct Exit {
  ts::Node stmt;   // break / return / raise / the never-returning call
  ts::Node guard;  // if_statement, elif_clause, else_clause, except_clause, case_clause, or null
  ts::Node else_owner;
};

struct Step {
  bool increases = false;
  long long size = 0;
  ts::Node node;
};

struct Body {
  std::vector<Exit> exits;
  std::set<std::string> bound;    // dotted names bound in the body
  std::set<std::string> touched;  // receivers of method calls and mutated collections
  std::set<std::string> passed;   // names handed to a call as an argument (the callee may change them)
  std::vector<std::pair<std::string, ts::Node>> values;  // name -> value bound in the body
  std::unordered_map<std::string, Step> steps;           // constant-step counters
  std::vector<ts::Node> calls;
  ts::Node sleep;
  ts::Node retry_sleep;  // a sleep inside an except clause: the loop backs off and tries again
  ts::Node read;         // a stream read (read, recv, ...) in the body
  ts::Node peer_write;   // an awaited write to a connection (send, write, drain, ...)
  ts::Node first_change;
  bool yields = false;
};

class WhileStage {
 public:
  WhileStage(const StageContext& cx, const While& w)
      : cx_(cx), ev_(cx.ev), m_(cx.ev.model()), src_(m_.source->text), w_(w), fn_(m_.function_of(w.scope)) {}

  Draft run();

 private:
  void scan();
  bool raise_is_caught(ts::Node raise, const std::vector<ts::Node>& stack) const;
  std::set<std::string> clock_names();
  bool changed(const std::string& name) const;
  bool method_changes(const std::string& attr) const;
  // Evidence on one guard or condition expression.
  std::optional<Bound> time_bound(ts::Node g, std::string* missing);
  std::optional<Bound> counter_bound(ts::Node g, bool condition);
  std::optional<Bound> eof_or_page(ts::Node g, bool condition);
  std::optional<Bound> timeout_scope();
  std::optional<std::string> waited_read() const;
  std::optional<Bound> scheduled_change(ts::Node cond) const;
  void ask_timer_objects(ts::Node cond, bool forever, std::vector<Ask>* asks, std::string* missing) const;
  ts::Node value_of(const std::string& name) const;
  std::string quote(ts::Node n, std::size_t max = 50) const {
    std::string quoted = "`";  // appended, not "`" + temporary: g++ 12 -O3 warns (-Wrestrict) on that
    quoted += one_line(n.text(src_), max);
    quoted += '`';
    return quoted;
  }
  std::string exit_text(const Exit& e) const;
  // A local of the function bound exactly once, outside loops, to an immutable literal, never declared
  // nonlocal/global elsewhere: that literal.
  std::optional<ts::Node> constant_local(const std::string& name) const;
  // The truth of a condition made of literals, `not`, walrus and such constant locals; nullopt otherwise.
  std::optional<bool> constant_truth(ts::Node cond) const;

  const StageContext& cx_;
  const Evidence& ev_;
  const FileModel& m_;
  std::string_view src_;
  const While& w_;
  int fn_;
  Body body_;
  std::optional<std::set<std::string>> clocks_;
};

void WhileStage::scan() {
  auto body = w_.node.field("body");
  std::vector<ts::Node> stack;
  ts::walk(body, [&](ts::Node n) {
    auto start = n.start_byte();
    while (!stack.empty() && start >= stack.back().end_byte()) stack.pop_back();
    auto t = n.type();
    if (t == "function_definition" || t == "class_definition" || t == "lambda") return false;
    if (t == "for_statement" || t == "while_statement" || t == "if_statement" || t == "elif_clause" ||
        t == "else_clause" || t == "except_clause" || t == "case_clause" || t == "try_statement") {
      stack.push_back(n);
      return true;
    }
    if (t == "yield") body_.yields = true;
    bool exit = t == "return_statement" || (t == "raise_statement" && !raise_is_caught(n, stack));
    if (t == "break_statement") {
      exit = true;
      // A break in a nested loop's body leaves that loop; one in its `else:` leaves ours.
      for (auto it = stack.rbegin(); it != stack.rend(); ++it)
        if ((it->is("for_statement") || it->is("while_statement")) && it->field("body").contains(n)) {
          exit = false;
          break;
        }
    }
    if (t == "call") {
      auto fn = n.field("function");
      auto resolved = m_.resolve(w_.scope, dotted_name(fn, src_));
      body_.calls.push_back(n);
      for (auto arg : positional_args(n)) {
        auto d = dotted_name(strip(arg), src_);
        if (!d.empty()) body_.passed.insert(d);
      }
      if (fn.is("attribute")) {
        auto recv = dotted_name(fn.field("object"), src_);
        if (!recv.empty()) body_.touched.insert(recv);
      }
      if (ev_.is_sleep(resolved)) {
        if (body_.sleep.null()) body_.sleep = n;
        // A backoff in an `except` of this loop (not of a loop nested in it) retries this loop.
        for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
          if (it->is("for_statement") || it->is("while_statement")) break;
          if (it->is("except_clause") && body_.retry_sleep.null()) body_.retry_sleep = n;
        }
      }
      if (body_.read.null() && fn.is("attribute") && is_read_method(fn.field("attribute").text(src_))) body_.read = n;
      if (body_.peer_write.null() && fn.is("attribute") && is_write_method(fn.field("attribute").text(src_)) &&
          n.parent().is("await"))
        body_.peer_write = n;
      if (is_noreturn_call(resolved)) exit = true;
      else if (auto ref = ev_.function_ref(w_.scope, fn); ref && cx_.always_raises(*ref)) exit = true;
    }
    if (exit) {
      Exit e{n, {}, {}};
      for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        if (it->is("for_statement") || it->is("while_statement") || it->is("try_statement")) continue;
        if (it->is("if_statement")) {
          auto cons = it->field("consequence");
          if (!cons.null() && !cons.contains(n)) continue;  // in an elif/else: that clause guards it
        }
        e.guard = *it;
        if (it->is("else_clause") && it + 1 != stack.rend() && (it + 1)->is("if_statement")) e.else_owner = *(it + 1);
        break;
      }
      // An exit taken only when the task is cancelled or interrupted is not a bound.
      bool cancelled = false;
      if (e.guard.is("except_clause")) {
        auto names = caught(e.guard, src_);
        cancelled = std::all_of(names.begin(), names.end(), [](const std::string& x) { return is_cancellation(x); });
      }
      if (!cancelled) body_.exits.push_back(e);
      return t == "call";
    }
    auto record = [&](ts::Node target, ts::Node value) {
      auto d = dotted_name(target, src_);
      if (d.empty()) return;
      body_.bound.insert(d);
      body_.values.emplace_back(d, value);
      if (body_.first_change.null()) body_.first_change = n;
    };
    if (t == "assignment" || t == "named_expression") {
      auto left = n.field(t == "assignment" ? "left" : "name");
      auto right = strip(n.field(t == "assignment" ? "right" : "value"));
      if (left.is("pattern_list") || left.is("tuple_pattern")) {
        for (auto id : ts::named_children(left)) record(id, right);
      } else if (left.is("subscript")) {
        auto d = dotted_name(left.field("value"), src_);
        if (!d.empty()) body_.touched.insert(d);
      } else {
        record(left, right);
        // x = x + c / x = x - c: a constant step.
        auto d = dotted_name(left, src_);
        if (right.is("binary_operator") && dotted_name(strip(right.field("left")), src_) == d) {
          auto op = right.field("operator").text(src_);
          auto c = ev_.int_value(w_.scope, right.field("right"));
          if (c && *c != 0 && (op == "+" || op == "-"))
            body_.steps[d] = Step{(op == "+") == (*c > 0), std::llabs(*c), n};
        }
      }
    } else if (t == "augmented_assignment") {
      auto d = dotted_name(n.field("left"), src_);
      if (!d.empty()) {
        body_.bound.insert(d);
        body_.touched.insert(d);
        if (body_.first_change.null()) body_.first_change = n;
        auto op = n.field("operator").text(src_);
        auto c = ev_.int_value(w_.scope, n.field("right"));
        if (c && *c != 0 && (op == "+=" || op == "-="))
          body_.steps[d] = Step{(op == "+=") == (*c > 0), std::llabs(*c), n};
      }
    } else if (t == "for_statement") {
      auto d = dotted_name(n.field("left"), src_);
      if (!d.empty()) body_.bound.insert(d);
    } else if (t == "delete_statement") {
      // `del x[k]` / `del self.items[0]` changes x in place.
      ts::walk(n, [&](ts::Node x) {
        if (x.is("subscript")) {
          auto d = dotted_name(x.field("value"), src_);
          if (!d.empty()) body_.touched.insert(d);
          return false;
        }
        if (x.is("identifier") || x.is("attribute")) {
          auto d = dotted_name(x, src_);
          if (!d.empty()) body_.bound.insert(d);
          return false;
        }
        return true;
      });
      if (body_.first_change.null()) body_.first_change = n;
    }
    return true;
  });
}

// A raise inside a try (within the loop) whose handler catches everything or that very class is
// caught in the loop, so it is not an exit.
bool WhileStage::raise_is_caught(ts::Node raise, const std::vector<ts::Node>& stack) const {
  auto e = raise.named_child_count() > 0 ? strip(raise.named_child(0)) : ts::Node{};
  if (e.is("call")) e = e.field("function");
  std::string raised(last_component(dotted_name(e, src_)));
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (!it->is("try_statement") || !it->field("body").contains(raise)) continue;
    bool caught_here = false;
    ts::for_each_child(*it, [&](ts::Node c, const char*) {
      if (c.is("except_clause") || c.is("except_group_clause"))
        for (const auto& name : caught(c, src_))
          if (name.empty() || name == "Exception" || name == "BaseException" || (!raised.empty() && name == raised))
            caught_here = true;
      return !caught_here;
    });
    if (caught_here) return true;
  }
  return false;
}

// Names whose value is computed from a clock read (directly or from another such name) in the
// enclosing function: `deadline = time.monotonic() + 30`, `elapsed = time.time() - start`.
std::set<std::string> WhileStage::clock_names() {
  if (clocks_) return *clocks_;
  int scope = fn_ >= 0 ? fn_ : 0;
  auto compute = [&] {
    std::set<std::string> out;
    for (std::size_t round = 0, before = 1; round < 3 && out.size() != before; ++round) {
      before = round == 0 ? SIZE_MAX : out.size();
      for (const auto& [name, list] : m_.bindings[scope])
        for (const auto& b : list) {
          if (out.count(name) || b.value.null()) continue;
          bool clock = false;
          ts::walk(b.value, [&](ts::Node x) {
            if (clock || x.is("lambda")) return false;
            if (x.is("call") && ev_.is_clock_call(scope, x)) clock = true;
            if (x.is("identifier") && out.count(std::string(x.text(src_)))) clock = true;
            return !clock;
          });
          if (clock) out.insert(name);
        }
    }
    return out;
  };
  std::set<std::string> out;
  if (cx_.clock_names) {
    auto it = cx_.clock_names->find(scope);
    if (it == cx_.clock_names->end()) it = cx_.clock_names->emplace(scope, compute()).first;
    out = it->second;
  } else {
    out = compute();
  }
  // Names bound in this loop's body from a clock read count too (`now = time.time()`).
  for (const auto& [name, value] : body_.values) {
    bool clock = false;
    ts::walk(value, [&](ts::Node x) {
      if (clock) return false;
      if (x.is("call") && ev_.is_clock_call(w_.scope, x)) clock = true;
      return !clock;
    });
    if (clock) out.insert(name);
  }
  clocks_ = out;
  return out;
}

std::optional<ts::Node> WhileStage::constant_local(const std::string& name) const {
  if (name.find('.') != std::string::npos || fn_ < 0) return std::nullopt;
  int s = m_.binding_scope(w_.scope, name);
  if (s != fn_) return std::nullopt;
  const auto& b = m_.bindings_of(s, name);
  if (b.size() != 1 || b[0].how != Binding::How::assign || b[0].loop >= 0) return std::nullopt;
  for (const auto& p : m_.scopes[s].params)
    if (p.name == name) return std::nullopt;
  for (int k = s + 1; k < static_cast<int>(m_.scopes.size()); ++k)  // a nested function's nonlocal
    if (m_.is_inside(k, s))
      for (const auto& g : m_.scopes[k].globals)
        if (g == name) return std::nullopt;
  auto v = b[0].value;
  if (v.is("true") || v.is("false") || v.is("none") || v.is("integer") || v.is("float") || v.is("string")) return v;
  return std::nullopt;
}

std::optional<bool> WhileStage::constant_truth(ts::Node c) const {
  c = strip(c);
  if (c.null()) return std::nullopt;
  if (c.is("true")) return true;
  if (c.is("false") || c.is("none")) return false;
  if (c.is("integer")) return c.text(src_).find_first_not_of("0_xXoObB") != std::string_view::npos;
  if (c.is("not_operator")) {
    auto v = constant_truth(c.field("argument"));
    return v ? std::optional<bool>(!*v) : std::nullopt;
  }
  if (c.is("named_expression")) return constant_truth(c.field("value"));
  if (c.is("identifier"))
    if (auto v = constant_local(std::string(c.text(src_)))) {
      // Only if the loop does not rebind it.
      if (body_.bound.count(std::string(c.text(src_)))) return std::nullopt;
      return constant_truth(*v);
    }
  return std::nullopt;
}

ts::Node WhileStage::value_of(const std::string& name) const {
  for (auto it = body_.values.rbegin(); it != body_.values.rend(); ++it)
    if (it->first == name) return it->second;
  return {};
}

bool WhileStage::method_changes(const std::string& attr) const {
  // self.step() changes self.X only if the method (resolved by identity in this class) binds self.X;
  // an unresolvable method may change anything.
  int fn = fn_;
  int cls = fn >= 0 ? m_.scopes[fn].parent : -1;
  if (cls < 0 || m_.scopes[cls].kind != Scope::Kind::class_) return true;
  for (auto call : body_.calls) {
    auto f = call.field("function");
    if (!f.is("attribute") || dotted_name(f.field("object"), src_) != "self") continue;
    auto it = m_.defs[cls].find(std::string(f.field("attribute").text(src_)));
    if (it == m_.defs[cls].end()) return true;
    for (int s = it->second; s < static_cast<int>(m_.scopes.size()) && m_.is_inside(s, it->second); ++s)
      if (!m_.bindings_of(s, attr).empty()) return true;
    for (const auto& mu : m_.mutations)
      if (mu.target == attr && m_.is_inside(mu.scope, it->second)) return true;
  }
  return false;
}

// Does the body change what `name` reads? A binding of it (or of a prefix), a method called on it or
// a collection mutated through it. `self.X` read while the body calls self.method(): the method is
// looked up in the class.
bool WhileStage::changed(const std::string& name) const {
  for (const auto& b : body_.bound)
    if (b == name || name.starts_with(b + ".") || b.starts_with(name + ".")) return true;
  for (const auto& t : body_.touched) {
    if (t == name || name.starts_with(t + ".") || t.starts_with(name + ".")) return true;
  }
  // An object handed to a call may be changed by it (`heappop(h)`, `poll(timeout, map)`).
  for (const auto& p : body_.passed)
    if (p == name || name.starts_with(p + ".")) return true;
  if (name.starts_with("self.") && body_.touched.count("self")) return method_changes(name);
  return false;
}

std::optional<Bound> WhileStage::time_bound(ts::Node g, std::string* missing) {
  // Only a comparison can test time; most guards have none.
  bool compares = false;
  ts::walk(g, [&](ts::Node x) {
    if (compares || x.is("lambda")) return false;
    compares = x.is("comparison_operator");
    return !compares;
  });
  if (!compares) return std::nullopt;
  auto clocks = clock_names();
  std::optional<Bound> found;
  ts::walk(g, [&](ts::Node x) {
    if (found || x.is("lambda")) return false;
    if (!x.is("comparison_operator")) return true;
    bool clock = false;
    std::vector<std::string> names;
    names_in(x, src_, &names);
    ts::walk(x, [&](ts::Node y) {
      if (y.is("call") && ev_.is_clock_call(w_.scope, y)) clock = true;
      return !clock;
    });
    for (const auto& n : names) clock = clock || clocks.count(n) > 0;
    if (!clock) return false;
    // Which parameters feed the limit (directly or through the names' bindings)?
    std::vector<std::string> feeds = names;
    int scope = fn_ >= 0 ? fn_ : 0;
    for (const auto& n : names)
      for (const auto& b : m_.bindings_of(scope, n)) names_in(b.value, src_, &feeds);
    for (const auto& n : feeds) {
      const Param* p = ev_.param(w_.scope, n);
      if (!p) continue;
      if (!p->default_value.null() && is_none(p->default_value, src_)) {
        *missing = "the deadline comes from `" + p->name + "`, which defaults to None (no limit unless the caller passes one)";
        return false;
      }
      // Compared directly with a clock read, the parameter is a point in time (a deadline); otherwise
      // it is a duration the loop measures elapsed time against (a timeout argument).
      bool absolute = false;
      if (x.named_child_count() == 2)
        for (int side = 0; side < 2; ++side) {
          auto a = strip(x.named_child(side)), o = strip(x.named_child(1 - side));
          if (a.is("identifier") && a.text(src_) == p->name && o.is("call") && ev_.is_clock_call(w_.scope, o)) absolute = true;
        }
      Bound b{absolute ? BoundKind::deadline : BoundKind::timeout_arg,
              absolute ? "Deadline (" + quote(x) + ", `" + p->name + "` arg" : "`" + p->name + "` arg", std::nullopt, m_.line(x), false};
      if (p->default_value.null()) {
        b.detail += absolute ? ")" : " (required)";
      } else {
        if (auto v = ev_.int_value(w_.scope, p->default_value)) b.limit = Limit{static_cast<double>(*v), Unit::seconds};
        else if (p->default_value.is("float"))
          b.limit = Limit{std::strtod(std::string(p->default_value.text(src_)).c_str(), nullptr), Unit::seconds};
        b.detail += ", default " + one_line(p->default_value.text(src_), 20) + (b.limit ? " s" : "");
      }
      found = b;
      return false;
    }
    Bound b{BoundKind::deadline, "Deadline (" + quote(x) + ")", std::nullopt, m_.line(x), false};
    found = b;
    return false;
  });
  return found;
}

std::optional<Bound> WhileStage::counter_bound(ts::Node g, bool condition) {
  std::optional<Bound> found;
  ts::walk(g, [&](ts::Node x) {
    if (found || x.is("lambda")) return false;
    if (!x.is("comparison_operator")) return true;
    if (x.named_child_count() != 2) return false;
    auto a = strip(x.named_child(0)), b = strip(x.named_child(1));
    auto op = comparison_op(x, src_);
    for (int side = 0; side < 2 && !found; ++side) {
      auto counter = side == 0 ? a : b;
      auto other = side == 0 ? b : a;
      auto name = dotted_name(counter, src_);
      auto step = body_.steps.find(name);
      if (name.empty() || step == body_.steps.end()) continue;
      // The other side must stay put: not bound in the body and free of calls.
      std::vector<std::string> others;
      names_in(other, src_, &others);
      if (contains_call(other) && !(other.is("call") && dotted_name(other.field("function"), src_) == "len"))
        continue;
      if (std::any_of(others.begin(), others.end(), [&](const std::string& o) { return changed(o); })) continue;
      // The counter must move toward the bound: `i < n` with i growing, `n > 12` with n shrinking.
      bool less = op == "<" || op == "<=";
      bool greater = op == ">" || op == ">=";
      if (side == 1) std::swap(less, greater);
      // An `if` guard exits when its test is true; a condition keeps looping while it is.
      bool ok;
      if (op == "==" || op == "!=") ok = step->second.size == 1;
      else if (condition) ok = (less && step->second.increases) || (greater && !step->second.increases);
      else ok = (greater && step->second.increases) || (less && !step->second.increases);
      if (!ok) continue;
      Bound bound{BoundKind::counter, "Counter (" + quote(x) + ", step " + std::to_string(step->second.size) + ")",
                  std::nullopt, m_.line(step->second.node), false};
      // At most |limit - start| / step iterations when both ends are constants.
      if (auto limit = ev_.int_value(w_.scope, other)) {
        int scope = fn_ >= 0 ? fn_ : 0;
        for (const auto& bind : m_.bindings_of(scope, name))
          if (bind.how == Binding::How::assign && !w_.node.contains(bind.node) && bind.node.end_byte() <= w_.node.start_byte())
            if (auto start = ev_.int_value(scope, bind.value)) {
              auto n = (std::llabs(*limit - *start) + step->second.size - 1) / step->second.size;
              bound.limit = Limit{static_cast<double>(n), body_.sleep.null() ? Unit::items : Unit::attempts};
            }
      }
      found = bound;
    }
    return false;
  });
  return found;
}

// An emptiness test: `not x`, `x is None`, `x == b""`, `len(x) == 0`, `len(x) < size`, or `x` itself in
// a while condition. Returns the subject and whether it is a shortness test.
struct Emptiness {
  ts::Node subject;
  bool shorter_than = false;
};

// `line.rstrip(b"\r\n")` is empty whenever `line` is, so an emptiness test on it is one on `line`
// (it also exits on a blank line; the end of the stream still ends the loop).
ts::Node unstripped(ts::Node n, std::string_view src) {
  n = strip(n);
  if (!n.is("call")) return n;
  auto fn = n.field("function");
  if (!fn.is("attribute")) return n;
  auto m = fn.field("attribute").text(src);
  if (m != "strip" && m != "rstrip" && m != "lstrip") return n;
  return strip(fn.field("object"));
}

std::optional<Emptiness> emptiness(ts::Node g, std::string_view src, bool condition) {
  g = unstripped(g, src);
  if (condition) {  // `while chunk:` / `while (line := f.readline()):`
    if (g.is("identifier") || g.is("attribute") || g.is("named_expression")) return Emptiness{g, false};
    if (g.is("comparison_operator") && g.named_child_count() == 2) {
      auto b = strip(g.named_child(1));
      auto op = comparison_op(g, src);
      if (op == "is not" && is_none(b, src)) return Emptiness{strip(g.named_child(0)), false};
      if (op == "!=" && (b.is("string") || b.text(src) == "b''" || b.text(src) == "b\"\"")) return Emptiness{strip(g.named_child(0)), false};
    }
    return std::nullopt;
  }
  if (g.is("not_operator")) {
    auto arg = unstripped(g.field("argument"), src);
    if (arg.is("identifier") || arg.is("attribute") || arg.is("named_expression") || arg.is("subscript"))
      return Emptiness{arg, false};
    return std::nullopt;
  }
  if (g.is("comparison_operator") && g.named_child_count() == 2) {
    auto a = unstripped(g.named_child(0), src), b = strip(g.named_child(1));
    auto op = comparison_op(g, src);
    bool a_len = a.is("call") && dotted_name(a.field("function"), src) == "len";
    if (a_len && a.field("arguments").named_child_count() == 1) {
      auto subject = strip(a.field("arguments").named_child(0));
      if ((op == "==" || op == "<=") && b.text(src) == "0") return Emptiness{subject, false};
      if (op == "<") return Emptiness{subject, b.text(src) != "1"};
      return std::nullopt;
    }
    bool empty_b = is_none(b, src) || b.text(src) == "''" || b.text(src) == "\"\"" || b.text(src) == "b''" ||
                   b.text(src) == "b\"\"" || b.text(src) == "[]" || b.text(src) == "()";
    if ((op == "==" || op == "is") && empty_b) return Emptiness{a, false};
  }
  return std::nullopt;
}

std::optional<Bound> WhileStage::eof_or_page(ts::Node g, bool condition) {
  g = strip(g);
  // `while f.read(n):` / `while sock.recv(n):`: the condition itself reads, and stops at an empty read.
  if (condition && g.is("call") && g.field("function").is("attribute") &&
      is_read_method(g.field("function").field("attribute").text(src_)))
    return Bound{BoundKind::eof_guard, "EOF guard (" + quote(g) + " is empty at the end)", std::nullopt, m_.line(g), false};
  // `if not items or len(items) < size: break`: either test exits, so each is evidence on its own.
  if (!condition && g.is("boolean_operator") && g.field("operator").text(src_) == "or") {
    if (auto b = eof_or_page(g.field("left"), false)) return b;
    return eof_or_page(g.field("right"), false);
  }
  auto e = emptiness(g, src_, condition);
  if (!e) return std::nullopt;
  auto subject = strip(e->subject);
  ts::Node origin;
  std::string key;
  if (subject.is("named_expression")) {
    key = std::string(subject.field("name").text(src_));
    origin = strip(subject.field("value"));
  } else {
    key = dotted_name(subject.is("subscript") ? subject.field("value") : subject, src_);
    if (key.empty()) return std::nullopt;
    origin = value_of(key);
    // resp.items / resp["next"]: follow the object bound in the body.
    for (auto k = key; origin.null() && k.find('.') != std::string::npos;) {
      k = k.substr(0, k.rfind('.'));
      origin = value_of(k);
    }
    // Followed through one reassignment (`chunk = data` where data = f.read(...)), or to the object an
    // attribute is read from (`token = resp.next_token` where resp = client.fetch(token)).
    for (int hops = 0; hops < 3 && !origin.null() && (origin.is("identifier") || origin.is("attribute") || origin.is("subscript")); ++hops) {
      auto base = origin.is("subscript") ? origin.field("value") : origin;
      auto name = dotted_name(base, src_);
      ts::Node again;
      for (auto k = name; again.null() && !k.empty();) {
        again = value_of(k);
        auto dot = k.rfind('.');
        k = dot == std::string::npos ? "" : k.substr(0, dot);
      }
      if (again.null()) break;
      origin = again;
    }
  }
  if (origin.null()) return std::nullopt;
  if (origin.is("subscript")) origin = strip(origin.field("value"));
  if (!origin.is("call")) return std::nullopt;
  auto fn = origin.field("function");
  auto method = fn.is("attribute") ? fn.field("attribute").text(src_) : std::string_view{};
  auto resolved = m_.resolve(w_.scope, dotted_name(fn, src_));
  if ((is_read_method(method) || resolved == "os.read") && !e->shorter_than)
    return Bound{BoundKind::eof_guard, "EOF guard (" + quote(g) + " after " + quote(origin, 40) + ")", std::nullopt,
                 m_.line(origin), false};
  // Pagination: the body advances a value (offset, page, cursor) it passes back to the fetch.
  std::vector<std::string> passed;
  for (auto call : body_.calls) {
    bool result_bound = false;
    for (const auto& [n, v] : body_.values)
      if (v == call || (v.is("call") && v.contains(call))) result_bound = true;
    if (!result_bound) continue;
    auto args = call.field("arguments");
    if (!args.null()) names_in(args, src_, &passed);
  }
  for (const auto& p : passed)
    if (body_.bound.count(p))
      return Bound{BoundKind::pagination, "Pagination: advances `" + p + "` and stops on " + quote(g, 40), std::nullopt,
                   m_.line(origin), false};
  return std::nullopt;
}

std::optional<Bound> WhileStage::timeout_scope() {
  for (auto p = w_.node.parent(); p; p = p.parent()) {
    if (p.is("function_definition") || p.is("class_definition") || p.is("module")) break;
    if (!p.is("with_statement")) continue;
    std::optional<Bound> found;
    ts::walk(p, [&](ts::Node x) {
      if (found || x.is("block")) return false;
      if (x.is("call"))
        if (auto t = ev_.timeout_wrapper(w_.scope, x)) {
          found = Bound{BoundKind::timeout_scope, "Inside " + t->text, std::nullopt, m_.line(x), false};
          if (t->seconds) found->limit = Limit{*t->seconds, Unit::seconds};
          return false;
        }
      return true;
    });
    if (found) return found;
  }
  return std::nullopt;
}

// A loop that reads a stream only to test each item for the one it waits for (a CLOSE frame, a reply
// to its request) and drops every other item is a wait on the peer, not a consumer: a peer that keeps
// sending other items keeps it looping, and a timeout on each read does not limit the whole loop. The
// name bound to the read, when every other mention of it is in an exit's guard or in the branch that
// exits (the handling of the awaited item).
std::optional<std::string> WhileStage::waited_read() const {
  if (body_.read.null()) return std::nullopt;
  std::string name;
  ts::Node binding;
  for (const auto& [n, v] : body_.values)
    if (v == body_.read || v.contains(body_.read)) {
      if (!name.empty() && name != n) return std::nullopt;
      name = n;
      binding = v.parent();
      while (!binding.null() && !binding.is("assignment") && !binding.is("named_expression")) binding = binding.parent();
    }
  if (name.empty() || name.find('.') != std::string::npos) return std::nullopt;
  std::vector<ts::Node> exit_parts;  // the condition and the exiting branch of each guarded exit
  for (const auto& e : body_.exits) {
    auto g = e.guard;
    if (!(g.is("if_statement") || g.is("elif_clause"))) continue;
    exit_parts.push_back(g.field("condition"));
    exit_parts.push_back(g.field("consequence"));
  }
  if (exit_parts.empty()) return std::nullopt;
  bool tested = false;
  bool consumed = false;
  ts::walk(w_.node.field("body"), [&](ts::Node x) {
    if (consumed) return false;
    if (!x.is("identifier") || x.text(src_) != name) return true;
    if (!binding.null() && binding.contains(x)) return false;
    bool in_exit = std::any_of(exit_parts.begin(), exit_parts.end(), [&](ts::Node p) { return !p.null() && p.contains(x); });
    if (in_exit) tested = true;
    else consumed = true;
    return false;
  });
  if (!tested || consumed) return std::nullopt;
  return name;
}

// A poll ends when a timer acts on what it waits for: the function around it (or one enclosing it, for
// a poll in a nested function) schedules a call on the object the condition reads, after a delay:
// `loop.call_later(T, server.close)`, `threading.Timer(T, server.close)`, or a task / `start_soon` of a
// function defined there that sleeps and then calls a method on that object (passed as an argument or
// read from the closure). As for `condition`, the call is assumed to change what the poll reads.
// Objects match by their last name (`ws.server.closing` reads `server`), the only link the syntax gives.
std::optional<Bound> WhileStage::scheduled_change(ts::Node cond) const {
  std::set<std::string> objects;
  ts::walk(cond, [&](ts::Node x) {
    if (x.is("lambda")) return false;
    if (x.is("attribute")) {
      auto d = dotted_name(x.field("object"), src_);
      if (!d.empty()) objects.insert(std::string(last_component(d)));
    }
    return true;
  });
  objects.erase("self");
  objects.erase("cls");
  if (objects.empty()) return std::nullopt;
  auto acts_on = [&](ts::Node callee) {
    if (!callee.is("attribute")) return false;
    auto d = dotted_name(callee.field("object"), src_);
    return !d.empty() && objects.count(std::string(last_component(d))) > 0;
  };
  // A function defined in `scope` that sleeps, then calls a method on a watched object: the name it
  // reads directly, or its parameter i when `args[i]` is one.
  auto sleeper_acts = [&](int scope, std::string_view name, const std::vector<ts::Node>& args) -> ts::Node {
    auto it = m_.defs[scope].find(std::string(name));
    if (it == m_.defs[scope].end()) return {};
    int f = it->second;
    const auto& params = m_.scopes[f].params;
    uint32_t slept = UINT32_MAX;
    for (const auto& c : m_.calls) {
      if (c.scope != f || c.loop != -1) continue;
      if (ev_.is_sleep(c.resolved)) slept = std::min(slept, c.node.start_byte());
      auto callee = c.node.field("function");
      if (c.node.start_byte() < slept || !callee.is("attribute")) continue;
      if (acts_on(callee)) return c.node;
      auto recv = dotted_name(callee.field("object"), src_);
      for (std::size_t i = 0; i < params.size() && i < args.size(); ++i)
        if (params[i].name == recv && acts_on(args[i]) ) return c.node;
    }
    return {};
  };
  for (int s = fn_; s > 0; s = m_.scopes[s].parent) {
    if (m_.scopes[s].kind != Scope::Kind::function) continue;
    for (const auto& c : m_.calls) {
      if (c.scope != s) continue;
      auto fn = c.node.field("function");
      auto last = fn.is("attribute") ? fn.field("attribute").text(src_) : c.last();
      auto args = positional_args(c.node);
      ts::Node acted;
      std::string how;
      if ((last == "call_later" || last == "call_at" || c.resolved == "threading.Timer") && args.size() >= 2 &&
          acts_on(strip(args[1]))) {
        acted = strip(args[1]);
        how = "`" + std::string(last) + "`";
      } else if (last == "start_soon" && !args.empty() && strip(args[0]).is("identifier")) {
        std::vector<ts::Node> rest;
        for (std::size_t i = 1; i < args.size(); ++i) rest.push_back(strip(args[i]));
        acted = sleeper_acts(s, strip(args[0]).text(src_), rest);
        how = "a task that sleeps first";
      } else if ((last == "create_task" || last == "ensure_future") && !args.empty() && strip(args[0]).is("call") &&
                 strip(args[0]).field("function").is("identifier")) {
        auto inner = strip(args[0]);
        std::vector<ts::Node> rest;
        for (auto a : positional_args(inner)) rest.push_back(strip(a));
        acted = sleeper_acts(s, inner.field("function").text(src_), rest);
        how = "a task that sleeps first";
      }
      if (acted.null()) continue;
      return Bound{BoundKind::timer, "Ends when " + quote(acted, 40) + " runs later (" + how + ", line " +
                                         std::to_string(m_.line(c.node)) + "; assumed to change what it polls)",
                   std::nullopt, m_.line(c.node), false};
    }
  }
  return std::nullopt;
}

std::string WhileStage::exit_text(const Exit& e) const {
  std::string x;
  if (e.stmt.is("break_statement")) x = "break";
  else if (e.stmt.is("raise_statement")) {
    auto v = e.stmt.named_child_count() > 0 ? strip(e.stmt.named_child(0)) : ts::Node{};
    if (v.is("call")) v = v.field("function");
    x = v.null() ? "raise" : "raise " + one_line(v.text(src_), 40);
  } else {
    x = one_line(e.stmt.text(src_), 30);
  }
  auto g = e.guard;
  if (g.null()) return x;
  if (g.is("if_statement") || g.is("elif_clause"))
    return std::string(g.is("if_statement") ? "if " : "elif ") + one_line(g.field("condition").text(src_), 50) + ": " + x;
  if (g.is("else_clause")) return "else: " + x;
  if (g.is("except_clause")) {
    auto names = caught(g, src_);
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + (n.empty() ? std::string("...") : n);
    return "except " + list + ": " + x;
  }
  return x;
}

ts::Node guard_condition(const Exit& e) {
  if (e.guard.is("if_statement") || e.guard.is("elif_clause")) return e.guard.field("condition");
  if (e.guard.is("else_clause") && !e.else_owner.null()) return e.else_owner.field("condition");
  return {};
}

// A poll that tests a timer object (`timeout = Timeout(5)` ... `while not timeout.expired():`) is bounded
// when the object's method reads a clock: only the index can see the class, so ask it. The object must
// be a local bound once to a call of something the index can resolve; a limit of None never expires.
void WhileStage::ask_timer_objects(ts::Node cond, bool forever, std::vector<Ask>* asks, std::string* missing) const {
  if (fn_ < 0) return;
  std::vector<ts::Node> tests;
  if (!forever) tests.push_back(cond);
  for (const auto& e : body_.exits)
    if (auto g = guard_condition(e); !g.null()) tests.push_back(g);
  for (auto t : tests)
    ts::walk(t, [&](ts::Node x) {
      if (x.is("lambda")) return false;
      if (!x.is("call") || x.field("arguments").named_child_count() != 0) return true;
      auto fn = x.field("function");
      if (!fn.is("attribute") || !fn.field("object").is("identifier")) return true;
      std::string object(fn.field("object").text(src_));
      const auto& binds = m_.bindings_of(fn_, object);
      if (binds.size() != 1 || binds[0].how != Binding::How::assign || !binds[0].value.is("call")) return true;
      auto made = binds[0].value;
      auto ref = ev_.function_ref(fn_, made.field("function"));
      if (!ref) return true;
      auto args = positional_args(made);
      if (!args.empty()) {
        auto limit = strip(args[0]);
        const Param* p = limit.is("identifier") ? ev_.param(fn_, limit.text(src_)) : nullptr;
        if (is_none(limit, src_) || (p && !p->default_value.null() && is_none(p->default_value, src_))) {
          *missing = "tests " + quote(x, 40) + ", but the timer gets " + quote(limit, 30) +
                     ", which is (or defaults to) None: no limit";
          return true;
        }
      }
      asks->push_back(Ask{Ask::Kind::clock_method, *ref + "." + std::string(fn.field("attribute").text(src_)), false,
                          false, quote(x, 40), Unit::seconds, "", {}});
      return false;
    });
}

Draft WhileStage::run() {
  Draft d;
  d.site = make_site(m_, Category::while_loop, w_.node, w_.scope, w_.loop, "");
  scan();
  auto cond = w_.node.field("condition");
  auto truth = constant_truth(cond);
  if (truth == false) {
    d.site.bound = Bound{BoundKind::condition, "Never runs: `" + one_line(strip(cond).text(src_), 40) + "` is false",
                         Limit{0, Unit::items}, 0, false};
    return d;
  }
  bool forever = truth == true;
  std::string missing;
  std::optional<Bound> bound;
  std::optional<Gap> gap;

  // Evidence from the exits, strongest kind first.
  enum Rank { kTime, kEof, kIterator, kPage, kCounter, kExit, kRanks };
  std::array<std::optional<Bound>, kRanks> best;
  bool exit_guard_progresses = false;  // an exit whose guard the body moves (not a poll)
  std::vector<const Exit*> exit_candidates;
  for (const auto& e : body_.exits) {
    auto g = guard_condition(e);
    if (!g.null()) {
      if (auto b = time_bound(g, &missing); b && !best[kTime]) best[kTime] = b;
      if (auto b = eof_or_page(g, false); b && !best[b->kind == BoundKind::eof_guard ? kEof : kPage])
        best[b->kind == BoundKind::eof_guard ? kEof : kPage] = b;
      if (auto b = counter_bound(g, false); b && !best[kCounter]) best[kCounter] = b;
      std::vector<std::string> names;
      names_in(g, src_, &names);
      for (const auto& n : names)
        if (body_.steps.count(n) || body_.touched.count(n)) exit_guard_progresses = true;
    }
    if (e.guard.is("except_clause")) {
      auto names = caught(e.guard, src_);
      if (std::any_of(names.begin(), names.end(), [](const std::string& n) { return is_exhaustion(n); }) && !best[kIterator])
        best[kIterator] = Bound{BoundKind::iterator, "Ends when exhausted (`" + exit_text(e) + "`)", std::nullopt,
                                m_.line(e.guard), false};
      if (std::any_of(names.begin(), names.end(), [](const std::string& n) { return n.find("Timeout") != std::string::npos; }))
        exit_guard_progresses = false;
    }
    exit_candidates.push_back(&e);
  }
  // Evidence from the condition.
  auto quoted = one_line(strip(cond).text(src_), 60);
  if (!forever) {
    if (auto b = time_bound(cond, &missing)) best[kTime] = b;
    if (auto b = eof_or_page(cond, true)) best[b->kind == BoundKind::eof_guard ? kEof : kPage] = b;
    if (auto b = counter_bound(cond, true)) best[kCounter] = b;
  }
  // A loop that reads a stream but never tests a read for end of stream spins at EOF (the read returns
  // empty, it does not raise): exits taken only on errors do not end it.
  bool read_without_eof = !body_.read.null() && !best[kEof];
  for (const Exit* e : exit_candidates) {
    if (read_without_eof && e->guard.is("except_clause")) continue;
    std::string more = body_.exits.size() > 1 ? " (+" + plural(static_cast<long long>(body_.exits.size()) - 1, "more exit") + ")" : "";
    best[kExit] = Bound{BoundKind::exit_path, (e->guard.null() ? "Exits unconditionally (`" : "Exits via `") +
                                                  exit_text(*e) + "`" + (e->guard.null() ? ")" : "") + more,
                        std::nullopt, m_.line(e->stmt), false};
    break;
  }
  if (read_without_eof && !best[kExit] && !exit_candidates.empty())
    missing = "reads " + quote(body_.read, 40) + " but never tests it for end of stream; only errors leave the loop";
  for (int r = 0; r < kExit && !bound; ++r)
    if (best[r]) bound = best[r];
  // Backing off in an `except` and trying again, with no attempt counter or deadline, retries for ever.
  if (!bound && !body_.retry_sleep.null()) {
    gap = Gap::poll;
    missing = "retries for ever: sleeps in an `except` (" + quote(body_.retry_sleep, 40) +
              ") and tries again with no attempt limit or deadline";
  }

  if (!bound && !gap) {
    if (!forever) {
      // A condition the body changes ends the loop when the change makes it false; one the body never
      // changes is a poll (it sleeps, waiting for someone else) or a constant.
      std::vector<std::string> names;
      names_in(cond, src_, &names);
      bool cond_calls = contains_call(cond);
      bool moved = std::any_of(names.begin(), names.end(), [&](const std::string& n) { return changed(n); });
      // Locals bound once to an immutable literal (`running = True`) cannot change through aliasing or
      // another thread; if the loop does not rebind them the condition is a constant.
      bool all_constant_locals = !cond_calls && !names.empty() && std::all_of(names.begin(), names.end(), [&](const std::string& n) {
        return constant_local(n).has_value();
      });
      if (moved) {
        bound = Bound{BoundKind::condition, "Runs while `" + quoted + "` (the body changes it)", std::nullopt,
                      body_.first_change.null() ? 0 : m_.line(body_.first_change), false};
      } else if (!body_.sleep.null()) {
        gap = Gap::poll;
        missing = "polls `" + quoted + "`, which the loop does not change, with no deadline or timeout";
      } else if (all_constant_locals && body_.exits.empty()) {
        gap = Gap::no_exit;
        missing = "nothing in the loop changes `" + quoted + "` and it has no break, return or raise";
      } else if (best[kExit] && !body_.sleep.null()) {
        gap = Gap::poll;
      } else if (!best[kExit] && body_.calls.empty() && !body_.yields && !cond_calls) {
        // Nothing in the loop can change what the condition reads (no binding, no call): it spins until
        // another thread changes it, a poll with no time limit.
        gap = Gap::poll;
        missing = "spins on `" + quoted + "`, which nothing in the loop changes, with no deadline or timeout";
      } else {
        bound = best[kExit] ? best[kExit]
                            : Bound{BoundKind::condition, "Runs while `" + quoted + "` (assumes a call in the loop can change it)",
                                    std::nullopt, 0, false};
      }
    } else if (best[kExit]) {
      if (!body_.sleep.null() && !exit_guard_progresses) {
        gap = Gap::poll;
        if (missing.empty())
          missing = "sleeps until `" + exit_text(body_.exits.front()) + "` with no deadline, attempt limit or timeout";
      } else if (auto item = waited_read(); item && !best[kEof]) {
        gap = Gap::poll;
        missing = "waits for one `" + *item + "` from the peer: reads " + quote(body_.read, 40) +
                  " and drops every other one; a peer that keeps sending keeps it looping (no deadline or timeout "
                  "over the whole loop)";
      } else {
        bound = best[kExit];
      }
    } else {
      // No exit at all: ends only when the body raises into a handler around the loop. A handler for
      // an exhausted iterator or queue ends it at the end of the data; one for another error the author
      // expects (a closed connection) ends it on that error; cancellation is not an end of its own.
      for (auto p = w_.node.parent(); p && !bound; p = p.parent()) {
        if (p.is("function_definition") || p.is("class_definition") || p.is("module") || p.is("lambda")) break;
        if (p.is("with_statement")) {
          // `with pytest.raises(X):` / `with self.assertRaises(X):` around the loop: the author expects
          // the body to raise X, which ends the loop.
          for (const auto& [scope, value] : m_.with_values) {
            if (!p.contains(value) || p.field("body").contains(value) || !value.is("call")) continue;
            auto callee = m_.resolve(scope, dotted_name(value.field("function"), src_));
            auto last = last_component(callee);
            if (callee == "pytest.raises" || last == "assertRaises" || last == "assertRaisesRegex")
              bound = Bound{BoundKind::exit_path, "Ends when the body raises what " + quote(value, 40) + " expects",
                            std::nullopt, m_.line(value), false};
          }
          if (bound) break;
        }
        if (!p.is("try_statement") || !p.field("body").contains(w_.node)) continue;
        ts::for_each_child(p, [&](ts::Node c, const char*) {
          if (!(c.is("except_clause") || c.is("except_group_clause")) || bound) return !bound;
          auto names = caught(c, src_);
          if (std::any_of(names.begin(), names.end(), [](const std::string& n) { return is_exhaustion(n); }))
            bound = Bound{BoundKind::iterator, "Ends when the body raises into `except " + names.front() + "`",
                          std::nullopt, m_.line(c), false};
          else if (!read_without_eof && std::none_of(names.begin(), names.end(), [](const std::string& n) {
                     return n.empty() || n == "Exception" || n == "BaseException" || is_cancellation(n);
                   }))
            bound = Bound{BoundKind::exit_path, "Ends when the body raises `" + names.front() + "` (caught around the loop)",
                          std::nullopt, m_.line(c), false};
          return !bound;
        });
      }
      // An infinite generator does no work of its own between items: it runs as far as its consumer
      // pulls (itertools.count() is the same idiom).
      if (!bound && body_.yields)
        bound = Bound{BoundKind::generator, "Infinite generator: runs only as far as its consumer pulls items",
                      std::nullopt, 0, false};
      if (!bound) gap = Gap::no_exit;
    }
  }
  if (gap && missing.empty())
    missing = *gap == Gap::poll ? "sleeps in a loop with no deadline, attempt limit or timeout"
                                : "no break, return or raise leaves the loop";
  if (bound && gap) gap.reset();
  if (!bound) {
    if (auto t = timeout_scope()) bound = t;
  }
  if (!bound && gap == Gap::poll && !forever) bound = scheduled_change(cond);
  if (bound) {
    d.site.bound = bound;
    return d;
  }
  d.site.gap = gap ? gap : Gap::no_exit;
  d.site.missing = missing;
  if (!body_.peer_write.null())
    d.fallback = Bound{BoundKind::exit_path, "Ends when the peer goes away: " + quote(body_.peer_write, 40) + " raises then",
                       std::nullopt, m_.line(body_.peer_write), false};
  if (d.site.gap == Gap::poll) ask_timer_objects(cond, forever, &d.asks, &d.site.missing);
  if (fn_ >= 0 && m_.scopes[fn_].is_async)
    d.asks.push_back(Ask{Ask::Kind::caller_timeout, ev_.module() + "." + m_.scopes[fn_].qualname, false, false,
                         m_.scopes[fn_].name, Unit::seconds, "", {}});
  return d;
}

}  // namespace

bool is_noreturn_call(std::string_view r) {
  return r == "sys.exit" || r == "os._exit" || r == "os.abort" || r == "exit" || r == "quit" || r == "pytest.fail" ||
         r == "pytest.skip" || r == "pytest.exit" || r == "os.execv" || r == "os.execvp" || r == "os.execl" ||
         r == "os.execlp" || r == "os.execve" || r == "os.execvpe";
}

Draft while_draft(const StageContext& cx, const While& w) { return WhileStage(cx, w).run(); }

}  // namespace boundaudit::loops
