"""The `satya` command line, run as a subprocess (`python -m satya`) in a
directory holding a models module.

Expected output files are computed in this process: each NDJSON line (or array
item) validated alone with `User.model_validate_json`, errors as
`json.loads(err.json(include_url=False))` -- the CLI writes error dicts without
the documentation url.
"""

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

import satya

from satya import ValidationError
from satya import inspect as satya_inspect

from support import NATIVE_MACHINE, ORACLE

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = None

pytestmark = pytest.mark.skipif(ORACLE, reason="the command line is satya's own; pydantic has none")

MODELS = """\
from satya import Field, Model


class User(Model):
    id: int = Field(gt=0)
    name: str = Field(min_length=1)


class Plain:
    pass


NOT_A_MODEL = 3
"""

ns: dict = {}
exec(compile(MODELS, "models.py", "exec"), ns)
User = ns["User"]

ROOT = Path(__file__).resolve().parent.parent
# Where this process found satya (the source tree or an installed wheel):
# the command runs against the same copy.
SRC = str(Path(satya.__file__).resolve().parent.parent)

VALID = [{"id": i, "name": "n" * i} for i in range(1, 4)]


def ndjson(records) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


@pytest.fixture
def cwd(tmp_path):
    (tmp_path / "models.py").write_text(MODELS)
    (tmp_path / "broken.py").write_text("raise RuntimeError('broken on purpose')\n")
    return tmp_path


def _env(extra=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (SRC, env.get("PYTHONPATH")) if p)
    env.pop("SATYA_THREADS", None)
    env.update(extra or {})
    return env


def run(cwd, *args, input=b"", env=None, prefix=("-m", "satya")):
    return subprocess.run([sys.executable, *prefix, *args], cwd=cwd, input=input,
                          capture_output=True, env=_env(env), timeout=60)


