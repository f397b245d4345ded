"""Helpers shared by the test modules: one-field models for satya and pydantic,
models defined under a chosen constraint backend, and plain views of validation
outcomes that can be compared."""

from __future__ import annotations

import math
import platform
import re

import pydantic
import pytest

import satya

_URL_LINE = re.compile(r"\n    For further information visit \S+")

# Native code is generated for these machines; elsewhere every class falls back
# to the interpreter.
NATIVE_MACHINE = platform.machine().lower() in {"x86_64", "amd64", "aarch64", "arm64"}
requires_native_code = pytest.mark.skipif(
    not NATIVE_MACHINE, reason="native code is generated for x86_64 and aarch64 only"
)


def one_field_model(annotation, field=None, *, strict=False, name="M", lib=satya):
    """A model class named `name` with a single field `v`.

    `field` is a dict of `Field(...)` keyword arguments, or None for a bare
    annotation. `lib` is `satya` or `pydantic`."""
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
    except (satya.ValidationError, pydantic.ValidationError) as exc:
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


def validate_v(cls, value):
    """The validated value of field `v`."""
    return cls.model_validate({"v": value}).v


def single_error(cls, value) -> dict:
    """The one error that validating `{"v": value}` must produce."""
    with pytest.raises(satya.ValidationError) as info:
        cls.model_validate({"v": value})
    errors = info.value.errors()
    assert len(errors) == 1, errors
    return errors[0]


class BackendModels:
    """Defines model classes under one backend and checks that they got it."""

    def __init__(self, backend: str):
        self.backend = backend

    def define(self, build, *, native: bool = True):
        """Calls `build()` with `satya.config.jit` set for this backend (and
        restored afterwards) and returns what it returns: a model class or a
        tuple of them. `native=False` is for classes whose checks cannot be
        compiled (patterns, bounds beyond 64 bits, nested constraints)."""
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
