#!/usr/bin/env bash
# composelint's machine budget end to end: --memory-budget auto (Docker Desktop settings per platform,
# the cgroup/meminfo fallback under COMPOSELINT_MACHINE_ROOT), --docker-settings, --headroom,
# --together, and budget="auto" in a doc region. HOME and the machine root point at fixtures, so
# nothing depends on the machine that runs the test.
# Run by ctest as: bash composelint_budget.sh <bin_dir> <build_dir>
set -u
bin="$(cd "$1" 2>/dev/null && pwd)/composelint"
[ -x "$bin" ] || { echo "no $bin"; exit 77; }
root=$(pwd)
m="$root/fixtures/machine"
t="$root/fixtures/together"
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
expect_in() {  # expect_in DESCRIPTION FILE FIXED-STRING
  if grep -Fq -- "$3" "$2"; then echo "ok   $1"; else echo "FAIL: $1: no '$3' in:"; sed 's/^/  /' "$2"; fails=$((fails + 1)); fi
}
# composelint with HOME at a fixture home and the machine root at a fixture root.
at() {  # at HOME ROOT -- args...
  local home=$1 mroot=$2; shift 3
  env -u APPDATA -u USERPROFILE HOME="$m/$home" COMPOSELINT_MACHINE_ROOT="$m/roots/$mroot" "$bin" "$@"
}

# Each platform's layout gives its budget, and the report says where it came from.
expect_rc 0 "auto, macOS settings-store.json" -- at mac physical -- --memory-budget auto "$t/infra/compose.yaml"
expect_in "8 GiB from the macOS file" "$tmp/out" \
  "62.5% of the 8 GiB budget (8 GiB from Docker Desktop settings at $m/mac/Library/Group Containers/group.com.docker/settings-store.json), 3 GiB left"
expect_rc 0 "auto, Windows settings-store.json" -- at windows physical -- --memory-budget auto "$t/infra/compose.yaml"
expect_in "6 GiB from the Windows file" "$tmp/out" "6 GiB from Docker Desktop settings at $m/windows/AppData/Roaming/Docker/settings-store.json"
expect_rc 0 "auto, Linux settings-store.json" -- at linux physical -- --memory-budget auto "$t/infra/compose.yaml"
expect_in "7 GiB from the Linux file" "$tmp/out" "7 GiB from Docker Desktop settings at $m/linux/.docker/desktop/settings-store.json"
expect_rc 1 "auto, Windows settings.json of 4.34 (2 GiB): over" -- at windows-4.34 physical -- --memory-budget auto "$t/infra/compose.yaml"
expect_in "CL006 against the old file's 2 GiB" "$tmp/out" "3 GiB over the 2 GiB budget (2 GiB from Docker Desktop settings at $m/windows-4.34/AppData/Roaming/Docker/settings.json)"

# No settings file: the visible memory under the fake root.
expect_rc 1 "auto without Docker Desktop: the cgroup v1 limit (3 GiB)" -- at no-settings cgroup1 -- --memory-budget auto "$t/infra/compose.yaml"
expect_in "the cgroup named" "$tmp/out" "(3 GiB from the cgroup v1 limit in $m/roots/cgroup1/sys/fs/cgroup/memory/memory.limit_in_bytes)"
expect_rc 0 "auto without Docker Desktop: the physical memory (16 GiB)" -- at no-settings physical -- --memory-budget auto "$t/infra/compose.yaml"
expect_in "meminfo named" "$tmp/out" "16 GiB from the physical memory in $m/roots/physical/proc/meminfo"
expect_rc 2 "auto with nothing to go on" -- at no-settings empty -- --memory-budget auto "$t/infra/compose.yaml"
expect_in "says so" "$tmp/err" "cannot tell this machine's memory"

# Settings files that cannot be used, named; --docker-settings.
expect_rc 2 "a broken settings file is exit 2" -- at broken physical -- --memory-budget auto "$t/infra/compose.yaml"
expect_in "naming file and line" "$tmp/err" "composelint: $m/broken/.docker/desktop/settings-store.json:4: Docker Desktop settings are not valid JSON"
expect_rc 2 "a MemoryMiB that is not a number" -- at bad-value physical -- --memory-budget auto "$t/infra/compose.yaml"
expect_in "named" "$tmp/err" "bad-value/.docker/desktop/settings-store.json: MemoryMiB is \"8g\""
expect_rc 0 "--docker-settings implies auto and wins over HOME" -- at windows-4.34 physical -- \
  --docker-settings "$m/linux/.docker/desktop/settings-store.json" "$t/infra/compose.yaml"
expect_in "the named file" "$tmp/out" "7 GiB from Docker Desktop settings at $m/linux/.docker/desktop/settings-store.json"
expect_rc 2 "--docker-settings naming no file" -- at mac physical -- --docker-settings "$tmp/nope.json" "$t/infra/compose.yaml"
expect_in "named" "$tmp/err" "$tmp/nope.json: no such file"
expect_rc 2 "--docker-settings with a size" -- at mac physical -- --memory-budget 8g --docker-settings "$m/linux/.docker/desktop/settings-store.json" "$t/infra/compose.yaml"

