#!/usr/bin/env bash
# The interop suite: our generated clients and servers against Python zeep and node `soap`
# on every operation (tests/tests/interop/; what differs is in DIVERGENCES.md).
#
#   bash tests/interop/run.sh [extra cargo test arguments]
#
# Idempotent: creates or updates tests/interop/.venv from requirements.txt, installs npm
# `soap` from package-lock.json (skipped when node_modules already matches the lockfile),
# then runs the tests. Needs python3 (3.9 or later) with venv, and node 18 or later with npm.
# Exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"

command -v python3 >/dev/null || { echo "interop: python3 is missing" >&2; exit 1; }
command -v node >/dev/null || { echo "interop: node is missing" >&2; exit 1; }
command -v npm >/dev/null || { echo "interop: npm is missing" >&2; exit 1; }

# Python: a venv with the pinned requirements; reinstalled only when they change.
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    echo "$want" > "$stamp"
fi
"$venv/bin/python" -c 'import zeep, lxml' || { echo "interop: zeep is not importable from $venv" >&2; exit 1; }

# node: npm ci from the lockfile; npm records what it installed in node_modules/.package-lock.json.
lock="$here/package-lock.json"
installed="$here/node_modules/.package-lock.json"
if [[ ! -f "$installed" ]] || ! node -e '
    const [want, have] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")).packages || {});
    const strip = (p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== "").sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.version]));
    process.exit(JSON.stringify(strip(want)) === JSON.stringify(strip(have)) ? 0 : 1);
' "$lock" "$installed"; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

cd "$root"
exec cargo test -p tests --features interop --test interop "$@" -- --test-threads=2
