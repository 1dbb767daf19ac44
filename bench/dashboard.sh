#!/usr/bin/env bash
# refrain bench dashboard on a throwaway PostgreSQL (shared_buffers=256MB): JOBS (default 1,000,000) jobs and SONGS (default
# 100,000) songs seeded set-based, then every dashboard page timed in process over 127.0.0.1, REQUESTS (default 50) times
# after 5 warm-ups: p50/p95/max ms per page. SQLITE=1 runs it on a temporary SQLite file first. JSON=1 prints JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pg.sh
args=(--jobs "${JOBS:-1000000}" --songs "${SONGS:-100000}" --requests "${REQUESTS:-50}")
[ "${JSON:-0}" = 1 ] && args+=(--json)
dotnet build -c Release src/Refrain -v q >/dev/null
refrain() { dotnet src/Refrain/bin/Release/net10.0/refrain.dll "$@"; }
work=$(mktemp -d /tmp/refrain-bench-dashboard.XXXX)
trap 'pg_stop "$work"; rm -rf "$work"' EXIT
[ "${SQLITE:-0}" = 1 ] && refrain bench dashboard "${args[@]}"
pg_start "$work" "${PORT:-55435}"
refrain bench dashboard "${args[@]}" --database "$pg_db"
