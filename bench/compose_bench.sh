#!/usr/bin/env bash
# composelint speed, against dclint (npm `dclint`, the best-known compose linter) in the same run:
#  1. every file of ../shared/corpus/compose/, one process per file (as pre-commit runs a linter on a
#     changed file): per-file wall time of each tool and the ratio;
#  2. the whole corpus in one invocation of each tool;
#  3. composelint on generated files of 500, 2,000 and 10,000 services (linear scaling; 10,000 is the
#     service limit, see the README's Limits).
# Writes the "compose" section of bench/RESULTS.md.
# Usage: bash bench/compose_bench.sh [BIN_DIR]   (default build/bin from `make run`, a Release build)
# Env: CORPUS (default ../shared/corpus/compose), RUNS (composelint runs per measurement, default 10),
#      DCLINT_RUNS (default 1: dclint takes about a second a file).
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:-build/bin}
corpus=${CORPUS:-../shared/corpus/compose}
dclint_version=3.1.0
npm_dir=bench/out/npm
[ -x "$bin_dir/composelint" ] || { echo "no $bin_dir/composelint: run 'make run' first (Release build)"; exit 2; }
[ -d "$corpus" ] || { echo "no corpus at $corpus"; exit 2; }
if [ ! -x "$npm_dir/node_modules/.bin/dclint" ]; then
  echo "installing dclint@$dclint_version into $npm_dir"
  mkdir -p "$npm_dir"
  npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error "dclint@$dclint_version" > /dev/null
fi

exec python3 - "$bin_dir/composelint" "$npm_dir/node_modules/.bin/dclint" "$corpus" "$bin_dir" <<'PY'
import glob, json, math, os, statistics, subprocess, sys, tempfile
sys.path.insert(0, "bench")
import harness

composelint, dclint, corpus, bin_dir = (os.path.abspath(p) for p in sys.argv[1:5])
runs = int(os.environ.get("RUNS", "10"))
dclint_runs = int(os.environ.get("DCLINT_RUNS", "1"))
files = sorted(f for f in glob.glob(os.path.join(corpus, "*")) if f.endswith((".yml", ".yaml")))
scratch = tempfile.mkdtemp(prefix="compose-bench.")  # dclint runs here, away from any config file
version = subprocess.run([dclint, "--version"], capture_output=True, text=True).stdout.strip()
ok = (0, 1, 2)

print(f"{len(files)} corpus files; composelint x{runs} per file, dclint {version} x{dclint_runs}")
rows = []
for i, f in enumerate(files, 1):
    c = harness.measure([composelint, "--format", "json", f], runs=runs, warmup=1, cwd=scratch, ok_codes=ok)
    d = harness.measure([dclint, "-f", "json", f], runs=dclint_runs, warmup=0, cwd=scratch, ok_codes=ok)
    rows.append((os.path.basename(f), c, d))
    print(f"[{i}/{len(files)}] {os.path.basename(f)[:60]:60} {harness.ms(c['median']):>9} {harness.ms(d['median']):>9}"
          f"  x{d['median'] / c['median']:.0f}", flush=True)

ratios = [d["median"] / c["median"] for _, c, d in rows]
geo = math.exp(statistics.fmean(math.log(r) for r in ratios))
c_med = statistics.median(c["median"] for _, c, _ in rows)
d_med = statistics.median(d["median"] for _, _, d in rows)
c_max = max(rows, key=lambda r: r[1]["median"])

batch_c = harness.measure([composelint, "--format", "json", *files], runs=runs, warmup=1, cwd=scratch, ok_codes=ok)
batch_d = harness.measure([dclint, "-f", "json", *files], runs=max(dclint_runs, 3), warmup=1, cwd=scratch, ok_codes=ok)

def generate(n, path):
    # Lean services (about 7.5 YAML nodes each), up to the limit of 10,000 services a project.
    with open(path, "w", encoding="utf-8") as out:
        out.write("x-limits: &limits\n  mem_limit: 256m\n\nservices:\n")
        for i in range(n):
            out.write(f"  svc{i:06d}:\n    image: example/app:{i % 7}\n")
            if i % 10 == 9:
                continue  # no limit: CL001
            if i % 3 == 0:
                out.write("    <<: *limits\n")
            elif i % 3 == 1:
                out.write("    deploy:\n      resources:\n        limits:\n          memory: ${SVC_MEM:-512m}\n")
            else:
                out.write(f"    mem_limit: {1 + i % 4}g\n")

