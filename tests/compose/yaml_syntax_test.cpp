#include <doctest/doctest.h>

#include "compose/memory_files.hpp"
#include "compose/model.hpp"
#include "compose/yaml_syntax.hpp"
#include "compose/yaml_tree.hpp"

using namespace boundaudit;
using namespace boundaudit::compose;
using namespace boundaudit::compose::testing;

// Broken files that yaml-cpp 0.7 loads without a word (so composelint used to report them clean):
// each must now be an input error at the right line, and nothing of the file is linted.
TEST_CASE("broken YAML that yaml-cpp accepts is an input error with libfyaml's line and reason") {
  struct Case {
    const char* what;
    std::string text;
    int line;
  };
  const Case cases[] = {
      {"an unterminated double quote", "services:\n  web:\n    mem_limit: \"1g\n  db:\n    image: x\n", 3},
      {"a comment glued to a quoted value", "services:\n  web:\n    mem_limit: \"1g\"# note\n  db: {}\n", 3},
      {"a directive in the middle of a document", "services:\n  web: {mem_limit: 1g}\n%YAML 1.2\n  db: {}\n", 3},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    Project p = load_one(c.text);
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].path == "compose.yaml");
    CHECK(p.errors[0].line == c.line);
    CHECK(p.errors[0].message.rfind("invalid YAML: ", 0) == 0);
    CHECK(p.errors[0].message.find("(column ") != std::string::npos);
    CHECK(p.services.empty());
  }
}

TEST_CASE("the gate reports libfyaml's first error, 1-based, and passes well-formed streams") {
  auto e = check_yaml_syntax("a: 1\nb: [1, 2\n");
  REQUIRE(e);
  CHECK(e->line == 3);  // end of input: the flow sequence is never closed
  CHECK(e->column == 1);
  CHECK(e->reason == "flow sequence without a closing bracket");
  CHECK_FALSE(check_yaml_syntax(""));
  CHECK_FALSE(check_yaml_syntax("a: &x 1\nb: *x\n---\n- [1, {c: d}]\n...\n"));
  CHECK_FALSE(check_yaml_syntax("\xEF\xBB\xBFservices: {}\n"));  // a BOM at the very start is allowed
}

TEST_CASE("a document libfyaml accepts but yaml-cpp cannot load is an error that says so") {
  // YAML test suite 4MUZ: a flow mapping key followed by its `:` on the next line is valid YAML 1.2;
  // yaml-cpp 0.7 gives up on it. The loader must say which library refused, not call the file broken.
  const char* text = "{\"foo\"\n: \"bar\"}\n";
  CHECK_FALSE(check_yaml_syntax(text));
  YamlFile f = parse_yaml(Source{"x.yaml", text});
  REQUIRE(f.errors.size() == 1);
  CHECK(f.errors[0].line == 1);
  CHECK(f.errors[0].message == "libfyaml accepts it but yaml-cpp cannot load it: end of map flow not found");
  CHECK_FALSE(f.complete);
  CHECK(f.documents.empty());
}

TEST_CASE("the compose dialect accepts continuation lines at the parent's indentation; strict does not") {
  // What docker compose and PyYAML load (seen in real compose files): YAML 1.2 forbids both.
  const std::string flow = "services:\n  web:\n    command: [\n    \"serve\",\n    \"--port=80\"\n    ]\n";
  const std::string quoted = "x: \"a\nb\"\n";
  for (const auto& text : {flow, quoted}) {
    CHECK_FALSE(check_yaml_syntax(text));
    CHECK(check_yaml_syntax(text, YamlDialect::strict));
  }
  // Everything else stays an error in both.
  CHECK(check_yaml_syntax("a: \"unterminated\nb: 1\n"));
  CHECK(check_yaml_syntax("a: [1, 2\n"));
}
