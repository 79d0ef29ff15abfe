#include "core/diagnostic.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace boundaudit {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note") return Severity::note;
  if (text == "warning") return Severity::warning;
  if (text == "error") return Severity::error;
  return std::nullopt;
}

Site site_from_zero_based(std::string path, int row, int column) {
  return Site{std::move(path), row + 1, column + 1, row + 1, column + 1};
}

ReadResult read_source(const std::string& path, std::size_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return {{}, InputError{path, {}, "no such file"}};
  if (fs::is_directory(status)) return {{}, InputError{path, {}, "is a directory, not a file"}};
  std::ifstream in(path, std::ios::binary);
  if (!in) return {{}, InputError{path, {}, std::string("cannot read: ") + std::strerror(errno)}};
  auto size = fs::is_regular_file(status) ? fs::file_size(path, ec) : 0;
  if (!ec && size > max_bytes)
    return {{}, InputError{path, {}, "file too large (" + std::to_string(size) + " bytes; limit " +
                                         std::to_string(max_bytes) + ")"}};
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return {{}, InputError{path, {}, "read error"}};
  std::string text = std::move(buf).str();
  if (text.size() > max_bytes)
    return {{}, InputError{path, {}, "file too large (limit " + std::to_string(max_bytes) + " bytes)"}};
  return {Source{path, std::move(text)}, {}};
}

bool is_text_utf8(std::string_view text, int* bad_line) {
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* p = begin;
  const auto* end = p + text.size();
  while (p < end) {
    // Fast path: eight ASCII bytes with no NUL at a time (most source text).
    if (end - p >= 8) {
      std::uint64_t v;
      std::memcpy(&v, p, 8);
      constexpr std::uint64_t kHigh = 0x8080808080808080ull, kLow = 0x0101010101010101ull;
      if ((v & kHigh) == 0 && ((v - kLow) & ~v & kHigh) == 0) {
        p += 8;
        continue;
      }
    }
    unsigned char c = *p;
    int extra = 0;
    if (c == 0) break;
    if (c < 0x80) { ++p; continue; }
    if ((c & 0xE0) == 0xC0 && c >= 0xC2) extra = 1;
    else if ((c & 0xF0) == 0xE0) extra = 2;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4) extra = 3;
    else break;
    if (end - p <= extra) break;
    bool ok = true;
    for (int i = 1; i <= extra; ++i) ok = ok && (p[i] & 0xC0) == 0x80;
    if (!ok) break;
    p += extra + 1;
  }
  if (p == end) return true;
  if (bad_line) *bad_line = 1 + static_cast<int>(std::count(begin, p, '\n'));
  return false;
}

std::string_view line_of(std::string_view text, int line) {
  if (line < 1) return {};
  std::size_t pos = 0;
  for (int i = 1; i < line; ++i) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  auto end = text.find('\n', pos);
  auto out = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

}  // namespace boundaudit
