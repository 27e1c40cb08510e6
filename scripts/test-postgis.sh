#!/usr/bin/env bash
# The whole suite on PostGIS, then the integration tests: a real Celery worker over Redis.
#
#   scripts/test-postgis.sh [extra pytest args]      (make test-postgis)
#
# Starts PostgreSQL/PostGIS and Redis with scripts/services.sh. Each run uses its own
# database name, so pytest-django's test database (test_<name>) never collides with
# another run's; it is dropped at the end of the run.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
PG_PORT=${PG_PORT:-5432}
REDIS_PORT=${REDIS_PORT:-6390}
PG_ROLE=${PG_ROLE:-conflictmap}
PG_PASSWORD=${PG_PASSWORD:-conflictmap-ci}
RUN_DB=${RUN_DB:-conflictmap_ci_$$}
REPORTS=${REPORTS:-test-output}
export PG_PORT REDIS_PORT PG_ROLE PG_PASSWORD

bash scripts/services.sh start
mkdir -p "$REPORTS"
export DATABASE_URL="postgis://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/$RUN_DB"
BROKER_URL="redis://127.0.0.1:$REDIS_PORT/${REDIS_DB:-0}"
# pytest-django drops its test database, unless a stray session still holds it.
cleanup() {
	PGOPTIONS="-c client_min_messages=warning" psql -Xq \
		"postgresql://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres" \
		-c "DROP DATABASE IF EXISTS \"test_$RUN_DB\" WITH (FORCE)" || true
	# With -n (pytest-xdist) each worker has its own: test_<name>_gw0, _gw1, ...
	local n
	for ((n = 0; n < ${JOBS:-2}; n++)); do
		PGOPTIONS="-c client_min_messages=warning" psql -Xq \
			"postgresql://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres" \
			-c "DROP DATABASE IF EXISTS \"test_${RUN_DB}_gw$n\" WITH (FORCE)" || true
	done
}
trap cleanup EXIT
# Unit tests run Celery eagerly: no broker here.
unset CELERY_BROKER_URL CELERY_RESULT_BACKEND

echo "--- pytest on PostGIS ($DATABASE_URL)"
status=0
# Not twice: the fault-injection tests run in scripts/test-faults.sh (make test-faults);
# the load tests serve a SpatiaLite file of their own whatever DATABASE_URL says; the
# browser tests check what a person sees, which the API tests here pin down on PostGIS
# (both run in `make test`). POSTGIS_MARKERS overrides, e.g. "not faults" for all.
# --db-only: only the tests that reach the database; the others (parsing, ranking,
# settings in a subprocess...) cannot see DATABASE_URL and already ran in `make test`.
# DB_ONLY=0 runs them here too. JOBS (default 2): pytest-xdist workers, each with its
# own test database (test_<name>_gw0, _gw1, dropped by cleanup); JOBS=0: one process.
db_only=()
[ "${DB_ONLY:-1}" = 0 ] || db_only=(--db-only)
"$PY" -m pytest -p no:cacheprovider -m "${POSTGIS_MARKERS:-not faults and not load and not browser}" \
	-n "${JOBS:-2}" "${db_only[@]}" \
	--junitxml="$REPORTS/postgis.xml" "$@" || status=$?
if [ "$status" = 5 ]; then
	echo "ERROR: pytest collected no tests" >&2
fi
[ "$status" = 0 ] || exit "$status"
# A test marked postgis that skipped here would mean the marker logic is broken.
"$PY" scripts/check_junit.py "$REPORTS/postgis.xml" --forbid-skip "needs PostGIS"

echo "--- integration tests: real worker, Redis $BROKER_URL"
status=0
CELERY_BROKER_URL=$BROKER_URL "$PY" -m pytest -p no:cacheprovider -m "integration and not faults" \
	--junitxml="$REPORTS/integration.xml" "$@" || status=$?
if [ "$status" = 5 ]; then
	echo "ERROR: no integration tests were collected" >&2
fi
[ "$status" = 0 ] || exit "$status"
# Skipped integration tests must fail CI: they are the only check of the real worker.
"$PY" scripts/check_junit.py "$REPORTS/integration.xml" --no-skips --min-passed 1
