# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes: each loads the country into its own test database, then takes its share of the tests.
PYTEST_WORKERS ?= auto
export MANDATE_DATA_DIR ?= $(CURDIR)/var

.PHONY: install system demo test browser bench clean

# Debian packages the PDF exports need (WeasyPrint's Pango, a font with every Vietnamese glyph).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
SYSTEM_PACKAGES += tesseract-ocr tesseract-ocr-osd tesseract-ocr-vie tesseract-ocr-rus tesseract-ocr-ukr tesseract-ocr-eng  # OCR of scans

$(BIN)/.installed: pyproject.toml
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
	  else echo "Please install these Debian packages for the PDF exports: $$missing"; fi; \
	fi

# Installs, migrates the embedded SQLite database, builds the demo, prints the passwords, serves it.
# `mandate demo`, `generate` and `bench` load mandate.settings_dev (the demo and benchmark apps) by themselves;
# every other command, the server included, runs on the production settings.
demo: install
	$(BIN)/mandate migrate --no-input -v0
	$(BIN)/mandate demo
	$(BIN)/mandate collectstatic --no-input -v0
	@echo "Serving http://127.0.0.1:$(PORT)/  (Ctrl-C stops)"
	MANDATE_DEBUG=$${MANDATE_DEBUG:-0} $(BIN)/mandate runserver --insecure 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests; Playwright drives it, nothing is downloaded by Playwright.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The whole suite. pytest's exit 5 ("no tests collected") is a failure here, never a pass.
test: install browser
	$(BIN)/ruff check src tests bench
	$(BIN)/mandate makemigrations --check --dry-run -v0
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(PYTEST_WORKERS) $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "no tests were collected"; exit 1; fi; exit $$rc

# On the database of DATABASE_URL (or var/); fill it first with `$(BIN)/mandate generate --tasks N --seed 1`.
bench: install
	$(BIN)/mandate bench --json

clean:
	rm -rf $(VENV) var build *.egg-info
