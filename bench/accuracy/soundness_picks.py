#!/usr/bin/env python3
"""List the bounded sites of a loopaudit run that deserve a soundness judgement and have none yet.

    python3 soundness_picks.py --run PROJECT=RUN.json --ast PROJECT=AST.json [...] [TSV ...]

AST.json is `ast_count.py ROOT --json` for the same tree. A bounded site is picked when it is
  - a `while` whose body calls something named `sleep`, or a `while True` in an `async def`
    (whatever bound kind the run gives it: condition, exit-path, deadline, counter, generator, ...);
  - a fan-out in ast_count's inventory, or any fan-out inside a loop;
  - a spawn inside a loop;
and no row of judgements/*.tsv (or the TSVs given) covers (project, path, line, category).
"""
import argparse
import csv
import glob
import json
import os


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--run", action="append", required=True, metavar="PROJECT=RUN.json")
    ap.add_argument("--ast", action="append", required=True, metavar="PROJECT=AST.json")
    ap.add_argument("tsv", nargs="*")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    judged = set()
    for p in args.tsv or sorted(glob.glob(os.path.join(here, "judgements", "*.tsv"))):
        with open(p, newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                judged.add((r["project"], r["path"], int(r["line"]), r["category"]))
    asts = dict(spec.partition("=")[::2] for spec in args.ast)
    for spec in args.run:
        project, _, path = spec.partition("=")
        with open(asts[project]) as f:
            facts = {(a["path"], a["line"], a["category"]): a for a in json.load(f)["sites"]}
        with open(path) as f:
            run = json.load(f)
        for s in run["sites"]:
            if not s.get("bounded"):
                continue
            p = s["path"][2:] if s["path"].startswith("./") else s["path"]
            key = (p, s["line"], s["category"])
            a = facts.get(key, {})
            if s["category"] == "while":
                pick = a.get("sleeps") or (a.get("while_true") and a.get("async"))
            elif s["category"] == "fanout":
                pick = key in facts or s.get("in_loop")
            else:
                pick = s.get("in_loop")
            if pick and (project,) + key not in judged:
                print(f"{project}:{p}:{s['line']} {s['category']} {s['bound']['kind']}: "
                      f"{s['bound'].get('detail', '')}")


if __name__ == "__main__":
    main()
