// A small YAML tree built from yaml-cpp's event parser, with what compose needs and yaml-cpp 0.7 lacks:
// `<<` merge keys (shallow, local keys first, earlier sources win), duplicate-key errors, explicit
// tags kept (`!reset`, `!override`), and a 1-based Site on every key and value.
//
// Aliases share the anchored node (no copy), so alias bombs cost linear memory; walking the tree must
// therefore never expand every path blindly (the compose loader reads only the fields it needs).
// Nodes live in an arena owned by YamlFile; pointers stay valid as long as the YamlFile lives.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compose/yaml_syntax.hpp"
#include "core/diagnostic.hpp"

namespace boundaudit::compose {

struct YamlNode {
  enum class Kind { null, scalar, sequence, mapping };
  struct Entry {
    const YamlNode* key;
    const YamlNode* value;
  };

  Kind kind = Kind::null;
  std::string tag;      // explicit tag as resolved by yaml-cpp: "!reset", "tag:yaml.org,2002:str"; "" if none
  std::string text;     // scalar text ("" for null)
  bool quoted = false;  // scalar written in quotes (or a block scalar)
  int line = 0;         // where the node starts, 1-based (the path is the YamlFile's: nodes stay small)
  int column = 0;
  std::vector<const YamlNode*> items;  // sequence
  std::vector<Entry> entries;          // mapping, `<<` already applied, in written order

  Site site(const std::string& path) const { return Site{path, line, column, line, column}; }
  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }
  bool has_tag(std::string_view t) const { return tag == t; }
  // The entry whose key is the scalar `key`, or nullptr.
  const Entry* find(std::string_view key) const;
  const YamlNode* get(std::string_view key) const {
    const Entry* e = find(key);
    return e ? e->value : nullptr;
  }
};

std::string_view to_string(YamlNode::Kind kind);

struct YamlLimits {
  int max_depth = 400;  // nesting of collections (yaml-cpp 0.7 itself gives up near 500)
  std::size_t max_merged_entries = 4u << 20;  // entries copied by `<<` over the whole file
  std::size_t max_nodes = 1u << 19;           // nodes in the whole file (a 5,000-service file has ~50k)
  YamlDialect dialect = YamlDialect::compose;  // what the syntax gate accepts (not a limit, but read with them)
};

// One parsed file: its documents (an empty file has none) and the problems found. A syntax error
// stops the parse: documents before it are kept. Duplicate keys and bad merge keys are reported and
// the parse goes on (the first of duplicate keys is kept).
struct YamlFile {
  std::string path;
  std::vector<const YamlNode*> documents;
  std::vector<InputError> errors;
  bool complete = true;  // false when a syntax error (or excessive nesting) stopped the parse
  bool too_many_nodes = false;  // the parse stopped at YamlLimits::max_nodes
  std::unique_ptr<std::deque<YamlNode>> arena = std::make_unique<std::deque<YamlNode>>();
};

// Never throws.
YamlFile parse_yaml(const Source& source, const YamlLimits& limits = {});

// The deepest collection nesting in text, estimated without parsing (flow brackets outside quotes
// and comments, plus block indentation and compact `- - -` entries). Used to refuse input that
// would drive yaml-cpp's recursive parser too deep; returns the 1-based line where max_depth is first
// exceeded, or 0.
int find_excessive_nesting(std::string_view text, int max_depth);

}  // namespace boundaudit::compose
