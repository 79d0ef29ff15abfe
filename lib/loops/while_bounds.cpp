// Why a while loop ends: its condition, or for `while True` each exit and the guard above it.
#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "loops/analysis.hpp"

namespace boundaudit::loops {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool is_constant_true(ts::Node cond, std::string_view src) {
  cond = strip(cond);
  if (cond.is("true")) return true;
  if (cond.is("integer")) {
    auto t = cond.text(src);
    return t.find_first_not_of("0_xXoObB") != std::string_view::npos;
  }
  return false;
}

// Names read in an expression: whole dotted chains ("self.timeout") and bare identifiers.
std::vector<std::string> names_in(ts::Node n, std::string_view src) {
  std::vector<std::string> out;
  ts::walk(n, [&](ts::Node x) {
    if (x.is("attribute")) {
      auto d = dotted_name(x, src);
      if (!d.empty()) {
        out.push_back(d);
        return false;
      }
    }
    if (x.is("identifier")) out.emplace_back(x.text(src));
    return !x.is("lambda");
  });
  return out;
}

bool looks_like_deadline(ts::Node n, std::string_view src) {
  auto t = lower(n.text(src));
  if (t.find("deadline") != std::string::npos || t.find("monotonic") != std::string::npos ||
      t.find("time()") != std::string::npos || t.find("perf_counter") != std::string::npos ||
      t.find("expire") != std::string::npos)
    return true;
  // A name like `timeout` or `self._timeout`; not a constant such as ERROR_SEM_TIMEOUT.
  for (auto& name : names_in(n, src)) {
    auto last = std::string_view(name).substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
    bool constant = last.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos;
    if (!constant && lower(last).find("timeout") != std::string::npos) return true;
  }
  return false;
}

bool is_read_call(ts::Node rhs, std::string_view src) {
  if (rhs.null()) return false;
  auto t = rhs.text(src);
  static constexpr std::array<std::string_view, 10> kReads{".read", "recv", "readline", "readinto", "receive",
                                                           "readexactly", "readuntil", "input(", "next(", "get_line"};
  if (!rhs.is("call") && !rhs.is("attribute") && !rhs.is("subscript") && !rhs.is("conditional_expression"))
    return false;
  return std::any_of(kReads.begin(), kReads.end(), [&](auto r) { return t.find(r) != std::string_view::npos; });
}

bool is_empty_literal(ts::Node n, std::string_view src) {
  auto t = n.text(src);
  return t == "''" || t == "\"\"" || t == "b''" || t == "b\"\"" || t == "[]" || t == "()" || t == "{}" ||
         t == "None" || t == "0";
}

// What an emptiness test tests: `not x`, `x`, `x == b''`, `x is None`, `len(x) == 0`, `len(x) < n`.
struct Emptiness {
  ts::Node subject;
  bool shorter_than = false;  // len(x) < n
  bool none_test = false;     // x is None
  ts::Node limit;             // n in len(x) < n
};

std::optional<Emptiness> emptiness(ts::Node cond, std::string_view src) {
  for (int hops = 0; hops < 16; ++hops) {
    cond = strip(cond);
    if (cond.null()) return std::nullopt;
    if (cond.is("not_operator")) {
      cond = cond.field("argument");
      continue;
    }
    if (cond.is("boolean_operator")) {
      if (auto e = emptiness(cond.field("left"), src)) return e;
      cond = cond.field("right");
      continue;
    }
    if (cond.is("identifier") || cond.is("attribute") || cond.is("call") || cond.is("named_expression")) {
      if (cond.is("call") && dotted_name(cond.field("function"), src) == "len") {
        auto args = cond.field("arguments");
        if (args.named_child_count() == 1) return Emptiness{strip(args.named_child(0)), false, false, {}};
      }
      return Emptiness{cond, false, false, {}};
    }
    if (cond.is("comparison_operator") && cond.named_child_count() == 2) {
      auto a = strip(cond.named_child(0)), b = strip(cond.named_child(1));
      bool a_len = a.is("call") && dotted_name(a.field("function"), src) == "len";
      auto op = src.substr(a.end_byte(), b.start_byte() - a.end_byte());
      bool less = op.find('<') != std::string_view::npos;
      if (a_len && a.field("arguments").named_child_count() == 1) {
        auto subject = strip(a.field("arguments").named_child(0));
        bool zero = b.is("integer") && b.text(src) == "0";
        if (!zero && !less) return std::nullopt;
        return Emptiness{subject, !zero, false, zero ? ts::Node{} : b};
      }
      if (is_empty_literal(b, src)) return Emptiness{a, false, b.text(src) == "None", {}};
      if (is_empty_literal(a, src)) return Emptiness{b, false, a.text(src) == "None", {}};
    }
    return std::nullopt;
  }
  return std::nullopt;
}

struct Exit {
  ts::Node stmt;
  ts::Node guard;       // if_statement, elif_clause, else_clause, except_clause, case_clause, or null
  ts::Node else_owner;  // the if_statement of an else_clause guard
};

struct BodyFacts {
  std::vector<Exit> exits;
  std::unordered_map<std::string, ts::Node> assigned;  // name -> last right-hand side in the body
  std::set<std::string> incremented;                   // names changed by += / -= / x = x + 1
  bool yields = false;                                 // the loop body yields (an infinite generator)
};

BodyFacts scan_body(const FileModel& m, int scope, ts::Node body) {
  BodyFacts f;
  std::string_view src = m.source->text;
  std::vector<ts::Node> stack;  // enclosing loops and guards inside the body
  ts::walk(body, [&](ts::Node n) {
    auto start = n.start_byte();
    while (!stack.empty() && start >= stack.back().end_byte()) stack.pop_back();
    auto t = n.type();
    if (t == "function_definition" || t == "class_definition" || t == "lambda") return false;
    if (t == "for_statement" || t == "while_statement" || t == "if_statement" || t == "elif_clause" ||
        t == "else_clause" || t == "except_clause" || t == "case_clause" || t == "list_comprehension" ||
        t == "generator_expression" || t == "set_comprehension" || t == "dictionary_comprehension") {
      stack.push_back(n);
      return true;
    }
    if (t == "yield") f.yields = true;
    bool exit = t == "return_statement" || t == "raise_statement";
    if (t == "break_statement") {
      exit = true;
      for (auto it = stack.rbegin(); it != stack.rend(); ++it)
        if (it->is("for_statement") || it->is("while_statement")) {
          exit = false;  // belongs to the nested loop
          break;
        }
    }
    if (t == "call") {
      auto name = m.resolve(scope, dotted_name(n.field("function"), src));
      exit = name == "sys.exit" || name == "os._exit" || name == "exit" || name == "quit" || name == "os.abort";
    }
    if (exit) {
      Exit e{n, {}, {}};
      for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        if (it->is("for_statement") || it->is("while_statement") || it->is("list_comprehension") ||
            it->is("generator_expression") || it->is("set_comprehension") || it->is("dictionary_comprehension"))
          continue;
        if (it->is("if_statement") && !it->field("condition").contains(n)) {
          // An exit in the if's own block (not in elif/else) is guarded by the if's condition.
          auto cons = it->field("consequence");
          if (!cons.null() && !cons.contains(n)) continue;
        }
        e.guard = *it;
        if (it->is("else_clause") && it + 1 != stack.rend() && (it + 1)->is("if_statement")) e.else_owner = *(it + 1);
        break;
      }
      f.exits.push_back(e);
      return t == "call";
    }
    if (t == "assignment" || t == "named_expression") {
      auto left = n.field(t == "assignment" ? "left" : "name");
      auto right = strip(n.field(t == "assignment" ? "right" : "value"));
      if (left.is("pattern_list") || left.is("tuple_pattern")) {
        for (auto id : ts::named_children(left))
          if (id.is("identifier")) f.assigned[std::string(id.text(src))] = right;
      } else if (auto d = dotted_name(left, src); !d.empty()) {
        f.assigned[d] = right;
        if (right.is("binary_operator")) {
          auto l = dotted_name(strip(right.field("left")), src);
          if (l == d) f.incremented.insert(d);
        }
      }
    } else if (t == "augmented_assignment") {
      auto op = n.field("operator").text(src);
      if (op == "+=" || op == "-=") f.incremented.insert(dotted_name(n.field("left"), src));
    }
    return true;
  });
  return f;
}

