#include "report/region_common.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/utf8.hpp"

namespace boundaudit::report {

std::string code_span(std::string_view raw) {
  const std::string text = display_text(raw, InvalidBytes::escape);
  if (text.find('`') == std::string_view::npos) return fmt::format("`{}`", text);
  return fmt::format("`` {} ``", text);
}

std::string relative_to(std::string_view path, std::string_view base) {
  namespace fs = std::filesystem;
  if (base.empty() || base == ".") return std::string(path);
  auto rel = fs::path(path).lexically_normal().lexically_relative(fs::path(base).lexically_normal());
  return rel.empty() ? std::string(path) : rel.generic_string();
}

namespace {

// The last k components of path, or the whole path when it has fewer.
std::string_view last_components(std::string_view path, int k) {
  std::size_t pos = path.size();
  for (int i = 0; i < k; ++i) {
    auto slash = pos == 0 ? std::string_view::npos : path.rfind('/', pos - 1);
    if (slash == std::string_view::npos) return path;
    pos = slash;
  }
  return path.substr(pos + 1);
}

bool ends_with_components(std::string_view path, std::string_view suffix) {
  if (path == suffix) return true;
  return path.size() > suffix.size() && path.ends_with(suffix) && path[path.size() - suffix.size() - 1] == '/';
}

}  // namespace

std::map<std::string, std::string> unique_suffixes(const std::vector<std::string>& paths) {
  std::map<std::string, std::string> out;
  for (const auto& p : paths) {
    if (out.count(p)) continue;
    for (int k = 1;; ++k) {
      auto suffix = last_components(p, k);
      bool unique = true;
      for (const auto& q : paths)
        if (q != p && ends_with_components(q, suffix)) unique = false;
      if (unique || suffix == p) {
        out[p] = std::string(suffix);
        break;
      }
    }
  }
  return out;
}

std::string counted(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace boundaudit::report
