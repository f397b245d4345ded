"""`Field(...)`, `FieldInfo` and the resolution of annotations (forward
references included); `_nodes.py` turns them into type nodes."""

from __future__ import annotations

import sys
import types
import typing
from typing import TYPE_CHECKING, Any, Callable, ForwardRef, Literal, TypeVar, overload

if TYPE_CHECKING:
    from decimal import Decimal

    from typing_extensions import TypedDict, Unpack

    from ._aliases import AliasChoices, AliasPath
    from ._unions import Discriminator

from ._v0_fields import V0_KEYWORDS, translate

_T = TypeVar("_T")

_MISSING = object()

_NUMERIC = ("gt", "ge", "lt", "le", "multiple_of")
_LENGTH = ("min_length", "max_length")
_TRANSFORMS = ("strip_whitespace", "to_lower", "to_upper")  # constr / StringConstraints only
# uuid and decimal
_DIGITS = ("max_digits", "decimal_places")
# emails and URLs: satya's checks on a str field (Field(email=True), Field(url=True))
_STR_CHECKS = ("email", "url")
_CONSTRAINTS = _NUMERIC + _LENGTH + ("pattern", "allow_inf_nan") + _TRANSFORMS + _DIGITS + _STR_CHECKS
# dates and times: set only by satya's markers (AwareDatetime, PastDate ...), never by Field()
_TEMPORAL_MARKS = ("tz_constraint", "now_op")
_METADATA = ("alias", "title", "description", "examples", "json_schema_extra", "field_title_generator")
# unions: how a union field picks its choice
_UNION = ("union_mode", "discriminator")
# what the model does with the field beyond validating it
# satya 0.x: `Field(enum=[...])` and `Field(unique_items=True)`, checked after the type
_V0_CHECKS = ("enum", "unique_items")
_OPTIONS = ("frozen", "validation_alias", "serialization_alias", "exclude", "repr", "validate_default", "deprecated")
# what pydantic's dataclasses read; a Model's field keeps them and, as in pydantic, ignores them
_DATACLASS_OPTIONS = ("init", "init_var", "kw_only")


class FieldInfo:
    """What `Field(...)` returns: a default, metadata and constraints."""

    __slots__ = ("default", "default_factory", "strict", "unknown", "annotation") + _CONSTRAINTS + _METADATA + _TEMPORAL_MARKS + _UNION + _OPTIONS + _V0_CHECKS + _DATACLASS_OPTIONS

    default: Any
    default_factory: Callable[[], Any] | None
    strict: bool | None
    unknown: dict[str, Any]
    annotation: Any
    # constraints
    gt: Any
    ge: Any
    lt: Any
    le: Any
    multiple_of: Any
    min_length: int | None
    max_length: int | None
    pattern: str | None
    allow_inf_nan: bool | None
    strip_whitespace: bool | None
    to_lower: bool | None
    to_upper: bool | None
    max_digits: int | None
    decimal_places: int | None
    email: bool | None
    url: bool | None
    # metadata
    alias: Any
    title: str | None
    description: str | None
    examples: list[Any] | None
    json_schema_extra: Any
    field_title_generator: Any
    # set by satya's date and time markers
    tz_constraint: str | None
    now_op: str | None
    # unions
    union_mode: str | None
    discriminator: Any
    # options
    frozen: bool | None
    validation_alias: Any
    serialization_alias: str | None
    exclude: bool | None
    repr: bool | None
    validate_default: bool | None
    deprecated: Any
    # satya 0.x
    enum: list[Any] | None
    unique_items: bool | None
    # dataclass options, kept and not used by a Model
    init: bool | None
    init_var: bool | None
    kw_only: bool | None

    def __init__(self, default=_MISSING, *, default_factory=None, strict=None, unknown=None, **kwargs):
        # `x: int = ...` and `Field(...)` declare a required field, as in pydantic
        self.default = _MISSING if default is Ellipsis else default
        self.default_factory = default_factory
        self.strict = strict
        self.unknown = unknown or {}
        self.annotation = None
        for name in _CONSTRAINTS + _METADATA + _UNION + _OPTIONS + _V0_CHECKS + _DATACLASS_OPTIONS:
            setattr(self, name, kwargs.pop(name, None))
        for name in _TEMPORAL_MARKS:
            setattr(self, name, None)
        self.unknown.update(kwargs)

    @property
    def deprecation_message(self) -> str | None:
        """The text a read of a deprecated field warns with."""
        if self.deprecated is None or self.deprecated is False:
            return None
        if isinstance(self.deprecated, bool):
            return "deprecated"
        return self.deprecated if isinstance(self.deprecated, str) else getattr(self.deprecated, "message", None)

    def is_required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    def constraints(self) -> dict:
        names = _CONSTRAINTS + _TEMPORAL_MARKS
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}

    def __repr__(self) -> str:
        parts = [f"annotation={_type_name(self.annotation)}", f"required={self.is_required()}"]
        if self.default is not _MISSING:
            parts.append(f"default={self.default!r}")
        if self.default_factory is not None:
            parts.append(f"default_factory={getattr(self.default_factory, '__name__', self.default_factory)}")
        for name in _METADATA + _CONSTRAINTS:
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value!r}")
        return f"FieldInfo({', '.join(parts)})"


