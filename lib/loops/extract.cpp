#include "loops/extract.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "loops/evidence.hpp"
#include "loops/stages.hpp"
#include "loops/triggers.hpp"

namespace boundaudit::loops {
namespace {

bool is_collection(ts::Node n) { return n.is("list") || n.is("tuple") || n.is("set") || n.is("dictionary"); }

// A literal collection, possibly wrapped in frozenset(...)/tuple(...)/set(...)/list(...): its size.
std::optional<int> literal_size(const FileModel& m, ts::Node v) {
  v = strip(v);
  if (v.is("call")) {
    auto name = dotted_name(v.field("function"), m.source->text);
    auto args = positional_args(v);
    if ((name == "frozenset" || name == "tuple" || name == "set" || name == "list") && args.size() == 1) v = strip(args[0]);
  }
  if (!is_collection(v)) return std::nullopt;
  int n = 0;
  for (auto c : ts::named_children(v)) {
    if (c.is("list_splat") || c.is("dictionary_splat")) return std::nullopt;
    ++n;
  }
  return n;
}

Export export_of(const FileModel& m, ts::Node v) {
  Export e;
  v = strip(v);
  if (auto n = literal_size(m, v)) {
    e.kind = Export::Kind::collection;
    e.size = *n;
    if (v.is("dictionary")) {
      bool all = true;
      int largest = 0;
      for (auto pair : ts::named_children(v)) {
        auto value = pair.field("value");
        auto s = value.null() ? std::nullopt : literal_size(m, value);
        if (!s) all = false;
        else largest = std::max(largest, *s);
      }
      if (all && e.size > 0) {
        e.kind = Export::Kind::dict_of_collections;
        e.largest = largest;
      }
    }
    return e;
  }
  if (v.is("integer") || v.is("float")) {
    e.kind = Export::Kind::number;
    e.number = std::strtod(std::string(v.text(m.source->text)).c_str(), nullptr);
  }
  return e;
}


// Module-level names and class attributes: what each is bound to, and whether anything changes it.
void summarize_names(const FileModel& m, const Evidence& ev, FileSummary& sum) {
  // Module-level names and class attributes. What changes them is gathered once: the targets of
  // in-place mutations, the names rebound after `global`, and every self./cls./Class. binding.
  std::unordered_set<std::string> mutated_targets, rebound_globals, attr_bindings;
  for (const auto& mu : m.mutations)
    if (m.binding_scope(mu.scope, mu.target.substr(0, mu.target.find('.'))) <= 0 || mu.target.find('.') != std::string::npos)
      mutated_targets.insert(mu.target);
  for (std::size_t s = 1; s < m.scopes.size(); ++s) {
    for (const auto& g : m.scopes[s].globals)
      if (!m.bindings_of(static_cast<int>(s), g).empty()) rebound_globals.insert(g);
    for (const auto& [name, list] : m.bindings[s])
      if (name.find('.') != std::string::npos) attr_bindings.insert(name);
  }
  auto mutated_in_file = [&](const std::string& name, int owner) {
    if (rebound_globals.count(name)) return true;
    if (!mutated_targets.count(name)) return false;
    for (const auto& mu : m.mutations)
      if (mu.target == name && m.binding_scope(mu.scope, name) == owner) return true;
    return false;
  };
  for (const auto& [name, binds] : m.bindings[0]) {
    if (name.find('.') != std::string::npos) {
      // mod.X = ... on an imported module rebinds something elsewhere.
      if (auto ref = ev.global_ref(0, name); ref && m.scopes[0].aliases.count(name.substr(0, name.find('.'))))
        sum.mutated_imports.push_back(*ref);
      continue;
    }
    Export e = binds.size() == 1 && binds[0].how == Binding::How::assign ? export_of(m, binds[0].value) : Export{};
    e.mutated = binds.size() != 1 || mutated_in_file(name, 0);
    sum.exports[name] = e;
  }
  for (const auto& [name, target] : m.scopes[0].aliases) {
    Export e;
    e.kind = Export::Kind::alias;
    e.target = ev.global_ref(0, name).value_or(target);
    sum.exports[name] = e;
  }
  for (const auto& [name, scope] : m.defs[0]) {
    Export e;
    e.kind = m.scopes[scope].kind == Scope::Kind::class_ ? Export::Kind::class_ : Export::Kind::function;
    if (!sum.exports.count(name)) sum.exports[name] = e;
    if (e.kind != Export::Kind::class_) continue;
    for (const auto& [attr, binds] : m.bindings[scope]) {
      if (attr.find('.') != std::string::npos) continue;
      Export a = binds.size() == 1 && binds[0].how == Binding::How::assign ? export_of(m, binds[0].value) : Export{};
      a.class_attr = true;
      a.mutated = binds.size() != 1;
      for (const auto& key : {"self." + attr, "cls." + attr, name + "." + attr})
        if (mutated_targets.count(key) || attr_bindings.count(key)) a.mutated = true;
      sum.exports[name + "." + attr] = a;
    }
  }
  for (const auto& mu : m.mutations) {
    auto head = mu.target.substr(0, mu.target.find('.'));
    int s = m.binding_scope(mu.scope, head);
    if (s >= 0 && m.scopes[s].aliases.count(head))
      if (auto ref = ev.global_ref(mu.scope, mu.target)) sum.mutated_imports.push_back(*ref);
  }
}

// The size of a literal collection passed as an argument, or -1.
int literal_size(ts::Node a) {
  a = strip(a);
  if (!(a.is("list") || a.is("tuple") || a.is("set") || a.is("dictionary"))) return -1;
  int n = 0;
  for (auto c : ts::named_children(a)) {
    if (c.is("list_splat") || c.is("dictionary_splat")) return -1;
    ++n;
  }
  return n;
}

void record_call(const Call& c, std::string_view src, CallShape& shape) {
  CallShape one;
  one.calls = 1;
  int positional = 0;
  auto args = c.node.field("arguments");
  if (args.is("generator_expression")) {
    positional = 1;
    one.positional.push_back(-1);
  } else {
    for (auto a : ts::named_children(args)) {
      if (a.is("list_splat") || a.is("dictionary_splat")) {
        one.splat = true;
      } else if (a.is("keyword_argument")) {
        one.keyword[std::string(a.field("name").text(src))] = literal_size(a.field("value"));
      } else if (!a.is("comment")) {
        ++positional;
        one.positional.push_back(literal_size(a));
      }
    }
  }
  one.min_positional = one.max_positional = positional;
  shape.merge(one);
}

// Functions: coroutine or not, the limiter each acquires (itself or nested), what it calls.
void summarize_functions(const FileModel& m, const Evidence& ev, const std::string& module, FileSummary& sum) {
  std::vector<std::optional<std::string>> limiter(m.scopes.size());
  for (const auto& [scope, value] : m.with_values)
    if (!limiter[scope])
      if (auto l = ev.limiter(scope, value)) limiter[scope] = "`" + *l + "`";
  for (const auto& c : m.calls)
    if (c.last() == "acquire" && !limiter[c.scope] && c.node.field("function").is("attribute"))
      if (auto l = ev.limiter(c.scope, c.node.field("function").field("object"))) limiter[c.scope] = "`" + *l + "`";
  for (std::size_t s = m.scopes.size(); s-- > 1;) {  // nested functions lend theirs to the parent
    int p = m.scopes[s].parent;
    if (limiter[s] && p > 0 && m.scopes[p].kind == Scope::Kind::function && !limiter[p]) limiter[p] = limiter[s];
  }
  for (std::size_t s = 1; s < m.scopes.size(); ++s) {
    if (m.scopes[s].kind != Scope::Kind::function) continue;
    FunctionFacts ff;
    ff.is_async = m.scopes[s].is_async;
    ff.limiter = limiter[s];
    sum.functions[module + "." + m.scopes[s].qualname] = std::move(ff);
    sum.accounted[m.scopes[s].name] += 1;
    sum.declared[m.scopes[s].name] += 1;
  }
  std::string_view src = m.source->text;
  for (const auto& c : m.calls) {
    if (!c.dotted.empty()) record_call(c, src, sum.calls[std::string(c.last())]);
    int fn = m.function_of(c.scope);
    if (fn < 0) continue;
    if (auto ref = ev.function_ref(c.scope, c.node.field("function"))) {
      auto& callees = sum.functions[module + "." + m.scopes[fn].qualname].callees;
      if (std::find(callees.begin(), callees.end(), *ref) == callees.end() && callees.size() < 64) callees.push_back(*ref);
    }
  }
}

// Names this file accounts for (imports, and the calls made under a non-None timeout or run as a task
// the creator cancels) and those calls' edges, for caller-timeout and cancelled.
void summarize_callers(const FileModel& m, const Evidence& ev, bool wrapper_words, FileSummary& sum) {
  std::string_view src = m.source->text;
  // Imports mention the names they bind; they are not callers.
  for (const auto& scope : m.scopes)
    for (const auto& [local, target] : scope.aliases) {
      std::string original(last_component(target));
      sum.accounted[original] += 1;
      sum.declared[original] += 1;
      if (original != local) sum.accounted[local] += 1, sum.declared[local] += 1;
    }

  // Calls inside a non-None timeout wrapper (for caller-timeout). Every wrapper's resolved name holds
  // one of these words, and so does the text that imports or calls it: a file without them has none.
  if (wrapper_words) {
    // The `X.cancel()` calls by X, in file order: looked up per task, not found by scanning every call.
    std::unordered_map<std::string, std::vector<const Call*>> cancel_calls;
    for (const auto& k : m.calls)
      if (k.dotted.size() > 7 && k.dotted.ends_with(".cancel"))
        cancel_calls[k.dotted.substr(0, k.dotted.size() - 7)].push_back(&k);
    // Where each name is first waited for in a function (`await t`, or t passed to a call other than
    // its own methods, such as run_until_complete(t)): the start byte of the earliest such node. One
    // walk per function, not one per cancel call (N tasks cancelled in one function were quadratic).
    std::unordered_map<int, std::unordered_map<std::string, uint32_t>> first_waits;
    auto first_wait = [&](int fn) -> const std::unordered_map<std::string, uint32_t>& {
      auto [it, fresh] = first_waits.try_emplace(fn);
      auto& first = it->second;  // stays valid: unordered_map never moves its elements
      if (!fresh) return first;
      auto note = [&](std::string name, uint32_t at) {
        if (name.empty()) return;
        auto [f, added] = first.try_emplace(std::move(name), at);
        if (!added) f->second = std::min(f->second, at);
      };
      ts::walk(m.scopes[fn].node, [&](ts::Node x) {
        if (x.is("await")) note(dotted_name(strip(x.named_child(0)), src), x.start_byte());
        if (x.is("call")) {
          const auto own = dotted_name(x.field("function").field("object"), src);
          for (auto a : positional_args(x))
            if (auto name = dotted_name(strip(a), src); name != own) note(std::move(name), x.start_byte());
        }
        return true;
      });
      return first;
    };
    // Tasks a function (or, for self.X, any method of its class) cancels: `t.cancel()`.
    auto cancelled_by = [&](int scope, const std::string& target) -> std::optional<std::string> {
      int fn = m.function_of(scope);
      if (fn < 0) return std::nullopt;
      int cls = m.scopes[fn].parent;
      bool on_self = target.starts_with("self.");
      auto cancels = cancel_calls.find(target);
      if (cancels == cancel_calls.end()) return std::nullopt;
      for (const Call* call : cancels->second) {
        const Call& k = *call;
        int kfn = m.function_of(k.scope);
        if (!(kfn == fn || (on_self && kfn >= 0 && m.scopes[kfn].parent == cls && m.scopes[cls].kind == Scope::Kind::class_)))
          continue;
        // A creator that first waits for the task (`run_until_complete(t)`, `await t`) cancels it only
        // after it ended on its own: that cancel bounds nothing.
        // (The task passed to any call but its own methods, `t.cancel()`, `t.done()`, is waited for.)
        const auto& waits = first_wait(kfn);
        if (auto w = waits.find(target); w != waits.end() && w->second < k.node.start_byte()) continue;
        return "`" + target + ".cancel()` by its creator (line " + std::to_string(m.line(k.node)) + ")";
      }
      return std::nullopt;
    };
    // Timeout regions, found top-down (few): a wrapper call's first argument, a timeout `with` body.
    struct Region {
      uint32_t begin, end;
      int function;
      std::string text;
    };
    std::vector<Region> regions;
    for (const auto& w : m.calls)
      if (auto t = ev.timeout_wrapper(w.scope, w.node)) {
        auto args = positional_args(w.node);
        if (!args.empty()) regions.push_back({args[0].start_byte(), args[0].end_byte(), m.function_of(w.scope), t->text});
      }
    for (const auto& [scope, value] : m.with_values)
      if (value.is("call"))
        if (auto t = ev.timeout_wrapper(scope, value)) {
          auto stmt = value.parent();
          while (stmt && !stmt.is("with_statement")) stmt = stmt.parent();
          auto body = stmt.null() ? ts::Node{} : stmt.field("body");
          if (!body.null()) regions.push_back({body.start_byte(), body.end_byte(), m.function_of(scope), "`async with` " + t->text});
        }
    std::sort(regions.begin(), regions.end(), [](const Region& a, const Region& b) { return a.begin < b.begin; });
    // Tasks started from a call and stored where the creator cancels them: `t = create_task(f())`.
    std::unordered_map<uint32_t, std::string> cancelled_calls;  // start byte of f() -> text
    for (const auto& k : m.calls) {
      if (k.last() != "create_task" && k.last() != "ensure_future") continue;
      auto args = positional_args(k.node);
      auto target = k.node.parent();
      if (target.is("await")) target = target.parent();
      if (args.empty() || !strip(args[0]).is("call") || !target.is("assignment")) continue;
      if (auto name = dotted_name(target.field("left"), src); !name.empty())
        if (auto why = cancelled_by(k.scope, name)) cancelled_calls[strip(args[0]).start_byte()] = *why;
    }
    for (const auto& c : m.calls) {
      if (c.dotted.empty()) continue;
      bool cancels = false;
      std::optional<std::string> wrapper;
      if (auto it = cancelled_calls.find(c.node.start_byte()); it != cancelled_calls.end()) {
        wrapper = it->second;
        cancels = true;
      }
      int fn = m.function_of(c.scope);
      // The regions that start at or before the call, innermost (latest start) first; a few suffice.
      auto at = std::upper_bound(regions.begin(), regions.end(), c.node.start_byte(),
                                 [](uint32_t pos, const Region& r) { return pos < r.begin; });
      for (int look = 0; at != regions.begin() && look < 16 && !wrapper; ++look) {
        --at;
        if (at->function == fn && c.node.end_byte() <= at->end) wrapper = at->text;
      }
      if (!wrapper) continue;
      sum.edges.push_back(CallEdge{ev.function_ref(c.scope, c.node.field("function")), std::string(c.last()), wrapper, cancels});
      sum.accounted[std::string(c.last())] += 1;
    }
  }

}

// Always raises: a short function (the parse pre-filter in chunks.cpp keeps every definition up to twice
// this size that could be one) with a raise among its body's own statements and no return or yield.
bool always_raises(const Scope& s) {
  if (s.node.end_byte() - s.node.start_byte() > 400) return false;
  bool top_raise = false, returns = false;
  auto body = s.node.field("body");
  for (auto stmt : ts::named_children(body)) top_raise = top_raise || stmt.is("raise_statement");
  ts::walk(body, [&](ts::Node x) {
    if (x.is("function_definition") || x.is("lambda") || x.is("class_definition")) return false;
    returns = returns || x.is("return_statement") || x.is("yield");
    return !returns;
  });
  return top_raise && !returns;
}

}  // namespace

FileFacts extract_facts(const FileModel& m, const std::string& module, bool wrapper_words) {
  FileFacts f;
  f.summary.module = module;
  Evidence ev(m, module);
  summarize_names(m, ev, f.summary);
  summarize_functions(m, ev, module, f.summary);
  summarize_callers(m, ev, wrapper_words, f.summary);

  // Drafts.
  std::unordered_map<std::string, bool> raises;  // qualname -> always raises, filled on first use
  std::unordered_map<int, std::set<std::string>> clocks;
  StageContext cx{ev,
                  [&](const Ref& ref) {
                    if (!ref.starts_with(module + ".")) return false;
                    auto qual = ref.substr(module.size() + 1);
                    auto [it, fresh] = raises.try_emplace(qual, false);
                    if (fresh)
                      for (const auto& s : m.scopes)
                        if (s.kind == Scope::Kind::function && s.qualname == qual) it->second = always_raises(s);
                    return it->second;
                  },
                  &clocks};
  for (const auto& w : m.whiles) f.drafts.push_back(while_draft(cx, w));
  for (auto& d : fanout_drafts(cx)) f.drafts.push_back(std::move(d));
  for (auto& d : spawn_drafts(cx)) f.drafts.push_back(std::move(d));
  return f;
}

}  // namespace boundaudit::loops
