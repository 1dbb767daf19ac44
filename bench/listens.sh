#!/usr/bin/env bash
# refrain bench listens on SQLite and on a throwaway PostgreSQL (default settings): PLAYS (default 1,000,000) generated
# extended-history plays imported, then the same file again.
set -euo pipefail
cd "$(dirname "$0")/.."
plays=${PLAYS:-1000000}
dotnet build -c Release src/Refrain -v q >/dev/null
refrain() { dotnet src/Refrain/bin/Release/net10.0/refrain.dll "$@"; }
work=$(mktemp -d /tmp/refrain-bench-listens.XXXX)
bin=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=${PORT:-55434}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work"
trap 'as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
refrain bench listens --plays "$plays" --database "Data Source=$work/listens.db" --json
as_pg "$bin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$bin/pg_ctl" -D "$work/data" -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=256MB" -l "$work/log" -w start >/dev/null
refrain bench listens --plays "$plays" --database "Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres" --json
