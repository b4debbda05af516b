# One command sets everything up and runs the main job; one runs the tests.
# The python3 found on the PATH (or PYTHON=...) makes .venv: Python 3.11 to 3.13 are supported.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: all setup validate format build serve browser test benchmark messages clean

all: serve

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "$(PYTHON) là Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'), cũ hơn bản dự án cần (3.11 trở lên)." >&2; \
	  echo "Cài Python 3.11, 3.12 hoặc 3.13 rồi chạy lại, hoặc chỉ rõ: make PYTHON=python3.13" >&2; exit 2; }
	@# Debian's own Python makes no venv without its python3.X-venv package: installed as the browser is.
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  package=python$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$package; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$package; \
	  else echo "$(PYTHON) không tạo được .venv: hãy cài gói $$package (apt-get install $$package) rồi chạy lại." >&2; exit 2; fi; }
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

# Browser tests drive Debian's Chromium; install it where it is missing (root, or sudo).
browser:
	@if command -v chromium >/dev/null || command -v google-chrome >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "Không có Chromium: các kiểm thử trình duyệt sẽ bị bỏ qua (apt-get install chromium)."; fi

# Lint and type-check first: they take seconds and fail fast.
test: setup browser
	$(VENV)/bin/ruff check generator scripts tests
	$(VENV)/bin/mypy
	$(PY) -m pytest

benchmark: setup
	$(PY) scripts/benchmark.py --scales 1 --memory-scale 10

# The site's wording, extracted into generator/locale/site.pot for translators.
messages: setup
	$(PY) scripts/messages.py

clean:
	rm -rf site build .site.* ban-ngoai-tuyen docs/generated docs/.generated.*
