"""The translation of resolved annotations into the type nodes the native
core compiles, with every constraint checked at class definition."""

from __future__ import annotations

import datetime
import decimal
import enum
import math
import sys
import types
import typing
import uuid
from typing import Any

# containers
from ._containers import container_node

from ._fields import (
    _CONSTRAINTS, _DIGITS, _LENGTH, _NUMERIC, _TEMPORAL_MARKS, _TRANSFORMS, _UNION, FieldInfo, TemporalMark, _type_name,
)
from ._dataclasses import dataclass_node, is_dataclass_type
from ._generics import open_type
from ._hooks import annotated_mode, annotated_serializer, function_node, serializer_spec
from ._json_type import Json
from ._unions import Discriminator, union_node
from ._uuid import UuidVersion
# paths, IP addresses, secrets and Json
from ._std_nodes import std_annotated, std_node
from ._v0_fields import Conflict
from ._v0_nodes import _V0_CHECKS, v0_checks
# emails and URLs
from ._fields import _STR_CHECKS
from ._network_nodes import NetworkNodes
from ._networks import EmailStr, NameEmail, UrlConstraints, _BaseUrl
from ._byte_size import ByteSize, byte_size_parser
from .errors import SchemaError

_SCALARS = {int: "int", float: "float", str: "str", bool: "bool", bytes: "bytes"}

# dates and times
_TEMPORAL = {datetime.datetime: "datetime", datetime.date: "date", datetime.time: "time",
             datetime.timedelta: "timedelta"}
_BOUNDS = ("gt", "ge", "lt", "le")


# The annotated_types constraints satya enforces and the attribute each carries
# (Interval and Len are groups of these).
_ANNOTATED_TYPES = (
    ("Gt", "gt"), ("Ge", "ge"), ("Lt", "lt"), ("Le", "le"), ("MultipleOf", "multiple_of"),
    ("MinLen", "min_length"), ("MaxLen", "max_length"),
)


