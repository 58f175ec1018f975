# The two commands: `make site` builds the site from content/, `make test` runs every test.
# Both create .venv and install the project first, so they work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: site test serve lint check clean screenshots

site: $(STAMP) $(NODE_STAMP)
	$(BIN)/digest build

serve: $(STAMP)
	$(BIN)/digest serve

check: $(STAMP)
	$(BIN)/digest check

# New papers from the sources set in content/settings.yml (the daily workflow runs this).
.PHONY: import
import: $(STAMP)
	$(BIN)/digest import configured

test: $(STAMP) $(NODE_STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check generator tests tools
	$(BIN)/ruff format --check generator tests tools
	$(BIN)/mypy

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# iframe-worker (package.json) lets search run when the site is opened from disk. Without
# npm the site still builds and works over HTTP; the build says what is missing.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund && touch $(NODE_STAMP); \
	else \
	  echo "npm not found: building without iframe-worker, so search will not work when the site is opened from disk; install Node.js and npm for offline search"; \
	fi

# The README's pictures (docs-assets/*.png), taken in Chromium from a fresh site/.
screenshots: site
	PYTHONPATH=tests $(BIN)/python -m tests.browser.tour --site site --screenshots docs-assets

clean:
	rm -rf docs site site-offline $(VENV) node_modules
