#include "loops/chunks.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cctype>


namespace boundaudit::loops {
namespace {

bool starts_with_word(std::string_view line, std::string_view word) {
  if (!line.starts_with(word)) return false;
  if (line.size() == word.size()) return true;
  char c = line[word.size()];
  return !(std::isalnum(static_cast<unsigned char>(c)) || c == '_');
}

bool continues_previous(std::string_view s) {
  return starts_with_word(s, "else") || starts_with_word(s, "elif") || starts_with_word(s, "except") ||
         starts_with_word(s, "finally");
}

bool mentions_limiter(std::string_view t) {
  static constexpr std::array<std::string_view, 5> kWords{"sem", "Sem", "limit", "Limit", "acquire"};
  for (auto w : kWords)
    if (t.find(w) != std::string_view::npos) return true;
  return false;
}

struct Piece {
  uint32_t first = 0, last = 0;  // logical lines [first, last) of this statement
};

// Groups logical lines [a, b) into statements at indentation `indent`: decorators join the definition
// below, else/elif/except/finally join the statement above, deeper lines join the current statement.
std::vector<Piece> statements(const std::vector<LogicalLine>& lines, std::string_view text, uint32_t a, uint32_t b,
                              uint32_t indent) {
  std::vector<Piece> out;
  bool decorator_open = false;
  for (uint32_t i = a; i < b; ++i) {
    const auto& l = lines[i];
    auto s = text.substr(l.begin + l.indent);
    if (l.indent != indent || (!out.empty() && (decorator_open || continues_previous(s)))) {
      if (out.empty()) out.push_back({i, i});
      out.back().last = i + 1;
      if (l.indent == indent) decorator_open = s.starts_with("@");
      continue;
    }
    out.push_back({i, i + 1});
    decorator_open = s.starts_with("@");
  }
  return out;
}

class RangeBuilder {
 public:
  explicit RangeBuilder(std::string_view text) : text_(text) {}
  void add(uint32_t begin, uint32_t row, uint32_t end, uint32_t end_row) {
    if (begin >= end) return;
    TSPoint end_point{end_row, 0};
    if (end == text_.size()) {
      auto nl = text_.rfind('\n');
      end_point = {end_row, static_cast<uint32_t>(nl == std::string_view::npos ? text_.size() : text_.size() - nl - 1)};
    }
    kept_ += end - begin;
    if (!ranges_.empty() && ranges_.back().end_byte == begin) {
      ranges_.back().end_byte = end;
      ranges_.back().end_point = end_point;
      return;
    }
    ranges_.push_back(TSRange{{row, 0}, end_point, begin, end});
  }
  std::size_t kept() const { return kept_; }
  std::vector<TSRange> take() { return std::move(ranges_); }

