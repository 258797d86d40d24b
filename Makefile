# The README's commands. Everything installs into .venv; only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint typecheck pytest bench screens team-demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(RUN_STAMP)

## Open the app on the fictional demo case.
run: $(RUN_STAMP)
	$(BIN)/bobtui demo

## Every check: format, lint, types, tests.
test: lint typecheck pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/ruff check src tests bench tools
	$(BIN)/lint-imports --no-logo --no-cache

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

# As root (CI) the tools are installed and a test that still lacks one fails instead of skipping;
# as anyone else such tests are skipped, with what to install.
REQUIRE_ALL = $(if $(filter 0,$(shell id -u)),BOBTUI_REQUIRE_ALL=1)
# One test process per core (pytest-xdist), which halves the time of the suite on two cores.
PYTEST_WORKERS ?= -n auto

pytest: $(DEV_STAMP)
	bash tools/ensure-postgres.sh
	bash tools/ensure-readers.sh
	$(REQUIRE_ALL) $(BIN)/pytest $(PYTEST_WORKERS)

## Speed figures, measured side by side against a baseline in one run.
bench: $(DEV_STAMP)
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_export.py
	$(BIN)/python bench/bench_ui.py
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_room.py
	bash tools/ensure-postgres.sh
	$(BIN)/python bench/bench_scale.py

## Pictures of every screen, from the demo case, for the README.
screens: $(DEV_STAMP)
	$(BIN)/python tools/screens.py

## A local PostgreSQL team store with three fictional people and two cases (docs/team.md).
team-demo: $(RUN_STAMP)
	bash tools/ensure-postgres.sh
	$(BIN)/pip install --quiet -e ".[postgres]"
	$(BIN)/python tools/team_demo.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis dist
