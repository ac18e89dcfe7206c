#!/usr/bin/env bash
# Installs what the tests need from Debian's packages and makes sure PostgreSQL runs with an empty
# custodia_test database. Safe to run again. Needs root (apt-get, pg_ctlcluster).
set -euo pipefail

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium"
  apt_install chromium
fi

# pdftoppm renders exported PDFs to images in the tests (the restraint register export).
if ! command -v pdftoppm >/dev/null 2>&1; then
  echo "installing poppler-utils"
  apt_install poppler-utils
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "installing postgresql"
  apt_install postgresql
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

# This machine kind trusts user postgres on 127.0.0.1; a stock Debian install asks for a password,
# so give the postgres role one through the local socket when trust is not there.
url="postgres://postgres@127.0.0.1:5432/custodia_test"
if ! psql -q -h 127.0.0.1 -U postgres -w -c 'select 1' >/dev/null 2>&1; then
  su postgres -c "psql -q -c \"alter role postgres password 'custodia-test'\"" >/dev/null
  export PGPASSWORD=custodia-test
  url="postgres://postgres:custodia-test@127.0.0.1:5432/custodia_test"
fi
psql -q -h 127.0.0.1 -U postgres -c 'drop database if exists custodia_test with (force)' >/dev/null
psql -q -h 127.0.0.1 -U postgres -c 'create database custodia_test' >/dev/null
echo "$url" > "${TEST_DATABASE_URL_FILE:-/tmp/custodia-test-database-url}"
echo "PostgreSQL ready: custodia_test"