std::string exit_text(ts::Node stmt, std::string_view src) {
  if (stmt.is("break_statement")) return "break";
  if (stmt.is("return_statement")) {
    auto t = one_line(stmt.text(src), 30);
    return t;
  }
  if (stmt.is("raise_statement")) {
    auto e = stmt.named_child_count() > 0 ? strip(stmt.named_child(0)) : ts::Node{};
    if (e.null()) return "raise";
    if (e.is("call")) e = e.field("function");
    return "raise " + one_line(e.text(src), 40);
  }
  return one_line(stmt.text(src), 30);
}

ts::Node guard_condition(const Exit& e) {
  if (e.guard.null()) return {};
  if (e.guard.is("if_statement") || e.guard.is("elif_clause")) return e.guard.field("condition");
  if (e.guard.is("else_clause")) return e.else_owner.null() ? ts::Node{} : e.else_owner.field("condition");
  if (e.guard.is("except_clause")) return e.guard.field("value");
  return {};
}

std::string guard_text(const Exit& e, std::string_view src) {
  auto x = exit_text(e.stmt, src);
  if (e.guard.null()) return x;
  if (e.guard.is("if_statement")) return "if " + one_line(e.guard.field("condition").text(src), 50) + ": " + x;
  if (e.guard.is("elif_clause")) return "elif " + one_line(e.guard.field("condition").text(src), 50) + ": " + x;
  if (e.guard.is("else_clause")) return "else: " + x;
  if (e.guard.is("except_clause")) {
    auto c = guard_condition(e);
    return (c.null() ? std::string("except") : "except " + one_line(c.text(src), 40)) + ": " + x;
  }
  if (e.guard.is("case_clause")) {
    auto first = e.guard.named_child(0);
    return "case " + one_line(first.text(src), 40) + ": " + x;
  }
  return x;
}