 private:
  std::string_view text_;
  std::vector<TSRange> ranges_;
  std::size_t kept_ = 0;
};

bool mentions_any(std::string_view text, const std::vector<std::string_view>& words) {
  for (auto w : words)
    for (auto at = text.find(w); at != std::string_view::npos; at = text.find(w, at + 1)) {
      bool left = at == 0 || !is_word_char(text[at - 1]);
      bool right = at + w.size() >= text.size() || !is_word_char(text[at + w.size()]);
      if (left && right) return true;
    }
  return false;
}

// `with NAME:` / `async with self.NAME:`: a bare name entered as a context manager, the way limiters
// and locks are used. A definition that does this may acquire a limiter a task relies on.
bool mentions_bare_with(std::string_view t) {
  for (auto at = t.find("with "); at != std::string_view::npos; at = t.find("with ", at + 5)) {
    if (at > 0 && is_word_char(t[at - 1])) continue;
    std::size_t i = at + 5;
    while (i < t.size() && t[i] == ' ') ++i;
    std::size_t start = i;
    while (i < t.size() && (is_word_char(t[i]) || t[i] == '.')) ++i;
    if (i == start) continue;
    while (i < t.size() && t[i] == ' ') ++i;
    if (i < t.size() && (t[i] == ':' || t[i] == ',')) return true;
  }
  return false;
}

// Places that may change a name in place or rebind it: `N.append(`, `N.add(`, `N[k] =`, `N +=`, ...,
// and `global N`. Found once per file with fast substring searches; a definition holding one for a
// watched name must be parsed, or a collection it fills would pass for a constant.
struct MutationSite {
  uint32_t pos;
  std::string_view word;  // the receiver (or the name after `global`)
};

std::string_view word_before(std::string_view t, std::size_t end) {
  while (end > 0 && t[end - 1] == ' ') --end;
  std::size_t b = end;
  while (b > 0 && is_word_char(t[b - 1])) --b;
  return t.substr(b, end - b);
}

std::vector<MutationSite> mutation_sites(std::string_view t) {
  std::vector<MutationSite> out;
  // `.method(` for the methods that change a collection in place, found from each '.' (one pass, not
  // one per method), and `+=` / `|=` from each '='.
  static constexpr std::array<std::string_view, 10> kMethods{"append(", "extend(", "add(", "update(", "insert(",
                                                             "setdefault(", "appendleft(", "extendleft(",
                                                             "put_nowait(", "__setitem__("};
  auto add = [&](std::size_t at) {
    auto w = word_before(t, at);
    if (!w.empty()) out.push_back({static_cast<uint32_t>(at), w});
  };
  for (auto at = t.find('.'); at != std::string_view::npos; at = t.find('.', at + 1)) {
    auto rest = t.substr(at + 1);
    if (std::any_of(kMethods.begin(), kMethods.end(), [&](std::string_view m) { return rest.starts_with(m); })) add(at);
  }
  for (auto at = t.find('='); at != std::string_view::npos; at = t.find('=', at + 1))
    if (at > 0 && (t[at - 1] == '+' || t[at - 1] == '|')) add(at - 1);
  // N[k] = v (not a read, not a comparison, not an annotation such as `x: ClassVar[int] = 1`).
  for (auto at = t.find(']'); at != std::string_view::npos; at = t.find(']', at + 1)) {
    std::size_t k = at + 1;
    while (k < t.size() && t[k] == ' ') ++k;
    if (k + 1 >= t.size() || t[k] != '=' || t[k + 1] == '=') continue;
    int depth = 0;
    std::size_t open = at + 1;
    for (std::size_t i = at + 1; i-- > 0 && at - i < 512;) {
      if (t[i] == ']') ++depth;
      else if (t[i] == '[' && --depth == 0) {
        open = i;
        break;
      } else if (t[i] == '\n') break;
    }
    if (open > at) continue;
    auto w = word_before(t, open);
    if (w.empty()) continue;
    std::size_t b = static_cast<std::size_t>(w.data() - t.data());
    while (b > 0 && t[b - 1] == ' ') --b;
    if (b > 0 && (t[b - 1] == ':' || t[b - 1] == '>' || t[b - 1] == '[' || t[b - 1] == ',')) continue;
    out.push_back({static_cast<uint32_t>(open), w});
  }
  for (auto at = t.find("global "); at != std::string_view::npos; at = t.find("global ", at + 1)) {
    if (at > 0 && is_word_char(t[at - 1])) continue;
    std::size_t i = at + 7;
    while (i < t.size() && t[i] != '\n' && t[i] != ';' && t[i] != '#') {
      while (i < t.size() && (t[i] == ' ' || t[i] == ',')) ++i;
      std::size_t b = i;
      while (i < t.size() && is_word_char(t[i])) ++i;
      if (i == b) break;
      out.push_back({static_cast<uint32_t>(b), t.substr(b, i - b)});
    }
  }
  std::sort(out.begin(), out.end(), [](const MutationSite& a, const MutationSite& b) { return a.pos < b.pos; });
  return out;
}

bool mutates_in(const std::vector<MutationSite>& sites, std::string_view text, std::string_view piece,
                const std::vector<std::string_view>& names) {
  if (names.empty() || sites.empty()) return false;
  auto begin = static_cast<uint32_t>(piece.data() - text.data());
  auto end = begin + static_cast<uint32_t>(piece.size());
  auto it = std::lower_bound(sites.begin(), sites.end(), begin, [](const MutationSite& m, uint32_t p) { return m.pos < p; });
  for (; it != sites.end() && it->pos < end; ++it)
    if (std::find(names.begin(), names.end(), it->word) != names.end()) return true;
  return false;
}

// The dotted words of an import statement ("from", "a.b", "import", "C", "as", "D").
std::vector<std::string_view> import_words(std::string_view s) {
  std::vector<std::string_view> w;
  for (std::size_t i = 0; i < s.size();) {
    if (!is_word_char(s[i]) && s[i] != '.') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && (is_word_char(s[j]) || s[j] == '.')) ++j;
    w.push_back(s.substr(i, j - i));
    i = j;
  }
  return w;
}

// Every local name an import statement binds (`from x import A as B` -> B, `import a.b` -> a).
void all_imported_names(std::string_view stmt, std::vector<std::string_view>* out) {
  auto w = import_words(stmt);
  std::size_t first = !w.empty() && w[0] == "from" ? 3 : 1;
  if (first == 3 && (w.size() < 4 || w[2] != "import")) return;
  for (std::size_t i = first; i < w.size(); ++i) {
    if (w[i] == "as") continue;
    if (i + 1 < w.size() && w[i + 1] == "as") continue;  // the alias that follows is the bound name
    auto name = w[i].substr(0, w[i].find('.'));
    if (!name.empty()) out->push_back(name);
  }
}

// A definition that raises and never returns or yields may be a function that always raises, which a
// loop can use as its exit (`fail("...")`).
bool may_always_raise(std::string_view t) {
  // Such helpers are a few lines long; a long definition that raises is a body, not a helper.
  return t.size() <= 800 && mentions_any(t, {"raise"}) && !mentions_any(t, {"return"}) && !mentions_any(t, {"yield"});
}

// The name a top-level `NAME = <collection literal>` statement binds, or "".
std::string_view collection_name(std::string_view head) {
  std::size_t i = 0;
  while (i < head.size() && is_word_char(head[i])) ++i;
  if (i == 0) return {};
  auto name = head.substr(0, i);
  while (i < head.size() && (head[i] == ' ' || head[i] == ':' || is_word_char(head[i]) || head[i] == '[' || head[i] == ']'))
    ++i;
  if (i + 1 >= head.size() || head[i] != '=' || head[i + 1] == '=') return {};
  auto rhs = head.substr(i + 1);
  while (!rhs.empty() && rhs.front() == ' ') rhs.remove_prefix(1);
  bool collection = rhs.starts_with("(") || rhs.starts_with("[") || rhs.starts_with("{") || rhs.starts_with("frozenset(") ||
                    rhs.starts_with("tuple(") || rhs.starts_with("set(") || rhs.starts_with("list(") || rhs.starts_with("dict(");
  return collection ? name : std::string_view{};
}

// The local names an import statement binds from the modules loopaudit cares about.
void imported_names(std::string_view stmt, std::vector<std::string_view>* out) {
  static constexpr std::array<std::string_view, 9> kModules{"subprocess", "os",    "pty",  "asyncio",      "multiprocessing",
                                                            "concurrent", "anyio", "trio", "async_timeout"};
  auto relevant = [&](std::string_view module) {
    auto top = module.substr(0, module.find('.'));
    for (auto m : kModules)
      if (top == m) return true;
    return false;
  };
  auto w = import_words(stmt);
  if (w.size() >= 4 && w[0] == "from" && w[2] == "import") {
    if (!relevant(w[1])) return;
    for (std::size_t i = 3; i < w.size(); ++i)
      if (w[i] != "as" && (i + 1 >= w.size() || w[i + 1] != "as")) out->push_back(w[i]);
  } else if (w.size() >= 2 && w[0] == "import") {
    for (std::size_t i = 1; i + 2 < w.size(); ++i)
      if (w[i + 1] == "as" && relevant(w[i])) out->push_back(w[i + 2]);
  }
}

}  // namespace

