# Maillage — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= maillage-data
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-slow install install-test install-bench bench bench-scale clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The project's bytecode is written once here: where PYTHONDONTWRITEBYTECODE is set (containers often set it), every
# process (a web worker, an ingest) would otherwise compile the modules it imports from source (~0.4 s a server start).
$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	$(BIN)/python -m compileall -q graph search webapp ontology
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/.installed-bench: $(VENV)/.installed-test pyproject.toml
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

install-bench: $(VENV)/.installed-bench

## run: install, load the demo corpus (files already loaded are skipped), serve on http://127.0.0.1:5000
run: install
	$(BIN)/maillage --data $(DATA) ingest examples/
	$(BIN)/maillage --data $(DATA) serve --host $(HOST) --port $(PORT)

## test: install the test tools and run the whole suite, a process per core (TEST_JOBS=1: in this process alone);
## a test file's tests stay in one process, so a module's fixture is built once
TEST_JOBS ?= auto
test: install-test
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile

## test-slow: the long end-to-end tests (big corpora, load)
test-slow: install-test
	$(BIN)/python -m pytest -m slow

## bench: the bulk load next to pyoxigraph's (bench/load.py)
bench: install-bench
	$(BIN)/python bench/load.py

## bench-scale: a generated corpus of ACTORS actors ingested, served and measured in one run (bench/run.py)
ACTORS ?= 10000
bench-scale: install-bench
	$(BIN)/python bench/run.py --actors $(ACTORS) --no-index

clean:
	rm -rf $(VENV) $(DATA) build *.egg-info
