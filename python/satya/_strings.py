"""`validate_strings`: Python strings (alone, or in str-keyed dicts) validated
as the same strings in a JSON document would be; any other value is refused
where the type reads it (`string_type`), as in pydantic."""

from __future__ import annotations

from . import _satya


def validate_strings(cls, obj, options: dict, *, key: str | None = None):
    """`obj` validated in strings mode as an instance of the model `cls`, or
    (`key`) as the value of that field of `cls`, with the call's `options`."""
    return _satya.validate_strings(cls, obj, key, **options)