std::vector<LogicalLine> logical_lines(std::string_view text) {
  std::vector<LogicalLine> lines;
  const std::size_t n = text.size();
  int depth = 0;
  char quote = 0;
  bool triple = false, continuation = false;
  uint32_t row = 0;
  auto line_start = [&](std::size_t at) {
    std::size_t k = at;
    while (k < n && (text[k] == ' ' || text[k] == '\t' || text[k] == '\f')) ++k;
    if (k >= n || text[k] == '\n' || text[k] == '\r' || text[k] == '#') return;
    lines.push_back({static_cast<uint32_t>(at), row, static_cast<uint32_t>(k - at)});
  };
  // Bytes the loop below must look at outside strings; runs of any other byte are skipped in one go.
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : std::string_view("#\"'([{)]}\\\n")) t[c] = true;
    return t;
  }();
  line_start(0);
  for (std::size_t i = 0; i < n;) {
    if (!quote)
      while (i < n && !kSpecial[static_cast<unsigned char>(text[i])]) ++i;
    else
      while (i < n && text[i] != quote && text[i] != '\\' && text[i] != '\n') ++i;
    if (i >= n) break;
    char c = text[i];
    if (quote) {
      if (c == '\\') {
        // The escaped character; a backslash at the line end continues the string on the next line,
        // also before a CRLF (whose \r alone is not the line end).
        if (i + 2 < n && text[i + 1] == '\r' && text[i + 2] == '\n') ++i;
        if (i + 1 < n && text[i + 1] == '\n') ++row;
        i += 2;
      } else if (c == '\n') {
        ++row;
        ++i;
        if (!triple) {  // an unterminated one-line string ends at the line end
          quote = 0;
          if (depth == 0) line_start(i);
        }
      } else if (c == quote && (!triple || (i + 2 < n && text[i + 1] == quote && text[i + 2] == quote))) {
        i += triple ? 3 : 1;
        quote = 0;
      } else {
        ++i;
      }
      continue;
    }
    if (c == '#') {
      auto eol = text.find('\n', i);
      i = eol == std::string_view::npos ? n : eol;
      continue;
    }
    if (c == '"' || c == '\'') {
      triple = i + 2 < n && text[i + 1] == c && text[i + 2] == c;
      quote = c;
      i += triple ? 3 : 1;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == '\\' && i + 1 < n && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
      continuation = true;
    } else if (c == '\n') {
      ++row;
      if (depth == 0 && !continuation) line_start(i + 1);
      continuation = false;
    }
    ++i;
  }
  return lines;
}

