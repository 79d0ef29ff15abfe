#!/usr/bin/env bash
# --baseline / --write-baseline end to end, in both tools: write one, re-run clean, an edit elsewhere
# in the file still clean, a new finding reported (exit 1), a removed one listed as fixed (exit 0), an
# entry outside the run's paths never listed as fixed, a broken baseline is exit 2 naming it, and the
# machine formats keep their schema (the fixed list goes to stderr).
# Run by ctest as: bash baseline.sh <bin_dir> <build_dir>
set -u
bin_dir="$(cd "$1" 2>/dev/null && pwd)"
compose="$bin_dir/composelint"
loops="$bin_dir/loopaudit"
[ -x "$compose" ] && [ -x "$loops" ] || { echo "no binaries in $1"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# shellcheck source=../support/script_checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/script_checks.sh"

# --- loopaudit ---------------------------------------------------------------------------------------
mkdir -p "$tmp/src/pkg" "$tmp/other"
cat >"$tmp/src/pkg/worker.py" <<'PY'
class Worker:
    def spin(self):
        while True:
            self.step()

    def drain(self, q):
        while True:
            q.get()
PY
printf 'def idle():\n    while True:\n        pass\n' >"$tmp/other/idle.py"
cd "$tmp" || exit 1

run 1 "loopaudit: two unbounded loops are findings" -- "$loops" src
run 0 "loopaudit --write-baseline writes them and exits 0" -- "$loops" --write-baseline base.json src
said "the count written is said" "wrote 2 finding(s)"
run 0 "the baseline file is JSON with both entries" -- python3 -c '
import json, sys
d = json.load(open("base.json"))
assert d["tool"] == "loopaudit" and d["format_version"] == 1, d
assert sorted(e["anchor"] for e in d["entries"]) == ["Worker.drain", "Worker.spin"], d'
run 0 "loopaudit --baseline: a re-run is clean" -- "$loops" --baseline base.json src

# Lines added above the loops (their line numbers change): still clean.
{ printf 'import os\n\n\nLIMIT = 3\n\n'; cat src/pkg/worker.py; } >src/pkg/worker.tmp && mv src/pkg/worker.tmp src/pkg/worker.py
run 0 "an edit elsewhere in the file keeps every entry" -- "$loops" --baseline base.json src

# A new unbounded loop in another method: reported, exit 1; the old ones stay hidden.
printf '\n    def poll(self):\n        while True:\n            self.tick()\n' >>src/pkg/worker.py
run 1 "a new finding is reported" -- "$loops" --baseline base.json src
said "the new finding is named" "in `Worker.poll`"
not_said "the accepted findings stay hidden" "worker.py:8:"

# A loop removed: its entry is listed as fixed, which does not fail the run.
python3 - <<'PY'
import re
p = "src/pkg/worker.py"
t = open(p).read()
t = t.replace("    def drain(self, q):\n        while True:\n            q.get()\n", "    def drain(self, q):\n        return q.get()\n")
t = t.replace("\n    def poll(self):\n        while True:\n            self.tick()\n", "\n")
open(p, "w").write(t)
PY
run 0 "a removed finding: clean" -- "$loops" --baseline base.json src
said "its entry is listed as fixed" "1 baseline entry no longer matches"
said "the fixed entry names its function" "Worker.drain"

# Only the paths of this run can have fixed entries.
run 1 "another tree: its own finding" -- "$loops" --baseline base.json other
not_said "entries of src are not fixed when only other/ ran" "no longer match"

# Machine formats keep their schema; the fixed list is on stderr.
run 0 "json with a baseline" -- "$loops" --format json --baseline base.json src
cp "$tmp/out" "$tmp/report.json"
run 0 "stdout is still one JSON document" -- python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/report.json"
"$loops" --format json --baseline base.json src >/dev/null 2>"$tmp/fixed.err"
if grep -Fq "Worker.drain" "$tmp/fixed.err"; then echo "ok   the fixed list is on stderr"; else
  echo "FAIL: the fixed list is not on stderr"; fails=$((fails + 1)); fi

# A broken or missing baseline is an input error naming it.
printf '{"tool": "loopaudit", "format_version": 1, "entries": [' >broken.json
run 2 "a truncated baseline is exit 2" -- "$loops" --baseline broken.json src
said "it is named" "broken.json"
run 2 "a missing baseline is exit 2" -- "$loops" --baseline missing.json src
said "it is named" "missing.json"

# --- composelint ----------------------------------------------------------------------------------
mkdir -p stack
printf 'services:\n  web:\n    image: nginx\n  db:\n    image: postgres\n    mem_limit: 1g\n' >stack/compose.yaml
run 1 "composelint: a service without a limit" -- "$compose" stack/compose.yaml
run 0 "composelint --write-baseline" -- "$compose" --write-baseline compose-base.json stack/compose.yaml
run 0 "composelint --baseline: clean" -- "$compose" --baseline compose-base.json stack/compose.yaml
printf '  cache:\n    image: redis\n' >>stack/compose.yaml
run 1 "composelint: a new service without a limit is reported" -- "$compose" --baseline compose-base.json stack/compose.yaml
said "the new service is named" "cache"
run 2 "a loopaudit baseline is refused by composelint" -- "$compose" --baseline base.json stack/compose.yaml
run 2 "a composelint baseline is refused by loopaudit" -- "$loops" --baseline compose-base.json src
said "the other tool is named" "composelint"

echo "$fails failure(s)"
[ "$fails" = 0 ]
