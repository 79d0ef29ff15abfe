#!/usr/bin/env bash
# Corpus test: composelint --format json on every file of ../shared/corpus/compose/ (real compose
# files from public repositories), one file at a time, each under a timeout. Checks: no crash
# (exit 0, 1 or 2), no timeout, valid JSON that follows the contract, and exit 2 only together with
# an "errors" entry. Prints the figures: files, services, findings per rule, errors.
# The corpus is read in place, never copied into the repo. Skipped (77) when the folder is absent.
# Usage (ctest runs it from the repo root): bash tests/scripts/compose_corpus.sh <bin_dir> <build_dir>
set -uo pipefail
bin_dir=${1:?usage: compose_corpus.sh <bin_dir> <build_dir>}
composelint=$bin_dir/composelint
corpus=${BOUNDAUDIT_COMPOSE_CORPUS:-../shared/corpus/compose}
per_file_timeout=${CORPUS_TIMEOUT:-10}

if [ ! -d "$corpus" ]; then
  echo "SKIP: no compose corpus at $corpus (it lives in shared/, beside the repo)"
  exit 77
fi
[ -x "$composelint" ] || { echo "FAIL: $composelint is not built"; exit 1; }

out=$(mktemp -d "${TMPDIR:-/tmp}/compose-corpus.XXXXXX")
trap 'rm -rf "$out"' EXIT

n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  # A clean environment apart from PATH, so the figures do not depend on who runs the test.
  env -i PATH="$PATH" timeout -k 2 "$per_file_timeout" "$composelint" --format json "$file" \
      > "$out/$n.json" 2> "$out/$n.err"
  printf '%s\t%s\n' "$?" "$file" >> "$out/runs.tsv"
done < <(find "$corpus" -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) -print0 | sort -z)

if [ "$n" = 0 ]; then
  echo "SKIP: $corpus holds no .yml/.yaml files"
  exit 77
fi

python3 - "$out" <<'PY'
import collections, json, os, sys

out = sys.argv[1]
failures, services, files_ok = [], 0, 0
per_rule, per_exit = collections.Counter(), collections.Counter()
error_files, errors = [], 0
with open(os.path.join(out, "runs.tsv"), encoding="utf-8") as runs:
    rows = [line.rstrip("\n").split("\t", 1) for line in runs]
for i, (code, path) in enumerate(rows, 1):
    code = int(code)
    name = os.path.basename(path)
    per_exit[code] += 1
    with open(os.path.join(out, f"{i}.err"), encoding="utf-8", errors="replace") as f:
        stderr = f.read().strip()
    if code == 124 or code == 137:
        failures.append(f"{name}: timed out"); continue
    if code not in (0, 1, 2):
        failures.append(f"{name}: exit {code} (crash?) {stderr[:300]}"); continue
    try:
        with open(os.path.join(out, f"{i}.json"), encoding="utf-8") as f:
            doc = json.load(f)
    except (ValueError, UnicodeDecodeError) as e:
        failures.append(f"{name}: exit {code}, stdout is not valid JSON: {e}"); continue
    problems = []
    if doc.get("tool", {}).get("name") != "composelint":
        problems.append("tool.name is not composelint")
    for key in ("projects", "findings", "errors"):
        if not isinstance(doc.get(key), list):
            problems.append(f"'{key}' is not a list")
    if problems:
        failures.append(f"{name}: " + "; ".join(problems)); continue
    for project in doc["projects"]:
        for s in project.get("services", []):
            services += 1
            if not isinstance(s.get("name"), str) or not isinstance(s.get("line"), int):
                failures.append(f"{name}: a service without name/line: {s}")
            mem = s.get("memory_limit_bytes")
            if mem is not None and (not isinstance(mem, int) or mem <= 0):
                failures.append(f"{name}: service {s.get('name')}: memory_limit_bytes {mem!r}")
    for finding in doc["findings"]:
        per_rule[finding.get("rule", "?")] += 1
        for key in ("rule", "severity", "path", "line", "column", "message"):
            if key not in finding:
                failures.append(f"{name}: a finding without '{key}': {finding}")
    errors += len(doc["errors"])
    if code == 2:
        if not doc["errors"]:
            failures.append(f"{name}: exit 2 without an entry in 'errors' ({stderr[:200]})")
        else:
            error_files.append((name, doc["errors"]))
    if code == 1 and not doc["findings"]:
        failures.append(f"{name}: exit 1 without findings")
    if code == 0 and any(f.get("severity") == "error" for f in doc["findings"]):
        failures.append(f"{name}: exit 0 with error findings")
    files_ok += 1

print(f"corpus: {len(rows)} files, {files_ok} produced valid JSON")
print(f"exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(per_exit.items())))
print(f"services: {services}")
print("findings per rule: " + (", ".join(f"{k}: {v}" for k, v in sorted(per_rule.items())) or "none"))
print(f"input errors: {errors} in {len(error_files)} files")
for name, errs in error_files:
    for e in errs:
        print(f"  {name}: {e.get('path')}:{e.get('line')}: {e.get('message')}")
if failures:
    print(f"FAIL: {len(failures)} problems")
    for f in failures:
        print("  " + f)
    sys.exit(1)
print("PASS: compose_corpus")
PY
