"""satya 0.x's scalar validators: `StringValidator`, `IntValidator`,
`NumberValidator` and `BooleanValidator`.

Each is kept for 0.x code and warns at construction: a `TypeAdapter` of an
`Annotated[...]` type does the same job. Values are validated as a strict
field of that type would validate them, as 0.x's validators did (an int
validator refuses `"3"` and `True`, as pydantic's `Annotated[int, Strict()]`
does); `validate` returns 0.x's `ValidationResult` instead of raising.
"""

from __future__ import annotations

from typing import Annotated, Any

from ._fields import Field
from ._networks import EmailStr, HttpUrl
from ._v0_validators import ValueValidator, deprecated, enum_check, field_keywords

__all__ = ["StringValidator", "IntValidator", "NumberValidator", "BooleanValidator"]


def _email_words(line: dict) -> str:
    return f"Invalid email format: {(line.get('ctx') or {}).get('reason') or line['msg']}"


def _url_words(line: dict) -> str:
    return f"Invalid URL format: {line['msg']}"


def _constrained(base: type, keywords: dict) -> Any:
    return Annotated[base, Field(**keywords)] if keywords else base


class StringValidator(ValueValidator):
    """A string, optionally of bounded length, matching `pattern`, an email
    address (`email=True`), an http(s) URL (`url=True`) or one of `enum`."""

    def __init__(self, *, min_length: int | None = None, max_length: int | None = None, pattern: str | None = None,
                 email: bool = False, url: bool = False, enum: list[str] | None = None):
        deprecated("`StringValidator` is deprecated; use `TypeAdapter(Annotated[str, Field(min_length=..., "
                   "max_length=..., pattern=...)])` instead, with `EmailStr`, `HttpUrl` or `Literal[...]` "
                   "for email=, url= and enum=.")
        self.min_length = min_length
        self.max_length = max_length
        self.pattern = pattern
        self.email = email
        self.url = url
        self.enum = enum
        checks = [(EmailStr, _email_words)] if email else []
        if url:
            checks.append((HttpUrl, _url_words))
        members = enum_check(type(self).__name__, enum, (str,), "string")
        if members is not None:
            checks.append(members)
        keywords = field_keywords(min_length=min_length, max_length=max_length, pattern=pattern)
        self._compile(_constrained(str, keywords), checks, strict=True)


class _Bounded(ValueValidator):
    """A number within bounds, a multiple of `multiple_of`, one of `enum`."""

    _base: type
    _kind: str
    _members: tuple[type, ...]

    def __init__(self, *, ge=None, le=None, gt=None, lt=None, multiple_of=None, enum=None):
        name = type(self).__name__
        deprecated(f"`{name}` is deprecated; use `TypeAdapter(Annotated[{self._base.__name__}, "
                   "Field(ge=..., le=..., gt=..., lt=..., multiple_of=...)])` instead, with `Literal[...]` for enum=.",
                   stacklevel=4)  # the user's line, past the subclass's __init__
        self.ge = ge
        self.le = le
        self.gt = gt
        self.lt = lt
        self.multiple_of = multiple_of
        self.enum = enum
        members = enum_check(name, enum, self._members, self._kind)
        keywords = field_keywords(ge=ge, le=le, gt=gt, lt=lt, multiple_of=multiple_of)
        self._compile(_constrained(self._base, keywords), [members] if members is not None else [], strict=True)


class IntValidator(_Bounded):
    """An integer (as a field of type `int` takes it), optionally bounded, a
    multiple of `multiple_of`, or one of `enum`."""

    _base = int
    _kind = "integer"
    _members = (int,)

    def __init__(self, *, ge: int | None = None, le: int | None = None, gt: int | None = None, lt: int | None = None,
                 multiple_of: int | None = None, enum: list[int] | None = None):
        super().__init__(ge=ge, le=le, gt=gt, lt=lt, multiple_of=multiple_of, enum=enum)


class NumberValidator(_Bounded):
    """A number (as a field of type `float` takes it, so ints become floats),
    optionally bounded, a multiple of `multiple_of`, or one of `enum`."""

    _base = float
    _kind = "number"
    _members = (int, float)

    def __init__(self, *, ge: float | None = None, le: float | None = None, gt: float | None = None,
                 lt: float | None = None, multiple_of: float | None = None, enum: list[float] | None = None):
        super().__init__(ge=ge, le=le, gt=gt, lt=lt, multiple_of=multiple_of, enum=enum)


class BooleanValidator(ValueValidator):
    """A boolean (as a field of type `bool` takes it), optionally one of `enum`."""

    def __init__(self, *, enum: list[bool] | None = None):
        deprecated("`BooleanValidator` is deprecated; use `TypeAdapter(bool)` instead, "
                   "with `Literal[...]` for enum=.")
        self.enum = enum
        members = enum_check(type(self).__name__, enum, (bool,), "boolean")
        self._compile(bool, [members] if members is not None else [], strict=True)

