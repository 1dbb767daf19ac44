#!/usr/bin/env bash
# refrain bench listens on SQLite and on a throwaway PostgreSQL (default settings but shared_buffers=256MB): PLAYS (default
# 1,000,000) generated extended-history plays imported, then the same file again.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pg.sh
plays=${PLAYS:-1000000}
dotnet build -c Release src/Refrain -v q >/dev/null
refrain() { dotnet src/Refrain/bin/Release/net10.0/refrain.dll "$@"; }
work=$(mktemp -d /tmp/refrain-bench-listens.XXXX)
trap 'pg_stop "$work"; rm -rf "$work"' EXIT
refrain bench listens --plays "$plays" --database "Data Source=$work/listens.db" --json
rm -f "$work"/listens.db*
sync  # the SQLite run's gigabyte of writes must not land in PostgreSQL's time
pg_start "$work" "${PORT:-55434}"
refrain bench listens --plays "$plays" --database "$pg_db" --json
