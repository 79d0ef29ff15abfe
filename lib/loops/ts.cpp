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
  // Bucketed by length and first letter: a look-up is one or two comparisons (it runs for every
  // field access of every stage).
  using Bucket = std::vector<std::pair<std::string_view, TSFieldId>>;
  static constexpr std::size_t kLengths = 32;
  auto slot = [](std::string_view n) { return (n.size() % kLengths) * 64 + (static_cast<unsigned char>(n[0]) & 63u); };
  static const std::vector<Bucket> table = [&] {
    std::vector<Bucket> t(kLengths * 64);
    const TSLanguage* lang = tree_sitter_python();
    for (TSFieldId id = 1; id <= ts_language_field_count(lang); ++id)
      if (const char* n = ts_language_field_name_for_id(lang, id); n && *n) t[slot(n)].emplace_back(n, id);
    return t;
  }();
  if (name.empty()) return 0;
  for (const auto& [n, id] : table[slot(name)])
    if (n == name) return id;
  return 0;
}

std::string_view Node::symbol_name(TSSymbol symbol) {
  static const std::vector<std::string_view> table = [] {
    const TSLanguage* lang = tree_sitter_python();
    std::vector<std::string_view> t(ts_language_symbol_count(lang));
    for (TSSymbol id = 0; id < t.size(); ++id)
      if (const char* n = ts_language_symbol_name(lang, id)) t[id] = n;
    return t;
  }();
  if (symbol < table.size()) return table[symbol];
  // Outside the table: tree-sitter's own ERROR (65535) and ERROR_REPEAT symbols.
  const char* n = ts_language_symbol_name(tree_sitter_python(), symbol);
  return n ? std::string_view(n) : std::string_view{};
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
