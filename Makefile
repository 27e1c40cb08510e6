# ConflictMap set-up and everyday commands. `make run` and `make test` do all set-up.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# A Python whose sqlite3 can load extensions (SpatiaLite): Debian's, not pyenv's.
SYSTEM_PYTHON ?= $(shell for p in /usr/bin/python3 python3; do \
	$$p -c 'import sqlite3; sqlite3.connect(":memory:").enable_load_extension(True)' \
	2>/dev/null && { command -v $$p; break; }; done)
SYSTEM_PACKAGES := libgdal32 libgeos-c1v5 libproj25 libsqlite3-mod-spatialite \
	python3-venv python3-dev chromium wrk
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist workers for `make test` and `make test-postgis` (each its own test
# database; README "Tests and CI"). JOBS=0: one process.
JOBS ?= 2

.PHONY: help system venv install migrate demo run worker test test-postgis test-faults services ci lint fmt check clean

help:
	@echo "make run    - install what is missing, migrate, load the demo, serve http://$(HOST):$(PORT)"
	@echo "make test   - install what is missing, run the whole test suite (SpatiaLite)"
	@echo "make worker - run a Celery worker (needs CELERY_BROKER_URL)"
	@echo "make test-postgis - start PostGIS + Redis, run the suite on PostGIS and the worker tests"
	@echo "make test-faults - fault injection: Redis down/restarted/frozen, worker killed, database cut"
	@echo "make ci     - everything CI runs (.ci/run)"
	@echo "make lint / fmt / check (lint: ruff, app layering, import circles)"

system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(MAKE) --no-print-directory system
	@test -n "$(SYSTEM_PYTHON)" || { echo "no Python that can load SQLite extensions"; exit 1; }
	test -x $(PY) || $(SYSTEM_PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

venv install: $(VENV)/.installed .env

# Local development settings (DJANGO_DEBUG=1, a fresh key) so that every README command
# (`.venv/bin/python manage.py createsuperuser`, `manage.py geocode ...`) works as
# written. Made once; never overwritten; git-ignored. Deployments set the environment.
.env:
	@$(or $(SYSTEM_PYTHON),python3) scripts/write_dotenv.py $@

migrate: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput

demo: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py load_demo

run: demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(VENV)/bin/celery -A conflictmap worker -Q default,geocoding -l info

test: install
	$(PY) -m pytest -n $(JOBS) $(PYTEST_ARGS)

services:
	bash scripts/services.sh start

test-postgis: install
	JOBS=$(JOBS) bash scripts/test-postgis.sh $(PYTEST_ARGS)

test-faults: install
	bash scripts/test-faults.sh $(PYTEST_ARGS)

ci:
	bash .ci/run

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) scripts/check_imports.py

fmt: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py check
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-output
