#include <doctest/doctest.h>

#include <chrono>

#include "compose/yaml_tree.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;

namespace {
YamlFile parse(const std::string& text) { return parse_yaml(Source{"f.yaml", text}); }

std::string keys(const YamlNode* map) {
  std::string out;
  for (const auto& e : map->entries) out += (out.empty() ? "" : ",") + e.key->text + "=" + e.value->text;
  return out;
}
}  // namespace

TEST_CASE("sites are 1-based for keys and values") {
  YamlFile f = parse("a: 1\nb:\n  c: x\n");
  REQUIRE(f.errors.empty());
  REQUIRE(f.documents.size() == 1);
  const YamlNode* root = f.documents[0];
  const YamlNode::Entry* b = root->find("b");
  REQUIRE(b);
  CHECK(b->key->line == 2);
  CHECK(b->key->column == 1);
  const YamlNode::Entry* c = b->value->find("c");
  REQUIRE(c);
  CHECK(c->value->line == 3);
  CHECK(c->value->column == 6);
  CHECK(c->value->site(f.path) == boundaudit::Site{"f.yaml", 3, 6, 3, 6});
}

TEST_CASE("scalars remember quoting, tags and null") {
  YamlFile f = parse("a: \"1g\"\nb: 1g\nc: !!str 5\nd:\ne: null\nf: !reset\ng: !override {x: 1}\n");
  REQUIRE(f.errors.empty());
  const YamlNode* r = f.documents[0];
  CHECK(r->get("a")->quoted);
  CHECK_FALSE(r->get("b")->quoted);
  CHECK(r->get("c")->tag == "tag:yaml.org,2002:str");
  CHECK(r->get("d")->is_null());
  CHECK(r->get("e")->is_null());
  CHECK(r->get("f")->has_tag("!reset"));
  CHECK(r->get("g")->has_tag("!override"));
  CHECK(r->get("g")->is_mapping());
}

TEST_CASE("merge key: single alias, local keys win") {
  YamlFile f = parse("base: &b {x: 1, y: 2}\nsvc:\n  <<: *b\n  y: 3\n");
  REQUIRE(f.errors.empty());
  const YamlNode* svc = f.documents[0]->get("svc");
  CHECK(keys(svc) == "y=3,x=1");
  CHECK(svc->get("x")->line == 1);  // the merged value keeps where it was written
}

TEST_CASE("merge key: list of aliases, earlier source wins") {
  YamlFile f = parse("a: &a {x: a, y: a}\nb: &b {x: b, z: b}\nsvc:\n  <<: [*a, *b]\n  w: local\n");
  REQUIRE(f.errors.empty());
  CHECK(keys(f.documents[0]->get("svc")) == "w=local,x=a,y=a,z=b");
}

TEST_CASE("merge key is shallow: a local mapping replaces the merged one whole") {
  YamlFile f = parse(
      "x-base: &base\n  deploy:\n    resources: {limits: {memory: 1g}}\n    replicas: 2\n"
      "svc:\n  <<: *base\n  deploy:\n    replicas: 3\n");
  REQUIRE(f.errors.empty());
  const YamlNode* deploy = f.documents[0]->get("svc")->get("deploy");
  REQUIRE(deploy);
  CHECK(deploy->get("resources") == nullptr);
  CHECK(deploy->get("replicas")->text == "3");
}

TEST_CASE("merge key with an inline mapping, and chained merges") {
  YamlFile f = parse("a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\nd: {<<: {q: 9}}\n");
  REQUIRE(f.errors.empty());
  CHECK(keys(f.documents[0]->get("c")) == "z=3,y=2,x=1");
  CHECK(keys(f.documents[0]->get("d")) == "q=9");
}

TEST_CASE("merge key errors: a scalar source") {
  YamlFile f = parse("a: &a 5\nsvc:\n  <<: *a\n  k: v\n");
  REQUIRE(f.errors.size() == 1);
  CHECK(f.errors[0].line == 1);  // the aliased scalar was written on line 1
  CHECK(f.errors[0].message.find("merge key") != std::string::npos);
  CHECK(keys(f.documents[0]->get("svc")) == "k=v");
}

TEST_CASE("a quoted \"<<\" is an ordinary key") {
  YamlFile f = parse("a: &a {x: 1}\nsvc: {\"<<\": *a}\n");
  REQUIRE(f.errors.empty());
  CHECK(f.documents[0]->get("svc")->find("<<") != nullptr);
}

TEST_CASE("duplicate keys are reported with both lines; the first is kept") {
  YamlFile f = parse("services:\n  web:\n    mem_limit: 1g\n    mem_limit: 2g\n");
  REQUIRE(f.errors.size() == 1);
  CHECK(f.errors[0].line == 4);
  CHECK(f.errors[0].message == "duplicate key \"mem_limit\" (first at line 3)");
  CHECK(f.documents[0]->get("services")->get("web")->get("mem_limit")->text == "1g");
}

