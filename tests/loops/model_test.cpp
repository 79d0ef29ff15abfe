#include <doctest/doctest.h>

#include <string>

#include "loops/model.hpp"
#include "support/built_model.hpp"

using namespace boundaudit;
using namespace boundaudit::loops;

using Built = boundaudit::testing::BuiltModel;

TEST_CASE("module and function-local imports resolve, with aliases") {
  Built b(
      "import asyncio as aio\n"
      "import os.path\n"
      "from subprocess import run as sh\n"
      "from concurrent import futures\n"
      "def f():\n"
      "    import subprocess as sp\n"
      "    from asyncio import gather\n"
      "    sp.Popen(['x'])\n"
      "    gather()\n"
      "    aio.wait_for(x, 1)\n"
      "    sh('ls')\n"
      "    os.system('ls')\n"
      "    futures.ProcessPoolExecutor()\n"
      "    unknown.thing()\n"
      "def g():\n"
      "    sp.Popen(['y'])\n");
  REQUIRE(b.call("sp.Popen"));
  CHECK(b.call("sp.Popen")->resolved == "subprocess.Popen");
  CHECK(b.call("gather")->resolved == "asyncio.gather");
  CHECK(b.call("aio.wait_for")->resolved == "asyncio.wait_for");
  CHECK(b.call("aio.wait_for")->resolved != "asyncio.wait");
  CHECK(b.call("sh")->resolved == "subprocess.run");
  CHECK(b.call("os.system")->resolved == "os.system");
  CHECK(b.call("futures.ProcessPoolExecutor")->resolved == "concurrent.futures.ProcessPoolExecutor");
  CHECK(b.call("unknown.thing")->resolved == "unknown.thing");
  // g's `sp` is not f's local import.
  const Call* in_g = nullptr;
  for (const auto& c : b.model.calls)
    if (c.dotted == "sp.Popen" && b.model.scopes[c.scope].name == "g") in_g = &c;
  REQUIRE(in_g);
  CHECK(in_g->resolved == "sp.Popen");
}

TEST_CASE("scopes get qualified names") {
  Built b(
      "class Client:\n"
      "    async def fetch(self):\n"
      "        def inner():\n"
      "            while x:\n"
      "                pass\n"
      "        return inner\n"
      "while y:\n"
      "    pass\n");
  REQUIRE(b.model.whiles.size() == 2);
  CHECK(b.model.scopes[b.model.whiles[0].scope].qualname == "Client.fetch.inner");
  CHECK(b.model.scopes[b.model.whiles[1].scope].qualname == "<module>");
  bool fetch_async = false;
  for (const auto& s : b.model.scopes)
    if (s.qualname == "Client.fetch") fetch_async = s.is_async;
  CHECK(fetch_async);
}

TEST_CASE("calls know their enclosing loop in the same function only") {
  Built b(
      "for x in load():\n"
      "    work(x)\n"
      "    def later():\n"
      "        inside()\n"
      "ys = [conv(y) for y in source()]\n"
      "after()\n");
  CHECK(b.call("load")->loop == -1);  // the iterable is evaluated once
  CHECK(b.call("work")->loop >= 0);
  CHECK(b.call("inside")->loop == -1);  // another function
  CHECK(b.call("conv")->loop >= 0);
  CHECK(b.call("source")->loop == -1);
  CHECK(b.call("after")->loop == -1);
}

TEST_CASE("bindings, mutations, parameters and with items are syntax facts") {
  Built b(
      "SERVICES = ('a', 'b', 'c')\n"
      "sem = asyncio.Semaphore(4)\n"
      "def f(a, timeout=600, *, retries: int = 3):\n"
      "    tasks = []\n"
      "    for x in a:\n"
      "        tasks.append(x)\n"
      "    n, m = 1, 2\n"
      "async def g():\n"
      "    async with sem:\n"
      "        pass\n");
  REQUIRE(b.model.bindings_of(0, "SERVICES").size() == 1);
  CHECK(b.model.bindings_of(0, "SERVICES")[0].value.is("tuple"));
  int f = b.scope("f");
  REQUIRE(f > 0);
  const auto& params = b.model.scopes[f].params;
  REQUIRE(params.size() == 3);
  CHECK(params[1].name == "timeout");
  CHECK(b.model.text(params[1].default_value) == "600");
  CHECK(b.model.text(params[2].annotation) == "int");
  CHECK(b.model.bindings_of(f, "n").size() == 1);
  CHECK(b.model.bindings_of(f, "n")[0].how == Binding::How::unpacked);
  CHECK(b.model.bindings_of(f, "x")[0].how == Binding::How::for_target);
  REQUIRE(b.model.mutations.size() == 1);
  CHECK(b.model.mutations[0].target == "tasks");
  CHECK(b.model.mutations[0].loop >= 0);
  CHECK(b.model.with_values.size() == 1);
  CHECK(b.model.binding_scope(f, "SERVICES") == 0);
  CHECK(b.model.binding_scope(f, "tasks") == f);
}

TEST_CASE("syntax errors are located and the rest is still modelled") {
  Built b("def broken(:\n    pass\nwhile True:\n    pass\n");
  REQUIRE(b.model.first_error);
  CHECK(b.model.site(*b.model.first_error).line == 1);
  CHECK(b.model.whiles.size() == 1);
}

TEST_CASE("deep nesting does not overflow the stack") {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += std::string(i % 200, ' ') + "if x:\n";
  // Indentation deeper than a few hundred levels is rejected by Python but must not crash us.
  text += std::string(200, ' ') + "pass\n";
  text += "y = " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  Built b(text);
  CHECK(b.model.tree);
}
