#!/usr/bin/env bash
# The fault-injection suite (pytest -m faults; README "What survives what"):
#   1. in-process on SpatiaLite: Redis stopped / restarted / frozen (a private
#      redis-server per test), broker restart with the queue persisted, disk full
#      during an import, two concurrent editors;
#   2. on PostGIS with real Celery workers: a place created while Redis is down is
#      geocoded once it returns (the sweep), a SIGKILLed worker's job is redelivered
#      (measured), PostgreSQL's sessions cut under gunicorn (no 500, recovers).
#
#   scripts/test-faults.sh [extra pytest args]      (make test-faults)
#
# Measurements land in $REPORTS/faults-measurements.txt. Budget: under 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PG_PORT=${PG_PORT:-5432}
REDIS_PORT=${REDIS_PORT:-6390}
PG_ROLE=${PG_ROLE:-conflictmap}
PG_PASSWORD=${PG_PASSWORD:-conflictmap-ci}
RUN_DB=${RUN_DB:-conflictmap_faults_$$}
REPORTS=${REPORTS:-test-output}
export PG_PORT REDIS_PORT PG_ROLE PG_PASSWORD

bash scripts/services.sh start
mkdir -p "$REPORTS"
export FAULTS_REPORT="$REPORTS/faults-measurements.txt"
: >"$FAULTS_REPORT"
cleanup() {
	PGOPTIONS="-c client_min_messages=warning" psql -Xq \
		"postgresql://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres" \
		-c "DROP DATABASE IF EXISTS \"test_$RUN_DB\" WITH (FORCE)" || true
}
trap cleanup EXIT
unset CELERY_BROKER_URL CELERY_RESULT_BACKEND DATABASE_URL

echo "--- faults, in-process (SpatiaLite)"
"$PY" -m pytest -p no:cacheprovider -m "faults and not integration and not postgis" \
	--junitxml="$REPORTS/faults-spatialite.xml" "$@"
"$PY" scripts/check_junit.py "$REPORTS/faults-spatialite.xml" --min-passed 1 \
	--forbid-skip "needs redis-server"

echo "--- faults with real workers and gunicorn (PostGIS, Redis)"
DATABASE_URL="postgis://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/$RUN_DB" \
	CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/${REDIS_DB:-0}" \
	"$PY" -m pytest -p no:cacheprovider -m "faults and (integration or postgis)" \
	--junitxml="$REPORTS/faults-postgis.xml" "$@"
# A skipped test here would be a fault left untested.
"$PY" scripts/check_junit.py "$REPORTS/faults-postgis.xml" --no-skips --min-passed 3

echo "--- measured"
cat "$FAULTS_REPORT"
