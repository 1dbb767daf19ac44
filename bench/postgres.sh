#!/usr/bin/env bash
# Starts a throwaway PostgreSQL (default settings: fsync and synchronous_commit on), runs the queue benchmark, stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/refrain-bench-pg.XXXX)
port=${PORT:-55432}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$bin/pg_ctl" -D "$dir" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" -l "$dir/log" -w start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$dir" -m immediate stop >/dev/null; rm -rf "$dir"' EXIT
dotnet run -c Release --project src/Refrain -- bench queue --jobs "${JOBS:-100000}" --workers "${WORKERS:-32}" --json \
    --database "Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres;Maximum Pool Size=64"
