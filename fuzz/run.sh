#!/usr/bin/env bash
# Runs the fuzz targets built in BUILD (cmake -DBOUNDAUDIT_FUZZ=ON; `make fuzz` does both).
#
#   fuzz/run.sh BUILD [SECONDS]   each target for SECONDS (default 60) from its corpus in
#                                 BUILD/fuzz/corpus/<target>/ (kept between runs) and its seeds in
#                                 BUILD/fuzz/seeds/<target>/; fails when any run finds a crash, a
#                                 timeout, a leak or an out-of-memory (the input is saved in
#                                 BUILD/fuzz/artifacts/<target>/, the log in BUILD/fuzz/<target>.log)
#   fuzz/run.sh --replay BUILD    each reproducer in fuzz/regressions/<target>/ once; fails when any
#                                 still crashes
set -uo pipefail

replay=false
if [ "${1:-}" = --replay ]; then replay=true; shift; fi
build=${1:?usage: fuzz/run.sh [--replay] BUILD [SECONDS]}
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
targets=(compose_fuzz loops_fuzz docsync_fuzz)
# Inputs longer than this are not generated. compose_fuzz stays small because a few hundred bytes of
# nested anchors or `extends` already make the known exponential cases; larger inputs add nothing.
# loops_fuzz needs room above 8 KiB: smaller files are parsed whole, so only larger ones reach the
# partial parse (lib/loops/chunks.cpp) that the target compares with the full one.
declare -A max_len=([compose_fuzz]=4096 [loops_fuzz]=16384 [docsync_fuzz]=8192)
declare -A dict=([compose_fuzz]=yaml.dict [loops_fuzz]=python.dict [docsync_fuzz]=markdown.dict)
# A fixed seed by default, so that the short pass in CI tries the same inputs on every run and a
# failure there is reproducible; FUZZ_SEED=0 lets libFuzzer pick one (long exploratory runs).
common=(-rss_limit_mb=2048 -timeout=10 "-seed=${FUZZ_SEED:-1}")

failed=()
for target in "${targets[@]}"; do
  bin=$build/bin/$target
  [ -x "$bin" ] || { echo "fuzz/run.sh: $bin is not built" >&2; exit 2; }
  if $replay; then
    for input in "$here/regressions/$target"/*; do
      [ -f "$input" ] || continue
      if "$bin" "${common[@]}" "$input" >/dev/null 2>&1; then
        echo "passes:   $target ${input#"$here"/}"
      else
        echo "crashes:  $target ${input#"$here"/}"
        failed+=("$target:${input##*/}")
      fi
    done
    continue
  fi
  corpus=$build/fuzz/corpus/$target
  artifacts=$build/fuzz/artifacts/$target
  log=$build/fuzz/$target.log
  mkdir -p "$corpus" "$artifacts"
  echo "== $target (${seconds}s, -max_len=${max_len[$target]})"
  if "$bin" "${common[@]}" -max_total_time="$seconds" -max_len="${max_len[$target]}" \
       -dict="$here/${dict[$target]}" -artifact_prefix="$artifacts/" -print_final_stats=1 \
       "$corpus" "$build/fuzz/seeds/$target" >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log"
  else
    grep -vE '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)|NEW_FUNC' "$log" | tail -n 60
    echo "!! $target failed; the input is in $artifacts/, the whole log in $log"
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz/run.sh: failed: ${failed[*]}" >&2
  exit 1
fi
