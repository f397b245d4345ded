"""The walk over an annotation that gives its JSON Schema: `Annotated`
metadata, unions, Literals, containers, and the classes that become
definitions. `GenerateJsonSchema` (json_schema.py) adds the definitions."""

from __future__ import annotations

import collections
import collections.abc
import datetime
import enum
import sys
import types
import typing
from typing import Any

from ._containers import _unwrap_required, is_named_tuple, is_typed_dict, resolved_in
from ._dataclasses import is_dataclass_type
from ._fields import _CONSTRAINTS, FieldInfo, TemporalMark, _type_name
from ._generics import open_type
from ._hooks import annotated_mode
from ._json_schema_types import _ARRAY_KEYWORDS, _OBJECT_KEYWORDS, keywords, leaf_schema, literal_schema
from ._json_type import Json
from ._networks import UrlConstraints
from ._std_nodes import PathType
from ._unions import Discriminator, Tag
from ._uuid import UuidVersion
from .errors import SchemaError

_ANNOTATED_TYPES = ("gt", "ge", "lt", "le", "multiple_of", "min_length", "max_length")
_ARRAYS = {list: False, set: True, frozenset: True, collections.deque: False, collections.abc.Sequence: False,
           collections.abc.Iterable: False, collections.abc.MutableSequence: False, collections.abc.Set: True}
_MAPPINGS = (dict, collections.abc.Mapping, collections.abc.MutableMapping)


def field_constraints(info: FieldInfo | None) -> dict:
    if info is None:
        return {}
    found = info.constraints()
    if info.discriminator is not None:
        found["discriminator"] = info.discriminator
    # satya 0.x's Field(enum=[...]) and Field(unique_items=True)
    found.update({name: getattr(info, name) for name in ("enum", "unique_items") if getattr(info, name)})
    return found


