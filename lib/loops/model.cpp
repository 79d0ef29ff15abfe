#include "loops/model.hpp"

#include <algorithm>

#include "loops/chunks.hpp"

namespace boundaudit::loops {
namespace {

bool is_comprehension_type(std::string_view t) {
  return t == "list_comprehension" || t == "set_comprehension" || t == "dictionary_comprehension" ||
         t == "generator_expression";
}

bool is_mutating_method(std::string_view m) {
  return m == "append" || m == "extend" || m == "add" || m == "insert" || m == "update" || m == "setdefault" ||
         m == "appendleft" || m == "extendleft" || m == "put_nowait";
}

void read_params(ts::Node params, std::string_view src, std::vector<Param>* out) {
  if (params.null()) return;
  bool keyword_only = false;
  for (auto p : ts::named_children(params)) {
    auto t = p.type();
    Param param;
    param.kind = keyword_only ? Param::Kind::keyword_only : Param::Kind::positional;
    if (t == "keyword_separator") keyword_only = true;
    if (t == "identifier") {
      param.name = std::string(p.text(src));
    } else if (t == "typed_parameter") {
      auto id = p.named_child(0);
      if (id.is("identifier")) param.name = std::string(id.text(src));
      if (id.is("list_splat_pattern") || id.is("dictionary_splat_pattern")) {  // *args: T
        auto inner = id.named_child(0);
        if (inner.is("identifier")) param.name = std::string(inner.text(src));
        param.kind = id.is("list_splat_pattern") ? Param::Kind::varargs : Param::Kind::kwargs;
        keyword_only = true;
      }
      param.annotation = p.field("type");
    } else if (t == "list_splat_pattern" || t == "dictionary_splat_pattern") {
      auto id = p.named_child(0);
      if (id.is("identifier")) param.name = std::string(id.text(src));
      param.kind = t == "list_splat_pattern" ? Param::Kind::varargs : Param::Kind::kwargs;
      keyword_only = true;
    } else if (t == "default_parameter" || t == "typed_default_parameter") {
      param.name = std::string(p.field("name").text(src));
      param.default_value = p.field("value");
      param.annotation = p.field("type");
    }
    if (!param.name.empty()) out->push_back(std::move(param));
  }
}

void read_import(ts::Node node, std::string_view src, Scope* scope) {
  bool from = node.is("import_from_statement");
  std::string module;
  if (from) module = std::string(node.field("module_name").text(src));
  ts::for_each_child(node, [&](ts::Node child, const char* field) {
    if (!field || std::string_view(field) != "name") return true;
    std::string name, alias;
    if (child.is("aliased_import")) {
      name = std::string(child.field("name").text(src));
      alias = std::string(child.field("alias").text(src));
    } else {
      name = std::string(child.text(src));
    }
    if (from) {
      // `from . import x` keeps its dots: "..x" is resolved against the file's package by the index.
      std::string target = module.empty() || module.back() == '.' ? module + name : module + "." + name;
      scope->aliases[alias.empty() ? name : alias] = target;
    } else if (!alias.empty()) {
      scope->aliases[alias] = name;
    } else {
      auto head = name.substr(0, name.find('.'));
      scope->aliases[head] = head;  // `import os.path` binds `os`
    }
    return true;
  });
}

}  // namespace

bool is_comprehension(ts::Node n) { return is_comprehension_type(n.type()); }

ts::Node first_for_in(ts::Node comprehension) {
  ts::Node found;
  ts::for_each_child(comprehension, [&](ts::Node c, const char*) {
    if (c.is("for_in_clause")) found = c;
    return found.null();
  });
  return found;
}

std::string_view last_component(std::string_view dotted) {
  auto dot = dotted.rfind('.');
  return dot == std::string_view::npos ? dotted : dotted.substr(dot + 1);
}

std::string_view Call::last() const { return last_component(dotted); }

ts::Node strip(ts::Node n) {
  while (!n.null() && (n.is("parenthesized_expression") || n.is("await")) && n.named_child_count() > 0)
    n = n.named_child(n.is("parenthesized_expression") ? 0 : n.named_child_count() - 1);
  return n;
}

std::string dotted_name(ts::Node n, std::string_view source) {
  std::vector<std::string_view> parts;
  while (!n.null() && n.is("attribute")) {
    auto attr = n.field("attribute");
    if (attr.null()) return {};
    parts.push_back(attr.text(source));
    n = n.field("object");
  }
  if (n.null() || !n.is("identifier")) return {};
  parts.push_back(n.text(source));
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!out.empty()) out += '.';
    out += *it;
  }
  return out;
}

