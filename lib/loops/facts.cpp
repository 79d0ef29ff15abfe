#include "loops/facts.hpp"

#include <algorithm>
#include <unordered_set>


namespace boundaudit::loops {

void CallShape::merge(const CallShape& o) {
  calls += o.calls;
  min_positional = std::min(min_positional, o.min_positional);
  max_positional = std::max(max_positional, o.max_positional);
  splat = splat || o.splat;
  auto join = [](int a, int b) { return a < 0 || b < 0 ? -1 : std::max(a, b); };
  if (positional.size() < o.positional.size()) positional.resize(o.positional.size(), 0);
  for (std::size_t i = 0; i < o.positional.size(); ++i) positional[i] = join(positional[i], o.positional[i]);
  for (const auto& [k, v] : o.keyword) {
    auto [it, fresh] = keyword.try_emplace(k, v);
    if (!fresh) it->second = join(it->second, v);
  }
}

std::string one_line(std::string_view text, std::size_t max_chars) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  if (out.size() > max_chars) {
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    out = out.substr(0, cut) + "...";
  }
  return out;
}

std::string module_key(std::string_view path) {
  if (path.ends_with(".py")) path.remove_suffix(3);
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    auto slash = path.find('/', i);
    auto part = path.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    i = slash == std::string_view::npos ? path.size() : slash + 1;
    if (part.empty() || part == "." || part == "..") continue;
    if (part == "__init__" && i >= path.size()) break;
    if (!out.empty()) out += '.';
    out += part;
  }
  return out;
}

AuditSite make_site(const FileModel& m, Category c, ts::Node n, int scope, int loop, std::string call) {
  AuditSite s;
  s.category = c;
  s.site = m.site(n);
  s.function = m.scopes[scope].qualname;
  s.call = std::move(call);
  // The site's first line, found from the node's offset: counting lines from the top of the file
  // for every site made a file with many sites quadratic.
  const std::string_view text = m.source->text;
  const std::size_t at = std::min<std::size_t>(n.start_byte(), text.size());
  const std::size_t bol = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;  // npos + 1 == 0: the first line
  const std::size_t eol = std::min(text.find('\n', at), text.size());
  auto line = text.substr(bol, eol - bol);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  s.text = std::string(line);
  s.in_loop = loop >= 0;
  return s;
}

}  // namespace boundaudit::loops
