#!/usr/bin/env bash
# Differential test against a real client: Debian's docker-compose 1.29, whose `config` command
# resolves a project without a Docker engine. For every compose project among the fixtures that 1.29
# can read, each service's memory limit in bytes (mem_limit, or deploy.resources.limits.memory,
# whichever composelint names in limit_source) and its replica count must agree with
# composelint --format json. 1.29's strings are turned into bytes by docker-py's own parse_bytes,
# the function 1.29 uses when it creates a container.
#
# Projects: fixtures/demo/ (must be compared) and every fixtures/composelint/**/*.y(a)ml that is not
# an override file (a sibling X.override.y(a)ml is passed as a second -f to both tools).
# Excluded, each printed with its reason:
#  - files 1.29 rejects: compose-spec features it predates: top-level `name:` and `include:`,
#    `${VAR:+alt}` / `${VAR+alt}` interpolation, the `!reset` / `!override` tags; and files that are
#    deliberately broken;
#  - files composelint rejects with an input error (e.g. duplicate keys, which compose v2 refuses and
#    PyYAML silently accepts, or a `services:` that is not a mapping);
#  - single services whose limit 1.29 cannot parse (units t/p and the `i` forms such as 2GiB: 1.29
#    knows only b/k/m/g), and those whose limit composelint finds invalid (CL002) under compose v2's
#    size grammar while 1.29's laxer docker-py parse_bytes accepts it (e.g. "1  g" with two spaces).
# Usage (ctest runs it from the repo root): bash tests/scripts/compose_docker_compose_diff.sh <bin_dir> <build_dir>
set -euo pipefail
bin_dir=${1:?usage: compose_docker_compose_diff.sh <bin_dir> <build_dir>}
composelint=$bin_dir/composelint
[ -x "$composelint" ] || { echo "FAIL: $composelint is not built"; exit 1; }
if ! command -v docker-compose > /dev/null; then
  echo "FAIL: docker-compose (1.29, Debian package docker-compose) is not installed: run make deps-test"
  exit 1
fi
# docker-compose is a Python program of the system Python; its docker-py gives parse_bytes.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'import yaml, docker.utils' 2> /dev/null; then
  echo "FAIL: $py lacks yaml or docker (Debian: python3-yaml, python3-docker, pulled in by docker-compose)"
  exit 1
fi
echo "docker-compose: $(docker-compose version --short 2> /dev/null || docker-compose version | head -1)"

exec "$py" - "$composelint" <<'PY'
import glob, json, os, re, subprocess, sys
import yaml
from docker.utils import parse_bytes

composelint = os.path.abspath(sys.argv[1])
env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}  # same clean environment for both tools

def sibling_override(path):
    stem, ext = os.path.splitext(path)
    for e in (".yaml", ".yml"):
        if os.path.exists(stem + ".override" + e):
            return stem + ".override" + e
    return None

projects = []  # (label, [files], required)
for name in ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"):
    base = os.path.join("fixtures/demo", name)
    if os.path.exists(base):
        over = sibling_override(base)
        projects.append(("fixtures/demo", [base] + ([over] if over else []), True))
        break
for path in sorted(glob.glob("fixtures/composelint/**/*.y*ml", recursive=True)):
    if not re.search(r"\.ya?ml$", path) or ".override." in os.path.basename(path):
        continue
    over = sibling_override(path)
    projects.append((path, [path] + ([over] if over else []), False))

def to_bytes(value):
    if value is None:
        return None
    try:
        return int(parse_bytes(value))
    except Exception as e:  # docker-py raises DockerException for units it does not know
        raise ValueError(str(e).split("\n")[0])

