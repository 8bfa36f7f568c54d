#!/usr/bin/env bash
# Makes sure this machine's PostgreSQL 15 (127.0.0.1:5432, user postgres, trust) and
# MariaDB (127.0.0.1:3306, root without a password) are running, and gives MariaDB
# a test user with a password: Backstage's test databases refuse a MySQL connection
# string without one. Idempotent.
set -euo pipefail

wait_for() {
  local name=$1 check=$2
  for _ in $(seq 1 30); do
    if eval "$check" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "test-databases: $name did not come up" >&2
  return 1
}

if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
  echo "test-databases: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
fi
wait_for PostgreSQL "psql -h 127.0.0.1 -U postgres -c 'select 1'"

if ! mariadb -h 127.0.0.1 -u root -e 'select 1' >/dev/null 2>&1; then
  echo "test-databases: starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
fi
wait_for MariaDB "mariadb -h 127.0.0.1 -u root -e 'select 1'"

mariadb -h 127.0.0.1 -u root <<'SQL'
CREATE USER IF NOT EXISTS 'incident_followups_test'@'%' IDENTIFIED BY 'incident_followups_test';
GRANT ALL PRIVILEGES ON *.* TO 'incident_followups_test'@'%';
SQL
echo "test-databases: PostgreSQL and MariaDB are ready"
