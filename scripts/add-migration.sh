#!/usr/bin/env bash
# Adds an EF Core migration for both providers (SQLite and PostgreSQL keep their own migration sets).
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <Name>}
dotnet tool restore >/dev/null
for p in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Portal.Core --startup-project src/Portal.Core \
    --context "${p}PortalDb" --output-dir "Data/Migrations/$p"
done
