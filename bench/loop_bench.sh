#!/usr/bin/env bash
# loopaudit speed and memory, against ast-grep (npm @ast-grep/cli, prebuilt) scanning the same tree
# with rules for the same three inventories (bench/ast-grep/), both at -j 1 and -j 2, plus the bare cost
# of parsing every file with tree-sitter (bench/ts_parse.cpp); peak RSS for every row.
#
# Trees (only *.py files are copied into bench/out/trees, keeping relative paths, and without the
# directories loopaudit skips by name (kSkippedDirectories in lib/loops/discover.hpp: site-packages,
# venv, build, ...), so that every tool reads exactly the same files; each copy is made once, a
# `.source` stamp says from what):
# - stdlib: the CPython standard library of `python3` (sysconfig's stdlib path) without its test suite,
#   and, when the install has one, stdlib-tests: the same with test/;
# - site-packages-copy: the site-packages of `python3` (sysconfig's purelib and platlib,
#   site.getsitepackages() and the user site, those that exist; one subfolder rootN each when there
#   are several), in a folder whose name loopaudit does not skip;
# - sp-scale-1, sp-scale-2, sp-scale-4: copy1..copyK, real copies (`cp -r`, no hard links: loopaudit
#   lists a file reached twice once) of site-packages-copy, to show how time and memory grow.
#
# Measured, each tool run in turn (interleaved) so that all share the same background load, every timed
# run under `/usr/bin/time -f %M` for its peak RSS (the largest is reported):
# - cold: `loopaudit -j J --no-cache --format json TREE` against ast-grep and the tree-sitter parse;
#   and `loopaudit -j J --cache-dir DIR ...` with DIR emptied before each run (cache being filled);
# - warm: the same DIR filled once, nothing changed; one file changed: before each run a distinct
#   `# bench N` line is appended to the tree's non-empty file of median size (restored afterwards, also on
#   failure); both as ms and % of the cold time;
# - identity: the JSON of cold, cache-filling and warm runs at -j1 and -j2 (and a warm run after the
#   changed file is restored), compared byte for byte;
# - scaling: loopaudit -j2 --no-cache and with an empty cache dir on sp-scale-{1,2,4}, time and peak RSS
#   with the 2x/1x and 4x/1x ratios (no ast-grep there: too slow).
# The cache rows need a loopaudit whose --help lists --cache-dir (and --no-cache); with an older one
# they are skipped (said so) and the cold runs go without --no-cache.
# Writes the "loops" section of bench/RESULTS.md (a partial run, with TREES or SP_LIMIT set, writes
# bench/out/loops-section.md instead). Takes 10 to 12 minutes at RUNS=3 on 2 quiet cores (the copies,
# about 1 GB in bench/out/trees, are made on the first run).
#
# Usage: bash bench/loop_bench.sh [BIN_DIR]   (default build/bin from `make run`, a Release build;
#        the build dir BIN_DIR/.. must hold libboundaudit_tree_sitter.a)
# Env: RUNS (runs per measurement, default 3), SCALE_RUNS (runs per scaling measurement, default 5),
#      TREES (which of stdlib, site-packages, scale to run, default "stdlib site-packages scale"; e.g.
#      TREES=stdlib for a quick run), SP_LIMIT (copy only the first N top-level packages and modules of
#      site-packages, in name order, into site-packages-copy; default 0 = all), PYTHON (default python3).
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
import collections, json, os, re, shutil, signal, site, subprocess, sys, sysconfig, time
sys.path.insert(0, "bench")
import harness

loopaudit, astgrep, ts_parse = (os.path.abspath(p) for p in sys.argv[1:4])
runs = int(os.environ.get("RUNS", "3"))
scale_runs = int(os.environ.get("SCALE_RUNS", "5"))
sp_limit = int(os.environ.get("SP_LIMIT", "0"))
wanted = os.environ.get("TREES", "stdlib site-packages scale").split()
unknown = set(wanted) - {"stdlib", "site-packages", "scale"}
if unknown:
    sys.exit(f"TREES: unknown {' '.join(sorted(unknown))} (known: stdlib site-packages scale)")
stdlib = sysconfig.get_paths()["stdlib"]
pyver = ".".join(map(str, sys.version_info[:3]))
cache = "--cache-dir" in subprocess.run([loopaudit, "--help"], capture_output=True, text=True).stdout
cold_flags = ["--no-cache"] if cache else []
# SIGTERM ends the run through the finally blocks that restore the changed file.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
started = time.monotonic()


