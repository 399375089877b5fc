#!/bin/bash
# Runs once, when the official postgres image initialises the primary's empty data directory
# (/docker-entrypoint-initdb.d): a login for the streaming replica and the pg_hba line that lets
# it replicate (the image's own `host all all all scram-sha-256` does not cover replication).
set -euo pipefail
: "${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=password="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
