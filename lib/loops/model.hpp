// The per-file model loopaudit's later stages read: syntax facts only. Scopes with qualified names,
// parameters and imports; every binding of a name (assignment, for target, with ... as, walrus,
// import, def) with its right-hand side; in-place mutations of collections; loops, while statements
// and calls with their resolved dotted names and the loop that encloses them; `loopaudit:` comment
// nodes. No guesses from names: what a name *is* is decided later, from what it is bound to.
// Built once from the syntax tree by an iterative walk (no recursion on node depth).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.hpp"
#include "loops/ts.hpp"

namespace boundaudit::loops {

struct Param {
  enum class Kind { positional, varargs, keyword_only, kwargs };
  std::string name;
  ts::Node default_value;  // null when there is none
  ts::Node annotation;     // null when there is none
  Kind kind = Kind::positional;  // positional: also by keyword; its index counts only positional ones
};

struct Scope {
  enum class Kind { module, class_, function };
  Kind kind = Kind::module;
  std::string name;      // simple name; "<module>" for the module
  std::string qualname;  // Class.method.inner, or <module>
  ts::Node node;         // module, class_definition or function_definition
  int parent = -1;       // enclosing scope
  bool is_async = false;
  std::vector<Param> params;
  std::unordered_map<std::string, std::string> aliases;  // local name -> dotted import target
  std::vector<std::string> globals;                      // names declared global/nonlocal here
};

// A loop or comprehension: calls inside `node` but outside [header_begin, header_end) run per item.
struct Loop {
  ts::Node node;       // for_statement, while_statement, or a comprehension
  int scope = 0;
  int parent = -1;     // enclosing loop in the same scope, or -1
  uint32_t header_begin = 0, header_end = 0;
  ts::Node iterable;   // for / first for_in_clause: what is iterated; null for while
};

struct Call {
  ts::Node node;         // the call
  int scope = 0;
  int loop = -1;         // innermost enclosing loop in the same scope, or -1
  std::string dotted;    // function expression as written when it is a dotted name ("aio.gather"), else ""
  std::string resolved;  // after import resolution ("asyncio.gather"); equals dotted when nothing applies
  std::string_view last() const;  // last component of dotted ("gather")
};

struct While {
  ts::Node node;
  int scope = 0;
  int loop = -1;  // enclosing loop in the same scope, or -1
};

// One binding of a (dotted) name in a scope: `x = v`, `self.x = v`, `for x in v`, `with v as x`,
// `(x := v)`, `x += v`, `a, b = v` (value: the whole right side, unpacked = true).
struct Binding {
  enum class How { assign, augmented, for_target, with_as, walrus, unpacked, deleted };
  How how = How::assign;
  ts::Node node;   // the statement or expression that binds
  ts::Node value;  // the right-hand side (strip()ped), or the iterable / context manager
  int loop = -1;   // innermost loop in the same scope around the binding
};

// `x.append(v)`, `x.extend(v)`, `x[k] = v`, `x += v` (on a collection) ...: x changes in place.
struct Mutation {
  std::string target;  // dotted name as written ("tasks", "self.jobs", "REGISTRY")
  ts::Node node;       // the call, assignment or augmented assignment
  ts::Node value;      // the element or collection added (null for removals)
  std::string method;  // append, extend, add, insert, update, setdefault, appendleft, "[]=", "+="
  int scope = 0;
  int loop = -1;
};

struct FileModel {
  const Source* source = nullptr;
  ts::Tree tree;
  std::vector<Scope> scopes;  // scopes[0] is the module
  std::vector<Loop> loops;
  std::vector<Call> calls;    // in document order
  std::vector<While> whiles;  // in document order
  // Bindings per scope: scope -> dotted name -> bindings in document order (nested scopes excluded).
  std::vector<std::unordered_map<std::string, std::vector<Binding>>> bindings;
  std::vector<Mutation> mutations;
  // Functions and classes defined directly in each scope: scope -> name -> the child scope.
  std::vector<std::unordered_map<std::string, int>> defs;
  std::vector<std::pair<int, ts::Node>> with_values;  // (scope, value) of every with item, `as` or not
  std::vector<ts::Node> directive_comments;  // comment nodes that contain "loopaudit:"
  // Byte offset of the first `# loopaudit:` comment not read: past the 64th in one run of more than
  // 64 consecutive comment lines (see parse_text in model.cpp); npos when every one was read.
  std::size_t unread_directive = std::string_view::npos;
  std::optional<ts::Node> first_error;  // first ERROR or MISSING node, when the file has syntax errors
  bool partial = false;                 // only some top-level statements were parsed

  std::string_view text(ts::Node n) const { return n.text(source->text); }
  Site site(ts::Node n) const { return ts::site_of(source->path, n); }
  int line(ts::Node n) const { return static_cast<int>(n.start_point().row) + 1; }
  // Resolves a dotted name as seen from scope: the first component is looked up in the scope chain's
  // imports ("aio.gather" -> "asyncio.gather", "sh" -> "subprocess.run"); unknown names stay as written.
  std::string resolve(int scope, std::string_view dotted) const;
  // True when scope is ancestor or nested in it.
  bool is_inside(int scope, int ancestor) const;
  // The innermost function scope (not class) enclosing scope, or -1 at module or class level.
  int function_of(int scope) const;
  // Bindings of name in scope (nested scopes excluded); empty when none.
  const std::vector<Binding>& bindings_of(int scope, std::string_view name) const;
  // The scope where a bare name used in `scope` is bound: scope itself, an enclosing function
  // (closure), or the module; class bodies are skipped as Python does. -1 when bound nowhere here.
  int binding_scope(int scope, std::string_view name) const;
};

// Builds the model of one source with the given parser. The model keeps a pointer to src.
// partial: parse only the top-level statements that can matter (see chunks.hpp); the model then
// holds the sites of those statements only. Falls back to the whole file when cutting fails.
FileModel build_model(const Source& src, ts::Parser& parser, bool partial = false);

// Builds the model of only the given ranges of src (summary_ranges: no site can be there).
FileModel build_model_in(const Source& src, ts::Parser& parser, const std::vector<TSRange>& ranges);
// Whether parsing only ranges (as build_model's cut does) gives a syntax error.
bool ranges_have_error(const Source& src, ts::Parser& parser, const std::vector<TSRange>& ranges);

// Dotted text of an identifier/attribute chain ("self.pool.submit"); empty for anything else.
std::string dotted_name(ts::Node n, std::string_view source);

// A list / set / dict comprehension or a generator expression.
bool is_comprehension(ts::Node n);
// The first `for ... in ...` clause of a comprehension, or null.
ts::Node first_for_in(ts::Node comprehension);

// Strips parentheses and `await` around an expression.
ts::Node strip(ts::Node n);

// The last component of a dotted name ("gather" of "asyncio.gather").
std::string_view last_component(std::string_view dotted);

// Positional arguments of a call (no keywords, no splats, no comments).
std::vector<ts::Node> positional_args(ts::Node call);
// The value of keyword argument `name` of a call, or null.
ts::Node keyword_arg(ts::Node call, std::string_view name, std::string_view source);

}  // namespace boundaudit::loops
