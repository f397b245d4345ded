"""Deprecated fields: `Field(deprecated=...)` or a `deprecated(...)` marker in
`Annotated`. Reading such a field from an instance warns; validation, dumps,
repr and copies read the slot directly and stay silent."""

from __future__ import annotations

import typing
import warnings

from ._fields import FieldInfo
from .errors import SchemaError


class DeprecatedField:
    """Stands in the class dict for a field's slot (or a computed field's
    property) and warns on each read from an instance."""

    __slots__ = ("__satya_slot__", "message")

    def __init__(self, slot, message: str):
        self.__satya_slot__ = slot
        self.message = message

    def __get__(self, obj, owner=None):
        if obj is None:
            return self.__satya_slot__.__get__(None, owner)
        warnings.warn(self.message, DeprecationWarning, stacklevel=2)
        return self.__satya_slot__.__get__(obj, owner)

    def __set__(self, obj, value):
        self.__satya_slot__.__set__(obj, value)

    def __delete__(self, obj):
        self.__satya_slot__.__delete__(obj)


def _is_marker(value) -> bool:
    """`typing_extensions.deprecated` or `warnings.deprecated` (3.13+)."""
    return type(value).__name__ == "deprecated" and isinstance(getattr(value, "message", None), str)


def field_value(info, annotation):
    """The field's deprecation as declared: `Field(deprecated=...)` wins over a
    marker in the annotation's metadata (the last one there counts)."""
    if info.deprecated is not None:
        return info.deprecated
    found = None
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if _is_marker(meta):
                found = meta
            elif isinstance(meta, FieldInfo) and meta.deprecated is not None:
                found = meta.deprecated
    return found


def message(value, where: str) -> str | None:
    """The warning text for a declared deprecation, None when not deprecated."""
    if value is None or value is False:
        return None
    if value is True:
        return "deprecated"
    if isinstance(value, str):
        return value
    if _is_marker(value):
        return value.message
    raise SchemaError(f"{where}: deprecated must be a str, a bool or a deprecated(...) marker, not {type(value).__name__}")


def install(cls, messages: dict) -> None:
    """Puts a warning descriptor in front of each deprecated field's slot. A
    subclass that redeclares the field still reads through its base's, as on
    pydantic; the class attribute of a wrapped slot is the slot itself."""
    for name, text in messages.items():
        if text is not None:
            type.__setattr__(cls, name, DeprecatedField(getattr(cls, name), text))
