# Portal RME — the two commands a newcomer needs are `make run` and `make test`.
# Everything else here is a step of those two, or a convenience.

VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
MESSAGES    := $(patsubst %.po,%.mo,$(wildcard */locale/*/LC_MESSAGES/*.po locale/*/LC_MESSAGES/*.po))
HOST        ?= 127.0.0.1
PORT        ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test install setup browser lint format check pytest test-database-url db-start db-stop db-status lock bench-import bench-search clean messages

help:
	@echo "make run    install, start the embedded PostgreSQL, migrate, load the demo and serve http://$(HOST):$(PORT)"
	@echo "make test   lint, Django checks and the whole test suite on a real PostgreSQL"
	@echo "other: make lint | format | db-stop | db-status | lock | bench-import FILE=... | bench-search | clean"

# --- installation -----------------------------------------------------------

$(PY):
	@python=$$(PYTHON="$(PYTHON)" ./scripts/find-python.sh) || exit 1; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)

$(STAMP): requirements-dev.lock | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.lock
	@touch $(STAMP)

%.mo: %.po | $(STAMP)
	$(PY) scripts/compile_messages.py $<

install: $(STAMP) $(MESSAGES)

# --- the two commands -------------------------------------------------------

setup: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo_content --if-empty --with-demo-users

run: setup
	@echo "Portal RME on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, see README for the demo login)"
	@# The task worker (document text extraction, Wagtail's own tasks) runs beside the server and stops with it.
	@$(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install browser lint check pytest test-database-url

# The browser tests (tests/e2e) drive Debian's Chromium through Playwright;
# Playwright never downloads a browser of its own. Installed here when absent.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	echo "$(CHROMIUM) not found: installing Debian's chromium package for the browser tests"; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; \
	else echo "error: the browser tests need Debian's 'chromium' package; install it as root: apt-get install chromium" >&2; exit 1; fi; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends chromium \
	  || { echo "error: could not install Debian's 'chromium' package (needed by tests/e2e)" >&2; exit 1; }; \
	[ -x "$(CHROMIUM)" ] || { echo "error: the 'chromium' package did not provide $(CHROMIUM)" >&2; exit 1; }

# bandit fails on any medium or high finding; a justified one carries
# `# nosec <id>  # why` on its line. It may print "nosec encountered ... but no
# failed test" for the other parts of an annotated f-string: a known bandit bug
# (PyCQA/bandit#1204), not a finding.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit --quiet --recursive . --severity-level medium \
	  --exclude ./.venv,./tests,./bench,./.pgdata,./media,./staticfiles

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The deploy check reads the production settings with throwaway values (no
# .env): it never connects to DATABASE_URL nor uses the key.
check: install
	DJANGO_SETTINGS_MODULE=rme_portal.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=rme_portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	ENV_FILE=/dev/null DJANGO_SETTINGS_MODULE=rme_portal.settings.production \
	SECRET_KEY=deploy-check-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ \
	DATABASE_URL=postgres://check@127.0.0.1:1/check \
	$(PY) manage.py check --deploy --fail-level WARNING

pytest: install
	$(PY) -m pytest $(PYTEST_ARGS)

# Proves the DATABASE_URL path: the same tests of the database layer, run
# against the embedded server but reached only through DATABASE_URL.
test-database-url: install
	DATABASE_URL=$$($(PY) -m rme_portal.localdb url) $(PY) -m pytest -p no:cacheprovider -m database_url tests/rme_portal

# --- the embedded database ------------------------------------------------

db-start: install
	$(PY) -m rme_portal.localdb start

db-stop: install
	$(PY) -m rme_portal.localdb stop

db-status: install
	$(PY) -m rme_portal.localdb status

# --- maintenance --------------------------------------------------------------

lock: | $(PY)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --universal --python-version 3.12 --generate-hashes -q requirements.in -o requirements.lock
	$(VENV)/bin/uv pip compile --universal --python-version 3.12 --generate-hashes -q requirements-dev.in -o requirements-dev.lock

bench-import: install
	$(PY) bench/import_schools.py $(FILE)

# The search benchmark: 100,000 pages, ours against Wagtail's stock backend (~40 min).
bench-search: install
	$(PY) bench/search.py $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
	find . -name '*.mo' -path '*/locale/*' -delete

# Regenerate the Spanish catalogue from the source (needs GNU gettext's xgettext).
messages: install
	$(PY) manage.py makemessages -l es --no-location --ignore=.venv --ignore=.pgdata --ignore=staticfiles --ignore=media
