#!/usr/bin/env bash
# Build satya and run the Python test suite under every supported CPython found here.
#
# For each version in TEST_PYTHON_VERSIONS (default 3.10 3.11 3.12 3.13 3.14; 3.14 is optional,
# tested where it can be had) the interpreter is looked up under pyenv
# ($PYENV_ROOT/versions/3.X.Y/bin/python3.X, newest patch first) and then as python3.X on PATH.
# Each one gets its own venv in .venv-pythons/3.X with the dev dependencies, a release wheel
# built for it with maturin (the cargo target dir is shared, so only pyo3 and satya rebuild per
# interpreter), and `python -m pytest -q tests` run against the installed wheel.
#
# Exits non-zero if any version fails (venv, build, install or tests) or if none was found.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

VERSIONS=${TEST_PYTHON_VERSIONS:-3.10 3.11 3.12 3.13 3.14}
OPTIONAL=${TEST_PYTHON_OPTIONAL:-3.14}
# The same list as the Makefile's DEV_DEPS (the Makefile passes it in).
read -r -a DEPS <<<"${SATYA_DEV_DEPS:-maturin>=1.5,<2 pytest hypothesis pydantic>=2.5 msgspec email-validator mypy pyright[nodejs] jsonschema}"
VENVS=$ROOT/.venv-pythons

# Print the full version of a usable CPython 3.<minor> (GIL build, with venv and ensurepip)
# at $1, or fail.
probe() {
    "$1" - "$2" 2>/dev/null <<'EOF'
import sys, sysconfig
import ensurepip, venv  # noqa: F401  (Debian splits these off into python3.X-venv)
minor = int(sys.argv[1])
ok = (sys.implementation.name == "cpython" and sys.version_info[:2] == (3, minor)
      and not sysconfig.get_config_var("Py_GIL_DISABLED"))
print(sys.version.split()[0]) if ok else sys.exit(1)
EOF
}

# The interpreter for version $1 (3.X), or nothing.
find_python() {
    local v=$1 cand
    local pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
    {
        # Newest patch release first; pyenv shims on PATH fail for versions not selected,
        # which probe() catches.
        ls -d "$pyenv_root"/versions/"$v".*/bin/python"$v" 2>/dev/null | sort -rV
        command -v "python$v" 2>/dev/null
    } | while read -r cand; do
        if probe "$cand" "${v#3.}" >/dev/null; then
            echo "$cand"
            break
        fi
    done
}

# Venv, dependencies, wheel, install, tests for version $1 with interpreter $2.
run_one() {
    local v=$1 base=$2 venv=$VENVS/$1
    local py=$venv/bin/python
    local stamp="$(readlink -f "$base") ${DEPS[*]}"
    if [[ ! -x $py || ! -f $venv/.deps-stamp || $(cat "$venv/.deps-stamp") != "$stamp" ]]; then
        rm -rf "$venv"
        "$base" -m venv "$venv" || return 1
        "$py" -m pip install --quiet --upgrade pip || return 1
        "$py" -m pip install --quiet "${DEPS[@]}" || return 1
        echo "$stamp" >"$venv/.deps-stamp"
    fi
    rm -rf "$venv/dist"
    "$venv/bin/maturin" build --release --quiet -i "$py" -o "$venv/dist" || return 1
    local wheels=("$venv"/dist/satya-*.whl)
    [[ ${#wheels[@]} -eq 1 && -f ${wheels[0]} ]] || { echo "expected one wheel in $venv/dist"; return 1; }
    "$py" -m pip install --quiet --no-deps --force-reinstall "${wheels[0]}" || return 1
    "$py" -c 'import satya, satya._satya as m; print("testing", satya.__file__, "with", m.__file__.rsplit("/", 1)[-1])' \
        || return 1
    # the full search runs once, under `make test`; here fewer examples (tests/conftest.py)
    SATYA_HYPOTHESIS_PROFILE="${SATYA_HYPOTHESIS_PROFILE:-other-pythons}" "$py" -m pytest -q tests
}

passed=() failed=() missing=()
start=$SECONDS
for v in $VERSIONS; do
    if [[ ! $v =~ ^3\.[0-9]+$ ]] || (( ${v#3.} < 10 )); then
        echo "test-pythons: ignoring $v (satya needs CPython 3.10 or newer)" >&2
        continue
    fi
    py=$(find_python "$v")
    if [[ -z $py ]]; then
        missing+=("$v")
        continue
    fi
    echo "=== Python $v: $py ($(probe "$py" "${v#3.}")) ==="
    t0=$SECONDS
    if run_one "$v" "$py"; then
        passed+=("$v") status=passed
    else
        failed+=("$v") status=FAILED
    fi
    echo "=== Python $v: $status in $((SECONDS - t0)) s ==="
done

missing_text=
for v in "${missing[@]}"; do
    [[ " $OPTIONAL " == *" $v "* ]] && missing_text+=" $v(optional)" || missing_text+=" $v"
done
echo "test-pythons: passed: ${passed[*]:-none}; failed: ${failed[*]:-none}; not found:${missing_text:- none} ($((SECONDS - start)) s)"

if [[ ${#failed[@]} -gt 0 ]]; then
    exit 1
fi
if [[ ${#passed[@]} -eq 0 ]]; then
    echo "test-pythons: no supported CPython (${VERSIONS// /, }) was found" >&2
    exit 1
fi
