#!/usr/bin/env bash
# composelint as docker compose users expect it (issue 9): COMPOSE_FILE with COMPOSE_PATH_SEPARATOR,
# COMPOSE_PROFILES, both from .env too, a project directory as argument, unknown profiles (exit 2),
# and the budget counting compose's active set (services without a profile plus the enabled
# profiles) while CL001 still checks every service. Fixture: fixtures/compose_env/stack (api 6g and
# db 4g without a profile, migrate 4g in profile tools; compose.pgadmin.yml: pgadmin 1g in admin).
# Run by ctest as: bash composelint_compose_env.sh <bin_dir> <build_dir>
set -u
bin="$(cd "$1" 2>/dev/null && pwd)/composelint"
[ -x "$bin" ] || { echo "no $bin"; exit 77; }
stack="$(pwd)/fixtures/compose_env/stack"
empty="$(pwd)/fixtures/compose_env/empty"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
# shellcheck source=../support/script_checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/script_checks.sh"
# Only the COMPOSE_* variables a case sets; each runs as `env -C DIR [VAR=VALUE...] composelint ...`.
unset COMPOSE_FILE COMPOSE_PROFILES COMPOSE_PATH_SEPARATOR COMPOSE_ENV_FILES

# The budget: by default only the services without a profile count (10 of 12 GiB).
run 0 "12g budget, no profile: migrate (tools) is not counted" -- env -C "$stack" "$bin" --memory-budget 12g
said "the total is the active set" "composelint: memory: compose.yaml: 10 GiB of limits × replicas, 83.3% of the 12 GiB budget, 2 GiB left; not counted: migrate (profile tools not enabled)"
run 1 "--profile tools enables migrate: 14 GiB" -- env -C "$stack" "$bin" --memory-budget 12g --profile tools
said "CL006 with the profile" "error[CL006] memory limits add up to 14 GiB across 3 services"
run 1 "--profile '*' enables every profile" -- env -C "$stack" "$bin" --memory-budget 12g --profile '*'
said "CL006 with *" "14 GiB across 3 services"
run 0 "--profile admin of another file is known there" -- env -C "$stack" "$bin" --memory-budget 12g -f compose.yaml -f compose.pgadmin.yml --profile admin
said "11 GiB with pgadmin" "11 GiB of limits × replicas"
run 0 "--format json marks the services that do not run" -- env -C "$stack" "$bin" --memory-budget 12g --format json
said "migrate is not active" '"active": false'
said "the JSON total is the active set" '"total_memory_limit_bytes": 10737418240'

# COMPOSE_PROFILES when no --profile is given; --profile wins.
run 1 "COMPOSE_PROFILES=tools" -- env -C "$stack" COMPOSE_PROFILES=tools "$bin" --memory-budget 12g
said "CL006 from COMPOSE_PROFILES" "14 GiB across 3 services"
run 0 "--profile wins over COMPOSE_PROFILES" -- env -C "$stack" COMPOSE_PROFILES=tools "$bin" --memory-budget 12g --profile '*' -f compose.pgadmin.yml
run 0 "COMPOSE_PROFILES with blanks and an empty entry" -- env -C "$stack" 'COMPOSE_PROFILES= , tools,' "$bin" --memory-budget 15g
said "tools enabled" "14 GiB of limits × replicas"

# COMPOSE_FILE (no -f, no FILE): split on COMPOSE_PATH_SEPARATOR, default ':'.
run 1 "COMPOSE_FILE=compose.yaml:compose.pgadmin.yml with COMPOSE_PROFILES=admin,tools" -- \
  env -C "$stack" COMPOSE_FILE=compose.yaml:compose.pgadmin.yml COMPOSE_PROFILES=admin,tools "$bin" --memory-budget 12g
said "one project of both files" "15 GiB across 4 services"
said "4 services in 1 project" "composelint: 4 services in 1 project"
run 0 "COMPOSE_PATH_SEPARATOR=;" -- \
  env -C "$stack" 'COMPOSE_FILE=compose.yaml;compose.pgadmin.yml' 'COMPOSE_PATH_SEPARATOR=;' COMPOSE_PROFILES=admin "$bin" --memory-budget 12g
said "11 GiB" "11 GiB of limits × replicas"
run 2 "COMPOSE_FILE with an empty entry" -- env -C "$stack" COMPOSE_FILE=compose.yaml: "$bin" --memory-budget 12g
said "names the empty entry" "COMPOSE_FILE: error: 'compose.yaml:': entry 2 of 2 is empty (separator ':')"
run 2 "COMPOSE_FILE naming a missing file" -- env -C "$stack" COMPOSE_FILE=compose.yaml:gone.yml "$bin"
said "names the file" "gone.yml: no such file"
run 0 "a FILE argument wins over COMPOSE_FILE" -- env -C "$stack" COMPOSE_FILE=gone.yml "$bin" --memory-budget 12g compose.yaml

# The same from a .env file in the working directory; the process environment wins over it.
cp "$stack"/compose.yaml "$stack"/compose.pgadmin.yml "$tmp/"
printf 'COMPOSE_FILE=compose.yaml:compose.pgadmin.yml\nCOMPOSE_PROFILES=tools\n' > "$tmp/.env"
run 1 ".env sets COMPOSE_FILE and COMPOSE_PROFILES" -- env -C "$tmp" "$bin" --memory-budget 12g
said "tools from .env" "14 GiB across 3 services"
said "pgadmin loaded from .env's COMPOSE_FILE" "not counted: pgadmin (profile admin not enabled)"
run 0 "COMPOSE_PROFILES= in the environment wins over .env" -- env -C "$tmp" COMPOSE_PROFILES= "$bin" --memory-budget 12g

