#!/usr/bin/env bash
# Make sure a PostgreSQL server binary is on this machine for the store tests.
# The tests start their own throwaway server; this only installs the Debian package if missing.
# As root (CI) it installs; as anyone else it says what is missing and the tests marked
# `postgres` are skipped (as root, make test sets BOBTUI_REQUIRE_ALL=1, so they fail instead).
set -euo pipefail
if command -v pg_ctl >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL is missing (no pg_ctl), so the tests marked postgres will be skipped: apt-get install postgresql" >&2
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  echo "Installing PostgreSQL for the store tests (Debian package postgresql)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
else
  echo "PostgreSQL is missing and there is no apt-get: install it to run the store tests." >&2
  exit 1
fi
