#!/usr/bin/env bash
# loopaudit's work grows linearly with the number of loops in one file. Not a time budget: the CPU
# time of a file with 32,000 `while True:` loops is compared with that of one with 8,000 (each run
# twice, the least CPU time kept). Linear work gives about 4x, quadratic work 16x; the check
# fails above 8x. Both shapes: loops in functions and at top level; and the same for one run of
# 8,000 / 32,000 comment lines after an indented block (tree-sitter-python's scanner is quadratic in
# such runs unless the audit blanks them: lib/loops/model.cpp). bench/loop_scaling.sh has the timings.
# The same check, N against 4N, for what was once superlinear in other ways:
# - callers: N classes whose coroutine `run` (the same simple name in every class) is awaited by a
#   method through asyncio.wait_for: every caller-timeout question went through every `run` call
#   in the tree (lib/loops/index.cpp);
# - gathers: N asyncio.gather calls in one function: every fan-out site listed the whole function
#   body to find its docstring (lib/loops/facts.cpp);
# - cancels: N tasks created and cancelled in one function: each task scanned every call for its
#   cancel, and walked the function up to it to see whether it was awaited first (lib/loops/extract.cpp);
# - bounds: N loops with a `# loopaudit: bound=` statement each: every statement was compared with
#   every site (lib/loops/audit.cpp).
# Run by ctest as: bash many_loops.sh <bin_dir> <build_dir>
set -u
bin="$(cd "$1" 2>/dev/null && pwd)/loopaudit"
[ -x "$bin" ] || { echo "no $bin"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exec python3 - "$bin" "$tmp" <<'PY'
import json, resource, subprocess, sys

loopaudit, tmp = sys.argv[1], sys.argv[2]
SMALL = {"functions": 8000, "top-level": 8000, "comments": 8000,
         "callers": 2000, "gathers": 2000, "cancels": 2000, "bounds": 4000}

def generate(n, shape):
    path = f"{tmp}/{shape}{n}.py"
    with open(path, "w") as f:
        f.write("import asyncio\n\ndef f():\n    return 1\n\n")
        if shape == "callers":
            for i in range(n):
                f.write(f"class C{i}:\n    async def run(self):\n        while True:\n            await asyncio.sleep(1)\n\n"
                        f"    async def go(self):\n        await asyncio.wait_for(self.run(), timeout=5)\n\n")
            return path
        if shape == "gathers":
            f.write("async def g(x):\n    return x\n\nasync def main(xs):\n")
            f.write("    await asyncio.gather(*[g(x) for x in xs[:10]])\n" * n)
            return path
        if shape == "cancels":
            f.write("async def w():\n    while True:\n        await asyncio.sleep(1)\n\nasync def main():\n")
            for i in range(n):
                f.write(f"    t{i} = asyncio.create_task(w())\n    await asyncio.sleep(1)\n    t{i}.cancel()\n")
            return path
        if shape == "bounds":
            for i in range(n):
                f.write(f"def b{i}(q):\n    # loopaudit: bound=iterator \"the queue is closed\"\n    while True:\n        q.get()\n\n")
            return path
        if shape == "comments":
            f.write("def g():\n    while True:\n        x = f()\n        if x: break\n")
            f.write("        # a comment line\n" * n)
            f.write("x = 1\n")
            return path
        for i in range(n):
            if shape == "functions":
                f.write(f"def g{i}():\n    while True:\n        x = f()\n        if x: break\n\n")
            else:
                f.write("while True:\n    x = f()\n    if x: break\n")
    return path

def cpu_seconds(path, timeout):
    best = None
    for _ in range(2):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        r = subprocess.run([loopaudit, "-j", "1", "--format", "json", path], stdout=subprocess.PIPE, timeout=timeout)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert r.returncode == 0, f"{path}: exit {r.returncode}"  # every site is bounded: no finding
        assert all(s["bounded"] for s in json.loads(r.stdout)["sites"]), f"{path}: an unbounded site"
        t = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best = t if best is None else min(best, t)
    return best

failed = False
for shape, n in SMALL.items():
    small = cpu_seconds(generate(n, shape), None)
    try:
        # A quadratic run would take 16x; past 40x of wall time it is not worth waiting for.
        large = cpu_seconds(generate(4 * n, shape), max(60.0, 40 * small))
    except subprocess.TimeoutExpired:
        print(f"FAIL: {shape}: {4 * n:,} did not finish in {max(60.0, 40 * small):.0f} s ({n:,} took {small:.2f} s CPU)")
        failed = True
        continue
    ratio = large / max(small, 1e-3)
    verdict = "ok  " if ratio <= 8 else "FAIL:"
    failed = failed or ratio > 8
    print(f"{verdict} {shape}: {n:,} {small:.2f} s CPU, {4 * n:,} {large:.2f} s CPU: {ratio:.1f}x (linear 4x, quadratic 16x)")
sys.exit(1 if failed else 0)
PY
