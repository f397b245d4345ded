"""`None` fields accept only None; `Any` and `object` accept everything unchanged."""

from typing import Any

import pytest

import satya
from support import one_field_model, single_error, validate_v

NoneType = type(None)


@pytest.mark.parametrize("annotation", [None, NoneType])
def test_none_field_accepts_none(annotation):
    assert validate_v(one_field_model(annotation), None) is None


@pytest.mark.parametrize("annotation", [None, NoneType])
@pytest.mark.parametrize("value", [0, "", "None", "null", False, [], b""])
def test_none_field_rejects_everything_else(annotation, value):
    error = single_error(one_field_model(annotation), value)
    assert error == {"type": "none_required", "loc": ("v",), "msg": "Input should be None", "input": value}


def test_none_field_is_still_required_without_a_default():
    with pytest.raises(satya.ValidationError) as info:
        one_field_model(None).model_validate({})
    assert info.value.errors()[0]["type"] == "missing"


class Unhashable:
    __hash__ = None


@pytest.mark.parametrize("annotation", [Any, object])
@pytest.mark.parametrize(
    "value", [None, 0, "text", [1, "a"], {"k": object()}, object, Unhashable(), float("nan"), b"\xff"]
)
def test_any_field_passes_the_same_object_through(annotation, value):
    assert validate_v(one_field_model(annotation), value) is value


def test_any_field_is_required_without_a_default():
    with pytest.raises(satya.ValidationError) as info:
        one_field_model(Any).model_validate({})
    assert info.value.errors() == [{"type": "missing", "loc": ("v",), "msg": "Field required", "input": {}}]


def test_any_field_with_default():
    class WithDefault(satya.Model):
        anything: Any = "fallback"

    assert WithDefault().anything == "fallback"
    assert WithDefault(anything=None).anything is None
