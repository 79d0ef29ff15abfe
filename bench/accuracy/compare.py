#!/usr/bin/env python3
"""Recall of loopaudit's inventory against the independent `ast` counter (ast_count.py).

    python3 compare.py ROOT [--loopaudit BIN] [--json-out FILE] [--tool-json FILE]

Runs `BIN --format json .` with ROOT as the working directory (so paths are relative to ROOT), or
reads an existing run with --tool-json, runs ast_count.py on ROOT, and for each category (while,
fanout, spawn) prints recall (sites both found / sites ast_count found), then the misses (ast_count
has them, loopaudit does not) and the extras (loopaudit has them, ast_count does not). Sites are
matched on (category, path, line), as a multiset (two calls on one line count twice).
BIN defaults to $LOOPAUDIT or /tmp/acc-wt/build/bin/loopaudit.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # keep bench/accuracy free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ast_count  # noqa: E402

CATEGORIES = ("while", "fanout", "spawn")


def run_tool(binary, root, out):
    proc = subprocess.run([binary, "--format", "json", "--color", "never", "."], cwd=root,
                          capture_output=True, text=True, timeout=600)
    if proc.returncode not in (0, 1, 2):
        sys.exit(f"loopaudit failed with exit code {proc.returncode}: {proc.stderr}")
    if out:
        with open(out, "w") as f:
            f.write(proc.stdout)
    return json.loads(proc.stdout)


def norm(path):
    return path[2:] if path.startswith("./") else path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("root")
    ap.add_argument("--loopaudit", default=os.environ.get("LOOPAUDIT", "/tmp/acc-wt/build/bin/loopaudit"))
    ap.add_argument("--json-out", help="also save loopaudit's JSON here")
    ap.add_argument("--tool-json", help="use this saved loopaudit JSON instead of running the binary")
    args = ap.parse_args()

    if args.tool_json:
        with open(args.tool_json) as f:
            tool = json.load(f)
    else:
        tool = run_tool(args.loopaudit, args.root, args.json_out)
    ref, ref_errors = ast_count.count(args.root)

    tool_sites = collections.defaultdict(collections.Counter)
    tool_call = {}
    for s in tool["sites"]:
        key = (norm(s["path"]), s["line"])
        tool_sites[s["category"]][key] += 1
        tool_call[(s["category"],) + key] = s.get("call") or ""
    ref_sites = collections.defaultdict(collections.Counter)
    ref_call = {}
    for r in ref:
        key = (r["path"], r["line"])
        ref_sites[r["category"]][key] += 1
        ref_call[(r["category"],) + key] = r["callee"] or ""

    print(f"root: {args.root}")
    nfiles = sum(1 for _ in ast_count.discover(args.root))
    print(f"loopaudit files_scanned: {tool.get('files_scanned')}, errors: {len(tool.get('errors', []))}; "
          f"ast_count files: {nfiles}, parse errors: {len(ref_errors)}")
    for e in ref_errors:
        print(f"  ast_count could not parse {e['path']}: {e['message']}")
    for cat in CATEGORIES:
        t, r = tool_sites[cat], ref_sites[cat]
        both = t & r
        misses = r - t
        extras = t - r
        nref = sum(r.values())
        recall = sum(both.values()) / nref if nref else 1.0
        print(f"\n{cat}: ast_count {nref}, loopaudit {sum(t.values())}, matched {sum(both.values())}, "
              f"recall {recall:.1%}")
        for (path, line), n in sorted(misses.items()):
            print(f"  miss  {path}:{line} {ref_call.get((cat, path, line), '')}" + (f" x{n}" if n > 1 else ""))
        for (path, line), n in sorted(extras.items()):
            print(f"  extra {path}:{line} {tool_call.get((cat, path, line), '')}" + (f" x{n}" if n > 1 else ""))


if __name__ == "__main__":
    main()
