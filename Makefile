# Glossary & Jobs — `make run` opens the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck contracts glossary pytest bench stress screenshots clean

run: $(STAMP)
	@scripts/ensure-qt-libs $(VENV)
	@$(BIN)/glossary-jobs

test: lint typecheck contracts glossary pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

glossary: $(STAMP)
	$(BIN)/python -m desktop_app.core.glossary desktop_app/data/glossary

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.import_speed 10000
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.typing_latency

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py docs/screenshots

stress: $(STAMP)
	FUZZ_EXAMPLES=20000 QT_QPA_PLATFORM=offscreen $(BIN)/pytest -p no:cacheprovider tests/importers/test_fuzz.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