std::vector<ts::Node> positional_args(ts::Node call) {
  std::vector<ts::Node> out;
  auto args = call.field("arguments");
  if (args.null() || !args.is("argument_list")) return out;
  for (auto a : ts::named_children(args))
    if (!a.is("keyword_argument") && !a.is("dictionary_splat") && !a.is("list_splat")) out.push_back(a);
  return out;
}

ts::Node keyword_arg(ts::Node call, std::string_view name, std::string_view source) {
  auto args = call.field("arguments");
  if (args.null() || !args.is("argument_list")) return {};
  for (auto k : ts::named_children(args))
    if (k.is("keyword_argument") && k.field("name").text(source) == name) return k.field("value");
  return {};
}

std::string FileModel::resolve(int scope, std::string_view dotted) const {
  if (dotted.empty()) return {};
  auto dot = dotted.find('.');
  std::string head(dotted.substr(0, dot));
  for (int s = scope; s >= 0; s = scopes[s].parent) {
    auto it = scopes[s].aliases.find(head);
    if (it != scopes[s].aliases.end())
      return dot == std::string_view::npos ? it->second : it->second + std::string(dotted.substr(dot));
  }
  return std::string(dotted);
}

bool FileModel::is_inside(int scope, int ancestor) const {
  for (int s = scope; s >= 0; s = scopes[s].parent)
    if (s == ancestor) return true;
  return false;
}

int FileModel::function_of(int scope) const {
  for (int s = scope; s >= 0; s = scopes[s].parent) {
    if (scopes[s].kind == Scope::Kind::function) return s;
    if (scopes[s].kind == Scope::Kind::class_) return -1;
  }
  return -1;
}

const std::vector<Binding>& FileModel::bindings_of(int scope, std::string_view name) const {
  static const std::vector<Binding> kNone;
  if (scope < 0 || scope >= static_cast<int>(bindings.size())) return kNone;
  auto it = bindings[scope].find(std::string(name));
  return it == bindings[scope].end() ? kNone : it->second;
}

int FileModel::binding_scope(int scope, std::string_view name) const {
  std::string key(name);
  bool first = true;
  for (int s = scope; s >= 0; s = scopes[s].parent) {
    if (!first && scopes[s].kind == Scope::Kind::class_) continue;  // class bodies are not closures
    first = false;
    for (const auto& g : scopes[s].globals)
      if (g == key) return s == 0 ? 0 : binding_scope(scopes[s].parent, name);
    if (bindings[s].count(key) || scopes[s].aliases.count(key) || defs[s].count(key)) return s;
    for (const auto& p : scopes[s].params)
      if (p.name == key) return s;
  }
  return -1;
}

namespace {
void fill_model(FileModel& m);
}  // namespace

