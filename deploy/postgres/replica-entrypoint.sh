#!/bin/bash
# The streaming replica (service `replica` in docker-compose.yml), run as the postgres user of
# the official postgres image. On its first start, with an empty data directory, it copies the
# primary with pg_basebackup -R (which writes primary_conninfo and standby.signal) through a
# replication slot, so the primary keeps the WAL the replica has not received yet; afterwards it
# just starts as a hot standby and catches up.
set -euo pipefail
: "${PGDATA:?}"
: "${REPLICATION_PASSWORD:?set REPLICATION_PASSWORD}"
PRIMARY_HOST="${PRIMARY_HOST:-db}"
SLOT="${REPLICATION_SLOT:-replica1}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  export PGPASSWORD="$REPLICATION_PASSWORD"
  until pg_isready -q -h "$PRIMARY_HOST" -p 5432; do
    echo "replica: waiting for the primary at $PRIMARY_HOST"
    sleep 2
  done
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  # -C creates the slot; when it already exists (this replica's volume was lost and is being
  # rebuilt) the copy is taken again through the existing slot.
  if ! pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -R -X stream -C -S "$SLOT" --checkpoint=fast; then
    find "$PGDATA" -mindepth 1 -delete
    pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -R -X stream -S "$SLOT" --checkpoint=fast
  fi
  unset PGPASSWORD
fi

# hot_standby_feedback: long public reads on the replica are not cancelled by the primary's
# vacuum removing rows they still see.
exec postgres -c hot_standby=on -c hot_standby_feedback=on \
  -c shared_buffers="${PG_SHARED_BUFFERS:-1GB}" -c effective_cache_size="${PG_EFFECTIVE_CACHE_SIZE:-3GB}"
