# The two set-up commands: `make run` (the site with demo content) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# The pinned, hashed dependency set: requirements*.lock, compiled from requirements*.txt by `make lock`.
LOCK_TOOLS_VENV ?= .venv-lock-tools
PIP_TOOLS ?= pip-tools==7.6.2
LOCK_OPTIONS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: run test lint check pytest e2e worker beat clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.run-installed

# Re-lock after editing requirements*.txt: keeps every other pin as it is. Upgrades: LOCK_ARGS=--upgrade, or
# LOCK_ARGS="--upgrade-package wagtail". pip-tools lives in a venv of its own, so the project's stays as locked.
lock:
	test -x $(LOCK_TOOLS_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_TOOLS_VENV) && $(LOCK_TOOLS_VENV)/bin/pip install -q $(PIP_TOOLS))
	$(LOCK_TOOLS_VENV)/bin/pip-compile $(LOCK_OPTIONS) $(LOCK_ARGS) --output-file requirements.lock requirements.txt
	$(LOCK_TOOLS_VENV)/bin/pip-compile $(LOCK_OPTIONS) $(LOCK_ARGS) --output-file requirements-dev.lock requirements-dev.txt

run: $(VENV)/.run-installed
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_initial_data
	@echo ""
	@echo "  博罗志愿服务总站 is on http://127.0.0.1:$(PORT)/   admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "  admin login: $$(cat var/admin-credentials.txt)"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

check: $(VENV)/.dev-installed
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: $(VENV)/.dev-installed
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint check pytest

worker: $(VENV)/.run-installed
	$(BIN)/celery -A cms worker -l info

beat: $(VENV)/.run-installed
	$(BIN)/celery -A cms beat -l info

clean:
	rm -rf var/db.sqlite3 var/media var/mail var/static

# How the room operations scale: one room's history grown to each size in a scratch database (PostgreSQL when
# DATABASE_URL is set, an SQLite file otherwise), best of 5 per operation, printed with the growth between sizes.
# BENCH_SIZES=small for a quick run (1,000 → 10,000 bookings), or e.g. BENCH_SIZES=1000,20000,100000.
BENCH_SIZES ?= full
.PHONY: bench-scale
bench-scale: $(VENV)/.dev-installed
	$(MANAGE) bench_scale --sizes $(BENCH_SIZES)

# The public pages' speed: the site under production settings on the demo content (a scratch folder, SQLite, no
# Redis), gunicorn with 2 workers, each page loaded next to a trivial view through the same server, page cache on and
# off (PAGE_CACHE_TIMEOUT=0). BENCH_SECONDS (3) per page and round, BENCH_ROUNDS (3), BENCH_CONNECTIONS (8),
# BENCH_PAGES=home,board to choose, BENCH_DIR=/tmp/bench to keep the prepared site between runs. See the README.
.PHONY: bench
bench: $(VENV)/.run-installed
	$(MANAGE) bench_site
