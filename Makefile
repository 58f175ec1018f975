# The two commands: `make site` builds the site from content/, `make test` runs every test.
# Both create .venv and install the project first, so they work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve lint check clean

site: $(STAMP)
	$(BIN)/digest build

serve: $(STAMP)
	$(BIN)/digest serve

check: $(STAMP)
	$(BIN)/digest check

# New papers from the sources set in content/settings.yml (the daily workflow runs this).
.PHONY: import
import: $(STAMP)
	$(BIN)/digest import configured

test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf docs site site-offline $(VENV)
