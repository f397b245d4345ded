"""satya 0.x's `Field` keywords, translated to the constraints of today:
each validates as its pydantic spelling does, and warns once, naming it."""

import typing
import warnings

import pydantic
import pytest
from hypothesis import given, strategies as st

import satya
from satya import Field, Model, SchemaError, ValidationError
from support import satya_only

pytestmark = satya_only


def outcome(cls, data):
    try:
        return ("ok", cls.model_validate(data).model_dump())
    except (ValidationError, pydantic.ValidationError) as exc:
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in exc.errors(include_url=False)])


def define(**keywords):
    """A satya model with the 0.x keywords, checking the one warning each gives."""
    annotation = keywords.pop("annotation", list[int])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        info = Field(**keywords)
    zero_x = [k for k in keywords if k in satya._v0_fields.V0_KEYWORDS]
    assert [type(w.message) for w in caught] == [satya.SatyaDeprecationWarning] * len(zero_x)
    assert all(w.filename == __file__ for w in caught)  # the warning points at the caller
    return type("M", (Model,), {"__annotations__": {"v": annotation}, "v": info})


def pydantic_model(annotation, **keywords):
    return pydantic.create_model("M", v=(annotation, pydantic.Field(**keywords)))


@given(st.lists(st.integers(-3, 3), max_size=6), st.integers(0, 3), st.integers(0, 4))
def test_min_items_and_max_items_are_min_length_and_max_length(items, low, high):
    low, high = min(low, high), max(low, high)  # satya refuses contradictory bounds at definition
    mine = define(min_items=low, max_items=high)
    theirs = pydantic_model(list[int], min_length=low, max_length=high)
    assert outcome(mine, {"v": items}) == outcome(theirs, {"v": items})


@given(st.one_of(st.integers(-20, 20), st.floats(-20, 20), st.text(max_size=3)), st.integers(-5, 5), st.integers(-5, 5))
def test_min_value_and_max_value_are_ge_and_le(value, low, high):
    if low > high:
        low, high = high, low
    mine = define(annotation=float, min_value=low, max_value=high)
    theirs = pydantic_model(float, ge=low, le=high)
    assert outcome(mine, {"v": value}) == outcome(theirs, {"v": value})


@given(st.one_of(st.sampled_from(["red", "green", "blue", ""]), st.integers(0, 2), st.none()))
def test_enum_is_a_literal_of_the_values(value):
    mine = define(annotation=str, enum=["red", "green"])
    theirs = pydantic_model(typing.Literal["red", "green"])
    assert outcome(mine, {"v": value}) == outcome(theirs, {"v": value})


def test_enum_on_an_optional_field_keeps_none():
    mine = define(annotation=typing.Optional[int], enum=[1, 2], default=None)
    assert outcome(mine, {}) == ("ok", {"v": None})
    assert outcome(mine, {"v": 2}) == ("ok", {"v": 2})
    assert outcome(mine, {"v": 3})[1][0][0] == "literal_error"


def test_enum_is_in_the_json_schema():
    mine = define(annotation=str, enum=["red", "green"])
    assert mine.model_json_schema()["properties"]["v"] == {"enum": ["red", "green"], "title": "V", "type": "string"}


@pytest.mark.parametrize("annotation, values, message", [
    (str, [1], "enum values must be of the field's type str"),
    (list[int], [1], "enum applies to str, int, float and bool fields"),
    (str, "ab", "enum must be a list of values"),
    (str, [], "enum must list at least one value"),
])
def test_enum_that_cannot_hold_is_refused_at_definition(annotation, values, message):
    with pytest.raises(SchemaError, match=message):
        define(annotation=annotation, enum=values)


def test_enum_with_other_constraints_is_refused():
    with pytest.raises(SchemaError, match="enum cannot be combined"):
        define(annotation=str, enum=["a"], min_length=1)


def test_required_false_gives_the_default_none():
    mine = define(annotation=typing.Optional[str], required=False)
    theirs = pydantic_model(typing.Optional[str], default=None)
    for data in ({}, {"v": "x"}, {"v": None}, {"v": 3}):
        assert outcome(mine, data) == outcome(theirs, data)
    assert mine.model_fields["v"].is_required() is False


def test_required_true_is_required_even_with_0x_default_none():
    mine = define(annotation=str, required=True, default=None)
    assert outcome(mine, {}) == ("err", [("missing", ("v",), "Field required")])


