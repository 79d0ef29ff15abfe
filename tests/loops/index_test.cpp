// The project index on hand-made summaries: modules by path suffix, re-exports, mutation from another
// file, class attributes through self, limiters one helper deep, and caller timeouts by mention count.
#include <doctest/doctest.h>

#include "loops/index.hpp"

using namespace boundaudit::loops;

namespace {

Export collection(int n) {
  Export e;
  e.kind = Export::Kind::collection;
  e.size = n;
  return e;
}

Export alias(std::string target) {
  Export e;
  e.kind = Export::Kind::alias;
  e.target = std::move(target);
  return e;
}

Ask size_of(std::string ref) { return Ask{Ask::Kind::size, std::move(ref), false, false, "X", Unit::tasks, "", {}}; }

}  // namespace

TEST_CASE("module keys are path suffixes; an ambiguous suffix answers nothing") {
  FileSummary a, b;
  a.module = "src.pkg.probes";
  a.exports["PROBES"] = collection(3);
  b.module = "other.probes";
  b.exports["PROBES"] = collection(9);
  ProjectIndex index({a, b}, {});
  CHECK(index.has_module("pkg.probes"));
  auto bound = index.answer(size_of("pkg.probes.PROBES"), Category::fanout);
  REQUIRE(bound);
  CHECK(bound->kind == BoundKind::static_table);
  CHECK(bound->limit == Limit{3, Unit::tasks});
  CHECK_FALSE(index.answer(size_of("probes.PROBES"), Category::fanout));  // two files end in `probes`
}

TEST_CASE("re-exports are followed; a mutation from another file makes a constant dynamic") {
  FileSummary init, probes, user;
  init.module = "pkg";
  init.exports["PROBES"] = alias("pkg.probes.PROBES");
  probes.module = "pkg.probes";
  probes.exports["PROBES"] = collection(2);
  CHECK(ProjectIndex({init, probes}, {}).answer(size_of("pkg.PROBES"), Category::fanout));
  user.module = "plugins";
  user.mutated_imports.push_back("pkg.PROBES");
  CHECK_FALSE(ProjectIndex({init, probes, user}, {}).answer(size_of("pkg.PROBES"), Category::fanout));
}

TEST_CASE("a class attribute read through self is unknown when another class defines the same name") {
  FileSummary f;
  f.module = "runner";
  auto attr = collection(2);
  attr.class_attr = true;
  f.exports["Runner.TARGETS"] = attr;
  Ask via_self = size_of("runner.Runner.TARGETS");
  via_self.via_self = true;
  CHECK(ProjectIndex({f}, {}).answer(via_self, Category::spawn));
  f.exports["Other.TARGETS"] = attr;
  CHECK_FALSE(ProjectIndex({f}, {}).answer(via_self, Category::spawn));
}

TEST_CASE("a limiter is found in the task's function or one helper deep, by identity") {
  FileSummary f;
  f.module = "m";
  f.functions["m.task"].callees = {"m.helper"};
  f.functions["m.helper"].limiter = "`asyncio.Semaphore(4)`";
  f.exports["task"].kind = Export::Kind::function;
  f.exports["helper"].kind = Export::Kind::function;
  f.exports["plain"].kind = Export::Kind::function;
  f.functions["m.plain"];
  ProjectIndex index({f}, {});
  Ask ask{Ask::Kind::limiter, "m.task", false, false, "task", Unit::tasks, "", {}};
  auto bound = index.answer(ask, Category::fanout);
  REQUIRE(bound);
  CHECK(bound->kind == BoundKind::semaphore);
  ask.ref = "m.plain";
  CHECK_FALSE(index.answer(ask, Category::fanout));
}

TEST_CASE("caller timeout: every mention accounted for, at least one wrapped call") {
  FileSummary def, caller;
  def.module = "jobs";
  def.exports["watch"].kind = Export::Kind::function;
  def.functions["jobs.watch"].is_async = true;
  def.accounted["watch"] = 1;  // the definition
  caller.module = "main";
  caller.edges.push_back(CallEdge{std::string("jobs.watch"), "watch", std::string("`asyncio.wait_for(..., 5)`"), false});
  caller.accounted["watch"] = 2;  // the import and the wrapped call
  Ask ask{Ask::Kind::caller_timeout, "jobs.watch", false, false, "watch", Unit::seconds, "", {}};
  auto bound = ProjectIndex({def, caller}, {{"watch", 3}}).answer(ask, Category::while_loop);
  REQUIRE(bound);
  CHECK(bound->kind == BoundKind::caller_timeout);
  // One more mention somewhere (an unwrapped call, a callback reference): no bound.
  CHECK_FALSE(ProjectIndex({def, caller}, {{"watch", 4}}).answer(ask, Category::while_loop));
  // A wrapped call of another function with the same name does not count.
  caller.edges[0].callee = std::string("other.watch");
  CHECK_FALSE(ProjectIndex({def, caller}, {{"watch", 3}}).answer(ask, Category::while_loop));
}

