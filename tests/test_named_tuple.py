"""`NamedTuple` and `collections.namedtuple` fields: by position from a tuple
or list (lax: other iterables), by name from a dict (lax: other Mappings) or a
JSON object; defaults, `missing`, `too_long`, `extra_forbidden`,
`invalid_key`; dumps as a plain tuple (a list in JSON); against pydantic."""

import collections
import json
import typing
from types import MappingProxyType

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import container_support as cs
import dump_support
import support
from support import Model, one_field_model


class Point(typing.NamedTuple):
    x: int
    y: float = 1.5


class Line(typing.NamedTuple):
    a: Point
    b: typing.Optional[Point] = None


Raw = collections.namedtuple("Raw", ["a", "b"])


def test_positional_and_by_name(inputs):
    cls = one_field_model(Point)
    value = inputs.validate_v(cls, [1])
    assert type(value) is Point and value == Point(1, 1.5)
    assert inputs.validate_v(cls, {"x": 2, "y": 3}) == Point(2, 3.0)


def test_errors(inputs):
    cls = one_field_model(Point)
    error = inputs.single_error(cls, [1, 2, 3])
    assert error["msg"] == "NamedTuple should have at most 2 items after validation, not 3"
    assert inputs.single_error(cls, [])["loc"] == ("v", 0)
    error = inputs.single_error(cls, {"x": 1, "z": 2})
    assert (error["type"], error["loc"]) == ("extra_forbidden", ("v", "z"))
    error = inputs.single_error(cls, "ab")
    assert error["type"] == "named_tuple_type"
    assert error["msg"] == inputs.pick(python="Input should be a tuple, list, dictionary or an instance of Point",
                                       json="Input should be an array or an object")


def test_instances_and_plain_namedtuples():
    assert support.validate_v(one_field_model(Point), Point(1, 2)) == Point(1, 2.0)
    assert support.validate_v(one_field_model(Raw), (1, "b")) == Raw(1, "b")
    assert support.single_error(one_field_model(Raw), {"a": 1})["loc"] == ("v", "b")
    assert support.single_error(one_field_model(Point), {"x": 1, 1: 2})["type"] == "invalid_key"
    assert support.validate_v(one_field_model(Point), MappingProxyType({"x": 1})) == Point(1, 1.5)


def test_dumps():
    class M(Model):
        p: Point

    m = M(p=[1])
    assert m.model_dump() == {"p": (1, 1.5)}
    assert type(m.model_dump()["p"]) is tuple
    assert m.model_dump(mode="json") == {"p": [1, 1.5]}
    assert m.model_dump_json() == '{"p":[1,1.5]}'


ANNOTATIONS = [Point, Line, Raw]
ITEMS = st.one_of(st.integers(-2, 2), st.sampled_from(["1", "a", 2.5, None]), st.lists(st.integers(0, 3), max_size=3))
KEYS = st.sampled_from(["x", "y", "a", "b", "z"])


@given(annotation=st.sampled_from(ANNOTATIONS), items=st.lists(ITEMS, max_size=4), strict=st.booleans(),
       shape=st.sampled_from(["list", "tuple", "deque", "set", "generator", "iterator", "dict_keys", "raising"]))
def test_positional_matches_pydantic(annotation, items, strict, shape):
    if shape in ("set", "dict_keys") and any(isinstance(i, list) for i in items):
        items = [i for i in items if not isinstance(i, list)]
    cs.assert_same_python(annotation, shape, items, strict)
    cs.assert_same_json(annotation, json.dumps(items), strict)


@given(annotation=st.sampled_from(ANNOTATIONS), data=st.dictionaries(KEYS, ITEMS, max_size=3), strict=st.booleans())
def test_by_name_matches_pydantic(annotation, data, strict):
    mine, oracle = cs.models(annotation, None, strict)
    for kind, make in (("python", lambda: {"v": dict(data)}), ("json", lambda: json.dumps({"v": data}))):
        got, expected = cs.attempt(mine, kind, make, strict), cs.attempt(oracle, kind, make, strict)
        assert got == expected, f"\nmine:     {got}\npydantic: {expected}"


@pytest.mark.parametrize("value", [MappingProxyType({"x": 1}), collections.OrderedDict(x="2"), "ab", 5, None, b"x"])
def test_other_python_input_matches_pydantic(value):
    for strict in (False, True):
        mine, oracle = cs.models(Point, None, strict)
        make = lambda: {"v": value}  # noqa: E731
        assert cs.attempt(mine, "python", make, strict) == cs.attempt(oracle, "python", make, strict)


@pytest.mark.parametrize("text", ['"ab"', "5", "null", "[]", "{}"])
def test_other_json_matches_pydantic(text):
    for strict in (False, True):
        cs.assert_same_json(Point, text, strict)


def _holders(of):
    return type("NtHolder", (dump_support.model_base(of),), {"__annotations__": {"p": Point, "l": typing.Optional[Line]}, "l": None})


MINE_HOLDER, ORACLE_HOLDER = _holders(support.lib), _holders(pydantic)


@pytest.mark.parametrize("data", [{"p": Point(1, 2.0), "l": Line(Point(0), Point(1, 2))}, {"p": [1], "l": None}])
def test_dumps_match_pydantic(data):
    dump_support.assert_same_dumps(MINE_HOLDER(**data), ORACLE_HOLDER(**data))
