"""`validate_strings`: Python strings (alone, or in str-keyed dicts) validated
as the same strings in a JSON document would be; any other value is refused."""

from __future__ import annotations

import json

from .errors import ValidationError


def validate_strings(validate_json, obj, title: str, options: dict, *, by_field: bool = False):
    """`validate_json` (a function of JSON text and the call's `options`)
    applied to `obj` as JSON; anything that is not a string is refused
    (`by_field`: located at the model field it was given for)."""
    if by_field and isinstance(obj, dict):
        # a model reads its fields one by one: each field's bad value is its own error
        found = [((key,), _not_strings(value)) for key, value in obj.items() if isinstance(key, str)]
        problems = [(loc, problem[1]) for loc, problem in found if problem is not None]
    else:
        problem = _not_strings(obj)
        problems = [] if problem is None else [problem]
    if problems:
        raise ValidationError.from_exception_data(
            title, [{"type": "string_type", "loc": loc, "input": value} for loc, value in problems])
    return validate_json(json.dumps(obj, ensure_ascii=False), **options)


def _not_strings(value):
    """The first value that is neither a str nor a str-keyed dict of them
    (lists included), as `(loc, value)` located at the top, or None."""
    if isinstance(value, str):
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return (), key
            found = _not_strings(item)
            if found is not None:
                return found
        return None
    return (), value
