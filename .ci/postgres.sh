#!/usr/bin/env bash
# Installs (if needed) and starts Debian's PostgreSQL 15 on 127.0.0.1, with a role and a
# database for the store tests. Prints the connection URL on its last line.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null || [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
fi
if ! pg_lsclusters -h | grep -q '^15 \+main'; then
  pg_createcluster 15 main >&2
fi
pg_ctlcluster 15 main start >&2 || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='renodesk'\" | grep -q 1 || psql -q -c \"CREATE ROLE renodesk LOGIN PASSWORD 'renodesk' CREATEDB\"" >&2
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='renodesk_test'\" | grep -q 1 || createdb -O renodesk renodesk_test" >&2
echo "postgres://renodesk:renodesk@127.0.0.1:5432/renodesk_test"
