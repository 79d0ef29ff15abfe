#include "report/loop_region.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>

#include <fmt/format.h>

#include "loops/facts.hpp"
#include "report/region_common.hpp"
#include "report/report.hpp"

namespace boundaudit::report {
namespace {

using loops::AuditSite;
using loops::BoundKind;
using loops::Category;
using loops::Gap;

std::string_view last_name(std::string_view dotted) {
  auto dot = dotted.rfind('.');
  return dot == std::string_view::npos ? dotted : dotted.substr(dot + 1);
}

// `["git", "--version"]` -> `git --version`; any other argument as written.
std::string command_words(std::string_view arg) {
  if (!arg.starts_with('[') && !arg.starts_with('(')) return std::string(arg);
  std::string out;
  std::size_t i = 1;
  while (i < arg.size()) {
    char c = arg[i];
    if (c == '"' || c == '\'') {
      auto close = arg.find(c, i + 1);
      if (close == std::string_view::npos) break;
      if (!out.empty()) out += ' ';
      out += arg.substr(i + 1, close - i - 1);
      i = close + 1;
    } else if (c == ',' || c == ' ' || c == ']' || c == ')') {
      ++i;
    } else {  // a name or an expression: not a literal word
      out += out.empty() ? "..." : " ...";
      while (i < arg.size() && arg[i] != ',' && arg[i] != ']' && arg[i] != ')') ++i;
    }
  }
  return out.empty() ? std::string(arg) : out;
}

std::string while_phrase(const AuditSite& s) {
  const bool forever = !s.subject || *s.subject == "True" || *s.subject == "1";
  if (s.gap == Gap::poll) return forever ? "polls with no time limit" : "polls " + code_span(*s.subject);
  if (s.gap == Gap::no_exit) return forever ? "runs for ever" : "spins on " + code_span(*s.subject);
  if (s.bound) switch (s.bound->kind) {
      case BoundKind::eof_guard: return "reads a stream to its end";
      case BoundKind::pagination: return "fetches page after page";
      case BoundKind::iterator: return "drains until exhausted";
      case BoundKind::generator: return "yields while its consumer pulls";
      case BoundKind::counter:
        if (forever) return "tries a counted number of times";
        break;
      case BoundKind::deadline:
      case BoundKind::timeout_arg:
      case BoundKind::timeout_scope:
      case BoundKind::caller_timeout:
        if (forever) return "retries until done or timed out";
        break;
      default: break;
    }
  if (forever) return "loops until an exit";
  return "runs while " + code_span(*s.subject);
}

std::string call_phrase(const AuditSite& s) {
  const std::string call = code_span(last_name(s.call));
  const std::string_view c = s.call;
  if (s.category == Category::spawn) {
    std::string what = call;
    if (s.subject) {
      what = "runs ";
      what += code_span(loops::one_line(command_words(*s.subject), 50));
    }
    if (s.per_item) return what + " once per item of " + code_span(*s.per_item);
    return s.in_loop ? what + " on each pass of a loop" : what;
  }
  if (c == "asyncio.gather" || c == "asyncio.wait" || c == "asyncio.as_completed") {
    if (s.per_item) return call + " of one task per item of " + code_span(*s.per_item);
    if (s.subject && s.subject->starts_with('*')) return call + " of the tasks in " + code_span(s.subject->substr(1));
    if (s.subject && !s.subject->starts_with('(') && !s.subject->starts_with('['))
      return call + " of " + code_span(*s.subject) + (s.in_loop ? " on each pass of a loop" : "");
    return call + " of fixed awaitables";
  }
  if (s.per_item) return call + ": one task per item of " + code_span(*s.per_item);
  if (s.in_loop) return call + ": one task on each pass of a loop";
  return call + ": one task";
}

// The bound in words: the analysis' detail, with its number when the detail does not say it. all:
// every site of the result (an unbounded fan-out whose tasks another site started names that site).
std::string bound_words(const loops::AuditResult& result, const std::vector<AuditSite>& all, const AuditSite& s) {
  if (!s.bounded()) {
    std::string out = "**unbounded**";
    if (const Finding* f = loops::finding_at(result, s)) out += " (" + f->code + ")";
    if (s.reported_at_line > 0) {
      for (const auto& other : all)
        if (other.site.path == s.site.path && other.site.line == s.reported_at_line && other.function == s.function)
          return out + ": waits for the tasks " + code_span(last_name(other.call)) + " starts in the loop (reported there)";
    }
    // The first clause says what is missing; what follows (after "; " or " (") adds other evidence
    // or an aside, which the JSON and text reports carry in full.
    std::string_view missing = s.missing;
    missing = missing.substr(0, missing.find("; "));
    if (auto aside = missing.find(" ("); aside != std::string_view::npos && aside >= 20) missing = missing.substr(0, aside);
    if (!missing.empty()) out += ": " + loops::one_line(missing, 110);
    return out;
  }
  // Where the row already says it, the analysis' detail is said shorter: `single` names the function
  // the Location shows, and a `condition` row without a docstring shows the condition as its What.
  if (s.bound->kind == BoundKind::single && !s.bound->stated)
    return s.category == Category::spawn ? "one process per call" : "one task per call";
  if (s.bound->kind == BoundKind::condition && !s.bound->stated && !s.purpose && s.subject &&
      s.bound->detail.find("(the body changes it)") != std::string::npos)
    return "the body changes the condition";
  std::string out = s.bound->detail.empty() ? std::string(to_string(s.bound->kind)) : s.bound->detail;
  if (s.bound->limit) {
    const double v = s.bound->limit->value;
    const std::string n = v == std::floor(v) ? fmt::format("{}", static_cast<long long>(v)) : fmt::format("{}", v);
    if (out.find(n) == std::string::npos) {
      const bool one = v == 1;
      switch (s.bound->limit->unit) {
        case loops::Unit::seconds: out += fmt::format(" ({} s)", n); break;
        case loops::Unit::tasks: out += fmt::format(" (at most {} in flight)", n); break;
        case loops::Unit::items: out += fmt::format(" (at most {} item{})", n, one ? "" : "s"); break;
        case loops::Unit::processes: out += fmt::format(" (at most {} process{})", n, one ? "" : "es"); break;
        case loops::Unit::attempts: out += fmt::format(" (at most {} attempt{})", n, one ? "" : "s"); break;
      }
    }
  }
  return out;
}

struct CategoryInfo {
  Category category;
  std::string_view one, many;  // "`while` loop", "`while` loops"
};
constexpr CategoryInfo kCategories[] = {
    {Category::while_loop, "`while` loop", "`while` loops"},
    {Category::fanout, "fan-out", "fan-outs"},
    {Category::spawn, "process spawn", "process spawns"},
};

std::string gap_words(Gap g, std::size_t n) {
  switch (g) {
    case Gap::no_exit: return counted(n, "with no exit", "with no exit");
    case Gap::poll: return counted(n, "poll", "polls");
    case Gap::dynamic_fanout: return counted(n, "growing fan-out", "growing fan-outs");
    case Gap::unsized_fanout: return counted(n, "of unknown size", "of unknown size");
    case Gap::spawn_per_item: return counted(n, "spawn per item", "spawns per item");
  }
  return std::to_string(n);
}

std::string summary(const CategoryInfo& info, const std::vector<const AuditSite*>& rows) {
  std::map<Gap, std::size_t> gaps;
  std::size_t bounded = 0, joined_elsewhere = 0;
  for (const auto* s : rows) {
    if (s->bounded()) ++bounded;
    else if (s->reported_at_line > 0) ++joined_elsewhere;
    else if (s->gap) ++gaps[*s->gap];
  }
  std::string out = fmt::format("**{}**", counted(rows.size(), info.one, info.many));
  if (rows.empty()) return out + ".";
  const std::size_t unbounded = rows.size() - bounded;
  if (unbounded == 0) return out + (rows.size() == 1 ? ": bounded." : ": all bounded.");
  std::vector<std::string> parts;
  for (const auto& [gap, n] : gaps) parts.push_back(gap_words(gap, n));
  if (joined_elsewhere) parts.push_back(fmt::format("{} waiting on tasks counted at their start", joined_elsewhere));
  std::string list;
  for (std::size_t i = 0; i < parts.size(); ++i) list += (i ? ", " : "") + parts[i];
  return out + fmt::format(": {} bounded, {} unbounded ({}).", bounded, unbounded, list);
}

// The folder below the one all paths share, for the group headings ("" when a file lies there).
std::string top_folder(std::string_view path, std::size_t common) {
  auto rest = path.substr(common);
  auto slash = rest.find('/');
  return slash == std::string_view::npos ? "" : std::string(path.substr(0, common + slash + 1));
}

std::size_t common_dir_length(const std::vector<std::string>& paths) {
  if (paths.empty()) return 0;
  std::string_view first = paths.front();
  std::size_t len = first.rfind('/') == std::string_view::npos ? 0 : first.rfind('/') + 1;
  for (const auto& p : paths) {
    std::size_t i = 0;
    while (i < len && i < p.size() && p[i] == first[i]) ++i;
    len = i;
  }
  while (len > 0 && first[len - 1] != '/') --len;  // whole components only
  return len;
}

}  // namespace

std::string site_purpose(const AuditSite& s) {
  if (s.purpose) {  // a docstring's summary, cut at a word near 60 characters when longer than 72
    if (s.purpose->size() <= 72) return *s.purpose;
    auto cut = s.purpose->rfind(' ', 60);
    return s.purpose->substr(0, cut == std::string::npos || cut < 30 ? 60 : cut) + " ...";
  }
  return s.category == Category::while_loop ? while_phrase(s) : call_phrase(s);
}

void write_loop_region(std::ostream& out, const loops::AuditResult& result, const LoopRegionOptions& options) {
  // Paths as the doc sees them, and the short names that stay unique over the whole region.
  const std::vector<AuditSite> all(result.sites.begin(), result.sites.end());  // read back once
  std::vector<const AuditSite*> sites;  // the region's
  for (const auto& s : all)
    if (!options.category || s.category == *options.category) sites.push_back(&s);
  std::map<const AuditSite*, std::string> rel;
  std::vector<std::string> paths;
  for (const auto* s : sites) {
    rel[s] = relative_to(s->site.path, options.base);
    paths.push_back(rel[s]);
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  const auto shorts = unique_suffixes(paths);
  const std::size_t common = common_dir_length(paths);
  std::map<std::string, int> groups_seen;
  for (const auto& p : paths) groups_seen[top_folder(p, common)] = 1;
  const bool grouped = groups_seen.size() > 1;
  const std::string root = paths.empty() || common == 0 ? "./" : paths.front().substr(0, common);  // files above the folders

  // Location labels: short path and function, with an ordinal among the function's sites of a category.
  std::map<const AuditSite*, std::string> labels;
  std::map<std::tuple<std::string, std::string, Category>, int> seen, total;
  for (const auto* s : sites) ++total[{s->site.path, s->function, s->category}];
  for (const auto* s : sites) {
    int nth = ++seen[{s->site.path, s->function, s->category}];
    std::string file = shorts.at(rel[s]);
    std::string label = options.lines ? fmt::format("[{}]({}#L{})", code_span(fmt::format("{}:{}", file, s->site.line)),
                                                    rel[s], s->site.line)
                                      : code_span(file);
    label += ' ';
    label += code_span(s->function);
    if (total[{s->site.path, s->function, s->category}] > 1 && nth > 1) label += fmt::format(" #{}", nth);
    labels[s] = label;
  }

  bool first = true;
  for (const auto& info : kCategories) {
    if (options.category && *options.category != info.category) continue;
    std::vector<const AuditSite*> rows;
    for (const auto* s : sites)
      if (s->category == info.category) rows.push_back(s);
    if (!first) out << '\n';
    first = false;
    out << summary(info, rows) << '\n';
    std::string group;
    bool header = false;
    for (const auto* s : rows) {
      std::string g = top_folder(rel[s], common);
      if (grouped && (!header || g != group)) {
        out << "\n#### " << code_span(g.empty() ? root : g) << '\n';
        header = false;
      }
      group = g;
      if (!header) out << "\n| Location | What | Bound |\n|---|---|---|\n";
      header = true;
      out << "| " << markdown_cell(labels[s]) << " | " << markdown_cell(site_purpose(*s)) << " | "
          << markdown_cell(bound_words(result, all, *s)) << " |\n";
    }
    if (info.category == Category::spawn && !options.empty_spawn_families.empty()) {
      std::string names;
      const auto& f = options.empty_spawn_families;
      for (std::size_t i = 0; i < f.size(); ++i)
        names += (i == 0 ? "" : i + 1 == f.size() ? (f.size() > 2 ? ", or " : " or ") : ", ") + code_span(f[i]);
      out << "\nNo " << names << " spawns.\n";
    }
  }
  if (!result.errors.empty()) {
    out << fmt::format("\n**{}**:\n\n", counted(result.errors.size(), "input error", "input errors"));
    for (const auto& e : result.errors)
      out << "- " << code_span(relative_to(e.path, options.base)) << (e.line ? fmt::format(" line {}", *e.line) : "")
          << ": " << e.message << '\n';
  }
}

}  // namespace boundaudit::report
