#!/usr/bin/env python3
"""clang's warnings on every C++ unit of a build, without code generation (make check-clang).

Usage: clang_syntax_check.py BUILD_DIR [JOBS]. BUILD_DIR is configured with clang and
CMAKE_EXPORT_COMPILE_COMMANDS=ON; each unit of its compile_commands.json is compiled with
-fsyntax-only (clang emits its -Wall -Wextra warnings from the front end, so this sees them all at a
fraction of a build's cost). Exit 1 and the diagnostics when any unit warns or fails, else 0.
"""
import json
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def check(entry):
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "-o":
            skip = True
        elif arg != "-c":
            out.append(arg)
    run = subprocess.run(out + ["-fsyntax-only"], cwd=entry["directory"], capture_output=True, text=True)
    return entry["file"], run.returncode, run.stderr


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build, jobs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with open(f"{build}/compile_commands.json") as f:
        units = [e for e in json.load(f) if not e["file"].endswith(".c")]
    with ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(check, units))
    bad = [r for r in results if r[1] != 0 or r[2].strip()]
    for path, rc, err in bad:
        print(f"== {path} (exit {rc})\n{err}")
    print(f"clang -fsyntax-only: {len(results)} units, {len(bad)} with warnings or errors")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
