#include "loops/analysis.hpp"

#include <cctype>

namespace boundaudit::loops {
namespace {

bool is_comprehension(ts::Node n) {
  auto t = n.type();
  return t == "list_comprehension" || t == "set_comprehension" || t == "dictionary_comprehension" ||
         t == "generator_expression";
}

std::string_view last_component(std::string_view dotted) {
  auto dot = dotted.rfind('.');
  return dot == std::string_view::npos ? dotted : dotted.substr(dot + 1);
}

// Positional arguments of a call (no keywords, no comments).
std::vector<ts::Node> positional(ts::Node call) {
  std::vector<ts::Node> out;
  auto args = call.field("arguments");
  if (args.null() || !args.is("argument_list")) return out;
  for (auto a : ts::named_children(args))
    if (!a.is("keyword_argument") && !a.is("dictionary_splat")) out.push_back(a);
  return out;
}

std::string plural(int n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

ts::Node first_for_in(ts::Node comp) {
  ts::Node found;
  ts::for_each_child(comp, [&](ts::Node c, const char*) {
    if (c.is("for_in_clause")) found = c;
    return found.null();
  });
  return found;
}

}  // namespace

std::string one_line(std::string_view text, std::size_t max_chars) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  if (out.size() > max_chars) {
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    out = out.substr(0, cut) + "...";
  }
  return out;
}

Analysis::Analysis(const FileModel& m) : m_(m), scope_calls_(m.scopes.size()) {
  for (std::size_t i = 0; i < m.calls.size(); ++i) scope_calls_[m.calls[i].scope].push_back(static_cast<int>(i));
}

int Analysis::function_of(int scope) const {
  for (int s = scope; s >= 0; s = m_.scopes[s].parent)
    if (m_.scopes[s].kind == Scope::Kind::function) return s;
  return -1;
}

const std::vector<ts::Node>& Analysis::assignments(int scope, std::string_view name) {
  auto [it, fresh] = assigns_.try_emplace(scope);
  if (fresh) {
    auto& table = it->second;
    auto root = m_.scopes[scope].node;
    auto src = std::string_view(m_.source->text);
    ts::walk(root, [&](ts::Node n) {
      if (!(n == root) && (n.is("function_definition") || n.is("class_definition") || n.is("lambda")))
        return false;
      if (n.is("assignment") || n.is("named_expression")) {
        auto left = n.field(n.is("assignment") ? "left" : "name");
        auto right = n.field(n.is("assignment") ? "right" : "value");
        if (left.is("identifier") && !right.null()) table[left.text(src)].push_back(strip(right));
      }
      return true;
    });
  }
  static const std::vector<ts::Node> kNone;
  auto found = it->second.find(name);
  return found == it->second.end() ? kNone : found->second;
}

std::optional<Verdict> Analysis::static_iterable(int scope, ts::Node it) {
  std::string_view src = m_.source->text;
  for (int hops = 0; hops < 8; ++hops) {
    it = strip(it);
    if (it.null()) return std::nullopt;
    auto t = it.type();
    if (t == "list" || t == "tuple" || t == "set" || t == "dictionary" || t == "string") {
      if (t == "string") return std::nullopt;
      int n = 0;
      for (auto c : ts::named_children(it)) {
        if (c.is("list_splat") || c.is("dictionary_splat")) return std::nullopt;
        ++n;
      }
      std::string what = t == "dictionary" ? "dict" : std::string(t);
      return Verdict{{"static-literal", "Iterates a literal " + what + " of " + plural(n, "item")}, true};
    }
    if (t == "identifier") {
      auto name = it.text(src);
      if (function_of(scope) >= 0) {
        const auto& rhs = assignments(function_of(scope), name);
        if (rhs.size() == 1 && (rhs[0].is("list") || rhs[0].is("tuple") || rhs[0].is("set"))) {
          it = rhs[0];
          continue;
        }
        if (!rhs.empty()) return std::nullopt;
      }
      auto c = m_.constants.find(std::string(name));
      if (c == m_.constants.end()) return std::nullopt;
      int n = c->second.count;
      return Verdict{{"static-table", "Iterates module constant `" + std::string(name) + "` (" + std::to_string(n) +
                                          (n == 1 ? " entry)" : " entries)")},
                     true};
    }
    if (t == "call") {
      auto fname = dotted_name(it.field("function"), src);
      auto args = positional(it);
      if (fname == "range" && !args.empty() && args.size() <= 2) {
        bool literal = true;
        long lo = 0, hi = 0;
        try {
          if (args.size() == 1) hi = std::stol(std::string(args[0].text(src)));
          else lo = std::stol(std::string(args[0].text(src))), hi = std::stol(std::string(args[1].text(src)));
        } catch (...) {
          literal = false;
        }
        for (auto& a : args) literal = literal && a.is("integer");
        if (!literal) return std::nullopt;
        int n = static_cast<int>(std::max(0L, hi - lo));
        return Verdict{{"static-literal", "Iterates `" + std::string(it.text(src)) + "` (" + plural(n, "item") + ")"}, true};
      }
      if ((fname == "enumerate" || fname == "sorted" || fname == "reversed" || fname == "list" || fname == "tuple" ||
           fname == "zip") && !args.empty()) {
        it = args[0];
        continue;
      }
      auto last = last_component(fname);
      auto fn = it.field("function");
      if ((last == "items" || last == "keys" || last == "values") && fn.is("attribute") && args.empty()) {
        it = fn.field("object");
        continue;
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

bool Analysis::scope_acquires(int scope, std::string* limiter) const {
  if (!m_.scopes[scope].limiter.empty()) {
    *limiter = m_.scopes[scope].limiter;
    return true;
  }
  for (std::size_t s = scope + 1; s < m_.scopes.size(); ++s)  // nested helpers
    if (m_.is_inside(static_cast<int>(s), scope) && !m_.scopes[s].limiter.empty()) {
      *limiter = m_.scopes[s].limiter;
      return true;
    }
  return false;
}

std::optional<std::string> Analysis::limiter_for(int scope, ts::Node e) {
  std::string_view src = m_.source->text;
  e = strip(e);
  for (int hops = 0; hops < 4 && e.is("call"); ++hops) {
    auto name = dotted_name(e.field("function"), src);
    auto last = last_component(name);
    auto args = positional(e);
    if ((last == "create_task" || last == "ensure_future" || last == "wait_for" || last == "shield") && !args.empty()) {
      e = strip(args[0]);
    } else if ((last == "start_soon" || last == "submit" || last == "map") && !args.empty()) {
      e = strip(args[0]);
      break;
    } else if (last == "run_in_executor" && args.size() >= 2) {
      e = strip(args[1]);
      break;
    } else {
      break;
    }
  }
  std::string callee = dotted_name(e.is("call") ? e.field("function") : e, src);
  if (callee.empty()) return std::nullopt;
  auto found = m_.functions.find(std::string(last_component(callee)));
  if (found == m_.functions.end()) return std::nullopt;
  // A helper nested in the caller's own scope chain wins over a same-named function elsewhere.
  std::vector<int> candidates;
  for (int fn : found->second)
    if (m_.is_inside(scope, m_.scopes[fn].parent)) candidates.push_back(fn);
  for (int fn : found->second)
    if (!m_.is_inside(scope, m_.scopes[fn].parent)) candidates.push_back(fn);
  for (int fn : candidates) {
    std::string limiter;
    bool ok = scope_acquires(fn, &limiter);
    if (!ok)  // one level down: a helper the coroutine calls
      for (int ci : scope_calls_[fn]) {
        auto inner = m_.functions.find(std::string(m_.calls[ci].last()));
        if (inner == m_.functions.end()) continue;
        for (int g : inner->second)
          if (g != fn && scope_acquires(g, &limiter)) {
            ok = true;
            break;
          }
        if (ok) break;
      }
    if (!ok) continue;
    auto def = m_.limiter_defs.find(std::string(last_component(limiter)));
    if (def != m_.limiter_defs.end()) return "`" + one_line(def->second) + "` caps in-flight tasks";
    return "`" + one_line(limiter) + "` in `" + m_.scopes[fn].name + "` caps in-flight tasks";
  }
  return std::nullopt;
}

Verdict Analysis::loop_fanout(int loop, ts::Node element) {
  const auto& l = m_.loops[loop];
  std::string_view src = m_.source->text;
  if (!l.iterable.null())
    if (auto s = static_iterable(l.scope, l.iterable)) return *s;
  if (auto lim = limiter_for(l.scope, element)) return {{"semaphore", *lim}, true};
  // `await sem.acquire()` in the loop body before each task is a real cap.
  for (int ci : scope_calls_[l.scope]) {
    const auto& c = m_.calls[ci];
    if (c.last() != "acquire" || !l.node.contains(c.node)) continue;
    auto fn = c.node.field("function");
    auto obj = fn.field("object");
    if (!obj.null() && !m_.scopes[l.scope].limiter.empty() && obj.text(src) == m_.scopes[l.scope].limiter)
      return {{"semaphore", "`" + one_line(c.node.text(src)) + "` before each task caps in-flight tasks"}, true};
  }
  std::string over = l.iterable.null() ? "iteration of `while " + one_line(l.node.field("condition").text(src), 40) + "`"
                                       : "item of `" + one_line(l.iterable.text(src), 40) + "`";
  return {{"none", "No semaphore: unbounded (one task per " + over + ")"}, false};
}

Verdict Analysis::comprehension_fanout(int scope, ts::Node comp) {
  std::string_view src = m_.source->text;
  auto clause = first_for_in(comp);
  auto iterable = clause.null() ? ts::Node{} : clause.field("right");
  if (!iterable.null())
    if (auto s = static_iterable(scope, iterable)) return *s;
  auto body = comp.field("body");
  if (auto lim = limiter_for(scope, body)) return {{"semaphore", *lim}, true};
  return {{"none", "No semaphore: unbounded (one task per item of `" + one_line(iterable.text(src), 40) + "`)"},
          false};
}

Verdict Analysis::traced_fanout(int scope, std::string_view name, const Call& site) {
  std::string_view src = m_.source->text;
  int appends_outside = 0;
  for (int ci : scope_calls_[scope]) {
    const auto& c = m_.calls[ci];
    auto dot = c.dotted.rfind('.');
    if (dot == std::string::npos || std::string_view(c.dotted).substr(0, dot) != name) continue;
    auto last = c.last();
    if (last != "append" && last != "add" && last != "extend" && last != "insert" && last != "appendleft") continue;
    auto args = positional(c.node);
    if (args.empty()) continue;
    ts::Node element = args.back();
    if (last == "extend") return collection_fanout(scope, element, site);
    if (c.loop >= 0) {
      auto v = loop_fanout(c.loop, element);
      v.filled_by = strip(element);
      return v;
    }
    ++appends_outside;
  }
  const auto& rhs = assignments(scope, name);
  for (auto r : rhs) {
    if (r.is("list") || r.is("tuple") || r.is("set")) {
      int n = 0;
      bool splat = false;
      for (auto c : ts::named_children(r)) {
        if (c.is("list_splat")) splat = true;
        ++n;
      }
      if (splat) return collection_fanout(scope, r, site);
      n += appends_outside;
      if (n <= 1) return {{"single", "Single awaitable in `" + std::string(name) + "`"}, true};
      return {{"static-literal", "Literal list of " + plural(n, "awaitable") + " in `" + std::string(name) + "`"}, true};
    }
    if (is_comprehension(r) || r.is("call")) return collection_fanout(scope, r, site);
  }
  if (rhs.empty() && appends_outside == 0 && m_.scopes[scope].parent >= 0 && scope != 0) {
    // Not built here: a parameter or an attribute filled elsewhere.
    return {{"none", "No semaphore: unbounded (`" + std::string(name) + "` is built elsewhere)"}, false};
  }
  if (appends_outside > 0)
    return appends_outside == 1 ? Verdict{{"single", "Single awaitable in `" + std::string(name) + "`"}, true}
                                : Verdict{{"static-literal", plural(appends_outside, "awaitable") + " added to `" +
                                                                 std::string(name) + "`"}, true};
  return {{"none", "No semaphore: unbounded (`" + std::string(name) + "` from `" +
                       one_line(rhs.empty() ? std::string_view(name) : rhs.front().text(src), 40) + "`)"},
          false};
}

Verdict Analysis::collection_fanout(int scope, ts::Node e, const Call& site) {
  std::string_view src = m_.source->text;
  e = strip(e);
  if (e.is("list_splat")) e = strip(e.named_child(0));
  if (e.null()) return {{"none", "No semaphore: unbounded"}, false};
  if (is_comprehension(e)) return comprehension_fanout(scope, e);
  if (e.is("list") || e.is("tuple") || e.is("set")) {
    int n = 0;
    for (auto c : ts::named_children(e)) {
      if (c.is("list_splat")) return collection_fanout(scope, c, site);
      ++n;
    }
    if (n <= 1) return {{"single", "Single awaitable"}, true};
    return {{"static-literal", "Literal list of " + plural(n, "awaitable")}, true};
  }
  if (e.is("identifier")) return traced_fanout(scope, e.text(src), site);
  if (e.is("call")) {
    auto fn = e.field("function");
    auto name = dotted_name(fn, src);
    auto last = last_component(name);
    auto args = positional(e);
    if ((last == "values" || last == "keys") && fn.is("attribute") && fn.field("object").is("identifier"))
      return traced_fanout(scope, fn.field("object").text(src), site);
    if ((name == "list" || name == "set" || name == "tuple") && args.size() == 1)
      return collection_fanout(scope, args[0], site);
    if (name == "map" && args.size() >= 2) {
      if (auto s = static_iterable(scope, args[1])) return *s;
      if (auto lim = limiter_for(scope, args[0])) return {{"semaphore", *lim}, true};
      return {{"none", "No semaphore: unbounded (one task per item of `" + one_line(args[1].text(src), 40) + "`)"},
              false};
    }
  }
  return {{"none", "No semaphore: unbounded (tasks from `" + one_line(e.text(src), 40) + "`)"}, false};
}

}  // namespace boundaudit::loops