def read_ndjson(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def expected_ndjson(name, data: bytes):
    """The error and valid records the CLI should write for NDJSON `data`."""
    errors, valid = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            valid.append(json.loads(User.model_validate_json(line).model_dump_json()))
        except ValidationError as err:
            errors.append({"file": name, "line": number, "errors": json.loads(err.json(include_url=False))})
    return errors, valid


def expected_array(name, items):
    errors, valid = [], []
    for index, item in enumerate(items):
        try:
            valid.append(json.loads(User.model_validate_json(json.dumps(item)).model_dump_json()))
        except ValidationError as err:
            errors.append({"file": name, "index": index, "errors": json.loads(err.json(include_url=False))})
    return errors, valid


def check_outputs(cwd, expected):
    errors, valid = expected
    assert read_ndjson(cwd / "errors.ndjson") == errors
    assert read_ndjson(cwd / "valid.ndjson") == valid
    for record in errors:
        assert all("url" not in e for e in record["errors"])


OUT = ("--errors", "errors.ndjson", "--valid", "valid.ndjson")


# ---------------------------------------------------------------------------
# validate: outcomes and output files


def test_all_valid_exits_0_with_summary(cwd):
    data = ndjson(VALID)
    (cwd / "in.ndjson").write_bytes(data)
    p = run(cwd, "validate", "models:User", "in.ndjson", *OUT)
    assert p.returncode == 0, p.stderr
    assert p.stdout == b""
    check_outputs(cwd, expected_ndjson("in.ndjson", data))
    assert (cwd / "errors.ndjson").read_bytes() == b""
    # Re-serialised exactly as model_dump_json gives it.
    assert (cwd / "valid.ndjson").read_bytes() == b"".join(
        User.model_validate(r).model_dump_json().encode() + b"\n" for r in VALID)
    summary = p.stderr.decode().strip().splitlines()
    assert len(summary) == 1
    assert "3 records: 3 valid, 0 invalid" in summary[0]
    assert "records/s" in summary[0] and "MB/s" in summary[0]


def test_mixed_input_exact_outputs(cwd):
    # Blank and whitespace-only lines, a malformed line, invalid UTF-8, a
    # constraint failure, and a truncated last line without a newline.
    lines = [
        b'{"id": 1, "name": "a"}',
        b"",
        b'{"id": 0, "name": ""}',
        b"   \t",
        b'{"id": 2, "name": ',
        b'{"id": 3, "name": "\xff\xfe"}',
        b'{"id": "4", "name": "d"}',
        b"[1, 2]",
        b'{"id": 5, "name": "e"}',
        b'{"id": 6, "na',
    ]
    data = b"\n".join(lines)
    (cwd / "in.ndjson").write_bytes(data)
    p = run(cwd, "validate", "models:User", "in.ndjson", *OUT)
    assert p.returncode == 1, p.stderr
    expected = expected_ndjson("in.ndjson", data)
    check_outputs(cwd, expected)
    errors, valid = expected
    assert [e["line"] for e in errors] == [3, 5, 6, 8, 10]
    assert [v["id"] for v in valid] == [1, 4, 5]
    assert "8 records: 3 valid, 5 invalid" in p.stderr.decode()


def test_valid_truncated_last_line_without_newline(cwd):
    data = ndjson(VALID)[:-1]
    (cwd / "in.ndjson").write_bytes(data)
    p = run(cwd, "validate", "models:User", "in.ndjson", *OUT)
    assert p.returncode == 0, p.stderr
    check_outputs(cwd, ([], [json.loads(User.model_validate(r).model_dump_json()) for r in VALID]))


def test_blank_lines_count_in_line_numbers(cwd):
    data = b'\n\n{"id": -1, "name": "x"}\r\n\n{"id": 1, "name": "x"}\n\n\n{"id": 1, "name": ""}\n'
    (cwd / "in.ndjson").write_bytes(data)
    p = run(cwd, "validate", "models:User", "in.ndjson", *OUT)
    assert p.returncode == 1
    check_outputs(cwd, expected_ndjson("in.ndjson", data))
    assert [e["line"] for e in read_ndjson(cwd / "errors.ndjson")] == [3, 8]


def test_several_files_number_lines_per_file(cwd):
    a = ndjson([VALID[0], {"id": 0, "name": "x"}])
    b = ndjson([{"id": 1, "name": ""}, VALID[1]])
    (cwd / "a.ndjson").write_bytes(a)
    (cwd / "b.ndjson").write_bytes(b)
    p = run(cwd, "validate", "models:User", "a.ndjson", "b.ndjson", *OUT)
    assert p.returncode == 1
    ea, va = expected_ndjson("a.ndjson", a)
    eb, vb = expected_ndjson("b.ndjson", b)
    check_outputs(cwd, (ea + eb, va + vb))
    assert [(e["file"], e["line"]) for e in ea + eb] == [("a.ndjson", 2), ("b.ndjson", 1)]


def test_file_larger_than_a_chunk_keeps_line_numbers(cwd):
    # Lines around the 8 MiB chunk boundary are invalid, as are the first and last.
    from satya._batch import DEFAULT_CHUNK_BYTES

    lines = [b'{"id": %d, "name": "record number %07d"}' % (i, i) for i in range(1, 300_001)]
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    assert at > DEFAULT_CHUNK_BYTES
    cut = max(i for i, o in enumerate(offsets) if o <= DEFAULT_CHUNK_BYTES)
    bad = [0, cut - 1, cut, cut + 1, len(lines) - 1]
    for i in bad:
        lines[i] = b'{"id": 0, "name": "x"}'
    (cwd / "in.ndjson").write_bytes(b"\n".join(lines))
    p = run(cwd, "validate", "models:User", "in.ndjson", "--errors", "errors.ndjson")
    assert p.returncode == 1, p.stderr
    assert [e["line"] for e in read_ndjson(cwd / "errors.ndjson")] == [i + 1 for i in bad]
    assert "300,000 records: 299,995 valid, 5 invalid" in p.stderr.decode()


@pytest.mark.parametrize("data", [b"", b"\n\n  \n\r\n"], ids=["empty", "blank-lines"])
def test_no_records_is_success(cwd, data):
    (cwd / "in.ndjson").write_bytes(data)
    p = run(cwd, "validate", "models:User", "in.ndjson", *OUT)
    assert p.returncode == 0, p.stderr
    assert (cwd / "errors.ndjson").read_bytes() == b""
    assert (cwd / "valid.ndjson").read_bytes() == b""
    assert "0 records: 0 valid, 0 invalid" in p.stderr.decode()


def test_stdin(cwd):
    data = ndjson([VALID[0], {"id": 0, "name": "x"}, VALID[2]]) + b"\nnot json\n"
    p = run(cwd, "validate", "models:User", "-", *OUT, input=data)
    assert p.returncode == 1, p.stderr
    check_outputs(cwd, expected_ndjson("-", data))


def test_outputs_to_stdout(cwd):
    data = ndjson([VALID[0], {"id": 0, "name": "x"}])
    p = run(cwd, "validate", "models:User", "-", "--valid", "-", input=data)
    assert p.returncode == 1
    assert p.stdout == User.model_validate(VALID[0]).model_dump_json().encode() + b"\n"


def test_format_json(cwd):
    items = [VALID[0], {"id": 0, "name": "x"}, "text", VALID[1], {"id": 2}]
    (cwd / "in.json").write_text(json.dumps(items))
    p = run(cwd, "validate", "--format", "json", "models:User", "in.json", *OUT)
    assert p.returncode == 1, p.stderr
    expected = expected_array("in.json", items)
    check_outputs(cwd, expected)
    assert [e["index"] for e in expected[0]] == [1, 2, 4]
    assert "5 records: 2 valid, 3 invalid" in p.stderr.decode()


def test_format_json_from_stdin_all_valid(cwd):
    p = run(cwd, "validate", "--format", "json", "models:User", "-", *OUT, input=json.dumps(VALID).encode())
    assert p.returncode == 0, p.stderr
    check_outputs(cwd, expected_array("-", VALID))


@pytest.mark.parametrize("data", [b'[{"id": 1, "name": "a"}, {"id": 2', b"", b"[1, 2] 3", b'{"id": 1}'],
                         ids=["truncated", "empty", "trailing", "object"])
def test_format_json_not_an_array_is_one_error(cwd, data):
    (cwd / "in.json").write_bytes(data)
    p = run(cwd, "validate", "--format", "json", "models:User", "in.json", *OUT)
    assert p.returncode == 1, p.stderr
    with pytest.raises(ValidationError) as info:
        User.model_validate_json_many(data, format="array", errors="collect")
    errors = json.loads(info.value.json(include_url=False))
    assert len(errors) == 1 and errors[0]["loc"] == []
    check_outputs(cwd, ([{"file": "in.json", "index": None, "errors": errors}], []))
    assert "not a JSON array" in p.stderr.decode()


def test_jobs_sets_the_thread_count(cwd):
    data = ndjson(VALID + [{"id": 0, "name": "x"}])
    (cwd / "in.ndjson").write_bytes(data)
    # A bad SATYA_THREADS is a usage error unless --jobs overrides it.
    p = run(cwd, "validate", "models:User", "in.ndjson", env={"SATYA_THREADS": "lots"})
    assert p.returncode == 2
    assert p.stderr.decode().splitlines() == ["satya: error: SATYA_THREADS must be a positive integer, got 'lots'"]
    for jobs in ("1", "2"):
        p = run(cwd, "validate", "--jobs", jobs, "models:User", "in.ndjson", *OUT, env={"SATYA_THREADS": "lots"})
        assert p.returncode == 1, p.stderr
        check_outputs(cwd, expected_ndjson("in.ndjson", data))


# ---------------------------------------------------------------------------
# What is printed


def test_invalid_records_described_on_stderr_without_errors_file(cwd):
    lines = [b'{"id": 0, "name": ""}', b"{oops"] + [b'{"id": -%d, "name": "x"}' % i for i in range(1, 12)]
    (cwd / "in.ndjson").write_bytes(b"\n".join(lines))
    p = run(cwd, "validate", "models:User", "in.ndjson")
    assert p.returncode == 1
    err = p.stderr.decode().splitlines()
    bad_json = expected_ndjson("in.ndjson", lines[1])[0][0]["errors"][0]["msg"]
    assert err[:3] == [
        "in.ndjson:1: id: Input should be greater than 0 [type=greater_than]",
        "in.ndjson:1: name: String should have at least 1 character [type=string_too_short]",
        f"in.ndjson:2: {bad_json} [type=json_invalid]",
    ]
    # Ten invalid records shown, then a count of the rest, then the summary.
    assert err[3:11] == [f"in.ndjson:{i}: id: Input should be greater than 0 [type=greater_than]"
                         for i in range(3, 11)]
    assert err[11] == "satya: 3 more invalid records not shown; --errors PATH writes them all"
    assert err[12].startswith("satya: 13 records: 0 valid, 13 invalid")
    assert len(err) == 13


def test_quiet(cwd):
    (cwd / "good.ndjson").write_bytes(ndjson(VALID))
    (cwd / "bad.ndjson").write_bytes(b'{"id": 0, "name": "x"}\n')
    p = run(cwd, "validate", "-q", "models:User", "good.ndjson")
    assert (p.returncode, p.stdout, p.stderr) == (0, b"", b"")
    p = run(cwd, "validate", "--quiet", "models:User", "bad.ndjson", "--errors", "errors.ndjson")
    assert (p.returncode, p.stdout, p.stderr) == (1, b"", b"")
    assert len(read_ndjson(cwd / "errors.ndjson")) == 1
    # With nowhere else to go, the errors themselves are still printed.
    p = run(cwd, "validate", "--quiet", "models:User", "bad.ndjson")
    assert p.returncode == 1
    assert p.stderr.decode().splitlines() == ["bad.ndjson:1: id: Input should be greater than 0 [type=greater_than]"]


def test_help_documents_formats(cwd):
    p = run(cwd, "validate", "--help")
    assert p.returncode == 0
    text = p.stdout.decode()
    assert '"line"' in text and '"index"' in text and "0-based" in text and "1-based" in text


def test_lean_imports(cwd):
    # Without a terminal neither rich nor pydantic is imported.
    (cwd / "in.ndjson").write_bytes(ndjson(VALID))
    code = ("import sys; from satya.cli import main; rc = main(sys.argv[1:]); "
            "print(sorted(m for m in ('rich', 'pydantic', 'pydantic_core') if m in sys.modules)); sys.exit(rc)")
    p = run(cwd, "validate", "models:User", "in.ndjson", prefix=("-c", code))
    assert p.returncode == 0, p.stderr
    assert p.stdout == b"[]\n"


# ---------------------------------------------------------------------------
# Usage and I/O errors: exit 2, one line, no traceback


@pytest.mark.parametrize("args, message", [
    (["models:User", "missing.ndjson"], "missing.ndjson: No such file or directory"),
    (["models:User", "in.ndjson", "missing.ndjson"], "missing.ndjson: No such file or directory"),
    (["models:User", "subdir"], "subdir: is a directory"),
    (["models", "in.ndjson"], "expected MODULE:MODEL (e.g. myapp.models:User), got 'models'"),
    (["models:", "in.ndjson"], "expected MODULE:MODEL (e.g. myapp.models:User), got 'models:'"),
    (["nosuchmodule:User", "in.ndjson"], "cannot import module 'nosuchmodule': No module named 'nosuchmodule'"),
    (["broken:User", "in.ndjson"], "importing module 'broken' failed: RuntimeError: broken on purpose"),
    (["models:Nope", "in.ndjson"], "module 'models' has no attribute 'Nope'"),
    (["models:NOT_A_MODEL", "in.ndjson"], "models:NOT_A_MODEL is not a satya Model class (got int object)"),
    (["models:Plain", "in.ndjson"], "models:Plain is not a satya Model class (got class models.Plain)"),
    (["models:User", "in.ndjson", "--valid", "in.ndjson"], "--valid in.ndjson: is also an input file"),
    (["models:User", "in.ndjson", "--errors", "e.ndjson", "--valid", "e.ndjson"],
     "--errors and --valid name the same file: e.ndjson"),
    (["models:User", "in.ndjson", "--errors", "nodir/e.ndjson"], "nodir/e.ndjson: cannot write: No such file or directory"),
])
def test_usage_and_io_errors(cwd, args, message):
    data = ndjson(VALID)
    (cwd / "in.ndjson").write_bytes(data)
    (cwd / "subdir").mkdir()
    p = run(cwd, "validate", *args)
    assert p.returncode == 2
    assert p.stdout == b""
    assert p.stderr.decode().splitlines() == [f"satya: error: {message}"]
    assert (cwd / "in.ndjson").read_bytes() == data


def test_usage_errors_create_no_output(cwd):
    p = run(cwd, "validate", "models:User", "missing.ndjson", *OUT)
    assert p.returncode == 2
    assert not (cwd / "errors.ndjson").exists() and not (cwd / "valid.ndjson").exists()


@pytest.mark.parametrize("args", [
    [],
    ["validate"],
    ["validate", "models:User"],
    ["validate", "--format", "yaml", "models:User", "in.ndjson"],
    ["validate", "--jobs", "0", "models:User", "in.ndjson"],
    ["validate", "--jobs", "two", "models:User", "in.ndjson"],
    ["frobnicate"],
    ["inspect"],
])
def test_argument_errors(cwd, args):
    (cwd / "in.ndjson").write_bytes(ndjson(VALID))
    p = run(cwd, *args)
    assert p.returncode == 2
    err = p.stderr.decode()
    assert err.startswith("usage: satya") and "error:" in err and "Traceback" not in err


# ---------------------------------------------------------------------------
# inspect


def test_inspect(cwd):
    p = run(cwd, "inspect", "models:User")
    assert p.returncode == 0, p.stderr
    report = dict(line.split(": ", 1) for line in p.stdout.decode().splitlines())
    want = satya_inspect(User)
    assert list(report) == [k for k in want if k != "clif"]
    for key in ("backend", "checks_compiled", "checks_interpreted", "native_functions", "code_size"):
        assert report[key] == str(want[key])
    assert float(report["compile_time_s"]) >= 0


@pytest.mark.parametrize("jit", ["1", "0"])
def test_inspect_clif(cwd, jit):
    p = run(cwd, "inspect", "--clif", "models:User", env={"SATYA_JIT": jit})
    assert p.returncode == 0, p.stderr
    head, _, clif = p.stdout.decode().partition("clif:\n")
    native = jit == "1" and NATIVE_MACHINE
    assert f"backend: {'jit' if native else 'interpreter'}\n" in head
    if native:
        assert clif.startswith("function ") and clif.rstrip().endswith("}")
    else:
        assert clif == "(no native code)\n"


def test_inspect_bad_model(cwd):
    p = run(cwd, "inspect", "models:Plain")
    assert p.returncode == 2
    assert p.stderr.decode().splitlines() == ["satya: error: models:Plain is not a satya Model class (got class models.Plain)"]


# ---------------------------------------------------------------------------
# Progress on a terminal


def run_in_pty(cwd, args, prefix=("-m", "satya"), stdin=subprocess.DEVNULL):
    """Runs with stderr on a pseudo-terminal; returns the exit status and all
    that was drawn there."""
    master, slave = pty.openpty()
    env = _env({"TERM": "xterm", "COLUMNS": "120"})
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, *prefix, *args], cwd=cwd, env=env,
                            stdin=stdin, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    proc.stdout.read()
    return proc.wait(timeout=60), drawn.decode("utf-8", "replace")


