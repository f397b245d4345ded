"""The `satya` command line.

    satya validate myapp.models:User users.ndjson --errors bad.ndjson --valid good.ndjson
    satya inspect myapp.models:User --clif

Kept light at start-up: a benchmark times it end to end, so rich is imported
only when a progress bar is drawn, and nothing imports pydantic.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
import time

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

# Invalid records described on stderr when --errors is not given.
SHOWN_INVALID = 10


class UsageError(Exception):
    """A bad argument or an I/O failure: one line on stderr, exit status 2."""


# ---------------------------------------------------------------------------
# Arguments

_VALIDATE_EPILOG = """\
input:
  NDJSON (one JSON object per line; blank lines are skipped but counted) by
  default, or with --format json a JSON array. FILE '-' reads stdin. NDJSON is
  read in chunks, so files larger than memory are fine; a JSON array is read
  whole.

error records (--errors):
  one JSON object per line per invalid record:
    {"file": FILE, "line": N, "errors": [...]}
  where N is the 1-based line number and "errors" is the list that
  ValidationError.errors(include_url=False) gives. With --format json the
  record's 0-based position in the array is written as "index" instead of
  "line"; a file that is not a well-formed JSON array gives one record with
  "index": null and the parse error.

exit status:
  0 all records are valid, 1 some are invalid, 2 usage or I/O error.
