#!/usr/bin/env bash
# The Makefile on a machine that is not Debian (no dpkg-query on PATH, as on macOS): `make deps` prints
# the install line, checks the tools and libraries, and goes on when they are there (here it goes on to
# configure a Release build); with libfyaml missing it names it and stops with exit 2.
# Usage (ctest runs it from the repo root): bash tests/scripts/make_deps_portable.sh <bin_dir> <build_dir>
set -euo pipefail
build_dir=${2:?usage: make_deps_portable.sh <bin_dir> <build_dir>}
repo=$(pwd)
. "$repo/tests/support/path_without.sh"
command -v make > /dev/null || { echo "SKIP: no make"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/boundaudit-deps.XXXXXX")
trap 'rm -rf "$work"' EXIT
nodeb_path=$(path_without "$work" dpkg-query dpkg apt-get)
if PATH=$nodeb_path command -v dpkg-query > /dev/null; then
  echo "FAIL: dpkg-query is still on the simulated PATH"; exit 1
fi

echo "== make deps configure-release without dpkg-query"
# The tree-sitter tarballs this build already checked: no network needed.
set +e
PATH=$nodeb_path make -s -C "$repo" deps configure-release BUILD="$work/build" DEPS_DIR="$build_dir/_deps/npm" \
  > "$work/out.txt" 2>&1
rc=$?
set -e
sed -n '1,5p' "$work/out.txt"
[ $rc = 0 ] || { echo "FAIL: exit $rc"; cat "$work/out.txt"; exit 1; }
grep -q "not a Debian system" "$work/out.txt" || { echo "FAIL: no 'not a Debian system' line"; exit 1; }
grep -Eq "brew install .*libfyaml|install with your package manager: .*libfyaml" "$work/out.txt" \
  || { echo "FAIL: no install line naming the libraries"; exit 1; }
grep -q "missing Debian packages" "$work/out.txt" && { echo "FAIL: it asked for Debian packages"; exit 1; }
[ -f "$work/build/CMakeCache.txt" ] || { echo "FAIL: make did not go on to configure"; exit 1; }
echo "ok: printed the install line and configured $work/build"

echo "== make deps without dpkg-query and without libfyaml"
set +e
PATH=$nodeb_path PKG_CONFIG_LIBDIR=$work/none PKG_CONFIG_PATH= make -s -C "$repo" deps > "$work/out2.txt" 2>&1
rc=$?
set -e
cat "$work/out2.txt"
[ $rc = 2 ] || { echo "FAIL: exit $rc, expected 2"; exit 1; }
grep -q "missing:.*libfyaml" "$work/out2.txt" || { echo "FAIL: libfyaml not named as missing"; exit 1; }
echo "PASS: make_deps_portable"
