#!/usr/bin/env bash
# loopaudit's progress line: with --progress it counts files on stderr ("loopaudit: N/M files", redrawn
# in place) and erases itself before the report; stdout is the same report as without it; without
# --progress and with stderr not a terminal (a pipe, a CI log) nothing is drawn.
# Run by ctest as: bash progress.sh <bin_dir> <build_dir>
set -u
bin_dir="$(cd "$1" 2>/dev/null && pwd)"
loops="$bin_dir/loopaudit"
[ -x "$loops" ] || { echo "no binaries in $1"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
# shellcheck source=../support/script_checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/script_checks.sh"

tree="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../fixtures/loopaudit" && pwd)"
total=$(find "$tree" -name '*.py' -type f | wc -l)

run 1 "--progress: the fixtures' findings" -- "$loops" --progress --no-cache -j 1 "$tree"
cp "$tmp/out" "$tmp/with.out"
said "the last count is every file" "loopaudit: $total/$total files"
said "the first count is one file" "loopaudit: 1/$total files"
if grep -q $'\x1b\[K' "$tmp/err"; then echo "ok   the line is erased at the end"; else
  echo "FAIL: no erase sequence after the progress line"; fails=$((fails + 1)); fi

# A run read back whole from the cache (every file unchanged) has every file done at once.
"$loops" --cache-dir "$tmp/cache" -j 1 "$tree" >/dev/null 2>&1
run 1 "--progress, from the cache" -- "$loops" --progress --cache-dir "$tmp/cache" -j 1 "$tree"
said "from the cache: the count is every file" "loopaudit: $total/$total files"

run 1 "without --progress, stderr a file" -- "$loops" --no-cache -j 1 "$tree"
not_said "no progress line" "files"$'\r'
not_said "no count on stderr" "/$total files"
if cmp -s "$tmp/out" "$tmp/with.out"; then echo "ok   the report is the same with and without --progress"; else
  echo "FAIL: --progress changed the report"; fails=$((fails + 1)); fi

echo "$fails failure(s)"
[ "$fails" = 0 ]
