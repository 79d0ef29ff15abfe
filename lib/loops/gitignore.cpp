#include "loops/gitignore.hpp"

namespace boundaudit::loops {
namespace {

// Matches one `[...]` class at the start of p against c. Returns the class length in *len, or false
// with *len = 0 when p holds no complete class (then '[' is a literal).
bool match_class(std::string_view p, char c, std::size_t* len) {
  std::size_t i = 1;
  bool negate = false;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) {
    negate = true;
    ++i;
  }
  bool hit = false;
  bool first = true;
  while (i < p.size() && (p[i] != ']' || first)) {
    first = false;
    char lo = p[i];
    if (lo == '\\' && i + 1 < p.size()) lo = p[++i];
    char hi = lo;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      hi = p[i + 2];
      if (hi == '\\' && i + 3 < p.size()) {
        hi = p[i + 3];
        ++i;
      }
      i += 2;
    }
    if (lo <= c && c <= hi) hit = true;
    ++i;
  }
  if (i >= p.size()) {
    *len = 0;
    return false;
  }
  *len = i + 1;
  return hit != negate;
}

bool match_from(std::string_view p, std::string_view t) {
  while (!p.empty()) {
    char c = p[0];
    if (c == '*') {
      std::size_t stars = 1;
      while (stars < p.size() && p[stars] == '*') ++stars;
      auto rest = p.substr(stars);
      if (stars >= 2) {
        if (rest.empty()) return true;  // trailing `**`: everything, '/' included
        if (rest[0] == '/') {           // `**/`: zero or more directories
          auto after = rest.substr(1);
          if (match_from(after, t)) return true;
          for (std::size_t i = 0; i < t.size(); ++i)
            if (t[i] == '/' && match_from(after, t.substr(i + 1))) return true;
          return false;
        }
      }
      for (std::size_t i = 0;; ++i) {  // `*`: anything but '/'
        if (match_from(rest, t.substr(i))) return true;
        if (i == t.size() || t[i] == '/') return false;
      }
    }
    if (t.empty()) return false;
    if (c == '?') {
      if (t[0] == '/') return false;
      p.remove_prefix(1);
      t.remove_prefix(1);
      continue;
    }
    if (c == '[') {
      std::size_t len = 0;
      bool hit = match_class(p, t[0], &len);
      if (len > 0) {
        if (!hit || t[0] == '/') return false;
        p.remove_prefix(len);
        t.remove_prefix(1);
        continue;
      }
    }
    if (c == '\\' && p.size() > 1) {
      p.remove_prefix(1);
      c = p[0];
    }
    if (c != t[0]) return false;
    p.remove_prefix(1);
    t.remove_prefix(1);
  }
  return t.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) { return match_from(pattern, text); }

bool parse_ignore_line(std::string_view line, IgnoreRule* out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty() || line[0] == '#') return false;
  // Trailing spaces are dropped unless escaped with a backslash.
  while (!line.empty() && line.back() == ' ' && !(line.size() >= 2 && line[line.size() - 2] == '\\'))
    line.remove_suffix(1);
  IgnoreRule rule;
  if (!line.empty() && line[0] == '!') {
    rule.negated = true;
    line.remove_prefix(1);
  }
  while (!line.empty() && line.back() == '/') {
    rule.dir_only = true;
    line.remove_suffix(1);
  }
  if (line.empty()) return false;
  rule.anchored = line.find('/') != std::string_view::npos;
  while (!line.empty() && line[0] == '/') line.remove_prefix(1);
  if (line.empty()) return false;
  rule.pattern = std::string(line);
  *out = std::move(rule);
  return true;
}

std::vector<IgnoreRule> parse_gitignore(std::string_view text) {
  std::vector<IgnoreRule> rules;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    IgnoreRule rule;
    if (parse_ignore_line(line, &rule)) rules.push_back(std::move(rule));
  }
  return rules;
}

IgnoreMatch match_rules(const std::vector<IgnoreRule>& rules, std::string_view relative, bool is_dir) {
  auto slash = relative.rfind('/');
  auto name = slash == std::string_view::npos ? relative : relative.substr(slash + 1);
  IgnoreMatch result = IgnoreMatch::none;
  for (const auto& rule : rules) {
    if (rule.dir_only && !is_dir) continue;
    if (glob_match(rule.pattern, rule.anchored ? relative : name))
      result = rule.negated ? IgnoreMatch::included : IgnoreMatch::ignored;
  }
  return result;
}

std::vector<IgnoreRule> glob_rules(std::span<const std::string> globs) {
  std::vector<IgnoreRule> out;
  for (const auto& glob : globs) {
    IgnoreRule rule;
    if (!parse_ignore_line(glob, &rule)) continue;
    if (glob[0] == '/') rule.pattern = '/' + rule.pattern;  // an absolute path matches absolute reported paths
    out.push_back(std::move(rule));
  }
  return out;
}

bool path_matched(const std::vector<IgnoreRule>& rules, std::string_view path) {
  if (rules.empty()) return false;
  if (path.starts_with("./")) path.remove_prefix(2);
  for (std::size_t pos = path.find('/', 1); pos != std::string_view::npos; pos = path.find('/', pos + 1))
    if (match_rules(rules, path.substr(0, pos), true) == IgnoreMatch::ignored) return true;
  return match_rules(rules, path, false) == IgnoreMatch::ignored;
}

}  // namespace boundaudit::loops
