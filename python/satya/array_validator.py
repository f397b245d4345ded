"""satya 0.x's `ArrayValidator`: a list of items of one type, with bounds on
its length and, optionally, no repeated item.

Kept for 0.x code and warns at construction: a `TypeAdapter` of
`Annotated[list[T], Field(min_length=..., max_length=...)]` does the same job.
The list is validated as a field of that type would validate it, items
converted in lax mode; `validate` returns 0.x's `ValidationResult`.
"""

from __future__ import annotations

from typing import Annotated, Any

from ._fields import Field
from ._hooks import AfterValidator
from ._v0_fields import check_unique_items
from ._v0_validators import ValueValidator, deprecated, field_keywords
from .errors import SchemaError

__all__ = ["ArrayValidator"]

# 0.x's names of item types, as JSON Schema names them.
_ITEM_TYPES = {"string": str, "integer": int, "number": float, "boolean": bool}


def _item_annotation(item_type: Any) -> Any:
    if item_type is None:
        return str  # 0.x's default: a list of strings
    if isinstance(item_type, str):
        try:
            return _ITEM_TYPES[item_type]
        except KeyError:
            names = ", ".join(repr(name) for name in _ITEM_TYPES)
            raise SchemaError(f"ArrayValidator: item_type must be one of {names} or a type, "
                              f"not {item_type!r}") from None
    return item_type


class ArrayValidator(ValueValidator):
    """A list whose items are `item_type` ('string', 'integer', 'number',
    'boolean', or any type a field can have, a Model class included), with
    `min_items` to `max_items` items, all different if `unique_items`."""

    def __init__(self, item_type: Any = None, *, min_items: int | None = None, max_items: int | None = None,
                 unique_items: bool = False):
        deprecated("`ArrayValidator` is deprecated; use `TypeAdapter(Annotated[list[T], Field(min_length=..., "
                   "max_length=...)])` instead, with an AfterValidator for unique_items=.")
        self.item_type = item_type
        self.min_items = min_items
        self.max_items = max_items
        self.unique_items = unique_items
        metadata: list = []
        keywords = field_keywords(min_length=min_items, max_length=max_items)
        if keywords:
            metadata.append(Field(**keywords))
        if unique_items:
            metadata.append(AfterValidator(check_unique_items))
        item = _item_annotation(item_type)
        annotation = list[item]
        # a list of scalars is checked strictly, as 0.x's was (a Model's items still come from dicts)
        strict = item in (str, int, float, bool)
        try:
            self._compile(Annotated[(annotation, *metadata)] if metadata else annotation, strict=strict)
        except SchemaError as exc:  # named as the caller named the bounds
            words = str(exc).replace("min_length", "min_items").replace("max_length", "max_items")
            raise SchemaError(words) from None
