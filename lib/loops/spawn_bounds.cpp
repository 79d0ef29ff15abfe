// How many processes a spawn starts: once per call of its function, or once per iteration of the
// loops around it (bounded when every one of them iterates a static collection), and whether it, or
// the wait for it, has a timeout.
#include "loops/stages.hpp"

namespace boundaudit::loops {
namespace {

// Spawns that wait for the child before returning run in series inside a loop.
bool waits(std::string_view r) {
  return r == "subprocess.run" || r == "subprocess.call" || r == "subprocess.check_call" ||
         r == "subprocess.check_output" || r == "subprocess.getoutput" || r == "subprocess.getstatusoutput" ||
         r == "os.system";
}

class SpawnStage {
 public:
  explicit SpawnStage(const StageContext& cx) : ev_(cx.ev), m_(cx.ev.model()), src_(m_.source->text) {}
  std::vector<Draft> run();

 private:
  std::string timeout_of(const Call& c) const;
  const Evidence& ev_;
  const FileModel& m_;
  std::string_view src_;
};

// `timeout=...` given to the call itself, to `asyncio.wait_for` around it, or to the `communicate()` /
// `wait()` of the process it returned (`proc = Popen(...)`, later `proc.communicate(timeout=30)`).
std::string SpawnStage::timeout_of(const Call& c) const {
  if (auto t = keyword_arg(c.node, "timeout", src_); !t.null() && !is_none(t, src_)) return "`timeout=" + one_line(t.text(src_), 20) + "`";
  for (auto p = c.node.parent(); p && !p.is("block") && !p.is("module"); p = p.parent())
    if (p.is("call"))
      if (auto t = ev_.timeout_wrapper(c.scope, p)) return t->text;
  auto parent = c.node.parent();
  if (parent.is("await")) parent = parent.parent();
  if (!parent.is("assignment") || !parent.field("left").is("identifier")) return {};
  auto proc = std::string(parent.field("left").text(src_));
  for (const auto& other : m_.calls) {
    if (other.scope != c.scope || (other.dotted != proc + ".communicate" && other.dotted != proc + ".wait")) continue;
    if (auto t = keyword_arg(other.node, "timeout", src_); !t.null() && !is_none(t, src_))
      return "`" + proc + "." + std::string(other.last()) + "(timeout=" + one_line(t.text(src_), 20) + ")`";
    for (auto p = other.node.parent(); p && !p.is("block"); p = p.parent())
      if (p.is("call"))
        if (auto t = ev_.timeout_wrapper(c.scope, p)) return t->text;
  }
  return {};
}

std::vector<Draft> SpawnStage::run() {
  std::vector<Draft> out;
  for (const auto& c : m_.calls) {
    std::string resolved = c.resolved;
    // ctx.Process / ctx.Pool on a multiprocessing.get_context(...) object.
    auto fn = c.node.field("function");
    if (spawn_family(resolved).empty() && fn.is("attribute") &&
        (c.last() == "Process" || c.last() == "Pool") && ev_.is_mp_context(c.scope, fn.field("object")))
      resolved = "multiprocessing." + std::string(c.last());
    if (spawn_family(resolved).empty()) continue;
    Draft d;
    d.site = make_site(m_, Category::spawn, c.node, c.scope, c.loop, resolved);
    auto timeout = timeout_of(c);
    if (c.loop < 0) {
      if (!timeout.empty()) d.site.bound = Bound{BoundKind::timeout_arg, timeout, std::nullopt, 0, false};
      else d.site.bound = Bound{BoundKind::single, "Once per call of `" + d.site.function + "`", Limit{1, Unit::processes}, 0, false};
      out.push_back(std::move(d));
      continue;
    }
    // Every enclosing loop in the function must iterate something static; the counts multiply.
    std::string per = waits(resolved) ? "in series" : "at once";
    long long total = 1;
    std::optional<Size> only;
    bool known = true;
    int loops = 0;
    for (int li = c.loop; li >= 0 && known; li = m_.loops[li].parent, ++loops) {
      const auto& l = m_.loops[li];
      auto s = l.iterable.null() ? std::nullopt : ev_.static_size(c.scope, l.iterable);
      if (!s || (!s->n && (li != c.loop || l.parent >= 0))) {
        known = false;
        break;
      }
      if (!s->n) only = s;
      else {
        total *= *s->n;
        if (!only) only = s;
      }
    }
    const auto& l = m_.loops[c.loop];
    std::string over = l.iterable.null() ? "iteration of `while " + one_line(l.node.field("condition").text(src_), 40) + "`"
                                         : "item of `" + one_line(l.iterable.text(src_), 40) + "`";
    if (known && only && only->n) {
      d.site.bound = Bound{only->kind, "at most " + std::to_string(total) + (total == 1 ? " process" : " processes") + ", " + per + " (" + only->detail + ")" +
                                           (timeout.empty() ? "" : ", each with " + timeout),
                           Limit{static_cast<double>(total), Unit::processes}, m_.line(l.node), false};
    } else {
      if (known && only && only->ask) {
        only->ask->unit = Unit::processes;
        only->ask->per = per;
        d.asks.push_back(*only->ask);
      }
      d.site.gap = Gap::spawn_per_item;
      d.site.missing = "one process per " + over + (timeout.empty() ? "" : ", each with " + timeout);
    }
    out.push_back(std::move(d));
  }
  return out;
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

std::vector<Draft> spawn_drafts(const StageContext& cx) { return SpawnStage(cx).run(); }

}  // namespace boundaudit::loops