// A file's logical lines with the byte offset and row where each begins (past the end: the file's end).
constexpr std::size_t kModuleTable = 32 * 1024;  // module constants a fan-out may iterate (static-table)

struct LineTable {
  explicit LineTable(std::string_view text) : text(text), lines(logical_lines(text)) {
    for (char c : text) end_row += c == '\n';
  }
  uint32_t count() const { return static_cast<uint32_t>(lines.size()); }
  uint32_t begin_of(uint32_t i) const { return i < count() ? lines[i].begin : static_cast<uint32_t>(text.size()); }
  uint32_t row_of(uint32_t i) const { return i < count() ? lines[i].row : end_row; }
  // The text of a statement, from the start of its first line.
  std::string_view text_of(const Piece& p) const { return text.substr(begin_of(p.first), begin_of(p.last) - begin_of(p.first)); }
  void add(RangeBuilder& b, const Piece& p) const { b.add(begin_of(p.first), row_of(p.first), begin_of(p.last), row_of(p.last)); }
  std::string_view text;
  std::vector<LogicalLine> lines;
  uint32_t end_row = 0;
};

// True when every dedent returns to the indentation of an enclosing block. Python rejects a file where
// one does not (IndentationError), but tree-sitter's scanner accepts it and closes every block deeper
// than the new column, so the statements after it move out of their class. A cut that leaves that
// line out would keep them in: such a file is parsed whole. Widths are the scanner's (a tab is 8, a
// form feed starts over), so that both agree on what a dedent is.
bool dedents_match(std::string_view text, const std::vector<LogicalLine>& lines) {
  std::vector<uint32_t> open{0};
  for (const auto& l : lines) {
    uint32_t width = 0;
    for (char c : text.substr(l.begin, l.indent)) width = c == '\t' ? width + 8 : c == '\f' ? 0 : width + 1;
    if (width > open.back()) {
      open.push_back(width);  // a new block (after a line that ends in `:`, else a syntax error)
      continue;
    }
    while (width < open.back()) open.pop_back();
    if (width != open.back()) return false;
  }
  return true;
}

