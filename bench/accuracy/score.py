#!/usr/bin/env python3
"""Score a loopaudit run against the hand judgements in judgements/*.tsv.

    python3 score.py --run PROJECT=RUN.json [--run ...] [TSV ...]

RUN.json is `loopaudit --format json .` run from the project's root (paths relative to it). TSV files
default to judgements/*.tsv beside this script. A judgement is keyed by (project, path, line,
category); its verdict is about the code, not about the tool, so it carries over to new tool versions:

  tp / unbounded   the site really is unbounded: a finding on it is right, `bounded` on it is unsound
  fp / bounded     something bounds it: a finding on it is a false alarm

Prints, per rule (LA101, LA201, LA301, and any new rule such as LA102): findings, judged tp/fp,
precision tp/(tp+fp), and the unjudged findings (listed, so a new version shows what to judge next).
Then the sites judged unbounded that the run calls bounded (listed), and which of the judged sites
the run no longer has.

With --before PROJECT=OLD.json (an earlier version's run on the same tree) also prints the findings
that moved: each finding of the old run the new run drops, with the bound the new run now gives the
site and the judgement (so a new bound can be checked), and each finding the new run adds.
"""
import argparse
import collections
import csv
import glob
import json
import os
import sys

BAD = {"tp", "unbounded"}
GOOD = {"fp", "bounded"}


def load_judgements(paths):
    table = {}
    for p in paths:
        with open(p, newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                verdict = row["verdict"].strip()
                if verdict not in BAD | GOOD:
                    sys.exit(f"{p}: unknown verdict {verdict!r} for {row['path']}:{row['line']}")
                key = (row["project"], row["path"], int(row["line"]), row["category"])
                table[key] = row
    return table


def norm(path):
    return path[2:] if path.startswith("./") else path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--run", action="append", required=True, metavar="PROJECT=RUN.json")
    ap.add_argument("--before", action="append", default=[], metavar="PROJECT=OLD.json")
    ap.add_argument("tsv", nargs="*")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    tsvs = args.tsv or sorted(glob.glob(os.path.join(here, "judgements", "*.tsv")))
    judged = load_judgements(tsvs)

    per_rule = collections.defaultdict(lambda: {"findings": 0, "tp": 0, "fp": 0, "unjudged": []})
    unsound, seen = [], set()
    notes = collections.Counter()
    for spec in args.run:
        project, _, path = spec.partition("=")
        with open(path) as f:
            run = json.load(f)
        # A finding's category is the one of the site at the same place (LA101/LA102 are while loops).
        site_cat = {}
        for s in run["sites"]:
            site_cat.setdefault((norm(s["path"]), s["line"]), set()).add(s["category"])
            key = (project, norm(s["path"]), s["line"], s["category"])
            seen.add(key)
            j = judged.get(key)
            if s.get("bounded") and j and j["verdict"] in BAD:
                unsound.append((key, s["bound"]["kind"], j["reason"]))
        for fnd in run["findings"]:
            rule = fnd["rule"]
            if not rule.startswith("LA") or rule >= "LA900" or rule == "LA001":
                continue
            if fnd.get("severity") == "note":
                # A note (LA202) claims no unboundedness: it says what is missing. Counted apart.
                notes[rule] += 1
                continue
            where = (norm(fnd["path"]), fnd["line"])
            stats = per_rule[rule]
            stats["findings"] += 1
            cats = site_cat.get(where, {"?"})
            j = next((judged[(project,) + where + (c,)] for c in sorted(cats)
                      if (project,) + where + (c,) in judged), None)
            if j is None:
                stats["unjudged"].append(f"{project}:{where[0]}:{where[1]}")
            elif j["verdict"] in BAD:
                stats["tp"] += 1
            else:
                stats["fp"] += 1

    print(f"{'rule':6} {'findings':>8} {'tp':>4} {'fp':>4} {'precision':>9} {'unjudged':>8}")
    tot = {"findings": 0, "tp": 0, "fp": 0, "unjudged": 0}
    for rule in sorted(per_rule):
        s = per_rule[rule]
        n = s["tp"] + s["fp"]
        prec = f"{s['tp'] / n:.1%}" if n else "-"
        print(f"{rule:6} {s['findings']:>8} {s['tp']:>4} {s['fp']:>4} {prec:>9} {len(s['unjudged']):>8}")
        for k in ("findings", "tp", "fp"):
            tot[k] += s[k]
        tot["unjudged"] += len(s["unjudged"])
    n = tot["tp"] + tot["fp"]
    prec = f"{tot['tp'] / n:.1%}" if n else "-"
    print(f"{'all':6} {tot['findings']:>8} {tot['tp']:>4} {tot['fp']:>4} {prec:>9} {tot['unjudged']:>8}")
    for rule, n in sorted(notes.items()):
        print(f"{rule:6} {n:>8} notes (severity note: no claim that the site is unbounded; not in precision)")
    for rule in sorted(per_rule):
        for u in per_rule[rule]["unjudged"]:
            print(f"  unjudged {rule} {u}")

    print(f"\nsites judged unbounded that the run calls bounded: {len(unsound)}")
    for (project, path, line, cat), kind, reason in sorted(unsound):
        print(f"  {project}:{path}:{line} {cat} bound={kind}: {reason}")

    projects = {spec.partition("=")[0] for spec in args.run}
    gone = sorted(k for k in judged if k[0] in projects and k not in seen)
    if gone:
        print(f"\njudged sites the run does not list (moved or no longer a site): {len(gone)}")
        for project, path, line, cat in gone:
            print(f"  {project}:{path}:{line} {cat}")

    if args.before:
        print_moved(judged, args.before, args.run)


def findings_of(path):
    with open(path) as f:
        run = json.load(f)
    sites = {(norm(s["path"]), s["line"]): s for s in run["sites"]}
    found = {(fnd["rule"], norm(fnd["path"]), fnd["line"]) for fnd in run["findings"]
             if fnd["rule"].startswith("LA") and fnd["rule"] < "LA900" and fnd["rule"] != "LA001"}
    return found, sites


def verdict_at(judged, project, path, line):
    rows = [r for k, r in judged.items() if k[:3] == (project, path, line)]
    return rows[0] if rows else None


def print_moved(judged, before, after):
    new_runs = dict(spec.partition("=")[::2] for spec in after)
    for spec in before:
        project, _, old_path = spec.partition("=")
        if project not in new_runs:
            continue
        old, _ = findings_of(old_path)
        new, sites = findings_of(new_runs[project])
        dropped, added = sorted(old - new), sorted(new - old)
        print(f"\n{project}: findings dropped {len(dropped)}, added {len(added)}")
        for rule, path, line in dropped:
            s = sites.get((path, line))
            now = f"{s['bound']['kind']}: {s['bound'].get('detail', '')}" if s else "not a site"
            j = verdict_at(judged, project, path, line)
            print(f"  - {rule} {path}:{line} now {now} [{j['verdict'] if j else 'unjudged'}]")
        for rule, path, line in added:
            j = verdict_at(judged, project, path, line)
            print(f"  + {rule} {path}:{line} [{j['verdict'] if j else 'unjudged'}]")


if __name__ == "__main__":
    main()
