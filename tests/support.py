"""Helpers shared by the test modules: one-field models for satya and pydantic,
models defined under a chosen constraint backend, the two kinds of input
(Python objects and JSON text), and plain views of validation outcomes that can
be compared.

`SATYA_TEST_LIBRARY=pydantic` runs the modules that take their `Model`, `Field`
and `ValidationError` from here against pydantic instead of satya, which checks
the expectations themselves against the oracle:

    SATYA_TEST_LIBRARY=pydantic .venv/bin/python -m pytest tests/test_int.py

Tests of satya-only behaviour are marked `satya_only`, and deliberate
divergences from pydantic are marked with `divergence(...)`, a strict xfail
that is lifted under the oracle."""

from __future__ import annotations

import collections.abc
import dataclasses
import datetime
import enum
import json
import math
import os
import platform
import re

import pydantic
import pytest

LIBRARY = os.environ.get("SATYA_TEST_LIBRARY", "satya")
if LIBRARY not in {"satya", "pydantic"}:
    raise RuntimeError(f"SATYA_TEST_LIBRARY must be 'satya' or 'pydantic', not {LIBRARY!r}")
ORACLE = LIBRARY == "pydantic"

if ORACLE:
    try:
        import satya
    except ImportError:  # the oracle does not need satya
        satya = None
    lib = pydantic
    Model = pydantic.BaseModel
else:
    import satya

    lib = satya
    Model = satya.Model

Field = lib.Field
ValidationError = lib.ValidationError
ANY_VALIDATION_ERROR = (pydantic.ValidationError,) + ((satya.ValidationError,) if satya is not None else ())

satya_only = pytest.mark.skipif(ORACLE, reason="satya-only behaviour; pydantic is the library under test")


def divergence(reason: str):
    """A deliberate, documented divergence from pydantic: a strict xfail for
    satya, a plain test under the oracle (where it must pass)."""
    if ORACLE:
        return lambda test: test
    return pytest.mark.xfail(reason=reason, strict=True)


_URL_LINE = re.compile(r"\n    For further information visit \S+")

# Native code is generated for these machines; elsewhere every class falls back
# to the interpreter.
NATIVE_MACHINE = platform.machine().lower() in {"x86_64", "amd64", "aarch64", "arm64"}
requires_native_code = pytest.mark.skipif(
    not NATIVE_MACHINE, reason="native code is generated for x86_64 and aarch64 only"
)


def one_field_model(annotation, field=None, *, strict=False, name="M", lib=None):
    """A model class named `name` with a single field `v`.

    `field` is a dict of `Field(...)` keyword arguments, or None for a bare
    annotation. `lib` is `satya` or `pydantic`; by default the library under
    test (satya, unless SATYA_TEST_LIBRARY=pydantic)."""
    if lib is None:
        lib = globals()["lib"]
    namespace = {"__annotations__": {"v": annotation}}
    if field is not None:
        namespace["v"] = lib.Field(**field)
    if strict:
        namespace["model_config"] = {"strict": True}
    base = pydantic.BaseModel if lib is pydantic else satya.Model
    return type(name, (base,), namespace)


def error_triples(exc) -> list[tuple]:
    """(type, loc, msg) of every error of a satya or pydantic ValidationError."""
    return [(e["type"], e["loc"], e["msg"]) for e in exc.errors()]


def plain(value):
    """A comparable view of a validated value: types are kept, NaN equals NaN
    and the sign of a zero float counts."""
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value, math.copysign(1.0, value))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [plain(v) for v in value])
    if isinstance(value, dict):
        return ("dict", [(plain(k), plain(v)) for k, v in value.items()])
    return (type(value).__name__, value)


def outcome(cls, data):
    """("ok", dumped values) or ("err", error triples) for `cls.model_validate(data)`."""
    try:
        instance = cls.model_validate(data)
    except ANY_VALIDATION_ERROR as exc:
        return ("err", error_triples(exc))
    return ("ok", plain(instance.model_dump()))


def field_outcome(cls, value):
    """Like `outcome`, for the single field `v`, with the dumped value unwrapped."""
    result = outcome(cls, {"v": value})
    if result[0] == "ok":
        return ("ok", dict(result[1][1])[("str", "v")])
    return result


def without_urls(text: str) -> str:
    """pydantic's error text without the "For further information" lines, which
    satya does not print."""
    return _URL_LINE.sub("", text)


def errors_of(exc) -> list[dict]:
    """`exc.errors()` without the "url" entries, which the tests do not compare."""
    try:
        return exc.errors(include_url=False)
    except TypeError:  # a satya build without errors(include_url=...)
        return exc.errors()


def validate_v(cls, value):
    """The validated value of field `v`."""
    return cls.model_validate({"v": value}).v


def single_error(cls, value) -> dict:
    """The one error that validating `{"v": value}` must produce."""
    with pytest.raises(ValidationError) as info:
        cls.model_validate({"v": value})
    errors = errors_of(info.value)
    assert len(errors) == 1, errors
    return errors[0]


