#!/usr/bin/env bash
# Hostile and broken input on both command lines: FIFOs, devices and symbolic links to them wherever
# a file is read; bytes that are not UTF-8 in values, sources and file names, in every format. Never a
# hang (each run is under `timeout`), never a memory blow-up (each run under `ulimit -v`), never a
# crash; exit 2 with the file named, the other inputs still checked, and output that is valid UTF-8.
# Run by ctest as: bash hostile_files.sh <bin_dir> <build_dir>
set -u
bin_dir="$(cd "$1" 2>/dev/null && pwd)"
compose="$bin_dir/composelint"
loops="$bin_dir/loopaudit"
[ -x "$compose" ] && [ -x "$loops" ] || { echo "no binaries in $1"; exit 77; }
command -v mkfifo >/dev/null && command -v timeout >/dev/null || { echo "no mkfifo/timeout"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# shellcheck source=../support/script_checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/script_checks.sh"

utf8() {  # the last stdout is valid UTF-8 (and JSON when asked)
  if python3 - "$tmp/out" "${2:-}" <<'PY'; then echo "ok   $1: valid UTF-8"; else echo "FAIL: $1: output not valid UTF-8${2:+ / $2}"; fails=$((fails + 1)); fi
import json, sys
text = open(sys.argv[1], "rb").read().decode("utf-8")  # strict: also rejects encoded surrogates
if sys.argv[2] == "json":
    json.loads(text)
PY
}

# --- composelint: FIFOs and devices wherever a file is read ---------------------------------------
mkdir -p "$tmp/ok" "$tmp/envfifo" "$tmp/envzero" "$tmp/inc" "$tmp/ext"
printf 'services:\n  api:\n    image: x\n' >"$tmp/ok/compose.yaml"
mkfifo "$tmp/pipe.yaml"
run 2 "composelint: a FIFO as FILE" -- "$compose" "$tmp/pipe.yaml" "$tmp/ok/compose.yaml"
said "the FIFO is named" "pipe.yaml: error: is a FIFO, not a regular file"
said "the other project is still linted" "error[CL001] service 'api'"
run 2 "composelint: -f FIFO" -- "$compose" -f "$tmp/pipe.yaml"
said "-f FIFO is named" "is a FIFO, not a regular file"
run 2 "composelint: /dev/zero as FILE" -- "$compose" /dev/zero "$tmp/ok/compose.yaml"
said "/dev/zero is named" "/dev/zero: error: is a character device, not a regular file"

printf 'services:\n  api:\n    image: x\n    mem_limit: 1g\n' >"$tmp/envfifo/compose.yaml"
mkfifo "$tmp/envfifo/.env"
run 2 "composelint: the default .env is a FIFO" -- "$compose" "$tmp/envfifo/compose.yaml"
said ".env FIFO is named" ".env: error: is a FIFO, not a regular file"
cp "$tmp/envfifo/compose.yaml" "$tmp/envzero/compose.yaml"
ln -s /dev/zero "$tmp/envzero/.env"
run 2 "composelint: .env -> /dev/zero" -- "$compose" "$tmp/envzero/compose.yaml"
said ".env -> /dev/zero is named" ".env: error: is a character device, not a regular file"
run 2 "composelint: --env-file FIFO" -- "$compose" --env-file "$tmp/envfifo/.env" "$tmp/ok/compose.yaml"
said "--env-file FIFO is named" "is a FIFO, not a regular file"

mkfifo "$tmp/inc/part.yaml"
printf 'include:\n  - part.yaml\nservices:\n  api:\n    image: x\n    mem_limit: 1g\n' >"$tmp/inc/compose.yaml"
run 2 "composelint: an include target is a FIFO" -- "$compose" "$tmp/inc/compose.yaml"
said "the include line names the FIFO" "part.yaml: is a FIFO, not a regular file"
mkfifo "$tmp/ext/base.yaml"
printf 'services:\n  api:\n    extends: {file: base.yaml, service: b}\n    mem_limit: 1g\n' >"$tmp/ext/compose.yaml"
run 2 "composelint: an extends target is a FIFO" -- "$compose" "$tmp/ext/compose.yaml"
said "the extends line names the FIFO" "base.yaml: is a FIFO, not a regular file"

# --- composelint: bytes that are not UTF-8, in every format ----------------------------------------
mkdir -p "$tmp/bytes"
printf 'services:\n  api:\n    image: x\n    mem_limit: ${LIM}\n' >"$tmp/bytes/compose.yaml"
printf 'LIM=caf\xe9\n' >"$tmp/bytes/latin1.env"
lim=$(printf 'caf\xe9\xed\xa0\x80')  # a Latin-1 byte and an encoded surrogate
printf 'services:\n  api:\n    image: x\n    mem_limit: "1\\x80g"\n' >"$tmp/bytes/escape.yaml"
name=$(printf 'caf\xe9.yaml')
printf 'services:\n  api:\n    image: x\n' >"$tmp/bytes/$name"
for fmt in text json sarif github markdown; do
  as=""; [ "$fmt" = json ] || [ "$fmt" = sarif ] && as=json
  run 1 "composelint --format $fmt: a variable that is not UTF-8" -- env LIM="$lim" "$compose" --format "$fmt" "$tmp/bytes/compose.yaml"
  utf8 "composelint --format $fmt (variable)" $as
  run 2 "composelint --format $fmt: a .env file that is not UTF-8" -- "$compose" --format "$fmt" --env-file "$tmp/bytes/latin1.env" "$tmp/bytes/compose.yaml"
  utf8 "composelint --format $fmt (.env file)" $as
  run 1 "composelint --format $fmt: a YAML \\x80 escape" -- "$compose" --format "$fmt" "$tmp/bytes/escape.yaml"
  utf8 "composelint --format $fmt (YAML escape)" $as
  run 1 "composelint --format $fmt: a Latin-1 file name" -- "$compose" --format "$fmt" "$tmp/bytes/$name"
  utf8 "composelint --format $fmt (file name)" $as
done
run 1 "composelint json: the Latin-1 name" -- "$compose" --format json "$tmp/bytes/$name"
said "the name is shown escaped" 'caf\\xe9.yaml'
cp "$tmp/bytes/latin1.env" "$tmp/bytes/.env"
run 2 "composelint: the default .env is not UTF-8" -- "$compose" "$tmp/bytes/compose.yaml"
said "the .env is named with its line" ".env:1: error: not a UTF-8 text file"

# --- loopaudit ---------------------------------------------------------------------------------------
mkdir -p "$tmp/py/src" "$tmp/gi"
printf 'def f():\n    while True:\n        pass\n' >"$tmp/py/src/$(printf 'caf\xe9.py')"
printf 's = "\xed\xa0\x80"\nwhile True:\n    pass\n' >"$tmp/py/src/surrogate.py"
printf 'def g():\n    while True:\n        pass\n' >"$tmp/py/src/ok.py"
for fmt in text json sarif github markdown; do
  as=""; [ "$fmt" = json ] || [ "$fmt" = sarif ] && as=json
  run 2 "loopaudit --format $fmt: a Latin-1 file name and an encoded surrogate (an input error met in a walk: exit 2)" -- "$loops" --format "$fmt" "$tmp/py"
  utf8 "loopaudit --format $fmt" $as
done
run 2 "loopaudit json" -- "$loops" --format json "$tmp/py"
said "the Latin-1 name is shown escaped" 'caf\\xe9.py'
said "the encoded surrogate is an input error" 'not valid UTF-8'
printf 'while True:\n    pass\n' >"$tmp/gi/a.py"
mkfifo "$tmp/gi/.gitignore"
run 2 "loopaudit: a FIFO .gitignore" -- "$loops" "$tmp/gi"
said "the .gitignore FIFO is named" ".gitignore: error: is a FIFO, not a regular file"
said "the directory is still audited" "error[LA101]"
mkfifo "$tmp/AUDIT.md"
run 2 "loopaudit --update-doc on a FIFO" -- "$loops" --update-doc "$tmp/AUDIT.md" "$tmp/gi/a.py"
said "the doc is named" "AUDIT.md: is a FIFO, not a regular file"

[ "$fails" = 0 ] && echo "all hostile-file checks passed" || { echo "$fails failed"; exit 1; }
