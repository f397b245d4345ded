"""What the container tests share (test_tuple.py, test_set.py, test_deque.py,
test_sequence.py): inputs of every shape pydantic's lax table names, made
fresh for each library (a generator is used up once read), a comparable view
of collections, and the differential against pydantic over both inputs,
strict and lax, values, errors and the three dumps."""

import collections
import collections.abc
import json

import pydantic
from hypothesis import strategies as st

import support
from support import one_field_model

# How a list of items becomes an input of each shape.
SHAPES = {
    "list": list,
    "tuple": tuple,
    "set": set,
    "frozenset": frozenset,
    "deque": collections.deque,
    "generator": lambda items: (x for x in items),
    "iterator": iter,
    "dict_keys": lambda items: dict.fromkeys(items).keys(),
    "dict_values": lambda items: {i: x for i, x in enumerate(items)}.values(),
    "raising": lambda items: _raising(items),
}


def _raising(items):
    """A generator that fails after its items (pydantic's iteration_error)."""
    yield from items
    raise RuntimeError("boom")

HASHABLE_ITEMS = st.one_of(
    st.integers(-3, 300),
    st.sampled_from(["1", "x", "2", "", "10", "a", "1.0"]),
    st.none(),
    st.booleans(),
    st.sampled_from([1.0, 2.5, -0.0]),
)
ITEM_LISTS = st.lists(HASHABLE_ITEMS, max_size=6)
# JSON values that are not arrays, for the type errors
NON_ARRAYS = st.sampled_from(['"ab"', "5", '{"a": 1}', "null", "true", '""', "1.5"])


def view(value):
    """A comparable view: types kept, sets in a stable order, and inputs that
    are one-use objects (generators, iterators, views) by their type only."""
    if isinstance(value, float):
        return support.plain(value)
    if isinstance(value, (list, tuple, collections.deque)):
        return (type(value).__name__, [view(v) for v in value])
    if isinstance(value, (set, frozenset)):
        return (type(value).__name__, sorted((view(v) for v in value), key=repr))
    if isinstance(value, dict):
        return ("dict", [(view(k), view(v)) for k, v in value.items()])
    if isinstance(value, (str, bytes, int, type(None))):
        return (type(value).__name__, value)
    if isinstance(value, (collections.abc.Iterator, collections.abc.MappingView)):
        return (type(value).__name__,)
    return (type(value).__name__, repr(value))


_MODELS = {}


def models(annotation, field=None, strict=False):
    """The one-field models of the library under test and of pydantic."""
    key = (repr(annotation), repr(field), strict)
    if key not in _MODELS:
        _MODELS[key] = (one_field_model(annotation, field, strict=strict),
                        one_field_model(annotation, field, strict=strict, lib=pydantic))
    return _MODELS[key]


def attempt(cls, kind, make, strict):
    """What validating the freshly made data does, and its dumps."""
    return support.differential_attempt(cls, kind, make(), strict, view=view)


def assert_same_python(annotation, shape, items, strict, field=None):
    mine, oracle = models(annotation, field, strict)
    make = lambda: {"v": SHAPES[shape](items)}  # noqa: E731
    got, expected = attempt(mine, "python", make, strict), attempt(oracle, "python", make, strict)
    assert got == expected, f"\nmine:     {got}\npydantic: {expected}"


def assert_same_json(annotation, text, strict, field=None):
    mine, oracle = models(annotation, field, strict)
    make = lambda: '{"v": %s}' % text  # noqa: E731
    got, expected = attempt(mine, "json", make, strict), attempt(oracle, "json", make, strict)
    assert got == expected, f"\nmine:     {got}\npydantic: {expected}"


def json_array(items) -> str:
    return json.dumps(list(items))
