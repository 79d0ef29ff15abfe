// LA301 spawn-in-loop: a process spawn inside a loop or comprehension starts one process per item.
#include "loops/checks.hpp"

namespace boundaudit::loops {

const RuleInfo kSpawnInLoop{"LA301", "spawn-in-loop", Severity::warning,
                            "A process is spawned inside a loop or comprehension, once per iteration"};

namespace {

// `timeout=...` given to the call itself, to `asyncio.wait_for` around it, or to the `communicate()` /
// `wait()` of the process it returned (`proc = Popen(...)`, later `proc.communicate(timeout=30)`).
std::string timeout_of(Analysis& a, const Call& c) {
  const auto& m = a.model();
  auto src = std::string_view(m.source->text);
  auto keyword = [&](ts::Node call) -> std::string {
    auto args = call.field("arguments");
    for (auto k : ts::named_children(args))
      if (k.is("keyword_argument") && k.field("name").text(src) == "timeout") return std::string(k.text(src));
    return {};
  };
  if (auto t = keyword(c.node); !t.empty()) return "`" + t + "`";
  // Up to the statement: is the spawn an argument of asyncio.wait_for(...)?
  for (auto p = c.node.parent(); p && !p.is("block") && !p.is("module"); p = p.parent()) {
    if (!p.is("call")) continue;
    if (m.resolve(c.scope, dotted_name(p.field("function"), src)) != "asyncio.wait_for") continue;
    auto t = keyword(p);
    auto args = p.field("arguments");
    if (t.empty() && args.named_child_count() >= 2) t = std::string(args.named_child(1).text(src));
    return "`asyncio.wait_for(..., " + t + ")`";
  }
  auto parent = c.node.parent();
  if (parent.is("await")) parent = parent.parent();
  if (!parent.is("assignment") || !parent.field("left").is("identifier")) return {};
  auto proc = std::string(parent.field("left").text(src));
  for (int ci : a.calls_in(c.scope)) {
    const auto& other = m.calls[ci];
    if (other.dotted != proc + ".communicate" && other.dotted != proc + ".wait") continue;
    if (auto t = keyword(other.node); !t.empty()) return "`" + proc + "." + std::string(other.last()) + "(" + t + ")`";
  }
  return {};
}

}  // namespace

std::string_view spawn_family(std::string_view r) {
  auto in = [&](std::string_view module, std::initializer_list<std::string_view> names) {
    if (!r.starts_with(module) || r.size() <= module.size() || r[module.size()] != '.') return false;
    auto name = r.substr(module.size() + 1);
    for (auto n : names)
      if (n.back() == '*' ? name.starts_with(n.substr(0, n.size() - 1)) : name == n) return true;
    return false;
  };
  if (in("subprocess", {"run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput"}))
    return "subprocess";
  if (in("asyncio", {"create_subprocess_exec", "create_subprocess_shell"})) return "asyncio subprocess";
  if (in("os", {"system", "popen", "spawn*", "exec*", "fork", "forkpty", "posix_spawn", "posix_spawnp"})) return "os";
  if (in("pty", {"spawn", "fork"})) return "pty";
  if (in("multiprocessing", {"Process", "Pool"}) || in("multiprocessing.pool", {"Pool"})) return "multiprocessing";
  if (in("concurrent.futures", {"ProcessPoolExecutor"})) return "concurrent.futures";
  return {};
}

void check_spawn(Analysis& a, std::vector<AuditSite>* out) {
  const auto& m = a.model();
  auto src = std::string_view(m.source->text);
  for (const auto& c : m.calls) {
    if (spawn_family(c.resolved).empty()) continue;
    auto site = make_site(m, Category::spawn, c.node, c.scope, c.loop, c.resolved);
    auto timeout = timeout_of(a, c);
    if (c.loop >= 0) {
      const auto& l = m.loops[c.loop];
      std::string per = l.iterable.null() ? "iteration of `while " + one_line(l.node.field("condition").text(src), 40) + "`"
                                          : "item of `" + one_line(l.iterable.text(src), 40) + "`";
      site.bound = {"none", "One process per " + per + (timeout.empty() ? "" : ", each with " + timeout)};
      site.bounded = false;
      site.rule = std::string(kSpawnInLoop.code);
    } else if (!timeout.empty()) {
      site.bound = {"timeout-arg", timeout};
    } else {
      site.bound = {"single", "Once per call of `" + site.function + "`"};
    }
    out->push_back(std::move(site));
  }
}

}  // namespace boundaudit::loops