TEST_CASE("param size: the largest literal any call passes, only when every mention is a seen call") {
  FileSummary def, caller;
  def.module = "jobs";
  def.declared["fan"] = 1;
  caller.module = "main";
  CallShape two;  // fan([a, b]); fan([a], extra=(b, c, d))
  two.calls = 2;
  two.min_positional = 1;
  two.max_positional = 1;
  two.positional = {2};
  two.keyword["extra"] = 3;
  caller.calls["fan"] = two;
  caller.declared["fan"] = 1;  // the import
  Ask items{Ask::Kind::param_size, "jobs.fan", false, false, "items", Unit::tasks, "", {"items", 0, false, -2}};
  ProjectIndex index({def, caller}, {{"fan", 4}});
  auto bound = index.answer(items, Category::fanout);
  REQUIRE(bound);
  CHECK(bound->kind == BoundKind::caller_size);
  CHECK(bound->limit->value == 2);
  // A keyword parameter: the keyword's size, or its default where a call leaves it out.
  Ask extra{Ask::Kind::param_size, "jobs.fan", false, false, "extra", Unit::tasks, "", {"extra", 1, false, 5}};
  CHECK(index.answer(extra, Category::fanout)->limit->value == 5);
  extra.param.default_size = -1;  // a default of unknown size
  CHECK_FALSE(index.answer(extra, Category::fanout));
  // *args counts positional arguments from its position on.
  Ask rest{Ask::Kind::param_size, "jobs.fan", false, false, "rest", Unit::tasks, "", {"rest", 0, true, -2}};
  CHECK(index.answer(rest, Category::fanout)->limit->value == 1);
  // One mention more than definitions, imports and calls (a callback reference): unknown.
  CHECK_FALSE(ProjectIndex({def, caller}, {{"fan", 5}}).answer(items, Category::fanout));
  // A call that passes something else than a literal: unknown.
  CallShape other = two;
  other.positional = {-1};
  caller.calls["fan"] = other;
  CHECK_FALSE(ProjectIndex({def, caller}, {{"fan", 4}}).answer(items, Category::fanout));
  // A call with *xs: unknown.
  two.splat = true;
  caller.calls["fan"] = two;
  CHECK_FALSE(ProjectIndex({def, caller}, {{"fan", 4}}).answer(rest, Category::fanout));
}

TEST_CASE("prune keeps in a module only the names lookups land on (and their heads), and what counts everywhere") {
  FileSummary f;
  f.module = "pkg.jobs";
  f.exports["JOBS"] = collection(4);          // landed on
  f.exports["OTHER"] = collection(9);         // no lookup lands here
  f.exports["Runner"] = alias("pkg.run.Runner");  // the head of a landed `Runner.TARGETS`
  auto attr = collection(2);
  attr.class_attr = true;
  f.exports["Pool.WORKERS"] = attr;           // a class attribute a `self.WORKERS` question counts
  f.exports["Pool.SIZES"] = attr;             // a class attribute nothing asks about
  f.functions["pkg.jobs.limited"].limiter = "sem";
  f.functions["pkg.jobs.unused"].limiter = "sem";
  Reach reach;
  reach.self_attrs.insert("WORKERS");
  reach.land("pkg.jobs", "JOBS");
  reach.land("pkg.jobs", "Runner.TARGETS");
  reach.land("pkg.jobs", "limited");
  auto kept = prune(f, reach);
  CHECK(kept.exports.count("JOBS"));
  CHECK(kept.exports.count("Runner"));
  CHECK(kept.exports.count("Pool.WORKERS"));
  CHECK_FALSE(kept.exports.count("OTHER"));
  CHECK_FALSE(kept.exports.count("Pool.SIZES"));
  CHECK(kept.functions.count("pkg.jobs.limited"));
  CHECK_FALSE(kept.functions.count("pkg.jobs.unused"));
  // The index answers the landed questions from the pruned summary as from the whole one.
  for (const auto& summary : {f, kept}) {
    ProjectIndex index({summary}, {});
    CHECK(index.answer(size_of("pkg.jobs.JOBS"), Category::fanout)->limit == Limit{4, Unit::tasks});
    CHECK(index.answer(Ask{Ask::Kind::limiter, "pkg.jobs.limited", false, false, "f", Unit::tasks, "", {}}, Category::fanout));
  }
  // A module no lookup lands in keeps only the counted class attributes.
  Reach elsewhere;
  elsewhere.self_attrs.insert("WORKERS");
  auto bare = prune(f, elsewhere);
  CHECK(bare.exports.size() == 1);
  CHECK(bare.functions.empty());
  // A module summarised again from a whole parse after the lookups were followed keeps everything.
  reach.whole.insert("pkg.jobs");
  CHECK(prune(f, reach).exports.size() == f.exports.size());
  CHECK(prune(f, reach).functions.size() == f.functions.size());
}
