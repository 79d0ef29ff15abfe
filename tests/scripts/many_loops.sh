#!/usr/bin/env bash
# loopaudit's work grows linearly with the number of loops in one file. Not a time budget: the CPU
# time of a file with 32,000 `while True:` loops is compared with that of one with 8,000 (each run
# twice, the least CPU time kept). Linear work gives about 4x, quadratic work 16x; the check
# fails above 8x. Both shapes: loops in functions and at top level; and the same for one run of
# 8,000 / 32,000 comment lines after an indented block (tree-sitter-python's scanner is quadratic in
# such runs unless the audit blanks them: lib/loops/model.cpp). bench/loop_scaling.sh has the timings.
# Run by ctest as: bash many_loops.sh <bin_dir> <build_dir>
set -u
bin="$(cd "$1" 2>/dev/null && pwd)/loopaudit"
[ -x "$bin" ] || { echo "no $bin"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exec python3 - "$bin" "$tmp" <<'PY'
import resource, subprocess, sys

loopaudit, tmp = sys.argv[1], sys.argv[2]

def generate(n, shape):
    path = f"{tmp}/{shape}{n}.py"
    with open(path, "w") as f:
        f.write("def f():\n    return 1\n\n")
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
        r = subprocess.run([loopaudit, "-j", "1", "--format", "json", path], stdout=subprocess.DEVNULL, timeout=timeout)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert r.returncode == 0, f"{path}: exit {r.returncode}"  # every loop has a break: no finding
        t = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best = t if best is None else min(best, t)
    return best

failed = False
for shape in ("functions", "top-level", "comments"):
    small = cpu_seconds(generate(8000, shape), None)
    try:
        # A quadratic run would take 16x; past 40x of wall time it is not worth waiting for.
        large = cpu_seconds(generate(32000, shape), max(60.0, 40 * small))
    except subprocess.TimeoutExpired:
        print(f"FAIL: {shape}: 32,000 loops did not finish in {max(60.0, 40 * small):.0f} s (8,000 took {small:.2f} s CPU)")
        failed = True
        continue
    ratio = large / max(small, 1e-3)
    verdict = "ok  " if ratio <= 8 else "FAIL:"
    failed = failed or ratio > 8
    print(f"{verdict} {shape}: 8,000 {small:.2f} s CPU, 32,000 {large:.2f} s CPU: {ratio:.1f}x (linear 4x, quadratic 16x)")
sys.exit(1 if failed else 0)
PY
