// Thin C++ owners for tree-sitter handles. Parser, Tree, Query and QueryCursor are move-only and free
// their handle exactly once; Node is a borrowed view that is valid while its Tree lives.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tree_sitter/api.h>

#include "core/diagnostic.hpp"

extern "C" const TSLanguage* tree_sitter_python();

namespace boundaudit::ts {

// Owns one handle of type T, released with Free. Move-only.
template <typename T, void (*Free)(T*)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(T* raw) : raw_(raw) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : raw_(std::exchange(o.raw_, nullptr)) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      raw_ = std::exchange(o.raw_, nullptr);
    }
    return *this;
  }
  ~Handle() { reset(); }
  void reset() {
    if (raw_) Free(raw_);
    raw_ = nullptr;
  }
  T* get() const { return raw_; }
  explicit operator bool() const { return raw_ != nullptr; }

 private:
  T* raw_ = nullptr;
};

// A borrowed view of a syntax node. Default-constructed nodes are null.
class Node {
 public:
  Node() : node_{} {}
  explicit Node(TSNode n) : node_(n) {}

  bool null() const { return ts_node_is_null(node_); }
  explicit operator bool() const { return !null(); }
  TSNode raw() const { return node_; }

  std::string_view type() const { return null() ? std::string_view{} : symbol_name(ts_node_symbol(node_)); }
  TSSymbol symbol() const { return ts_node_symbol(node_); }
  bool is(std::string_view t) const { return type() == t; }
  bool named() const { return ts_node_is_named(node_); }
  bool has_error() const { return ts_node_has_error(node_); }

  Node parent() const { return Node(ts_node_parent(node_)); }
  Node field(std::string_view name) const { return Node(ts_node_child_by_field_id(node_, field_id(name))); }
  // The Python grammar's id of a field name (a table built once; tree-sitter's own lookup
  // compares against every field name on each call).
  static TSFieldId field_id(std::string_view name);
  // The Python grammar's name of a symbol, from a table built once (ts_node_type gives a C string
  // whose length every comparison would measure again).
  static std::string_view symbol_name(TSSymbol symbol);
  uint32_t child_count() const { return ts_node_child_count(node_); }
  Node child(uint32_t i) const { return Node(ts_node_child(node_, i)); }
  uint32_t named_child_count() const { return ts_node_named_child_count(node_); }
  Node named_child(uint32_t i) const { return Node(ts_node_named_child(node_, i)); }
  Node next_named_sibling() const { return Node(ts_node_next_named_sibling(node_)); }

  uint32_t start_byte() const { return ts_node_start_byte(node_); }
  uint32_t end_byte() const { return ts_node_end_byte(node_); }
  TSPoint start_point() const { return ts_node_start_point(node_); }
  TSPoint end_point() const { return ts_node_end_point(node_); }

  // The source text this node spans.
  std::string_view text(std::string_view source) const {
    if (null()) return {};
    return source.substr(start_byte(), end_byte() - start_byte());
  }

  bool operator==(const Node& o) const { return ts_node_eq(node_, o.node_); }
  // A null node contains nothing and is in nothing (error recovery leaves fields empty).
  bool contains(const Node& o) const {
    return !null() && !o.null() && start_byte() <= o.start_byte() && o.end_byte() <= end_byte();
  }

 private:
  TSNode node_;
};

// The one conversion of tree-sitter's 0-based (row, byte column) points to a 1-based Site.
// Columns are byte columns + 1.
Site site_of(const std::string& path, Node node);

class Tree {
 public:
  Tree() = default;
  explicit Tree(TSTree* raw) : h_(raw) {}
  explicit operator bool() const { return static_cast<bool>(h_); }
  Node root() const { return Node(ts_tree_root_node(h_.get())); }
  TSTree* get() const { return h_.get(); }

 private:
  Handle<TSTree, ts_tree_delete> h_;
};

class Parser {
 public:
  // A parser for Python; never null (tree-sitter only fails here on ABI mismatch, an invariant).
  Parser();
  // Parses text; the returned Tree is empty only when tree-sitter gives up (cancelled).
  Tree parse(std::string_view text);
  TSParser* get() const { return h_.get(); }

 private:
  Handle<TSParser, ts_parser_delete> h_;
};

class Query {
 public:
  // Compiles a query for Python; *error gets a message with the byte offset on failure.
  static Query compile(std::string_view source, std::string* error);
  explicit operator bool() const { return static_cast<bool>(h_); }
  TSQuery* get() const { return h_.get(); }
  std::string_view capture_name(uint32_t index) const;

 private:
  Handle<TSQuery, ts_query_delete> h_;
};

class QueryCursor {
 public:
  QueryCursor() : h_(ts_query_cursor_new()) {}
  void exec(const Query& q, Node node) { ts_query_cursor_exec(h_.get(), q.get(), node.raw()); }
  bool next_match(TSQueryMatch* m) { return ts_query_cursor_next_match(h_.get(), m); }
  TSQueryCursor* get() const { return h_.get(); }

 private:
  Handle<TSQueryCursor, ts_query_cursor_delete> h_;
};

// An owning TSTreeCursor for iterative walks (deep trees must never recurse on the C++ stack).
class Cursor {
 public:
  explicit Cursor(Node n) : c_(ts_tree_cursor_new(n.raw())) {}
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  ~Cursor() { ts_tree_cursor_delete(&c_); }
  Node node() const { return Node(ts_tree_cursor_current_node(&c_)); }
  bool first_child() { return ts_tree_cursor_goto_first_child(&c_); }
  bool next_sibling() { return ts_tree_cursor_goto_next_sibling(&c_); }
  bool parent() { return ts_tree_cursor_goto_parent(&c_); }
  TSFieldId field_id() const { return ts_tree_cursor_current_field_id(&c_); }

 private:
  TSTreeCursor c_;
};

// Calls f(child, field_name_or_null) for each child of n in order until f returns false. Linear in the
// number of children (ts_node_child(i) is not: it walks from the first child every time).
template <typename F>
void for_each_child(Node n, F&& f) {
  if (n.null()) return;
  TSTreeCursor c = ts_tree_cursor_new(n.raw());
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      if (!f(Node(ts_tree_cursor_current_node(&c)), ts_tree_cursor_current_field_name(&c))) break;
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
}

// The named children of n, comments left out.
std::vector<Node> named_children(Node n);

// Calls visit(node) for every node under root (root included) in document order, without recursion.
// visit returns false to skip a node's children.
template <typename Visit>
void walk(Node root, Visit&& visit) {
  if (root.null()) return;
  Cursor c(root);
  bool descend = visit(c.node());
  for (;;) {
    if (descend && c.first_child()) {
      descend = visit(c.node());
      continue;
    }
    for (;;) {
      if (c.node() == root) return;
      if (c.next_sibling()) break;
      if (!c.parent()) return;
    }
    descend = visit(c.node());
  }
}

}  // namespace boundaudit::ts
