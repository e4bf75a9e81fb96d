# The two set-up commands: `make run` (the site with demo content) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint check pytest e2e worker beat clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

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
