"""`computed_field`: a property (or cached_property) whose value dumps
include after the fields, serialized by its return type."""

from __future__ import annotations

import dataclasses
import functools
import typing
from typing import Any

from . import _deprecated

_MISSING = object()


@dataclasses.dataclass
class ComputedFieldInfo:
    """What `model_computed_fields` lists for each computed field."""

    wrapped_property: Any
    return_type: Any
    alias: str | None = None
    title: str | None = None
    description: str | None = None
    repr: bool = True
    examples: list | None = None
    json_schema_extra: Any = None
    deprecated: Any = None

    @property
    def deprecation_message(self) -> str | None:
        """The text each read of a deprecated computed field warns with."""
        return _deprecated.message(self.deprecated, "computed_field")


@dataclasses.dataclass
class _Computed:
    """A decorated property as the class body leaves it, until the metaclass
    records it."""

    info: ComputedFieldInfo


def computed_field(func=None, /, *, alias=None, title=None, description=None, repr=True, return_type=_MISSING,
                   examples=None, json_schema_extra=None, deprecated=None, **unsupported):
    if unsupported:
        raise TypeError(f"computed_field() got an unexpected keyword argument {next(iter(unsupported))!r}")

    def decorate(function):
        prop = function if isinstance(function, (property, functools.cached_property)) else property(function)
        getter = prop.fget if isinstance(prop, property) else prop.func
        declared = return_type
        if declared is _MISSING:
            declared = getattr(getter, "__annotations__", {}).get("return", Any)
        info = ComputedFieldInfo(prop, declared, alias, title, description, repr, examples, json_schema_extra, deprecated)
        info.deprecation_message  # a wrong deprecation is refused here
        return _Computed(info)

    return decorate(func) if func is not None else decorate


class _SlotCachedProperty:
    """A cached_property of a model: instances have no `__dict__`, so the
    value is kept in a slot of its own, computed at the first read."""

    def __init__(self, func, slot: str):
        self.func, self.slot = func, slot
        self.__doc__ = func.__doc__
        self.member = None  # the slot's descriptor, once the class exists

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        try:
            return self.member.__get__(obj, owner)
        except AttributeError:
            value = self.func(obj)
            self.member.__set__(obj, value)
            return value

    def __delete__(self, obj):
        try:
            self.member.__delete__(obj)
        except AttributeError:
            pass


def collect(bases, namespace: dict) -> tuple[dict, list]:
    """The class's computed fields by name (inherited ones first) and the
    slots its cached ones need; puts each property back in the namespace."""
    found: dict[str, ComputedFieldInfo] = {}
    for base in reversed(bases):
        found.update(getattr(base, "__satya_computed__", {}))
    slots = []
    for name, value in list(namespace.items()):
        if isinstance(value, _Computed):
            found[name] = value.info
            prop = value.info.wrapped_property
            if isinstance(prop, functools.cached_property):
                slot = f"_satya_cached_{name}"
                slots.append(slot)
                prop = _SlotCachedProperty(prop.func, slot)
            message = value.info.deprecation_message
            namespace[name] = prop if message is None else _deprecated.DeprecatedField(prop, message)
        elif name in found:
            del found[name]
    return found, slots


def bind_slots(cls) -> None:
    """Gives each slot-cached property the descriptor of its slot."""
    for value in cls.__dict__.values():
        value = value.__satya_slot__ if isinstance(value, _deprecated.DeprecatedField) else value
        if isinstance(value, _SlotCachedProperty):
            value.member = cls.__dict__[value.slot]


def resolved_return(info: ComputedFieldInfo, globalns: dict, localns: dict):
    """The return type, with a string annotation resolved; Any if it cannot be."""
    declared = info.return_type
    if isinstance(declared, str):
        try:
            return typing._eval_type(typing.ForwardRef(declared), globalns, localns)
        except Exception:
            return Any
    return declared
