#!/bin/sh
# Writes PgBouncer's user list (the format of userlist.txt.template: "user" "password", a " in
# the password doubled) from the POSTGRES_PASSWORD the primary was initialised with, readable
# only by PgBouncer's user, then runs PgBouncer in the foreground.
set -eu
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
umask 077
printf '"cms" "%s"\n' "$(printf '%s' "$POSTGRES_PASSWORD" | sed 's/"/""/g')" > /run/pgbouncer/userlist.txt
exec pgbouncer /etc/pgbouncer/pgbouncer.ini
