"""What the JSON Schema reads of a model's decorated hooks: the type a field
validator says it takes (validation mode) and the type a field or model
serializer says it gives (serialization mode)."""

from __future__ import annotations

import typing
from typing import Any

from ._hooks import BeforeValidator, PlainSerializer, PlainValidator


def input_type_marker(cls, field_name: str):
    """For the JSON Schema: the outermost field validator of `field_name` that
    says what it takes (a plain one always does; a before or wrap one when given
    json_schema_input_type), as the Annotated marker that says it; or None."""
    found = None
    for info in getattr(cls, "__satya_decorators__", {}).values():
        if info.kind != "field" or (field_name not in info.fields and "*" not in info.fields):
            continue
        if info.mode == "plain":
            found = PlainValidator(_unused, json_schema_input_type=info.json_schema_input_type)
        elif info.mode in ("before", "wrap") and info.json_schema_input_type is not Any:
            found = BeforeValidator(_unused, json_schema_input_type=info.json_schema_input_type)
    return found


def _unused(value):
    return value


def model_serializer_return(cls):
    """For the JSON Schema: what the model's serializer says it gives (its
    `return_type`, else its return annotation), or None if it says nothing."""
    found = [info for info in getattr(cls, "__satya_decorators__", {}).values() if info.kind == "model_ser"]
    if not found:
        return None
    declared = found[-1].return_type
    if declared is not Any:
        return declared
    raw = found[-1].wrapped.__func__ if isinstance(found[-1].wrapped, (classmethod, staticmethod)) else found[-1].wrapped
    return typing.get_type_hints(raw).get("return") if getattr(raw, "__annotations__", None) else None


def serializer_marker(cls, field_name: str):
    """For the JSON Schema: the field serializer of `field_name` (the last one
    declared), as the Annotated serializer that gives its return type; or None."""
    found = None
    for info in getattr(cls, "__satya_decorators__", {}).values():
        if info.kind == "field_ser" and (field_name in info.fields or "*" in info.fields):
            found = info
    if found is None:
        return None
    raw = found.wrapped.__func__ if isinstance(found.wrapped, (classmethod, staticmethod)) else found.wrapped
    return PlainSerializer(raw, return_type=found.return_type)
