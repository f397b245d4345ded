"""`Optional[X]` / `X | None`: None passes, anything else goes to X with X's
coercion, constraints and errors."""

from typing import Optional, Union

import pytest

from support import Field, Model, ValidationError, one_field_model


@pytest.mark.parametrize("annotation", [Optional[int], Union[int, None], int | None, None | int])
def test_every_spelling_of_optional_int_behaves_the_same(inputs, annotation):
    cls = one_field_model(annotation)
    assert inputs.validate_v(cls, None) is None
    assert inputs.validate_v(cls, "5") == 5
    error = inputs.single_error(cls, "x")
    assert (error["type"], error["loc"]) == ("int_parsing", ("v",))


def test_non_none_values_are_coerced_by_the_inner_type(inputs):
    assert inputs.validate_v(one_field_model(Optional[float]), "1.5") == 1.5
    assert inputs.validate_v(one_field_model(Optional[bool]), "yes") is True
    assert inputs.validate_v(one_field_model(Optional[bytes]), "ab") == b"ab"
    assert inputs.validate_v(one_field_model(Optional[list[int]]), inputs.pick(python=("1", 2), json=["1", 2])) == [1, 2]


def test_inner_errors_are_reported_as_the_inner_types_error(inputs):
    error = inputs.single_error(one_field_model(Optional[int]), 5.5)
    assert error == {
        "type": "int_from_float",
        "loc": ("v",),
        "msg": "Input should be a valid integer, got a number with a fractional part",
        "input": 5.5,
    }


def test_constraints_apply_to_non_none_values_only(inputs):
    Positive = one_field_model(Optional[int], dict(gt=1))
    assert inputs.validate_v(Positive, None) is None
    assert inputs.validate_v(Positive, 2) == 2
    error = inputs.single_error(Positive, 0)
    assert (error["type"], error["ctx"]) == ("greater_than", {"gt": 1})


def test_optional_str_and_list_length_constraints(inputs):
    Name = one_field_model(Optional[str], dict(min_length=1))
    Items = one_field_model(Optional[list[int]], dict(min_length=1))
    assert inputs.validate_v(Name, None) is None
    assert inputs.single_error(Name, "")["type"] == "string_too_short"
    assert inputs.validate_v(Items, None) is None
    assert inputs.single_error(Items, [])["msg"] == "List should have at least 1 item after validation, not 0"


def test_optional_without_default_is_required(inputs):
    assert [e["type"] for e in inputs.errors(one_field_model(Optional[int]), {})] == ["missing"]


def test_optional_with_none_default(inputs):
    class Profile(Model):
        nickname: Optional[str] = None
        age: Optional[int] = Field(default=None, ge=0)

    assert inputs.construct(Profile).nickname is None
    assert inputs.construct(Profile, age=None).age is None
    assert inputs.construct(Profile, age="3").age == 3
    with pytest.raises(ValidationError):
        inputs.construct(Profile, age=-1)


def test_strict_optional_is_strict_for_its_inner_type(inputs):
    StrictOptional = one_field_model(Optional[int], strict=True)
    assert inputs.validate_v(StrictOptional, None) is None
    assert inputs.single_error(StrictOptional, "1")["type"] == "int_type"


def test_optional_inside_a_list(inputs):
    Items = one_field_model(list[Optional[int]])
    assert inputs.validate_v(Items, [None, "1", 2]) == [None, 1, 2]
    error = inputs.single_error(Items, [None, "x"])
    assert error["loc"] == ("v", 1)
