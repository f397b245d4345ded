"""`Field(...)` and the translation of annotations into the type nodes that the
native core compiles."""

from __future__ import annotations

import datetime
import math
import sys
import types
import typing
from typing import Any, ForwardRef

from .errors import SchemaError

_MISSING = object()

_NUMERIC = ("gt", "ge", "lt", "le", "multiple_of")
_LENGTH = ("min_length", "max_length")
_CONSTRAINTS = _NUMERIC + _LENGTH + ("pattern", "allow_inf_nan")
# dates and times: set only by satya's markers (AwareDatetime, PastDate ...), never by Field()
_TEMPORAL_MARKS = ("tz_constraint", "now_op")
_METADATA = ("alias", "title", "description", "examples", "json_schema_extra")


class FieldInfo:
    """What `Field(...)` returns: a default, metadata and constraints."""

    __slots__ = ("default", "default_factory", "strict", "unknown", "annotation") + _CONSTRAINTS + _METADATA + _TEMPORAL_MARKS

    def __init__(self, default=_MISSING, *, default_factory=None, strict=None, unknown=None, **kwargs):
        self.default = default
        self.default_factory = default_factory
        self.strict = strict
        self.unknown = unknown or {}
        self.annotation = None
        for name in _CONSTRAINTS + _METADATA:
            setattr(self, name, kwargs.pop(name, None))
        for name in _TEMPORAL_MARKS:
            setattr(self, name, None)
        self.unknown.update(kwargs)

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


def Field(default=_MISSING, *, default_factory=None, alias=None, title=None, description=None,
          gt=None, ge=None, lt=None, le=None, multiple_of=None, min_length=None, max_length=None,
          pattern=None, strict=None, allow_inf_nan=None, examples=None, json_schema_extra=None,
          **unknown) -> Any:
    """Declares a field's default, alias, metadata and constraints.

    An unknown keyword is reported when the class statement runs, naming the
    class and the field."""
    if default is not _MISSING and default_factory is not None:
        unknown["default and default_factory"] = "both given"
    return FieldInfo(default, default_factory=default_factory, strict=strict, unknown=dict(unknown),
                     alias=alias, title=title, description=description, gt=gt, ge=ge, lt=lt, le=le,
                     multiple_of=multiple_of, min_length=min_length, max_length=max_length,
                     pattern=pattern, allow_inf_nan=allow_inf_nan, examples=examples,
                     json_schema_extra=json_schema_extra)


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
    if not args:
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


def resolve(annotation, globalns, localns):
    """Evaluates string annotations and forward references inside generics."""
    if sys.version_info < (3, 11):
        annotation = _forward_refs(annotation)
    if isinstance(annotation, str):
        annotation = ForwardRef(annotation)
    try:
        if sys.version_info >= (3, 13):
            # 3.13 warns unless type_params is given; satya models have none
            return typing._eval_type(annotation, globalns, localns, type_params=())
        return typing._eval_type(annotation, globalns, localns)
    except NameError as exc:
        raise Unresolved(str(exc)) from None


def is_classvar(annotation) -> bool:
    if annotation is typing.ClassVar or typing.get_origin(annotation) is typing.ClassVar:
        return True
    return isinstance(annotation, str) and annotation.replace(" ", "").startswith(("ClassVar", "typing.ClassVar"))


_SCALARS = {int: "int", float: "float", str: "str", bool: "bool", bytes: "bytes"}

# dates and times
_TEMPORAL = {datetime.datetime: "datetime", datetime.date: "date", datetime.time: "time",
             datetime.timedelta: "timedelta"}
_BOUNDS = ("gt", "ge", "lt", "le")