# ---------------------------------------------------------------------------
# The two kinds of input. A test that takes the `inputs` fixture runs once with
# Python objects (`model_validate`) and once with the same data as JSON text
# (`model_validate_json`). Data that JSON cannot carry exactly is never sent
# through JSON: that run is skipped, with the reason.

INPUT_KINDS = ("python", "json")


def json_obstacle(data) -> str | None:
    """Why `data` cannot travel as JSON and come back as the same value, or None.

    Only the types JSON produces are carried (exactly dict with str keys, list,
    str, int, bool, float, None): a tuple would arrive as a list and an IntEnum
    as a plain int, which is another test."""
    if data is None or type(data) is bool:
        return None
    if type(data) is float:
        if math.isnan(data) and math.copysign(1.0, data) < 0:
            return "JSON's NaN has no sign"
        return None
    if type(data) is int:
        return None if abs(data) < 10 ** 4000 else "ints beyond 4000 digits are not JSON numbers pydantic reads"
    if type(data) is str:
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            return "a lone surrogate is not valid JSON text"
        return None
    if type(data) is list:
        for item in data:
            reason = json_obstacle(item)
            if reason:
                return reason
        return None
    if type(data) is dict:
        for key, item in data.items():
            if type(key) is not str:
                return f"JSON object keys are strings, not {type(key).__name__}"
            reason = json_obstacle(key) or json_obstacle(item)
            if reason:
                return reason
        return None
    return f"JSON cannot carry a {type(data).__name__}"


def to_json(data) -> str:
    """`data` as JSON text, with NaN and the infinities as pydantic's tokens."""
    reason = json_obstacle(data)
    assert reason is None, reason
    return json.dumps(data, ensure_ascii=False, allow_nan=True)


class Inputs:
    """Validates data as one kind of input, "python" or "json", and counts the
    validations so that the fixture can check the test really used its kind."""

    def __init__(self, kind: str):
        assert kind in INPUT_KINDS, kind
        self.kind = kind
        self.calls = {kind: 0 for kind in INPUT_KINDS}
        self.skipped: str | None = None

    @property
    def json(self) -> bool:
        return self.kind == "json"

    def __repr__(self):
        return f"Inputs({self.kind!r})"

    def python_only(self, reason: str):
        """Skips the JSON run of the calling test."""
        if self.json:
            self.skipped = reason
            pytest.skip(f"python input only: {reason}")

    def _json_text(self, data) -> str:
        reason = json_obstacle(data)
        if reason is not None:
            self.python_only(reason)
        return to_json(data)

    def validate(self, cls, data, **options):
        """`cls.model_validate(data)`, or `cls.model_validate_json` of the same data as JSON."""
        if self.json:
            text = self._json_text(data)
            self.calls["json"] += 1
            return cls.model_validate_json(text, **options)
        self.calls["python"] += 1
        return cls.model_validate(data, **options)

    def construct(self, cls, **fields):
        """`cls(**fields)`, or `cls.model_validate_json` of the fields as a JSON object."""
        if self.json:
            return self.validate(cls, fields)
        self.calls["python"] += 1
        return cls(**fields)

    def validate_v(self, cls, value):
        """The validated value of field `v`."""
        return self.validate(cls, {"v": value}).v

    def errors(self, cls, data, **options) -> list[dict]:
        """The errors that validating `data` must produce."""
        with pytest.raises(ValidationError) as info:
            self.validate(cls, data, **options)
        return errors_of(info.value)

    def construct_errors(self, cls, **fields) -> list[dict]:
        """The errors that `construct(cls, **fields)` must produce."""
        with pytest.raises(ValidationError) as info:
            self.construct(cls, **fields)
        return errors_of(info.value)

    def single_error(self, cls, value) -> dict:
        """The one error that validating `{"v": value}` must produce."""
        errors = self.errors(cls, {"v": value})
        assert len(errors) == 1, errors
        return errors[0]

    def same_input(self, reported, value) -> bool:
        """Whether an error's `input` is `value`: the very object for Python
        input, an equal value of the same type (NaN included) for JSON."""
        if self.json:
            return plain(reported) == plain(value)
        return reported is value

    def pick(self, *, python, json):
        """The expectation for this kind of input, where pydantic's JSON column differs."""
        return json if self.json else python

    def assert_exercised(self):
        """Called after the test: it validated through its own kind, and only that."""
        if self.skipped is not None:
            return
        other = "python" if self.json else "json"
        assert self.calls[self.kind] > 0, f"the {self.kind} run of this test never validated {self.kind} input"
        assert self.calls[other] == 0, f"the {self.kind} run of this test validated {other} input"


