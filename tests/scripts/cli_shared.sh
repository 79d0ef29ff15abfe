#!/usr/bin/env bash
# The command line both tools share (lib/cli): configuration files, the shared flags, stdin, the
# output file, odd file names in every format, exit codes, and the --help lines they share.
# Run by ctest as: bash cli_shared.sh <bin_dir> <build_dir>
set -u
bin_dir="$(cd "$1" 2>/dev/null && pwd)"
la="$bin_dir/loopaudit" cl="$bin_dir/composelint"
[ -x "$la" ] && [ -x "$cl" ] || { echo "no loopaudit/composelint in $1"; exit 77; }
root=$(pwd)
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fails=0
# shellcheck source=../support/script_checks.sh
. "$root/tests/support/script_checks.sh"
fail() { echo "FAIL: $1"; fails=$((fails + 1)); }
ok() { echo "ok   $1"; }
same() {  # same DESCRIPTION FILE1 FILE2
  if cmp -s "$2" "$3"; then ok "$1"; else fail "$1"; diff "$2" "$3" | head -20; fi
}

# --- A scratch repository with nothing but a pyproject.toml ------------------------------------------
repo="$tmp/repo"
mkdir -p "$repo/src/pkg" "$repo/gen" "$repo/scripts" "$repo/deep/er"
cat >"$repo/src/pkg/jobs.py" <<'PY'
import asyncio
import subprocess
import time


def spin():
    while True:
        time.sleep(1)


async def fan(items):
    await asyncio.gather(*[asyncio.sleep(i) for i in items])


def render(templates):
    for t in templates:
        subprocess.run(["render", t], check=True)
PY
cp "$repo/src/pkg/jobs.py" "$repo/gen/generated.py"
cp "$repo/src/pkg/jobs.py" "$repo/scripts/tool.py"
cat >"$repo/compose.yaml" <<'YAML'
services:
  api:
    image: x
    mem_limit: 6g
  worker:
    image: x
    mem_limit: 4g
  nolimit:
    image: x
YAML
cat >"$repo/pyproject.toml" <<'TOML'
[project]
name = "scratch"

[tool.loopaudit]
exclude = ["gen"]
ignore = ["LA2"]
per-file-ignores = { "scripts/*" = ["LA3"] }
fail-on = "warning"
jobs = 1

[tool.composelint]
memory-budget = "8g"
ignore = ["CL001"]
TOML

(cd "$repo/deep/er" && run 1 "loopaudit with no flags in a subdirectory finds ../../pyproject.toml" -- "$la" ../..)
(cd "$repo" && "$la" >"$tmp/la.config" 2>&1; echo "rc=$?" >>"$tmp/la.config")
(cd "$repo" && "$la" --isolated --exclude gen --ignore LA2 --per-file-ignores 'scripts/*:LA3' --fail-on warning -j 1 \
   >"$tmp/la.flags" 2>&1; echo "rc=$?" >>"$tmp/la.flags")