gen = []
for n in (500, 2000, 10000):
    path = os.path.join(scratch, f"compose-{n}.yaml")
    generate(n, path)
    cmd = [composelint, "--format", "json", "--memory-budget", "64g", path]
    try:
        m = harness.measure(cmd, runs=max(3, runs // 2), warmup=1, cwd=scratch, ok_codes=(0, 1))
    except RuntimeError as e:  # e.g. refused by an input limit: record it, do not hide it
        print(f"generated {n} services: {e}", flush=True)
        gen.append((n, os.path.getsize(path), None))
        continue
    gen.append((n, os.path.getsize(path), m))
    print(f"generated {n} services: {harness.ms(m['median'])}, peak {harness.mib(m['rss_kib'])}", flush=True)

lines = [
    "## composelint vs dclint (compose corpus)",
    "",
    f"Machine: {harness.machine()}. composelint from `{os.path.relpath(bin_dir)}`, dclint {version} (npm).",
    "Reproduce: `make run && bash bench/compose_bench.sh` (wall time per process, median of "
    f"{runs} runs for composelint and {dclint_runs} for dclint; peak RSS from `/usr/bin/time -f %M`).",
    "",
    f"Per file, one process each, {len(files)} files of `../shared/corpus/compose/`:",
    "",
    "| | composelint | dclint | ratio |",
    "|---|---|---|---|",
    f"| median time per file | {harness.ms(c_med)} | {harness.ms(d_med)} | {d_med / c_med:.0f}x |",
    f"| geometric mean of per-file ratios | | | {geo:.0f}x |",
    f"| smallest per-file ratio | | | {min(ratios):.0f}x |",
    f"| slowest file | {harness.ms(c_max[1]['median'])} ({c_max[0]}) | | |",
    f"| peak memory (largest over files) | {harness.mib(max(c['rss_kib'] for _, c, _ in rows))} "
    f"| {harness.mib(max(d['rss_kib'] for _, _, d in rows))} | |",
    f"| whole corpus, one invocation | {harness.ms(batch_c['median'])} | {harness.ms(batch_d['median'])} "
    f"| {batch_d['median'] / batch_c['median']:.0f}x |",
    "",
    "Generated projects (an `x-` anchor merged with `<<`, `mem_limit`, deploy limits with `${VAR:-default}`, every",
    "tenth service without a limit), `composelint --format json --memory-budget 64g FILE`:",
    "",
    "| services | file size | time | per service | peak memory |",
    "|---|---|---|---|---|",
]
for n, size, m in gen:
    if m is None:
        lines.append(f"| {n:,} | {size / 1e3:,.0f} kB | refused (exit 2: input limit) | | |")
        continue
    lines.append(f"| {n:,} | {size / 1e3:,.0f} kB | {harness.ms(m['median'])} | {m['median'] / n * 1e6:.1f} µs "
                 f"| {harness.mib(m['rss_kib'])} |")
t = {n: m["median"] for n, _, m in gen if m}
scaling = []
if 2000 in t and 10000 in t:
    scaling.append(f"2,000 → 10,000 services takes {t[10000] / t[2000]:.1f}× the time (5× would be linear)")
if 500 in t and 2000 in t:
    scaling.append(f"500 → 2,000 takes {t[2000] / t[500]:.1f}× (process start weighs on the small file)")
lines += ["", "Scaling: " + "; ".join(scaling) + ".", "",
          "<details><summary>Per-file times</summary>", "",
          "| file | composelint | dclint | ratio |", "|---|---|---|---|"]
for (name, c, d), r in zip(rows, ratios):
    lines.append(f"| {name} | {harness.ms(c['median'])} | {harness.ms(d['median'])} | {r:.0f}x |")
lines += ["", "</details>"]
harness.update_section("bench/RESULTS.md", "compose", "\n".join(lines))
print("\n".join(lines[:24]))
print("\nwrote bench/RESULTS.md (section compose)")
PY
