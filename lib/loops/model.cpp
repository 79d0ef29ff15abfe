#include "loops/model.hpp"

#include "loops/chunks.hpp"

#include <algorithm>
#include <array>

namespace boundaudit::loops {
namespace {

bool is_comprehension(std::string_view t) {
  return t == "list_comprehension" || t == "set_comprehension" || t == "dictionary_comprehension" ||
         t == "generator_expression";
}

bool is_collection_literal(std::string_view t) {
  return t == "list" || t == "tuple" || t == "set" || t == "dictionary";
}

int count_elements(ts::Node literal) {
  return static_cast<int>(ts::named_children(literal).size());
}

std::string_view last_component(std::string_view dotted) {
  auto dot = dotted.rfind('.');
  return dot == std::string_view::npos ? dotted : dotted.substr(dot + 1);
}

bool is_limiter_class(std::string_view name) {
  return name == "Semaphore" || name == "BoundedSemaphore" || name == "CapacityLimiter";
}

// A Semaphore/limiter expression: a constructor call or a name that says it is one.
bool is_limiter_expr(ts::Node value, std::string_view src) {
  value = strip(value);
  if (value.is("call")) return is_limiter_class(last_component(dotted_name(value.field("function"), src)));
  auto name = dotted_name(value, src);
  if (name.empty()) return false;
  std::string last(last_component(name));
  std::transform(last.begin(), last.end(), last.begin(), [](unsigned char c) { return std::tolower(c); });
  return last.find("sem") != std::string::npos || last.find("limit") != std::string::npos;
}

void read_params(ts::Node params, std::string_view src, std::vector<Param>* out) {
  if (params.null()) return;
  for (auto p : ts::named_children(params)) {
    auto t = p.type();
    Param param;
    if (t == "identifier") {
      param.name = std::string(p.text(src));
    } else if (t == "typed_parameter") {
      auto id = p.named_child(0);
      if (id.is("identifier")) param.name = std::string(id.text(src));
    } else if (t == "default_parameter" || t == "typed_default_parameter") {
      param.name = std::string(p.field("name").text(src));
      param.default_text = std::string(p.field("value").text(src));
      param.has_default = true;
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
      scope->aliases[alias.empty() ? name : alias] = module + "." + name;
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

FileModel build_model(const Source& src_ref, ts::Parser& parser, bool partial) {
  FileModel m;
  m.source = &src_ref;
  std::string_view src = src_ref.text;
  if (partial) {
    auto ranges = ranges_to_parse(src);
    if (!ranges.empty()) {
      ts_parser_set_included_ranges(parser.get(), ranges.data(), static_cast<uint32_t>(ranges.size()));
      m.tree = parser.parse(src);
      ts_parser_set_included_ranges(parser.get(), nullptr, 0);
      // A cut in the wrong place shows up as a syntax error: then parse the whole file.
      if (m.tree && m.tree.root().has_error()) m.tree = ts::Tree();
    }
  }
  if (!m.tree) m.tree = parser.parse(src);
  if (!m.tree) return m;
  auto root = m.tree.root();
  m.scopes.push_back(Scope{Scope::Kind::module, "<module>", "<module>", root, -1, false, {}, {}, {}});

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

  ts::walk(root, [&](ts::Node n) {
    uint32_t start = n.start_byte();
    while (scope_stack.size() > 1 && start >= m.scopes[scope_stack.back()].node.end_byte()) scope_stack.pop_back();
    while (!loop_stack.empty() && start >= m.loops[loop_stack.back()].node.end_byte()) loop_stack.pop_back();
    if (!n.named()) return false;
    auto t = n.type();
    int cur = scope_stack.back();

    if (t == "function_definition" || t == "class_definition") {
      Scope s;
      s.kind = t == "class_definition" ? Scope::Kind::class_ : Scope::Kind::function;
      s.name = std::string(n.field("name").text(src));
      s.qualname = cur == 0 ? s.name : m.scopes[cur].qualname + "." + s.name;
      s.node = n;
      s.parent = cur;
      s.is_async = n.child_count() > 0 && n.child(0).is("async");
      if (s.kind == Scope::Kind::function) read_params(n.field("parameters"), src, &s.params);
      m.scopes.push_back(std::move(s));
      int idx = static_cast<int>(m.scopes.size()) - 1;
      if (t == "function_definition") m.functions[m.scopes[idx].name].push_back(idx);
      scope_stack.push_back(idx);
    } else if (t == "for_statement" || t == "while_statement" || is_comprehension(t)) {
      Loop l;
      l.node = n;
      l.scope = cur;
      l.parent = loop_stack.empty() ? -1 : loop_stack.back();
      if (t == "for_statement") {
        l.iterable = n.field("right");
        auto body = n.field("body");
        l.header_begin = start;
        l.header_end = body.null() ? n.end_byte() : body.start_byte();
      } else if (t == "while_statement") {
        m.whiles.push_back(While{n, cur, innermost_loop(start)});
      } else {
        ts::for_each_child(n, [&](ts::Node c, const char*) {
          if (c.is("for_in_clause")) l.iterable = c.field("right");
          return l.iterable.null();
        });
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
      c.dotted = dotted_name(n.field("function"), src);
      if (c.last() == "acquire") {
        auto fn = n.field("function");
        if (fn.is("attribute") && is_limiter_expr(fn.field("object"), src) && m.scopes[cur].limiter.empty())
          m.scopes[cur].limiter = std::string(fn.field("object").text(src));
      }
      m.calls.push_back(std::move(c));
    } else if (t == "import_statement" || t == "import_from_statement") {
      read_import(n, src, &m.scopes[cur]);
      return false;
    } else if (t == "with_item") {
      auto value = n.field("value");
      if (value.is("as_pattern")) value = value.named_child(0);
      if (!value.null() && is_limiter_expr(value, src) && m.scopes[cur].limiter.empty())
        m.scopes[cur].limiter = std::string(strip(value).text(src));
    } else if (t == "assignment") {
      auto left = n.field("left");
      auto right = strip(n.field("right"));
      if (cur == 0 && left.is("identifier") && !right.null()) {
        ts::Node lit = right;
        if (right.is("call")) {  // frozenset({...}), tuple([...])
          auto fname = dotted_name(right.field("function"), src);
          auto args = right.field("arguments");
          if ((fname == "frozenset" || fname == "tuple" || fname == "set" || fname == "list") && !args.null() &&
              args.named_child_count() == 1)
            lit = args.named_child(0);
        }
        if (is_collection_literal(lit.type()))
          m.constants[std::string(left.text(src))] = ConstantCollection{lit, count_elements(lit)};
      }
      if (right.is("call") && is_limiter_class(last_component(dotted_name(right.field("function"), src)))) {
        auto name = dotted_name(left, src);
        if (!name.empty()) m.limiter_defs[std::string(last_component(name))] = std::string(right.text(src));
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
  return m;
}

}  // namespace boundaudit::loops
