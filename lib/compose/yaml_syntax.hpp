// The strict YAML syntax gate. yaml-cpp 0.7 accepts a third of the YAML test suite's broken
// documents (an unterminated quote, a stray BOM, a directive in the middle of a stream), so every
// YAML input is first run through libfyaml's event parser, which follows YAML 1.2 closely. A file it
// rejects is not linted at all; yaml-cpp builds the document model only of files that pass.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostic.hpp"

namespace boundaudit::compose {

struct YamlSyntaxError {
  int line = 0;    // 1-based; 0 when libfyaml gave no position
  int column = 0;  // 1-based; 0 when unknown
  std::string reason;
};

// What counts as well-formed. `compose`: YAML 1.2 with one relaxation that `docker compose` (go-yaml)
// and PyYAML both allow and real compose files use (two files of the shared corpus, among them
// opentelemetry-demo's): continuation lines at the parent's indentation, of a flow collection
// (`ports: [\n"80:80"]`, the YAML test suite's 9C9N) or a multi-line quoted scalar (QB6E); libfyaml's
// sloppy flow indentation. `strict`: YAML 1.2 exactly (composelint --strict-yaml).
enum class YamlDialect { compose, strict };

// nullopt when the text is well-formed YAML (any number of documents), else libfyaml's first error.
// Never throws; libfyaml's diagnostics are collected, nothing is printed.
std::optional<YamlSyntaxError> check_yaml_syntax(const std::string& text, YamlDialect dialect = YamlDialect::compose);

}  // namespace boundaudit::compose
