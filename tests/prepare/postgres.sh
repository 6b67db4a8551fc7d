# Starts a throw-away PostgreSQL 15 server on 127.0.0.1 for the journal tests (sourced by tests/run)
# and exports its connection string as ORCHESTRATOR_TEST_POSTGRES. stop_postgres stops it.
pg_bin=$(dirname "$(readlink -f "$(command -v initdb || echo /usr/lib/postgresql/15/bin/initdb)")")
pg_dir=$(mktemp -d /tmp/orchestrator-pg.XXXXXX)
pg_port=${ORCHESTRATOR_TEST_PG_PORT:-55432}
pg_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$pg_dir" 2>/dev/null || { useradd -r postgres && chown postgres "$pg_dir"; }
  as_pg=(runuser -u postgres --)
fi
printf '%s\n' "$pg_password" >"$pg_dir/pwfile"
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir/pwfile"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/pwfile" \
  --auth-host=scram-sha-256 --auth-local=trust >/dev/null
rm -f "$pg_dir/pwfile"
# The default port may be taken (another server, or any program's ephemeral port): then the next ones are tried,
# unless a port was asked for by name.
for attempt in $(seq 0 19); do
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-h 127.0.0.1 -p $pg_port -k $pg_dir" start >/dev/null && break
  if [ -n "${ORCHESTRATOR_TEST_PG_PORT:-}" ] || [ "$attempt" -eq 19 ]; then
    echo "postgres.sh: PostgreSQL did not start on 127.0.0.1:$pg_port; its log:" >&2
    tail -5 "$pg_dir/log" >&2
    break
  fi
  pg_port=$((pg_port + 1))
done
export ORCHESTRATOR_TEST_POSTGRES="postgres://postgres:$pg_password@127.0.0.1:$pg_port/postgres"

stop_postgres() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1
  rm -rf "$pg_dir"
}