same "loopaudit: the pyproject settings and the same flags give identical output" "$tmp/la.config" "$tmp/la.flags"
grep -q "gen/generated.py" "$tmp/la.config" && fail "exclude from pyproject: gen/ was audited" || ok "exclude from pyproject"
grep -q "LA2" "$tmp/la.config" && fail "ignore from pyproject: LA2xx reported" || ok "ignore LA2 (a prefix) from pyproject"
grep -q "scripts/tool.py.*LA3" "$tmp/la.config" && fail "per-file-ignores from pyproject" || ok "per-file-ignores from pyproject"
grep -q "src/pkg/jobs.py.*LA301" "$tmp/la.config" && ok "LA301 still reported outside scripts/" || fail "LA301 missing in src/"
(cd "$repo" && "$cl" >"$tmp/cl.config" 2>&1; echo "rc=$?" >>"$tmp/cl.config")
(cd "$repo" && "$cl" --isolated --memory-budget 8g --ignore CL001 >"$tmp/cl.flags" 2>&1; echo "rc=$?" >>"$tmp/cl.flags")
same "composelint: the pyproject settings and the same flags give identical output" "$tmp/cl.config" "$tmp/cl.flags"
grep -q "CL006" "$tmp/cl.config" && ok "memory-budget from pyproject: CL006 over 8g" || fail "no CL006 with the configured budget"
grep -q "CL001" "$tmp/cl.config" && fail "ignore CL001 from pyproject" || ok "ignore CL001 from pyproject"
(cd "$repo" && run 0 "--isolated: no configuration (composelint, no budget, CL001 reported; --exit-zero)" -- "$cl" --isolated --exit-zero)
said "--isolated reports CL001" "CL001"
(cd "$repo" && run 0 "--show-settings" -- "$la" --show-settings --select LA1)
said "--show-settings names the file and line" "pyproject.toml:8"
said "--show-settings: command-line values say so" 'select = ["LA1"]  # command line'
said "--show-settings: defaults say so" 'full-parse = false  # default'
(cd "$repo" && run 1 "the command line overrides the file (--fail-on note)" -- "$la" --fail-on note --ignore LA1,LA3 src)
said "LA2 back when --ignore overrides the file's list" "LA20"
cp "$repo/pyproject.toml" "$tmp/other.toml"
(cd "$tmp" && run 0 "--config FILE: a boundaudit.toml-style file names sections [loopaudit]" -- \
   sh -c "printf '[loopaudit]\nselect = [\"LA2\"]\n' >b.toml; \"$la\" --config b.toml repo/src --exit-zero")
said "--config: [loopaudit] of the named file applies (LA2 only)" "LA202"
not_said "--config: LA101 not selected" "LA101"
printf '[loopaudit]\nselect = ["LA101"]\n' >"$repo/deep/boundaudit.toml"
(cd "$repo/deep/er" && run 1 "the closest file wins: deep/boundaudit.toml over ../pyproject.toml" -- "$la" ../../src)
said "only LA101 selected" "LA101"
not_said "LA301 not selected by the closer file" "LA301"

# --- Every bad configuration case: exit 2, file, line and key --------------------------------------
bad() {  # bad DESCRIPTION TOOL TOML-BODY WANT-IN-STDERR
  mkdir -p "$tmp/bad"; printf '%b' "$3" >"$tmp/bad/pyproject.toml"
  (cd "$tmp/bad" && run 2 "config: $1" -- "$2" --exit-zero .)
  said "config: $1 names file, line and key" "$4"
}
bad "unknown key" "$la" '[tool.loopaudit]\nselect = ["LA1"]\nfrobnicate = 1\n' 'pyproject.toml:3: frobnicate: unknown key'
bad "wrong type (string for a list)" "$la" '[tool.loopaudit]\n\nselect = "LA1"\n' 'pyproject.toml:3: select: expected an array of strings'
bad "wrong type (string for a boolean)" "$la" '[tool.loopaudit]\nfull-parse = "yes"\n' 'pyproject.toml:2: full-parse: expected a boolean'
bad "wrong type (negative jobs)" "$la" '[tool.loopaudit]\njobs = -1\n' 'pyproject.toml:2: jobs: expected a non-negative integer'
bad "bad value (fail-on)" "$la" '[tool.loopaudit]\nfail-on = "fatal"\n' "pyproject.toml:2: fail-on: 'fatal' is not one of"
bad "bad value (a code that matches no rule)" "$la" '[tool.loopaudit]\nignore = ["LA7"]\n' "pyproject.toml:2: ignore: 'LA7' matches no rule"
bad "bad value (per-file-ignores code)" "$la" '[tool.loopaudit]\nper-file-ignores = { "a/*" = ["XX1"] }\n' "pyproject.toml:2: per-file-ignores: 'XX1'"
bad "wrong type (per-file-ignores)" "$la" '[tool.loopaudit]\nper-file-ignores = { "a/*" = "LA1" }\n' 'pyproject.toml:2: per-file-ignores: expected an array of codes'
bad "a mixed array" "$la" '[tool.loopaudit]\nexclude = ["a", 1]\n' 'pyproject.toml:2: exclude: expected an array of strings'
bad "not TOML" "$la" '[tool.loopaudit\nselect = 1\n' 'pyproject.toml:1:'
bad "a section that is not a table" "$la" '[tool]\nloopaudit = 3\n' 'pyproject.toml:2: loopaudit: expected a table'
bad "a command-line-only flag as key" "$la" '[tool.loopaudit]\nexit-zero = true\n' 'pyproject.toml:2: exit-zero: unknown key'
bad "composelint: bad memory-budget" "$cl" '[tool.composelint]\nmemory-budget = "lots"\n' 'pyproject.toml:2: memory-budget:'
bad "composelint: unknown key" "$cl" '[tool.composelint]\nmemory_budget = "8g"\n' 'pyproject.toml:2: memory_budget: unknown key'
bad "composelint: wrong type" "$cl" '[tool.composelint]\nprofiles = "dev"\n' 'pyproject.toml:2: profiles: expected an array of strings'
run 2 "--config of a missing file" -- "$la" --config "$tmp/nope.toml" "$repo/src"
said "--config: the file is named" "nope.toml"
run 2 "--config with --isolated" -- "$la" --config "$tmp/other.toml" --isolated "$repo/src"

