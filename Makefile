# Everything is installed into .venv; the only assumptions are cargo, python3 with pip, and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.deps-stamp

.PHONY: test bench dev test-rust test-python clean test-aarch64

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
