// The audit driver: pre-filter, parse in parallel, run the three rules per file, resolve
// caller-timeout across files, then apply bound statements, suppressions and --select/--ignore.
#include "loops/audit.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <set>

#include "core/suppression.hpp"
#include "loops/caller_timeout.hpp"
#include "loops/encoding.hpp"
#include "loops/checks.hpp"
#include "loops/chunks.hpp"
#include "loops/parallel.hpp"
#include "loops/registry.hpp"

namespace boundaudit::loops {

std::string_view to_string(Category c) {
  switch (c) {
    case Category::while_loop: return "while";
    case Category::fanout: return "fanout";
    case Category::spawn: return "spawn";
  }
  return "while";
}

std::vector<std::string> zero_site_families(const AuditResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.spawn_families)
    if (f.sites == 0) out.push_back(f.family);
  return out;
}

namespace {

// One identifier-like word: could it name a while loop, a fan-out or a spawn?
bool is_trigger_word(std::string_view w) {
  static constexpr std::array<std::string_view, 23> kExact{
      "while",      "gather",        "wait",         "as_completed", "create_task",           "ensure_future",
      "start_soon", "submit",        "subprocess",   "Popen",        "popen",                 "system",
      "fork",       "forkpty",       "Process",      "Pool",         "ProcessPoolExecutor",   "getoutput",
      "getstatusoutput", "create_subprocess_exec", "create_subprocess_shell", "posix_spawn", "posix_spawnp"};
  for (auto e : kExact)
    if (w == e) return true;
  if (w.starts_with("spawn")) return true;  // os.spawnl/v/..., pty.spawn
  if (w.size() > 4 && w.starts_with("exec") && w.find_first_not_of("lvpe", 4) == std::string_view::npos)
    return true;  // os.execv, execlp, ...
  return w.find("xecutor") != std::string_view::npos || w.find("pool") != std::string_view::npos;  // executor.map
}

}  // namespace

bool has_trigger(std::string_view text) {
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    if (!is_word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && is_word_char(text[j])) ++j;
    if (j - i >= 4 && j - i <= 24 && is_trigger_word(text.substr(i, j - i))) return true;
    i = j;
  }
  return false;
}

AuditSite make_site(const FileModel& m, Category c, ts::Node n, int scope, int loop, std::string call) {
  AuditSite s;
  s.category = c;
  s.site = m.site(n);
  s.function = m.scopes[scope].qualname;
  s.call = std::move(call);
  auto line = line_of(m.source->text, s.site.line);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  s.text = std::string(line);
  s.in_loop = loop >= 0;
  return s;
}

namespace {

struct Candidate {
  std::string name;  // simple name of the function whose while loop has no exit
  std::size_t site;  // index into FileResult::sites
};

struct FileResult {
  std::vector<AuditSite> sites;
  std::vector<Finding> notes;  // LA001 and malformed directives
  std::vector<Directive> directives;
  std::vector<Candidate> candidates;
  std::optional<InputError> error;
};

bool known_code(std::string_view code) { return find_rule(code) != nullptr; }

FileResult audit_file(const Source& original, ts::Parser& parser) {
  FileResult r;
  int bad_line = 0;
  // A file that declares another encoding (PEP 263) is audited as UTF-8; its lines stay the same.
  std::optional<Source> decoded;
  if (!is_text_utf8(original.text, &bad_line)) {
    bool nul = std::memchr(original.text.data(), 0, original.text.size()) != nullptr;
    if (!nul)
      if (auto enc = declared_encoding(original.text))
        if (auto utf8 = to_utf8(original.text, *enc)) decoded = Source{original.path, std::move(*utf8)};
    if (!decoded) {
      r.error = InputError{original.path, bad_line,
                           nul ? "binary file (NUL byte); not audited"
                               : "not valid UTF-8 and no usable coding declaration (PEP 263); not audited"};
      return r;
    }
  }
  const Source& src = decoded ? *decoded : original;
  if (src.text.find("loopaudit:") != std::string::npos) {
    auto scan = scan_directives("loopaudit", src, kSuppressionCodes, known_code);
    r.directives = std::move(scan.directives);
    r.notes = std::move(scan.problems);
  }
  if (!has_trigger(src.text)) return r;
  auto model = build_model(src, parser, /*partial=*/true);
  if (!model.tree) {
    r.error = InputError{src.path, std::nullopt, "parser gave up"};
    return r;
  }
  if (model.first_error) {
    auto n = *model.first_error;
    std::string what = ts_node_is_missing(n.raw()) ? "syntax error: missing `" + std::string(n.type()) + "`"
                                                   : "syntax error";
    r.notes.push_back(Finding{std::string(kSyntaxError.code), kSyntaxError.severity, model.site(n),
                              what + "; the file was audited with error recovery", "", {}, ""});
  }
  Analysis analysis(model);
  check_while(analysis, &r.sites);
  check_fanout(analysis, &r.sites);
  check_spawn(analysis, &r.sites);
  for (std::size_t i = 0; i < r.sites.size(); ++i) {
    const auto& s = r.sites[i];
    if (s.category != Category::while_loop || s.bounded) continue;
    auto dot = s.function.rfind('.');
    // Only a coroutine can be awaited inside wait_for()/timeout() by its callers.
    int scope = -1;
    for (std::size_t k = 0; k < model.whiles.size() && scope < 0; ++k)
      if (model.site(model.whiles[k].node) == s.site) scope = analysis.function_of(model.whiles[k].scope);
    if (scope < 0 || !model.scopes[scope].is_async) continue;
    r.candidates.push_back({dot == std::string::npos ? s.function : s.function.substr(dot + 1), i});
  }
  return r;
}

bool selected(const Config& config, std::string_view code) {
  auto matches = [&](const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& p) { return p == "ALL" || code.starts_with(p); });
  };
  if (!config.select.empty() && !matches(config.select)) return false;
  return !matches(config.ignore);
}

