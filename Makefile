# Glossary & Jobs — `make run` opens the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DIST_STAMP := $(VENV)/.installed-dist

.PHONY: run test lint typecheck contracts glossary pytest bench scale stress screenshots clean bytecode
.PHONY: dist install-desktop uninstall-desktop

run: bytecode
	@scripts/ensure-qt-libs $(VENV)
	@$(BIN)/glossary-jobs

# The app's modules compiled ahead (only those changed since): Python reads them at every start
# instead of compiling each module again, which it must do where PYTHONDONTWRITEBYTECODE is set.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q desktop_app

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

# One pytest worker per core (pytest-xdist); `make pytest PYTEST_WORKERS=0` runs the tests in one process.
PYTEST_WORKERS ?= auto
pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n $(PYTEST_WORKERS)

# `make bench` runs the small sizes; `make bench N=100000` the full search benchmark.
N ?= 10000

bench: bytecode
	$(BIN)/python -m bench.search_speed $(N)
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.import_speed 10000 --garbage
	$(BIN)/python -m bench.board_fetch 2000
	$(BIN)/python -m bench.skills_speed 10000
	$(BIN)/python -m bench.fit_speed 10000
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.typing_latency

# The scale curve: import, build, keystrokes and memory at 10,000 and 100,000 jobs beside FTS5,
# one table (MILLION=1 adds 1,000,000 jobs: hours, and several GB of disk).
scale: bytecode
	$(BIN)/python -m bench.scale $(if $(MILLION),--million,)

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py docs/screenshots

# The long reliability run: KILL_LOOPS kills of writing processes, then about 12 x FUZZ_EXAMPLES
# fuzz inputs to the importers and the query parser (8300 gives over 100,000). Prints the figures.
KILL_LOOPS ?= 300
FUZZ_EXAMPLES ?= 8300
stress: bytecode
	KILL_LOOPS=$(KILL_LOOPS) $(BIN)/python -m tests.reliability.stress
	@log=$$(mktemp); FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) QT_QPA_PLATFORM=offscreen $(BIN)/pytest -p no:cacheprovider \
	  -q --timeout=0 --hypothesis-show-statistics tests/importers/test_fuzz.py tests/search/test_query_fuzz.py \
	  >$$log 2>&1; \
	  status=$$?; grep -E "^tests/|passing,|passed|failed|Error" $$log; \
	  awk '/passing,/ {n += $$2} /failing,/ {f += $$4} END {print "Fuzz inputs tried: " n "; failing: " f}' $$log; \
	  rm -f $$log; exit $$status

# The wheel and the one-folder bundle in dist/; the bundle's self-test, size and start-up.
dist: $(DIST_STAMP)
	rm -rf build/lib build/pyinstaller dist/glossary-jobs dist/glossary_jobs-*.whl
	$(BIN)/pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir dist .
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/glossary-jobs.spec
	$(BIN)/python packaging/check_bundle.py dist/glossary-jobs

# The menu entry, icons and AppStream metadata for this user (under $XDG_DATA_HOME or
# ~/.local/share). The launcher starts EXEC: the bundle once `make dist` built it, else .venv's.
EXEC ?= $(abspath $(or $(wildcard dist/glossary-jobs/glossary-jobs),$(BIN)/glossary-jobs))
install-desktop: $(STAMP)
	$(BIN)/python scripts/install-desktop.py --exec "$(EXEC)"

uninstall-desktop:
	$(PYTHON) scripts/install-desktop.py --uninstall

$(DIST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,dist]'
	@touch $(DIST_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
