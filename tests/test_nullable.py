"""`Optional[X]` / `X | None`: None passes, anything else goes to X with X's
coercion, constraints and errors."""

from typing import Optional, Union

import pytest

import satya
from satya import Field, Model
from support import one_field_model, single_error, validate_v


@pytest.mark.parametrize("annotation", [Optional[int], Union[int, None], int | None, None | int])
def test_every_spelling_of_optional_int_behaves_the_same(annotation):
    cls = one_field_model(annotation)
    assert validate_v(cls, None) is None
    assert validate_v(cls, "5") == 5
    error = single_error(cls, "x")
    assert (error["type"], error["loc"]) == ("int_parsing", ("v",))


def test_non_none_values_are_coerced_by_the_inner_type():
    assert validate_v(one_field_model(Optional[float]), "1.5") == 1.5
    assert validate_v(one_field_model(Optional[bool]), "yes") is True
    assert validate_v(one_field_model(Optional[bytes]), "ab") == b"ab"
    assert validate_v(one_field_model(Optional[list[int]]), ("1", 2)) == [1, 2]


def test_inner_errors_are_reported_as_the_inner_types_error():
    error = single_error(one_field_model(Optional[int]), 5.5)
    assert error == {
        "type": "int_from_float",
        "loc": ("v",),
        "msg": "Input should be a valid integer, got a number with a fractional part",
        "input": 5.5,
    }


def test_constraints_apply_to_non_none_values_only():
    Positive = one_field_model(Optional[int], dict(gt=1))
    assert validate_v(Positive, None) is None
    assert validate_v(Positive, 2) == 2
    error = single_error(Positive, 0)
    assert (error["type"], error["ctx"]) == ("greater_than", {"gt": 1})


def test_optional_str_and_list_length_constraints():
    Name = one_field_model(Optional[str], dict(min_length=1))
    Items = one_field_model(Optional[list[int]], dict(min_length=1))
    assert validate_v(Name, None) is None
    assert single_error(Name, "")["type"] == "string_too_short"
    assert validate_v(Items, None) is None
    assert single_error(Items, [])["msg"] == "List should have at least 1 item after validation, not 0"


def test_optional_without_default_is_required():
    with pytest.raises(satya.ValidationError) as info:
        one_field_model(Optional[int]).model_validate({})
    assert [e["type"] for e in info.value.errors()] == ["missing"]


def test_optional_with_none_default():
    class Profile(Model):
        nickname: Optional[str] = None
        age: Optional[int] = Field(default=None, ge=0)

    assert Profile().nickname is None
    assert Profile(age=None).age is None
    assert Profile(age="3").age == 3
    with pytest.raises(satya.ValidationError):
        Profile(age=-1)


def test_strict_optional_is_strict_for_its_inner_type():
    StrictOptional = one_field_model(Optional[int], strict=True)
    assert validate_v(StrictOptional, None) is None
    assert single_error(StrictOptional, "1")["type"] == "int_type"


def test_optional_inside_a_list():
    Items = one_field_model(list[Optional[int]])
    assert validate_v(Items, [None, "1", 2]) == [None, 1, 2]
    error = single_error(Items, [None, "x"])
    assert error["loc"] == ("v", 1)
