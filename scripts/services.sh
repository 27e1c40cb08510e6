#!/usr/bin/env bash
# Install (if missing) and start the production-like services: PostgreSQL 15 + PostGIS and Redis.
#
#   scripts/services.sh start   install what is missing, start both, create the role (idempotent)
#   scripts/services.sh stop    stop the Redis this script starts (PostgreSQL is left running)
#   scripts/services.sh url     print the DATABASE_URL and CELERY_BROKER_URL to export
#
# Settings (environment): PG_PORT (5432), REDIS_PORT (6390), PG_ROLE (conflictmap),
# PG_PASSWORD (conflictmap-ci), PG_DB (conflictmap). Debian/Ubuntu, run as root or with sudo.
set -euo pipefail

PG_VERSION=${PG_VERSION:-15}
PG_CLUSTER=${PG_CLUSTER:-main}
PG_PORT=${PG_PORT:-5432}
PG_ROLE=${PG_ROLE:-conflictmap}
PG_PASSWORD=${PG_PASSWORD:-conflictmap-ci}
PG_DB=${PG_DB:-conflictmap}
REDIS_PORT=${REDIS_PORT:-6390}
PACKAGES="postgresql-$PG_VERSION postgresql-$PG_VERSION-postgis-3 redis-server"

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

as_postgres() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

psql_admin() {  # psql as the cluster's superuser, stop on the first error
	as_postgres env PGOPTIONS="-c client_min_messages=warning" \
		psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"
}

install_packages() {
	local missing=""
	for p in $PACKAGES; do
		dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "installing:$missing"
		$SUDO apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
	fi
}

start_postgres() {
	if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
		$SUDO pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT" >/dev/null
	fi
	if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c {print $4}' | grep -q online; then
		$SUDO pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
	fi
	for _ in $(seq 1 30); do
		pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
		sleep 1
	done
	pg_isready -h 127.0.0.1 -p "$PG_PORT"
	# A non-superuser role that may create (test) databases. PostGIS is created in
	# template1 so every database it creates, including pytest-django's test
	# database, already has the extension (creating it needs superuser rights).
	psql_admin -d postgres <<-SQL
		SELECT format('CREATE ROLE %I LOGIN CREATEDB', '$PG_ROLE')
		WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE') \gexec
		ALTER ROLE "$PG_ROLE" PASSWORD '$PG_PASSWORD';
		SELECT format('CREATE DATABASE %I OWNER %I', '$PG_DB', '$PG_ROLE')
		WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$PG_DB') \gexec
	SQL
	psql_admin -d template1 -c "CREATE EXTENSION IF NOT EXISTS postgis"
	psql_admin -d "$PG_DB" -c "CREATE EXTENSION IF NOT EXISTS postgis"
}

start_redis() {
	if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
		return
	fi
	# The broker persists its queue (append-only file, fsync every second): a restart
	# keeps the jobs queued (issue 12). Loopback only. README "Production" has the
	# settings for a real deployment.
	local dir="/tmp/conflictmap-redis-$REDIS_PORT"
	mkdir -p "$dir"
	redis-server --daemonize yes --port "$REDIS_PORT" --bind 127.0.0.1 \
		--dir "$dir" --appendonly yes --appendfsync everysec --save "" \
		--pidfile "/tmp/conflictmap-redis-$REDIS_PORT.pid" \
		--logfile "/tmp/conflictmap-redis-$REDIS_PORT.log"
	for _ in $(seq 1 30); do
		redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return
		sleep 0.2
	done
	echo "redis did not start on port $REDIS_PORT" >&2
	exit 1
}

case "${1:-start}" in
start)
	install_packages
	start_postgres
	start_redis
	echo "PostgreSQL $PG_VERSION/$PG_CLUSTER on 127.0.0.1:$PG_PORT (role $PG_ROLE, PostGIS in template1), Redis on 127.0.0.1:$REDIS_PORT"
	;;
stop)
	redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
	;;
url)
	echo "DATABASE_URL=postgis://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
	echo "CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/0"
	;;
*)
	echo "usage: $0 start|stop|url" >&2
	exit 2
	;;
esac
