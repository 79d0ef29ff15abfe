#!/usr/bin/env bash
# The loop pre-filter decides what is parsed from words it takes as code (lib/loops/chunks.hpp's
# for_each_code_word: comments and plain strings skipped): a word it wrongly puts inside a string can
# hide a site (a `while` never parsed). Checked against Python's own tokenizer on every *.py file of
# the installed standard library (its test suite too when installed: test_tokenize, test_fstring and
# the like hold the hardest strings) and of fixtures/: every ASCII NAME token that `tokenize` finds
# must be a code word of the lexer on the same line, and a file where `tokenize` finds the keyword
# `while` must have has_code_trigger. (The lexer may find more: it keeps every word of an f-string.)
# Files `tokenize` rejects are counted, not compared. Takes about 25 s.
# Usage (ctest runs it from the repo root): bash tests/scripts/code_words_vs_tokenize.sh <bin_dir> <build_dir>
set -euo pipefail
build_dir=$(cd "${2:?usage: code_words_vs_tokenize.sh <bin_dir> <build_dir>}" && pwd)
tool=$build_dir/tests/code_words
[ -x "$tool" ] || { echo "FAIL: no $tool (build the code_words target)"; exit 1; }
command -v python3 > /dev/null || { echo "skipped: no python3"; exit 77; }
exec python3 - "$tool" <<'PY'
import collections, os, subprocess, sys, sysconfig, tokenize

tool = sys.argv[1]
roots = [sysconfig.get_paths()["stdlib"], "fixtures"]
files = []
for root in roots:
    for d, dirs, names in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in ("site-packages", "dist-packages", "__pycache__"))
        files += [os.path.join(d, n) for n in sorted(names) if n.endswith(".py")]
if len(files) < 100:
    print(f"FAIL: only {len(files)} *.py files under {roots}")
    sys.exit(1)

out = subprocess.run([tool], input="\n".join(files) + "\n", capture_output=True, text=True,
                     errors="surrogateescape", check=True).stdout
ours, flags, current = {}, {}, None
for line in out.splitlines():
    if line.startswith("@ "):
        current = line[2:]
        ours[current] = collections.Counter()
    elif line.startswith("= "):
        flags[current] = line[2:].split()
    else:
        row, word = line.split(" ", 1)
        ours[current][(int(row), word)] += 1

failures, rejected, compared, names = [], 0, 0, 0
for path in files:
    try:
        with open(path, "rb") as f:
            tokens = list(tokenize.tokenize(f.readline))
    except (SyntaxError, UnicodeDecodeError, tokenize.TokenError):
        rejected += 1
        continue
    compared += 1
    # A NAME glued to the number before it (Python 2's `0L`, `1if x else y`) is one word for the
    # lexer; no statement (and so no `while`) starts that way.
    want = collections.Counter((t.start[0], t.string) for k, t in enumerate(tokens)
                               if t.type == tokenize.NAME and t.string.isascii() and
                               not (k and tokens[k - 1].type == tokenize.NUMBER and tokens[k - 1].end == t.start))
    names += sum(want.values())
    missing = want - ours.get(path, collections.Counter())
    if missing:
        (row, word), _ = sorted(missing.items())[0]
        failures.append(f"{path}:{row}: `{word}` is code for tokenize, not for the lexer ({len(missing)} such)")
    if ("while" in {w for _, w in want}) and flags.get(path, ["0", "0"])[1] != "1":
        failures.append(f"{path}: holds a `while` loop but has_code_trigger is false")

print(f"{compared} files compared ({names} NAME tokens), {rejected} rejected by tokenize")
for f in failures[:20]:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
PY
