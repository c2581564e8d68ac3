#!/usr/bin/env bash
# The crash loop of docs/PERFORMANCE.md: citizens file dossiers through the whole wizard and officials process them
# (accept, supplement and refusal at the desk, steps, payment, decision, result returned) over HTTPS against the Release
# build, while the portal process (web and worker, the embedded default) is killed with kill -9 at random moments at
# least 24 times and started again; then every invariant is checked (bench/Chaos/Verify.cs) and the figures printed.
# Usage: bench/chaos.sh <sqlite|postgres> [submissions (default 400)] [minimum kills (default 24)] [driver options…]
# Driver options (bench/Chaos/Program.cs): --citizens N, --officials N, --seed N, --gap-min S, --gap-max S (uptime between kills).
# Needs root for the throw-away PostgreSQL (port 55496). Each run starts from an empty database in $CHAOS_DIR
# (default /tmp/bench-chaos/<provider>). Exit code 0 when every invariant holds.
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-sqlite}
submissions=${2:-400}
kills=${3:-24}
shift $(($# < 3 ? $# : 3))
dir=${CHAOS_DIR:-/tmp/bench-chaos}/$provider
pg_port=${CHAOS_PG_PORT:-55496}
url="https://127.0.0.1:${CHAOS_WEB_PORT:-5596}"
rm -rf "$dir/data" "$dir/portal.log" "$dir/sqlite"
mkdir -p "$dir/data"
dotnet build -c Release src/Portal.Web -v q --nologo >/dev/null
dotnet build -c Release bench/Chaos -v q --nologo >/dev/null
[ -f "$dir/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
# The same throwaway key as a PFX encrypts the data-protection keys (required outside Development).
[ -f "$dir/cert.pfx" ] || openssl pkcs12 -export -inkey "$dir/key.pem" -in "$dir/cert.pem" -out "$dir/cert.pfx" -passout pass:bench

cleanup() { if [ -n "${pgdata:-}" ]; then (cd / && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1) || true; rm -rf "$pgdata"; fi; }
trap cleanup EXIT
if [ "$provider" = postgres ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pgdata=$(mktemp -d /tmp/chaos-pg.XXXXXX)
  chown postgres:postgres "$pgdata"; chmod 700 "$pgdata"
  (cd / && runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
  # Durable commits (fsync on): a kill of the portal must never lose what PostgreSQL acknowledged.
  (cd / && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pgdata -c max_connections=300" start >/dev/null)
  db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=portal_chaos;Timeout=30;Command Timeout=120"
  (cd / && runuser -u postgres -- psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE portal_chaos" >/dev/null)
else
  mkdir -p "$dir/sqlite"
  db="Data Source=$dir/sqlite/portal.db;Default Timeout=60"
fi

echo "== chaos on $provider: $submissions submissions, at least $kills kills${*:+, $*}; machine load $(uptime | sed 's/.*load average: //')"
dotnet bench/Chaos/bin/Release/net10.0/Chaos.dll "$provider" "$db" "$dir/data" "$(pwd)/src/Portal.Web/bin/Release/net10.0/Portal.Web.dll" "$url" \
  "$dir/cert.pem" "$dir/key.pem" --submissions "$submissions" --kills "$kills" "$@" | tee "$dir/result.txt"
status=${PIPESTATUS[0]}
echo "== machine load at the end $(uptime | sed 's/.*load average: //')" | tee -a "$dir/result.txt"
exit "$status"
