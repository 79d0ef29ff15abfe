#include "core/doc_regions.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace boundaudit {
namespace {

struct Line {
  std::size_t begin;      // offset of the first character
  std::size_t next;       // offset after the line's newline
  std::string_view text;  // without newline and trailing '\r'
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    auto line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({pos, next, line});
    pos = next;
  }
  return lines;
}

bool blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; }

std::string join_names(std::span<const std::string_view> names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + std::string(names[i]);
  return out;
}

// Parses `NAME="VALUE" ...`; returns an error message, or nothing on success.
std::optional<std::string> parse_attributes(std::string_view s, std::span<const std::string_view> known,
                                            DocRegion* region) {
  std::size_t i = 0;
  while (true) {
    while (i < s.size() && blank(s[i])) ++i;
    if (i == s.size()) return std::nullopt;
    std::size_t start = i;
    while (i < s.size() && is_name_char(s[i])) ++i;
    std::string name(s.substr(start, i - start));
    if (name.empty() || i == s.size() || s[i] != '=' || i + 1 == s.size() || s[i + 1] != '"')
      return fmt::format("malformed attribute at `{}`; write NAME=\"VALUE\"", s.substr(start, 20));
    auto close = s.find('"', i + 2);
    if (close == std::string_view::npos) return fmt::format("attribute `{}` has no closing `\"`", name);
    std::string value(s.substr(i + 2, close - i - 2));
    i = close + 1;
    if (i < s.size() && !blank(s[i])) return fmt::format("put a blank after the value of `{}`", name);
    if (std::find(known.begin(), known.end(), name) == known.end())
      return fmt::format("unknown attribute `{}` (known: {})", name, join_names(known));
    if (region->attribute(name)) return fmt::format("attribute `{}` is given twice", name);
    region->attributes.emplace_back(std::move(name), std::move(value));
  }
}

}  // namespace

const std::string* DocRegion::attribute(std::string_view name) const {
  for (const auto& [n, v] : attributes)
    if (n == name) return &v;
  return nullptr;
}

std::vector<std::string> split_words(std::string_view value) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && blank(value[i])) ++i;
    std::size_t start = i;
    while (i < value.size() && !blank(value[i])) ++i;
    if (i > start) out.emplace_back(value.substr(start, i - start));
  }
  return out;
}

RegionScan find_regions(std::string_view path, std::string_view doc, std::string_view tool,
                        std::span<const std::string_view> known) {
  RegionScan scan;
  const std::string begin_prefix = fmt::format("<!-- {}:begin", tool);
  const std::string end_marker = fmt::format("<!-- {}:end -->", tool);
  auto error = [&](int line, std::string message) {
    scan.errors.push_back({std::string(path), line, std::move(message)});
  };
  std::optional<DocRegion> open;
  bool open_malformed = false;  // the open region's begin marker was an error: pair it, do not return it
  std::string_view fence;  // the open fence's characters, empty outside fences
  auto lines = split_lines(doc);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    auto text = trim(lines[i].text);
    if (text.starts_with("```") || text.starts_with("~~~")) {
      if (fence.empty()) fence = text.substr(0, 3);
      else if (text.substr(0, 3) == fence) fence = {};
      continue;
    }
    if (!fence.empty()) continue;
    if (text == end_marker) {
      if (!open) {
        error(number, fmt::format("`{}` with no begin marker before it", end_marker));
        continue;
      }
      open->end_line = number;
      if (!open_malformed) scan.regions.push_back(std::move(*open));
      open.reset();
      continue;
    }
    if (!text.starts_with(begin_prefix)) continue;
    auto rest = text.substr(begin_prefix.size());
    if (!rest.empty() && !blank(rest.front()) && !rest.starts_with("-->")) continue;  // `loopaudit:beginning`
    if (!rest.ends_with("-->")) {
      error(number, fmt::format("the begin marker must end with `-->` on the same line"));
      continue;
    }
    if (open) {
      error(number, fmt::format("a begin marker inside the region opened on line {}; add `{}` first",
                                open->begin_line, end_marker));
      continue;
    }
    DocRegion region;
    region.begin_line = number;
    auto problem = parse_attributes(rest.substr(0, rest.size() - 3), known, &region);
    if (problem) error(number, *problem);
    open_malformed = problem.has_value();
    open = std::move(region);
  }
  if (open) error(open->begin_line, fmt::format("the begin marker has no `{}` after it", end_marker));
  return scan;
}

std::string splice_regions(std::string_view doc, std::span<const DocRegion> regions,
                           std::span<const std::string> bodies) {
  auto lines = split_lines(doc);
  std::string out;
  std::size_t pos = 0;
  for (std::size_t r = 0; r < regions.size() && r < bodies.size(); ++r) {
    const Line& b = lines[static_cast<std::size_t>(regions[r].begin_line - 1)];
    const Line& e = lines[static_cast<std::size_t>(regions[r].end_line - 1)];
    const bool crlf = b.next >= 2 && doc[b.next - 1] == '\n' && doc[b.next - 2] == '\r';
    const std::string_view eol = crlf ? "\r\n" : "\n";
    out.append(doc.substr(pos, b.next - pos));
    out += eol;
    std::string_view body = bodies[r];
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
    if (!body.empty()) {
      for (const auto& line : split_lines(body)) {
        out += line.text;
        out += eol;
      }
      out += eol;
    }
    pos = e.begin;
  }
  out.append(doc.substr(pos));
  return out;
}

std::string line_diff(std::string_view before, std::string_view after, std::size_t max_lines) {
  auto a = split_lines(before);
  auto b = split_lines(after);
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix].text == b[prefix].text) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix].text == b[b.size() - 1 - suffix].text)
    ++suffix;
  const std::size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;

  // Edit script over the differing middle: LCS when small enough, else everything replaced.
  struct Edit { char op; std::size_t line; std::string_view text; };  // line: 0-based in `before`
  std::vector<Edit> edits;
  if (n * m <= 4'000'000) {
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        lcs[i][j] = a[prefix + i].text == b[prefix + j].text ? lcs[i + 1][j + 1] + 1
                                                             : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i].text == b[prefix + j].text) {
        edits.push_back({'=', prefix + i, a[prefix + i].text});
        ++i, ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        edits.push_back({'-', prefix + i, a[prefix + i].text});
        ++i;
      } else {
        edits.push_back({'+', prefix + i, b[prefix + j].text});
        ++j;
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) edits.push_back({'-', prefix + i, a[prefix + i].text});
    for (std::size_t j = 0; j < m; ++j) edits.push_back({'+', prefix + n, b[prefix + j].text});
  }

  std::string out;
  std::size_t shown = 0, hidden = 0;
  bool in_hunk = false;
  for (const auto& e : edits) {
    if (e.op == '=') {
      in_hunk = false;
      continue;
    }
    if (shown >= max_lines) {
      ++hidden;
      continue;
    }
    if (!in_hunk) out += fmt::format("@@ line {} @@\n", e.line + 1);
    in_hunk = true;
    out += fmt::format("{}{}\n", e.op, e.text);
    ++shown;
  }
  if (hidden > 0) out += fmt::format("... and {} more changed line{}\n", hidden, hidden == 1 ? "" : "s");
  return out;
}

}  // namespace boundaudit