class NodeBuilder(NetworkNodes):
    """Turns one resolved annotation into a type node (a plain dict)."""

    def __init__(self, where: str, model_base: type, strict: bool, use_enum_values: bool = False):
        self.where = where
        self.model_base = model_base
        self.strict = strict
        self.use_enum_values = use_enum_values
        # model_config's str_* keys: constraints of every plain str
        self.str_defaults: dict = {}
        # arbitrary_types_allowed: a class without a validator is an isinstance check
        self.arbitrary_types = False
        # coerce_numbers_to_str: a lax str also takes a number's text
        self.coerce_numbers = False
        # ser_json_*: the JSON form of timedelta, bytes and float values, by node kind
        self.ser_json: dict = {}
        # hooks: what an Annotated validator's `info` says
        self.field_name: str | None = None
        self.config: dict | None = None

    def fail(self, message: str):
        raise SchemaError(f"{self.where}: {message}")

    def node(self, tp, field: FieldInfo | None = None) -> dict:
        """`field` carries the constraints and strictness for this level."""
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            inner, *metadata = typing.get_args(tp)
            # hooks: a serializer in the metadata wraps the type's own (the last one counts)
            serializers = [spec for spec in map(annotated_serializer, metadata) if spec is not None]
            if serializers:
                rest = [m for m in metadata if annotated_serializer(m) is None]
                node = self.node(typing.Annotated[(inner, *rest)] if rest else inner, field)
                return {**node, "serializer": {**serializers[-1], "field_name": self.field_name}}
            # hooks: the validators wrap the type with the rest of its metadata, in
            # order; those before a Json marker belong to the document's type
            start = max((i + 1 for i, m in enumerate(metadata) if isinstance(m, Json)), default=0)
            own = [i >= start and annotated_mode(m) is not None for i, m in enumerate(metadata)]
            hooks = [(annotated_mode(m), m.func) for m, is_hook in zip(metadata, own) if is_hook]
            if hooks:
                self.refuse_checks_after_hooks(metadata, own)
                rest = [m for m, is_hook in zip(metadata, own) if not is_hook]
                node = self.node(typing.Annotated[(inner, *rest)] if rest else inner, field)
                for mode, function in hooks:
                    node = function_node(node, mode, function, self.field_name, self.config)
                return node
            merged = FieldInfo()
            # uuid and decimal
            versions = [meta.uuid_version for meta in metadata if isinstance(meta, UuidVersion)]
            if versions:
                rest = [m for m in metadata if not isinstance(m, UuidVersion)]
                node = self.node(typing.Annotated[(inner, *rest)] if rest else inner, field)
                if node["kind"] != "uuid":
                    self.fail(f"UuidVersion applies to UUID fields only, not {_type_name(inner)}")
                node["version"] = versions[-1]
                return node
            # paths, IP addresses, secrets and Json: Json[...] and FilePath and the like
            special = std_annotated(self, inner, metadata, field)
            if special is not None:
                return special
            # emails and URLs
            url_rules = [meta for meta in metadata if isinstance(meta, UrlConstraints)]
            if url_rules:
                rest = [m for m in metadata if not isinstance(m, UrlConstraints)]
                node = self.node(typing.Annotated[(inner, *rest)] if rest else inner, field)
                if node["kind"] == "function" and node["inner"]["kind"] == "url":
                    node = node["inner"]  # the class's own completion; made again below
                if node["kind"] != "url":
                    self.fail(f"UrlConstraints applies to URL fields only, not {_type_name(inner)}")
                return self.url_node(node, [node["cls"]._constraints, *url_rules])
            # dates and times: satya's markers (AwareDatetime, PastDate ...)
            for mark in (m for m in metadata if isinstance(m, TemporalMark)):
                setattr(merged, mark.name, mark.value)
            for meta in (info for item in metadata for info in self.metadata_fields(item)):
                self.check_unknown(meta)
                for name in _CONSTRAINTS + _UNION + _V0_CHECKS:
                    if getattr(meta, name) is not None:
                        setattr(merged, name, getattr(meta, name))
                if meta.strict is not None:
                    merged.strict = meta.strict
            if field is not None:
                for name in _CONSTRAINTS + _UNION + _V0_CHECKS:
                    if getattr(field, name) is not None:
                        setattr(merged, name, getattr(field, name))
                if field.strict is not None:
                    merged.strict = field.strict
            return self.node(inner, merged)
        if isinstance(tp, typing.TypeVar):
            return self.node(open_type(tp), field)
        if origin in (typing.Union, types.UnionType):
            args = typing.get_args(tp)
            non_none = [a for a in args if a is not type(None)]
            # Optional[X] stays the plain nullable node X's constraints apply to
            if len(non_none) == 1 and (field is None or field.discriminator is None):
                return {"kind": "nullable", "inner": self.node(non_none[0], field)}
            node = union_node(self, non_none, field)
            return {"kind": "nullable", "inner": node} if len(non_none) < len(args) else node
        if field is not None and (field.enum is not None or field.unique_items):
            return v0_checks(self, tp, field)
        strict = self.strict if field is None or field.strict is None else bool(field.strict)
        constraints = field.constraints() if field is not None else {}
        if origin is typing.Literal:
            values = list(typing.get_args(tp))
            node = {"kind": "literal", "values": values}
            if self.use_enum_values:
                node["stored"] = [v.value if isinstance(v, enum.Enum) else v for v in values]
            return self.with_constraints(node, constraints, _type_name(tp))
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self.with_constraints(self.enum_node(tp, strict), constraints, tp.__name__)
        # paths, IP addresses, secrets and Json
        special = std_node(tp, strict)
        if special is not None:
            return self.with_constraints(special, constraints, _type_name(tp))
        if tp in _SCALARS:
            kind = _SCALARS[tp]
            if kind == "str" and self.str_defaults:
                constraints = {**self.str_defaults, **constraints}
        elif tp in _TEMPORAL:
            kind = _TEMPORAL[tp]
        elif tp is None or tp is type(None):
            kind = "none"
        elif tp is Any or tp is object:
            kind = "any"
        # uuid and decimal
        elif tp is uuid.UUID:
            kind = "uuid"
        elif tp is decimal.Decimal:
            kind = "decimal"
        # emails and URLs
        elif isinstance(tp, type) and issubclass(tp, _BaseUrl):
            node = {"kind": "url", "cls": tp, "base": _BaseUrl, "strict": strict}
            return self.with_constraints(self.url_node(node, [tp._constraints]), constraints, tp.__name__)
        elif isinstance(tp, type) and issubclass(tp, ByteSize):
            # parsed in Python; dumps as a plain int
            node = function_node({"kind": "int", "strict": False}, "plain", byte_size_parser(tp), None, None)
            node["serializer"] = {**serializer_spec(int, "plain", "always", method=False), "field_name": self.field_name}
            return self.with_constraints(node, constraints, tp.__name__)
        elif tp is EmailStr or tp is NameEmail:
            node = {"kind": "email", "strict": strict, "cls": NameEmail if tp is NameEmail else None}
            return self.with_constraints(node, constraints, tp.__name__)
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
        elif is_dataclass_type(tp):
            return self.with_constraints(dataclass_node(self, tp, strict), constraints, tp.__name__)
        # containers: tuple, set, frozenset, deque, Sequence, Iterable, Mapping
        elif (node := container_node(self, tp, origin, strict)) is not None:
            return self.with_constraints(node, constraints, _type_name(tp))
        elif isinstance(tp, type) and issubclass(tp, self.model_base):
            node = {"kind": "model", "cls": tp}
            return self.with_constraints(node, constraints, tp.__name__)
        elif self.arbitrary_types and isinstance(tp, type):
            return self.with_constraints({"kind": "is_instance", "cls": tp}, constraints, tp.__name__)
        else:
            self.fail(f"unsupported annotation {_type_name(tp)}")
        node = self.with_constraints({"kind": kind, "strict": strict}, constraints, kind)
        if kind in self.ser_json:
            node["ser_json"] = self.ser_json[kind]
        if kind == "str" and self.coerce_numbers and not strict:
            return {"kind": "number_str", "inner": node}
        return node

    def enum_node(self, tp, strict: bool) -> dict:
        # every name, aliases and Flag composites included, as pydantic lists them
        members = list(tp.__members__.values())
        mixed_in = next((name for base, name in ((int, "int"), (str, "str"), (float, "float")) if issubclass(tp, base)), "plain")
        own_missing = getattr(tp._missing_, "__func__", None) is not getattr(enum.Enum._missing_, "__func__", None)
        return {
            "kind": "enum", "cls": tp, "members": members, "mixed_in": mixed_in, "strict": strict,
            "call_class": own_missing, "use_enum_values": self.use_enum_values,
        }

    def metadata_fields(self, meta) -> list:
        """`Annotated` metadata as FieldInfos: a FieldInfo itself, or the
        `annotated_types` constraints (a grouped one, such as `Interval`, `Len`
        or a user's `GroupedMetadata`, gives each of its parts). Metadata that
        is not for validation (a docstring, a marker) gives none."""
        if isinstance(meta, FieldInfo):
            return [meta]
        if isinstance(meta, Discriminator):
            return [FieldInfo(discriminator=meta)]
        annotated_types = sys.modules.get("annotated_types")
        if annotated_types is None:
            return []
        if isinstance(meta, annotated_types.GroupedMetadata):
            return [info for part in meta for info in self.metadata_fields(part)]
        for name, attribute in _ANNOTATED_TYPES:
            if isinstance(meta, getattr(annotated_types, name)):
                return [FieldInfo(**{attribute: getattr(meta, attribute)})]
        # any other constraint of the package (a Predicate, Not, a Timezone...),
        # or a subclass of one, is refused rather than ignored
        own = next((k for k in type(meta).__mro__ if k.__module__ == "annotated_types"), None)
        if own is not None and own is not object:
            self.fail(f"annotated_types.{own.__name__} is not supported")
        return []

    def refuse_checks_after_hooks(self, metadata: list, own: list):
        """A constraint after a validator function is checked by pydantic on
        the function's result (against the field's input); satya checks the
        type's own value, so it refuses the order rather than differ silently."""
        hooked = None
        for meta, is_hook in zip(metadata, own):
            if is_hook:
                hooked = type(meta).__name__
            elif hooked and not is_hook and any(info.constraints() for info in self.metadata_fields(meta)):
                self.fail(f"a constraint after {hooked} in Annotated is not supported; "
                          "put it before the validator, or check it in the validator")

    def check_unknown(self, field: FieldInfo):
        if field.unknown:
            name = next(iter(field.unknown))
            if name == "default and default_factory":
                self.fail("cannot set both default and default_factory")
            if isinstance(field.unknown[name], Conflict):
                self.fail(str(field.unknown[name]))
            self.fail(f"Field() got an unexpected keyword argument {name!r}")

    def with_constraints(self, node: dict, constraints: dict, type_name: str) -> dict:
        if not constraints:
            return node
        kind = node["kind"]
        # emails and URLs
        if kind == "str" and any(name in constraints for name in _STR_CHECKS):
            return self.str_check(node, constraints, type_name)
        allowed = {
            "int": _NUMERIC, "float": _NUMERIC + ("allow_inf_nan",), "str": _LENGTH + ("pattern",) + _TRANSFORMS,
            "bytes": _LENGTH, "list": _LENGTH, "dict": _LENGTH,
            # containers
            "tuple": _LENGTH, "set": _LENGTH, "frozenset": _LENGTH, "deque": _LENGTH, "sequence": _LENGTH,
            # uuid and decimal
            "decimal": _NUMERIC + ("allow_inf_nan",) + _DIGITS,
            # dates and times: bounds of their own type, checked in the core
            "datetime": _BOUNDS + _TEMPORAL_MARKS, "date": _BOUNDS + ("now_op",),
            "time": _BOUNDS, "timedelta": _BOUNDS,
            # paths, IP addresses, secrets and Json
            "secret": _LENGTH,
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
        # uuid and decimal
        elif kind == "decimal":
            constraints = self.decimal_constraints(node, constraints)
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
            for name in _TRANSFORMS:
                if name in constraints and not isinstance(constraints[name], bool):
                    self.fail(f"{name} must be a bool, got {constraints[name]!r}")
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

    def check_float_range(self, c, type_name="float"):
        for low in ("gt", "ge"):
            for high in ("lt", "le"):
                if low in c and high in c:
                    if c[low] > c[high] or (c[low] == c[high] and (low == "gt" or high == "lt")):
                        self.fail(f"contradictory bounds {self.describe(c)}: no {type_name} satisfies them")

    # uuid and decimal
    def decimal_constraints(self, node: dict, constraints: dict) -> dict:
        """Bounds become Decimals as pydantic makes them (a float by its str()),
        digit counts stay ints; what could never validate is refused here."""
        constraints = dict(constraints)
        if "allow_inf_nan" in constraints:
            node["allow_inf_nan"] = bool(constraints.pop("allow_inf_nan"))
            if node["allow_inf_nan"] and any(name in constraints for name in _DIGITS):
                self.fail("allow_inf_nan=True cannot be used with max_digits or decimal_places")
        for name in _DIGITS:
            if name in constraints:
                value = constraints[name]
                if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**64:
                    self.fail(f"{name} must be a non-negative int, got {value!r}")
        for name in _NUMERIC:
            if name in constraints:
                constraints[name] = self.decimal_bound(name, constraints[name])
        self.check_float_range(constraints, "Decimal")
        return constraints

    def decimal_bound(self, name, value):
        if isinstance(value, bool) or not isinstance(value, (int, float, str, decimal.Decimal)):
            self.fail(f"{name} must be a number, got {value!r}")
        try:
            bound = decimal.Decimal(str(value) if isinstance(value, float) else value)
        except (decimal.DecimalException, ValueError):
            self.fail(f"{name} must be a number, got {value!r}")
        if bound.is_nan():
            self.fail(f"{name} must not be NaN")
        if name == "multiple_of" and (bound <= 0 or bound.is_infinite()):
            self.fail(f"multiple_of must be finite and greater than 0, got {value!r}")
        return bound

    @staticmethod
    def describe(c) -> str:
        return ", ".join(f"{k}={c[k]!r}" for k in ("gt", "ge", "lt", "le") if k in c)
