"""The types of satya 0.x's `satya.special_types`, with pydantic's meaning.

Each name annotates exactly as pydantic's type of the same name (and as
satya's top-level one). Each can also be called as 0.x code called it: the
call validates its argument as a field of that type would, in lax mode, and
gives the validated value or raises `satya.ValidationError` (a `ValueError`;
when every error is of the wrong input type, one that is also a `TypeError`):

    PositiveInt(5)        # 5
    PositiveInt(-1)       # ValidationError: Input should be greater than 0
    conint(gt=0)(3)       # 3
    UUID4("...")          # a uuid.UUID of version 4
    ByteSize("1.5 KiB")   # ByteSize(1536)

The values are pydantic's: a URL type gives its URL object, a UUID type a
`uuid.UUID`, a path type a `pathlib.Path`. `Json(text)` gives an object whose
`.parsed` is the document; `Json[T]` and a bare `Json` annotation parse
their input as pydantic's `Json` does.
"""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Any

from . import _dates, _uuid, types as _types
from ._byte_size import ByteSize as _ByteSize
from ._json_type import Json as _JsonMarker
from ._networks import EmailStr as _EmailStr, NameEmail as _NameEmail
from .errors import ValidationError

__all__ = [
    "SecretStr", "SecretBytes",
    "FilePath", "DirectoryPath", "NewPath",
    "EmailStr", "HttpUrl", "AnyUrl", "AnyHttpUrl", "FileUrl", "FtpUrl", "WebsocketUrl",
    "IPvAnyAddress", "IPvAnyInterface", "IPvAnyNetwork", "NameEmail",
    "PostgresDsn", "MySQLDsn", "RedisDsn", "MongoDsn", "KafkaDsn",
    "PositiveInt", "NegativeInt", "NonNegativeInt", "NonPositiveInt",
    "PositiveFloat", "NegativeFloat", "NonNegativeFloat", "NonPositiveFloat", "FiniteFloat",
    "StrictStr", "StrictInt", "StrictFloat", "StrictBool", "StrictBytes",
    "conint", "confloat", "constr", "conbytes", "conlist", "conset", "confrozenset", "condecimal",
    "UUID1", "UUID3", "UUID4", "UUID5",
    "FutureDate", "PastDate", "FutureDatetime", "PastDatetime", "AwareDatetime", "NaiveDatetime",
    "ByteSize", "Json",
]

# Classes whose own call already validates (or is pydantic's constructor) are
# satya's classes themselves.
from ._dsn import KafkaDsn, MongoDsn, MySQLDsn, PostgresDsn, RedisDsn  # noqa: E402
from ._network import IPvAnyAddress, IPvAnyInterface, IPvAnyNetwork  # noqa: E402
from ._networks import AnyHttpUrl, AnyUrl, FileUrl, FtpUrl, HttpUrl, WebsocketUrl  # noqa: E402
from ._secret import SecretBytes, SecretStr  # noqa: E402


class TypeValidationError(ValidationError, TypeError):
    """A ValidationError whose every error is an input of the wrong type;
    a TypeError too, as 0.x raised for those."""

    __slots__ = ()


def _raise_as_0x(exc: ValidationError) -> typing.NoReturn:
    if exc.errors() and all(error["type"].endswith("_type") for error in exc.errors()):
        # the native error cannot be built anew, but its class can be narrowed
        exc.__class__ = TypeValidationError
    raise exc.with_traceback(None) from None


class _ValidatingAlias(typing._AnnotatedAlias, _root=True):
    """An `Annotated[...]` alias, equal to and read as the plain one, whose
    call validates a value instead of calling the bare type."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if len(args) != 1 or kwargs:
            raise TypeError(f"{self!r} validates one value; got {len(args)} positional and {len(kwargs)} keyword "
                            "arguments")
        adapter = self.__dict__.get("__satya_adapter__")
        if adapter is None:
            from .type_adapter import TypeAdapter

            adapter = TypeAdapter(typing.Annotated[(self.__origin__, *self.__metadata__)])
            self.__satya_adapter__ = adapter
        try:
            return adapter.validate_python(args[0])
        except ValidationError as exc:
            _raise_as_0x(exc)


def _validating(alias) -> Any:
    return _ValidatingAlias(alias.__origin__, alias.__metadata__)


class _Named:
    """Metadata naming what a bare class is called in this module (read by nothing)."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"satya.special_types.{self.name}"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, _Named) and other.name == self.name

    def __hash__(self) -> int:
        return hash((_Named, self.name))


