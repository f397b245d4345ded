"""`None` fields accept only None; `Any` and `object` accept everything unchanged."""

from typing import Any

import pytest

from support import Model, one_field_model

NoneType = type(None)


@pytest.mark.parametrize("annotation", [None, NoneType])
def test_none_field_accepts_none(inputs, annotation):
    assert inputs.validate_v(one_field_model(annotation), None) is None


@pytest.mark.parametrize("annotation", [None, NoneType])
@pytest.mark.parametrize("value", [0, "", "None", "null", False, [], b""])
def test_none_field_rejects_everything_else(inputs, annotation, value):
    error = inputs.single_error(one_field_model(annotation), value)
    msg = inputs.pick(python="Input should be None", json="Input should be null")  # pydantic's JSON wording
    assert error == {"type": "none_required", "loc": ("v",), "msg": msg, "input": value}


def test_none_field_is_still_required_without_a_default(inputs):
    assert inputs.errors(one_field_model(None), {})[0]["type"] == "missing"


class Unhashable:
    __hash__ = None


@pytest.mark.parametrize("annotation", [Any, object])
@pytest.mark.parametrize(
    "value", [None, 0, "text", [1, "a"], {"k": object()}, object, Unhashable(), float("nan"), b"\xff"]
)
def test_any_field_passes_the_same_object_through(inputs, annotation, value):
    # From JSON, Any yields the plain Python value of the JSON
    assert inputs.same_input(inputs.validate_v(one_field_model(annotation), value), value)


def test_any_field_is_required_without_a_default(inputs):
    assert inputs.errors(one_field_model(Any), {}) == [{"type": "missing", "loc": ("v",), "msg": "Field required", "input": {}}]


def test_any_field_with_default(inputs):
    class WithDefault(Model):
        anything: Any = "fallback"

    assert inputs.construct(WithDefault).anything == "fallback"
    assert inputs.construct(WithDefault, anything=None).anything is None
