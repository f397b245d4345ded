"""Standard-library dataclasses as field types. Their fields are compiled as
a hidden model of the same name, made once per dataclass and settings; the
native validator makes the dataclass instance from the validated values."""

from __future__ import annotations

import dataclasses
import threading
import typing
import weakref

from ._containers import resolved_in
from ._fields import Field, Unresolved

# (strict, use_enum_values) -> the hidden model, per dataclass
_HIDDEN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# per thread, the dataclasses whose hidden model, or whose node's dump
# fields, are being made (a class may be built on two threads at once)
_PROGRESS = threading.local()


def _in_progress(name: str) -> dict:
    """This thread's dataclasses in progress of one kind, each with whether
    it was met inside itself."""
    found = getattr(_PROGRESS, name, None)
    if found is None:
        found = {}
        setattr(_PROGRESS, name, found)
    return found


def is_dataclass_type(tp) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def dataclass_node(builder, cls, strict: bool) -> dict:
    key = (strict, builder.use_enum_values)
    hidden = _HIDDEN.get(cls, {}).get(key)
    hints = _hints(builder, cls)
    fields = dataclasses.fields(cls)
    if hidden is None:
        if cls in _in_progress("building"):
            # a dataclass inside its own fields: its hidden model is finished
            # at first use, when the hidden model of the outer use exists
            raise Unresolved(f"dataclass {cls.__name__} contains itself")
        _in_progress("building")[cls] = False
        try:
            hidden = _hidden_model(builder, cls, hints, fields, key)
        finally:
            _in_progress("building").pop(cls, None)
        _HIDDEN.setdefault(cls, {})[key] = hidden
    return {
        "kind": "dataclass", "cls": cls, "shadow": hidden, "strict": strict,
        # every field dumps; the input sets those of __init__, then InitVars go to __post_init__
        **_dump_fields(builder, cls, hints, fields),
        "init_names": [f.name for f in fields if f.init],
        "init_vars": len(_init_vars(cls, hints)),
        "late_defaults": [_late_default(f) for f in fields if not f.init and _late_default(f) is not None],
        "post_init": hasattr(cls, "__post_init__"),
    }


def _dump_fields(builder, cls, hints: dict, fields) -> dict:
    """The node's dump part: each field's node; inside the dataclass's own
    fields, a reference back to the outer use ("ser_ref"), which is then
    marked as its definition ("ser_def")."""
    noding = _in_progress("noding")
    name = f"dataclass {cls.__module__}.{cls.__qualname__}:{id(cls)}"
    if cls in noding:
        noding[cls] = True
        return {"fields": None, "ser_ref": name}
    noding[cls] = False
    try:
        fields = [[f.name, builder.node(hints[f.name])] for f in fields]
    finally:
        recursed = noding.pop(cls)
    return {"fields": fields, "ser_def": name} if recursed else {"fields": fields}


def _init_vars(cls, hints: dict) -> list:
    """The dataclass's InitVar pseudo-fields, in declaration order."""
    return [f for name, f in cls.__dataclass_fields__.items() if isinstance(hints.get(name), dataclasses.InitVar)]


def _late_default(f):
    """An init=False field's default as __init__ sets it: (name, value or factory, is_factory)."""
    if f.default is not dataclasses.MISSING:
        return (f.name, f.default, False)
    if f.default_factory is not dataclasses.MISSING:
        return (f.name, f.default_factory, True)
    return None  # left unset, as the dataclass's own __init__ leaves it


def _hints(builder, cls) -> dict:
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
    except NameError as exc:
        builder.fail(f"dataclass {cls.__name__}: {exc}")
    return {name: resolved_in(cls, hint) for name, hint in hints.items()}


def _hidden_model(builder, cls, hints: dict, fields, key):
    strict, use_enum_values = key
    namespace = {
        "__annotations__": {}, "__module__": cls.__module__, "__qualname__": cls.__qualname__,
        "model_config": {"strict": strict, "use_enum_values": use_enum_values},
        # holds __init__'s arguments, never extra keys (see _field_keys.variant_descriptor)
        "__satya_holder__": True,
    }
    # the hidden model's fields: those __init__ takes, then the InitVars
    for f in [f for f in fields if f.init] + _init_vars(cls, hints):
        hint = hints[f.name]
        namespace["__annotations__"][f.name] = hint.type if isinstance(hint, dataclasses.InitVar) else hint
        if f.default is not dataclasses.MISSING:
            namespace[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f.name] = Field(default_factory=f.default_factory)
    return type(builder.model_base)(cls.__name__, (builder.model_base,), namespace)