std::vector<TSRange> ranges_to_parse(std::string_view text) {
  constexpr std::size_t kSmallFile = 2 * 1024;  // below this, cutting does not pay
  constexpr std::size_t kSmallStatement = 1024;
  if (text.size() < kSmallFile) return {};
  const LineTable table(text);
  const auto& lines = table.lines;
  if (lines.empty() || !dedents_match(text, lines)) return {};
  const auto count = table.count();
  auto begin_of = [&](uint32_t i) { return table.begin_of(i); };
  auto row_of = [&](uint32_t i) { return table.row_of(i); };
  auto body_of = [&](const Piece& p) { return table.text_of(p); };
  auto is_definition = [&](const Piece& p) {
    auto s = text.substr(lines[p.first].begin + lines[p.first].indent);
    return s.starts_with("@") || starts_with_word(s, "def") || starts_with_word(s, "class") ||
           starts_with_word(s, "async");
  };
  auto add = [&](RangeBuilder& b, const Piece& p) { table.add(b, p); };

  auto tops = statements(lines, text, 0, count, 0);
  // Names bound by module-level imports from the spawn and asyncio modules (`from subprocess import
  // check_output`, `import subprocess as sp`): a definition using one of them must be parsed.
  std::vector<std::string_view> aliases;
  // Names whose in-place changes decide whether a collection is a constant: module collections and
  // every imported name (a constant of another module, mutated here).
  std::vector<std::string_view> watched;
  for (const auto& top : tops) {
    auto head = table.text_of(top);
    if (starts_with_word(head, "import") || starts_with_word(head, "from")) {
      imported_names(head, &aliases);
      all_imported_names(head, &watched);
    } else if (auto name = collection_name(head); !name.empty()) {
      watched.push_back(name);
    }
  }
  // A limiter is known only from its constructor or a parameter's type in the same file (evidence.cpp
  // resolves limiters within the file): a definition that may hold one (`sem`, `limit`, `.acquire()`,
  // a bare `with NAME:`) matters only where the file names a limiter type.
  const auto mutations = mutation_sites(text);
  const bool limiters_here = text.find("Semaphore") != std::string_view::npos ||
                             text.find("CapacityLimiter") != std::string_view::npos;
  auto matters = [&](std::string_view b) {
    return has_code_trigger(b) || (limiters_here && (mentions_limiter(b) || mentions_bare_with(b))) ||
           mentions_any(b, aliases) || has_wrapper_word(b) || mutates_in(mutations, text, b, watched) ||
           may_always_raise(b);
  };
  RangeBuilder out(text);
  for (const auto& top : tops) {
    auto body = body_of(top);
    auto head = text.substr(lines[top.first].begin);
    bool import = starts_with_word(head, "import") || starts_with_word(head, "from");
    if (import) {
      add(out, top);
      continue;
    }
    bool wanted = matters(body);
    if (!is_definition(top)) {
      if (wanted || body.size() <= kModuleTable) add(out, top);
      continue;
    }
    if (!wanted) continue;
    // A large class: keep its header, small class-level statements and the methods that matter.
    uint32_t header_end = top.first;
    while (header_end < top.last && lines[header_end].indent == 0) ++header_end;
    bool is_class = false;
    for (uint32_t i = top.first; i < header_end; ++i)
      is_class = is_class || starts_with_word(text.substr(lines[i].begin), "class");
    // Decorated classes and multi-line class headers are kept whole (rare, and simpler).
    if (!is_class || header_end != top.first + 1 || header_end >= top.last || body.size() <= 2 * kSmallStatement) {
      add(out, top);
      continue;
    }
    RangeBuilder inner(text);
    inner.add(begin_of(top.first), row_of(top.first), begin_of(header_end), row_of(header_end));
    bool any_method = false;
    auto members = statements(lines, text, header_end, top.last, lines[header_end].indent);
    // Class-level collections: a method that changes one (self.N.append) must be parsed too.
    std::vector<std::string_view> class_names;
    for (const auto& member : members)
      if (!is_definition(member))
        if (auto name = collection_name(text.substr(lines[member.first].begin + lines[member.first].indent)); !name.empty())
          class_names.push_back(name);
    for (const auto& member : members) {
      auto mb = body_of(member);
      bool wanted_member = matters(mb) || mutates_in(mutations, text, mb, class_names);
      bool keep = is_definition(member)
                      ? wanted_member
                      : (wanted_member || mb.size() <= kSmallStatement ||
                         !collection_name(text.substr(lines[member.first].begin + lines[member.first].indent)).empty());
      if (keep) {
        add(inner, member);
        any_method = any_method || is_definition(member);
      }
    }
    if (!any_method) {
      add(out, top);
      continue;
    }
    for (const auto& r : inner.take()) out.add(r.start_byte, r.start_point.row, r.end_byte, r.end_point.row);
  }
  if (out.kept() * 10 > text.size() * 7) return {};  // most of it anyway: parse the whole file
  return out.take();
}

