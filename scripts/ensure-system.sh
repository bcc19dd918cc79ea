#!/usr/bin/env bash
# Installs what the tests and the browser need from Debian's packages when missing (MariaDB,
# Chromium, a Chinese font), starts MariaDB without systemd if it is not running, and creates
# the test user. Idempotent; safe to run on every test run. Needs root (or passwordless sudo).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[jiayi] installing from Debian: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq || true
  $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${missing[@]}" >/dev/null
fi

db_user="${JIAYI_TEST_DB_USER:-jiayi}"
db_pass="${JIAYI_TEST_DB_PASSWORD:-jiayi}"

if ! mariadb-admin ping --silent >/dev/null 2>&1; then
  echo "[jiayi] starting MariaDB"
  $SUDO mkdir -p /run/mysqld
  $SUDO chown mysql:mysql /run/mysqld
  if ! $SUDO service mariadb start >/dev/null 2>&1; then
    ($SUDO /usr/sbin/mariadbd --user=mysql >/tmp/jiayi-mariadb.log 2>&1 &)
  fi
  for _ in $(seq 1 60); do
    mariadb-admin ping --silent >/dev/null 2>&1 && break
    sleep 0.5
  done
  mariadb-admin ping --silent >/dev/null 2>&1 || { echo "[jiayi] MariaDB did not start"; exit 1; }
fi

# The test user may create and drop its own throwaway databases (jiayi_test_*).
$SUDO mariadb -uroot <<SQL
CREATE USER IF NOT EXISTS '${db_user}'@'127.0.0.1' IDENTIFIED BY '${db_pass}';
CREATE USER IF NOT EXISTS '${db_user}'@'localhost' IDENTIFIED BY '${db_pass}';
GRANT ALL PRIVILEGES ON \`jiayi\\_%\`.* TO '${db_user}'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`jiayi\\_%\`.* TO '${db_user}'@'localhost';
CREATE DATABASE IF NOT EXISTS jiayi_dev CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
FLUSH PRIVILEGES;
SQL
echo "[jiayi] MariaDB ready at mysql://${db_user}:***@127.0.0.1:3306"
