#!/usr/bin/env bash
# Runs a command against a throwaway Debian PostgreSQL 15 (the oldest version we support):
#   scripts/with-postgres-15.sh pnpm turbo run test
# The cluster lives in a temp dir on a free loopback port, with durability off, and is always
# removed afterwards. As root, PostgreSQL refuses to run, so every binary runs as `postgres`.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PGBIN/initdb" ]; then
  echo "with-postgres-15: installing postgresql-15 from Debian packages" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home /nonexistent --shell /usr/sbin/nologin postgres
  as_pg=(runuser -u postgres --)
fi
dir=$(mktemp -d /tmp/trustdesk-pg15.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
cleanup() {
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as_pg[@]}" "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -w -l "$dir/log.txt" \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres-15: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $port" >&2
"$@"
