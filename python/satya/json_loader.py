"""satya 0.x's `load_json`: a JSON document as Python objects, read by
satya's native JSON parser.

Kept for 0.x code and warns when called: `TypeAdapter(Any).validate_json`
does the same job.
"""

from __future__ import annotations

from typing import Any

from ._v0_validators import deprecated
from .errors import ValidationError
from .type_adapter import TypeAdapter

__all__ = ["load_json"]

_ANY_JSON = TypeAdapter(Any)


def load_json(json_str: str | bytes | bytearray | memoryview) -> Any:
    """The document `json_str` as dicts, lists, strings, numbers, booleans and
    None. Invalid JSON raises ValueError; input that is not text, TypeError."""
    deprecated("`load_json` is deprecated; use `TypeAdapter(Any).validate_json` instead.")
    if isinstance(json_str, memoryview):
        json_str = json_str.tobytes()
    if not isinstance(json_str, (str, bytes, bytearray)):
        raise TypeError(f"load_json takes str, bytes, bytearray or memoryview, not {type(json_str).__name__}")
    try:
        return _ANY_JSON.validate_json(json_str)
    except ValidationError as exc:
        reason = exc.errors(include_url=False)[0]["msg"].removeprefix("Invalid JSON: ")
        raise ValueError(f"Failed to parse JSON: {reason}") from None
