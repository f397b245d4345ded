"""`Json[T]` and bare `Json`: a str, bytes or bytearray (from JSON, a string)
holding a JSON document, parsed and validated as T from JSON; json_invalid,
json_type and T's own errors at pydantic's locations; dumps as pydantic."""

import json
from decimal import Decimal
from typing import Any, Optional

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import support
from net_support import assert_matches
from support import Field, Model, divergence, lib, one_field_model

PAIRS = {}


def pair(make, field=None, strict=False):
    """`make(Json)` as a one-field model of each library."""
    key = (make, repr(field), strict)
    if key not in PAIRS:
        PAIRS[key] = (one_field_model(make(lib.Json), field, strict=strict),
                      one_field_model(make(pydantic.Json), field, strict=strict, lib=pydantic))
    return PAIRS[key]


def bare(j):
    return j


def of_int(j):
    return j[int]


def of_list(j):
    return j[list[int]]


def of_any(j):
    return j[Any]


def optional_of_int(j):
    return Optional[j[int]]


def of_optional_int(j):
    return j[Optional[int]]


def of_dict(j):
    return j[dict[str, float]]


def of_decimal(j):
    return j[Decimal]


MAKERS = [bare, of_int, of_list, of_any, optional_of_int, of_optional_int, of_dict]
SAMPLES = ["1", " 5 ", "1 2", "", "{", "[1,2]", '[1,"a"]', '"x"', "null", '{"a": 1.5}', '{"a": "x"}', "1.10", "1e400",
           "[", "tru", b"[1]", b"\xff", bytearray(b"2"), 1, None, 1.5, ["1"], {"a": "1"}, "\ud800"]


@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("strict", [False, True])
def test_samples_match_pydantic(make, strict):
    for value in SAMPLES:
        assert_matches(pair(make), value, strict=strict)


@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__)
def test_round_trip_dumps_match_pydantic(make):
    for value in ["1", "[1,2]", '{"a": 1}', "null", '"x"']:
        assert_matches(pair(make), value, round_trip=True)


def test_a_parsed_document_is_validated_as_the_inner_type(inputs):
    cls = one_field_model(lib.Json[list[int]])
    assert inputs.validate_v(cls, "[1, 2]") == [1, 2]
    errors = inputs.errors(cls, {"v": '[1, "a"]'})
    assert [(e["type"], e["loc"], e["input"]) for e in errors] == [("int_parsing", ("v", 1), "a")]


def test_invalid_json_and_other_types(inputs):
    cls = one_field_model(lib.Json[int])
    error = inputs.single_error(cls, "{")
    assert error["type"] == "json_invalid" and error["ctx"] == {"error": "EOF while parsing an object at line 1 column 1"}
    error = inputs.single_error(cls, 5)
    assert (error["type"], error["msg"]) == ("json_type", "JSON input should be string, bytes or bytearray")


def test_field_constraints_apply_to_the_inner_value(inputs):
    class J(Model):
        x: lib.Json[int] = Field(gt=0)

    assert inputs.validate(J, {"x": "3"}).x == 3
    errors = inputs.errors(J, {"x": "0"})
    assert [(e["type"], e["loc"], e["input"]) for e in errors] == [("greater_than", ("x",), 0)]


def test_python_input_reports_python_wording_of_inner_errors():
    cls = one_field_model(lib.Json[list[int]])
    error = support.single_error(cls, "null")
    assert error["msg"] == "Input should be a valid list"
    with pytest.raises(support.ValidationError) as info:
        cls.model_validate_json('{"v": "null"}')
    assert support.errors_of(info.value)[0]["msg"] == "Input should be a valid array"


def test_dumps():
    m = one_field_model(lib.Json[list[int]])(v="[1]")
    assert m.model_dump() == {"v": [1]} and m.model_dump_json() == '{"v":[1]}'
    assert m.model_dump(round_trip=True) == {"v": "[1]"}
    assert m.model_dump_json(round_trip=True) == '{"v":"[1]"}'


@pytest.mark.parametrize("value", ['"1.10"', "1", "[1]", "null"])
def test_a_decimal_inside_matches_pydantic_where_no_json_float_is_read(value):
    assert_matches(pair(of_decimal), value)


@divergence("a JSON number becomes a Decimal from its text; pydantic reads it as a float first")
def test_a_decimal_inside_is_read_from_a_float_first(inputs):
    assert str(inputs.validate_v(one_field_model(lib.Json[Decimal]), "1.10")) == "1.1"


@pytest.mark.skipif(support.ORACLE, reason="satya's own exports")
def test_json_is_exported():
    import satya
    import satya.types

    assert satya.Json is satya.types.Json and "Json" in satya.__all__


documents = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
              st.text(max_size=4)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=6,
).map(json.dumps)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(documents, st.text(max_size=6)), make=st.sampled_from(MAKERS), strict=st.booleans())
def test_hypothesis_matches_pydantic(value, make, strict):
    assert_matches(pair(make), value, strict=strict)


class Inner(Model):
    a: int
    b: list[str] = []


def test_a_model_inside_json(inputs):
    cls = one_field_model(lib.Json[Inner])
    value = inputs.validate_v(cls, '{"a": "1", "b": ["x"]}')
    assert type(value) is Inner and value.a == 1 and value.b == ["x"]
    errors = inputs.errors(cls, {"v": '{"b": [1]}'})
    assert [(e["type"], e["loc"]) for e in errors] == [("missing", ("v", "a")), ("string_type", ("v", "b", 0))]


def test_model_type_inside_json_is_worded_for_the_outer_input(inputs):
    cls = one_field_model(lib.Json[Inner])
    error = inputs.single_error(cls, "[1]")
    expected = inputs.pick(python="Input should be a valid dictionary or instance of Inner", json="Input should be an object")
    assert (error["type"], error["msg"]) == ("model_type", expected)


def test_json_items_of_a_list(inputs):
    cls = one_field_model(list[lib.Json[int]])
    assert inputs.validate_v(cls, ["1", "2"]) == [1, 2]
    errors = inputs.errors(cls, {"v": ["1", "x"]})
    assert [(e["type"], e["loc"]) for e in errors] == [("json_invalid", ("v", 1))]


@pytest.mark.skipif(support.ORACLE, reason="satya's batch calls")
def test_batches_of_json_fields():
    cls = one_field_model(lib.Json[list[int]])
    got = cls.model_validate_json_many(json.dumps([{"v": "[1]"}, {"v": "[2, 3]"}]))
    assert [m.v for m in got] == [[1], [2, 3]]