class TemporalMark:
    """Metadata of satya's AwareDatetime, PastDate ...: one schema setting."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: str):
        self.name = name
        self.value = value

    def __repr__(self) -> str:
        return f"TemporalMark({self.name}={self.value!r})"


def _annotated_bounds(meta):
    """The bounds of an annotated_types `Gt`, `Ge`, `Lt`, `Le` or `Interval`."""
    module = type(meta).__module__
    if module != "annotated_types":
        return ()
    return [(name, getattr(meta, name)) for name in _BOUNDS if getattr(meta, name, None) is not None]


class NodeBuilder:
    """Turns one resolved annotation into a type node (a plain dict)."""

    def __init__(self, where: str, model_base: type, strict: bool):
        self.where = where
        self.model_base = model_base
        self.strict = strict

    def fail(self, message: str):
        raise SchemaError(f"{self.where}: {message}")

    def node(self, tp, field: FieldInfo | None = None) -> dict:
        """`field` carries the constraints and strictness for this level."""
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            inner, *metadata = typing.get_args(tp)
            merged = FieldInfo()
            for meta in metadata:
                if isinstance(meta, FieldInfo):
                    self.check_unknown(meta)
                    for name in _CONSTRAINTS:
                        if getattr(meta, name) is not None:
                            setattr(merged, name, getattr(meta, name))
                    if meta.strict is not None:
                        merged.strict = meta.strict
                # dates and times: satya's markers and annotated_types bounds
                elif isinstance(meta, TemporalMark):
                    setattr(merged, meta.name, meta.value)
                else:
                    for name, value in _annotated_bounds(meta):
                        setattr(merged, name, value)
            if field is not None:
                for name in _CONSTRAINTS:
                    if getattr(field, name) is not None:
                        setattr(merged, name, getattr(field, name))
                if field.strict is not None:
                    merged.strict = field.strict
            return self.node(inner, merged)
        if origin in (typing.Union, types.UnionType):
            args = typing.get_args(tp)
            non_none = [a for a in args if a is not type(None)]
            if len(non_none) == 1 and len(args) == 2:
                return {"kind": "nullable", "inner": self.node(non_none[0], field)}
            self.fail(f"unions other than Optional[X] are not supported yet: {_type_name(tp)}")
        strict = self.strict if field is None or field.strict is None else bool(field.strict)
        constraints = field.constraints() if field is not None else {}
        if tp in _SCALARS:
            kind = _SCALARS[tp]
        elif tp in _TEMPORAL:
            kind = _TEMPORAL[tp]
        elif tp is None or tp is type(None):
            kind = "none"
        elif tp is Any or tp is object:
            kind = "any"
        elif tp in (list, typing.List) or origin is list:
            args = typing.get_args(tp)
            node = {"kind": "list", "strict": strict}
            if args:
                node["inner"] = self.node(args[0])
            return self.with_constraints(node, constraints, "list")
        elif tp in (dict, typing.Dict) or origin is dict:
            args = typing.get_args(tp)
            node = {"kind": "dict", "strict": strict}
            if args:
                node["key"] = self.node(args[0])
                node["value"] = self.node(args[1])
            return self.with_constraints(node, constraints, "dict")
        elif isinstance(tp, type) and issubclass(tp, self.model_base):
            node = {"kind": "model", "cls": tp}
            return self.with_constraints(node, constraints, tp.__name__)
        else:
            self.fail(f"unsupported annotation {_type_name(tp)}")
        return self.with_constraints({"kind": kind, "strict": strict}, constraints, kind)

    def check_unknown(self, field: FieldInfo):
        if field.unknown:
            name = next(iter(field.unknown))
            if name == "default and default_factory":
                self.fail("cannot set both default and default_factory")
            self.fail(f"Field() got an unexpected keyword argument {name!r}")

    def with_constraints(self, node: dict, constraints: dict, type_name: str) -> dict:
        if not constraints:
            return node
        kind = node["kind"]
        allowed = {
            "int": _NUMERIC, "float": _NUMERIC + ("allow_inf_nan",), "str": _LENGTH + ("pattern",),
            "bytes": _LENGTH, "list": _LENGTH, "dict": _LENGTH,
            # dates and times: bounds of their own type, checked in the core
            "datetime": _BOUNDS + _TEMPORAL_MARKS, "date": _BOUNDS + ("now_op",),
            "time": _BOUNDS, "timedelta": _BOUNDS,
        }.get(kind, ())
        for name in constraints:
            if name not in allowed:
                self.fail(f"constraint {name!r} does not apply to {type_name}")
        if kind == "int":
            constraints = {k: self.int_bound(k, v) for k, v in constraints.items()}
            self.check_int_range(constraints)
        elif kind in _TEMPORAL.values():
            pass  # the core reads each bound as its field's type and refuses one that is not
        elif kind == "float":
            constraints = dict(constraints)
            if "allow_inf_nan" in constraints:
                node["allow_inf_nan"] = bool(constraints.pop("allow_inf_nan"))
            constraints = {k: self.float_bound(k, v) for k, v in constraints.items()}
            self.check_float_range(constraints)
        else:
            for name in _LENGTH:
                if name in constraints:
                    value = constraints[name]
                    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                        self.fail(f"{name} must be a non-negative int, got {value!r}")
                    if value >= 2**64:
                        self.fail(f"{name}={value} is too large (at most 2**64 - 1)")
            if constraints.get("min_length", 0) > constraints.get("max_length", math.inf):
                self.fail(f"min_length={constraints['min_length']} is greater than max_length={constraints['max_length']}")
            if "pattern" in constraints and not isinstance(constraints["pattern"], str):
                self.fail(f"pattern must be a str, got {constraints['pattern']!r}")
        node["constraints"] = constraints
        return node

    def int_bound(self, name, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{name} must be a number, got {value!r}")
        if isinstance(value, float):
            if not value.is_integer():
                self.fail(f"{name}={value!r} must be a whole number for an int field")
            value = int(value)
        if name == "multiple_of" and value <= 0:
            self.fail(f"multiple_of must be greater than 0, got {value!r}")
        return value

    def float_bound(self, name, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{name} must be a number, got {value!r}")
        value = float(value)
        if math.isnan(value):
            self.fail(f"{name} must not be NaN")
        if name == "multiple_of" and (value <= 0 or math.isinf(value)):
            self.fail(f"multiple_of must be finite and greater than 0, got {value!r}")
        return value

    def check_int_range(self, c):
        lows = [c["ge"]] if "ge" in c else []
        lows += [c["gt"] + 1] if "gt" in c else []
        highs = [c["le"]] if "le" in c else []
        highs += [c["lt"] - 1] if "lt" in c else []
        if lows and highs and max(lows) > min(highs):
            self.fail(f"contradictory bounds {self.describe(c)}: no int satisfies them")

    def check_float_range(self, c):
        for low in ("gt", "ge"):
            for high in ("lt", "le"):
                if low in c and high in c:
                    if c[low] > c[high] or (c[low] == c[high] and (low == "gt" or high == "lt")):
                        self.fail(f"contradictory bounds {self.describe(c)}: no float satisfies them")

    @staticmethod
    def describe(c) -> str:
        return ", ".join(f"{k}={c[k]!r}" for k in ("gt", "ge", "lt", "le") if k in c)
