#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs and starts what it needs (PostgreSQL, Chromium) where missing,
# checks formatting, builds with warnings as errors, checks that neither provider has model changes without a
# migration, runs every test on SQLite and every test again on PostgreSQL (the PostgreSQL-only ones there alone).
# The last line is "N passed, N failed". Usage: ./test.sh
set -uo pipefail
cd "$(dirname "$0")"
export CI="${CI:-true}" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
root=$(pwd)
work=$(mktemp -d /tmp/portal-test.XXXXXX)
passed=0; failed=0; skipped=0; status=0
pg_port=${PORTAL_PG_PORT:-55432}
pgdata=""

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== installing ${missing[*]}"
  as_root apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

stop_pg() { [ -n "$pgdata" ] && (cd / && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1); rm -rf "$pgdata"; }
trap 'stop_pg; rm -rf "$work"' EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A PostgreSQL named by PORTAL_PG_PORT is used as it is. Otherwise the run starts its own on the first free port from
# 55432: reusing one that another run started would lose it when that run ends and stops it (two worktrees testing at once).
start_pg() {
  if [ -n "${PORTAL_PG_PORT:-}" ] && pg_isready -h 127.0.0.1 -p "$pg_port" >/dev/null 2>&1; then echo "== PostgreSQL already listening on $pg_port"; return 0; fi
  while listening "$pg_port"; do pg_port=$((pg_port + 1)); done
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  pgdata=$(mktemp -d /tmp/portal-pg.XXXXXX)
  chown postgres:postgres "$pgdata"; chmod 700 "$pgdata"
  (cd / && runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
  (cd / && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pgdata -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null)
  echo "== PostgreSQL started on $pg_port"
}

# Runs one `dotnet test` invocation and adds its summary to the totals.
run_tests() {
  local label=$1; shift
  local log="$work/$label.log"
  local started=$SECONDS
  echo "== tests: $label"
  "$@" >"$log" 2>&1; local rc=$?
  # Each failed test with its message and the first frames of its stack (the message may be a custom one on any line).
  awk '/^failed / { n = 12 } n > 0 { print; n-- }' "$log" | head -n 120
  local s f k
  s=$(grep -E '^\s+succeeded:' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  f=$(grep -E '^\s+failed:' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  k=$(grep -E '^\s+skipped:' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  [ -z "$s" ] && s=0; [ -z "$f" ] && f=0; [ -z "$k" ] && k=0
  echo "   $label: $s passed, $f failed, $k skipped ($((SECONDS - started)) s)"
  passed=$((passed + s)); failed=$((failed + f)); skipped=$((skipped + k))
  if [ "$rc" -ne 0 ] || [ "$s" -eq 0 ]; then
    status=1
    [ "$f" -eq 0 ] && { tail -n 40 "$log"; failed=$((failed + 1)); }
  fi
}

step() {
  local name=$1 started=$SECONDS; shift
  echo "== $name"
  "$@" >"$work/step.log" 2>&1 || { cat "$work/step.log" | tail -n 60; echo "step failed: $*"; status=1; failed=$((failed + 1)); }
  echo "   ($((SECONDS - started)) s)"
}

apt_install postgresql chromium poppler-utils fonts-noto-core
start_pg
export PORTAL_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Timeout=15;Command Timeout=120"

step "restore" dotnet restore Portal.sln
step "tools" dotnet tool restore
# Layout only: code style and the analyzers are enforced by the build itself (EnforceCodeStyleInBuild, warnings are
# errors), so the full `dotnet format`, two minutes of a second compilation, would check nothing more.
step "format (whitespace)" dotnet format whitespace Portal.sln --verify-no-changes --no-restore
step "build (warnings are errors)" dotnet build Portal.sln --no-restore -c Debug
# The publish step copies what the build produced; its rules for the root appsettings.json and wwwroot are the same in
# every configuration, so the Debug build is published as it is rather than compiled again in Release.
publish_check() {
  dotnet publish src/Portal.Web -c Debug --no-build -o "$work/publish" --nologo >/dev/null &&
    test -f "$work/publish/appsettings.json" && test -f "$work/publish/wwwroot/css/site.css" &&
    grep -q '"Provider": "Sqlite"' "$work/publish/appsettings.json"
}
step "publish carries the root appsettings.json and wwwroot" publish_check
for ctx in SqlitePortalDb PostgresPortalDb; do
  step "migrations up to date: $ctx" dotnet ef migrations has-pending-model-changes --no-build \
    --project src/Portal.Core --startup-project src/Portal.Core --context "$ctx"
done

if [ "$status" -eq 0 ]; then
  # Tests that only a PostgreSQL installation can run (the go-live journey) belong to the PostgreSQL pass alone.
  run_tests sqlite dotnet test --solution Portal.sln --no-build --filter-not-trait "Database=PostgreSQL"
  PORTAL_TEST_DB=postgres run_tests postgres dotnet test --solution Portal.sln --no-build
fi

if [ "$skipped" -ne 0 ] && [ "$CI" = true ]; then
  echo "$skipped tests were skipped: under CI nothing may be skipped"; failed=$((failed + skipped)); status=1
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