class AnnotationWalker:
    mode: str
    # the config of the model (or adapter) whose fields are walked
    config: dict = {}
    # "any_of", or "primitive_type_array": a union of plain types as one "type" list
    union_format: str = "any_of"

    def as_dumped(self, tp, leaf: dict) -> dict:
        """A leaf's schema as the config's JSON dumps write it: base64 bytes
        (both modes, as pydantic shows them) and timedeltas as seconds."""
        if tp is bytes and self.config.get("ser_json_bytes") == "base64":
            return {**leaf, "format": "base64url"}
        if tp is datetime.timedelta and self.mode == "serialization" and self.config.get("ser_json_timedelta") == "float":
            return {"type": "number"}
        return leaf

    def annotation_schema(self, tp, constraints: dict, field: FieldInfo | None = None) -> dict:
        """The schema of `tp` under `constraints` (plus a field's own, given as `field`)."""
        if field is not None:
            constraints = {**constraints, **field_constraints(field)}
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            return self.annotated_schema(tp, constraints)
        if isinstance(tp, typing.TypeVar):
            return self.annotation_schema(open_type(tp), constraints)
        if origin in (typing.Union, types.UnionType):
            return self.union_schema(typing.get_args(tp), constraints)
        if constraints.get("enum") is not None:
            return literal_schema(list(constraints["enum"]))
        if origin is typing.Literal:
            return literal_schema([v.value if isinstance(v, enum.Enum) else v for v in typing.get_args(tp)])
        if tp is Any or tp is object:
            return {}
        if tp is None:
            tp = type(None)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self.reference(tp, lambda: self.enum_definition(tp))
        leaf = leaf_schema(tp, constraints, self.mode)
        if leaf is not None:
            return self.as_dumped(tp, leaf)
        if isinstance(tp, type) and issubclass(tp, Json):
            return self.json_schema(Any)
        container = self.container_schema(tp, origin, constraints)
        if container is not None and constraints.get("unique_items"):
            container["uniqueItems"] = True
        if container is not None:
            return container
        from ._model import Model
        if isinstance(tp, type) and issubclass(tp, Model):
            return self.reference(tp, lambda: self.model_schema(tp))
        raise SchemaError(f"cannot make a JSON Schema for {_type_name(tp)}")

    def annotated_schema(self, tp, constraints: dict) -> dict:
        inner, *metadata = typing.get_args(tp)
        own: dict = {}
        extra: dict = {}
        if self.mode == "serialization":
            # the outermost serializer that says what it gives
            for meta in reversed(metadata):
                if _serializer_return(meta) is not None:
                    return self.annotation_schema(_serializer_return(meta), {})
        if self.mode == "validation":
            # the outermost validator that says what it takes: a plain one always
            # does; a before or wrap one when given json_schema_input_type
            for meta in reversed(metadata):
                if isinstance(meta, Json):
                    break
                hook = annotated_mode(meta)
                given = getattr(meta, "json_schema_input_type", Any)
                if hook == "plain" or (hook in ("before", "wrap") and given is not Any):
                    return self.annotation_schema(given, {})
        for index, meta in enumerate(metadata):
            rest = metadata[index + 1:]
            if isinstance(meta, Json):
                return self.json_schema(typing.Annotated[(inner, *rest)] if rest else inner)
            own.update(_metadata_constraints(meta))
            if isinstance(meta, FieldInfo):
                for name in ("title", "description", "examples"):
                    if getattr(meta, name) is not None:
                        extra[name] = getattr(meta, name)
                if meta.deprecated:
                    extra["deprecated"] = True
        schema = self.annotation_schema(inner, {**own, **constraints})
        if extra and "$ref" not in schema:
            schema.update(extra)
        return schema

    def json_schema(self, inner) -> dict:
        """`Json[T]`: a string holding T when validating, T itself when serializing."""
        schema = self.annotation_schema(inner, {})
        if self.mode == "serialization":
            return schema
        return {"type": "string", "contentMediaType": "application/json", "contentSchema": schema}

    def union_schema(self, args, constraints: dict) -> dict:
        members = [a for a in args if a is not type(None) and a is not None]
        nullable = len(members) < len(args)
        discriminator = constraints.get("discriminator")
        if discriminator is not None:
            schema = self.tagged_schema(members, discriminator)
        elif len(members) == 1:
            schema = self.annotation_schema(members[0], constraints)
        else:
            schema = self.union_of([self.annotation_schema(m, {}) for m in members])
        if not nullable:
            return schema
        choices = schema["anyOf"] if list(schema) == ["anyOf"] else [schema]
        return self.union_of([*choices, {"type": "null"}])

    def union_of(self, choices: list) -> dict:
        """The schema of a union of `choices`: anyOf the distinct ones, or
        (union_format="primitive_type_array") one list of types when every
        choice is a bare primitive type."""
        if self.union_format == "primitive_type_array":
            types_: list = []
            for choice in choices:
                listed = choice.get("type")
                listed = listed if isinstance(listed, list) else [listed]
                if len(choice) != 1 or not all(t in _PRIMITIVE_TYPES for t in listed):
                    break
                types_.extend(listed)
            else:
                return {"type": list(dict.fromkeys(types_))}
        return _any_of(choices)

    def tagged_schema(self, members: list, discriminator) -> dict:
        """A discriminated union: oneOf its choices, with the tag's mapping to each model's definition."""
        if isinstance(discriminator, Discriminator):
            discriminator = discriminator.discriminator
        members = [_without_tags(m) for m in members]
        choices = [self.annotation_schema(m, {}) for m in members]
        schema: dict = {"oneOf": choices}
        if not isinstance(discriminator, str):
            return schema
        mapping, property_name = {}, discriminator
        for member, choice in zip(members, choices):
            while typing.get_origin(member) is typing.Annotated:
                member = typing.get_args(member)[0]
            info = member.model_fields[discriminator]
            if self.by_alias:
                property_name = self.field_key(discriminator, info, member.model_config)
            annotation = info.annotation
            while typing.get_origin(annotation) is typing.Annotated:
                annotation = typing.get_args(annotation)[0]
            for value in typing.get_args(annotation):
                value = value.value if isinstance(value, enum.Enum) else value
                if "$ref" in choice:
                    mapping[str(value)] = choice["$ref"]
        schema["discriminator"] = {"propertyName": property_name, "mapping": mapping}
        return schema

    def container_schema(self, tp, origin, constraints: dict) -> dict | None:
        args = typing.get_args(tp)
        base = origin or tp
        if is_typed_dict(tp):
            hints = typing.get_type_hints(tp, include_extras=True)
            required = set(getattr(tp, "__required_keys__", hints))
            hints = {name: resolved_in(tp, _unwrap_required(hint)) for name, hint in hints.items()}
            return self.reference(tp, lambda: self.typed_dict_schema(tp, hints, required))
        if is_named_tuple(tp):
            hints = {name: resolved_in(tp, hint) for name, hint in typing.get_type_hints(tp, include_extras=True).items()}
            return self.reference(tp, lambda: self.named_tuple_schema(tp, hints))
        if is_dataclass_type(tp):
            return self.reference(tp, lambda: self.dataclass_schema(tp))
        if base is tuple:
            return {**self.tuple_schema(tp, args), **keywords(constraints, _ARRAY_KEYWORDS)}
        base = {typing.List: list, typing.Set: set, typing.FrozenSet: frozenset, typing.Deque: collections.deque,
                typing.Sequence: collections.abc.Sequence, typing.Iterable: collections.abc.Iterable,
                typing.Dict: dict, typing.Mapping: collections.abc.Mapping}.get(base, base)
        if base in _ARRAYS:
            schema = {"type": "array", "items": self.annotation_schema(args[0], {}) if args else {}}
            if _ARRAYS[base]:
                schema["uniqueItems"] = True
            return {**schema, **keywords(constraints, _ARRAY_KEYWORDS)}
        if base in _MAPPINGS:
            return {**self.dict_schema(args), **keywords(constraints, _OBJECT_KEYWORDS)}
        return None

    def tuple_schema(self, tp, args) -> dict:
        if not args:
            if tp in (tuple, typing.Tuple):
                return {"type": "array", "items": {}}
            return {"type": "array", "minItems": 0, "maxItems": 0}
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.annotation_schema(args[0], {})}
        if args == ((),):
            return {"type": "array", "minItems": 0, "maxItems": 0}
        items = [self.annotation_schema(a, {}) for a in args]
        return {"type": "array", "prefixItems": items, "minItems": len(items), "maxItems": len(items)}

    def dict_schema(self, args) -> dict:
        schema: dict = {"type": "object"}
        if not args:
            schema["additionalProperties"] = True
            return schema
        keys = dict(self.annotation_schema(args[0], {}))
        values = self.annotation_schema(args[1], {})
        pattern = keys.pop("pattern", None)
        if pattern is not None:
            schema["patternProperties"] = {pattern: values}
        else:
            schema["additionalProperties"] = values or True
        if keys.get("type") == "string":
            del keys["type"]  # object keys are strings already
        if keys and keys.get("type") != "integer":
            schema["propertyNames"] = keys
        return schema

    def refers_to_class(self, tp) -> bool:
        """A field whose type is a definition (maybe None too) takes its title from there."""
        while typing.get_origin(tp) is typing.Annotated:
            tp = typing.get_args(tp)[0]
        if typing.get_origin(tp) in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            return len(members) == 1 and self.refers_to_class(members[0])
        from ._model import Model
        return isinstance(tp, type) and (
            issubclass(tp, (Model, enum.Enum)) or is_dataclass_type(tp) or is_typed_dict(tp) or is_named_tuple(tp))