@pytest.mark.parametrize("keywords, message", [
    ({"required": True, "default": "x"}, "M.v: cannot set both required=True and a default$"),
    ({"required": True, "default_factory": list}, "M.v: cannot set both required=True and a default_factory$"),
    ({"required": "yes"}, "M.v: required must be True or False, got 'yes'$"),
    ({"min_items": 1, "min_length": 2}, "M.v: cannot set both min_items and min_length$"),
    ({"max_value": 1, "le": 2, "annotation": int}, "M.v: cannot set both max_value and le$"),
])
def test_contradictions_are_refused_at_definition(keywords, message):
    with pytest.raises(SchemaError, match=message):
        define(**keywords)


@given(st.lists(st.one_of(st.integers(0, 3), st.lists(st.integers(0, 1), max_size=2)), max_size=5))
def test_unique_items_refuses_equal_items(items):
    mine = define(annotation=list, unique_items=True)
    result = outcome(mine, {"v": items})
    distinct = all(items[i] != items[j] for i in range(len(items)) for j in range(i))
    if distinct:
        assert result == ("ok", {"v": items})
    else:
        assert result == ("err", [("unique_items", ("v",), "Items should be unique")])


def test_unique_items_on_a_scalar_is_refused():
    with pytest.raises(SchemaError, match="unique_items applies to list"):
        define(annotation=int, unique_items=True)


def test_unique_items_shows_in_the_json_schema():
    mine = define(annotation=list[int], unique_items=True, min_items=1)
    assert mine.model_json_schema()["properties"]["v"] == {
        "items": {"type": "integer"}, "minItems": 1, "title": "V", "type": "array", "uniqueItems": True}


def test_example_is_kept_as_pydantic_keeps_it():
    mine = define(annotation=int, example=5, description="n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = pydantic_model(int, example=5, description="n")
    assert mine.model_json_schema() == theirs.model_json_schema()


def test_json_of_0x_keywords_validates_alike():
    mine = define(min_items=1, max_items=2)
    with pytest.raises(ValidationError) as info:
        mine.model_validate_json('{"v": [1, 2, 3]}')
    assert info.value.errors()[0]["type"] == "too_long"


def test_json_schema_method_warns_and_equals_model_json_schema():
    class User(Model):
        id: int
    with pytest.warns(satya.SatyaDeprecationWarning, match="model_json_schema"):
        assert User.json_schema() == User.model_json_schema()


def test_native_mode_switches_are_accepted_warn_and_change_nothing():
    with pytest.warns(satya.SatyaDeprecationWarning, match="native_mode` is satya 0.x's switch") as caught:
        satya.config.native_mode = False
    assert len(caught) == 1 and caught[0].filename == __file__
    with pytest.warns(satya.SatyaDeprecationWarning):
        assert satya.config.native_mode is True  # the only mode, whatever was set
    with pytest.warns(satya.SatyaDeprecationWarning, match="__satya_native__` is satya 0.x's switch") as caught:
        class Native(Model):
            __satya_native__ = True
            id: int
    assert len(caught) == 1 and caught[0].filename == __file__
    assert Native(id="3").id == 3 and Native.__satya_native__ is True
    assert "__satya_native__" not in Native.model_fields
    assert satya.inspect(Native)["backend"] == satya.inspect(type("Plain", (Model,), {"__annotations__": {"id": int}}))["backend"]


@given(st.text(alphabet=" aB\t", max_size=5), st.sampled_from(["strip_whitespace", "to_lower", "to_upper"]))
def test_string_transforms_are_string_constraints(text, transform):
    mine = define(annotation=str, **{transform: True}, min_length=1)
    theirs = pydantic_model(typing.Annotated[str, pydantic.StringConstraints(**{transform: True}, min_length=1)])
    assert outcome(mine, {"v": text}) == outcome(theirs, {"v": text})


@pytest.mark.parametrize("keyword, expected", [("email", "email"), ("url", "uri")])
def test_email_and_url_keywords_show_their_format(keyword, expected):
    mine = define(annotation=str, **{keyword: True}, max_length=50)
    assert mine.model_json_schema()["properties"]["v"] == {
        "format": expected, "maxLength": 50, "title": "V", "type": "string"}