class _NameEmailAlias(_ValidatingAlias, _root=True):
    """`NameEmail("Name <address>")` validates; `NameEmail(name, email)` builds, as pydantic's."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if len(args) + len(kwargs) == 2:
            return _NameEmail(*args, **kwargs)
        return super().__call__(*args, **kwargs)


class ByteSize(_ByteSize):
    """pydantic's ByteSize; calling it reads a size as a field does (`"1.5 KiB"`, `"10MB"`, `1024`)."""

    def __new__(cls, value: Any = 0) -> ByteSize:
        if type(value) is int:
            return super().__new__(cls, value)
        try:
            parsed = _byte_size_adapter().validate_python(value)
        except ValidationError as exc:
            _raise_as_0x(exc)
        return super().__new__(cls, parsed)


_ADAPTERS: dict = {}


def _byte_size_adapter():
    if "byte_size" not in _ADAPTERS:
        from .type_adapter import TypeAdapter

        _ADAPTERS["byte_size"] = TypeAdapter(_ByteSize)
    return _ADAPTERS["byte_size"]


class Json(_JsonMarker):
    """`Json[T]` and a bare `Json` annotation are pydantic's; `Json(text)`
    checks the text is JSON and keeps it, with the document as `.parsed`."""

    __slots__ = ("_text", "_parsed")

    def __new__(cls, *args: Any) -> Any:
        if not args:  # the marker `Json[T]` puts in its metadata
            return _JsonMarker()
        (text,) = args
        if "json" not in _ADAPTERS:
            from .type_adapter import TypeAdapter

            _ADAPTERS["json"] = TypeAdapter(_JsonMarker)
        try:
            parsed = _ADAPTERS["json"].validate_python(text)
        except ValidationError as exc:
            _raise_as_0x(exc)
        document = object.__new__(cls)
        document._text = text
        document._parsed = parsed
        return document

    def __init__(self, *args: Any) -> None:
        """Nothing to do: `__new__` has parsed and stored the text."""

    @property
    def parsed(self) -> Any:
        return self._parsed

    def __str__(self) -> str:
        text = self._text
        return text if isinstance(text, str) else bytes(text).decode()

    def __repr__(self) -> str:
        return f"Json({self._text!r})"

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, Json):
            return NotImplemented
        return self._parsed == other._parsed

    __hash__ = None  # equal by the document, which may be mutable


EmailStr = _ValidatingAlias(_EmailStr, (_Named("EmailStr"),))
NameEmail = _NameEmailAlias(_NameEmail, (_Named("NameEmail"),))

FilePath = _validating(_types.FilePath)
DirectoryPath = _validating(_types.DirectoryPath)
NewPath = _validating(_types.NewPath)

PositiveInt = _validating(_types.PositiveInt)
NegativeInt = _validating(_types.NegativeInt)
NonNegativeInt = _validating(_types.NonNegativeInt)
NonPositiveInt = _validating(_types.NonPositiveInt)
PositiveFloat = _validating(_types.PositiveFloat)
NegativeFloat = _validating(_types.NegativeFloat)
NonNegativeFloat = _validating(_types.NonNegativeFloat)
NonPositiveFloat = _validating(_types.NonPositiveFloat)
FiniteFloat = _validating(_types.FiniteFloat)

StrictStr = _validating(_types.StrictStr)
StrictInt = _validating(_types.StrictInt)
StrictFloat = _validating(_types.StrictFloat)
StrictBool = _validating(_types.StrictBool)
StrictBytes = _validating(_types.StrictBytes)