# --- Selection by prefix, exit policy, quiet, statistics ---------------------------------------------
src="$repo/src"
run 1 "--select LA3 (a prefix)" -- "$la" --isolated --select LA3 "$src"
said "LA301 selected by LA3" "LA301"
not_said "LA101 not selected by LA3" "LA101"
run 1 "--select LA1 --extend-select LA30" -- "$la" --isolated --select LA1 --extend-select LA30 "$src"
said "--extend-select adds LA301" "LA301"
run 2 "--select LA7 (matches nothing) is a usage error" -- "$la" --isolated --select LA7 "$src"
said "unknown prefix named" "LA7"
run 2 "composelint --select CL7" -- "$cl" --isolated --select CL7 "$repo/compose.yaml"
run 1 "composelint --select CL00 (a prefix)" -- "$cl" --isolated --select CL00 "$repo/compose.yaml"
said "CL001 selected by CL00" "CL001"
run 1 "default --fail-on note: a note alone fails the run" -- "$la" --isolated --select LA202 "$root/fixtures/loopaudit/LA202"
run 0 "--fail-on warning lets a note pass" -- "$la" --isolated --select LA202 --fail-on warning "$root/fixtures/loopaudit/LA202"
run 0 "--exit-zero: findings, exit 0" -- "$la" --isolated --exit-zero "$src"
said "--exit-zero still reports" "LA101"
run 1 "--quiet" -- "$la" --isolated -q "$src"
said "--quiet keeps the findings" "LA101"
not_said "--quiet drops the summary" "loopaudit: "
run 1 "--statistics" -- "$la" --isolated --statistics "$src"
said "--statistics counts per rule" "    1  LA101  unbounded-while"
not_said "--statistics prints no finding lines" "jobs.py:7"
run 2 "--statistics with --format json is a usage error" -- "$la" --isolated --statistics --format json "$src"
run 1 "composelint --statistics" -- "$cl" --isolated --statistics "$repo/compose.yaml"
said "composelint --statistics" "    1  CL001  missing-memory-limit"
run 0 "--list-rules" -- "$cl" --list-rules
said "--list-rules lists CL901" "CL901  unused-suppression"