if TYPE_CHECKING:
    class _FieldOptions(TypedDict, total=False):
        """The keywords of `Field` other than its default and validate_default."""

        alias: str | None
        title: str | None
        description: str | None
        gt: Any
        ge: Any
        lt: Any
        le: Any
        multiple_of: float | Decimal | None
        min_length: int | None
        max_length: int | None
        pattern: str | None
        strict: bool | None
        allow_inf_nan: bool | None
        examples: list[Any] | None
        json_schema_extra: dict[str, Any] | Callable[[dict[str, Any]], None] | None
        field_title_generator: Callable[[str, Any], str] | None
        max_digits: int | None
        decimal_places: int | None
        union_mode: Literal["smart", "left_to_right"] | None
        discriminator: str | Discriminator | None
        email: bool | None
        url: bool | None
        frozen: bool | None
        validation_alias: str | AliasPath | AliasChoices | None
        serialization_alias: str | None
        exclude: bool | None
        repr: bool | None
        deprecated: Any
        init: bool | None
        init_var: bool | None
        kw_only: bool | None
        # satya 0.x's keywords, translated (each warns)
        required: bool
        min_items: int
        max_items: int
        min_value: Any
        max_value: Any
        enum: list[Any]
        unique_items: bool
        example: Any
        strip_whitespace: bool
        to_lower: bool
        to_upper: bool


# A checker reads a field's type from its annotation: `Field(...)` is typed as
# its default's type (or Any when nothing says what the value is), never as the
# FieldInfo it returns at runtime. A default validated anyway may be of any type.
@overload
def Field(default: types.EllipsisType, *, validate_default: bool | None = None, **options: Unpack[_FieldOptions]) -> Any: ...
@overload
def Field(default: Any, *, validate_default: Literal[True], **options: Unpack[_FieldOptions]) -> Any: ...
@overload
def Field(default: _T, *, validate_default: Literal[False] | None = None, **options: Unpack[_FieldOptions]) -> _T: ...
@overload
def Field(*, default_factory: Callable[[], Any], validate_default: Literal[True],
          **options: Unpack[_FieldOptions]) -> Any: ...
@overload
def Field(*, default_factory: Callable[[], _T], validate_default: Literal[False] | None = None,
          **options: Unpack[_FieldOptions]) -> _T: ...
@overload
def Field(*, validate_default: bool | None = None, **options: Unpack[_FieldOptions]) -> Any: ...
def Field(default=_MISSING, *, default_factory=None, alias=None, title=None, description=None,
          gt=None, ge=None, lt=None, le=None, multiple_of=None, min_length=None, max_length=None,
          pattern=None, strict=None, allow_inf_nan=None, examples=None, json_schema_extra=None,
          max_digits=None, decimal_places=None, union_mode=None, discriminator=None, email=None, url=None,
          frozen=None, validation_alias=None, serialization_alias=None, exclude=None, repr=None,
          validate_default=None, deprecated=None, init=None, init_var=None, kw_only=None,
          field_title_generator=None, **unknown) -> Any:
    """Declares a field's default, alias, metadata and constraints.

    On a `str` field, satya's own `email=True` checks the value as `EmailStr`
    does and stores the normalised address (a str); `url=True` checks it as
    `HttpUrl` does (http and https only) but keeps the text as given (no trailing slash or punycode
    added), which is what a str field is for.

    An unknown keyword is reported when the class statement runs, naming the
    class and the field."""
    if default is not _MISSING and default is not Ellipsis and default_factory is not None:
        unknown["default and default_factory"] = "both given"
    options = dict(default=default, default_factory=default_factory, strict=strict,
                   alias=alias, title=title, description=description, gt=gt, ge=ge, lt=lt, le=le,
                   multiple_of=multiple_of, min_length=min_length, max_length=max_length,
                   pattern=pattern, allow_inf_nan=allow_inf_nan, examples=examples,
                   json_schema_extra=json_schema_extra, max_digits=max_digits, decimal_places=decimal_places,
                   union_mode=union_mode, discriminator=discriminator, email=email, url=url, frozen=frozen,
                   validation_alias=validation_alias, serialization_alias=serialization_alias,
                   exclude=exclude, repr=repr, validate_default=validate_default, deprecated=deprecated,
                   init=init, init_var=init_var, kw_only=kw_only, field_title_generator=field_title_generator)
    if unknown.keys() & set(V0_KEYWORDS):
        translate({k: unknown.pop(k) for k in V0_KEYWORDS if k in unknown}, options, unknown)
    return FieldInfo(unknown=dict(unknown), **options)


