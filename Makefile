# One command sets everything up and runs the main job; one runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: all setup validate format build serve test benchmark clean

all: serve

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

validate: setup
	$(PY) -m generator validate

format: setup
	$(PY) -m generator format

build: setup
	$(PY) -m generator build

serve: build
	$(PY) -m generator serve

test: setup
	$(PY) -m pytest

benchmark: setup
	$(PY) scripts/benchmark.py

clean:
	rm -rf site build docs/generated .site.* docs/.generated.*
