# Sourced by the bench scripts: pg_start DIR PORT [extra server options...] starts a throwaway PostgreSQL (trust auth, C
# locale, shared_buffers=256MB, socket in DIR) and stops it with the calling script's exit; pg_db is its connection string.
bin=$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() {
    local dir=$1 port=$2
    shift 2
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=256MB $*" -l "$dir/log" -w start >/dev/null
    pg_db="Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres"
}
pg_stop() { as_pg "$bin/pg_ctl" -D "$1/data" -m immediate stop >/dev/null 2>&1 || true; }