# --- --output-file: the same report, written whole ---------------------------------------------------
mkdir -p "$tmp/reports"
for tool in "$la" "$cl"; do
  name=$(basename "$tool"); target="$src"; [ "$name" = composelint ] && target="$repo/compose.yaml"
  for fmt in text json sarif github markdown; do
    "$tool" --isolated --format $fmt "$target" >"$tmp/stdout.$fmt" 2>/dev/null
    echo "an older report" >"$tmp/reports/$name.$fmt"
    run 1 "$name --output-file ($fmt)" -- "$tool" --isolated --format $fmt -o "$tmp/reports/$name.$fmt" "$target"
    same "$name --output-file ($fmt) holds what stdout would" "$tmp/stdout.$fmt" "$tmp/reports/$name.$fmt"
    [ -s "$tmp/out" ] && fail "$name --output-file ($fmt): stdout not empty" || ok "$name --output-file ($fmt): stdout empty"
  done
done
[ "$(ls -A "$tmp/reports" | wc -l)" = 10 ] && ok "no temporary file left beside the reports" \
  || { fail "files beside the reports"; ls -A "$tmp/reports"; }
run 2 "--output-file in a missing directory" -- "$la" --isolated -o "$tmp/no/such/dir/r.txt" "$src"
[ -e "$tmp/no" ] && fail "--output-file created something" || ok "--output-file failure writes nothing"
run 2 "--output-file naming a directory" -- "$cl" --isolated -o "$tmp/reports" "$repo/compose.yaml"
said "the option is named" "--output-file"

# --- stdin ---------------------------------------------------------------------------------------------
run 1 "loopaudit - reads stdin" -- sh -c "\"$la\" --isolated - <\"$src/pkg/jobs.py\""
said "stdin is named - by default" "-:7:"
run 1 "loopaudit --stdin-filename names it" -- sh -c "\"$la\" --isolated --stdin-filename src/pkg/jobs.py - <\"$src/pkg/jobs.py\""
said "the stdin name is used in messages" "src/pkg/jobs.py:7:"
(cd "$repo" && run 0 "--stdin-filename meets per-file-ignores and exclude of the configuration" -- \
   sh -c "\"$la\" --stdin-filename gen/x.py - <src/pkg/jobs.py")
(cd "$repo" && run 1 "--stdin-filename: scripts/ has only LA3 ignored" -- \
   sh -c "\"$la\" --stdin-filename scripts/y.py - <src/pkg/jobs.py")
said "stdin under scripts/: LA101 kept" "scripts/y.py:7"
not_said "stdin under scripts/: LA301 ignored" "LA301"
run 2 "loopaudit: binary stdin is an input error" -- sh -c "printf 'a\0b' | \"$la\" --isolated -"
run 1 "composelint - reads stdin" -- sh -c "\"$cl\" --isolated - <\"$repo/compose.yaml\""
said "composelint stdin: CL001 on -" "-:8:"
mkdir -p "$tmp/proj"
printf 'LIMIT=1g\n' >"$tmp/proj/.env"
printf 'services:\n  a:\n    image: x\n    mem_limit: ${LIMIT}\n' >"$tmp/stdin.yaml"
run 0 "composelint --stdin-filename: its directory is the project directory (.env)" -- \
  sh -c "\"$cl\" --isolated --stdin-filename \"$tmp/proj/compose.yaml\" - <\"$tmp/stdin.yaml\""

# --- File names that are not UTF-8, in every format; walks with bad files ---------------------------
odd="$tmp/odd"
mkdir -p "$odd"
name=$(printf 'bad\xff\xfe.py')
cp "$src/pkg/jobs.py" "$odd/$name"
yname=$(printf 'compose\xff.yaml')
printf 'services:\n  a:\n    image: x\n' >"$odd/$yname"
for fmt in text json sarif github markdown; do
  case $fmt in json) want='bad\\xff\\xfe.py' ywant='compose\\xff.yaml' ;; sarif) want='bad%FF%FE.py' ywant='compose%FF.yaml' ;;
               *) want='bad\xff\xfe.py' ywant='compose\xff.yaml' ;; esac
  run 1 "loopaudit: a non-UTF-8 file name in $fmt" -- "$la" --isolated --format $fmt "$odd/$name"
  said "loopaudit $fmt escapes the name" "$want"
  run 1 "composelint: a non-UTF-8 file name in $fmt" -- "$cl" --isolated --format $fmt "$odd/$yname"
  said "composelint $fmt escapes the name" "$ywant"
