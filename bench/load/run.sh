#!/usr/bin/env bash
# The load benchmarks of docs/PERFORMANCE.md: the Release web host on loopback, driven by wrk, each product path beside
# the raw baselines measured in the same run against the same process and database.
# Usage: bench/load/run.sh <sqlite|postgres> [dossiers (default 10000000)] [seconds per run (default 20)]
# Environment: BENCH_CONNECTIONS (32), BENCH_DRAFTS (drafts prepared for the submit runs, 40000), BENCH_DIR (/tmp/bench-load),
# BENCH_PREPARE_ONLY=1 (load the database and stop: the 10 M bulk load takes minutes, do it while the machine is busy anyway),
# BENCH_SESSION_AB=1 (only the A/B of the per-request session check, see below).
# Needs root for the throw-away PostgreSQL (port 55497) and Debian's wrk. A second run with the same size reuses the database.
# HTTPS on loopback with a self-signed certificate: outside Development the portal's cookies (sign-in, antiforgery) are
# Secure and antiforgery refuses plain HTTP, so the host runs as in production, TLS included, for every endpoint alike.
# The environment is Benchmark: the only one where the raw /_baseline endpoints exist (and the demo accounts may sign in).
# The demo handler signs in with a password only (Identity__RequireTwoFactorForStaff=false): the bench measures the
# worklist, not the enrolment page that two-step verification for staff would send it to.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
provider=${1:-sqlite}
dossiers=${2:-10000000}
seconds=${3:-20}
conns=${BENCH_CONNECTIONS:-32}
drafts=${BENCH_DRAFTS:-40000}
dir=${BENCH_DIR:-/tmp/bench-load}/$provider-$dossiers
pg_port=${BENCH_PG_PORT:-55497}
web_port=${BENCH_WEB_PORT:-5597}
url="https://127.0.0.1:$web_port"
export BENCH_DIR=$dir BENCH_LUA=$root/bench/load WRK_THREADS=2
mkdir -p "$dir"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release src/Portal.Web -v q --nologo >/dev/null
dotnet build -c Release bench/load -v q --nologo >/dev/null
tool() { dotnet bench/load/bin/Release/net10.0/Load.dll "$@"; }

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "${pgdata:-}" ]; then (cd / && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1) || true; fi
}
trap cleanup EXIT