// Names derived from the function's timeout parameter (the parameter and locals computed from it).
std::set<std::string> timeout_names(Analysis& a, int fn, const Param** param) {
  std::set<std::string> names;
  const auto& m = a.model();
  if (fn < 0) return names;
  for (const auto& p : m.scopes[fn].params)
    if (p.name.find("timeout") != std::string::npos) {
      *param = &p;
      names.insert(p.name);
      break;
    }
  if (names.empty()) return names;
  std::string_view src = m.source->text;
  std::vector<std::pair<std::string, ts::Node>> assigns;
  ts::walk(m.scopes[fn].node.field("body"), [&](ts::Node n) {
    if (n.is("function_definition") || n.is("class_definition")) return false;
    if (n.is("assignment") && n.field("left").is("identifier"))
      assigns.emplace_back(std::string(n.field("left").text(src)), n.field("right"));
    return true;
  });
  for (int round = 0; round < 2; ++round)
    for (auto& [name, rhs] : assigns)
      for (auto& used : names_in(rhs, src))
        if (names.count(used)) {
          names.insert(name);
          break;
        }
  return names;
}

std::string seconds(std::string_view v) {
  if (!v.empty() && v.find_first_not_of("0123456789._") == std::string_view::npos) return std::string(v) + "s";
  return "`" + std::string(v) + "`";
}