_PRIMITIVE_TYPES = frozenset({"string", "boolean", "null", "integer", "number"})


def _any_of(choices: list) -> dict:
    distinct = []
    for choice in choices:
        if choice not in distinct:
            distinct.append(choice)
    return distinct[0] if len(distinct) == 1 else {"anyOf": distinct}


def _without_tags(member):
    if typing.get_origin(member) is not typing.Annotated:
        return member
    inner, *metadata = typing.get_args(member)
    rest = [m for m in metadata if not isinstance(m, Tag)]
    return typing.Annotated[(inner, *rest)] if rest else inner


def _serializer_return(meta):
    """The declared return type of an Annotated serializer, or None if it has none."""
    if type(meta).__name__ not in ("PlainSerializer", "WrapSerializer") or not callable(getattr(meta, "func", None)):
        return None
    declared = getattr(meta, "return_type", Any)
    if declared is Any or type(declared).__name__ == "PydanticUndefinedType":
        declared = typing.get_type_hints(meta.func).get("return") if hasattr(meta.func, "__annotations__") else None
    return declared


def _metadata_constraints(meta) -> dict:
    """The constraints one item of `Annotated` metadata adds."""
    if isinstance(meta, FieldInfo):
        found = {name: getattr(meta, name) for name in _CONSTRAINTS if getattr(meta, name) is not None}
        if meta.discriminator is not None:
            found["discriminator"] = meta.discriminator
        return found
    if isinstance(meta, Discriminator):
        return {"discriminator": meta}
    if isinstance(meta, UuidVersion):
        return {"uuid_version": meta.uuid_version}
    if isinstance(meta, PathType):
        return {"path_type": meta.path_type}
    if isinstance(meta, UrlConstraints):
        return {"url_max_length": meta.max_length} if meta.max_length is not None else {}
    if isinstance(meta, TemporalMark):
        return {}
    annotated_types = sys.modules.get("annotated_types")
    if annotated_types is not None and isinstance(meta, annotated_types.BaseMetadata):
        if isinstance(meta, annotated_types.GroupedMetadata):
            return {k: v for part in meta for k, v in _metadata_constraints(part).items()}
        return {name: getattr(meta, name) for name in _ANNOTATED_TYPES if getattr(meta, name, None) is not None}
    if annotated_types is not None and isinstance(meta, annotated_types.GroupedMetadata):
        return {k: v for part in meta for k, v in _metadata_constraints(part).items()}
    return {}
