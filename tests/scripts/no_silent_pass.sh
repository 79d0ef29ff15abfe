#!/usr/bin/env bash
# Issue 13 end to end, on both command lines: a typo or an empty file never passes as clean (CL009,
# input error); YAML in UTF-16/32 or with CR line breaks is read, a UTF-16 Python file is named as
# such; a file name or message cannot inject an output line (GitHub workflow command, terminal
# escape); --update-doc refuses a read-only or hard-linked doc and leaves it untouched; symlink loops,
# directories and unterminated quotes get messages that say so.
# Run by ctest as: bash no_silent_pass.sh <bin_dir> <build_dir>
set -u
bin_dir="$(cd "$1" 2>/dev/null && pwd)"
compose="$bin_dir/composelint"
loops="$bin_dir/loopaudit"
[ -x "$compose" ] && [ -x "$loops" ] || { echo "no binaries in $1"; exit 77; }
command -v iconv >/dev/null || { echo "no iconv"; exit 77; }
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
fails=0

# shellcheck source=../support/script_checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/script_checks.sh"
check() {  # check DESCRIPTION command...: the command succeeds
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL: $1"; fails=$((fails + 1)); fi
}
unforged() {  # unforged DESCRIPTION: no line of the last stdout starts the forged workflow command
  check "$1" python3 -c 'import sys; t = open(sys.argv[1], "rb").read().decode(); sys.exit(any(l.startswith("::error file=x") for l in t.splitlines()))' "$tmp/out"
}

# --- a typo or an empty file is not clean ----------------------------------------------------------
mkdir -p "$tmp/typo" "$tmp/empty" "$tmp/comments" "$tmp/svc"
printf 'servics:\n  web:\n    image: nginx\n' >"$tmp/typo/compose.yaml"
run 1 "composelint: servics: is a finding" -- "$compose" "$tmp/typo/compose.yaml"
said "with file:line and a suggestion" "typo/compose.yaml:1:1: error[CL009] unknown top-level key 'servics' (did you mean 'services'?)"
printf 'services:\n  web:\n    image: nginx\n    mem_limt: 1g\n' >"$tmp/svc/compose.yaml"
run 1 "composelint: mem_limt: is a finding" -- "$compose" --select CL009 "$tmp/svc/compose.yaml"
said "in the service" "error[CL009] service 'web' has unknown key 'mem_limt' (did you mean 'mem_limit'?)"
: >"$tmp/empty/compose.yaml"
run 2 "composelint: an empty file is an input error" -- "$compose" "$tmp/empty/compose.yaml"
said "named" "empty/compose.yaml: error: empty compose file"
printf '# nothing but\n\n# comments\n' >"$tmp/comments/compose.yaml"
run 2 "composelint: a comment-only file is an input error" -- "$compose" "$tmp/comments/compose.yaml"

# --- encodings and line breaks ---------------------------------------------------------------------
for enc in UTF-16 UTF-16BE UTF-32; do
  mkdir -p "$tmp/$enc"
  if [ "$enc" = UTF-16BE ]; then
    { printf '\xfe\xff'; printf 'services:\n  web:\n    image: x\n    mem_limit: 0\n' | iconv -t UTF-16BE; } >"$tmp/$enc/compose.yaml"
  else
    printf 'services:\n  web:\n    image: x\n    mem_limit: 0\n' | iconv -t "$enc" >"$tmp/$enc/compose.yaml"
  fi
  run 1 "composelint: $enc with a BOM is read" -- "$compose" "$tmp/$enc/compose.yaml"
  said "$enc: the finding is at line 4" "$enc/compose.yaml:4:16: error[CL002]"
done
mkdir -p "$tmp/cr"
printf 'services:\r  web:\r    image: x\r    mem_limit: 0\r' >"$tmp/cr/compose.yaml"
run 1 "composelint: lone CR line breaks are read" -- "$compose" "$tmp/cr/compose.yaml"
said "lone CR: the finding is at line 4" "cr/compose.yaml:4:16: error[CL002]"
mkdir -p "$tmp/py"
printf 'while True:\n    pass\n' | iconv -t UTF-16 >"$tmp/py/wide.py"
# A file in a tree that cannot be audited is reported and skipped, and the run exits 2 (an input error).
run 2 "loopaudit: a UTF-16 module is reported" -- "$loops" "$tmp/py"
said "named as UTF-16, not binary" "not a valid Python source encoding"
if grep -q "binary" "$tmp/out" "$tmp/err"; then echo "FAIL: still called binary"; fails=$((fails + 1)); fi

# --- no injected output ----------------------------------------------------------------------------
evil=$'a\n::error file=x::owned.py'
mkdir -p "$tmp/inject"
printf 'while True:\n    pass\n' >"$tmp/inject/$evil"
for format in text github markdown; do
  run 1 "loopaudit --format $format with a newline in a file name" -- "$loops" --format "$format" "$tmp/inject"
  unforged "$format: no line starts a forged workflow command"
  if [ "$format" = github ]; then said "github: the name is %-escaped" 'a%0A%3A%3Aerror file=x%3A%3Aowned.py'
  else said "$format: the name is shown escaped" 'a\n::error file=x::owned.py'; fi
