#!/usr/bin/env bash
# loopaudit speed, against ast-grep (npm @ast-grep/cli, prebuilt) scanning the same tree with rules
# for the same three inventories (bench/ast-grep/), both at -j 1 and -j 2, plus the bare cost of
# parsing every file with tree-sitter (bench/ts_parse.cpp) and peak memory.
# Trees: the CPython standard library of `python3` (sysconfig's stdlib path) without its test suite,
# and, when the install has one, the same with test/. Only *.py files are copied into bench/out/trees
# (site-packages and the `venv` package, which loopaudit skips by name, are left out) so that every
# tool reads exactly the same files.
# Writes the "loops" section of bench/RESULTS.md.
# Usage: bash bench/loop_bench.sh [BIN_DIR]   (default build/bin from `make run`, a Release build;
#        the build dir BIN_DIR/.. must hold libboundaudit_tree_sitter.a)
# Env: RUNS (runs per measurement, default 3), PYTHON (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:-build/bin}
build_dir=$(cd "$bin_dir/.." && pwd)
astgrep_version=0.51.1
npm_dir=bench/out/npm
[ -x "$bin_dir/loopaudit" ] || { echo "no $bin_dir/loopaudit: run 'make run' first (Release build)"; exit 2; }
if [ ! -x "$npm_dir/node_modules/.bin/ast-grep" ]; then
  echo "installing @ast-grep/cli@$astgrep_version into $npm_dir"
  mkdir -p "$npm_dir"
  npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error "@ast-grep/cli@$astgrep_version" > /dev/null
fi
ts_include=$(ls -d "$build_dir"/_deps/npm/tree-sitter-*/package/vendor/tree-sitter/lib/include | head -1)
ts_lib=$build_dir/libboundaudit_tree_sitter.a
[ -f "$ts_lib" ] || { echo "no $ts_lib: build the project first"; exit 2; }
mkdir -p bench/out
g++ -O2 -std=c++20 -Wall -Wextra bench/ts_parse.cpp -I"$ts_include" "$ts_lib" -pthread -o bench/out/ts_parse

exec "${PYTHON:-python3}" - "$bin_dir/loopaudit" "$npm_dir/node_modules/.bin/ast-grep" bench/out/ts_parse <<'PY'
import collections, json, os, shutil, subprocess, sys, sysconfig
sys.path.insert(0, "bench")
import harness

loopaudit, astgrep, ts_parse = (os.path.abspath(p) for p in sys.argv[1:4])
runs = int(os.environ.get("RUNS", "3"))
stdlib = sysconfig.get_paths()["stdlib"]
pyver = ".".join(map(str, sys.version_info[:3]))

def make_tree(name, with_tests):
    dest = os.path.join("bench/out/trees", name)
    stamp = os.path.join(dest, ".source")
    source = f"{stdlib} {pyver} tests={with_tests}"
    if os.path.exists(stamp) and open(stamp).read() == source:
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    for root, dirs, files in os.walk(stdlib):
        rel = os.path.relpath(root, stdlib)
        if rel == ".":
            dirs[:] = [d for d in dirs if d not in ("site-packages", "venv") and (with_tests or d != "test")]
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for f in files:
            if f.endswith(".py"):
                os.makedirs(os.path.join(dest, rel), exist_ok=True)
                shutil.copyfile(os.path.join(root, f), os.path.join(dest, rel, f))
    with open(stamp, "w") as f:
        f.write(source)
    return dest

trees = [("stdlib", make_tree("stdlib", False))]
if os.path.isdir(os.path.join(stdlib, "test")):
    trees.append(("stdlib + test suite", make_tree("stdlib-tests", True)))

def py_files(tree):
    n = size = 0
    for root, _, files in os.walk(tree):
        for f in files:
            if f.endswith(".py"):
                n += 1
                size += os.path.getsize(os.path.join(root, f))
    return n, size

