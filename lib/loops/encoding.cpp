#include "loops/encoding.hpp"

#include <cctype>

#include "core/encoding.hpp"

namespace boundaudit::loops {

std::optional<std::string> declared_encoding(std::string_view text) {
  std::size_t pos = 0;
  for (int line = 0; line < 2 && pos < text.size(); ++line) {
    auto nl = text.find('\n', pos);
    auto row = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    auto hash = row.find_first_not_of(" \t\f");
    if (hash == std::string_view::npos || row[hash] != '#') continue;  // only comment lines count
    auto at = row.find("coding", hash);
    if (at == std::string_view::npos || at + 6 >= row.size() || (row[at + 6] != ':' && row[at + 6] != '=')) continue;
    auto begin = row.find_first_not_of(" \t", at + 7);
    if (begin == std::string_view::npos) continue;
    std::string name;
    for (auto i = begin; i < row.size(); ++i) {
      char c = row[i];
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') break;
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (!name.empty()) return name;
  }
  return std::nullopt;
}

std::optional<std::string> to_utf8(std::string_view text, const std::string& encoding) {
  std::string name = encoding;
  for (auto& c : name) c = c == '_' ? '-' : c;
  if (name == "utf-8" || name == "utf8" || name.starts_with("utf-8-")) return std::nullopt;
  // Python's names and iconv's differ in hyphens ("latin-1" is iconv's "LATIN1"): try both spellings.
  if (auto out = transcode_to_utf8(text, name)) return out;
  std::string bare;
  for (char c : name)
    if (c != '-') bare += c;
  return transcode_to_utf8(text, bare);
}

}  // namespace boundaudit::loops
