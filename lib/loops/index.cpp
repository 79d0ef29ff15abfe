#include "loops/index.hpp"

#include <algorithm>

#include "loops/evidence.hpp"

namespace boundaudit::loops {

ProjectIndex::ProjectIndex(std::vector<FileSummary> summaries, std::unordered_map<std::string, int> mentions)
    : files_(std::move(summaries)), mentions_(std::move(mentions)) {
  // Every dotted suffix of a file's path names it ("src.pkg.mod", "pkg.mod", "mod"), so absolute
  // imports resolve under src/ layouts and namespace packages; a suffix two files share is ambiguous.
  for (int i = 0; i < static_cast<int>(files_.size()); ++i) {
    std::string key = files_[i].module;
    for (;;) {
      auto [it, fresh] = modules_.try_emplace(key, i);
      if (!fresh && it->second != i) it->second = -1;
      auto dot = key.find('.');
      if (dot == std::string::npos) break;
      key = key.substr(dot + 1);
    }
  }
  std::size_t place = 0;
  for (const auto& f : files_) {
    for (const auto& [name, e] : f.exports)
      if (e.class_attr) ++class_attr_names_[name.substr(name.rfind('.') + 1)];
    for (const auto& [name, n] : f.accounted) accounted_[name] += n;
    for (const auto& e : f.edges) {
      Wrapped& w = wrapped_[e.name];
      if (!e.callee) {
        if (e.cancels && !w.unresolved_cancel) w.unresolved_cancel.emplace(place, &e);
        w.unresolved.emplace_back(place++, &e);
      } else if (auto other = find(*e.callee)) {  // a callee that resolves nowhere calls no coroutine we ask about
        w.by_target[{other->file, other->name}].emplace_back(place++, &e);
      }
    }
    for (const auto& [name, shape] : f.calls) calls_[name].merge(shape);
    for (const auto& [name, n] : f.declared) declared_[name] += n;
  }
  for (auto& f : files_) {
    for (const auto& ref : f.mutated_imports)
      if (auto found = find(ref))
        dynamic_.insert(std::to_string(found->file - files_.data()) + ":" + found->name);
    // Counted into the index's own tables above, and read nowhere else: not held for the run.
    std::exchange(f.accounted, {});
    std::exchange(f.calls, {});
    std::exchange(f.declared, {});
    std::exchange(f.mutated_imports, {});
  }
}

FileSummary prune(FileSummary s, const Reach& reach) {
  auto last = [](const std::string& dotted) { return dotted.substr(dotted.rfind('.') + 1); };
  // Class attributes count wherever they are (class_attr_names_ is over every file); other exports
  // and functions only where a lookup lands on them.
  static const std::unordered_set<std::string> no_names;
  auto landed = reach.names.find(s.module);
  const bool whole = landed != reach.names.end() && reach.whole.count(s.module);
  if (!whole) {
    const auto& names = landed == reach.names.end() ? no_names : landed->second;
    std::erase_if(s.exports, [&](const auto& e) {
      return !names.count(e.first) && !(e.second.class_attr && reach.self_attrs.count(last(e.first)));
    });
    const std::string_view prefix = s.module;
    std::erase_if(s.functions, [&](const auto& f) {
      const std::string_view qual = f.first;
      return !(qual.size() > prefix.size() && qual.starts_with(prefix) && qual[prefix.size()] == '.' &&
               names.count(std::string(qual.substr(prefix.size() + 1))));
    });
  }
  std::erase_if(s.edges, [&](const CallEdge& e) { return !reach.timeout_names.count(e.name); });
  std::erase_if(s.accounted, [&](const auto& a) { return !reach.timeout_names.count(a.first); });
  std::erase_if(s.calls, [&](const auto& c) { return !reach.size_names.count(c.first); });
  std::erase_if(s.declared, [&](const auto& d) { return !reach.size_names.count(d.first); });
  return s;
}

std::optional<ProjectIndex::Found> ProjectIndex::find(const Ref& ref, int hops) const {
  if (hops > 8) return std::nullopt;
  // The longest prefix that is a module; the rest is the name inside it.
  for (auto dot = ref.rfind('.'); dot != std::string::npos && dot > 0; dot = ref.rfind('.', dot - 1)) {
    auto it = modules_.find(ref.substr(0, dot));
    if (it == modules_.end()) continue;
    if (it->second < 0) return std::nullopt;  // ambiguous module name
    const auto& file = files_[it->second];
    std::string name = ref.substr(dot + 1);
    auto e = file.exports.find(name);
    if (e == file.exports.end()) {
      // A re-export of a name's head: `from .x import Runner` then Runner.TARGETS.
      auto head = name.substr(0, name.find('.'));
      auto h = file.exports.find(head);
      if (h != file.exports.end() && h->second.kind == Export::Kind::alias && head != name)
        return find(h->second.target + name.substr(head.size()), hops + 1);
      return Found{&file, name, nullptr};
    }
    if (e->second.kind == Export::Kind::alias) return find(e->second.target, hops + 1);
    return Found{&file, name, &e->second};
  }
  return std::nullopt;
}

const FunctionFacts* ProjectIndex::function(const Ref& ref, std::string* where) const {
  auto found = find(ref);
  if (!found) return nullptr;
  auto it = found->file->functions.find(found->file->module + "." + found->name);
  if (it == found->file->functions.end()) return nullptr;
  *where = found->name;
  return &it->second;
}

std::optional<Bound> ProjectIndex::answer(const Ask& ask, Category category) const {
  switch (ask.kind) {
    case Ask::Kind::size: {
      auto found = find(ask.ref);
      if (!found || !found->e) return std::nullopt;
      const Export& e = *found->e;
      if (e.mutated || dynamic_.count(std::to_string(found->file - files_.data()) + ":" + found->name)) return std::nullopt;
      if (ask.via_self) {  // an override in another class could be larger
        auto attr = found->name.substr(found->name.rfind('.') + 1);
        auto it = class_attr_names_.find(attr);
        if (it == class_attr_names_.end() || it->second != 1) return std::nullopt;
      }
      int n;
      if (ask.largest_value) {
        if (e.kind != Export::Kind::dict_of_collections) return std::nullopt;
        n = e.largest;
      } else {
        if (e.kind != Export::Kind::collection && e.kind != Export::Kind::dict_of_collections) return std::nullopt;
        n = e.size;
      }
      std::string from = "`" + ask.name + "` (" + (ask.largest_value ? "largest value of " : "") + "`" +
                         found->file->module + "." + found->name + "`, " + plural(n, "entry") + ")";
      if (n != 1) from.replace(from.rfind("entrys"), 6, "entries");
      std::string detail = category == Category::spawn
                               ? "at most " + std::to_string(n) + (n == 1 ? " process" : " processes") + ", " + ask.per + " (" + from + ")"
                               : "at most " + plural(n, ask.unit == Unit::tasks ? "task" : "item") + ": " + from;
      return Bound{BoundKind::static_table, detail, Limit{static_cast<double>(n), ask.unit}, 0, false};
    }
    case Ask::Kind::limiter: {
      std::string where;
      const FunctionFacts* f = function(ask.ref, &where);
      if (!f) return std::nullopt;
      if (f->limiter) return Bound{BoundKind::semaphore, *f->limiter + " in `" + where + "` caps in-flight tasks", std::nullopt, 0, false};
      for (const auto& callee : f->callees) {  // one helper deep, by identity
        std::string inner;
        const FunctionFacts* g = function(callee, &inner);
        if (g && g->limiter)
          return Bound{BoundKind::semaphore, *g->limiter + " in `" + inner + "` (called by `" + where + "`) caps in-flight tasks",
                       std::nullopt, 0, false};
      }
      return std::nullopt;
    }
    case Ask::Kind::clock_method: {
      std::string where;
      const FunctionFacts* f = function(ask.ref, &where);
      if (!f) return std::nullopt;
      bool clock = f->reads_clock;
      for (std::size_t i = 0; i < f->callees.size() && !clock; ++i) {  // one helper deep, by identity
        std::string inner;
        const FunctionFacts* g = function(f->callees[i], &inner);
        clock = g && g->reads_clock;
      }
      if (!clock) return std::nullopt;
      return Bound{BoundKind::deadline,
                   "Deadline object: " + ask.name + " reads a clock (`" + where + "`; assumes the timer was given a limit)",
                   std::nullopt, 0, false};
    }
    case Ask::Kind::param_size: {
      // Every mention of the function's name must be its definition, an import or a call seen here;
      // calls of other functions with the same name only make the answer larger, never smaller.
      std::string fn = ask.ref.substr(ask.ref.rfind('.') + 1);
      auto mentions = mentions_.find(fn);
      auto shape = calls_.find(fn);
      if (mentions == mentions_.end() || shape == calls_.end() || shape->second.splat) return std::nullopt;
      auto declared = declared_.find(fn);
      if (mentions->second > shape->second.calls + (declared == declared_.end() ? 0 : declared->second)) return std::nullopt;
      const CallShape& s = shape->second;
      const auto& p = ask.param;
      int n = -1;
      if (p.varargs) {
        n = std::max(0, s.max_positional - p.position);
      } else {
        bool some_omit = true;  // some call may not pass it positionally
        if (p.position >= 0 && s.max_positional > p.position) {
          if (s.positional[p.position] < 0) return std::nullopt;
          n = s.positional[p.position];
          some_omit = s.min_positional <= p.position;
        }
        if (auto kw = s.keyword.find(p.name); kw != s.keyword.end()) {
          if (kw->second < 0) return std::nullopt;
          n = std::max(n, kw->second);
        }
        if (some_omit) {  // passed by keyword, or left to its default
          if (p.default_size == -1) return std::nullopt;
          if (p.default_size >= 0) n = std::max(n, p.default_size);
        }
      }
      if (n < 0) return std::nullopt;
      std::string from = "every call of `" + fn + "` in the tree (" + plural(s.calls, "call") + ") passes at most " +
                         plural(n, "item") + " for `" + ask.name + "`";
      std::string detail = category == Category::spawn
                               ? "at most " + std::to_string(n) + (n == 1 ? " process" : " processes") + ", " + ask.per + " (" + from + ")"
                               : "at most " + plural(n, ask.unit == Unit::tasks ? "task" : "item") + ": " + from;
      return Bound{BoundKind::caller_size, detail, Limit{static_cast<double>(n), ask.unit}, 0, false};
    }
    case Ask::Kind::caller_timeout: {
      // Every mention of the coroutine's name in the tree must be its definition or a call wrapped in
      // a non-None timeout: then no caller can run it without one.
      auto name = ask.name;
      auto mentions = mentions_.find(name);
      auto accounted = accounted_.find(name);
      auto wrapped = wrapped_.find(name);
      if (mentions == mentions_.end() || accounted == accounted_.end() || wrapped == wrapped_.end()) return std::nullopt;
      if (mentions->second > accounted->second) return std::nullopt;
      // The calls of it: those that do not resolve, and those that resolve to this coroutine (a call
      // resolved to another function is not a call of this one). Their first in the files' order, and
      // the first that cancels, name the wrapper; the unresolved ones' are known beforehand, so the
      // work is the coroutine's own calls, however many other coroutines share its name.
      const Wrapped& w = wrapped->second;
      const Wrapped::Edges* resolved = nullptr;
      if (auto target = find(ask.ref))
        if (auto it = w.by_target.find({target->file, target->name}); it != w.by_target.end()) resolved = &it->second;
      std::optional<std::pair<std::size_t, const CallEdge*>> first, cancel = w.unresolved_cancel;
      if (!w.unresolved.empty()) first = w.unresolved.front();
      std::size_t calls = w.unresolved.size();
      if (resolved) {
        calls += resolved->size();
        if (!first || resolved->front().first < first->first) first = resolved->front();
        for (const auto& edge : *resolved)
          if (edge.second->cancels) {
            if (!cancel || edge.first < cancel->first) cancel = edge;
            break;
          }
      }
      if (calls == 0) return std::nullopt;
      if (cancel)
        return Bound{BoundKind::cancelled,
                     (calls == 1 ? std::string("Run as a task and cancelled: ") : "Every caller bounds it; one cancels it: ") +
                         *cancel->second->wrapper,
                     std::nullopt, 0, false};
      std::string detail = (calls == 1 ? std::string("Its caller wraps it in ")
                                       : "All " + std::to_string(calls) + " callers wrap it in ") +
                           *first->second->wrapper;
      return Bound{BoundKind::caller_timeout, detail, std::nullopt, 0, false};
    }
  }
  return std::nullopt;
}

}  // namespace boundaudit::loops
