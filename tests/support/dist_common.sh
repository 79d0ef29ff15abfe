# Sourced by tests/dist/*.sh (run by `make test-dist` with DIST_DIR DEV_BUILD DIST_BUILD).
set -euo pipefail
dist_dir=${1:?usage: $0 <dist_dir> <dev_build_dir> <dist_build_dir>}
dev_build=${2:?usage: $0 <dist_dir> <dev_build_dir> <dist_build_dir>}
dist_build=${3:?usage: $0 <dist_dir> <dev_build_dir> <dist_build_dir>}
repo=$(pwd)
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$dist_build/CMakeCache.txt")
[ -n "$version" ] || { echo "FAIL: no CMAKE_PROJECT_VERSION in $dist_build/CMakeCache.txt"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/boundaudit-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# no_shared_deps BINARY: only the C library and the loader may be shared.
no_shared_deps() {
  local out
  out=$(ldd "$1" 2>&1 || true)
  if grep -Eq "yaml-cpp|libfmt|libfyaml|libstdc\+\+|libgcc_s" <<< "$out"; then
    echo "$out"; fail "$1 links a shared yaml-cpp, fmt, libfyaml or C++ runtime"
  fi
  echo "ok: ldd $(basename "$1"): $(awk '{print $1}' <<< "$out" | tr '\n' ' ')"
}

# run_demo BIN_DIR OUT: both tools on a fresh copy of fixtures/demo, in the formats users see, under
# `env -i PATH=/usr/bin:/bin` with an empty HOME; every command's stdout and exit code go to OUT.
run_demo() {
  local bin=$1 out=$2 home demo
  home=$(mktemp -d "$work/home.XXXXXX")
  demo=$(mktemp -d "$work/demo.XXXXXX")
  cp -R "$repo/fixtures/demo/." "$demo/"
  # A Latin-1 source: decoding goes through iconv, which glibc backs with modules it loads at run time.
  printf '# -*- coding: latin-1 -*-\nwhile name != "caf\xe9":\n    print(name)\n' > "$demo/latin1.py"
  : > "$out"
  local cmd
  for cmd in "composelint --memory-budget 8g" "composelint --format json" "composelint --format sarif" \
             "composelint --format github" "loopaudit src" "loopaudit -j 2 --format json src" \
             "loopaudit --format sarif src" "loopaudit --format markdown src" \
             "loopaudit --update-doc AUDIT.md --check" "composelint --update-doc AUDIT.md --check" \
             "loopaudit --format json latin1.py" "composelint --version" "loopaudit --version" \
             "loopaudit --explain LA101"; do
    local rc=0
    echo "== $cmd" >> "$out"
    (cd "$demo" && env -i PATH=/usr/bin:/bin HOME="$home" "$bin"/$cmd >> "$out" 2>&1) || rc=$?
    echo "== exit $rc" >> "$out"
    [ "$rc" -le 1 ] || { cat "$out"; fail "$bin/$cmd exited $rc"; }
  done
  [ -z "$(ls -A "$home")" ] || fail "$bin wrote into HOME: $(ls -A "$home")"
}