std::vector<TSRange> summary_ranges(std::string_view text, bool imports) {
  const LineTable table(text);
  if (table.lines.empty()) return {};
  auto tops = statements(table.lines, text, 0, table.count(), 0);
  auto is_import = [](std::string_view head) { return starts_with_word(head, "import") || starts_with_word(head, "from"); };
  std::vector<std::string_view> imported;
  for (const auto& top : tops)
    if (auto head = table.text_of(top); is_import(head)) all_imported_names(head, &imported);
  // A statement that changes an imported collection in place (`PROBES.append(...)`, in a function or
  // not) makes that constant of another module dynamic: it and the imports must be modelled.
  const auto mutations = mutation_sites(text);
  std::vector<bool> mutating(tops.size(), false);
  bool any_mutation = false;
  for (std::size_t k = 0; k < tops.size(); ++k) {
    auto head = table.text_of(tops[k]);
    if (is_import(head)) continue;
    mutating[k] = mutates_in(mutations, text, head, imported);
    any_mutation = any_mutation || mutating[k];
  }
  RangeBuilder out(text);
  for (std::size_t k = 0; k < tops.size(); ++k) {
    auto head = table.text_of(tops[k]);
    bool keep = (imports || any_mutation) && is_import(head);
    keep = keep || mutating[k] || (head.size() <= kModuleTable && !collection_name(head).empty());
    if (keep) table.add(out, tops[k]);
  }
  return out.take();
}

}  // namespace boundaudit::loops

namespace boundaudit::loops {

bool has_code_trigger(std::string_view text) {
  // The plain scan first: most texts hold no trigger word at all, and it is cheaper than the lexer.
  return has_trigger(text) && for_each_code_word(text, [](std::string_view w) { return is_trigger_word(w); });
}

bool changes_imported(std::string_view text) {
  auto sites = mutation_sites(text);
  if (sites.empty()) return false;
  std::vector<std::string_view> imported;
  for (auto at = text.find("import"); at != std::string_view::npos; at = text.find("import", at + 6)) {
    auto bol = text.rfind('\n', at);
    bol = bol == std::string_view::npos ? 0 : bol + 1;
    auto eol = text.find('\n', at);
    auto line = text.substr(bol, eol == std::string_view::npos ? std::string_view::npos : eol - bol);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.starts_with("import ") || line.starts_with("from ")) all_imported_names(line, &imported);
  }
  for (const auto& m : sites)
    if (std::find(imported.begin(), imported.end(), m.word) != imported.end()) return true;
  return false;
}

}  // namespace boundaudit::loops