done
"$la" --isolated --format json "$odd" | python3 -c 'import json,sys; json.load(sys.stdin)' \
  && ok "loopaudit json with an odd name is valid JSON" || fail "loopaudit json with an odd name"
"$cl" --isolated --format json "$odd/$yname" | python3 -c 'import json,sys; json.load(sys.stdin)' \
  && ok "composelint json with an odd name is valid JSON" || fail "composelint json with an odd name"

walk="$tmp/walk"
mkdir -p "$walk"
cp "$src/pkg/jobs.py" "$walk/good.py"
printf 'x = 1\0\n' >"$walk/blob.py"
run 2 "a binary file met while walking a directory: exit 2" -- "$la" --isolated --exit-zero "$walk"
said "the binary file is named" "blob.py"
said "the rest is still audited" "good.py:7"
rm "$walk/blob.py"; printf 'x = "\xe9"\n' >"$walk/latin.py"
run 2 "a non-UTF-8 file met while walking: exit 2" -- "$la" --isolated "$walk"
rm "$walk/latin.py"; printf 'x = 1\n' >"$walk/locked.py"; chmod 000 "$walk/locked.py"
as_user=""  # root reads everything: run as nobody through setpriv when possible
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
  chmod 755 "$tmp" "$walk"; chmod 644 "$walk/good.py"
  run 2 "an unreadable file met while walking: exit 2" -- $as_user "$la" --isolated "$walk"
  said "the unreadable file is named" "locked.py"
  said "the rest is audited" "good.py:7"
else
  echo "skip an unreadable file (root without setpriv: everything is readable)"
fi
chmod 644 "$walk/locked.py"

# --- --help: the shared lines, word for word ---------------------------------------------------------
common() { "$1" --help | sed -n '/^Common options/,/^[A-Za-z]/p' | sed '$d'; }
common "$la" >"$tmp/help.la"
common "$cl" >"$tmp/help.cl"
[ "$(wc -l <"$tmp/help.la")" -gt 15 ] && ok "--help has a common options group" || fail "no common options group"
same "the two --help outputs share the common option lines word for word" "$tmp/help.la" "$tmp/help.cl"
for flag in --select --extend-select --ignore --fail-on --exit-zero --quiet --statistics --format --output-file \
            --color --show-source --explain --list-rules --config --isolated --show-settings --version --help \
            --stdin-filename --per-file-ignores; do
  grep -q -- "$flag" "$tmp/help.la" || fail "--help: $flag not in the common group"
done
ok "--help: every shared flag is in the common group"

# --- Colour and source frames: one rule --------------------------------------------------------------
run 1 "--color always: colour and frames" -- "$la" --isolated --color always "$src"
said "--color always: escape codes" $'\x1b['
said "--color always: a source frame" "    7 |"
NO_COLOR=1 run 1 "NO_COLOR with --color auto (not a terminal)" -- "$la" --isolated "$src"
not_said "no colour off a terminal" $'\x1b['
FORCE_COLOR=1 run 1 "FORCE_COLOR" -- "$la" --isolated "$src"
said "FORCE_COLOR gives colour" $'\x1b['
FORCE_COLOR=1 NO_COLOR=1 run 1 "NO_COLOR wins over FORCE_COLOR" -- "$cl" --isolated "$repo/compose.yaml"
not_said "NO_COLOR wins" $'\x1b['
run 1 "--show-source alone" -- "$cl" --isolated --show-source "$repo/compose.yaml"
said "--show-source gives frames without colour" "    8 |"
not_said "--show-source adds no colour" $'\x1b['

[ "$fails" = 0 ] && echo "all shared CLI checks passed" || { echo "$fails failed"; exit 1; }
