// LA201 unbounded-fanout: one task per item of a dynamic collection, with no semaphore or limiter.
#include <algorithm>
#include <cctype>

#include "loops/checks.hpp"

namespace boundaudit::loops {

const RuleInfo kUnboundedFanout{"LA201", "unbounded-fanout", Severity::warning,
                                "A fan-out starts one task per item of a dynamic collection with no concurrency cap"};

namespace {

bool is_gather_like(std::string_view resolved) {
  return resolved == "asyncio.gather" || resolved == "asyncio.wait" || resolved == "asyncio.as_completed";
}

// Task starters that fan out when called once per loop iteration.
bool is_task_starter(const Call& c) {
  if (c.resolved == "asyncio.create_task" || c.resolved == "asyncio.ensure_future") return true;
  auto dot = c.dotted.rfind('.');
  if (dot == std::string::npos) return false;
  auto last = c.last();
  if (last == "create_task" || last == "ensure_future" || last == "start_soon" || last == "submit") return true;
  if (last != "map") return false;
  std::string receiver = c.dotted.substr(0, dot);
  for (auto& ch : receiver) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return receiver.find("executor") != std::string::npos || receiver.find("pool") != std::string::npos;
}

Verdict gather_verdict(Analysis& a, const Call& c) {
  auto args = c.node.field("arguments");
  if (args.is("generator_expression")) return a.collection_fanout(c.scope, args, c);
  std::vector<ts::Node> positional;
  for (auto x : ts::named_children(args)) {
    if (x.is("list_splat")) return a.collection_fanout(c.scope, x, c);
    if (!x.is("keyword_argument") && !x.is("dictionary_splat")) positional.push_back(x);
  }
  if (c.resolved != "asyncio.gather") {
    if (positional.empty()) return {{"none", "No semaphore: unbounded"}, false};
    return a.collection_fanout(c.scope, positional.front(), c);
  }
  if (positional.size() <= 1) return {{"single", "Single awaitable"}, true};
  return {{"static-literal", "Literal list of " + std::to_string(positional.size()) + " awaitables"}, true};
}

}  // namespace

void check_fanout(Analysis& a, std::vector<AuditSite>* out) {
  const auto& m = a.model();
  // Task starters in loops first: a gather of the tasks such a loop started is the same fan-out,
  // so its finding stays at the starter (where one task per item begins) and is not raised twice.
  std::vector<ts::Node> starters;
  for (const auto& c : m.calls)
    if (!is_gather_like(c.resolved) && c.loop >= 0 && is_task_starter(c)) starters.push_back(c.node);
  for (const auto& c : m.calls) {
    Verdict v;
    if (is_gather_like(c.resolved)) v = gather_verdict(a, c);
    else if (c.loop >= 0 && is_task_starter(c)) v = a.loop_fanout(c.loop, c.node);
    else continue;
    auto site = make_site(m, Category::fanout, c.node, c.scope, c.loop, c.resolved);
    site.bound = std::move(v.bound);
    site.bounded = v.bounded;
    bool reported_at_starter = !site.bounded && !v.filled_by.null() &&
                               std::find(starters.begin(), starters.end(), v.filled_by) != starters.end();
    if (reported_at_starter)
      site.bound.detail += " (tasks started at line " + std::to_string(v.filled_by.start_point().row + 1) +
                           ", reported there)";
    if (!site.bounded && !reported_at_starter) site.rule = std::string(kUnboundedFanout.code);
    out->push_back(std::move(site));
  }
}

}  // namespace boundaudit::loops
