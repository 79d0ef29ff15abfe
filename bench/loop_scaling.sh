#!/usr/bin/env bash
# loopaudit's time against the number of while loops in ONE file: it must grow linearly (2x per
# doubling), not quadratically (4x). Generates files of N loops (`while True:` / `x = f()` /
# `if x: break`, each in its own function, and the same at top level) and times
# `loopaudit -j 1 --format json FILE` (median of RUNS runs). With a second binary (e.g. one built from
# an older commit) both are timed side by side.
# Writes the "loop-scaling" section of bench/RESULTS.md.
# Usage: bash bench/loop_scaling.sh [BIN_DIR] [OLD_LOOPAUDIT]   (default build/bin, a Release build)
# Env: RUNS (default 3), SIZES (default "2000 4000 8000 16000 32000").
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/bin}/loopaudit
old=${2:-}
[ -x "$bin" ] || { echo "no $bin: run 'make run' first (Release build)"; exit 2; }
mkdir -p bench/out/scaling
exec python3 - "$bin" "$old" <<'PY'
import os, re, statistics, subprocess, sys, time

new, old = sys.argv[1], sys.argv[2]
runs = int(os.environ.get("RUNS", "3"))
sizes = [int(n) for n in os.environ.get("SIZES", "2000 4000 8000 16000 32000").split()]
out_dir = "bench/out/scaling"

def generate(n, shape):
    path = f"{out_dir}/{shape}{n}.py"
    with open(path, "w") as f:
        f.write("def f():\n    return 1\n\n")
        for i in range(n):
            if shape == "functions":
                f.write(f"def g{i}():\n    while True:\n        x = f()\n        if x: break\n\n")
            else:
                f.write("while True:\n    x = f()\n    if x: break\n")
    return path

def timed(binary, path):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        r = subprocess.run([binary, "-j", "1", "--format", "json", path], stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        assert r.returncode in (0, 1), r.returncode
    return statistics.median(times)

binaries = [("loopaudit", new)] + ([("old loopaudit", old)] if old else [])
rows = []
for shape in ("functions", "top-level"):
    previous = {}
    for n in sizes:
        path = generate(n, shape)
        cells = [shape, f"{n:,}"]
        for name, b in binaries:
            t = timed(b, path)
            ratio = f"{t / previous[name]:.1f}x" if name in previous else ""
            previous[name] = t
            cells += [f"{t:.2f} s", ratio]
        rows.append(cells)
        print(" | ".join(cells), flush=True)

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
head = ["loops in", "while loops"]
for name, _ in binaries:
    head += [name, "vs half as many"]
lines = ["<!-- loop-scaling:begin -->", "## loopaudit: many loops in one file", "",
         f"Machine: {cpu}, {os.cpu_count()} cores (shared). `loopaudit -j 1 --format json FILE`, median of {runs} runs "
         "(wall time). Binaries: " + ", ".join(f"{name} `{b}`" for name, b in binaries) + ".",
         "Reproduce: `bash bench/loop_scaling.sh build/bin [OLD_LOOPAUDIT]`. Linear time doubles per doubling "
         "(2x); quadratic time quadruples (4x).", "",
         "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
lines += ["| " + " | ".join(r) + " |" for r in rows]
lines += ["<!-- loop-scaling:end -->"]
section = "\n".join(lines) + "\n"
results = open("bench/RESULTS.md").read()
pattern = re.compile(r"<!-- loop-scaling:begin -->.*?<!-- loop-scaling:end -->\n", re.S)
results = pattern.sub(lambda m: section, results) if pattern.search(results) else results.rstrip("\n") + "\n\n" + section
open("bench/RESULTS.md", "w").write(results)
print("wrote the loop-scaling section of bench/RESULTS.md")
PY
