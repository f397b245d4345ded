"""Differential helpers for the types whose errors carry exceptions in `ctx`
or whose values are objects made by Python classes (paths, IP addresses,
secrets, Json): one outcome view for satya and pydantic, compared whole."""

from __future__ import annotations

import json

import pydantic

import support
from dump_support import error_kind


def ctx_view(ctx):
    """A comparable ctx: an exception as its type name and text."""
    if ctx is None:
        return None
    return {k: (type(v).__name__, str(v)) if isinstance(v, BaseException) else v for k, v in ctx.items()}


def value_view(value):
    """A comparable value: its type and, for a secret, the type and secret value."""
    if hasattr(value, "get_secret_value"):
        return (type(value).__name__, "secret", value.get_secret_value())
    if isinstance(value, list):
        return ("list", [value_view(v) for v in value])
    if isinstance(value, dict):
        return ("dict", [(value_view(k), value_view(v)) for k, v in value.items()])
    return support.plain(value)


def attempt(cls, kind, data, strict=None, **dump_options):
    """("err", errors) or ("ok", value, dumps) for validating `data` as `kind` input."""
    return support.differential_attempt(cls, kind, data, strict, view=value_view, ctx_view=ctx_view,
                                        raised=lambda exc: (error_kind(exc),), **dump_options)


def model_pair(annotation, field=None, strict=False):
    """The same one-field model under satya (the library under test) and pydantic."""
    return (support.one_field_model(annotation, field, strict=strict),
            support.one_field_model(annotation, field, strict=strict, lib=pydantic))


def assert_matches(pair, value, strict=None, kinds=("python", "json"), **dump_options):
    """Both inputs of `value` (JSON when JSON carries it) give the same outcome under both libraries."""
    mine, oracle = pair
    runs = [("python", {"v": value})]
    if "json" in kinds and support.json_obstacle(value) is None:
        runs.append(("json", json.dumps({"v": value})))
    if "python" not in kinds:
        runs = runs[1:]
    for kind, data in runs:
        got = attempt(mine, kind, data, strict, **dump_options)
        expected = attempt(oracle, kind, data, strict, **dump_options)
        assert got == expected, (kind, data, strict)
