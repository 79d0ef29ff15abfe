#!/usr/bin/env bash
# The release archive: one top-level folder with the two binaries, README.md, LICENSE, CHANGELOG.md
# and SHA256SUMS; unpacked into an empty folder the binaries link no shared yaml-cpp, fmt, libfyaml or
# C++ runtime, report the CMake version, and under `env -i PATH=/usr/bin:/bin` with an empty HOME print
# on the demo exactly what the development build prints.
. "$(dirname "$0")/../support/dist_common.sh"
name=boundaudit-$version-linux-x86_64
tgz=$dist_dir/$name.tar.gz
[ -f "$tgz" ] || fail "no $tgz"

echo "== $tgz"
tar tzf "$tgz" | sort > "$work/list"
expected=$(printf '%s\n' "$name/" "$name/CHANGELOG.md" "$name/LICENSE" "$name/README.md" "$name/SHA256SUMS" \
           "$name/composelint" "$name/loopaudit" | sort)
diff <(echo "$expected") "$work/list" || fail "the archive holds other entries than expected (diff above)"
echo "ok: one folder $name/ with $(($(wc -l < "$work/list") - 1)) files"

mkdir "$work/unpacked"
tar xzf "$tgz" -C "$work/unpacked"
(cd "$work/unpacked/$name" && sha256sum -c --quiet SHA256SUMS) || fail "SHA256SUMS does not match"
grep -q "  composelint$" "$work/unpacked/$name/SHA256SUMS" || fail "SHA256SUMS lacks composelint"
echo "ok: sha256sum -c SHA256SUMS"
(cd "$dist_dir" && sha256sum -c --quiet SHA256SUMS) || fail "$dist_dir/SHA256SUMS does not match"
grep -q "  $name.tar.gz$" "$dist_dir/SHA256SUMS" || fail "$dist_dir/SHA256SUMS lacks the archive"
echo "ok: $dist_dir/SHA256SUMS"

bin=$work/unpacked/$name
no_shared_deps "$bin/composelint"
no_shared_deps "$bin/loopaudit"
[ "$("$bin/composelint" --version)" = "composelint $version" ] || fail "composelint --version: $("$bin/composelint" --version)"
[ "$("$bin/loopaudit" --version)" = "loopaudit $version" ] || fail "loopaudit --version: $("$bin/loopaudit" --version)"
echo "ok: --version says $version"

run_demo "$bin" "$work/release.txt"
run_demo "$dev_build/bin" "$work/dev.txt"
diff "$work/dev.txt" "$work/release.txt" || fail "the release binaries print something else than the development build (diff above)"
python3 - "$work/release.txt" "$version" <<'PY'
import json, sys
text, version = open(sys.argv[1]).read(), sys.argv[2]
blocks = text.split("== ")
seen = 0
for block in blocks:
    head, _, body = block.partition("\n")
    if "--format json" in head or "--format sarif" in head:
        doc = json.loads(body.rsplit("== exit", 1)[0])
        tool = doc["tool"] if "json" in head else doc["runs"][0]["tool"]["driver"]
        assert tool["version"] == version, (head, tool)
        seen += 1
assert seen == 5, seen  # composelint json and sarif; loopaudit json (src, latin1.py) and sarif
print(f"ok: the JSON and SARIF tool blocks of both tools say {version}")
PY
echo "ok: $(grep -c "^== exit" "$work/release.txt") demo commands ($(wc -l < "$work/release.txt") lines of output) print the same as the development build under env -i"
echo "PASS: archive"