namespace {

// tree-sitter-python's scanner looks ahead over every comment line that follows a newline to decide
// the next line's indentation, so a long run of comment-only lines costs time quadratic in its length
// (5,000 lines: 4 s; 10,000: 16 s). Comments hold nothing the audit reads but `# loopaudit:`
// directives, and blank lines cost the scanner nothing: in a run longer than kLongCommentRun, every
// comment but the first kLongCommentRun directives is parsed as blanks (the directives past those are
// not read; the model says where they start). Byte offsets do not move, and the model reads all text
// from the original source.
constexpr int kLongCommentRun = 64;

std::optional<std::string> without_long_comment_runs(std::string_view text, std::size_t* unread_directive) {
  std::optional<std::string> out;
  std::vector<std::pair<std::size_t, std::size_t>> run;  // [#, end of line) of the current run
  auto flush = [&] {
    if (static_cast<int>(run.size()) > kLongCommentRun) {
      if (!out) out = std::string(text);
      int kept = 0;
      for (auto [b, e] : run) {
        bool directive = text.substr(b, e - b).find("loopaudit:") != std::string_view::npos;
        if (directive && kept++ < kLongCommentRun) continue;
        if (directive && *unread_directive == std::string_view::npos) *unread_directive = b;
        std::fill(out->begin() + b, out->begin() + e, ' ');
      }
    }
    run.clear();
  };
  for (std::size_t pos = 0; pos < text.size();) {
    auto nl = text.find('\n', pos);
    auto end = nl == std::string_view::npos ? text.size() : nl;
    auto first = text.find_first_not_of(" \t\f", pos);
    if (first < end && text[first] == '#') {
      auto cut = end > first && text[end - 1] == '\r' ? end - 1 : end;
      run.emplace_back(first, cut);
    } else if (first < end) {
      flush();
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  flush();
  return out;
}

ts::Tree parse_text(ts::Parser& parser, std::string_view text, std::size_t* unread_directive) {
  *unread_directive = std::string_view::npos;
  if (auto lighter = without_long_comment_runs(text, unread_directive)) return parser.parse(*lighter);
  return parser.parse(text);
}

}  // namespace

FileModel build_model_in(const Source& src, ts::Parser& parser, const std::vector<TSRange>& ranges) {
  FileModel m;
  m.source = &src;
  ts_parser_set_included_ranges(parser.get(), ranges.data(), static_cast<uint32_t>(ranges.size()));
  m.tree = parse_text(parser, src.text, &m.unread_directive);
  ts_parser_set_included_ranges(parser.get(), nullptr, 0);
  m.partial = true;
  if (m.tree) fill_model(m);
  return m;
}

bool ranges_have_error(const Source& src, ts::Parser& parser, const std::vector<TSRange>& ranges) {
  ts_parser_set_included_ranges(parser.get(), ranges.data(), static_cast<uint32_t>(ranges.size()));
  std::size_t unread = std::string_view::npos;
  auto tree = parse_text(parser, src.text, &unread);
  ts_parser_set_included_ranges(parser.get(), nullptr, 0);
  return !tree || tree.root().has_error();
}

FileModel build_model(const Source& src_ref, ts::Parser& parser, bool partial) {
  FileModel m;
  m.source = &src_ref;
  std::string_view src = src_ref.text;
  if (partial) {
    auto ranges = ranges_to_parse(src);
    if (!ranges.empty()) {
      ts_parser_set_included_ranges(parser.get(), ranges.data(), static_cast<uint32_t>(ranges.size()));
      m.tree = parse_text(parser, src, &m.unread_directive);
      ts_parser_set_included_ranges(parser.get(), nullptr, 0);
      // A cut in the wrong place shows up as a syntax error: then parse the whole file.
      if (m.tree && m.tree.root().has_error()) m.tree = ts::Tree();
      m.partial = static_cast<bool>(m.tree);
    }
  }
  if (!m.tree) m.tree = parse_text(parser, src, &m.unread_directive);
  if (m.tree) fill_model(m);
  return m;
}

namespace {

// A string literal whose prefix is more than r/b/u (f"...", and any later prefix that interpolates):
// its braces may hold calls. A plain string holds no code, so the walk does not enter it.
bool may_interpolate(std::string_view literal) {
  for (char c : literal) {
    if (c == '"' || c == '\'') return false;
    if (c != 'r' && c != 'R' && c != 'b' && c != 'B' && c != 'u' && c != 'U') return true;
  }
  return true;
}

void fill_model(FileModel& m) {
  std::string_view src = m.source->text;
  auto root = m.tree.root();
  m.scopes.push_back(Scope{Scope::Kind::module, "<module>", "<module>", root, -1, false, {}, {}, {}});
  m.bindings.emplace_back();
  m.defs.emplace_back();

  std::vector<int> scope_stack{0};
  std::vector<int> loop_stack;
  auto innermost_loop = [&](uint32_t at) {
    int cur = scope_stack.back();
    int li = loop_stack.empty() ? -1 : loop_stack.back();
    while (li >= 0 && m.loops[li].scope == cur && at >= m.loops[li].header_begin && at < m.loops[li].header_end)
      li = m.loops[li].parent;
    if (li >= 0 && m.loops[li].scope != cur) li = -1;
    return li;
  };
  auto bind = [&](int scope, ts::Node target, Binding b, bool unpack_ok) {
    auto add = [&](ts::Node t, Binding::How how) {
      auto name = dotted_name(t, src);
      if (name.empty()) return;
      Binding copy = b;
      copy.how = how;
      m.bindings[scope][name].push_back(copy);
    };
    if (target.is("pattern_list") || target.is("tuple_pattern") || target.is("list_pattern")) {
      for (auto t : ts::named_children(target)) {
        if (t.is("list_splat_pattern")) t = t.named_child(0);
        add(t, unpack_ok ? Binding::How::unpacked : b.how);
      }
    } else {
      add(target, b.how);
    }
  };

  ts::walk(root, [&](ts::Node n) {
    uint32_t start = n.start_byte();
    while (scope_stack.size() > 1 && start >= m.scopes[scope_stack.back()].node.end_byte()) scope_stack.pop_back();
    while (!loop_stack.empty() && start >= m.loops[loop_stack.back()].node.end_byte()) loop_stack.pop_back();
    if (!n.named()) return false;
    auto t = n.type();
    int cur = scope_stack.back();

    if (t == "comment") {
      if (n.text(src).find("loopaudit:") != std::string_view::npos) m.directive_comments.push_back(n);
      return false;
    }
    if (t == "string") return may_interpolate(n.text(src));  // only f-strings (and the like) hold code
    if (t == "function_definition" || t == "class_definition") {
      Scope s;
      s.kind = t == "class_definition" ? Scope::Kind::class_ : Scope::Kind::function;
      s.name = std::string(n.field("name").text(src));
      s.qualname = cur == 0 ? s.name : m.scopes[cur].qualname + "." + s.name;
      s.node = n;
      s.parent = cur;
      s.is_async = n.child_count() > 0 && n.child(0).is("async");
      if (s.kind == Scope::Kind::function) read_params(n.field("parameters"), src, &s.params);
      m.defs[cur][s.name] = static_cast<int>(m.scopes.size());
      m.scopes.push_back(std::move(s));
      m.bindings.emplace_back();
      m.defs.emplace_back();
      scope_stack.push_back(static_cast<int>(m.scopes.size()) - 1);
    } else if (t == "for_statement" || t == "while_statement" || is_comprehension_type(t)) {
      Loop l;
      l.node = n;
      l.scope = cur;
      l.parent = loop_stack.empty() ? -1 : loop_stack.back();
      if (t == "for_statement") {
        l.iterable = n.field("right");
        auto body = n.field("body");
        l.header_begin = start;
        l.header_end = body.null() ? n.end_byte() : body.start_byte();
        bind(cur, n.field("left"), Binding{Binding::How::for_target, n, strip(l.iterable), innermost_loop(start)}, false);
      } else if (t == "while_statement") {
        m.whiles.push_back(While{n, cur, innermost_loop(start)});
      } else {
        if (auto clause = first_for_in(n); !clause.null()) l.iterable = clause.field("right");
        if (!l.iterable.null()) {
          l.header_begin = l.iterable.start_byte();
          l.header_end = l.iterable.end_byte();
        }
      }
      m.loops.push_back(l);
      loop_stack.push_back(static_cast<int>(m.loops.size()) - 1);
    } else if (t == "call") {
      Call c;
      c.node = n;
      c.scope = cur;
      c.loop = innermost_loop(start);
      auto fn = n.field("function");
      c.dotted = dotted_name(fn, src);
      if (fn.is("attribute") && is_mutating_method(c.last())) {
        auto target = dotted_name(fn.field("object"), src);
        auto args = positional_args(n);
        if (!target.empty())
          m.mutations.push_back(Mutation{target, n, args.empty() ? ts::Node{} : strip(args.back()),
                                         std::string(c.last()), cur, c.loop});
      }
      m.calls.push_back(std::move(c));
    } else if (t == "import_statement" || t == "import_from_statement") {
      read_import(n, src, &m.scopes[cur]);
      return false;
    } else if (t == "global_statement" || t == "nonlocal_statement") {
      for (auto id : ts::named_children(n))
        if (id.is("identifier")) m.scopes[cur].globals.emplace_back(id.text(src));
      return false;
    } else if (t == "with_item") {
      auto value = n.field("value");
      m.with_values.emplace_back(cur, strip(value.is("as_pattern") ? value.named_child(0) : value));
      if (value.is("as_pattern")) {
        auto target = value.field("alias");
        if (target.is("as_pattern_target")) target = target.named_child(0);
        if (!target.null())
          bind(cur, target, Binding{Binding::How::with_as, n, strip(value.named_child(0)), innermost_loop(start)}, false);
      }
    } else if (t == "assignment") {
      auto left = n.field("left");
      auto right = strip(n.field("right"));
      if (!right.null()) {
        if (left.is("subscript")) {
          auto target = dotted_name(left.field("value"), src);
          if (!target.empty()) m.mutations.push_back(Mutation{target, n, right, "[]=", cur, innermost_loop(start)});
        } else {
          bind(cur, left, Binding{Binding::How::assign, n, right, innermost_loop(start)}, true);
        }
      }
    } else if (t == "augmented_assignment") {
      auto left = n.field("left");
      auto target = dotted_name(left, src);
      if (!target.empty()) {
        Binding b{Binding::How::augmented, n, strip(n.field("right")), innermost_loop(start)};
        m.bindings[cur][target].push_back(b);
        m.mutations.push_back(Mutation{target, n, b.value, std::string(n.field("operator").text(src)), cur, b.loop});
      }
    } else if (t == "named_expression") {
      bind(cur, n.field("name"), Binding{Binding::How::walrus, n, strip(n.field("value")), innermost_loop(start)}, false);
    } else if (t == "delete_statement") {
      for (auto target : ts::named_children(n)) {
        if (target.is("expression_list")) continue;
        if (target.is("subscript")) {
          auto name = dotted_name(target.field("value"), src);
          if (!name.empty()) m.mutations.push_back(Mutation{name, n, {}, "del", cur, innermost_loop(start)});
        }
      }
    }
    return true;
  });

  for (auto& c : m.calls) c.resolved = m.resolve(c.scope, c.dotted);

  if (root.has_error()) {
    ts::Node n = root;
    for (bool descended = true; descended && !m.first_error;) {
      descended = false;
      ts::Node next;
      ts::for_each_child(n, [&](ts::Node c, const char*) {
        if (ts_node_is_error(c.raw()) || ts_node_is_missing(c.raw())) {
          m.first_error = c;
          return false;
        }
        if (c.has_error()) {
          next = c;
          return false;
        }
        return true;
      });
      if (!next.null()) {
        n = next;
        descended = true;
      }
    }
    if (!m.first_error) m.first_error = n;
  }
}

}  // namespace

}  // namespace boundaudit::loops
