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
                              const std::function<bool(std::string_view)>& known_code,
                              const CommentFinder& find_comments) {
  DirectiveScan scan;
  std::string_view text = src.text;
  int line = 1;
  std::size_t counted = 0;  // line is the line of offset `counted`
  for (auto [at, length] : find_comments(text)) {
    line += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                                        text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    counted = at;
    auto line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
    line_start = (line_start == std::string_view::npos || at == 0) ? 0 : line_start + 1;
    auto column = static_cast<int>(at - line_start) + 1;
    Site site{src.path, line, column, line, column + static_cast<int>(length)};
    scan_comment(tool, text.substr(at, length), site, codes, known_code, &scan);
  }
  return scan;
}

DirectiveIndex::DirectiveIndex(std::span<const Directive> directives) {
  for (std::size_t i = 0; i < directives.size(); ++i)
    if (directives[i].kind == Directive::Kind::ignore && directives[i].subject.empty()) at_[{directives[i].site.path, directives[i].site.line}].push_back(i);
}

void DirectiveIndex::covering(const Site& site, std::vector<std::size_t>* out) const {
  for (int line : {site.line, site.line - 1})
    if (auto it = at_.find({site.path, line}); it != at_.end()) out->insert(out->end(), it->second.begin(), it->second.end());
}

namespace {

// Which directive codes were used, and the one lookup of what covers a finding.
class Coverage {
 public:
  Coverage(std::span<const Directive> directives, const SuppressionScope& scope)
      : directives_(directives), scope_(scope), index_(directives), used_(directives.size()) {
    for (std::size_t i = 0; i < directives.size(); ++i) {
      used_[i].assign(directives[i].codes.size(), false);
      if (directives[i].kind == Directive::Kind::ignore && !directives[i].subject.empty())
        by_subject_[directives[i].subject].push_back(i);
    }
  }

  // True when a directive covering f names its code (marking that code used).
  bool suppress(const Finding& f) {
    std::vector<std::size_t> near;
    index_.covering(f.site, &near);
    if (scope_.also_at)
      for (const auto& site : scope_.also_at(f)) index_.covering(site, &near);
    if (!f.subject.empty())
      if (auto it = by_subject_.find(f.subject); it != by_subject_.end())
        near.insert(near.end(), it->second.begin(), it->second.end());
    std::sort(near.begin(), near.end());
    near.erase(std::unique(near.begin(), near.end()), near.end());
    bool hit = false;
    for (std::size_t i : near)
      for (std::size_t k = 0; k < directives_[i].codes.size(); ++k)
        if (directives_[i].codes[k] == f.code) used_[i][k] = hit = true;
    return hit;
  }

  // One `unused` finding per ignore directive code that covered nothing and that pick() accepts.
  void report_unused(SuppressionCodes codes, const std::function<bool(std::string_view)>& pick,
                     std::vector<Finding>* out) const {
    for (std::size_t i = 0; i < directives_.size(); ++i) {
      const auto& d = directives_[i];
      if (d.kind != Directive::Kind::ignore) continue;
      for (std::size_t k = 0; k < d.codes.size(); ++k) {
        const auto& code = d.codes[k];
        if (used_[i][k] || !pick(code) || (scope_.unjudged && scope_.unjudged(code))) continue;
        out->push_back(Finding{std::string(codes.unused), Severity::warning, d.site,
                               d.subject.empty() ? "unused suppression: no " + code + " finding here"
                                                 : "unused suppression: '" + d.subject + "' has no " + code + " finding",
                               d.subject, {}, ""});
      }
    }
  }

 private:
  std::span<const Directive> directives_;
  const SuppressionScope& scope_;
  DirectiveIndex index_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_subject_;
  std::vector<std::vector<bool>> used_;
};

}  // namespace

std::vector<Finding> apply_suppressions(std::vector<Finding> findings, std::vector<Finding> problems,
                                        std::span<const Directive> directives, SuppressionCodes codes,
                                        const SuppressionScope& scope) {
  Coverage coverage(directives, scope);
  auto reserved = [&](std::string_view code) { return code == codes.invalid || code == codes.unused; };
  std::erase_if(findings, [&](const Finding& f) { return coverage.suppress(f); });
  coverage.report_unused(codes, [&](std::string_view code) { return !reserved(code); }, &problems);
  std::erase_if(problems, [&](const Finding& f) { return coverage.suppress(f); });
  coverage.report_unused(codes, reserved, &problems);
  for (auto& p : problems) findings.push_back(std::move(p));
  std::sort(findings.begin(), findings.end());
  return findings;
}

}  // namespace boundaudit
