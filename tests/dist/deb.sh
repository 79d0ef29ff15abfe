#!/usr/bin/env bash
# The Debian package: its control fields (dependencies only on libc6), its files (/usr/bin and the rule
# docs in /usr/share/doc/boundaudit), then unpacked into a scratch root with dpkg -x it runs the demo
# like the development build.
. "$(dirname "$0")/../support/dist_common.sh"
command -v dpkg-deb > /dev/null || { echo "SKIP: no dpkg-deb"; exit 77; }
deb=$dist_dir/boundaudit_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || fail "no $deb"

echo "== $deb"
[ "$(dpkg-deb -f "$deb" Package)" = boundaudit ] || fail "Package is not boundaudit"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is $(dpkg-deb -f "$deb" Version), not $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
grep -q "libc6" <<< "$depends" || fail "Depends does not name libc6"
grep -Eq "yaml|fmt|libstdc|libgcc" <<< "$depends" && fail "Depends names a library that is linked in"
grep -q "  $(basename "$deb")$" "$dist_dir/SHA256SUMS" || fail "$dist_dir/SHA256SUMS lacks the .deb"

root=$work/root
dpkg -x "$deb" "$root"
for f in usr/bin/composelint usr/bin/loopaudit usr/share/doc/boundaudit/README.md \
         usr/share/doc/boundaudit/LICENSE usr/share/doc/boundaudit/CHANGELOG.md; do
  [ -f "$root/$f" ] || fail "the package has no /$f"
done
docs=0
for doc in "$repo"/rules/*/*.md; do
  rel=rules/$(basename "$(dirname "$doc")")/$(basename "$doc")
  cmp -s "$doc" "$root/usr/share/doc/boundaudit/$rel" || fail "the package has no /usr/share/doc/boundaudit/$rel"
  docs=$((docs + 1))
done
echo "ok: /usr/bin/composelint, /usr/bin/loopaudit and $docs rule docs in /usr/share/doc/boundaudit/rules"
if find "$root" -name '*.hpp' -o -name '*.a' | grep -q .; then fail "the package holds headers or archives"; fi
no_shared_deps "$root/usr/bin/composelint"
no_shared_deps "$root/usr/bin/loopaudit"

run_demo "$root/usr/bin" "$work/deb.txt"
run_demo "$dev_build/bin" "$work/dev.txt"
diff "$work/dev.txt" "$work/deb.txt" || fail "the packaged binaries print something else than the development build"
echo "ok: the demo under env -i prints the same as the development build"
echo "PASS: deb"
