# Everything is installed into .venv; the only assumptions are cargo, python3 with pip, and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.deps-stamp
# What the dev venvs get (.venv here, .venv-pythons/3.X in test-pythons); no spaces inside a spec.
# mypy and pyright (its Node.js from PyPI) run in tests/test_typing.py.
DEV_DEPS := maturin>=1.5,<2 pytest hypothesis pydantic>=2.5 msgspec email-validator mypy pyright[nodejs] jsonschema
# Only in .venv: the CLI's progress bar and the Dask integration (satya[cli], satya[dask]).
EXTRA_DEPS := rich>=13 dask[bag]>=2024.1 distributed>=2024.1

.PHONY: test bench dev test-rust test-python clean test-aarch64 test-pythons

$(STAMP): Makefile
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(foreach d,$(DEV_DEPS) $(EXTRA_DEPS),'$(d)')
	touch $(STAMP)

dev: $(STAMP)
	VIRTUAL_ENV=$(abspath $(VENV)) $(VENV)/bin/maturin develop --release --quiet

test-rust:
	cargo test -p satya-jit --release
	cargo test -p satya --lib --release

test-python: dev
	$(PY) -m pytest -q tests

test: test-rust test-python

bench: dev
	$(PY) -m satya.bench

# The Python suite under every CPython 3.10-3.13 (and 3.14) found under pyenv or on PATH, each
# in its own venv under .venv-pythons/ with its own release wheel; fails if any version fails
# or none is found. TEST_PYTHON_VERSIONS="3.12 3.13" narrows the list.
test-pythons:
	SATYA_DEV_DEPS='$(DEV_DEPS)' bash .ci/test-pythons.sh

clean:
	rm -rf $(VENV) .venv-pythons target

# Cross check: the same Programs compiled for aarch64 by Cranelift, linked into a
# C harness with outputs expected by the host interpreter, run under qemu.
AARCH64_CASES := target/aarch64-cases
AARCH64_HARNESS := jit/examples/aarch64_cases

test-aarch64:
	@if ! command -v qemu-aarch64-static >/dev/null || ! command -v aarch64-linux-gnu-gcc >/dev/null \
		|| ! test -e /usr/aarch64-linux-gnu/lib/libc.a; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
			qemu-user-static gcc-aarch64-linux-gnu libc6-dev-arm64-cross; \
	fi
	cargo test --release --quiet -p satya-jit --features aarch64 --test object
	rm -f $(AARCH64_CASES)/cases_*.o
	cargo run --release --quiet -p satya-jit --features aarch64 --example aarch64_cases -- $(AARCH64_CASES)
	aarch64-linux-gnu-gcc -static -O1 -Wall -Wextra -Werror -I $(AARCH64_HARNESS) -o $(AARCH64_CASES)/cases \
		$(AARCH64_HARNESS)/harness.c $(AARCH64_CASES)/cases.c $(AARCH64_CASES)/cases_*.o -lm
	qemu-aarch64-static $(AARCH64_CASES)/cases