NO_RICH = ("-c", "import sys; sys.modules['rich'] = None; from satya.cli import main; sys.exit(main())")

RECORDS = 3000


@pytest.fixture
def big(cwd):
    (cwd / "big.ndjson").write_bytes(ndjson({"id": i, "name": "x" * (i % 9 + 1)} for i in range(1, RECORDS + 1)))
    return cwd


def test_progress_bar_with_rich(big):
    pytest.importorskip("rich", reason="the bar is drawn with rich, the optional satya[cli] extra")
    status, drawn = run_in_pty(big, ["validate", "models:User", "big.ndjson"])
    assert status == 0, drawn
    assert "\x1b[" in drawn and "━" in drawn  # rich's bar
    size = (big / "big.ndjson").stat().st_size
    total = f"{size / 1000:.1f} kB"
    assert f"{total[:-3]}/{total}" in drawn  # bytes done out of total, once finished
    assert f"{RECORDS:,} records" in drawn and "records/s" in drawn
    assert f"satya: {RECORDS:,} records: {RECORDS:,} valid, 0 invalid" in drawn


def test_progress_counter_without_rich(big):
    from satya._progress import _size

    status, drawn = run_in_pty(big, ["validate", "models:User", "big.ndjson"], prefix=NO_RICH)
    assert status == 0, drawn
    assert "\x1b" not in drawn and "━" not in drawn
    size = _size((big / "big.ndjson").stat().st_size)
    frames = drawn.split("\r")
    assert frames[1].startswith(f"satya: 0 B / {size} (0%)  0 records")
    assert any(f.startswith(f"satya: {size} / {size} (100%)  {RECORDS:,} records  ") and "records/s" in f
               and f.rstrip().endswith("left") for f in frames)
    assert f"satya: {RECORDS:,} records: {RECORDS:,} valid, 0 invalid" in drawn


