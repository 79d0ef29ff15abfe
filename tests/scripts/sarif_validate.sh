#!/usr/bin/env bash
# Real client test: composelint and loopaudit --format sarif, checked with Microsoft's SARIF validator
# (npm @microsoft/sarif-multitool, `validate`: the JSON schema plus the SARIF1xxx/2xxx rules). It ships
# a self-contained .NET binary for Linux (no .NET install needed); it is installed once into
# <build_dir>/npm. The validator exits 0 even when it finds errors, so its own SARIF output is read:
# any result of level "error" fails the test; warnings are printed.
# Inputs: the fixtures and the demo, plus broken inputs (so input errors, reported as
# toolExecutionNotifications, are validated too). The number of SARIF results must equal the number
# of findings in --format json.
# Usage (ctest runs it from the repo root): bash tests/scripts/sarif_validate.sh <bin_dir> <build_dir>
set -euo pipefail
bin_dir=$(cd "${1:?usage: sarif_validate.sh <bin_dir> <build_dir>}" && pwd)
build_dir=$(cd "${2:?usage: sarif_validate.sh <bin_dir> <build_dir>}" && pwd)
multitool_version=5.7.0
npm_dir=$build_dir/npm
validator=$npm_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

if [ ! -f "$validator" ] || ! grep -q "\"version\": \"$multitool_version\"" \
     "$npm_dir/node_modules/@microsoft/sarif-multitool-linux/package.json" 2> /dev/null; then
  command -v npm > /dev/null || { echo "FAIL: npm is needed to install @microsoft/sarif-multitool"; exit 1; }
  echo "installing @microsoft/sarif-multitool@$multitool_version into $npm_dir"
  mkdir -p "$npm_dir"
  npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error \
      "@microsoft/sarif-multitool@$multitool_version" > /dev/null
fi
[ -f "$validator" ] || { echo "FAIL: the npm package did not ship $validator"; exit 1; }
chmod u+x "$validator"  # its postinstall step does this; npm may skip install scripts
# The single-file .NET app extracts itself here; it needs no ICU in invariant mode.
export DOTNET_BUNDLE_EXTRACT_BASE_DIR=$npm_dir/dotnet-extract DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1

work=$(mktemp -d "${TMPDIR:-/tmp}/boundaudit-sarif.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Broken inputs: each tool must still write a valid log that carries the error.
mkdir -p "$work/broken"
printf 'services:\n  web:\n    image: [unclosed\n' > "$work/broken/compose.yaml"
printf 'def f(:\n    while True:\n        pass\n' > "$work/broken/bad_syntax.py"
printf 'x = 1\n\377\376\000 binary\n' > "$work/broken/binary.py"
printf 'services:\n  "we b/%%x":\n    image: x\n    mem_limit: 0\n' > "$work/broken/docker-compose.yml"

compose_inputs=()
while IFS= read -r -d '' f; do compose_inputs+=("$f"); done < <(
  find fixtures/composelint fixtures/demo -type f \( -name '*.yml' -o -name '*.yaml' \) \
       ! -name '*.override.*' -print0 2> /dev/null | sort -z)
loop_inputs=()
for d in fixtures/loopaudit fixtures/demo; do [ -d "$d" ] && loop_inputs+=("$d"); done

# produce NAME TOOL ARGS...: writes $work/NAME.sarif and $work/NAME.json
logs=()
produce() {
  local name=$1 tool=$2 rc=0; shift 2
  "$bin_dir/$tool" --format sarif "$@" > "$work/$name.sarif" 2> "$work/$name.err" || rc=$?
  if [ "$rc" -gt 2 ]; then echo "FAIL: $tool --format sarif $name: exit $rc"; cat "$work/$name.err"; exit 1; fi
  "$bin_dir/$tool" --format json "$@" > "$work/$name.json" 2> /dev/null || true
  logs+=("$name")
  echo "$tool --format sarif ($name, $# inputs): exit $rc"
}
[ "${#compose_inputs[@]}" -gt 0 ] && produce composelint-fixtures composelint "${compose_inputs[@]}"
produce composelint-broken composelint "$work/broken/compose.yaml" "$work/broken/docker-compose.yml"
[ "${#loop_inputs[@]}" -gt 0 ] && produce loopaudit-fixtures loopaudit "${loop_inputs[@]}"
produce loopaudit-broken loopaudit "$work/broken/bad_syntax.py" "$work/broken/binary.py" "$work/broken/missing.py"

failed=0
for name in "${logs[@]}"; do
  "$validator" validate "$work/$name.sarif" -o "$work/$name.validation.sarif" --log ForceOverwrite,PrettyPrint \
      > "$work/$name.validation.txt" 2>&1 || true
  if [ ! -s "$work/$name.validation.sarif" ]; then
    echo "FAIL: the validator wrote no report for $name"; cat "$work/$name.validation.txt"; exit 1
  fi
  python3 - "$work" "$name" <<'PY' || failed=1
import json, sys
work, name = sys.argv[1], sys.argv[2]
with open(f"{work}/{name}.validation.sarif", encoding="utf-8") as f:
    report = json.load(f)
results = [r for run in report["runs"] for r in run.get("results", [])]
errors = [r for r in results if r.get("level", "warning") == "error"]
warnings = [r for r in results if r.get("level", "warning") == "warning"]
try:
    with open(f"{work}/{name}.sarif", encoding="utf-8") as f:
        log = json.load(f)
except ValueError as e:
    print(f"{name}: the tool's SARIF output is not JSON: {e}")
    sys.exit(1)
ours = sum(len(run.get("results", [])) for run in log["runs"])
notes = sum(len(inv.get("toolExecutionNotifications", [])) for run in log["runs"] for inv in run.get("invocations", []))
problems = []
try:
    with open(f"{work}/{name}.json", encoding="utf-8") as f:
        findings = len(json.load(f)["findings"])
    if findings != ours:
        problems.append(f"{ours} SARIF results but {findings} findings in --format json")
except (ValueError, KeyError) as e:
    problems.append(f"--format json is unreadable: {e}")
if name.endswith("-broken") and notes == 0:
    problems.append("broken input but no toolExecutionNotifications")
print(f"{name}: {ours} results, {notes} notifications; validator: {len(errors)} errors, {len(warnings)} warnings")
def text(r):
    loc = (r.get("locations") or [{}])[0].get("physicalLocation", {}).get("region", {})
    args = r.get("message", {}).get("arguments", [])
    return f"{r.get('ruleId')} at line {loc.get('startLine')}: {r.get('message', {}).get('id')} {args[:3]}"
for r in errors:
    print("  error   " + text(r))
for r in warnings[:10]:
    print("  warning " + text(r))
for p in problems:
    print("  " + p)
sys.exit(1 if errors or problems else 0)
PY
done
if [ "$failed" != 0 ]; then
  echo "FAIL: SARIF validation errors (full validator output is in the lines above)"
  exit 1
fi
echo "PASS: sarif_validate"
