# gongzhi: two commands do all the set-up on a fresh machine with Python and make.
#   make run   set up, migrate, load the demo on first run, serve on http://127.0.0.1:8000
#   make test  set up, then run the whole test suite

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
# Django is synchronous: a few threads per worker keep both cores busy
# without piling requests up inside Python.
THREADS ?= 8
PYTEST_ARGS ?=

.PHONY: setup run test migrate demo lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pinned requirements or the package metadata change.
$(STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(BIN)/gongzhi migrate --no-input

demo: migrate
	$(BIN)/gongzhi load-demo

run: demo
	@# The demo server runs as production would: no debug pages for visitors.
	$(BIN)/gongzhi collectstatic --no-input --verbosity 0
	@$(BIN)/gongzhi demo-logins --url http://$(HOST):$(PORT)/
	@# Background tasks and the periodic ones (reminders, hot issues) run beside
	@# the web server and stop with it.
	@GONGZHI_DEBUG=false $(BIN)/gongzhi db_worker > var/worker.log 2>&1 & worker=$$!; \
	GONGZHI_DEBUG=false $(BIN)/gongzhi schedule > var/schedule.log 2>&1 & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	echo "background tasks: var/worker.log, var/schedule.log"; \
	GONGZHI_DEBUG=false $(BIN)/granian --interface wsgi --host $(HOST) --port $(PORT) --workers $(WORKERS) \
		--blocking-threads $(THREADS) --backpressure $(THREADS) --workers-kill-timeout 10 \
		--static-path-mount var/static --static-path-route /static \
		gongzhi.wsgi:application

test: setup
	$(BIN)/gongzhi makemigrations --check --dry-run
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

bench: setup
	$(BIN)/python benchmarks/bench_insight.py

clean:
	rm -rf $(VENV) var