# A project directory as argument; one with no compose file is an input error naming it.
run 0 "a project directory argument" -- env -C "$tmp" "$bin" --memory-budget 12g "$stack"
said "its compose.yaml" "$stack/compose.yaml: 10 GiB of limits × replicas"
run 2 "a directory without a compose file" -- env -C "$tmp" "$bin" "$empty"
said "names the directory" "$empty: error: no compose file found"

# An unknown profile is a usage error (exit 2) naming it and who selected it.
run 2 "--profile nope" -- env -C "$stack" "$bin" --profile nope
said "names --profile" "error: unknown profile 'nope' (from --profile): no service of the project has it; the profiles there: tools"
run 2 "COMPOSE_PROFILES=nope" -- env -C "$stack" COMPOSE_PROFILES=tools,nope "$bin"
said "names COMPOSE_PROFILES" "unknown profile 'nope' (from COMPOSE_PROFILES)"
not_said "tools is known" "unknown profile 'tools'"
run 0 "a profile known to one of the projects it applies to" -- env -C "$stack" "$bin" --profile admin compose.yaml compose.pgadmin.yml

# Per-service rules check every service: a profile-gated service without a limit is CL001 whether
# or not its profile is enabled.
run 1 "CL001 on a service of a profile that is not enabled" -- env -C "$stack" "$bin" -f compose.yaml -f compose.debug.yml
said "CL001 on shell" "compose.debug.yml:3:3: error[CL001]"

# As in compose, depends_on does not enable a dependency: an active service requiring one whose
# profile is not enabled is refused (exit 2), until the profile is enabled.
printf 'services:\n  api:\n    mem_limit: 1g\n    depends_on: [db]\n  db:\n    mem_limit: 1g\n    profiles: [dev]\n' > "$tmp/dep.yaml"
run 2 "depends_on a service of a profile not enabled" -- env -C "$tmp" "$bin" dep.yaml
said "names the entry" "dep.yaml:4: error: service \"api\" depends on \"db\", whose profile (dev) is not enabled"
run 0 "the same with --profile dev" -- env -C "$tmp" "$bin" --profile dev dep.yaml

# --together adds up each project's active set.
run 0 "--together: pgadmin's profile not enabled" -- env -C "$stack" "$bin" --together --memory-budget 12g compose.yaml compose.pgadmin.yml
said "together 10 GiB" "composelint: memory: together 10 GiB of limits × replicas"
run 1 "--together with --profile '*'" -- env -C "$stack" "$bin" --together --memory-budget 12g --profile '*' compose.yaml compose.pgadmin.yml
said "together 15 GiB" "together add up to 15 GiB"

# Doc regions: profiles="..." as --profile, compose's default without it.
mkdir -p "$tmp/doc" && cp "$stack/compose.yaml" "$tmp/doc/"
printf '<!-- composelint:begin files="compose.yaml" budget="12g" -->\n<!-- composelint:end -->\n' > "$tmp/doc/A.md"
run 0 "a region without profiles: the active set" -- env -C "$tmp/doc" "$bin" --update-doc A.md
grep -Fq '`migrate` (profile tools, not enabled)' "$tmp/doc/A.md" && echo "ok   the region marks migrate" ||
  { echo "FAIL: the region does not mark migrate as not enabled"; cat "$tmp/doc/A.md"; fails=$((fails + 1)); }
printf '<!-- composelint:begin files="compose.yaml" budget="12g" profiles="tools" -->\n<!-- composelint:end -->\n' > "$tmp/doc/B.md"
run 1 "a region with profiles=tools: CL006" -- env -C "$tmp/doc" "$bin" --update-doc B.md
printf '<!-- composelint:begin files="compose.yaml" profiles="nope" -->\n<!-- composelint:end -->\n' > "$tmp/doc/C.md"
run 2 "a region with an unknown profile" -- env -C "$tmp/doc" "$bin" --update-doc C.md
said "names the marker" "C.md:1: unknown profile 'nope' (from profiles=\"nope\")"

# stdin is a project of its own: its profiles come from --profile / COMPOSE_PROFILES even where the
# working directory holds no compose project.
run 1 "stdin: --profile tools counts migrate where no project is found" -- \
  sh -c 'cd "$1" && "$2" --memory-budget 12g --profile tools - < "$3"' sh "$empty" "$bin" "$stack/compose.yaml"
run 1 "stdin: COMPOSE_PROFILES=tools likewise" -- \
  sh -c 'cd "$1" && COMPOSE_PROFILES=tools "$2" --memory-budget 12g - < "$3"' sh "$empty" "$bin" "$stack/compose.yaml"
run 2 "stdin: an unknown profile" -- sh -c 'cd "$1" && "$2" --profile nope - < "$3"' sh "$empty" "$bin" "$stack/compose.yaml"
said "names it" "unknown profile 'nope'"

[ "$fails" = 0 ] && echo "all composelint compose-environment checks passed" || { echo "$fails failed"; exit 1; }