astgrep_version = subprocess.run([astgrep, "--version"], capture_output=True, text=True).stdout.strip()
cfg = os.path.abspath("bench/ast-grep/sgconfig.yml")
results, figures = [], {}
for label, tree in trees:
    n, size = py_files(tree)
    print(f"== {label}: {n} files, {size / 1e6:.1f} MB ({tree})", flush=True)
    outputs = {}
    for j in (1, 2):
        cmds = {
            "loopaudit": [loopaudit, "-j", str(j), "--format", "json", tree],
            "ast-grep": [astgrep, "scan", "-c", cfg, "-j", str(j), "--json=stream", tree],
            "tree-sitter parse only": [ts_parse, "-j", str(j), tree],
        }
        # Exit 2 as well: the stdlib's test suite holds files that are not valid source on purpose
        # (test/tokenizedata), which loopaudit reports as input errors.
        row = harness.measure_interleaved(cmds, runs=runs, warmup=1, ok_codes=(0, 1, 2))
        for name, cmd in cmds.items():
            m = row[name]
            print(f"  -j{j} {name:24} {harness.ms(m['median']):>10}  peak {harness.mib(m['rss_kib'])}", flush=True)
            out = os.path.join("bench/out", f"{name.split()[0]}-{os.path.basename(tree)}-j{j}.out")
            with open(out, "wb") as f:
                harness.run_once(cmd, stdout=f)
            outputs[(name, j)] = out
        results.append((label, n, size, j, row))
    # The same answer at -j1 and -j2, and the inventory figures.
    same = open(outputs[("loopaudit", 1)], "rb").read() == open(outputs[("loopaudit", 2)], "rb").read()
    doc = json.load(open(outputs[("loopaudit", 1)], encoding="utf-8"))
    sites = doc.get("sites", [])
    figures[label] = {
        "files_scanned": doc.get("files_scanned"),
        "identical_j1_j2": same,
        "sites": collections.Counter(s["category"] for s in sites),
        "bounds": collections.Counter(f"{s['category']}/{s['bound']['kind']}" for s in sites),
        "findings": collections.Counter(f["rule"] for f in doc.get("findings", [])),
        "errors": len(doc.get("errors", [])),
        "astgrep": collections.Counter(json.loads(l)["ruleId"] for l in open(outputs[("ast-grep", 1)], encoding="utf-8") if l.strip()),
    }

cmd_text = "make run && bash bench/loop_bench.sh"
lines = [
    "## loopaudit vs ast-grep (CPython standard library)",
    "",
    f"Machine: {harness.machine()}. Python {pyver} stdlib from `{stdlib}`; ast-grep {astgrep_version.split()[-1]} (npm),",
    "rules in `bench/ast-grep/` (while statements; gather/wait/as_completed, create_task/ensure_future/start_soon/submit",
    "in loops and comprehensions; subprocess/os/pty/multiprocessing spawns: syntax only, no alias resolution or bounds).",
    f"Reproduce: `{cmd_text}` (wall time, median of {runs} runs after a warm-up, the three",
    "tools run in turn so that they share the same background load; peak RSS from",
    "`/usr/bin/time -f %M`). Commands: `loopaudit -j J --format json TREE`,",
    "`ast-grep scan -c bench/ast-grep/sgconfig.yml -j J --json=stream TREE`, `bench/out/ts_parse -j J TREE`.",
    "",
    "| tree | files | -j | loopaudit | ast-grep | ratio | tree-sitter parse only | loopaudit peak | ast-grep peak |",
    "|---|---|---|---|---|---|---|---|---|",
]
for label, n, size, j, row in results:
    la, ag, ts = row["loopaudit"], row["ast-grep"], row["tree-sitter parse only"]
    lines.append(f"| {label} ({size / 1e6:.0f} MB) | {n} | {j} | {harness.ms(la['median'])} | {harness.ms(ag['median'])} "
                 f"| {ag['median'] / la['median']:.1f}x | {harness.ms(ts['median'])} | {harness.mib(la['rss_kib'])} "
                 f"| {harness.mib(ag['rss_kib'])} |")
lines += [""]
for label, n, size, j, row in results:
    if j == 2:
        one = next(r for l, _, _, jj, r in results if l == label and jj == 1)
        lines.append(f"Scaling on {label}: -j2 is {one['loopaudit']['median'] / row['loopaudit']['median']:.2f}x "
                     f"-j1 for loopaudit, {one['ast-grep']['median'] / row['ast-grep']['median']:.2f}x for ast-grep.")
lines += [""]
for label, fig in figures.items():
    c = lambda counter: ", ".join(f"{k}: {v}" for k, v in sorted(counter.items())) or "none"
    lines += [f"Inventory of {label} (loopaudit, {fig['files_scanned']} files; output identical at -j1 and -j2: "
              f"{'yes' if fig['identical_j1_j2'] else 'NO'}):",
              f"- sites: {c(fig['sites'])}",
              f"- bound kinds: {c(fig['bounds'])}",
              f"- findings: {c(fig['findings'])}; input errors: {fig['errors']}",
              f"- ast-grep matches for comparison: {c(fig['astgrep'])}", ""]
harness.update_section("bench/RESULTS.md", "loops", "\n".join(lines))
print("\n".join(lines))
print("wrote bench/RESULTS.md (section loops)")
PY
