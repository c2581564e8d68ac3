#!/usr/bin/env bash
# The deadline-sweep and worklist benchmarks of docs/PERFORMANCE.md, on SQLite and PostgreSQL, at 1 M and 10 M dossiers,
# plus the worklist page over HTTP (the Release web host signed in as a handler) at 1 M.
# Usage: bench/Deadlines/run.sh [sizes...]   (default: 1000000 10000000). Needs root for the throw-away PostgreSQL.
# Data goes to $BENCH_DIR (default /tmp/bench-officials): about 6 GB per 10 M dossiers and provider.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("${@:-1000000 10000000}")
read -r -a sizes <<<"${sizes[*]}"
dir=${BENCH_DIR:-/tmp/bench-officials}
port=${BENCH_PG_PORT:-55499}
mkdir -p "$dir"
dotnet build -c Release bench/Deadlines -v q --nologo >/dev/null
dotnet build -c Release src/Portal.Web -v q --nologo >/dev/null

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pgdata="$dir/pg"
if ! pg_isready -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then
  if [ ! -d "$pgdata" ]; then
    mkdir -p "$pgdata"; chown postgres:postgres "$pgdata"; chmod 700 "$pgdata"
    (cd / && runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
  fi
  (cd / && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdata -c shared_buffers=1GB -c work_mem=64MB -c max_wal_size=8GB" start >/dev/null)
  trap '(cd / && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null)' EXIT
fi

for n in "${sizes[@]}"; do
  dotnet run -c Release --no-build --project bench/Deadlines -- sqlite "$n" "$dir/sqlite-$n.db" --reuse | tee "$dir/sqlite-$n.txt"
  dotnet run -c Release --no-build --project bench/Deadlines -- postgres "$n" "Host=127.0.0.1;Port=$port;Username=postgres;Database=portal_bench_$n;Timeout=60;Command Timeout=7200" --reuse | tee "$dir/postgres-$n.txt"
done

# The page itself: the Release web host on the 1 M SQLite database, a handler signed in, 30 requests per address.
n=${sizes[0]}
web_port=5599
url="https://127.0.0.1:$web_port"
# HTTPS with a self-signed certificate: outside Development the cookies are Secure-only and plain HTTP is refused.
# Benchmark, not Production: the bulk-loaded database has the demo accounts, which a Production start refuses.
[ -f "$dir/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
# The same throwaway key as a PFX encrypts the data-protection keys (required outside Development).
[ -f "$dir/cert.pfx" ] || openssl pkcs12 -export -inkey "$dir/key.pem" -in "$dir/cert.pem" -out "$dir/cert.pfx" -passout pass:bench
Database__Provider=Sqlite Database__ConnectionString="Data Source=$dir/sqlite-$n.db" Portal__DataDirectory="$dir/web" Portal__SeedDemo=false \
  Portal__NodeRoles=web ASPNETCORE_ENVIRONMENT=Benchmark Logging__LogLevel__Default=Warning \
  Portal__PublicBaseUrl="$url" DataProtection__CertificatePath="$dir/cert.pfx" DataProtection__CertificatePassword=bench \
  Kestrel__Endpoints__Https__Url="$url" Kestrel__Endpoints__Https__Certificate__Path="$dir/cert.pem" Kestrel__Endpoints__Https__Certificate__KeyPath="$dir/key.pem" \
  dotnet src/Portal.Web/bin/Release/net10.0/Portal.Web.dll >"$dir/web.log" 2>&1 &
web=$!
trap 'kill $web 2>/dev/null; (cd / && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1) || true' EXIT
for _ in $(seq 1 60); do curl -sk -o /dev/null "$url/" && break; sleep 1; done
jar="$dir/cookies.txt"; rm -f "$jar"
token=$(curl -sk -c "$jar" -b "$jar" "$url/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -sk -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Email=chuyenvien.hongbang@demo.haiphong.vn" --data-urlencode "Password=HaiPhong@2026" \
  --data-urlencode "__RequestVerificationToken=$token" "$url/Account/Login"
echo "## HTTP, SQLite, $n dossiers (median / p95 of 30 requests, ms)"
for path in "/can-bo/ho-so" "/can-bo/ho-so?tatCa=true" "/can-bo/ho-so?quaHan=true" "/can-bo/ho-so?q=nguyen+van" "/can-bo"; do
  for i in $(seq 1 31); do curl -sk -o /dev/null -w '%{time_total}\n' -b "$jar" "$url$path"; done | tail -30 | sort -n |
    awk -v p="$path" '{ t[NR] = $1 * 1000 } END { printf "| GET %s | median %.1f ms, p95 %.1f ms |\n", p, t[15], t[29] }'
done | tee "$dir/http-$n.txt"