"""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="satya", description="Validate data against satya models.")
    parser.add_argument("--version", action="version", version=f"satya {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="validate NDJSON or JSON files against a model",
        description="Validate every record of FILE... against MODULE:MODEL.",
        epilog=_VALIDATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("model", metavar="MODULE:MODEL", help="the model class, e.g. myapp.models:User")
    validate.add_argument("files", metavar="FILE", nargs="+", help="input file, or '-' for stdin")
    validate.add_argument("--format", choices=("ndjson", "json"), default="ndjson",
                          help="ndjson (default): one record per line; json: one JSON array per file")
    validate.add_argument("--errors", metavar="PATH",
                          help="write one NDJSON line per invalid record to PATH ('-': stdout)")
    validate.add_argument("--valid", metavar="PATH",
                          help="write the valid records, re-serialised, one per line to PATH ('-': stdout)")
    validate.add_argument("--jobs", "-j", metavar="N", type=_positive_int,
                          help="number of validation threads (default: SATYA_THREADS, else the number of cores)")
    validate.add_argument("--quiet", "-q", action="store_true",
                          help="no progress bar and no summary: print nothing but errors")

    inspect = commands.add_parser(
        "inspect",
        help="show how a model's checks are executed",
        description="Print what satya.inspect() reports for MODULE:MODEL, one 'key: value' per line.",
    )
    inspect.add_argument("model", metavar="MODULE:MODEL", help="the model class, e.g. myapp.models:User")
    inspect.add_argument("--clif", action="store_true", help="also print the generated Cranelift IR")
    return parser


# ---------------------------------------------------------------------------
# MODULE:MODEL


def load_model(spec: str):
    """Imports `module:Name` (Name may be dotted) with the current directory
    first on sys.path, as `python -m` has it, and checks it is a Model class."""
    import importlib

    module_name, colon, attr = spec.partition(":")
    if not colon or not module_name or not attr:
        raise UsageError(f"expected MODULE:MODEL (e.g. myapp.models:User), got {spec!r}")
    cwd = os.getcwd()
    if not sys.path or sys.path[0] not in ("", cwd):
        sys.path.insert(0, cwd)
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise UsageError(f"cannot import module {module_name!r}: {exc}") from None
    except Exception as exc:  # the module's own code failed
        raise UsageError(f"importing module {module_name!r} failed: {type(exc).__name__}: {exc}") from None
    obj = module
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise UsageError(f"module {module_name!r} has no attribute {attr!r}") from None

    from ._model import Model

    if not (isinstance(obj, type) and issubclass(obj, Model)):
        raise UsageError(f"{spec} is not a satya Model class (got {_describe(obj)})")
    if "__satya_pending__" in obj.__dict__:  # forward references still unresolved
        from .errors import SchemaError

        try:
            obj.model_rebuild()
        except SchemaError as exc:
            raise UsageError(f"{spec}: {exc}") from None
    return obj


def _describe(obj) -> str:
    if isinstance(obj, type):
        return f"class {obj.__module__}.{obj.__qualname__}"
    return f"{type(obj).__name__} object"


# ---------------------------------------------------------------------------
# validate


class _Run:
    """Counts, output files and the invalid records shown on stderr."""

    def __init__(self, errors_out, valid_out):
        self.errors_out = errors_out
        self.valid_out = valid_out
        self.records = 0
        self.valid = 0
        self.invalid = 0
        self.bad_files = 0
        self.nbytes = 0
        self.shown: list[str] = []
        self.shown_records = 0

    def batch(self, name: str, result, key: str, base: int) -> None:
        """One BatchResult; `base` turns an index into the reported position."""
        self.records += len(result)
        self.valid += len(result.valid_indices)
        self.invalid += len(result.errors)
        self.nbytes += result.nbytes
        out = self.valid_out
        try:
            if out is not None and result.valid:
                out.write("\n".join([inst.model_dump_json() for inst in result.valid]))
                out.write("\n")
            out = self.errors_out
            if result.errors:
                quoted = json.dumps(name)
                for index, err in result.errors:
                    self._invalid(name, quoted, key, index + base, err)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise UsageError(f"{_output_name(out)}: cannot write: {exc.strerror or exc}") from None

    def file_error(self, name: str, err) -> None:
        """A file that is not a JSON array at all."""
        self.bad_files += 1
        try:
            self._invalid(name, json.dumps(name), "index", None, err)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise UsageError(f"{_output_name(self.errors_out)}: cannot write: {exc.strerror or exc}") from None

    def _invalid(self, name: str, quoted: str, key: str, where, err) -> None:
        if self.errors_out is not None:
            pos = "null" if where is None else str(where)
            self.errors_out.write(f'{{"file":{quoted},"{key}":{pos},"errors":{err.json(include_url=False)}}}\n')
            return
        if self.shown_records >= SHOWN_INVALID:
            return
        self.shown_records += 1
        if where is None:
            prefix = name
        elif key == "line":
            prefix = f"{name}:{where}"
        else:
            prefix = f"{name}[{where}]"
        for e in err.errors(include_url=False):
            loc = ".".join(str(part) for part in e["loc"])
            self.shown.append(f"{prefix}: {loc + ': ' if loc else ''}{e['msg']} [type={e['type']}]")

    def print_shown(self) -> None:
        for line in self.shown:
            print(line, file=sys.stderr)
        hidden = self.invalid + self.bad_files - self.shown_records
        if self.errors_out is None and hidden > 0:
            s = "" if hidden == 1 else "s"
            print(f"satya: {hidden:,} more invalid record{s} not shown; --errors PATH writes them all",
                  file=sys.stderr)


def _inputs(files: list[str]) -> int | None:
    """Checks every FILE exists and is not a directory; returns their total
    size, or None when some input's size is unknown (stdin, a pipe)."""
    total: int | None = 0
    for name in files:
        if name == "-":
            total = None
            continue
        try:
            st = os.stat(name)
        except FileNotFoundError:
            raise UsageError(f"{name}: No such file or directory") from None
        except OSError as exc:
            raise UsageError(f"{name}: {exc.strerror or exc}") from None
        if stat.S_ISDIR(st.st_mode):
            raise UsageError(f"{name}: is a directory")
        if stat.S_ISREG(st.st_mode):
            if total is not None:
                total += st.st_size
        else:
            total = None
    return total


def _open_outputs(args) -> list:
    """Opens --errors and --valid before any validation, so an unwritable path
    fails at once; refuses a path that is an input or the other output."""
    inputs = [os.path.abspath(name) for name in args.files if name != "-"]
    opened = []
    try:
        for flag, path in (("--errors", args.errors), ("--valid", args.valid)):
            if path is None:
                opened.append(None)
                continue
            if path == "-" and opened and opened[0] is not None and isinstance(opened[0].name, int):
                opened.append(opened[0])  # both on stdout: one buffer, so lines never interleave
                continue
            if path != "-":
                full = os.path.abspath(path)
                if any(full == name or _same_file(full, name) for name in inputs):
                    raise UsageError(f"{flag} {path}: is also an input file")
                if flag == "--valid" and args.errors not in (None, "-") and full == os.path.abspath(args.errors):
                    raise UsageError(f"--errors and --valid name the same file: {path}")
            opened.append(_open_output(path))
    except BaseException:
        _close_outputs(opened)
        raise
    return opened


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _open_output(path: str):
    # Lone surrogates come out as \uXXXX, which inside a JSON string is their escape.
    if path == "-":
        return open(sys.stdout.fileno(), "w", encoding="utf-8", errors="backslashreplace", newline="",
                    closefd=False, buffering=1 << 16)
    try:
        return open(path, "w", encoding="utf-8", errors="backslashreplace", newline="", buffering=1 << 20)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _output_name(f) -> str:
    return "stdout" if isinstance(f.name, int) else f.name


