#!/usr/bin/env bash
# A configure and build with npm (and node) gone from PATH: tree-sitter and tree-sitter-python come
# from BOUNDAUDIT_DEPS_DIR (the tarballs the dist build downloaded), with the network closed by a dead
# proxy, and the two CLIs are built (a Release build of the library: about 2 minutes on 2 idle cores);
# then a missing and a corrupt tarball are refused, and, when the npm registry is reachable, a
# configure downloads the tarballs over HTTPS with CMake itself.
. "$(dirname "$0")/../support/dist_common.sh"
. "$repo/tests/support/path_without.sh"
nonpm_path=$(path_without "$work" npm npx node nodejs)
PATH=$nonpm_path command -v npm > /dev/null && fail "npm is still on the simulated PATH"
generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
deps=$work/deps
mkdir "$deps"
cp "$dist_build"/_deps/npm/tree-sitter-*.tgz "$deps/"
ls "$deps"

echo "== offline: BOUNDAUDIT_DEPS_DIR, no npm, no network"
PATH=$nonpm_path https_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
  cmake -S "$repo" -B "$work/offline" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DBOUNDAUDIT_BUILD_TESTS=OFF \
        -DBOUNDAUDIT_DEPS_DIR="$deps" > "$work/offline.log" 2>&1 || { cat "$work/offline.log"; fail "configure failed"; }
PATH=$nonpm_path cmake --build "$work/offline" --target composelint loopaudit > "$work/offline-build.log" 2>&1 \
  || { cat "$work/offline-build.log"; fail "the build failed"; }
for tool in composelint loopaudit; do
  [ "$("$work/offline/bin/$tool" --version)" = "$tool $version" ] || fail "$tool --version"
done
(cd "$repo/fixtures/demo" && "$work/offline/bin/loopaudit" --format json src > "$work/offline.json" || [ $? = 1 ])
(cd "$repo/fixtures/demo" && "$dev_build/bin/loopaudit" --format json src > "$work/dev.json" || [ $? = 1 ])
cmp -s "$work/offline.json" "$work/dev.json" || fail "the offline build's loopaudit prints something else on the demo"
echo "ok: configured and built composelint and loopaudit; loopaudit's JSON on the demo is the development build's"

echo "== a missing tarball in BOUNDAUDIT_DEPS_DIR is named"
rm "$deps"/tree-sitter-python-*.tgz
if PATH=$nonpm_path cmake -S "$repo" -B "$work/missing" "${generator[@]}" -DBOUNDAUDIT_BUILD_TESTS=OFF \
     -DBOUNDAUDIT_DEPS_DIR="$deps" > "$work/missing.log" 2>&1; then
  fail "configure succeeded without tree-sitter-python"
fi
# CMake wraps the message: join its lines first.
message=$(tr -s ' \n' '  ' < "$work/missing.log")
grep -q "has no tree-sitter-python-0" <<< "$message" || { cat "$work/missing.log"; fail "the error does not name the tarball"; }
echo "ok: $(grep -o 'has no tree-sitter-python-[^ ]*' <<< "$message")"

echo "== a tarball with the wrong SHA-256 is refused"
cp "$dist_build"/_deps/npm/tree-sitter-python-*.tgz "$deps/"
f=$(ls "$deps"/tree-sitter-python-*.tgz)
printf 'x' >> "$f"
if PATH=$nonpm_path cmake -S "$repo" -B "$work/badsum" "${generator[@]}" -DBOUNDAUDIT_BUILD_TESTS=OFF \
     -DBOUNDAUDIT_DEPS_DIR="$deps" > "$work/badsum.log" 2>&1; then
  fail "configure accepted a tarball with the wrong SHA-256"
fi
tr -s ' \n' '  ' < "$work/badsum.log" | grep -q "SHA-256 [0-9a-f]*, expected" || { cat "$work/badsum.log"; fail "the error does not say SHA-256"; }
echo "ok: refused"

echo "== online: from registry.npmjs.org, no npm"
if ! curl -sfI --max-time 10 https://registry.npmjs.org/ > /dev/null 2>&1; then
  echo "(the npm registry is unreachable: online case skipped)"
else
  PATH=$nonpm_path cmake -S "$repo" -B "$work/online" "${generator[@]}" -DBOUNDAUDIT_BUILD_TESTS=OFF \
    > "$work/online.log" 2>&1 || { cat "$work/online.log"; fail "configure (download) failed"; }
  grep -q "Downloading https://registry.npmjs.org/tree-sitter/-/tree-sitter-" "$work/online.log" \
    || fail "the tarballs did not come from the registry"
  echo "ok: downloaded from https://registry.npmjs.org and checked"
fi
echo "PASS: no_npm"
