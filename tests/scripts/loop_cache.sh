#!/usr/bin/env bash
# loopaudit's content cache, end to end: on the Python standard library the JSON report is byte for
# byte the same without the cache, while filling it and from it, at -j1 and -j2; damaged entries are
# ignored (and rewritten), never trusted; the folder is where the README says (--cache-dir,
# $LOOPAUDIT_CACHE_DIR, the configuration file's folder, else the current one) and tagged for backup
# tools and git; --no-cache writes nothing; a cache that cannot be created is a warning, not an error.
# Run by ctest as: bash loop_cache.sh <bin_dir> <build_dir>
set -u
bin_dir="$(cd "$1" 2>/dev/null && pwd)"
loops="$bin_dir/loopaudit"
[ -x "$loops" ] || { echo "no binaries in $1"; exit 77; }
stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])' 2>/dev/null)
[ -d "$stdlib" ] || { echo "no Python standard library found (python3 sysconfig): skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
# shellcheck source=../support/script_checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/script_checks.sh"

same() {  # same DESCRIPTION FILE: the last stdout is byte for byte FILE
  if cmp -s "$tmp/out" "$2"; then echo "ok   $1"; else
    echo "FAIL: $1: the report differs"; diff "$2" "$tmp/out" | head -10; fails=$((fails + 1)); fi
}
check() {  # check DESCRIPTION TEST-ARGS...
  local what=$1; shift
  if test "$@"; then echo "ok   $what"; else echo "FAIL: $what"; fails=$((fails + 1)); fi
}
entries() { find "$1" -type f ! -name CACHEDIR.TAG ! -name .gitignore | wc -l; }

# 1. The same report with and without the cache, at any -j. The exit code is the first run's: 1 (the
# stdlib has findings), or 2 where the install holds the test suite's deliberately broken files.
cache="$tmp/cache"
"$loops" --no-cache -j 1 --format json "$stdlib" >/dev/null 2>&1
rc=$?
check "the stdlib has findings (exit $rc)" "$rc" -ge 1 -a "$rc" -le 2
run $rc "the stdlib without the cache, -j1" -- "$loops" --no-cache -j 1 --format json "$stdlib"
cp "$tmp/out" "$tmp/cold.json"
run $rc "the stdlib filling the cache, -j2" -- "$loops" --cache-dir "$cache" -j 2 --format json "$stdlib"
same "filling the cache changes nothing" "$tmp/cold.json"
check "the cache holds entries" "$(entries "$cache")" -gt 100
check "CACHEDIR.TAG marks it for backup tools" -f "$cache/CACHEDIR.TAG"
check "its .gitignore ignores everything in it" "$(tail -1 "$cache/.gitignore")" = "*"
for j in 1 2; do
  run $rc "the stdlib from the cache, -j$j" -- "$loops" --cache-dir "$cache" -j "$j" --format json "$stdlib"
  same "from the cache at -j$j: the same report" "$tmp/cold.json"
done

# 2. Damaged entries: every entry cut to half its size, then every entry overwritten with noise.
find "$cache" -type f ! -name CACHEDIR.TAG ! -name .gitignore -exec sh -c 'truncate -s $(( $(stat -c %s "$1") / 2 )) "$1"' _ {} \;
run $rc "truncated entries" -- "$loops" --cache-dir "$cache" -j 2 --format json "$stdlib"
same "truncated entries are not trusted" "$tmp/cold.json"
find "$cache" -type f ! -name CACHEDIR.TAG ! -name .gitignore -exec sh -c 'head -c 300 /dev/urandom > "$1"' _ {} \;
run $rc "entries of noise" -- "$loops" --cache-dir "$cache" -j 1 --format json "$stdlib"
same "entries of noise are not trusted" "$tmp/cold.json"
run $rc "after the rewrite" -- "$loops" --cache-dir "$cache" -j 1 --format json "$stdlib"
same "the rewritten entries give the same report" "$tmp/cold.json"

# 3. Where the folder is.
mkdir -p "$tmp/work" "$tmp/proj/sub"
printf 'while True:\n    pass\n' > "$tmp/work/loop.py"
cp "$tmp/work/loop.py" "$tmp/proj/sub/loop.py"
cd "$tmp/work" || exit 1
run 1 "--no-cache" -- "$loops" --no-cache loop.py
check "--no-cache writes no folder" ! -e "$tmp/work/.loopaudit_cache"
run 1 "the default folder" -- "$loops" loop.py
check "by default .loopaudit_cache in the current folder" -f "$tmp/work/.loopaudit_cache/CACHEDIR.TAG"
LOOPAUDIT_CACHE_DIR="$tmp/env-cache" run 1 "LOOPAUDIT_CACHE_DIR" -- "$loops" loop.py
check "\$LOOPAUDIT_CACHE_DIR names the folder" -f "$tmp/env-cache/CACHEDIR.TAG"
printf '[tool.loopaudit]\nselect = ["LA1"]\n' > "$tmp/proj/pyproject.toml"
cd "$tmp/proj/sub" || exit 1
run 1 "below a pyproject.toml" -- "$loops" loop.py
check "the configuration file's folder is the project root" -f "$tmp/proj/.loopaudit_cache/CACHEDIR.TAG"
check "not the current folder" ! -e "$tmp/proj/sub/.loopaudit_cache"
cd "$tmp" || exit 1

# 4. A cache that cannot be created: a warning, and the same report.
run $rc "an impossible cache folder" -- "$loops" --cache-dir "$tmp/work/loop.py/cache" -j 1 --format json "$stdlib"
same "the report without the cache" "$tmp/cold.json"
said "a warning names the folder" "warning: cannot create the cache folder $tmp/work/loop.py/cache"

echo "$fails failure(s)"
[ "$fails" = 0 ]
