// The per-file model loopaudit's rules read: scopes with qualified names, imports and aliases
// (module-level and function-local), module-level constant collections, while statements and calls
// with their resolved dotted names and the loop that encloses them. Built once from the syntax tree
// by an iterative walk (no recursion on node depth).
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
  std::string name;
  std::string default_text;  // source text of the default value; empty when there is none
  bool has_default = false;
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
  std::unordered_map<std::string, std::string> aliases;  // local name -> dotted target ("aio" -> "asyncio")
  std::string limiter;   // text of a Semaphore/limiter acquired directly in this scope, if any
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
  std::string resolved;  // after alias resolution ("asyncio.gather"); equals dotted when nothing applies
  std::string_view last() const;  // last component of dotted ("gather")
};

struct While {
  ts::Node node;
  int scope = 0;
  int loop = -1;  // enclosing loop in the same scope, or -1
};

struct ConstantCollection {
  ts::Node value;  // the literal (list, tuple, set, dictionary)
  int count = 0;
};

struct FileModel {
  const Source* source = nullptr;
  ts::Tree tree;
  std::vector<Scope> scopes;  // scopes[0] is the module
  std::vector<Loop> loops;
  std::vector<Call> calls;    // in document order
  std::vector<While> whiles;  // in document order
  std::unordered_map<std::string, ConstantCollection> constants;  // module-level literal collections
  std::unordered_map<std::string, std::vector<int>> functions;    // simple name -> function scopes
  std::unordered_map<std::string, std::string> limiter_defs;      // "sem" -> "asyncio.Semaphore(10)"
  std::optional<ts::Node> first_error;  // first ERROR or MISSING node, when the file has syntax errors

  std::string_view text(ts::Node n) const { return n.text(source->text); }
  Site site(ts::Node n) const { return ts::site_of(source->path, n); }
  // Resolves a dotted name as seen from scope: the first component is looked up in the scope chain's
  // imports ("aio.gather" -> "asyncio.gather", "sh" -> "subprocess.run"); unknown names stay as written.
  std::string resolve(int scope, std::string_view dotted) const;
  // True when scope is ancestor or nested in it.
  bool is_inside(int scope, int ancestor) const;
};

// Builds the model of one source with the given parser. The model keeps a pointer to src.
// partial: parse only the top-level statements that can matter (see chunks.hpp); the model then
// holds the sites of those statements only. Falls back to the whole file when cutting fails.
FileModel build_model(const Source& src, ts::Parser& parser, bool partial = false);

// Dotted text of an identifier/attribute chain ("self.pool.submit"); empty for anything else.
std::string dotted_name(ts::Node n, std::string_view source);

// Strips parentheses and `await` around an expression.
ts::Node strip(ts::Node n);

}  // namespace boundaudit::loops
