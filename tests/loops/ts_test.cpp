#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "loops/ts.hpp"

using namespace boundaudit;

TEST_CASE("Parser parses Python 3.12 syntax without errors") {
  ts::Parser parser;
  std::string src =
      "type Pair[T] = tuple[T, T]\n"
      "class Box[T]:\n    item: T\n"
      "def first[T](xs: list[T]) -> T:\n    return xs[0]\n"
      "match command:\n    case [x, *rest]:\n        pass\n    case _:\n        pass\n";
  auto tree = parser.parse(src);
  REQUIRE(tree);
  CHECK_FALSE(tree.root().has_error());
  CHECK(tree.root().is("module"));
}

TEST_CASE("handles are move-only and moved-from handles are empty") {
  ts::Parser parser;
  auto tree = parser.parse("x = 1\n");
  ts::Tree moved = std::move(tree);
  CHECK(moved);
  CHECK_FALSE(tree);  // NOLINT(bugprone-use-after-move): checking the moved-from state on purpose
  static_assert(!std::is_copy_constructible_v<ts::Tree>);
  static_assert(!std::is_copy_constructible_v<ts::Parser>);
  static_assert(!std::is_copy_constructible_v<ts::Query>);
  static_assert(!std::is_copy_constructible_v<ts::QueryCursor>);
}

TEST_CASE("site_of converts 0-based points to 1-based lines and byte columns once") {
  ts::Parser parser;
  std::string src = "import os\n\nwhile  True:\n    pass\n";
  auto tree = parser.parse(src);
  ts::Node loop;
  ts::walk(tree.root(), [&](ts::Node n) {
    if (n.is("while_statement")) loop = n;
    return true;
  });
  REQUIRE(loop);
  auto site = ts::site_of("a.py", loop);
  CHECK(site.path == "a.py");
  CHECK(site.line == 3);
  CHECK(site.column == 1);
  CHECK(site.end_line == 4);
  CHECK(site.end_column == 9);
  CHECK(loop.field("condition").text(src) == "True");
}

TEST_CASE("walk visits deep trees without recursion and can skip subtrees") {
  std::string src = "x = " + std::string(10000, '(') + "1" + std::string(10000, ')') + "\n";
  ts::Parser parser;
  auto tree = parser.parse(src);
  REQUIRE(tree);
  int parens = 0, integers = 0;
  ts::walk(tree.root(), [&](ts::Node n) {
    if (n.is("parenthesized_expression")) ++parens;
    if (n.is("integer")) ++integers;
    return true;
  });
  CHECK(parens == 10000);
  CHECK(integers == 1);
  int visited = 0;
  ts::walk(tree.root(), [&](ts::Node n) {
    ++visited;
    return !n.is("expression_statement");
  });
  CHECK(visited < 10);
}

TEST_CASE("queries compile, report errors, and match") {
  std::string error;
  auto bad = ts::Query::compile("(while_statement", &error);
  CHECK_FALSE(bad);
  CHECK_FALSE(error.empty());
  auto q = ts::Query::compile("(while_statement condition: (_) @cond)", &error);
  REQUIRE(q);
  CHECK(q.capture_name(0) == "cond");
  ts::Parser parser;
  std::string src = "while a:\n    pass\nwhile b:\n    pass\n";
  auto tree = parser.parse(src);
  ts::QueryCursor cursor;
  cursor.exec(q, tree.root());
  TSQueryMatch m;
  std::string seen;
  while (cursor.next_match(&m)) seen += std::string(ts::Node(m.captures[0].node).text(src));
  CHECK(seen == "ab");
}

TEST_CASE("for_each_child and named_children are linear and skip comments") {
  ts::Parser parser;
  std::string src = "xs = [1, # one\n 2, 3]\n";
  auto tree = parser.parse(src);
  ts::Node list;
  ts::walk(tree.root(), [&](ts::Node n) {
    if (n.is("list")) list = n;
    return true;
  });
  REQUIRE(list);
  CHECK(ts::named_children(list).size() == 3);
}

TEST_CASE("a null node contains nothing and is contained by nothing") {
  ts::Parser parser;
  auto tree = parser.parse("x = 1\n");
  REQUIRE(tree);
  const ts::Node none;
  CHECK(tree.root().contains(tree.root().named_child(0)));
  CHECK_FALSE(none.contains(tree.root()));
  CHECK_FALSE(tree.root().contains(none));
  CHECK_FALSE(none.contains(none));
}
