"""Type checkers on user code: `typing_sample.py` must type-check cleanly with
mypy and pyright, and each mistake marked in `typing_sample_errors.py` must be
reported. A checker that is not installed fails the test (`make` installs both)."""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
CLEAN = HERE / "typing_sample.py"
WRONG = HERE / "typing_sample_errors.py"
# line of typing_sample_errors.py -> (mypy's error code, pyright's rule)
EXPECTED = {
    14: ("call-arg", "reportCallIssue"),  # unknown keyword
    15: ("arg-type", "reportArgumentType"),  # wrong argument type
    16: ("call-arg", "reportCallIssue"),  # missing required field
    20: ("assignment", "reportAssignmentType"),  # default of the wrong type
}
# the oldest Python satya supports, whose typing lacks dataclass_transform
PYTHON_VERSION = "3.10"


def _run(module: str, *args: str) -> str:
    if importlib.util.find_spec(module) is None:
        pytest.fail(f"{module} is not installed: `make dev` installs it")
    done = subprocess.run([sys.executable, "-m", module, *args, str(CLEAN), str(WRONG)],
                          capture_output=True, text=True, cwd=HERE, timeout=300)
    return done.stdout + done.stderr


def _errors(output: str, pattern: str) -> dict:
    """{(file name, line): [codes]} of the checker's errors."""
    found: dict = {}
    for match in re.finditer(pattern, output, re.MULTILINE | re.DOTALL):
        key = (Path(match["file"]).name, int(match["line"]))
        found.setdefault(key, []).append(match["code"])
    return found


def _check(found: dict, output: str, column: int) -> None:
    assert not [k for k in found if k[0] == CLEAN.name], output
    expected = {(WRONG.name, line): [codes[column]] for line, codes in EXPECTED.items()}
    assert found == expected, output


def test_mypy():
    output = _run("mypy", "--python-version", PYTHON_VERSION, "--cache-dir", "/dev/null", "--no-error-summary")
    found = _errors(output, r"^(?P<file>\S+\.py):(?P<line>\d+): error: .*?\[(?P<code>[a-z-]+)\]$")
    _check(found, output, 0)


def test_pyright():
    output = _run("pyright", "--pythonpath", sys.executable, "--pythonversion", PYTHON_VERSION)
    found = _errors(output, r"^\s*(?P<file>/\S+\.py):(?P<line>\d+):\d+ - error: .*?\((?P<code>report\w+)\)$")
    _check(found, output, 1)


def _stub_names() -> set:
    import ast

    import satya

    tree = ast.parse((Path(satya.__file__).parent / "_satya.pyi").read_text())
    return {node.name for node in tree.body if isinstance(node, (ast.ClassDef, ast.FunctionDef))}


def test_stub_describes_what_the_package_uses_from_the_native_module():
    import satya
    import satya._satya

    package = Path(satya.__file__).parent
    assert (package / "py.typed").exists()
    used = set()
    for source in package.glob("*.py"):
        text = source.read_text()
        used |= set(re.findall(r"\b_satya\.([A-Za-z_]\w*)", text))
        for names in re.findall(r"from \._satya import ([\w ,]+)", text):
            used |= {name.split(" as ")[0].strip() for name in names.split(",")}
    stub = _stub_names()
    assert used - stub == set()
    assert stub - set(dir(satya._satya)) == set()


def test_metaclass_is_a_dataclass_transform():
    import satya
    from satya._model import ModelMeta

    transform = ModelMeta.__dataclass_transform__
    assert transform["kw_only_default"] is True
    assert transform["field_specifiers"] == (satya.Field, satya.PrivateAttr)
