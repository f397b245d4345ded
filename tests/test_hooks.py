"""What every hook shares (src/hooks.rs): the `ValidationInfo` a hook may take
(data, field_name, context, mode, config), and what a hook raises: a
ValueError is value_error, an AssertionError assertion_error, a
PydanticCustomError (satya's, or pydantic_core's own) its own type with a
rendered message and no url, a ValidationError its own errors located again;
anything else propagates unchanged. Errors survive pickling."""

import pickle
from typing import Annotated

import pydantic_core
import pytest

from support import ORACLE, Model, ValidationError, lib

import satya

CustomError = pydantic_core.PydanticCustomError if ORACLE else satya.PydanticCustomError
ERROR_CLASSES = pytest.mark.parametrize("error_class", [CustomError, pydantic_core.PydanticCustomError],
                                        ids=["library", "pydantic_core"])


def described(errors) -> list[tuple]:
    """(loc, type, msg, ctx, input) of each error, an exception in ctx as (class name, text)."""
    return [(e["loc"], e["type"], e["msg"], ctx_view(e.get("ctx")), e["input"]) for e in errors]


def ctx_view(ctx):
    if ctx is None:
        return None
    return {k: (type(v).__name__, str(v)) if isinstance(v, BaseException) else v for k, v in ctx.items()}


# --------------------------------------------------------------------------- ValidationInfo


def test_info_data_holds_the_fields_validated_so_far(inputs):
    seen = []

    class M(Model):
        a: int
        b: int = 5
        c: int
        d: str

        @lib.field_validator("*", mode="before")
        @classmethod
        def before(cls, value, info):
            seen.append((info.field_name, dict(info.data)))
            return value

    errors = inputs.errors(M, {"a": "x", "c": 3, "d": "q"})
    assert [e["loc"] for e in errors] == [("a",)]
    # a failed earlier field is absent; a default is there
    assert seen == [("a", {}), ("c", {"b": 5}), ("d", {"b": 5, "c": 3})]


def test_info_context_mode_and_field_name(inputs):
    seen = []

    class M(Model):
        a: int
        b: list[Annotated[int, lib.AfterValidator(lambda v, info: seen.append(
            ("item", info.field_name, dict(info.data), info.context, info.mode)) or v)]]

        @lib.field_validator("a")
        @classmethod
        def after(cls, value, info):
            seen.append(("a", info.field_name, dict(info.data), info.context, info.mode))
            return value

    inputs.validate(M, {"a": 1, "b": [2]}, context={"k": [1]})
    mode = inputs.pick(python="python", json="json")
    assert seen == [("a", "a", {}, {"k": [1]}, mode), ("item", "b", {"a": 1}, {"k": [1]}, mode)]
    seen.clear()
    if not inputs.json:
        M(a=1, b=[2])
        assert seen == [("a", "a", {}, None, "python"), ("item", "b", {"a": 1}, None, "python")]


def test_info_mode_inside_json_is_json():
    class M(Model):
        j: lib.Json[Annotated[str, lib.AfterValidator(lambda v, info: info.mode)]]

    assert M.model_validate({"j": '"q"'}).j == "json"


def test_info_config_names_the_model():
    class M(Model):
        v: Annotated[int, lib.AfterValidator(lambda v, info: info.config.get("title"))]

    assert M(v=1).v == "M"


# --------------------------------------------------------------------------- what hooks raise


def raiser(exc):
    def hook(value):
        raise exc
    return hook


def test_value_and_assertion_errors_become_validation_errors(inputs):
    class M(Model):
        a: Annotated[int, lib.AfterValidator(raiser(ValueError("too big")))]
        b: Annotated[int, lib.BeforeValidator(raiser(AssertionError("not there")))]
        c: Annotated[int, lib.AfterValidator(raiser(AssertionError()))]

    errors = inputs.errors(M, {"a": 1, "b": 2, "c": 3})
    assert described(errors) == [
        (("a",), "value_error", "Value error, too big", {"error": ("ValueError", "too big")}, 1),
        (("b",), "assertion_error", "Assertion failed, not there", {"error": ("AssertionError", "not there")}, 2),
        (("c",), "assertion_error", "Assertion failed, ", {"error": ("AssertionError", "")}, 3)]


