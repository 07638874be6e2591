#!/usr/bin/env bash
# Runs every JewelHub test against SQLite and a throwaway PostgreSQL cluster, then prints "N passed, N failed".
# Installs nothing that is already present; needs the PostgreSQL 15 server binaries (Debian postgresql-15).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$pg_bin/initdb" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL 15 binaries not found in $pg_bin" >&2; exit 1; }
fi

# PostgreSQL refuses to run as root: run the cluster as an unprivileged user.
run_pg() { "$@"; }
pg_user=$(id -un)
if [ "$(id -u)" = 0 ]; then
  pg_user=jewelhub-pg
  id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
  run_pg() { runuser -u "$pg_user" -- "$@"; }
fi

work=$(mktemp -d /tmp/jewelhub-test.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/pg" && chown "$pg_user" "$work/pg"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  run_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

run_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A trust --no-sync -E UTF8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; echo "PostgreSQL initdb failed" >&2; exit 1; }
run_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=500 -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off" \
  start >/dev/null || { cat "$work/pg/server.log" >&2; echo "PostgreSQL did not start" >&2; exit 1; }
export JEWELHUB_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
echo "PostgreSQL 15 test cluster on 127.0.0.1:$port"

bash "$root/tests/prepare.sh"
# Browser-test screenshots and other artifacts are kept here after the run.
export JEWELHUB_ARTIFACTS="$root/test-results"
rm -rf "$JEWELHUB_ARTIFACTS" && mkdir -p "$JEWELHUB_ARTIFACTS"

dotnet build "$root/JewelHub.sln" -c Release -warnaserror -nologo -v quiet
# The style guide's formatting is part of the build's promise: a file out of format fails the run.
dotnet format "$root/JewelHub.sln" --verify-no-changes --no-restore \
  || { echo "dotnet format found files out of format: run 'dotnet format JewelHub.sln'" >&2; exit 1; }
results="$work/results"
status=0
for project in "$root"/tests/*/*.Tests.csproj "$root"/tests/*/*.IntegrationTests.csproj; do
  [ -f "$project" ] || continue
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$passed" -eq 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