UUID1 = _validating(_uuid.UUID1)
UUID3 = _validating(_uuid.UUID3)
UUID4 = _validating(_uuid.UUID4)
UUID5 = _validating(_uuid.UUID5)

FutureDate = _validating(_dates.FutureDate)
PastDate = _validating(_dates.PastDate)
FutureDatetime = _validating(_dates.FutureDatetime)
PastDatetime = _validating(_dates.PastDatetime)
AwareDatetime = _validating(_dates.AwareDatetime)
NaiveDatetime = _validating(_dates.NaiveDatetime)


def conint(*, strict=None, gt=None, ge=None, lt=None, le=None, multiple_of=None) -> Any:
    """pydantic's `conint`; the type it gives also validates when called."""
    return _validating(_types.conint(strict=strict, gt=gt, ge=ge, lt=lt, le=le, multiple_of=multiple_of))


def confloat(*, strict=None, gt=None, ge=None, lt=None, le=None, multiple_of=None, allow_inf_nan=None) -> Any:
    """pydantic's `confloat`; the type it gives also validates when called."""
    return _validating(_types.confloat(strict=strict, gt=gt, ge=ge, lt=lt, le=le, multiple_of=multiple_of,
                                       allow_inf_nan=allow_inf_nan))


def constr(*, strip_whitespace=None, to_upper=None, to_lower=None, strict=None, min_length=None, max_length=None,
           pattern=None) -> Any:
    """pydantic's `constr`; the type it gives also validates (and transforms) when called."""
    return _validating(_types.constr(strip_whitespace=strip_whitespace, to_upper=to_upper, to_lower=to_lower,
                                     strict=strict, min_length=min_length, max_length=max_length, pattern=pattern))


def conbytes(*, min_length=None, max_length=None, strict=None) -> Any:
    """pydantic's `conbytes`; the type it gives also validates when called."""
    return _validating(_types.conbytes(min_length=min_length, max_length=max_length, strict=strict))


def condecimal(*, strict=None, gt=None, ge=None, lt=None, le=None, multiple_of=None, max_digits=None,
               decimal_places=None, allow_inf_nan=None) -> Any:
    """pydantic's `condecimal`; the type it gives also validates when called."""
    return _validating(_types.condecimal(strict=strict, gt=gt, ge=ge, lt=lt, le=le, multiple_of=multiple_of,
                                         max_digits=max_digits, decimal_places=decimal_places,
                                         allow_inf_nan=allow_inf_nan))


# 0.x let the item type be left out; it is then Any
def conlist(item_type: Any = Any, *, min_length=None, max_length=None) -> Any:
    """pydantic's `conlist`; the type it gives also validates when called."""
    return _validating(_types.conlist(item_type, min_length=min_length, max_length=max_length))


def conset(item_type: Any = Any, *, min_length=None, max_length=None) -> Any:
    """pydantic's `conset`; the type it gives also validates when called."""
    return _validating(_types.conset(item_type, min_length=min_length, max_length=max_length))


def confrozenset(item_type: Any = Any, *, min_length=None, max_length=None) -> Any:
    """pydantic's `confrozenset`; the type it gives also validates when called."""
    return _validating(_types.confrozenset(item_type, min_length=min_length, max_length=max_length))


if TYPE_CHECKING:  # type checkers see pydantic's spellings: `x: PositiveInt = 5` checks
    from .types import (  # noqa: F811
        ByteSize, DirectoryPath, EmailStr, FilePath, FiniteFloat, Json, NameEmail, NegativeFloat, NegativeInt,
        NewPath, NonNegativeFloat, NonNegativeInt, NonPositiveFloat, NonPositiveInt, PositiveFloat, PositiveInt,
        StrictBool, StrictBytes, StrictFloat, StrictInt, StrictStr, conbytes, condecimal, confloat, confrozenset,
        conint, conlist, conset, constr,
    )
    from ._dates import AwareDatetime, FutureDate, FutureDatetime, NaiveDatetime, PastDate, PastDatetime  # noqa
    from ._uuid import UUID1, UUID3, UUID4, UUID5  # noqa: F811
