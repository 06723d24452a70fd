# CityComms developer commands. `make help` lists them.
#
# Everything runs through the project's own virtualenv (.venv), created on
# first use. SQLite is the default database; set DATABASE_URL in the
# environment to use PostgreSQL instead (the settings read it).

PORT ?= 8000
PYTEST_ARGS ?=

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# The interpreter the virtualenv is created with: python3.11, else python3.
BASE_PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)

# Translation catalogues cover the project's apps and templates only.
MESSAGES_IGNORE := --ignore=.venv --ignore=staticfiles --ignore=media --ignore=tests --ignore=bench --ignore=audit --ignore=node_modules

.DEFAULT_GOAL := help

.PHONY: help static run test screenshots lint format migrations check-migrations messages clean install install-dev bench bench-smoke loadtest backup restore audit

help: ## List the targets
	@echo "CityComms make targets:"
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-18s %s\n", $$1, $$2}'
	@echo "Variables: PORT=$(PORT) (run), PYTEST_ARGS='...' and TEST_WORKERS=$(TEST_WORKERS) (test), BENCH_ARGS='...' (bench), DATABASE_URL (environment) selects PostgreSQL"

# --- virtualenv and dependencies -------------------------------------------

$(PY):
	$(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when the requirements change.
$(VENV)/.installed-runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed-runtime
	touch $@

install: $(VENV)/.installed-runtime ## Create .venv and install the runtime requirements

install-dev: $(VENV)/.installed-dev ## Create .venv and install the test and lint tools

# --- the design system's CSS ------------------------------------------------

# static/vendor/ is built, not committed: the Helsinki Design System's CSS from the npm registry at the
# versions package-lock.json pins (build-static.mjs says what is copied). Rebuilt when the lock or the
# build script changes. --ignore-scripts: no package needs an install script here, and vnu-jar's (the audit's)
# would fetch a Java runtime where none is installed.
VENDOR_CSS := static/vendor/hds/hds.css

$(VENDOR_CSS): package.json package-lock.json build-static.mjs
	npm ci --no-audit --no-fund --ignore-scripts
	npm run build

static: $(VENDOR_CSS) ## Install the design system from npm (npm ci) and build its CSS into static/vendor/

# --- running ----------------------------------------------------------------

run: $(VENV)/.installed-runtime $(VENDOR_CSS) ## Migrate, load the demo cities and serve on 127.0.0.1:PORT (default 8000)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Two pytest-xdist workers by default (--dist loadfile: a module on one), each with its own test database and
# Redis test database: about 12 minutes for the whole CI run on 2 cores instead of about 27 in one process.
# TEST_WORKERS=0 runs one process (for a debugger, or a narrow PYTEST_ARGS).
TEST_WORKERS ?= 2

test: $(VENV)/.installed-dev $(VENDOR_CSS) ## Run the test suite (PYTEST_ARGS='-k foo' to narrow it, TEST_WORKERS=0 for one process)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

screenshots: $(VENV)/.installed-dev $(VENDOR_CSS) ## Take the README's screenshots afresh into docs/screenshots/
	UPDATE_SCREENSHOTS=1 $(PY) -m pytest tests/browser/test_screenshots.py

# --- benchmarks ---------------------------------------------------------------------

BENCH_ARGS ?=
LOADTEST_ARGS ?=

bench: $(VENV)/.installed-runtime ## Benchmark gunicorn + production settings with wrk on the scale data, uncached, cached and through Varnish; prints the tables and targets, report in .bench/full.md
	$(PY) bench/run.py full $(BENCH_ARGS)

bench-smoke: $(VENV)/.installed-runtime ## The same harness on tiny data, 2 s a route, uncached and through Varnish, a throw-away database (tests/test_bench.py runs it at 1 s a route)
	$(PY) bench/run.py smoke $(BENCH_ARGS)

loadtest: $(VENV)/.installed-runtime ## On a throw-away PostgreSQL: 50 clients for 60 s and a 10 s database outage, then a 60 s crisis drill through Varnish (report in .bench/crisis.md); LOADTEST_ARGS='--drills=crisis' for one
	$(PY) bench/loadtest.py $(LOADTEST_ARGS)

# --- outside judges -------------------------------------------------------------------------

# Lighthouse and the Nu checker's vnu.jar are package.json's devDependencies: the design system's `npm ci` above
# installs them whenever the lock changes; this installs them if node_modules lacks them. --ignore-scripts: vnu-jar's
# install script would fetch a Java runtime where none is installed; the audit uses the system's Java and Chromium.
AUDIT_TOOLS := node_modules/vnu-jar/build/dist/vnu.jar

$(AUDIT_TOOLS):
	npm ci --no-audit --no-fund --ignore-scripts

audit: $(VENV)/.installed-runtime $(VENDOR_CSS) $(AUDIT_TOOLS) ## Lighthouse and the Nu HTML checker on every demo page type and language; table, details in .audit/report.md (not in CI)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) -m audit

# --- operations -----------------------------------------------------------------------

BACKUP_DIR ?= backups/$(shell date +%Y-%m-%d-%H%M%S)

backup: $(VENV)/.installed-runtime ## pg_dump of DATABASE_URL's database and a tar of the media files into BACKUP_DIR
	$(MANAGE) backup --output $(BACKUP_DIR)

restore: $(VENV)/.installed-runtime ## Replace the database and media with the backup in BACKUP_DIR (asks; YES=1 to skip)
	@test "$(origin BACKUP_DIR)" != "file" || (echo "Say which backup: make restore BACKUP_DIR=backups/..." && exit 2)
	$(MANAGE) restore $(BACKUP_DIR) $(if $(YES),--yes)

# --- code quality -------------------------------------------------------------

lint: $(VENV)/.installed-dev ## ruff, the floors of the house (lint-imports) and the templates (djLint)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint templates --check
	$(VENV)/bin/djlint templates --lint

format: $(VENV)/.installed-dev ## Fix what ruff can fix and reformat the code and the templates
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat --quiet

# --- migrations and translations ------------------------------------------------

# manage.py makemigrations is wagtail-modeltranslation's override (installed app),
# which also picks up the per-language fields.
migrations: $(VENV)/.installed-runtime ## Make migrations after model changes
	$(MANAGE) makemigrations

check-migrations: $(VENV)/.installed-runtime ## Fail if a model change has no migration
	$(MANAGE) makemigrations --check --dry-run

messages: $(VENV)/.installed-runtime ## Update the fi/sv/en catalogues in locale/ and compile them (needs gettext)
	$(MANAGE) makemessages -l fi -l sv -l en $(MESSAGES_IGNORE)
	$(MANAGE) compilemessages --ignore=.venv

clean: ## Remove caches, collected and built static files, node_modules and the stamps (keeps .venv and db.sqlite3)
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache staticfiles node_modules static/vendor .audit
	rm -f $(VENV)/.installed-runtime $(VENV)/.installed-dev
