# Everything is installed into .venv; the only assumptions are cargo, python3 with pip, and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.deps-stamp

.PHONY: test bench dev test-rust test-python clean

$(STAMP): Makefile
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "maturin>=1.5,<2" pytest hypothesis "pydantic>=2.5" msgspec
	touch $(STAMP)

dev: $(STAMP)
	VIRTUAL_ENV=$(abspath $(VENV)) $(VENV)/bin/maturin develop --release --quiet

test-rust:
	cargo test -p satya-jit --release

test-python: dev
	$(PY) -m pytest -q tests

test: test-rust test-python

bench: dev
	$(PY) -m satya.bench

clean:
	rm -rf $(VENV) target
