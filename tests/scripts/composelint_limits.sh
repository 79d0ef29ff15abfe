#!/usr/bin/env bash
# Hostile input through composelint's command line: never a crash, a hang, a memory blow-up, or a
# broken file passed as clean. Every input is generated here at run time. Each run has a 60 s timeout
# and a 4 GiB address-space cap (so a regression fails fast instead of taking the machine down);
# peak memory is the child's max RSS as the kernel reports it (getrusage).
# Run by ctest as: bash composelint_limits.sh <bin_dir> <build_dir>
set -u
bin="$(cd "$1" 2>/dev/null && pwd)/composelint"
[ -x "$bin" ] || { echo "no $bin"; exit 77; }
command -v python3 > /dev/null || { echo "python3 is needed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# run DIR MAX_SECONDS MAX_MIB WANT_RC DESCRIPTION -- ARGS...: composelint in DIR; checks rc, time, peak RSS.
run() {
  local dir=$1 max_s=$2 max_mib=$3 want=$4 what=$5; shift 6
  python3 - "$dir" "$max_s" "$max_mib" "$want" "$bin" "$@" > "$tmp/verdict" <<'PY'
import resource, subprocess, sys, time
d, max_s, max_mib, want, cmd = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
t = time.monotonic()
try:
    p = subprocess.run(cmd, cwd=d, stdout=open(d + "/out", "w"), stderr=subprocess.STDOUT, timeout=60, preexec_fn=limit)
    rc = p.returncode
except subprocess.TimeoutExpired:
    rc = "timeout"
secs = time.monotonic() - t
mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
problems = []
if rc != want: problems.append(f"exit {rc}, want {want}")
if secs > max_s: problems.append(f"{secs:.1f} s, limit {max_s:.0f} s")
if mib > max_mib: problems.append(f"peak {mib:.0f} MiB, limit {max_mib} MiB")
print(("FAIL: " + "; ".join(problems)) if problems else "ok", f"(exit {rc}, {secs:.2f} s, peak {mib:.0f} MiB)")
PY
  if grep -q '^ok' "$tmp/verdict"; then
    echo "ok   $what $(cut -d' ' -f2- "$tmp/verdict")"
  else
    echo "FAIL: $what: $(cat "$tmp/verdict")"; head -5 "$dir/out" | sed 's/^/  out: /'; fails=$((fails + 1))
  fi
}
expect_out() {  # expect_out DIR DESCRIPTION PATTERN: grep -E in the last output of DIR
  if grep -Eq -- "$3" "$1/out"; then echo "ok   $2"; else echo "FAIL: $2: no /$3/ in output"; head -5 "$1/out"; fails=$((fails + 1)); fi
}

# 1. A chain of 2,000 services, each extending the next (overflowed the stack: exit 139).
mkdir -p "$tmp/extends"
python3 - "$tmp/extends/compose.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("services:\n")
    for i in range(2000):
        f.write(f"  s{i}:\n    extends: s{i + 1}\n" if i < 1999 else f"  s{i}:\n    mem_limit: 1g\n")
PY
run "$tmp/extends" 10 200 0 "extends chain of 2,000 services resolves" -- compose.yaml
expect_out "$tmp/extends" "every service of the chain inherits the limit" "2000 services in 1 project: 0 errors"

# 2. An include diamond: 18 levels, each file includes both files of the next level (took 4 s and
#    2 GiB, or longer: every path through the diamond was loaded again).
mkdir -p "$tmp/diamond"
python3 - "$tmp/diamond" <<'PY'
import sys
d, levels = sys.argv[1], 18
with open(f"{d}/compose.yaml", "w") as f:
    f.write("include:\n  - a1.yaml\n  - b1.yaml\n")
for k in range(1, levels + 1):
    for n in "ab":
        with open(f"{d}/{n}{k}.yaml", "w") as f:
            if k < levels:
                f.write(f"include:\n  - a{k + 1}.yaml\n  - b{k + 1}.yaml\n")
            f.write(f"services:\n  {n}{k}:\n    mem_limit: 1g\n")
PY
run "$tmp/diamond" 5 100 0 "include diamond of 18 levels (37 files) is linear" -- compose.yaml
expect_out "$tmp/diamond" "all 36 included services are there" "36 services"

# 3. A .env where each variable is the previous one twice (grew until allocation failed).
mkdir -p "$tmp/dotenv"
python3 - "$tmp/dotenv" <<'PY'
import sys
d = sys.argv[1]
with open(f"{d}/.env", "w") as f:
    f.write("A0=0123456789abcdef\n")
    for i in range(1, 40):
        f.write(f"A{i}=${{A{i - 1}}}${{A{i - 1}}}\n")
with open(f"{d}/compose.yaml", "w") as f:
    f.write("services:\n  web:\n    mem_limit: ${A39:-1g}\n")
PY
run "$tmp/dotenv" 10 200 2 "a doubling .env is an input error" -- compose.yaml
expect_out "$tmp/dotenv" "the error names the file, line and variable" \
  '^\.env:18: error: A17: the value grows past 1048576 bytes, the limit for one value, at \$\{A16\}'

# 4. 260,000 services in 2.8 MB (needed 1.9 GiB): refused with a clear error, in little memory.
mkdir -p "$tmp/huge"
python3 -c "
with open('$tmp/huge/compose.yaml', 'w') as f:
    f.write('services:\n')
    for i in range(260000): f.write(f'  s{i}:\n')
"
run "$tmp/huge" 30 500 2 "260,000 services are refused" -- --format json compose.yaml
expect_out "$tmp/huge" "the refusal says why" '"message": "260000 services, more than the limit of 10000 a project'

# 5. The largest project accepted, with four findings a service, in every format: under 500 MiB.
mkdir -p "$tmp/largest"
python3 -c "
with open('$tmp/largest/compose.yaml', 'w') as f:
    f.write('services:\n')
    for i in range(10000):
        f.write(f'  service_{i:06d}:\n    mem_limit: \${{UNSET_{i}}}\n    mem_reservation: 3g\n    memswap_limit: 1m\n'
                '    deploy:\n      resources:\n        limits: {memory: 2g}\n        reservations: {memory: 3g}\n'
                '      replicas: 3\n    profiles: [a, b, c, d]\n')
"
for fmt in json sarif text; do
  run "$tmp/largest" 60 500 1 "10,000 services with 4 findings each, --format $fmt" -- --format "$fmt" compose.yaml
done

# 6. Broken YAML that yaml-cpp used to load (reported clean): an input error with line and column.
mkdir -p "$tmp/broken"
printf 'services:\n  web:\n    mem_limit: "1g\n  db:\n    image: x\n' > "$tmp/broken/compose.yaml"
run "$tmp/broken" 5 100 2 "an unterminated quote is an input error" -- compose.yaml
expect_out "$tmp/broken" "with libfyaml's line, column and reason" \
  '^compose\.yaml:3: error: invalid YAML: .*\(column [0-9]+\)'

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all checks passed"
