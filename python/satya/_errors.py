"""Helpers of the native ValidationError that are simplest in Python."""

import base64
import json


def _fallback(value):
    # Inputs that JSON cannot carry are written as their text, as pydantic does.
    if isinstance(value, (bytes, bytearray)):
        try:
            return value.decode()
        except UnicodeDecodeError:
            return base64.b64encode(value).decode()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def errors_json(errors, indent):
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(errors, default=_fallback, indent=indent, separators=separators, ensure_ascii=False)
