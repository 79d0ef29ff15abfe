#!/usr/bin/env bash
# Real client test: Debian's pre-commit runs the hooks declared in .pre-commit-hooks.yaml
# (`pre-commit try-repo <this repo> <hook> --all-files`) in a scratch git repo. A compose file with a
# service that has no memory limit must fail the composelint hook, and pass once the limit is added;
# a Python file with an unbounded `while True:` must fail the loopaudit hook, and pass once the loop
# has an exit. The composelint hook's `files` pattern is checked with a stand-in composelint that records
# the files it is given. Works offline: the hooks are `language: system` and find the built tools on PATH.
# try-repo clones this repo at HEAD, so the hooks file must be committed.
# Usage (ctest runs it from the repo root): bash tests/scripts/precommit.sh <bin_dir> <build_dir>
set -euo pipefail
bin_dir=$(cd "${1:?usage: precommit.sh <bin_dir> <build_dir>}" && pwd)
repo=$(pwd)
command -v pre-commit > /dev/null || { echo "FAIL: pre-commit is not installed (Debian: pre-commit; make deps-test)"; exit 1; }
command -v git > /dev/null || { echo "FAIL: git is not installed"; exit 1; }
git -C "$repo" cat-file -e HEAD:.pre-commit-hooks.yaml 2> /dev/null ||
  { echo "FAIL: .pre-commit-hooks.yaml is not committed at HEAD of $repo (try-repo clones HEAD)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/boundaudit-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/cache
export PATH=$bin_dir:$PATH
export GIT_CONFIG_GLOBAL=$work/gitconfig GIT_CONFIG_NOSYSTEM=1
git config --global user.name boundaudit-test
git config --global user.email test@boundaudit.invalid
git config --global init.defaultBranch main
git config --global --add safe.directory '*'
echo "pre-commit $(pre-commit --version | awk '{print $2}'); tools from $bin_dir"

scratch=$work/project
mkdir -p "$scratch"
git -C "$scratch" init -q

# run_hook HOOK EXPECTED_EXIT WHAT
run_hook() {
  local hook=$1 expected=$2 what=$3 rc=0
  (cd "$scratch" && git add -A && pre-commit try-repo "$repo" "$hook" --all-files --color never) \
      > "$work/out.txt" 2>&1 || rc=$?
  if { [ "$expected" = 0 ] && [ "$rc" != 0 ]; } || { [ "$expected" != 0 ] && [ "$rc" = 0 ]; }; then
    echo "FAIL: $hook on $what: pre-commit exited $rc, expected $([ "$expected" = 0 ] && echo success || echo failure)"
    cat "$work/out.txt"
    exit 1
  fi
  echo "ok: $hook on $what: pre-commit exited $rc"
  # The output pre-commit shows for a failing hook is the tool's own report.
  [ "$rc" = 0 ] || grep -E "$4" "$work/out.txt" | head -3 | sed 's/^/    /'
  [ "$rc" = 0 ] || grep -qE "$4" "$work/out.txt" || { echo "FAIL: expected /$4/ in the hook output"; cat "$work/out.txt"; exit 1; }
}

cat > "$scratch/compose.yaml" <<'YAML'
services:
  api:
    image: example/api
    mem_limit: 512m
  worker:
    image: example/worker
YAML
run_hook composelint 1 "a service without a memory limit" 'CL001'
cat > "$scratch/compose.yaml" <<'YAML'
services:
  api:
    image: example/api
    mem_limit: 512m
  worker:
    image: example/worker
    deploy:
      resources:
        limits:
          memory: 1g
YAML
run_hook composelint 0 "the fixed file" ''

# An override file is linted merged into its base: the limit set there counts.
cat > "$scratch/compose.yaml" <<'YAML'
services:
  worker:
    image: example/worker
YAML
cat > "$scratch/compose.override.yaml" <<'YAML'
services:
  worker:
    mem_limit: 1g
YAML
run_hook composelint 0 "a base whose limit is set in compose.override.yaml" ''
rm "$scratch/compose.override.yaml"
printf 'services:\n  worker:\n    image: example/worker\n    mem_limit: 1g\n' > "$scratch/compose.yaml"

# Which files the composelint hook passes: a stand-in composelint first on PATH records its
# arguments. Names with any middle part after compose / docker-compose are passed; look-alikes not.
fake=$work/fake-bin
mkdir -p "$fake" "$scratch/deploy" "$scratch/compose.d"
printf '#!/bin/sh\nfor a in "$@"; do echo "$a"; done >> "%s"\n' "$work/passed.txt" > "$fake/composelint"
chmod +x "$fake/composelint"
want="compose-dev.yaml compose.override.yml compose.pgadmin.yml compose.yaml deploy/docker-compose.prod.yaml deploy/docker-compose.yml docker-compose_ci.yml"  # in C order
skip="mycompose.yml composer.yml compose.json docker-compose.yml.bak compose.d/base.yml my-compose.yaml compose.yaml.orig"
for f in $want $skip; do [ -e "$scratch/$f" ] || printf 'services:\n  s:\n    mem_limit: 1g\n' > "$scratch/$f"; done
: > "$work/passed.txt"
(cd "$scratch" && git add -A && PATH=$fake:$PATH pre-commit try-repo "$repo" composelint --all-files --color never) \
    > "$work/out.txt" 2>&1 || { echo "FAIL: the recording composelint hook failed"; cat "$work/out.txt"; exit 1; }
passed=$(LC_ALL=C sort "$work/passed.txt" | tr '\n' ' ' | sed 's/ $//')
if [ "$passed" != "$want" ]; then
  echo "FAIL: the composelint hook's files pattern passed [$passed], want [$want]"
  exit 1
fi
echo "ok: composelint hook files: passes $want; skips $skip"
(cd "$scratch" && for f in $want $skip; do [ "$f" = compose.yaml ] || { git rm -q --cached "$f"; rm "$f"; }; done)

mkdir -p "$scratch/src"
cat > "$scratch/src/poller.py" <<'PY'
import time


def wait_forever(check):
    while True:
        check()
        time.sleep(1)
PY
run_hook loopaudit 1 "an unbounded while True" 'LA101'
cat > "$scratch/src/poller.py" <<'PY'
import time


def wait_for(check, timeout=60.0):
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting")
        time.sleep(1)
PY
run_hook loopaudit 0 "the loop with a deadline" ''
echo "PASS: precommit"
