"""Type nodes for the containers other than list and dict: tuples, sets,
frozensets, deques, `Sequence`, `Iterable`, `Mapping` (a dict), `TypedDict`
and `NamedTuple`."""

from __future__ import annotations

import collections
import collections.abc
import sys
import typing

from ._fields import Unresolved, resolve

_SETS = {set: "set", frozenset: "frozenset"}


def container_node(builder, tp, origin, strict: bool) -> dict | None:
    """The node for `tp` when it is one of these containers, else None."""
    args = typing.get_args(tp)
    if is_typed_dict(tp):
        return _typed_dict_node(builder, tp, strict)
    if is_named_tuple(tp):
        return _named_tuple_node(builder, tp, strict)
    if tp in (tuple, typing.Tuple) or origin is tuple:
        return _tuple_node(builder, tp, args, strict)
    # bare typing aliases (typing.Set, typing.Deque ...) have their class as origin
    kind = _SETS.get(tp) or _SETS.get(origin)
    if kind is None and (tp in (collections.deque, typing.Deque) or origin is collections.deque):
        kind = "deque"
    if kind is None and (tp in (typing.Sequence, collections.abc.Sequence) or origin is collections.abc.Sequence):
        kind = "sequence"
    if kind is None and (tp in (typing.Iterable, collections.abc.Iterable) or origin is collections.abc.Iterable):
        kind = "iterable"
    if kind is not None:
        node = {"kind": kind, "strict": strict}
        if args:
            node["inner"] = builder.node(args[0])
        return node
    if tp in (typing.Mapping, collections.abc.Mapping) or origin is collections.abc.Mapping:
        # pydantic reads a Mapping as a dict and returns a dict
        node = {"kind": "dict", "strict": strict}
        if args:
            node["key"] = builder.node(args[0])
            node["value"] = builder.node(args[1])
        return node
    return None


def _tuple_node(builder, tp, args, strict: bool) -> dict:
    node = {"kind": "tuple", "strict": strict, "items": []}
    if not args:
        # bare tuple: any number of any items; tuple[()] gives args == () too
        # on Python 3.11+, but is the empty tuple
        if tp in (tuple, typing.Tuple):
            node["rest"] = {"kind": "any"}
        return node
    if len(args) == 2 and args[1] is Ellipsis:
        node["rest"] = builder.node(args[0])
        return node
    if Ellipsis in args:
        builder.fail(f"Ellipsis is only allowed as the second of two items: {tp!r}")
    if args == ((),):  # tuple[()] before Python 3.11
        return node
    node["items"] = [builder.node(arg) for arg in args]
    return node


def is_typed_dict(tp) -> bool:
    extensions = sys.modules.get("typing_extensions")
    return isinstance(tp, type) and (typing.is_typeddict(tp) or (extensions is not None and extensions.is_typeddict(tp)))


def _unwrap_required(hint):
    """`Required[T]`, `NotRequired[T]` (typing or typing_extensions) as T."""
    wrappers = {getattr(module, name, None) for module in (typing, sys.modules.get("typing_extensions"))
                for name in ("Required", "NotRequired", "ReadOnly") if module is not None} - {None}
    while typing.get_origin(hint) in wrappers:
        hint = typing.get_args(hint)[0]
    return hint


def resolved_in(tp, hint):
    """`hint` with the forward references left inside it evaluated in `tp`'s
    module (before 3.11, `get_type_hints` leaves `list["Node"]` inside
    `NotRequired[...]` as it is)."""
    if sys.version_info >= (3, 11):
        return hint
    module = sys.modules.get(tp.__module__)
    try:
        return resolve(hint, dict(vars(module)) if module else {}, {tp.__name__: tp})
    except Unresolved:
        return hint


def _recursive(builder, tp, make) -> dict:
    """The node `make()` gives for `tp`; a use of `tp` inside it refers back
    to it, and the node is then marked as a definition those uses reach."""
    building = builder.__dict__.setdefault("_recursive_types", {})
    name = f"{tp.__module__}.{tp.__qualname__}:{id(tp)}"
    if tp in building:
        building[tp] = True
        return {"kind": "recursive_ref", "ref": name, "name": tp.__name__}
    building[tp] = False
    try:
        node = make()
    finally:
        recursed = building.pop(tp)
    return {"kind": "recursive", "ref": name, "inner": node} if recursed else node


def _typed_dict_node(builder, tp, strict: bool) -> dict:
    try:
        hints = typing.get_type_hints(tp, include_extras=True)
    except Exception as exc:  # noqa: BLE001 - an unresolvable annotation, reported as such
        builder.fail(f"cannot resolve the annotations of {tp.__name__}: {exc}")
    required = set(getattr(tp, "__required_keys__", hints))

    def make():
        fields = [(name, builder.node(resolved_in(tp, _unwrap_required(hint))), name in required) for name, hint in hints.items()]
        return {"kind": "typed_dict", "strict": strict, "fields": fields, "name": tp.__name__}

    return _recursive(builder, tp, make)


def is_named_tuple(tp) -> bool:
    return isinstance(tp, type) and issubclass(tp, tuple) and isinstance(getattr(tp, "_fields", None), tuple)


def _named_tuple_node(builder, tp, strict: bool) -> dict:
    try:
        hints = typing.get_type_hints(tp, include_extras=True)
    except Exception as exc:  # noqa: BLE001 - an unresolvable annotation, reported as such
        builder.fail(f"cannot resolve the annotations of {tp.__name__}: {exc}")
    defaults = getattr(tp, "_field_defaults", {})

    def make():
        # collections.namedtuple fields have no annotation: Any
        fields = [(name, builder.node(resolved_in(tp, hints.get(name, typing.Any))), defaults.get(name)) for name in tp._fields]
        node = {"kind": "named_tuple", "cls": tp, "strict": strict, "fields": fields}
        # a default of None is still a default: the core takes the default's presence from this list
        node["has_default"] = [name in defaults for name in tp._fields]
        return node

    return _recursive(builder, tp, make)
