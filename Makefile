# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes: each loads the country into its own test database, then takes its share of the tests.
PYTEST_WORKERS ?= auto
export MANDATE_DATA_DIR ?= $(CURDIR)/var

.PHONY: install system demo test browser axe bench clean test-debian-python help-shots

# Debian packages, installed before the virtual environment (python-ldap builds against them). The PDF exports need
# WeasyPrint's Pango and a font with every Vietnamese glyph.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
# python-ldap's build (the directory sign-in); Debian's own Python and its venv (make test-debian-python); the OpenLDAP
# server, nginx and the PostgreSQL client the operations tests run (slapd on a port of its own, `nginx -t`, pg_dump).
SYSTEM_PACKAGES += libldap2-dev libsasl2-dev gcc python3-dev python3-venv slapd ldap-utils nginx postgresql-client
SYSTEM_PACKAGES += tesseract-ocr tesseract-ocr-osd tesseract-ocr-vie tesseract-ocr-rus tesseract-ocr-ukr tesseract-ocr-eng  # OCR of scans

$(BIN)/.installed: pyproject.toml | system
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(BIN)/.installed system

system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Please install these Debian packages: $$missing"; fi; \
	fi

# Installs, migrates the embedded SQLite database, builds the demo, prints the passwords, serves it.
# `mandate demo`, `generate` and `bench` load mandate.settings_dev (the demo and benchmark apps) by themselves;
# every other command, the server included, runs on the production settings.
demo: install
	$(BIN)/mandate migrate --no-input -v0
	$(BIN)/mandate demo
	$(BIN)/mandate collectstatic --no-input -v0
	@echo "Serving http://127.0.0.1:$(PORT)/  (Ctrl-C stops); the worker sends the reminders every hour"
	@echo "(the demo's e-mails are written to $(MANDATE_DATA_DIR)/mail unless MANDATE_EMAIL_BACKEND names another backend)"
	MANDATE_EMAIL_BACKEND=$${MANDATE_EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend} $(BIN)/mandate worker & \
	worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	MANDATE_DEBUG=$${MANDATE_DEBUG:-0} $(BIN)/gunicorn mandate.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# Debian's Chromium for the browser tests; Playwright drives it, nothing is downloaded by Playwright.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# axe-core for the accessibility sweep (tests/browser/test_accessibility.py), from the npm registry, pinned; the
# browser tests inject this file into each page, so nothing is fetched while they run.
AXE_VERSION := 4.10.3
AXE_DIR := build/axe-core
export MANDATE_AXE_JS ?= $(CURDIR)/$(AXE_DIR)/axe.min.js

$(AXE_DIR)/.version-$(AXE_VERSION):
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian's npm to fetch axe-core"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	rm -rf $(AXE_DIR) && mkdir -p $(AXE_DIR)
	cd $(AXE_DIR) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
	  && tar -xzf axe-core-$(AXE_VERSION).tgz --strip-components=1 package/axe.min.js package/LICENSE \
	  && rm axe-core-$(AXE_VERSION).tgz
	touch $@

axe: $(AXE_DIR)/.version-$(AXE_VERSION)

# The user's guide's screenshots (src/mandate/static/help/), taken by its browser test from the real pages; commit them.
help-shots: install browser
	MANDATE_HELP_SHOTS=write $(BIN)/python -m pytest -q -p no:cacheprovider tests/browser/test_help_guide.py

# The whole suite. pytest's exit 5 ("no tests collected") is a failure here, never a pass.
test: install browser axe
	$(BIN)/ruff check src tests bench
	$(BIN)/mandate makemigrations --check --dry-run -v0
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(PYTEST_WORKERS) $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "no tests were collected"; exit 1; fi; exit $$rc

# On the database of DATABASE_URL (or var/); fill it first with `$(BIN)/mandate generate --tasks N --seed 1`.
bench: install
	$(BIN)/mandate bench --json

# The backup, restore, guide and sign-in tests (and the architecture test) on Debian 12's own Python (3.11.2), the one
# the operator's guide prescribes, in a second virtual environment.
DEBIAN_PYTHON ?= /usr/bin/python3
DEBIAN_VENV ?= .venv-debian
DEBIAN_TESTS := tests/ops/test_backup_restore.py tests/ops/test_restore_all_or_nothing.py tests/ops/test_health.py \
	tests/ops/test_guide.py tests/security/test_authentication.py tests/security/test_directory_sign_in.py \
	tests/test_architecture.py

$(DEBIAN_VENV)/.installed: pyproject.toml | system
	test -x $(DEBIAN_VENV)/bin/python || $(DEBIAN_PYTHON) -m venv $(DEBIAN_VENV)
	$(DEBIAN_VENV)/bin/python -m pip install -q --upgrade pip
	$(DEBIAN_VENV)/bin/python -m pip install -q -e '.[test]'
	touch $@

test-debian-python: $(DEBIAN_VENV)/.installed
	@$(DEBIAN_VENV)/bin/python -c 'import sys; print("== Debian Python", sys.version.split()[0])'
	$(DEBIAN_VENV)/bin/python -m pytest -q -p no:cacheprovider $(DEBIAN_TESTS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "no tests were collected"; exit 1; fi; exit $$rc

clean:
	rm -rf $(VENV) $(DEBIAN_VENV) var build *.egg-info