if [ "$provider" = postgres ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pgdata="$dir/pg"
  if [ ! -d "$pgdata" ]; then
    mkdir -p "$pgdata"; chown postgres:postgres "$pgdata"; chmod 700 "$pgdata"
    (cd / && runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
  fi
  # Durable commits (fsync, synchronous_commit on): the insert baseline and the submit path pay the same price.
  (cd / && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pgdata -c max_connections=300 -c shared_buffers=1GB -c max_wal_size=8GB" start >/dev/null)
  db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=portal_load;Timeout=60;Command Timeout=7200;Maximum Pool Size=100"
  web_db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=portal_load;Maximum Pool Size=100"
else
  db="$dir/portal.db"
  web_db="Data Source=$dir/portal.db;Default Timeout=60"
fi

tool prepare "$provider" "$db" "$dossiers" "$drafts" "$dir"
[ -n "${BENCH_PREPARE_ONLY:-}" ] && exit 0
head -n 4000 "$dir/drafts.txt" >"$dir/drafts-warm.txt"
tail -n +4001 "$dir/drafts.txt" >"$dir/drafts-main.txt"
rm -rf "$dir/web"
[ -f "$dir/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
# The same throwaway key as a PFX encrypts the data-protection keys (required outside Development).
[ -f "$dir/cert.pfx" ] || openssl pkcs12 -export -inkey "$dir/key.pem" -in "$dir/cert.pem" -out "$dir/cert.pfx" -passout pass:bench

# start_web [NAME=value ...]: the web host with the bench settings (and the given extra ones), waited for until the home
# page answers 200. Start to first page: from the launch of the process to that first 200.
start_web() {
  start=$(date +%s.%N)
  env Database__Provider="$([ "$provider" = postgres ] && echo Postgres || echo Sqlite)" Database__ConnectionString="$web_db" \
    Portal__DataDirectory="$dir/web" Portal__SeedDemo=false ASPNETCORE_ENVIRONMENT=Benchmark \
    Portal__PublicBaseUrl="$url" DataProtection__CertificatePath="$dir/cert.pfx" DataProtection__CertificatePassword=bench \
    RateLimits__LookupPerMinute=100000000 RateLimits__LoginPerMinute=100000 Logging__LogLevel__Default=Warning \
    SignInThrottle__AddressFailures=100000 Identity__RequireTwoFactorForStaff=false \
    Kestrel__Endpoints__Https__Url="$url" Kestrel__Endpoints__Https__Certificate__Path="$dir/cert.pem" Kestrel__Endpoints__Https__Certificate__KeyPath="$dir/key.pem" \
    "$@" dotnet src/Portal.Web/bin/Release/net10.0/Portal.Web.dll >"$dir/web.log" 2>&1 &
  web=$!
  pids+=("$web")
  until curl -skf -o /dev/null "$url/"; do sleep 0.02; kill -0 "$web" 2>/dev/null || { tail -n 30 "$dir/web.log"; exit 1; }; done
  first_page=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
}
start_web

# Resident memory of the web process, every half second, for the whole run.
( while kill -0 "$web" 2>/dev/null; do awk '/VmRSS/ { print $2 }' "/proc/$web/status" 2>/dev/null; sleep 0.5; done ) >"$dir/rss.txt" &
pids+=("$!")

first_draft=$(head -n 1 "$dir/drafts-warm.txt")
tool login "$url" "congdan@demo.haiphong.vn" "/nop-ho-so/$first_draft/kiem-tra" "$dir/citizen.txt"
tool login "$url" "-" "/tra-cuu" "$dir/anonymous.txt"
tool login "$url" "chuyenvien.hongbang@demo.haiphong.vn" "/can-bo/ho-so" "$dir/handler.txt"
tool login "$url" "lanhdao@demo.haiphong.vn" "/" "$dir/leader.txt"

results="$dir/results.txt"
: >"$results"
bench() { # name script [env...]: a 5 s warm-up, then the measured run
  local name=$1 script=$2; shift 2
  env "$@" BENCH_NAME="$name (warm-up)" wrk -t2 -c"$conns" -d5s -s "bench/load/$script" "$url" >/dev/null
  echo "== $name: uptime $(uptime | sed 's/.*load average: //')" | tee -a "$results"
  env "$@" BENCH_NAME="$name" wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s -s "bench/load/$script" "$url" | grep '^RESULT' | tee -a "$results"
}

# BENCH_SESSION_AB=1: only the cost of the per-request session check (SessionValidation's one primary-key read), the
# same authenticated pages with the check on and off (Identity:SkipPerRequestStampCheck, accepted only here), ABAB so
# that a drift of the machine shows as a difference between the rounds rather than between the modes.
if [ -n "${BENCH_SESSION_AB:-}" ]; then
  for round in 1 2; do
    for mode in on off; do
      kill "$web"; wait "$web" 2>/dev/null || true
      start_web Identity__SkipPerRequestStampCheck="$([ "$mode" = off ] && echo true || echo false)"
      tool login "$url" "congdan@demo.haiphong.vn" "/Account/ChangePassword" "$dir/citizen.txt"
      tool login "$url" "chuyenvien.hongbang@demo.haiphong.vn" "/can-bo/ho-so" "$dir/handler.txt"
      bench "session check $mode, round $round: /Account/ChangePassword" get.lua BENCH_PATH=/Account/ChangePassword BENCH_AUTH=citizen.txt
      bench "session check $mode, round $round: worklist /can-bo/ho-so" get.lua BENCH_PATH=/can-bo/ho-so BENCH_AUTH=handler.txt
    done
  done
  exit 0
fi

bench "constant baseline" get.lua BENCH_PATH=/_baseline/constant BENCH_AUTH=
bench "raw lookup baseline" baseline-lookup.lua
bench "lookup /tra-cuu" lookup.lua
bench "worklist /can-bo/ho-so" get.lua BENCH_PATH=/can-bo/ho-so BENCH_AUTH=handler.txt
if [ "$(curl -sk -o /dev/null -w '%{http_code}' -H "Cookie: $(head -n 1 "$dir/leader.txt")" "$url/lanh-dao")" = 200 ]; then
  bench "dashboard /lanh-dao" get.lua BENCH_PATH=/lanh-dao BENCH_AUTH=leader.txt
else
  echo "== dashboard /lanh-dao: not in this build (no 200), skipped" | tee -a "$results"
fi
bench "raw insert baseline" insert.lua
# The warm-up files the first 4 000 drafts; the measured run files the others, each request a new dossier.
echo "== submit: before $(tool filed "$provider" "$db" "$dir/drafts-main.txt")" | tee -a "$results"
env BENCH_DRAFTS=drafts-warm.txt BENCH_NAME="submit (warm-up)" wrk -t2 -c"$conns" -d5s -s bench/load/submit.lua "$url" >/dev/null
echo "== submit /nop-ho-so/{id}/nop: uptime $(uptime | sed 's/.*load average: //')" | tee -a "$results"
env BENCH_DRAFTS=drafts-main.txt BENCH_NAME="submit /nop-ho-so/{id}/nop" wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s -s bench/load/submit.lua "$url" | grep '^RESULT' | tee -a "$results"
echo "== submit: after $(tool filed "$provider" "$db" "$dir/drafts-main.txt")" | tee -a "$results"

max_rss=$(sort -n "$dir/rss.txt" | tail -1)
echo "== start to first page: ${first_page} s; web process peak RSS: $((max_rss / 1024)) MB ($provider, $dossiers dossiers, $conns connections)" | tee -a "$results"
