#!/usr/bin/env bash
# POST /api/research/measurement-jobs (source historical) against PostgreSQL, measured from outside the process on 127.0.0.1:
# a catalog of ISRCS (default 100,000) songs, BACKFILLED percent of them (default 30) already backfilled, every song with a
# known play count (the drain's priority). Times the POST to its 202 with curl (target: 2 s or less), twice: the second,
# identical request enqueues nothing. Needs the PostgreSQL server binaries, psql and curl (apt-get install postgresql curl).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pg.sh
dir=$(mktemp -d /tmp/refrain-bench-measurements.XXXX)
port=${PORT:-55434}
http=${HTTP_PORT:-5099}
isrcs=${ISRCS:-100000}
backfilled=${BACKFILLED:-30}
pg_start "$dir" "$port"
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
    pg_stop "$dir"
    rm -rf "$dir"
}
trap cleanup EXIT
db=$pg_db
psql() { command psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

dotnet build -c Release src/Refrain -v q >/dev/null
refrain() { dotnet src/Refrain/bin/Release/net10.0/refrain.dll "$@"; }
refrain migrate --database "$db" >/dev/null

echo "seeding $isrcs songs, $backfilled% backfilled ..." >&2
psql <<SQL
INSERT INTO catalogs (id, account_id, name, created_at) VALUES (1000, 1, 'bench', 0);
INSERT INTO songs (catalog_id, account_id, song_key, title, artists, isrc, release_date, created_at, updated_at)
SELECT 1000, 1, 'song ' || g, 'Song ' || g, '["Artist ' || (g % 997) || '"]', 'USRFB' || lpad(g::text, 7, '0'), '2020-01-01', 0, 0
FROM generate_series(1, $isrcs) AS g;
INSERT INTO backfills (recording, platform, state, through_date, updated_at)
SELECT 'USRFB' || lpad(g::text, 7, '0'), 'spotify', 'backfilled', '2026-01-01', 0
FROM generate_series(1, $isrcs) AS g WHERE g % 100 < $backfilled;
INSERT INTO measurements (recording, platform, metric, date, source, total, daily, flagged, fetched_at)
SELECT 'USRFB' || lpad(g::text, 7, '0'), 'spotify', 'streams', '2026-01-01', 'snapshot', (g * 7919) % 100000000, NULL, 0, 0
FROM generate_series(1, $isrcs) AS g;
ANALYZE;
SQL

key=$(refrain keys create --account default --name bench --database "$db" | tail -1)
ConnectionStrings__Refrain="$db" Api__RequestsPerMinute=0 Security__TokenKey="$(head -c 32 /dev/urandom | base64)" \
    dotnet src/Refrain/bin/Release/net10.0/refrain.dll serve --urls "http://127.0.0.1:$http" >"$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$http/health" >/dev/null && break; sleep 0.2; done

# Warm-up: the endpoint's first call (JIT, connection pool) on a catalog that does not exist (404, nothing written).
curl -s -o /dev/null -H "x-api-key: $key" -H 'content-type: application/json' \
    -d '{"scope": {"catalog_id": 999999}, "source": "historical"}' "http://127.0.0.1:$http/api/research/measurement-jobs"
for attempt in first second; do
    echo "== POST /api/research/measurement-jobs historical over $isrcs ISRCs ($attempt request) ==" >&2
    curl -s -o "$dir/post.json" -w 'status %{http_code}, %{time_total} s\n' -H "x-api-key: $key" -H 'content-type: application/json' \
        -d '{"scope": {"catalog_id": 1000}, "source": "historical"}' "http://127.0.0.1:$http/api/research/measurement-jobs"
    cat "$dir/post.json"; echo
done
psql -t -c "SELECT 'pending backfill jobs: ' || COUNT(*) || ', highest priority first: ' || MAX(priority) FROM jobs WHERE job_type = 'backfill_history'"