# --headroom.
expect_rc 1 "--headroom 4g leaves 4 GiB of 8: 5 GiB is over" -- at mac physical -- --memory-budget auto --headroom 4g "$t/infra/compose.yaml"
expect_in "the line says budget, headroom and the excess" "$tmp/out" "125.0% of the 4 GiB budget (8 GiB from Docker Desktop settings at $m/mac/Library/Group Containers/group.com.docker/settings-store.json, less 4 GiB headroom), 1 GiB over"
expect_rc 2 "--headroom that leaves nothing" -- at mac physical -- --memory-budget 8g --headroom 8g "$t/infra/compose.yaml"
expect_rc 2 "--headroom not a size" -- at mac physical -- --memory-budget 8g --headroom lots "$t/infra/compose.yaml"

# --together: each fits 6 GiB alone, the two need 8 GiB.
expect_rc 0 "each stack alone fits the 6 GiB VM" -- at windows physical -- --memory-budget auto "$t/infra/compose.yaml" "$t/app/compose.yaml"
expect_rc 1 "together they do not" -- at windows physical -- --memory-budget auto --together "$t/infra/compose.yaml" "$t/app/compose.yaml"
expect_in "CL006 on the first stack" "$tmp/out" "$t/infra/compose.yaml:1:1: error[CL006] memory limits of 2 projects run together add up to 8 GiB ($t/infra/compose.yaml 5 GiB, $t/app/compose.yaml 3 GiB), 2 GiB over the 6 GiB budget"
expect_in "the sum with subtotals" "$tmp/out" "composelint: memory: together 8 GiB of limits × replicas ($t/infra/compose.yaml 5 GiB, $t/app/compose.yaml 3 GiB), 133.3% of the 6 GiB budget"
expect_rc 1 "--together --format json" -- at windows physical -- --memory-budget auto --together --format json "$t/infra/compose.yaml" "$t/app/compose.yaml"
python3 - "$tmp/out" "$m" <<'PY' || fails=$((fails + 1))
import json, sys
d = json.load(open(sys.argv[1]))
assert d["together"]["total_memory_limit_bytes"] == 8 << 30, d["together"]
assert [p["total_memory_limit_bytes"] for p in d["together"]["projects"]] == [5 << 30, 3 << 30]
p = d["projects"][0]
assert p["memory_budget_bytes"] == 6 << 30 and p["memory_headroom_bytes"] == 0
assert p["memory_budget_source"] == "from Docker Desktop settings at " + sys.argv[2] + "/windows/AppData/Roaming/Docker/settings-store.json"
assert [f["rule"] for f in d["findings"]] == ["CL006"]
print("ok   json: together, subtotals, budget source")
PY
expect_rc 1 "--together --format markdown" -- at windows physical -- --memory-budget auto --together --format markdown "$t/infra/compose.yaml" "$t/app/compose.yaml"
expect_in "markdown: the together section" "$tmp/out" "## Running together"
expect_in "markdown: the sum against the budget" "$tmp/out" "Total of memory limits × replicas: 8 GiB (133.3% of the 6 GiB budget (6 GiB from Docker Desktop settings at"
expect_rc 0 "--together without a budget reports the sum" -- at windows physical -- --together "$t/infra/compose.yaml" "$t/app/compose.yaml"
expect_in "the sum, no budget" "$tmp/out" "composelint: memory: together 8 GiB of limits × replicas ($t/infra/compose.yaml 5 GiB, $t/app/compose.yaml 3 GiB)"
expect_rc 2 "--together with --update-doc" -- at mac physical -- --update-doc "$tmp/doc.md" --together

# budget="auto" in a doc region.
mkdir -p "$tmp/d" && cp "$t/infra/compose.yaml" "$tmp/d/compose.yaml"
printf '# Stack\n\n<!-- composelint:begin files="compose.yaml" budget="auto" headroom="1g" -->\n<!-- composelint:end -->\n' >"$tmp/d/STACK.md"
expect_rc 0 "--update-doc with budget=auto" -- at mac physical -- --update-doc "$tmp/d/STACK.md"
expect_in "the region's total names the source" "$tmp/d/STACK.md" "**Total**: 5 GiB of limits × replicas, 71.4% of the 7 GiB budget (8 GiB from Docker Desktop settings at"
expect_in "share of what is usable" "$tmp/d/STACK.md" "| Share of 7 GiB |"
expect_rc 2 "--update-doc with budget=auto and a broken settings file" -- at broken physical -- --update-doc "$tmp/d/STACK.md" --check
cat "$tmp/out" "$tmp/err" >"$tmp/all"
expect_in "names the settings file" "$tmp/all" "broken/.docker/desktop/settings-store.json:4"

[ "$fails" = 0 ] && echo "all composelint budget checks passed" || { echo "$fails failed"; exit 1; }