class Unresolved(Exception):
    """A forward reference that cannot be resolved yet."""


def _type_name(tp) -> str:
    if isinstance(tp, type):
        return tp.__name__
    return repr(tp).replace("typing.", "")


def _forward_refs(tp):
    """`tp` with every str inside a builtin generic (`list["Node"]`) made a
    ForwardRef, which 3.10's `typing._eval_type` leaves as a plain str."""
    if isinstance(tp, str):
        return ForwardRef(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if not args or origin is typing.Literal:  # a Literal's strings are values
        return tp
    if origin is typing.Annotated:
        return typing.Annotated[(_forward_refs(args[0]), *args[1:])]
    new = tuple(_forward_refs(a) for a in args)
    if all(a is b for a, b in zip(new, args)):
        return tp
    if isinstance(tp, types.GenericAlias):
        return types.GenericAlias(origin, new)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[new]
    return tp


def resolve(annotation, globalns, localns, type_params=()):
    """Evaluates string annotations and forward references inside generics;
    `type_params` are a PEP 695 class's own type variables."""
    if sys.version_info < (3, 11):
        annotation = _forward_refs(annotation)
    if isinstance(annotation, str):
        annotation = ForwardRef(annotation)
    try:
        if sys.version_info >= (3, 13):
            return typing._eval_type(annotation, globalns, localns, type_params=tuple(type_params))
        if type_params:  # before 3.13 the class's own variables are found as names
            localns = {**{p.__name__: p for p in type_params}, **localns}
        return typing._eval_type(annotation, globalns, localns)
    except NameError as exc:
        raise Unresolved(str(exc)) from None


def is_classvar(annotation) -> bool:
    if annotation is typing.ClassVar or typing.get_origin(annotation) is typing.ClassVar:
        return True
    return isinstance(annotation, str) and annotation.replace(" ", "").startswith(("ClassVar", "typing.ClassVar"))


class TemporalMark:
    """Metadata of satya's AwareDatetime, PastDate ...: one schema setting."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: str):
        self.name = name
        self.value = value

    def __repr__(self) -> str:
        return f"TemporalMark({self.name}={self.value!r})"


# what a Field() inside Annotated[...] gives the field itself, beyond its constraints
_FIELD_OPTIONS = _METADATA + _OPTIONS


def with_annotated_options(declared: FieldInfo, annotation) -> FieldInfo:
    """`declared` with the default and options of the `Field()`s inside a
    top-level `Annotated[...]`, as pydantic merges them: a later one wins, and
    what the assignment itself sets wins over all of them. The constraints stay
    in the annotation, where the node builder reads them in order."""
    if typing.get_origin(annotation) is not typing.Annotated:
        return declared
    inner = [m for m in typing.get_args(annotation)[1:] if isinstance(m, FieldInfo)]
    if not inner:
        return declared
    merged = FieldInfo.__new__(FieldInfo)
    for name in FieldInfo.__slots__:
        setattr(merged, name, getattr(declared, name))
    merged.unknown = dict(declared.unknown)
    for name in _FIELD_OPTIONS:
        if getattr(declared, name) is None:
            found = [getattr(m, name) for m in inner if getattr(m, name) is not None]
            if found:
                setattr(merged, name, found[-1])
    if declared.default is _MISSING and declared.default_factory is None:
        for m in inner:
            if m.default is not _MISSING or m.default_factory is not None:
                merged.default, merged.default_factory = m.default, m.default_factory
    return merged
