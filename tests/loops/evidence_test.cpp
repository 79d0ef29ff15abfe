// Evidence on small in-memory sources: constant integers, static sizes, limiters by binding (never by
// name), pools, clocks and timeout wrappers.
#include <doctest/doctest.h>

#include <string>

#include "loops/evidence.hpp"
#include "support/built_model.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;

namespace {

using Built = boundaudit::testing::BuiltModel;
const std::string kModule = "m";

// The right-hand side of the last `probe = ...` in the file.
ts::Node probe(const Built& b) {
  ts::Node out;
  for (const auto& scope : b.model.bindings)
    if (auto it = scope.find("probe"); it != scope.end()) out = it->second.back().value;
  return out;
}

}  // namespace

TEST_CASE("constant integers: literals, arithmetic, names bound once, tuple unpacking") {
  Built b("N = 0x10\ndef f():\n    a, b = 1, 5\n    k = 1_000\n    probe = (N + b) * 2 - k // 1000\n");
  Evidence ev(b.model, kModule);
  auto v = ev.int_value(b.scope("f"), probe(b));
  REQUIRE(v);
  CHECK(*v == 41);
}

TEST_CASE("a list filled in a loop is not a literal of its initial size") {
  Built b("def f(xs):\n    tasks = []\n    for x in xs:\n        tasks.append(x)\n    probe = tasks\n");
  Evidence ev(b.model, kModule);
  CHECK_FALSE(ev.static_size(b.scope("f"), probe(b)));
}

TEST_CASE("static sizes: range arithmetic, slices, islice, and module names asked of the index") {
  Built b(
      "import itertools\nTABLE = {'a': (1, 2), 'b': (3,)}\n"
      "def f(xs):\n    probe = range(1, 64 + 1)\n"
      "def g(xs):\n    probe = xs[:8]\n"
      "def h(xs):\n    probe = itertools.islice(xs, 3)\n"
      "def k(key):\n    probe = TABLE.get(key, ())\n");
  Evidence ev(b.model, kModule);
  auto size_in = [&](std::string_view fn) {
    return ev.static_size(b.scope(fn), b.model.bindings_of(b.scope(fn), "probe")[0].value);
  };
  REQUIRE(size_in("f"));
  CHECK(size_in("f")->n == 64);
  REQUIRE(size_in("g"));
  CHECK(size_in("g")->kind == BoundKind::sliced);
  CHECK(size_in("g")->n == 8);
  REQUIRE(size_in("h"));
  CHECK(size_in("h")->n == 3);
  auto table = size_in("k");
  REQUIRE(table);
  REQUIRE(table->ask);
  CHECK(table->ask->ref == "m.TABLE");
  CHECK(table->ask->largest_value);
}

TEST_CASE("limiters are what names are bound to, never what they are called") {
  Built uses(
      "import asyncio\nsem = asyncio.Semaphore(3)\nlimiter = object()\n"
      "class C:\n    def __init__(self):\n        self._guard = asyncio.BoundedSemaphore(2)\n"
      "    async def run(self, sem_like: asyncio.Semaphore):\n"
      "        async with sem:\n            pass\n        async with self._guard:\n            pass\n"
      "        async with sem_like:\n            pass\n        async with limiter:\n            pass\n");
  Evidence ev(uses.model, kModule);
  // sem (module), self._guard (set in __init__), sem_like (annotated parameter) are limiters; a name
  // that merely says "limiter" is not.
  std::vector<bool> found;
  for (const auto& [scope, value] : uses.model.with_values) found.push_back(ev.limiter(scope, value).has_value());
  CHECK(found == std::vector<bool>{true, true, true, false});
}

TEST_CASE("pools, clocks and timeout wrappers") {
  Built b(
      "import asyncio, time\nfrom concurrent.futures import ThreadPoolExecutor\n"
      "async def f(timeout=None, limit=5):\n"
      "    pool = ThreadPoolExecutor(max_workers=4)\n"
      "    start = time.monotonic()\n"
      "    await asyncio.wait_for(g(), timeout)\n"
      "    await asyncio.wait_for(g(), limit)\n"
      "    await asyncio.wait_for(g(), timeout=None)\n");
  Evidence ev(b.model, kModule);
  int f = b.scope("f");
  auto pool = ev.pool(f, b.model.bindings_of(f, "pool")[0].value);
  REQUIRE(pool);
  CHECK(pool->workers == 4);
  CHECK(ev.is_clock_call(f, b.model.bindings_of(f, "start")[0].value));
  std::vector<bool> timeouts;
  for (const auto& c : b.model.calls)
    if (c.resolved == "asyncio.wait_for") timeouts.push_back(ev.timeout_wrapper(c.scope, c.node).has_value());
  // `timeout` defaults to None: no limit unless the caller passes one; `timeout=None` is none at all.
  CHECK(timeouts == std::vector<bool>{false, true, false});
}
