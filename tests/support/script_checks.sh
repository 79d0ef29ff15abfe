# Shared by the CLI script tests (sourced; not a test itself): run a command and check its exit code
# and output. The caller sets $tmp (a scratch folder) and fails=0, and ends with the fails count.
# shellcheck shell=bash

# run WANT DESCRIPTION -- command...: 20 s and 2 GB of address space at most.
run() {
  local want=$1 what=$2; shift 3
  (ulimit -v 2000000; timeout 20 "$@") >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL: $what: exit $rc, want $want (124: hung; 134/137: crashed or out of memory)"
    sed 's/^/  out: /' "$tmp/out" | head -20; sed 's/^/  err: /' "$tmp/err" | head -20
    fails=$((fails + 1))
  else
    echo "ok   $what (exit $rc)"
  fi
}
said() {  # said DESCRIPTION FIXED-STRING: in the last stdout or stderr
  if grep -Fq -- "$2" "$tmp/out" "$tmp/err"; then echo "ok   $1"; else
    echo "FAIL: $1: no '$2' in the output"; sed 's/^/  out: /' "$tmp/out" | head -20; fails=$((fails + 1)); fi
}
not_said() {  # not_said DESCRIPTION FIXED-STRING: in neither the last stdout nor stderr
  if grep -Fq -- "$2" "$tmp/out" "$tmp/err"; then
    echo "FAIL: $1: '$2' in the output"; sed 's/^/  out: /' "$tmp/out" | head -20; sed 's/^/  err: /' "$tmp/err" | head -5
    fails=$((fails + 1))
  else echo "ok   $1"; fi
}
