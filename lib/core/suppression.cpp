#include "core/suppression.hpp"

#include <algorithm>
#include <cctype>

namespace boundaudit {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_code_char(char c) { return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); }


}  // namespace

bool parse_directive(std::string_view tool, std::string_view body, Directive* out, std::string* error) {
  error->clear();
  body = trim(body);
  if (!body.starts_with(tool)) return false;
  body.remove_prefix(tool.size());
  if (body.empty() || body.front() != ':') return false;
  body = trim(body.substr(1));
  if (body.starts_with("ignore")) {
    body.remove_prefix(6);
    if (body.empty() || body.front() != '[') {
      *error = "expected ignore[CODE,...]";
      return false;
    }
    auto close = body.find(']');
    if (close == std::string_view::npos) {
      *error = "unclosed '[' in ignore[...]";
      return false;
    }
    std::string_view list = body.substr(1, close - 1);
    out->kind = Directive::Kind::ignore;
    out->codes.clear();
    while (!list.empty()) {
      auto comma = list.find(',');
      auto code = trim(list.substr(0, comma));
      if (code.empty() || !std::all_of(code.begin(), code.end(), is_code_char)) {
        *error = "malformed code '" + std::string(code) + "' in ignore[...]";
        return false;
      }
      out->codes.emplace_back(code);
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
    if (out->codes.empty()) {
      *error = "ignore[] names no code";
      return false;
    }
    out->reason = std::string(trim(body.substr(close + 1)));
    return true;
  }
  if (body.starts_with("bound=")) {
    body.remove_prefix(6);
    auto end = body.find_first_of(" \t");
    auto kind = body.substr(0, end);
    if (kind.empty() || !std::all_of(kind.begin(), kind.end(), [](char c) {
          return std::islower(static_cast<unsigned char>(c)) || c == '-';
        })) {
      *error = "expected bound=KIND \"text\"";
      return false;
    }
    auto rest = end == std::string_view::npos ? std::string_view{} : trim(body.substr(end));
    if (rest.size() < 2 || rest.front() != '"' || rest.find('"', 1) == std::string_view::npos) {
      *error = "bound=" + std::string(kind) + " needs a quoted explanation, e.g. bound=" + std::string(kind) +
               " \"caller wraps in wait_for(60s)\"";
      return false;
    }
    out->kind = Directive::Kind::bound;
    out->bound_kind = std::string(kind);
    out->bound_text = std::string(rest.substr(1, rest.find('"', 1) - 1));
    return true;
  }
  *error = "unknown directive (expected ignore[CODE] or bound=KIND \"text\")";
  return false;
}

bool scan_comment(std::string_view tool, std::string_view comment, const Site& site, SuppressionCodes codes,
                  const std::function<bool(std::string_view)>& known_code, DirectiveScan* scan) {
  if (comment.empty() || comment.front() != '#') return false;
  auto body = comment.substr(1);
  if (!trim(body).starts_with(tool)) return false;
  Directive d;
  std::string error;
  if (parse_directive(tool, body, &d, &error)) {
    d.site = site;
    // An unknown code is reported here, once, and dropped: it can suppress nothing, and must not
    // be reported as unused as well.
    std::erase_if(d.codes, [&](const std::string& code) {
      if (known_code(code)) return false;
      scan->problems.push_back(Finding{std::string(codes.invalid), Severity::warning, site,
                                       "suppression names unknown code " + code, "", {}, ""});
      return true;
    });
    scan->directives.push_back(std::move(d));
    return true;
  }
  if (error.empty()) return false;
  scan->problems.push_back(Finding{std::string(codes.invalid), Severity::warning, site,
                                   "malformed suppression: " + error, "", {}, ""});
  return true;
}

DirectiveScan scan_directives(std::string_view tool, const Source& src, SuppressionCodes codes,
                              const std::function<bool(std::string_view)>& known_code) {
  DirectiveScan scan;
  std::string_view text = src.text;
  int line = 1;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto nl = text.find('\n', pos);
    std::string_view row = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    // A directive is a comment: '#' then optional blanks then "TOOL:".
    for (auto hash = row.find('#'); hash != std::string_view::npos; hash = row.find('#', hash + 1)) {
      Site site{src.path, line, static_cast<int>(hash) + 1, line, static_cast<int>(row.size()) + 1};
      if (scan_comment(tool, row.substr(hash), site, codes, known_code, &scan)) break;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    ++line;
  }
  return scan;
}

DirectiveIndex::DirectiveIndex(std::span<const Directive> directives) {
  for (std::size_t i = 0; i < directives.size(); ++i)
    if (directives[i].kind == Directive::Kind::ignore) at_[{directives[i].site.path, directives[i].site.line}].push_back(i);
}

void DirectiveIndex::covering(const Site& site, std::vector<std::size_t>* out) const {
  for (int line : {site.line, site.line - 1})
    if (auto it = at_.find({site.path, line}); it != at_.end()) out->insert(out->end(), it->second.begin(), it->second.end());
}

std::vector<Finding> apply_suppressions(std::vector<Finding> findings, std::span<const Directive> directives,
                                        SuppressionCodes codes) {
  std::vector<std::vector<bool>> used(directives.size());
  for (std::size_t i = 0; i < directives.size(); ++i) used[i].assign(directives[i].codes.size(), false);
  const DirectiveIndex index(directives);
  std::erase_if(findings, [&](const Finding& f) {
    bool suppressed = false;
    std::vector<std::size_t> near;
    index.covering(f.site, &near);
    for (std::size_t i : near) {
      const auto& d = directives[i];
      for (std::size_t k = 0; k < d.codes.size(); ++k)
        if (d.codes[k] == f.code) used[i][k] = suppressed = true;
    }
    return suppressed;
  });
  for (std::size_t i = 0; i < directives.size(); ++i) {
    const auto& d = directives[i];
    for (std::size_t k = 0; k < d.codes.size(); ++k)
      if (!used[i][k])
        findings.push_back(Finding{std::string(codes.unused), Severity::warning, d.site,
                                   "unused suppression: no " + d.codes[k] + " finding here", "", {}, ""});
  }
  std::sort(findings.begin(), findings.end());
  return findings;
}

}  // namespace boundaudit
