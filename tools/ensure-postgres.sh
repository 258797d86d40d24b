#!/usr/bin/env bash
# Make sure a PostgreSQL server binary is on this machine for the store tests.
# The tests start their own throwaway server; this only installs the Debian package if missing.
set -euo pipefail
if command -v pg_ctl >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the store tests (Debian package postgresql)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
else
  echo "PostgreSQL is missing: install it (e.g. apt-get install postgresql) to run the store tests." >&2
  exit 1
fi