done
run 1 "loopaudit --format json with the same name" -- "$loops" --format json "$tmp/inject"
check "json: the name round-trips as a JSON string" \
  python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); sys.exit(not any(f["path"].endswith("a\n::error file=x::owned.py") for f in j["findings"]))' "$tmp/out"
esc=$'b\x1b[2J.py'
mkdir -p "$tmp/escape"
printf 'while True:\n    pass\n' >"$tmp/escape/$esc"
run 1 "loopaudit: an escape byte in a file name" -- "$loops" "$tmp/escape"
check "no ESC byte reaches the terminal" python3 -c 'import sys; sys.exit(b"\x1b" in open(sys.argv[1], "rb").read())' "$tmp/out"
said "shown as \\x1b" 'b\x1b[2J.py'
mkdir -p "$tmp/svcname"
printf 'services:\n  "web\\n::error file=x::owned":\n    image: x\n' >"$tmp/svcname/compose.yaml"
for format in text github markdown; do
  run 1 "composelint --format $format with a newline in a service name" -- "$compose" --format "$format" "$tmp/svcname/compose.yaml"
  unforged "$format: no forged line"
done

# --- --update-doc safety ---------------------------------------------------------------------------
mkdir -p "$tmp/doc"
printf 'def f():\n    while True:\n        pass\n' >"$tmp/doc/m.py"
printf '# Doc\n\n<!-- loopaudit:begin paths="." -->\n<!-- loopaudit:end -->\n' >"$tmp/doc/AUDIT.md"
cp "$tmp/doc/AUDIT.md" "$tmp/doc/orig.md"
chmod 0444 "$tmp/doc/AUDIT.md"
run 2 "loopaudit --update-doc on a read-only doc" -- "$loops" --update-doc "$tmp/doc/AUDIT.md"
said "says why" "is read-only (no write permission)"
check "the doc is untouched" cmp -s "$tmp/doc/AUDIT.md" "$tmp/doc/orig.md"
check "its mode too" test "$(stat -c %a "$tmp/doc/AUDIT.md")" = 444
chmod 0644 "$tmp/doc/AUDIT.md"
cp "$tmp/doc/orig.md" "$tmp/doc/AUDIT.md"  # in place (same inode), whatever the run above did
ln "$tmp/doc/AUDIT.md" "$tmp/doc/LINK.md"
run 2 "loopaudit --update-doc on a doc with two hard links" -- "$loops" --update-doc "$tmp/doc/AUDIT.md"
said "says why" "has 2 hard links"
check "the links stay one file" test "$(stat -c %i "$tmp/doc/AUDIT.md")" = "$(stat -c %i "$tmp/doc/LINK.md")"
check "the doc is untouched" cmp -s "$tmp/doc/AUDIT.md" "$tmp/doc/orig.md"
printf 'services:\n  web:\n    image: x\n    mem_limit: 1g\n' >"$tmp/doc/compose.yaml"
printf '# Doc\n\n<!-- composelint:begin files="compose.yaml" -->\n<!-- composelint:end -->\n' >"$tmp/doc/STACK.md"
chmod 0444 "$tmp/doc/STACK.md"
run 2 "composelint --update-doc on a read-only doc" -- "$compose" --update-doc "$tmp/doc/STACK.md"
said "says why" "is read-only (no write permission)"

# --- messages that say what is wrong --------------------------------------------------------------
mkdir -p "$tmp/links"
ln -s loop-b "$tmp/links/loop-a"
ln -s loop-a "$tmp/links/loop-b"
run 2 "composelint: a symlink loop as FILE" -- "$compose" "$tmp/links/loop-a"
said "named a symlink loop" "loop-a: error: symlink loop"
run 2 "loopaudit: a symlink loop as PATH" -- "$loops" "$tmp/links/loop-a"
said "named a symlink loop" "symlink loop"
ln -s x.py "$tmp/links/y.py"
ln -s y.py "$tmp/links/x.py"
run 2 "loopaudit: a symlink loop inside a directory" -- "$loops" "$tmp/links"
said "named a symlink loop, not a broken link" "links/x.py: error: symlink loop"
mkdir -p "$tmp/envdir/.env"
printf 'services:\n  web:\n    image: x\n    mem_limit: 1g\n' >"$tmp/envdir/compose.yaml"
run 2 "composelint: a .env that is a directory" -- "$compose" "$tmp/envdir/compose.yaml"
said "says so" ".env: error: is a directory"
mkdir -p "$tmp/incdir/sub"
printf 'include:\n  - sub\nservices:\n  web:\n    image: x\n    mem_limit: 1g\n' >"$tmp/incdir/compose.yaml"
run 2 "composelint: an include that is a directory" -- "$compose" "$tmp/incdir/compose.yaml"
said "says so" "is a directory"
mkdir -p "$tmp/quote"
printf 'services:\n  "web:\n    image: x\n    mem_limit: 1g\n' >"$tmp/quote/compose.yaml"
run 2 "composelint: an unterminated quote on a service key" -- "$compose" "$tmp/quote/compose.yaml"
said "a syntax message at the key" "quote/compose.yaml:2: error: invalid YAML: double-quoted scalar without closing quote"

[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all passed"