std::string finding_message(const AuditSite& s) {
  switch (s.category) {
    case Category::while_loop:
      return "`while` loop in `" + s.function + "` never ends: no condition, break, return or raise";
    case Category::fanout:
      return "unbounded fan-out: `" + s.call + "` in `" + s.function + "`: " + s.bound.detail;
    case Category::spawn:
      return "`" + s.call + "` inside a loop in `" + s.function + "`: " + s.bound.detail;
  }
  return {};
}

}  // namespace

AuditResult audit(std::span<const Source> sources, const Config& config, unsigned threads) {
  std::vector<FileResult> results(sources.size());
  parallel_for(sources.size(), threads, [&](std::size_t i, ts::Parser& parser) {
    try {
      results[i] = audit_file(sources[i], parser);
    } catch (const std::exception& e) {
      results[i] = FileResult{};
      results[i].error = InputError{sources[i].path, std::nullopt, std::string("internal error: ") + e.what()};
    }
  });

  // caller-timeout: a coroutine whose loop never ends, only ever awaited inside a timeout wrapper.
  std::vector<TimeoutCandidate> candidates;
  for (auto& r : results)
    for (const auto& c : r.candidates) candidates.push_back({c.name, &r.sites[c.site]});
  apply_caller_timeouts(sources, threads, candidates);

  AuditResult out;
  for (auto family : kSpawnFamilies) out.spawn_families.push_back({std::string(family), 0});
  for (std::size_t i = 0; i < results.size(); ++i) {
    auto& r = results[i];
    if (r.error) {
      out.errors.push_back(*r.error);
      continue;
    }
    ++out.files_scanned;
    // Bound statements: `# loopaudit: bound=KIND "text"` on a site's line or the line above.
    std::vector<Directive> ignores;
    std::vector<Finding> findings = std::move(r.notes);
    for (auto& d : r.directives) {
      if (d.kind == Directive::Kind::ignore) {
        ignores.push_back(std::move(d));
        continue;
      }
      if (d.bound_kind == "none") {
        findings.push_back(Finding{std::string(kInvalidSuppression.code), kInvalidSuppression.severity, d.site,
                                   "bound=none states no bound; use ignore[CODE] to accept an unbounded site",
                                   "", {}, ""});
        continue;
      }
      bool used = false;
      for (auto& s : r.sites)
        if (s.site.line == d.site.line || s.site.line == d.site.line + 1) {
          s.bound = {d.bound_kind, d.bound_text};
          s.bounded = true;
          s.rule.clear();
          used = true;
        }
      if (!used)
        findings.push_back(Finding{std::string(kUnusedSuppression.code), kUnusedSuppression.severity, d.site,
                                   "unused bound statement: no while, fan-out or spawn site here", "", {}, ""});
    }
    std::vector<Finding> rule_findings;
    for (const auto& s : r.sites)
      if (!s.rule.empty()) {
        auto info = find_rule(s.rule);
        rule_findings.push_back(Finding{s.rule, info ? info->severity : Severity::warning, s.site,
                                        finding_message(s), s.function, {}, ""});
      }
    for (auto& f : findings)
      if (f.code == kSyntaxError.code) rule_findings.push_back(std::move(f));
    std::erase_if(findings, [](const Finding& f) { return f.code == kSyntaxError.code || f.code.empty(); });
    auto kept = apply_suppressions(std::move(rule_findings), ignores, kSuppressionCodes);
    for (auto& f : kept) findings.push_back(std::move(f));
    std::erase_if(findings, [&](const Finding& f) { return !selected(config, f.code); });
    // A site's rule names a finding that was actually raised.
    std::set<std::tuple<int, int, std::string>> raised;
    for (const auto& f : findings) raised.insert({f.site.line, f.site.column, f.code});
    for (auto& s : r.sites) {
      if (!s.rule.empty() && !raised.count({s.site.line, s.site.column, s.rule})) s.rule.clear();
      if (s.category == Category::spawn)
        for (auto& f : out.spawn_families)
          if (f.family == spawn_family(s.call)) ++f.sites;
      out.sites.push_back(std::move(s));
    }
    for (auto& f : findings) out.findings.push_back(std::move(f));
  }
  auto by_place = [](const AuditSite& a, const AuditSite& b) {
    return std::tie(a.site, a.category, a.call) < std::tie(b.site, b.category, b.call);
  };
  std::stable_sort(out.sites.begin(), out.sites.end(), by_place);
  std::sort(out.findings.begin(), out.findings.end());
  std::sort(out.errors.begin(), out.errors.end());
  return out;
}

}  // namespace boundaudit::loops
