"""The nodes of satya 0.x's `Field(enum=[...])` and `Field(unique_items=True)`."""

from __future__ import annotations

import copy
import typing

from ._fields import _V0_CHECKS
from ._hooks import function_node
from ._v0_fields import check_unique_items

_ENUM_TYPES = (str, int, float, bool)

__all__ = ["_V0_CHECKS", "v0_checks"]


def v0_checks(builder, tp, field) -> dict:
    """The field's own node, as `Literal[...]` when `enum` lists its values,
    then the uniqueness check of `unique_items`."""
    rest = copy.copy(field)
    rest.enum = rest.unique_items = None
    if field.enum is not None:
        node = builder.node(_enum_literal(builder, tp, field.enum, rest), rest)
    else:
        node = builder.node(tp, rest)
    if field.unique_items:
        if node["kind"] not in ("list", "tuple", "sequence", "deque"):
            builder.fail(f"unique_items applies to list, tuple and sequence fields, not {getattr(tp, '__name__', tp)}")
        node = function_node(node, "after", check_unique_items, builder.field_name, builder.config)
    return node


def _enum_literal(builder, tp, values, rest):
    if isinstance(values, (str, bytes)) or not isinstance(values, typing.Iterable):
        builder.fail(f"enum must be a list of values, got {values!r}")
    values = list(values)
    if not values:
        builder.fail("enum must list at least one value")
    if rest.constraints():
        builder.fail("enum cannot be combined with other constraints; the listed values are the only ones allowed")
    if tp is not typing.Any:
        if tp not in _ENUM_TYPES:
            builder.fail(f"enum applies to str, int, float and bool fields, not {getattr(tp, '__name__', tp)}")
        wrong = [v for v in values if type(v) is not tp and not (tp is float and type(v) is int)]
        if wrong:
            builder.fail(f"enum values must be of the field's type {tp.__name__}, got {wrong[0]!r}")
    return typing.Literal[tuple(values)]