compared = services_compared = 0
excluded, failures = [], []
for label, files, required in projects:
    fargs = [a for f in files for a in ("-f", f)]
    dc = subprocess.run(["docker-compose", *fargs, "config"], capture_output=True, text=True, env=env, timeout=60)
    if dc.returncode != 0:
        reason = (dc.stderr.strip().splitlines() or ["exit %d" % dc.returncode])[0][:160]
        (failures if required else excluded).append(f"{label}: docker-compose 1.29 rejects it: {reason}")
        continue
    cl = subprocess.run([composelint, "--format", "json", *fargs], capture_output=True, text=True, env=env, timeout=60)
    try:
        doc = json.loads(cl.stdout)
    except ValueError:
        failures.append(f"{label}: composelint exit {cl.returncode}, no JSON: {cl.stderr.strip()[:200]}")
        continue
    if doc.get("errors"):
        msg = doc["errors"][0].get("message", "")
        (failures if required else excluded).append(f"{label}: composelint input error: {msg[:160]}")
        continue
    theirs = (yaml.safe_load(dc.stdout) or {}).get("services") or {}
    ours = {s["name"]: s for p in doc.get("projects", []) for s in p.get("services", [])}
    if set(theirs) != set(ours):
        failures.append(f"{label}: services differ: docker-compose {sorted(theirs)} vs composelint {sorted(ours)}")
        continue
    compared += 1
    for name in sorted(theirs):
        svc, mine = theirs[name] or {}, ours[name]
        deploy = svc.get("deploy") or {}
        raw = {"mem_limit": svc.get("mem_limit"),
               "deploy.resources.limits.memory": ((deploy.get("resources") or {}).get("limits") or {}).get("memory")}
        # `config` writes a literal `$` back as `$$`.
        raw = {k: v.replace("$$", "$") if isinstance(v, str) else v for k, v in raw.items()}
        source, limit = mine.get("limit_source"), mine.get("memory_limit_bytes")
        invalid = any(f.get("rule") == "CL002" and f.get("service") == name for f in doc.get("findings", []))
        try:
            got = {k: to_bytes(v) for k, v in raw.items()}
        except ValueError as e:
            if invalid and limit is None:  # both reject the value
                services_compared += 1
                print(f"ok   {label}: {name}: both reject {raw} (composelint CL002; 1.29: {e})")
            else:
                excluded.append(f"{label}: service {name}: 1.29 cannot parse its limit ({e})")
            continue
        if invalid and any(v and v > 0 for v in got.values()) and limit is None:
            excluded.append(f"{label}: service {name}: composelint finds the limit invalid (CL002, compose v2's "
                            f"size grammar) where 1.29's docker-py accepts it: {raw}")
            continue
        problems = []
        if source is None:
            set_ = {k: v for k, v in got.items() if v and v > 0}  # 0, negative, empty: no limit to docker
            if limit is not None or set_:
                problems.append(f"composelint: no limit ({limit}); docker-compose: {set_ or 'none'}")
        elif source not in got:
            problems.append(f"unknown limit_source {source!r}")
        else:
            want = got[source]
            if want in (None, 0):
                if limit not in (None, 0):
                    problems.append(f"{source}: composelint {limit}, docker-compose {raw[source]!r} = no limit")
            elif limit != want:
                problems.append(f"{source}: composelint {limit}, docker-compose {raw[source]!r} = {want}")
        replicas = deploy.get("replicas", svc.get("scale", 1))
        if mine.get("replicas") != replicas:
            problems.append(f"replicas: composelint {mine.get('replicas')}, docker-compose {replicas}")
        services_compared += 1
        status = "ok  " if not problems else "DIFF"
        print(f"{status} {label}: {name}: {source or '-'} = {limit}" + ("" if not problems else "  <- " + "; ".join(problems)))
        failures += [f"{label}: service {name}: {p}" for p in problems]

print(f"\ncompared {services_compared} services in {compared} projects; excluded {len(excluded)}:")
for e in excluded:
    print("  excluded " + e)
if not any(required for _, _, required in projects):
    failures.append("fixtures/demo has no compose file")
if services_compared < 20:
    failures.append(f"only {services_compared} services compared: the test would prove nothing")
if failures:
    print(f"FAIL: {len(failures)} disagreements or problems")
    for f in failures:
        print("  " + f)
    sys.exit(1)
print("PASS: compose_docker_compose_diff")
PY
