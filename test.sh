#!/usr/bin/env bash
# Runs every test. Installs what the tests need and is missing (Debian packages: postgresql, chromium, redis-server),
# starts a throwaway PostgreSQL cluster and a Redis server on free loopback ports, runs `dotnet test`, and stops them.
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter FullyQualifiedName~Funnel).
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

PGBIN=/usr/lib/postgresql/15/bin
missing=()
[ -x "$PGBIN/initdb" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}…"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A free loopback port.
free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
port=$(free_port)

pgdir=$(mktemp -d /tmp/funnel-pg.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdir"
stop_servers() {
  as_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  [ -f "$pgdir/redis.pid" ] && kill "$(cat "$pgdir/redis.pid")" 2>/dev/null || true
  rm -rf "$pgdir"
}
trap stop_servers EXIT
as_pg "$PGBIN/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --no-locale >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
echo "PostgreSQL 15 on 127.0.0.1:$port"
export FUNNEL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$pgdir/redis.pid" --logfile "$pgdir/redis.log" --dir "$pgdir"
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.1; done
echo "Redis on 127.0.0.1:$redis_port"
export FUNNEL_TEST_REDIS="127.0.0.1:$redis_port"

set +e
dotnet test FunnelDashboard.sln "$@" 2>&1 | tee "$pgdir/test.log"
status=${PIPESTATUS[0]}
set -e
# One closing line in the plain form CI reads: "N passed, N failed, N skipped".
summary=$(grep -E "^(Passed|Failed)!" "$pgdir/test.log" | tail -n 1 || true)
if [ -n "$summary" ]; then
  count() { echo "$summary" | sed -nE "s/.*$1:[[:space:]]+([0-9]+).*/\1/p"; }
  echo "$(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
fi
exit "$status"
