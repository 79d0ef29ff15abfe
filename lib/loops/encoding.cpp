#include "loops/encoding.hpp"

#include <iconv.h>

#include <cctype>
#include <cerrno>

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
  iconv_t cd = ::iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    std::string bare;
    for (char c : name)
      if (c != '-') bare += c;
    cd = ::iconv_open("UTF-8", bare.c_str());
  }
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(text.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  std::size_t rc = ::iconv(cd, &in, &in_left, &dst, &out_left);
  ::iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace boundaudit::loops
