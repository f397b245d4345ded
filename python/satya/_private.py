"""Private attributes: `_name` annotations and `PrivateAttr(...)`. They live in
slots of their own, are neither validated nor dumped, and take their defaults
when an instance is made (before `model_post_init` runs)."""

from __future__ import annotations

import copy
from typing import Any, Callable, Literal, TypeVar, overload

_MISSING = object()
_T = TypeVar("_T")


class ModelPrivateAttr:
    """What `PrivateAttr(...)` returns: a private attribute's default."""

    __slots__ = ("default", "default_factory")

    def __init__(self, default=_MISSING, *, default_factory=None):
        if default is not _MISSING and default_factory is not None:
            raise TypeError("cannot specify both default and default_factory")
        self.default, self.default_factory = default, default_factory

    def get_default(self):
        if self.default_factory is not None:
            return self.default_factory()
        return copy.deepcopy(self.default) if self.default is not _MISSING else _MISSING

    def __repr__(self) -> str:
        return f"ModelPrivateAttr(default={self.default!r})" if self.default is not _MISSING else "ModelPrivateAttr()"


# Typed as the attribute's value, as `Field` is; `init=False` tells a checker
# the attribute is no parameter of the class's `__init__`.
@overload
def PrivateAttr(default: _T, *, init: Literal[False] = False) -> _T: ...
@overload
def PrivateAttr(*, default_factory: Callable[[], _T], init: Literal[False] = False) -> _T: ...
@overload
def PrivateAttr(*, init: Literal[False] = False) -> Any: ...
def PrivateAttr(default=_MISSING, *, default_factory=None, init=False) -> Any:
    """Declares a private attribute and its default."""
    if init is not False:
        raise TypeError("a private attribute is never set by __init__: init must be False")
    return ModelPrivateAttr(default, default_factory=default_factory)


def is_private_name(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def collect(bases, namespace: dict, annotations: dict, is_classvar) -> tuple[dict, list]:
    """The class's private attributes (inherited ones too) and the slots its own
    need; takes their defaults out of the namespace, where slots go instead."""
    private: dict[str, ModelPrivateAttr] = {}
    for base in reversed(bases):
        private.update(getattr(base, "__private_attributes__", {}))
    own = []
    for name, annotation in annotations.items():
        if is_private_name(name) and not is_classvar(annotation):
            value = namespace.pop(name, _MISSING)
            private[name] = value if isinstance(value, ModelPrivateAttr) else ModelPrivateAttr(value)
            own.append(name)
    for name, value in list(namespace.items()):
        if isinstance(value, ModelPrivateAttr):
            if not is_private_name(name):
                raise NameError(f"Private attributes must not use valid field names; use sunder names, e.g. '_{name}'")
            namespace.pop(name)
            private[name] = value
            own.append(name)
    inherited = {slot for base in bases for klass in base.__mro__ for slot in klass.__dict__.get("__slots__", ())}
    return private, [name for name in own if name not in inherited]


def slot_descriptors(cls) -> dict:
    """Each private attribute's slot, to set it without `__setattr__`."""
    found = {}
    for name in cls.__private_attributes__:
        for klass in cls.__mro__:
            if name in klass.__dict__:
                found[name] = klass.__dict__[name]
                break
    return found


def init_private(obj) -> None:
    cls = type(obj)
    for name, attr in cls.__private_attributes__.items():
        default = attr.get_default()
        if default is not _MISSING:
            cls.__satya_private_slots__[name].__set__(obj, default)


def with_private_init(post_init):
    """`model_post_init` that first gives the private attributes their defaults."""
    original = getattr(post_init, "__satya_wraps__", post_init)

    def model_post_init(self, context, /):
        init_private(self)
        original(self, context)

    model_post_init.__satya_wraps__ = original
    model_post_init.__doc__ = original.__doc__
    return model_post_init


def values(obj) -> dict:
    """The private attributes set on an instance."""
    out = {}
    for name, descriptor in type(obj).__satya_private_slots__.items():
        try:
            out[name] = descriptor.__get__(obj, type(obj))
        except AttributeError:
            pass
    return out


def restore(obj, private: dict) -> None:
    slots = type(obj).__satya_private_slots__
    for name, value in private.items():
        if name in slots:
            slots[name].__set__(obj, value)