@ERROR_CLASSES
def test_a_custom_error_has_its_own_type_message_and_context_and_no_url(inputs, error_class):
    class M(Model):
        a: Annotated[int, lib.AfterValidator(raiser(error_class("too_big", "{n} is over {limit}", {"n": 5, "limit": "four"})))]
        b: Annotated[str, lib.PlainValidator(raiser(error_class("no_ctx", "plain text")))]

    with pytest.raises(ValidationError) as info:
        inputs.validate(M, {"a": 5, "b": "x"})
    errors = info.value.errors()
    assert described(errors) == [(("a",), "too_big", "5 is over four", {"n": 5, "limit": "four"}, 5),
                                 (("b",), "no_ctx", "plain text", None, "x")]
    assert ["url" in e for e in errors] == [False, False] and "ctx" not in errors[1]
    assert str(info.value).splitlines()[1:] == ["a", "  5 is over four [type=too_big, input_value=5, input_type=int]",
                                                "b", "  plain text [type=no_ctx, input_value='x', input_type=str]"]


def test_a_custom_error_renders_an_int_like_context_value_as_an_integer():
    class M(Model):
        v: Annotated[int, lib.AfterValidator(raiser(CustomError("flag", "flag={f} ratio={r}", {"f": True, "r": 1.5})))]

    with pytest.raises(ValidationError) as info:
        M(v=1)
    assert info.value.errors()[0]["msg"] == "flag=1 ratio=1.5"


def test_a_type_error_propagates_unchanged(inputs):
    error = TypeError("not a validation problem")

    class M(Model):
        v: Annotated[int, lib.AfterValidator(raiser(error))]

    with pytest.raises(TypeError) as info:
        inputs.validate(M, {"v": 1})
    assert info.value is error


def test_errors_of_a_hook_in_a_nested_model_inside_a_list_are_located_there(inputs):
    class Item(Model):
        n: int

        @lib.field_validator("n")
        @classmethod
        def positive(cls, value):
            if value < 0:
                raise ValueError("negative")
            return value

    class M(Model):
        items: list[Item]
        by_key: dict[str, Item] = {}

    errors = inputs.errors(M, {"items": [{"n": 1}, {"n": -1}], "by_key": {"k": {"n": -2}}})
    assert described(errors) == [
        (("items", 1, "n"), "value_error", "Value error, negative", {"error": ("ValueError", "negative")}, -1),
        (("by_key", "k", "n"), "value_error", "Value error, negative", {"error": ("ValueError", "negative")}, -2)]


def test_a_validation_error_raised_in_a_hook_is_located_under_the_field():
    class Other(Model):
        q: int

    class M(Model):
        v: Annotated[dict, lib.AfterValidator(lambda v: Other.model_validate(v) and v)]

    with pytest.raises(ValidationError) as info:
        M(v={"q": "x"})
    assert [(e["loc"], e["type"], e["input"]) for e in info.value.errors()] == [(("v", "q"), "int_parsing", "x")]


@ERROR_CLASSES
def test_a_custom_error_survives_pickling(error_class):
    class M(Model):
        a: Annotated[int, lib.AfterValidator(raiser(error_class("mine", "bad {n}", {"n": 3})))]
        b: Annotated[int, lib.AfterValidator(raiser(ValueError("plain")))]

    with pytest.raises(ValidationError) as info:
        M(a=1, b=2)
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is type(info.value) and str(again) == str(info.value)
    assert described(again.errors()) == described(info.value.errors())
    assert again.errors()[0] == {"type": "mine", "loc": ("a",), "msg": "bad 3", "input": 1, "ctx": {"n": 3}}


def test_a_custom_error_is_a_value_error_with_pydantics_attributes():
    error = CustomError("kind", "{a} and {b}", {"a": "x", "b": 2})
    assert isinstance(error, ValueError)
    assert (error.type, error.message_template, error.context) == ("kind", "{a} and {b}", {"a": "x", "b": 2})
    assert (error.message(), str(error)) == ("x and 2", "x and 2")
    assert repr(error) == "x and 2 [type=kind, context={'a': 'x', 'b': 2}]"
    assert repr(CustomError("bare", "text")) == "text [type=bare, context=None]"
