#include "loops/ts.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

namespace boundaudit::ts {

Site site_of(const std::string& path, Node node) {
  auto s = node.start_point();
  auto e = node.end_point();
  Site site = site_from_zero_based(path, static_cast<int>(s.row), static_cast<int>(s.column));
  site.end_line = static_cast<int>(e.row) + 1;
  site.end_column = static_cast<int>(e.column) + 1;
  return site;
}

TSFieldId Node::field_id(std::string_view name) {
  static const std::vector<std::pair<std::string_view, TSFieldId>> table = [] {
    std::vector<std::pair<std::string_view, TSFieldId>> t;
    const TSLanguage* lang = tree_sitter_python();
    for (TSFieldId id = 1; id <= ts_language_field_count(lang); ++id)
      if (const char* n = ts_language_field_name_for_id(lang, id)) t.emplace_back(n, id);
    std::sort(t.begin(), t.end());
    return t;
  }();
  auto it = std::lower_bound(table.begin(), table.end(), name, [](const auto& e, std::string_view n) { return e.first < n; });
  return it != table.end() && it->first == name ? it->second : 0;
}

std::vector<Node> named_children(Node n) {
  std::vector<Node> out;
  for_each_child(n, [&](Node c, const char*) {
    if (c.named() && !c.is("comment")) out.push_back(c);
    return true;
  });
  return out;
}

Parser::Parser() : h_(ts_parser_new()) {
  [[maybe_unused]] bool ok = ts_parser_set_language(h_.get(), tree_sitter_python());
  assert(ok && "tree-sitter runtime and python grammar ABI mismatch");
}

Tree Parser::parse(std::string_view text) {
  return Tree(ts_parser_parse_string(h_.get(), nullptr, text.data(), static_cast<uint32_t>(text.size())));
}

Query Query::compile(std::string_view source, std::string* error) {
  uint32_t offset = 0;
  TSQueryError kind = TSQueryErrorNone;
  Query q;
  q.h_ = Handle<TSQuery, ts_query_delete>(
      ts_query_new(tree_sitter_python(), source.data(), static_cast<uint32_t>(source.size()), &offset, &kind));
  if (!q.h_ && error) *error = "query error " + std::to_string(static_cast<int>(kind)) + " at byte " + std::to_string(offset);
  return q;
}

std::string_view Query::capture_name(uint32_t index) const {
  uint32_t len = 0;
  const char* name = ts_query_capture_name_for_id(h_.get(), index, &len);
  return {name, len};
}

}  // namespace boundaudit::ts