std::string timeout_detail(const Param& p, std::string_view fn_text, const Exit* e, std::string_view src) {
  std::string d = "`" + p.name + "` arg";
  bool none_disables = p.default_text == "None" ||
                       fn_text.find(p.name + " is None") != std::string_view::npos ||
                       fn_text.find(p.name + " is not None") != std::string_view::npos;
  if (!p.has_default) d += " (required)";
  else if (p.default_text == "None") d += ", default None";
  else d += ", default " + seconds(p.default_text);
  if (e && e->stmt.is("raise_statement")) {
    auto x = exit_text(e->stmt, src);
    if (x.size() > 6) d += ", raises `" + x.substr(6) + "`";
  }
  if (none_disables) d += "; `None` disables it";
  return d;
}

enum Rank { kTimeoutArg, kDeadline, kEof, kPagination, kCounter, kExitPath, kRanks };

}  // namespace

Verdict classify_while(Analysis& a, const While& w) {
  const auto& m = a.model();
  std::string_view src = m.source->text;
  auto cond = w.node.field("condition");
  int fn = a.function_of(w.scope);
  const Param* tparam = nullptr;
  auto tnames = timeout_names(a, fn, &tparam);
  std::string_view fn_text = fn >= 0 ? m.scopes[fn].node.text(src) : std::string_view{};

  if (!is_constant_true(cond, src)) {
    auto quoted = one_line(strip(cond).text(src), 60);
    for (auto& n : names_in(cond, src))
      if (tnames.count(n)) return {{"timeout-arg", timeout_detail(*tparam, fn_text, nullptr, src)}, true};
    if (looks_like_deadline(cond, src)) return {{"deadline", "Deadline (`while " + quoted + "`)"}, true};
    return {{"condition", "Runs while `" + quoted + "`"}, true};
  }

  auto facts = scan_body(m, w.scope, w.node.field("body"));
  if (facts.exits.empty()) {
    // `try: while True: it.pop()  except KeyError: pass` ends when the body raises what the try catches.
    auto block = w.node.parent();
    auto owner = block.is("block") ? block.parent() : ts::Node{};
    if (owner.is("try_statement") && owner.field("body") == block) {
      ts::Node handler;
      ts::for_each_child(owner, [&](ts::Node c, const char*) {
        if (c.is("except_clause")) handler = c;
        return handler.null();
      });
      if (!handler.null()) {
        auto caught = handler.field("value");
        std::string what = caught.null() ? "except" : "except " + one_line(caught.text(src), 40);
        auto t = caught.null() ? std::string_view{} : caught.text(src);
        bool eof = t.find("StopIteration") != std::string_view::npos || t.find("EOFError") != std::string_view::npos ||
                   t.find("StopAsyncIteration") != std::string_view::npos;
        return {{eof ? "eof-guard" : "exit-path",
                 eof ? "EOF guard (body raises into `" + what + "`)" : "Ends when the body raises into `" + what + "`"},
                true};
      }
    }
    // An infinite generator does no work of its own between items: it runs exactly as far as its
    // consumer pulls, so the bound lives with the consumer (itertools.count() is the same idiom).
    if (facts.yields)
      return {{"generator", "Infinite generator: runs only as far as its consumer pulls items"}, true};
    return {{"none", "No exit: no `break`, `return` or `raise`"}, false};
  }

  std::array<std::vector<const Exit*>, kRanks> ranked;
  for (const auto& e : facts.exits) {
    auto g = guard_condition(e);
    auto exit = exit_text(e.stmt, src);
    bool raises_timeout = e.stmt.is("raise_statement") && exit.find("Timeout") != std::string::npos;
    Rank r = kExitPath;
    std::vector<std::string> names = g.null() ? std::vector<std::string>{} : names_in(g, src);
    if (std::any_of(names.begin(), names.end(), [&](auto& n) { return tnames.count(n) > 0; })) {
      r = kTimeoutArg;
    } else if ((!g.null() && !e.guard.is("except_clause") && looks_like_deadline(g, src)) || raises_timeout ||
               (e.guard.is("except_clause") && !g.null() && g.text(src).find("Timeout") != std::string_view::npos)) {
      r = kDeadline;
    } else if (e.guard.is("except_clause")) {
      auto t = g.null() ? std::string_view{} : g.text(src);
      if (t.find("EOFError") != std::string_view::npos || t.find("StopIteration") != std::string_view::npos ||
          t.find("StopAsyncIteration") != std::string_view::npos || t.find("IncompleteRead") != std::string_view::npos)
        r = kEof;
    } else if (!g.null()) {
      if (auto em = emptiness(g, src)) {
        auto subject = strip(em->subject);
        ts::Node origin = subject;
        std::string key = subject.is("named_expression") ? std::string(subject.field("name").text(src))
                                                         : dotted_name(subject, src);
        if (subject.is("named_expression")) origin = strip(subject.field("value"));
        else if (auto it = facts.assigned.find(key); it != facts.assigned.end()) origin = it->second;
        bool in_loop = subject.is("named_expression") || facts.assigned.count(key) > 0;
        auto lname = lower(key);
        auto has = [](const std::string& t, std::initializer_list<std::string_view> words) {
          for (auto w : words)
            if (t.find(w) != std::string::npos) return true;
          return false;
        };
        bool pageish = has(lname, {"page", "items", "results", "batch", "rows", "records", "entries", "token",
                                   "cursor", "marker", "next"});
        bool token = has(lname, {"token", "cursor", "marker", "next"});
        auto origin_text = lower(origin.null() ? std::string_view{} : origin.text(src));
        bool fetched = has(origin_text, {"page", "fetch", "query", "request"});
        bool page_limit = em->shorter_than && !em->limit.null() &&
                          has(lower(em->limit.text(src)), {"size", "limit", "page", "per_", "batch"});
        if (is_read_call(origin, src) && !em->shorter_than) r = kEof;
        else if (in_loop && (page_limit || (em->none_test ? token : (pageish || fetched)))) r = kPagination;
      }
      if (r == kExitPath && g.is("comparison_operator"))
        for (auto& n : names)
          if (facts.incremented.count(n)) r = kCounter;
    }
    ranked[r].push_back(&e);
  }
  int total = static_cast<int>(facts.exits.size());
  for (int r = 0; r < kRanks; ++r) {
    if (ranked[r].empty()) continue;
    const Exit& e = *ranked[r].front();
    auto quoted = guard_text(e, src);
    switch (r) {
      case kTimeoutArg: return {{"timeout-arg", timeout_detail(*tparam, fn_text, &e, src)}, true};
      case kDeadline: return {{"deadline", "Deadline (`" + quoted + "`)"}, true};
      case kEof: return {{"eof-guard", "EOF guard (`" + quoted + "`)"}, true};
      case kPagination: {
        std::string d = "Breaks when ";
        for (std::size_t i = 0; i < ranked[r].size() && i < 2; ++i) {
          auto g = guard_condition(*ranked[r][i]);
          if (i) d += " or ";
          d += "`" + one_line(g.text(src), 40) + "`";
        }
        return {{"pagination", d + " (server-driven)"}, true};
      }
      case kCounter: return {{"counter", "Counter (`" + quoted + "`)"}, true};
      default: {
        std::string d = (e.guard.null() ? "Exits unconditionally (`" : "Exits via `") + quoted + (e.guard.null() ? "`)" : "`");
        if (total > 1) d += " (+" + std::to_string(total - 1) + " more exit" + (total > 2 ? "s)" : ")");
        return {{"exit-path", d}, true};
      }
    }
  }
  return {{"exit-path", "Exits via `" + guard_text(facts.exits.front(), src) + "`"}, true};
}

}  // namespace boundaudit::loops