def test_progress_counter_from_stdin_has_no_total(big):
    from satya._progress import _size

    data = (big / "big.ndjson").read_bytes()
    with open(big / "big.ndjson", "rb") as stdin:
        status, drawn = run_in_pty(big, ["validate", "models:User", "-"], prefix=NO_RICH, stdin=stdin)
    assert status == 0, drawn

    assert f"satya: {_size(len(data))}  {RECORDS:,} records  " in drawn
    assert "%" not in drawn and "left" not in drawn


def test_no_progress_when_quiet_or_not_a_terminal(big):
    status, drawn = run_in_pty(big, ["validate", "-q", "models:User", "big.ndjson"])
    assert (status, drawn) == (0, "")
    p = run(big, "validate", "models:User", "big.ndjson")
    assert p.returncode == 0
    assert b"\r" not in p.stderr and len(p.stderr.splitlines()) == 1


# ---------------------------------------------------------------------------


@pytest.mark.skipif(tomllib is None, reason="tomllib is new in Python 3.11")
def test_console_script_entry_point():
    with open(ROOT / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    assert project["scripts"] == {"satya": "satya.cli:main"}
    module, _, attr = project["scripts"]["satya"].partition(":")
    import importlib

    assert callable(getattr(importlib.import_module(module), attr))
    assert project["optional-dependencies"]["cli"] == ["rich>=13"]