class BackendModels:
    """Defines model classes under one backend and checks that they got it.
    Under the oracle (backend "pydantic") it only defines them."""

    def __init__(self, backend: str):
        self.backend = backend

    def define(self, build, *, native: bool = True):
        """Calls `build()` with `satya.config.jit` set for this backend (and
        restored afterwards) and returns what it returns: a model class or a
        tuple of them. `native=False` is for classes whose checks cannot be
        compiled (patterns, bounds beyond 64 bits, nested constraints)."""
        if self.backend == "pydantic":
            return build()
        previous = satya.config.jit
        satya.config.jit = self.backend == "jit"
        try:
            result = build()
        finally:
            satya.config.jit = previous
        for cls in result if isinstance(result, tuple) else (result,):
            self.assert_backend(cls, native=native)
        return result

    def one_field(self, annotation, field=None, *, strict=False, native: bool = True):
        """`one_field_model` under this backend."""
        return self.define(lambda: one_field_model(annotation, field, strict=strict), native=native)

    def assert_backend(self, cls, *, native: bool = True) -> dict:
        """Asserts that `cls` runs its checks on this backend; returns `satya.inspect(cls)`."""
        info = satya.inspect(cls)
        assert info["backend"] == self.backend, (cls, info)
        if self.backend == "jit":
            if native:
                assert info["checks_compiled"] > 0 and info["native_functions"] > 0, (cls, info)
        else:
            assert info["checks_compiled"] == 0 and info["native_functions"] == 0, (cls, info)
        return info


# ---------------------------------------------------------------------------
# What the Enum and Literal tests share: str and int subclasses as inputs,
# one-field models with a config, and the differential against pydantic
# (raw JSON tokens, the (kind, data) pairs to validate and a comparable view
# of each validation and its dumps).

INT_PARSING_SIZE = "Unable to parse input string as an integer, exceeded maximum size"


class PlainMapping(collections.abc.Mapping):
    """A Mapping that is not a dict."""

    def __init__(self, data):
        self.data = data

    def __getitem__(self, key):
        return self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)


class MyStr(str):
    pass


class MyInt(int):
    pass


def config_model(annotation, *, library=None, **config):
    """A model class `M` with the single field `v` and `model_config = ConfigDict(**config)`."""
    library = library or lib
    base = pydantic.BaseModel if library is pydantic else satya.Model
    return type("M", (base,), {"__annotations__": {"v": annotation}, "model_config": library.ConfigDict(**config)})


def assert_same_value(result, expected):
    """`result` is `expected`, of the very same type; an Enum member is the member itself."""
    assert type(result) is type(expected), (result, expected)
    assert result == expected
    if isinstance(expected, enum.Enum):
        assert result is expected


class Raw:
    """JSON text to validate as written (Python input gets what it parses to)."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return f"Raw({self.text!r})"


def value_key(values):
    """A cache key that keeps 1, 1.0 and True apart."""
    return tuple((type(v), v) for v in values)


def differential_inputs(value):
    """(kind, data) pairs to validate: Python input unless `value` is raw
    JSON, and JSON input when JSON can carry it."""
    if isinstance(value, Raw):
        text = '{"v": %s}' % value.text
        return [("python", {"v": json.loads(text)["v"]}), ("json", text)]
    pairs = [("python", {"v": value})]
    if json_obstacle(value) is None:
        pairs.append(("json", to_json({"v": value})))
    return pairs


def error_class_name(exc) -> str:
    """The class of a raised error as pydantic would name it: a Model raises
    satya's ModelValidationError, which is a ValidationError."""
    name = type(exc).__name__
    return "ValidationError" if name == "ModelValidationError" else name


def _raised(exc) -> tuple:
    return (error_class_name(exc), str(exc))


def differential_attempt(cls, kind, data, strict, view=plain, *, ctx_view=None, raised=_raised, **dump_options):
    """A comparable view of validating `data` as `kind` input, and of the
    instance's dumps (with `dump_options`); `view` makes values (and errors'
    inputs) comparable, `ctx_view` errors' contexts, `raised` exceptions."""
    try:
        if kind == "json":
            instance = cls.model_validate_json(data, strict=strict)
        else:
            instance = cls.model_validate(data, strict=strict)
    except ANY_VALIDATION_ERROR as exc:
        return ("err", [(e["loc"], e["type"], e["msg"], ctx_view(e.get("ctx")) if ctx_view else e.get("ctx"),
                         view(e["input"])) for e in errors_of(exc)])
    except Exception as exc:  # noqa: BLE001 - the exception itself is compared
        return ("raises", *raised(exc))
    dumps = []
    for dump in (lambda: instance.model_dump(**dump_options), lambda: instance.model_dump(mode="json", **dump_options),
                 lambda: instance.model_dump_json(**dump_options)):
        try:
            dumps.append(("ok", view(dump())))
        except Exception as exc:  # noqa: BLE001
            dumps.append(("raises", *raised(exc)))
    return ("ok", view(instance.v), dumps)


def library_view(value):
    """Values of either library made comparable: a model by its class name and
    dump, a dataclass by its fields, a datetime or time by its ISO text (the
    libraries' UTC tzinfo differ), containers item by item."""
    if isinstance(value, (pydantic.BaseModel,) + ((satya.Model,) if satya is not None else ())):
        return ("model", type(value).__name__, library_view(value.model_dump()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return ("dataclass", type(value).__name__, library_view(dataclasses.asdict(value)))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [library_view(v) for v in value])
    if isinstance(value, dict):
        return ("dict", [(library_view(k), library_view(v)) for k, v in value.items()])
    if isinstance(value, (datetime.datetime, datetime.time)):
        return (type(value).__name__, value.isoformat())
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)
