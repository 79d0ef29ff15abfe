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

namespace {

// The first line of a function's docstring, without quotes; nothing when the body does not start with a
// plain string. Read here because the tree is dropped after the per-file stage.
std::optional<std::string> docstring_summary(const FileModel& m, int scope) {
  if (scope < 0 || m.scopes[static_cast<std::size_t>(scope)].kind != Scope::Kind::function) return std::nullopt;
  auto body = m.scopes[static_cast<std::size_t>(scope)].node.field("body");
  if (body.null()) return std::nullopt;
  // Only the first statement: listing them all made every site of a long function cost its length.
  auto first = body.named_child(0);
  if (first.null() || !first.is("expression_statement")) return std::nullopt;
  auto expr = first.named_child(0);
  if (!expr.is("string")) return std::nullopt;
  std::string_view text = m.text(expr);
  while (!text.empty() && text.front() != '"' && text.front() != '\'') text.remove_prefix(1);  // r, u prefixes
  if (text.starts_with("f")) return std::nullopt;
  while (!text.empty() && (text.front() == '"' || text.front() == '\'')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == '"' || text.back() == '\'')) text.remove_suffix(1);
  // The summary is the first non-blank line.
  while (!text.empty()) {
    auto nl = text.find('\n');
    auto line = text.substr(0, nl);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (!line.empty()) return one_line(line, 90);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return std::nullopt;
}

// A comprehension among the call's arguments (`gather(*(f(x) for x in xs))`, `gather(*[...])`).
ts::Node argument_comprehension(ts::Node call) {
  auto args = call.field("arguments");
  if (args.null()) return {};
  if (is_comprehension(args)) return args;  // f(x for x in xs)
  for (auto a : ts::named_children(args)) {
    auto inner = a.is("list_splat") ? strip(a.named_child(0)) : strip(a);
    if (is_comprehension(inner)) return inner;
  }
  return {};
}

}  // namespace

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
  s.purpose = docstring_summary(m, m.function_of(scope));
  if (c == Category::while_loop) {
    if (auto cond = n.field("condition"); !cond.null()) s.subject = one_line(m.text(cond), 50);
    return s;
  }
  if (loop >= 0 && !m.loops[static_cast<std::size_t>(loop)].iterable.null()) {
    s.per_item = one_line(m.text(m.loops[static_cast<std::size_t>(loop)].iterable), 40);
  } else if (auto comp = argument_comprehension(n); !comp.null()) {
    if (auto clause = first_for_in(comp); !clause.null() && !clause.field("right").null())
      s.per_item = one_line(m.text(clause.field("right")), 40);
  }
  if (auto args = n.field("arguments"); !args.null() && args.is("argument_list")) {
    auto list = ts::named_children(args);
    if (!list.empty()) s.subject = one_line(m.text(list.front()), 50);
  }
  return s;
}

}  // namespace boundaudit::loops