TEST_CASE("aliases share the anchored node") {
  YamlFile f = parse("a: &x {k: v}\nb: *x\n");
  REQUIRE(f.errors.empty());
  CHECK(f.documents[0]->get("a") == f.documents[0]->get("b"));
}

TEST_CASE("billion laughs: aliases are shared, so parsing is linear") {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 30; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += std::string(j ? ", " : "") + "*a" + std::to_string(i - 1);
    text += "]\n";
  }
  YamlFile f = parse(text);
  CHECK(f.errors.empty());
  REQUIRE(f.documents.size() == 1);
  CHECK(f.arena->size() < 1000u);  // 10^30 leaves if expanded
}

TEST_CASE("merge-key bombs stay bounded") {
  // Each level merges the previous one twice and adds keys: shallow merges copy entries, not trees.
  std::string text = "m0: &m0 {k0: 0}\n";
  for (int i = 1; i <= 200; ++i)
    text += "m" + std::to_string(i) + ": &m" + std::to_string(i) + " {<<: [*m" + std::to_string(i - 1) + ", *m" +
            std::to_string(i - 1) + "], k" + std::to_string(i) + ": " + std::to_string(i) + "}\n";
  YamlFile f = parse(text);
  REQUIRE(f.documents.size() == 1);
  CHECK(f.documents[0]->get("m200")->entries.size() == 201u);
}

TEST_CASE("recursive aliases are an error, not a cycle") {
  YamlFile f = parse("a: &a [1, *a]\n");
  // yaml-cpp may reject it itself; either way: one error, no cycle in the tree.
  REQUIRE_FALSE(f.errors.empty());
}

TEST_CASE("syntax errors carry the line") {
  YamlFile f = parse("a: 1\nb: [1, 2\nc: 3\n");
  REQUIRE(f.errors.size() == 1);
  CHECK_FALSE(f.complete);
  CHECK(f.errors[0].line.has_value());
  CHECK(f.errors[0].message.rfind("invalid YAML", 0) == 0);
}

TEST_CASE("100k-deep nesting is refused before the recursive parser sees it") {
  for (std::string unit : {"[", "{a: ", "- "}) {
    std::string text = "a: ";
    if (unit == "- ") text = "";
    for (int i = 0; i < 100000; ++i) text += unit;
    text += "x\n";
    YamlFile f = parse(text);
    REQUIRE(f.errors.size() == 1);
    CHECK_FALSE(f.complete);
    CHECK(f.errors[0].line == 1);
    CHECK(f.errors[0].message.find("nesting deeper than") != std::string::npos);
  }
}

TEST_CASE("nesting estimate ignores brackets in quotes and comments") {
  std::string many(2000, '[');
  CHECK(find_excessive_nesting("a: \"" + many + "\"\n", 1000) == 0);
  CHECK(find_excessive_nesting("a: 1 # " + many + "\n", 1000) == 0);
  CHECK(find_excessive_nesting("a: '" + many + "'\n", 1000) == 0);
  CHECK(find_excessive_nesting("a: 1\nb: " + many + "\n", 1000) == 2);
}

TEST_CASE("multi-document files give one tree per document") {
  YamlFile f = parse("a: 1\n---\nb: 2\n");
  REQUIRE(f.errors.empty());
  REQUIRE(f.documents.size() == 2);
  CHECK(f.documents[1]->get("b")->line == 3);
}

TEST_CASE("nesting just under the limit parses") {
  std::string text = "a: " + std::string(390, '[') + std::string(390, ']') + "\n";
  YamlFile f = parse(text);
  CHECK(f.errors.empty());
  CHECK(f.complete);
}

TEST_CASE("what the pre-scan misses, yaml-cpp's own depth guard turns into an error") {
  YamlLimits no_prescan;
  no_prescan.max_depth = 1 << 30;
  // Well-formed (the libfyaml gate passes it), only too deep for yaml-cpp's recursive parser.
  YamlFile f = parse_yaml(Source{"f.yaml", "a: " + std::string(600, '[') + std::string(600, ']') + "\n"}, no_prescan);
  REQUIRE(f.errors.size() == 1);
  CHECK_FALSE(f.complete);
  CHECK(f.errors[0].message == "nesting too deep for the YAML parser");
}

TEST_CASE("a file with too many nodes is refused early") {
  YamlLimits small;
  small.max_nodes = 1000;
  std::string text = "a: [";
  for (int i = 0; i < 5000; ++i) text += "1, ";
  text += "1]\n";
  YamlFile f = parse_yaml(Source{"f.yaml", text}, small);
  REQUIRE(f.errors.size() == 1);
  CHECK_FALSE(f.complete);
  CHECK(f.errors[0].message == "more than 1000 YAML nodes; refusing to load a file this large");
}