def elapsed():
    """[m:ss] since the start, for the progress lines."""
    s = int(time.monotonic() - started)
    return f"[{s // 60}:{s % 60:02}]"


def skipped_directories():
    """The directory names loopaudit's walk skips, read from its source so that the copies follow it."""
    text = open("lib/loops/discover.hpp", encoding="utf-8").read()
    m = re.search(r"kSkippedDirectories\[\]\s*=\s*\{([^}]*)\}", text)
    if not m:
        sys.exit("lib/loops/discover.hpp: kSkippedDirectories not found")
    return set(re.findall(r'"([^"]+)"', m.group(1)))


SKIPPED = skipped_directories()


def copy_py(name, source, roots):
    """Copies the *.py files under each (src, sub, keep_top) of roots into bench/out/trees/NAME/sub,
    keeping relative paths and leaving out the directories loopaudit skips and the top-level entries
    keep_top refuses. Done once: the stamp file holds `source`, written last."""
    dest = os.path.join("bench/out/trees", name)
    stamp = os.path.join(dest, ".source")
    if os.path.exists(stamp) and open(stamp).read() == source:
        return dest
    print(f"{elapsed()} copying the *.py files of {name} into {dest}", flush=True)
    shutil.rmtree(dest, ignore_errors=True)
    for src, sub, keep_top in roots:
        for root, dirs, files in os.walk(src):
            rel = os.path.relpath(root, src)
            top = rel == "."
            dirs[:] = [d for d in dirs if d not in SKIPPED and (not top or keep_top(d))]
            for f in files:
                if f.endswith(".py") and (not top or keep_top(f)) and os.path.isfile(os.path.join(root, f)):
                    out_dir = os.path.normpath(os.path.join(dest, sub, rel))
                    os.makedirs(out_dir, exist_ok=True)
                    shutil.copyfile(os.path.join(root, f), os.path.join(out_dir, f))
    os.makedirs(dest, exist_ok=True)
    with open(stamp, "w") as f:
        f.write(source)
    return dest


def make_stdlib_tree(name, with_tests):
    return copy_py(name, f"{stdlib} {pyver} tests={with_tests}",
                   [(stdlib, ".", lambda entry: with_tests or entry != "test")])


