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

// nullopt when the text is well-formed YAML (any number of documents), else libfyaml's first error.
// Never throws; libfyaml's diagnostics are collected, nothing is printed.
std::optional<YamlSyntaxError> check_yaml_syntax(const std::string& text);

}  // namespace boundaudit::compose
