"""`TypedDict` fields (with `Required`, `NotRequired` and `total=False`):
a dict, or any Mapping in lax mode, or a JSON object; declared keys validated
in order, errors at their key, a required key absent is `missing`, other keys
dropped; dumps; against pydantic."""

import json
import typing
from types import MappingProxyType

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import NotRequired, Required, TypedDict

import container_support as cs
import dump_support
import support
from support import Model, one_field_model


class Point(TypedDict):
    x: int
    y: NotRequired[float]


class Options(TypedDict, total=False):
    name: str
    tags: Required[list[int]]


class Point3(Point):
    z: typing.Optional[int]


class Nested(TypedDict):
    p: Point
    o: NotRequired[Options]


def test_values_are_dicts_with_the_declared_keys(inputs):
    cls = one_field_model(Point)
    value = inputs.validate_v(cls, {"x": 1, "y": 2, "extra": 3})
    assert type(value) is dict and value == {"x": 1, "y": 2.0}
    assert type(value["y"]) is float


def test_missing_and_invalid_keys(inputs):
    cls = one_field_model(Point)
    errors = inputs.errors(cls, {"v": {"y": "a"}})
    assert [(e["type"], e["loc"]) for e in errors] == [("missing", ("v", "x")), ("float_parsing", ("v", "y"))]


def test_total_false_and_required(inputs):
    cls = one_field_model(Options)
    assert inputs.validate_v(cls, {"tags": [1]}) == {"tags": [1]}
    assert inputs.single_error(cls, {"name": "a"})["loc"] == ("v", "tags")


def test_inherited_and_nested(inputs):
    assert inputs.validate_v(one_field_model(Point3), {"x": 1, "z": None}) == {"x": 1, "z": None}
    value = inputs.validate_v(one_field_model(Nested), {"p": {"x": 1}, "o": {"tags": []}})
    assert value == {"p": {"x": 1}, "o": {"tags": []}}
    errors = inputs.errors(one_field_model(Nested), {"v": {"p": {}}})
    assert [e["loc"] for e in errors] == [("v", "p", "x")]


def test_lax_takes_mappings_strict_only_dicts():
    assert support.validate_v(one_field_model(Point), MappingProxyType({"x": 1})) == {"x": 1}
    error = support.single_error(one_field_model(Point, strict=True), MappingProxyType({"x": 1}))
    assert (error["type"], error["msg"]) == ("dict_type", "Input should be a valid dictionary")
    assert support.single_error(one_field_model(Point), [("x", 1)])["type"] == "dict_type"


def test_dumps():
    class M(Model):
        p: Point

    m = M(p={"x": "1", "y": 2})
    assert m.model_dump() == {"p": {"x": 1, "y": 2.0}}
    assert m.model_dump_json() == '{"p":{"x":1,"y":2.0}}'


ANNOTATIONS = [Point, Options, Point3, Nested]
KEYS = st.sampled_from(["x", "y", "z", "name", "tags", "p", "o", "other"])
VALUES = st.one_of(
    st.integers(-2, 2), st.sampled_from(["1", "a", "2.5", None, 1.5, True]),
    st.lists(st.integers(0, 3), max_size=2), st.fixed_dictionaries({"x": st.integers(0, 2)}),
)


@given(annotation=st.sampled_from(ANNOTATIONS), data=st.dictionaries(KEYS, VALUES, max_size=4), strict=st.booleans())
def test_matches_pydantic(annotation, data, strict):
    mine, oracle = cs.models(annotation, None, strict)
    for kind, make in (("python", lambda: {"v": dict(data)}), ("json", lambda: json.dumps({"v": data}))):
        got, expected = cs.attempt(mine, kind, make, strict), cs.attempt(oracle, kind, make, strict)
        assert got == expected, f"\nmine:     {got}\npydantic: {expected}"


@pytest.mark.parametrize("text", ["[]", '"x"', "5", "null", '{"x": 1, "x": 2}'])
def test_non_objects_match_pydantic(text):
    for strict in (False, True):
        cs.assert_same_json(Point, text, strict)


def _holders(of):
    return type("TdHolder", (dump_support.model_base(of),), {"__annotations__": {"p": Point, "n": typing.Optional[Nested]}, "n": None})


MINE_HOLDER, ORACLE_HOLDER = _holders(support.lib), _holders(pydantic)


@pytest.mark.parametrize("data", [
    {"p": {"x": 1, "y": 2.5}, "n": {"p": {"x": 2}, "o": {"tags": [1], "name": "a"}}},
    {"p": {"x": 0}, "n": None},
])
def test_dumps_match_pydantic(data):
    dump_support.assert_same_dumps(MINE_HOLDER(**data), ORACLE_HOLDER(**data))
