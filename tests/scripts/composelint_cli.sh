#!/usr/bin/env bash
# composelint's command line as scripts see it: exit codes 0/1/2, project grouping, formats, --explain.
# Run by ctest as: bash composelint_cli.sh <bin_dir> <build_dir>
set -u
bin="$(cd "$1" 2>/dev/null && pwd)/composelint"
[ -x "$bin" ] || { echo "no $bin"; exit 77; }
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
expect_rc() {  # expect_rc WANT DESCRIPTION -- command...
  local want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL: $what: exit $rc, want $want"; sed 's/^/  out: /' "$tmp/out"; sed 's/^/  err: /' "$tmp/err"
    fails=$((fails + 1))
  else
    echo "ok   $what (exit $rc)"
  fi
}
expect_out() {  # expect_out DESCRIPTION PATTERN: grep -E in the last stdout
  if grep -Eq -- "$2" "$tmp/out"; then echo "ok   $1"; else echo "FAIL: $1: no /$2/ in output"; cat "$tmp/out"; fails=$((fails + 1)); fi
}

mkdir -p "$tmp/p/a" "$tmp/p/b" "$tmp/p/bad" "$tmp/p/dir" "$tmp/clean"
printf 'services:\n  web:\n    image: x\n' >"$tmp/p/a/compose.yaml"
printf 'services:\n  web:\n    mem_limit: 1g\n' >"$tmp/p/a/compose.override.yaml"
printf 'services:\n  api:\n    image: x\n' >"$tmp/p/b/compose.yaml"
printf 'services: [\n' >"$tmp/p/bad/compose.yaml"
printf 'services:\n  w:\n    image: x\n    mem_limit: 1g\n    deploy: {resources: {limits: {memory: 2g}}}\n' >"$tmp/clean/compose.yaml"

expect_rc 0 "--version" -- "$bin" --version
expect_out "--version prints the version" '^composelint [0-9]+\.[0-9]+\.[0-9]+'
expect_rc 0 "--explain CL001" -- "$bin" --explain CL001
expect_out "--explain prints the doc" '^## Why is this bad\?'
expect_rc 2 "--explain unknown code" -- "$bin" --explain CL999
expect_rc 2 "unknown --select code" -- "$bin" --select CL001,CL999 "$tmp/p/b/compose.yaml"
expect_rc 2 "bad --memory-budget" -- "$bin" --memory-budget lots "$tmp/p/b/compose.yaml"
expect_rc 2 "bad --format" -- "$bin" --format xml "$tmp/p/b/compose.yaml"
expect_rc 2 "unknown flag" -- "$bin" --frobnicate
expect_rc 2 "missing file" -- "$bin" "$tmp/p/nope.yaml"
expect_rc 2 "directory named as a file" -- "$bin" "$tmp/p/dir"
expect_rc 1 "findings at error level" -- "$bin" "$tmp/p/b/compose.yaml"
expect_out "text finding line" "compose.yaml:2:3: error\[CL001\] service 'api' has no memory limit"
expect_rc 0 "an override merged into its base: no finding" -- "$bin" "$tmp/p/a/compose.override.yaml"
expect_rc 0 "base and override named together lint once" -- "$bin" --format json "$tmp/p/a/compose.yaml" "$tmp/p/a/compose.override.yaml"
python3 - "$tmp/out" <<'PY' || fails=$((fails + 1))
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["projects"]) == 1, d["projects"]
assert len(d["projects"][0]["files"]) == 2
print("ok   one project for base + override")
PY
expect_rc 1 "-f base alone is one project without its override" -- "$bin" -f "$tmp/p/a/compose.yaml"
expect_rc 0 "-f base -f override" -- "$bin" -f "$tmp/p/a/compose.yaml" -f "$tmp/p/a/compose.override.yaml"
expect_rc 2 "broken YAML beside a good file: exit 2" -- "$bin" "$tmp/p/bad/compose.yaml" "$tmp/p/b/compose.yaml"
expect_out "the good file is still linted" "error\[CL001\] service 'api'"
expect_out "the broken file is named" "bad/compose.yaml:[0-9]+: error:"
expect_rc 1 "a warning fails the run with the default --fail-on note" -- "$bin" "$tmp/clean/compose.yaml"
expect_rc 0 "warnings pass with --fail-on error" -- "$bin" --fail-on error "$tmp/clean/compose.yaml"
expect_rc 1 "--fail-on warning" -- "$bin" --fail-on warning "$tmp/clean/compose.yaml"
expect_rc 0 "--ignore CL003" -- "$bin" --fail-on warning --ignore CL003 "$tmp/clean/compose.yaml"
(cd "$tmp/clean" && expect_rc 0 "discovery in the current directory" -- "$bin" --fail-on error)
(cd "$tmp/p/dir" && expect_rc 2 "no compose file in the current directory" -- "$bin")
for fmt in json sarif github markdown text; do
  expect_rc 1 "--format $fmt" -- "$bin" --format "$fmt" --color never "$tmp/p/b/compose.yaml"
done
expect_rc 1 "--color always shows the source line and colour" -- "$bin" --color always "$tmp/p/b/compose.yaml"
expect_out "caret under the finding" '^ +\| +.*\^'
(cd "$root/fixtures/demo" && expect_rc 1 "the demo with --memory-budget 8g" -- "$bin" --memory-budget 8g)
(cd "$root/fixtures/demo" && expect_out "demo: budget finding" 'error\[CL006\]')
printf 'services:\n  v:\n    image: x\n    mem_limit: ${V_MEM}\n' >"$tmp/var.yaml"
expect_rc 0 "an unset limit variable is a warning" -- "$bin" --fail-on error "$tmp/var.yaml"
expect_out "CL007 names the variable" 'warning\[CL007\].*V_MEM'
V_MEM=0 expect_rc 1 "the process environment reaches interpolation" -- "$bin" "$tmp/var.yaml"
expect_out "V_MEM=0 is an invalid limit" 'error\[CL002\]'
expect_rc 1 "--profile NAME then a FILE" -- "$bin" --profile '*' "$tmp/p/b/compose.yaml"

[ "$fails" = 0 ] && echo "all composelint CLI checks passed" || { echo "$fails failed"; exit 1; }
