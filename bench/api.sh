#!/usr/bin/env bash
# The HTTP API against PostgreSQL, measured from outside the process on 127.0.0.1:
#   1. GET /api/jobs?source=spotify&job_type=rematch_duration_mismatches&state=dead (first page of 50) with JOBS (default
#      1,000,000) jobs in the table, under wrk (latency percentiles), and the same with q=;
#   2. POST /api/catalogs/{id}/songs with SONGS (default 100,000) CSV rows, timed by curl.
# Needs the PostgreSQL server binaries, wrk and curl (apt-get install postgresql wrk curl).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pg.sh
dir=$(mktemp -d /tmp/refrain-bench-api.XXXX)
port=${PORT:-55433}
http=${HTTP_PORT:-5098}
jobs=${JOBS:-1000000}
songs=${SONGS:-100000}
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

echo "seeding $jobs jobs ..." >&2
psql <<SQL
INSERT INTO jobs (account_id, source, job_type, subject, args, provider, state, attempts, max_attempts, run_at, created_at, finished_at, last_error)
SELECT 1, 'spotify',
       CASE WHEN g % 10 < 7 THEN 'rematch_duration_mismatches' ELSE 'refresh_link' END,
       'song:' || g, '{"threshold_seconds": 60}', 'spotify',
       CASE WHEN g % 50 = 0 THEN 'dead' WHEN g % 17 = 0 THEN 'failed' ELSE 'succeeded' END,
       1, 10, 1700000000000 + g, 1700000000000 + g, 1700000000000 + g,
       CASE WHEN g % 50 = 0 THEN 'HTTP 503 from Spotify' END
FROM generate_series(1, $jobs) AS g;
ANALYZE jobs;
SQL

key=$(refrain keys create --account default --name bench --database "$db" | tail -1)
ConnectionStrings__Refrain="$db" Api__RequestsPerMinute=0 Api__MaxUploadBytes=268435456 Security__TokenKey="$(head -c 32 /dev/urandom | base64)" \
    dotnet src/Refrain/bin/Release/net10.0/refrain.dll serve --urls "http://127.0.0.1:$http" >"$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$http/health" >/dev/null && break; sleep 0.2; done

list="http://127.0.0.1:$http/api/jobs?source=spotify&job_type=rematch_duration_mismatches&state=dead"
echo "== GET /api/jobs (dead rematch jobs, first page of 50) ==" >&2
wrk -t2 -c4 -d"${DURATION:-20s}" --latency -H "x-api-key: $key" "$list" | sed -n '/Latency Distribution/,/Requests\/sec/p'
echo "== GET /api/jobs with q=song:4242 ==" >&2
wrk -t2 -c4 -d"${DURATION:-20s}" --latency -H "x-api-key: $key" "$list&q=song:4242" | sed -n '/Latency Distribution/,/Requests\/sec/p'

echo "== POST /api/catalogs/{id}/songs with $songs CSV rows ==" >&2
csv="$dir/songs.csv"
awk -v n="$songs" 'BEGIN {
    print "title,artists,album,isrc,duration_ms,spotify_track_id,musicbrainz_recording_id,release_date";
    for (i = 1; i <= n; i++)
        printf "Song %d,Artist %d;Guest %d,Album %d,USRFB%07d,%d,%022d,,2020-01-01\n", i, i % 997, i % 13, int(i / 12), i, 120000 + (i % 180000), i;
}' >"$csv"
catalog=$(curl -fs -H "x-api-key: $key" -H 'content-type: application/json' -d '{"name": "bench"}' "http://127.0.0.1:$http/api/catalogs" | sed -E 's/.*"id":([0-9]+).*/\1/')
curl -s -o "$dir/upload.json" -w 'status %{http_code}, %{size_upload} bytes, %{time_total} s\n' \
    -H "x-api-key: $key" -H 'content-type: text/csv' --data-binary @"$csv" "http://127.0.0.1:$http/api/catalogs/$catalog/songs"
head -c 400 "$dir/upload.json"; echo