def _close_outputs(files) -> None:
    failure = None
    for f in files:
        if f is None:
            continue
        try:
            f.close()
        except BrokenPipeError:
            raise
        except OSError as exc:
            failure = failure or UsageError(f"{_output_name(f)}: cannot write: {exc.strerror or exc}")
    if failure is not None:
        raise failure


def _validate_files(model, files: list[str], fmt: str, threads, run: _Run, progress) -> None:
    from ._batch import validate_json_many, validate_ndjson_iter
    from .errors import ValidationError

    # Instances are made only to be written out; otherwise records are just validated.
    build = run.valid_out is not None
    for name in files:
        try:
            if fmt == "ndjson":
                source = sys.stdin.buffer if name == "-" else name
                for result in validate_ndjson_iter(model, source, threads=threads, _build=build):
                    run.batch(name, result, "line", 1)
                    progress.advance(result.nbytes, len(result))
                continue
            if name == "-":
                data = sys.stdin.buffer.read()
            else:
                with open(name, "rb") as f:
                    data = f.read()
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                raise
            raise UsageError(f"{name}: {exc.strerror or exc}") from None
        try:
            result = validate_json_many(model, data, format="array", errors="collect", threads=threads, _build=build)
        except ValidationError as err:
            # Not a JSON array at all: one error for the whole file.
            run.file_error(name, err)
            run.nbytes += len(data)
            progress.advance(len(data), 0)
            continue
        run.batch(name, result, "index", 0)
        progress.advance(len(data), len(result))


def _summary(run: _Run, elapsed: float) -> str:
    rate = run.records / elapsed if elapsed > 0 else 0.0
    mb_s = run.nbytes / 1e6 / elapsed if elapsed > 0 else 0.0
    records = "record" if run.records == 1 else "records"
    text = (f"satya: {run.records:,} {records}: {run.valid:,} valid, {run.invalid:,} invalid"
            f" in {elapsed:.2f} s ({rate:,.0f} records/s, {mb_s:,.1f} MB/s)")
    if run.bad_files:
        s = "" if run.bad_files == 1 else "s"
        text += f"; {run.bad_files} file{s} not a JSON array"
    return text


def cmd_validate(args) -> int:
    from ._batch import thread_count
    from ._progress import _progress
    from .errors import SchemaError

    model = load_model(args.model)
    try:
        threads = thread_count(args.jobs)  # a bad SATYA_THREADS is a usage error
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    total = _inputs(args.files)
    errors_out, valid_out = outputs = _open_outputs(args)
    run = _Run(errors_out, valid_out)
    try:
        progress = _progress(total, not args.quiet and sys.stderr.isatty())
        start = time.perf_counter()
        try:
            _validate_files(model, args.files, args.format, threads, run, progress)
        except SchemaError as exc:
            progress.close()
            raise UsageError(f"{args.model}: {exc}") from None
        except UsageError:
            progress.close()
            run.print_shown()  # what was found before the failure
            raise
        except BaseException:
            progress.close()
            raise
        elapsed = time.perf_counter() - start
        progress.close()
        run.print_shown()
    finally:
        _close_outputs(outputs)
    if not args.quiet:
        print(_summary(run, elapsed), file=sys.stderr)
    return EXIT_INVALID if run.invalid or run.bad_files else EXIT_OK


# ---------------------------------------------------------------------------
# inspect


def cmd_inspect(args) -> int:
    from ._inspect import inspect

    model = load_model(args.model)
    report = inspect(model)
    clif = report.pop("clif", "")
    for key, value in report.items():
        print(f"{key}: {value}")
    if args.clif:
        print("clif:")
        print(clif.rstrip("\n") if clif else "(no native code)")
    return EXIT_OK


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = cmd_validate if args.command == "validate" else cmd_inspect
    try:
        return command(args)
    except UsageError as exc:
        sys.stderr.write(f"satya: error: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:
        # The reader of stdout went away (e.g. `| head`): an I/O error, but not
        # one worth a message; stdout goes to devnull so the exit flush is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_USAGE
