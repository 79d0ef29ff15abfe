// yaml_gate FILE...: for each file, one tab-separated line
//   FILE <tab> gate: ok | gate: LINE:COL reason <tab> load: ok | load: LINE message
// "gate" is libfyaml's strict syntax check alone (check_yaml_syntax, YAML 1.2 exactly); "load" is the
// library's whole YAML
// loader (parse_yaml: the gate, then yaml-cpp building the tree). Used by
// tests/scripts/yaml_test_suite.sh on every case of the YAML test suite. Exit 0 unless a file
// cannot be read.
#include <fstream>
#include <iostream>
#include <sstream>

#include "compose/yaml_syntax.hpp"
#include "compose/yaml_tree.hpp"

int main(int argc, char** argv) {
  using namespace boundaudit;
  int rc = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << argv[i] << ": cannot read\n";
      rc = 2;
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    Source source{argv[i], text.str()};
    std::cout << argv[i] << '\t';
    if (auto e = compose::check_yaml_syntax(source.text, compose::YamlDialect::strict))
      std::cout << "gate: " << e->line << ':' << e->column << ' ' << e->reason;
    else
      std::cout << "gate: ok";
    compose::YamlFile file = compose::parse_yaml(source);
    if (file.errors.empty())
      std::cout << "\tload: ok\n";
    else
      std::cout << "\tload: " << file.errors.front().line.value_or(0) << ' ' << file.errors.front().message << '\n';
  }
  return rc;
}
