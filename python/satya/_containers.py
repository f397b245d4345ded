"""Type nodes for the containers other than list and dict: tuples, sets,
frozensets, deques, `Sequence`, `Iterable` and `Mapping` (a dict)."""

from __future__ import annotations

import collections
import collections.abc
import typing

_SETS = {set: "set", frozenset: "frozenset"}


def container_node(builder, tp, origin, strict: bool) -> dict | None:
    """The node for `tp` when it is one of these containers, else None."""
    args = typing.get_args(tp)
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