def site_packages_roots():
    paths = sysconfig.get_paths()
    candidates = [paths["purelib"], paths["platlib"], *site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        candidates.append(site.getusersitepackages())
    roots = []
    for p in candidates:
        if os.path.isdir(p) and os.path.realpath(p) not in map(os.path.realpath, roots):
            roots.append(p)
    return roots


def make_site_packages_tree():
    roots = site_packages_roots()
    if not roots:
        sys.exit(f"{sys.executable} has no site-packages directory")
    # SP_LIMIT: the first N top-level packages (directories) and modules (*.py), in name order over
    # the roots; *.dist-info / *.egg-info folders hold no source and do not count.
    entries = [(r, e) for r in roots for e in sorted(os.listdir(r))
               if e not in SKIPPED and (e.endswith(".py") if os.path.isfile(os.path.join(r, e))
                                        else not e.endswith((".dist-info", ".egg-info")))]
    chosen = set(entries[:sp_limit] if sp_limit > 0 else entries)
    listing = {r: sorted(os.listdir(r)) for r in roots}  # a package installed or upgraded: copy again
    source = json.dumps({"roots": roots, "python": pyver, "limit": sp_limit, "skipped": sorted(SKIPPED),
                         "listing": listing})
    return copy_py("site-packages-copy", source,
                   [(r, "." if len(roots) == 1 else f"root{i}", lambda e, r=r: (r, e) in chosen)
                    for i, r in enumerate(roots, 1)])


def make_scale_tree(base, k):
    dest = f"bench/out/trees/sp-scale-{k}"
    stamp = os.path.join(dest, ".source")
    source = open(os.path.join(base, ".source")).read() + f" copies={k}"
    if os.path.exists(stamp) and open(stamp).read() == source:
        return dest
    print(f"{elapsed()} making {dest}: {k} copies of {base}", flush=True)
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    for i in range(1, k + 1):
        subprocess.run(["cp", "-r", base, os.path.join(dest, f"copy{i}")], check=True)
        os.unlink(os.path.join(dest, f"copy{i}", ".source"))
    with open(stamp, "w") as f:
        f.write(source)
    return dest


def py_files(tree):
    found = []
    for root, _, files in os.walk(tree):
        found += [os.path.join(root, f) for f in files if f.endswith(".py")]
    return sorted(found)


def tree_size(tree):
    files = py_files(tree)
    return len(files), sum(os.path.getsize(f) for f in files)


def read_all(tree):
    """Reads every file once so that the first timed run does not pay for the disk."""
    for f in py_files(tree):
        with open(f, "rb") as h:
            while h.read(1 << 20):
                pass


def empty_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


class ChangedFile:
    """The tree's non-empty file of median size (ties by path; site-packages is half empty __init__.py
    files); each change() appends a distinct comment line `# bench N`; restore() puts back the original
    bytes and times."""

    def __init__(self, tree):
        sized = sorted((os.path.getsize(f), f) for f in py_files(tree))
        files = [f for size, f in sized if size] or [f for _, f in sized]
        self.path = files[len(files) // 2]
        self.original = open(self.path, "rb").read()
        st = os.stat(self.path)
        self.times = (st.st_atime_ns, st.st_mtime_ns)
        self.count = 0  # changes so far: N of the next `# bench N` line
        self.changed = False

    def change(self):
        self.count += 1
        self.changed = True
        sep = b"" if self.original.endswith(b"\n") or not self.original else b"\n"
        with open(self.path, "wb") as f:
            f.write(self.original + sep + f"# bench {self.count}\n".encode())

    def restore(self):
        if not self.changed:
            return
        self.changed = False
        with open(self.path, "wb") as f:
            f.write(self.original)
        os.utime(self.path, ns=self.times)


def la(j, tree, *flags):
    return [loopaudit, "-j", str(j), *flags, "--format", "json", tree]


def write_output(cmd, out):
    with open(out, "wb") as f:
        harness.run_once(cmd, stdout=f)
    return out


def first_difference(a, b):
    la_, lb = open(a, "rb").read().splitlines(), open(b, "rb").read().splitlines()
    for n, (x, y) in enumerate(zip(la_, lb), 1):
        if x != y:
            return f"line {n}"
    return f"line {min(len(la_), len(lb)) + 1} (lengths differ)"


def show(j, name, m, cold=None):
    share = f"  {100 * m['median'] / cold:5.1f}% of cold" if cold else ""
    print(f"  -j{j} {name:30} {harness.ms(m['median']):>10}  peak {harness.mib(m['rss_kib'])}{share}", flush=True)


if not cache:
    print(f"{loopaudit} --help has no --cache-dir: the cache rows (cache being filled, warm, one file "
          "changed, identity with the cache) are skipped", flush=True)

trees = []
if "stdlib" in wanted:
    trees.append(("stdlib", make_stdlib_tree("stdlib", False)))
    if os.path.isdir(os.path.join(stdlib, "test")):
        trees.append(("stdlib + test suite", make_stdlib_tree("stdlib-tests", True)))
sp_tree = make_site_packages_tree() if {"site-packages", "scale"} & set(wanted) else None
if "site-packages" in wanted:
    trees.append(("site-packages" + (f", first {sp_limit} packages" if sp_limit else ""), sp_tree))

astgrep_version = subprocess.run([astgrep, "--version"], capture_output=True, text=True).stdout.strip()
cfg = os.path.abspath("bench/ast-grep/sgconfig.yml")
shutil.rmtree("bench/out/cache", ignore_errors=True)  # the cache dirs of an earlier run
os.makedirs("bench/out/cache")
results, figures, scale_rows = [], {}, []
for label, tree in trees:
    n, size = tree_size(tree)
    base = os.path.basename(tree)
    print(f"{elapsed()} == {label}: {n} files, {size / 1e6:.1f} MB ({tree})", flush=True)
    outputs = {}
    changed = ChangedFile(tree)
    try:
        for j in (1, 2):
            fresh = os.path.abspath(f"bench/out/cache/{base}-j{j}-fresh")
            cmds = {"loopaudit": la(j, tree, *cold_flags)}
            if cache:
                cmds["loopaudit, cache being filled"] = la(j, tree, "--cache-dir", fresh)
            cmds["ast-grep"] = [astgrep, "scan", "-c", cfg, "-j", str(j), "--json=stream", tree]
            cmds["tree-sitter parse only"] = [ts_parse, "-j", str(j), tree]
            # Exit 2 as well: the stdlib's test suite holds files that are not valid source on purpose
            # (test/tokenizedata), which loopaudit reports as input errors.
            row = harness.measure_interleaved(
                cmds, runs=runs, warmup=1, ok_codes=(0, 1, 2), rss_each_run=True,
                setup={"loopaudit, cache being filled": lambda: empty_dir(fresh)})
            for name, m in row.items():
                show(j, name, m, row["loopaudit"]["median"] if name.startswith("loopaudit,") else None)
            outputs[("cold", j)] = write_output(cmds["loopaudit"], f"bench/out/loopaudit-{base}-j{j}.out")
            if j == 1:
                outputs[("ast-grep", j)] = write_output(cmds["ast-grep"], f"bench/out/ast-grep-{base}-j{j}.out")
            if cache:
                warm_dir = os.path.abspath(f"bench/out/cache/{base}-j{j}-warm")
                empty_dir(warm_dir)
                warm = la(j, tree, "--cache-dir", warm_dir)
                outputs[("cache being filled", j)] = write_output(warm, f"bench/out/loopaudit-{base}-j{j}-filling.out")
                outputs[("warm", j)] = write_output(warm, f"bench/out/loopaudit-{base}-j{j}-warm.out")
                row["loopaudit, warm"] = harness.measure(
                    warm, runs=runs, warmup=1, ok_codes=(0, 1, 2), rss_each_run=True)
                show(j, "loopaudit, warm", row["loopaudit, warm"], row["loopaudit"]["median"])
                try:
                    row["loopaudit, one file changed"] = harness.measure(
                        warm, runs=runs, warmup=1, ok_codes=(0, 1, 2), rss_each_run=True, setup=changed.change)
                finally:
                    changed.restore()
                show(j, "loopaudit, one file changed", row["loopaudit, one file changed"],
                     row["loopaudit"]["median"])
                outputs[("warm after the change was undone", j)] = write_output(
                    warm, f"bench/out/loopaudit-{base}-j{j}-restored.out")
            results.append((label, n, size, j, row))
    finally:
        changed.restore()
    # The same answer at -j1 and -j2, with and without the cache.
    reference = outputs[("cold", 1)]
    differ = [f"{kind} -j{j} ({first_difference(reference, out)})" for (kind, j), out in outputs.items()
              if kind != "ast-grep" and open(out, "rb").read() != open(reference, "rb").read()]
    compared = list(dict.fromkeys(kind for kind, _ in outputs if kind != "ast-grep"))
    print(f"  identical: {'NO: ' + ', '.join(differ) + ' differ from cold -j1' if differ else 'yes'} "
          f"({', '.join(compared)}; -j1 and -j2)", flush=True)
    doc = json.load(open(reference, encoding="utf-8"))
    sites = doc.get("sites", [])
    figures[label] = {
        "files_scanned": doc.get("files_scanned"),
        "identical": not differ,
        "differ": differ,
        "compared": compared,
        "changed_file": os.path.relpath(changed.path, tree),
        "sites": collections.Counter(s["category"] for s in sites),
        "bounds": collections.Counter(f"{s['category']}/{s['bound']['kind']}" for s in sites),
        "findings": collections.Counter(f["rule"] for f in doc.get("findings", [])),
        "errors": len(doc.get("errors", [])),
        "astgrep": collections.Counter(json.loads(l)["ruleId"] for l in open(outputs[("ast-grep", 1)], encoding="utf-8") if l.strip()),
    }

if "scale" in wanted:
    copies = (1, 2, 4)
    for k in copies:
        make_scale_tree(sp_tree, k)
    for k in copies:
        tree = f"bench/out/trees/sp-scale-{k}"
        n, size = tree_size(tree)
        print(f"{elapsed()} == scaling, {k}x site-packages-copy: {n} files, {size / 1e6:.1f} MB ({tree})", flush=True)
        read_all(tree)
        fresh = os.path.abspath(f"bench/out/cache/sp-scale-{k}-fresh")
        cmds = {"loopaudit": la(2, tree, *cold_flags)}
        if cache:
            cmds["loopaudit, cache being filled"] = la(2, tree, "--cache-dir", fresh)
        row = harness.measure_interleaved(
            cmds, runs=scale_runs, warmup=0, ok_codes=(0, 1, 2), rss_each_run=True,
            setup={"loopaudit, cache being filled": lambda: empty_dir(fresh)})
        shutil.rmtree(fresh, ignore_errors=True)  # 30 MB per copy
        for name, m in row.items():
            show(2, name, m)
        scale_rows.append((k, n, size, row))

# Tables.
def pct(m, cold):
    return f"{harness.ms(m['median'])} ({100 * m['median'] / cold['median']:.1f}%)"

cold_text = "--no-cache " if cache else ""
cmd_text = "make run && bash bench/loop_bench.sh"
lines = [
    "## loopaudit vs ast-grep (CPython standard library, site-packages)",
    "",
    f"Machine: {harness.machine()}. Python {pyver} stdlib from `{stdlib}`"
    + (f", site-packages from {', '.join(f'`{r}`' for r in site_packages_roots())}" if sp_tree else "")
    + (f" (first {sp_limit} packages)" if sp_tree and sp_limit else "") + f"; ast-grep {astgrep_version.split()[-1]} (npm),",
    "rules in `bench/ast-grep/` (while statements; gather/wait/as_completed, create_task/ensure_future/start_soon/submit",
    "in loops and comprehensions; subprocess/os/pty/multiprocessing spawns: syntax only, no alias resolution or bounds).",
    "Only the `*.py` files are copied into `bench/out/trees/`, without the directories loopaudit skips by name.",
    f"Reproduce: `{cmd_text}` (wall time, median of {runs} runs after a warm-up, the",
    "tools run in turn so that they share the same background load; each timed run under `/usr/bin/time -f %M`,",
    f"the peak RSS is the largest). Commands: `loopaudit -j J {cold_text}--format json TREE`,",
    "`ast-grep scan -c bench/ast-grep/sgconfig.yml -j J --json=stream TREE`, `bench/out/ts_parse -j J TREE`.",
    "",
    "| tree | files | -j | loopaudit | ast-grep | ratio | tree-sitter parse only | loopaudit peak | ast-grep peak |",
    "|---|---|---|---|---|---|---|---|---|",
]
for label, n, size, j, row in results:
    lo, ag, ts = row["loopaudit"], row["ast-grep"], row["tree-sitter parse only"]
    lines.append(f"| {label} ({size / 1e6:.0f} MB) | {n} | {j} | {harness.ms(lo['median'])} | {harness.ms(ag['median'])} "
                 f"| {ag['median'] / lo['median']:.1f}x | {harness.ms(ts['median'])} | {harness.mib(lo['rss_kib'])} "
                 f"| {harness.mib(ag['rss_kib'])} |")
lines += [""]
for label, n, size, j, row in results:
    if j == 2:
        one = next(r for l, _, _, jj, r in results if l == label and jj == 1)
        lines.append(f"Scaling on {label}: -j2 is {one['loopaudit']['median'] / row['loopaudit']['median']:.2f}x "
                     f"-j1 for loopaudit, {one['ast-grep']['median'] / row['ast-grep']['median']:.2f}x for ast-grep.")
lines += [""]

if not cache:
    lines += ["Cache: not measured, this loopaudit has no `--cache-dir` (the cold runs above are plain runs).", ""]
elif results:
    lines += [
        "### The content cache",
        "",
        "Cold: `--no-cache` (above). Cache being filled: `--cache-dir DIR` with DIR emptied before each run.",
        "Warm: `--cache-dir DIR` filled once by a run of the same -j, nothing changed. One file changed: the same,",
        "with a distinct `# bench N` line appended before each run to the tree's non-empty file of median size (named below;",
        "restored afterwards). Times are medians, with the share of the cold time.",
        "",
        "| tree | -j | cold | cache being filled | warm | one file changed | peak: cold | filling | warm | changed |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, n, size, j, row in results:
        lo, fi = row["loopaudit"], row["loopaudit, cache being filled"]
        wa, ch = row["loopaudit, warm"], row["loopaudit, one file changed"]
        lines.append(f"| {label} | {j} | {harness.ms(lo['median'])} | {pct(fi, lo)} | {pct(wa, lo)} | {pct(ch, lo)} "
                     f"| {harness.mib(lo['rss_kib'])} | {harness.mib(fi['rss_kib'])} | {harness.mib(wa['rss_kib'])} "
                     f"| {harness.mib(ch['rss_kib'])} |")
    lines += [""]

if scale_rows:
    lines += [
        "### Growth with the tree (site-packages-copy 1x, 2x, 4x)",
        "",
        f"`bench/out/trees/sp-scale-K/copy1..copyK`, real copies of site-packages-copy; `loopaudit -j 2 {cold_text}"
        "--format json TREE`" + (" and the same with `--cache-dir` emptied before each run" if cache else "")
        + f"; {scale_runs} run(s) each, the files read once before. Time: the median. Peak: the median peak RSS",
        "of the runs, then the largest in brackets (two threads' peaks move by a few MiB between identical runs,",
        "with the files they happen to hold at once); \"vs 1x\" compares medians, then maxima. The copies hold the",
        "same bytes, so the cache being filled may serve copy2..copyK from copy1's entries: the no-cache figures are",
        "the work's growth.",
        "",
    ]
    kinds = list(scale_rows[0][3])
    head = ["copies", "files", "size"]
    for name in kinds:
        short = "no cache" if name == "loopaudit" and cache else name.replace("loopaudit, ", "")
        head += [short, "vs 1x", "peak", "vs 1x"]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    first = scale_rows[0][3]
    for k, n, size, row in scale_rows:
        cells = [f"{k}x", f"{n:,}", f"{size / 1e6:.0f} MB"]
        for name in kinds:
            m, m1 = row[name], first[name]
            cells += [harness.ms(m["median"]), f"{m['median'] / m1['median']:.2f}x",
                      f"{harness.mib(m['rss_median_kib'])} ({harness.mib(m['rss_kib'])})",
                      f"{m['rss_median_kib'] / m1['rss_median_kib']:.2f}x ({m['rss_kib'] / m1['rss_kib']:.2f}x)"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [""]

# The figures issue 11 asks about, one per row.
summary = []
for label, n, size, j, row in results:
    lo = row["loopaudit"]
    summary.append((f"cold, {label}, -j{j}: ast-grep time / loopaudit time", f"{row['ast-grep']['median'] / lo['median']:.1f}x"))
for label, n, size, j, row in results:
    if cache:
        lo = row["loopaudit"]
        summary.append((f"warm, {label}, -j{j}: share of the cold time", f"{100 * row['loopaudit, warm']['median'] / lo['median']:.1f}%"))
        summary.append((f"one file changed, {label}, -j{j}: share of the cold time",
                        f"{100 * row['loopaudit, one file changed']['median'] / lo['median']:.1f}%"))
for label, n, size, j, row in results:
    if j == 2:
        kib = row["loopaudit"]["rss_kib"]
        summary.append((f"peak RSS, {label} ({size / 1e6:.0f} MB), -j2, cold", f"{harness.mib(kib)} = {kib * 1024 / 1e6:.1f} MB"))
if scale_rows:
    first = scale_rows[0][3]
    for k, n, size, row in scale_rows[1:]:
        for name in row:
            summary.append((f"peak RSS {k}x / 1x, {name}, -j2: medians of {scale_runs} runs (maxima)",
                            f"{row[name]['rss_median_kib'] / first[name]['rss_median_kib']:.2f}x "
                            f"({row[name]['rss_kib'] / first[name]['rss_kib']:.2f}x)"))
            summary.append((f"time {k}x / 1x, {name}, -j2", f"{row[name]['median'] / first[name]['median']:.2f}x"))
for label, fig in figures.items():
    summary.append((f"output identical ({', '.join(fig['compared'])}; -j1, -j2), {label}",
                    "yes" if fig["identical"] else "NO: " + ", ".join(fig["differ"])))
if summary:
    lines += ["### Issue 11 figures", "", "| measure | figure |", "|---|---|"]
    lines += [f"| {what} | {figure} |" for what, figure in summary]
    lines += [""]

for label, fig in figures.items():
    c = lambda counter: ", ".join(f"{k}: {v}" for k, v in sorted(counter.items())) or "none"
    lines += [f"Inventory of {label} (loopaudit, {fig['files_scanned']} files; output identical at -j1 and -j2"
              + (", with and without the cache" if cache else "") + f": {'yes' if fig['identical'] else 'NO'}"
              + (f"; changed file `{fig['changed_file']}`" if cache else "") + "):",
              f"- sites: {c(fig['sites'])}",
              f"- bound kinds: {c(fig['bounds'])}",
              f"- findings: {c(fig['findings'])}; input errors: {fig['errors']}",
              f"- ast-grep matches for comparison: {c(fig['astgrep'])}", ""]
print("\n".join(lines))
print(f"{elapsed()} done")
if set(wanted) == {"stdlib", "site-packages", "scale"} and not sp_limit:
    harness.update_section("bench/RESULTS.md", "loops", "\n".join(lines))
    print("wrote bench/RESULTS.md (section loops)")
else:
    with open("bench/out/loops-section.md", "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("a partial run (TREES or SP_LIMIT): wrote bench/out/loops-section.md, not bench/RESULTS.md")
PY
