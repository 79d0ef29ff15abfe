#include "loops/caller_timeout.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "loops/analysis.hpp"
#include "loops/parallel.hpp"

namespace boundaudit::loops {
namespace {

bool is_timeout_wrapper(std::string_view resolved) {
  return resolved == "asyncio.wait_for" || resolved == "asyncio.timeout" || resolved == "asyncio.timeout_at" ||
         resolved == "async_timeout.timeout" || resolved == "anyio.fail_after" || resolved == "anyio.move_on_after" ||
         resolved == "trio.fail_after" || resolved == "trio.move_on_after";
}

// How each call of a candidate function is wrapped: the wrapper text, or "" when it is not.
struct CallerUse {
  std::string name;
  std::string wrapper;
};

std::vector<CallerUse> caller_uses(const Source& src, ts::Parser& parser, const std::set<std::string>& names) {
  std::vector<CallerUse> uses;
  std::vector<std::string> mentioned;
  for (const auto& n : names)
    if (src.text.find(n + "(") != std::string::npos) mentioned.push_back(n);
  if (mentioned.empty() || !is_text_utf8(src.text)) return uses;
  static constexpr std::array<std::string_view, 4> kWrappers{"wait_for", "timeout", "fail_after", "move_on_after"};
  if (std::none_of(kWrappers.begin(), kWrappers.end(), [&](auto w) { return src.text.find(w) != std::string::npos; })) {
    for (auto& n : mentioned) uses.push_back({n, ""});  // called, and nothing here could wrap it
    return uses;
  }
  auto m = build_model(src, parser);
  if (!m.tree) return uses;
  std::string_view text = src.text;
  for (const auto& c : m.calls) {
    std::string name(c.last());
    if (c.dotted.empty() || !names.count(name)) continue;
    CallerUse use{name, ""};
    for (auto p = c.node.parent(); p && use.wrapper.empty(); p = p.parent()) {
      if (p.is("function_definition") || p.is("class_definition") || p.is("module")) break;
      if (p.is("call") && is_timeout_wrapper(m.resolve(c.scope, dotted_name(p.field("function"), text)))) {
        auto args = ts::named_children(p.field("arguments"));
        std::string t = args.size() >= 2 ? std::string(args[1].text(text)) : "";
        use.wrapper = "`" + m.resolve(c.scope, dotted_name(p.field("function"), text)) + "(..., " + one_line(t, 30) + ")`";
      } else if (p.is("with_statement")) {
        ts::walk(p, [&](ts::Node x) {
          if (x.is("block")) return false;
          if (x.is("call") && use.wrapper.empty() &&
              is_timeout_wrapper(m.resolve(c.scope, dotted_name(x.field("function"), text))))
            use.wrapper = "`async with " + one_line(x.text(text), 40) + "`";
          return true;
        });
        auto body = p.field("body");
        if (body.null() || !body.contains(c.node)) use.wrapper.clear();
      }
    }
    uses.push_back(std::move(use));
  }
  return uses;
}

}  // namespace

void apply_caller_timeouts(std::span<const Source> sources, unsigned threads, std::span<const TimeoutCandidate> candidates) {
  std::set<std::string> names;
  for (const auto& c : candidates) names.insert(c.name);
  if (names.empty()) return;
  std::vector<std::vector<CallerUse>> uses(sources.size());
  parallel_for(sources.size(), threads, [&](std::size_t i, ts::Parser& parser) {
    try {
      uses[i] = caller_uses(sources[i], parser, names);
    } catch (const std::exception&) {
      uses[i].clear();
      for (const auto& n : names) uses[i].push_back({n, ""});  // unknown: assume an unwrapped call
    }
  });
  std::map<std::string, std::pair<int, std::string>> verdict;  // name -> (unwrapped calls, first wrapper)
  std::map<std::string, int> total;
  for (const auto& file : uses)
    for (const auto& u : file) {
      ++total[u.name];
      auto& v = verdict[u.name];
      if (u.wrapper.empty()) ++v.first;
      else if (v.second.empty()) v.second = u.wrapper;
    }
  for (const auto& c : candidates) {
    auto it = verdict.find(c.name);
    if (it == verdict.end() || it->second.first > 0 || it->second.second.empty()) continue;
    int n = total[c.name];
    c.site->bound = {"caller-timeout", (n == 1 ? std::string("Its caller wraps it in ")
                                               : "All " + std::to_string(n) + " callers wrap it in ") +
                                           it->second.second};
    c.site->bounded = true;
    c.site->rule.clear();
  }
}

}  // namespace boundaudit::loops
