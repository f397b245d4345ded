"""Definition-time errors: a Model class that cannot be built raises
satya.SchemaError when its class statement runs, naming the class and the field."""

import re
from typing import Annotated, Any, Optional, Union

import pytest

import satya
from satya import Field, Model, SchemaError


def define_user(annotation, field=None, *, field_name="id", config=None):
    """Runs `class User(Model)` with one field; returns the class."""
    namespace = {"__annotations__": {field_name: annotation}}
    if field is not None:
        namespace[field_name] = field
    if config is not None:
        namespace["model_config"] = config
    return type("User", (Model,), namespace)


def schema_error_message(annotation, field=None, **kwargs) -> str:
    with pytest.raises(SchemaError) as info:
        define_user(annotation, field, **kwargs)
    return str(info.value)


def test_schema_error_is_a_type_error_and_exported():
    assert issubclass(satya.SchemaError, TypeError)
    assert not issubclass(satya.SchemaError, satya.ValidationError)


def test_unknown_field_keyword_names_class_field_and_keyword():
    message = schema_error_message(int, Field(foo=1))
    assert message.startswith("User.id:")
    assert "foo" in message


def test_unknown_keyword_inside_annotated_is_reported():
    message = schema_error_message(Annotated[int, Field(bar=2)])
    assert message.startswith("User.id:")
    assert "bar" in message


@pytest.mark.parametrize(
    "annotation, constraint",
    [
        (int, dict(min_length=1)),
        (int, dict(max_length=1)),
        (int, dict(pattern="x")),
        (float, dict(pattern="x")),
        (str, dict(gt=1)),
        (str, dict(multiple_of=2)),
        (bytes, dict(pattern="x")),
        (bytes, dict(le=3)),
        (bool, dict(gt=0)),
        (bool, dict(min_length=1)),
        (list[int], dict(gt=1)),
        (dict[str, int], dict(pattern="x")),
        (Any, dict(gt=1)),
        (type(None), dict(max_length=1)),
    ],
)
def test_constraint_that_does_not_fit_its_type(annotation, constraint):
    message = schema_error_message(annotation, Field(**constraint))
    assert message.startswith("User.id:")
    assert next(iter(constraint)) in message


def test_constraint_on_a_nested_model_field():
    class Inner(Model):
        x: int

    message = schema_error_message(Inner, Field(gt=1))
    assert message.startswith("User.id:")
    assert "gt" in message


@pytest.mark.parametrize(
    "annotation, constraint",
    [
        (int, dict(gt=5, lt=3)),
        (int, dict(ge=5, le=4)),
        (int, dict(gt=5, lt=6)),  # no int lies strictly between 5 and 6
        (int, dict(gt=5, le=5)),
        (float, dict(gt=5, lt=3)),
        (float, dict(gt=5, le=5)),
        (float, dict(ge=5, lt=5)),
        (float, dict(ge=5.5, le=5.0)),
        (Optional[int], dict(gt=10, lt=0)),
    ],
)
def test_contradictory_numeric_bounds(annotation, constraint):
    message = schema_error_message(annotation, Field(**constraint))
    assert message.startswith("User.id:")
    assert "contradictory" in message


@pytest.mark.parametrize("annotation", [str, bytes, list[int], dict[str, int]])
def test_min_length_greater_than_max_length(annotation):
    message = schema_error_message(annotation, Field(min_length=5, max_length=2))
    assert message.startswith("User.id:")
    assert "min_length=5" in message and "max_length=2" in message


@pytest.mark.parametrize(
    "annotation, constraint",
    [
        (int, dict(ge=5, le=5)),
        (float, dict(ge=5, le=5)),
        (float, dict(gt=5, lt=6)),
        (str, dict(min_length=3, max_length=3)),
        (int, dict(gt=-(10**100), lt=10**100)),
    ],
)
def test_tight_but_satisfiable_bounds_are_accepted(annotation, constraint):
    cls = define_user(annotation, Field(**constraint))
    assert "id" in cls.model_fields


@pytest.mark.parametrize(
    "annotation",
    [
        type[int],
        frozenset[complex],
        tuple[int, complex],
        Union[int, complex],
        complex,
        list[set[complex]],
        dict[str, complex],
        Optional[tuple[int, complex]],
    ],
)
def test_unsupported_annotation(annotation):
    message = schema_error_message(annotation)
    assert message.startswith("User.id:")


@pytest.mark.parametrize(
    "constraint, fragment",
    [
        (dict(min_length=-1), "min_length"),
        (dict(max_length=1.5), "max_length"),
        (dict(pattern="("), "pattern"),
        (dict(pattern=5), "pattern"),
    ],
)
def test_invalid_str_constraint_values(constraint, fragment):
    message = schema_error_message(str, Field(**constraint))
    assert message.startswith("User.id:")
    assert fragment in message


@pytest.mark.parametrize(
    "annotation, constraint",
    [
        (int, dict(multiple_of=0)),
        (float, dict(multiple_of=0.0)),
        (float, dict(multiple_of=float("inf"))),
        (float, dict(gt=float("nan"))),
        (int, dict(gt=1.5)),
        (int, dict(gt="5")),
        (float, dict(le=True)),
    ],
)
def test_invalid_numeric_constraint_values(annotation, constraint):
    message = schema_error_message(annotation, Field(**constraint))
    assert message.startswith("User.id:")


def test_default_and_default_factory_together():
    message = schema_error_message(int, Field(default=1, default_factory=int))
    assert message.startswith("User.id:")
    assert "default_factory" in message


def test_default_factory_must_be_callable():
    message = schema_error_message(int, Field(default_factory=5))
    assert message.startswith("User.id:")


@pytest.mark.parametrize("name", ["model_fields", "model_config"])
def test_reserved_field_names(name):
    if name == "model_config":
        # `model_config` as an annotation without a value is the reserved name
        message = schema_error_message(dict, field_name=name)
    else:
        message = schema_error_message(int, field_name=name)
    assert message.startswith(f"User.{name}")


@pytest.mark.parametrize("config", [{"extra": "sometimes"}, {"no_such_key": True}])
def test_unsupported_model_config_names_the_class(config):
    message = schema_error_message(int, config=config)
    assert re.match(r"User\b", message)


def test_error_in_a_later_field_names_that_field():
    with pytest.raises(SchemaError) as info:

        class Account(Model):
            id: int
            name: str = Field(gt=1)

    assert str(info.value).startswith("Account.name:")


def test_error_in_a_subclass_names_the_subclass():
    class Parent(Model):
        id: int

    with pytest.raises(SchemaError) as info:

        class Kid(Parent):
            tags: complex

    assert str(info.value).startswith("Kid.tags:")


def test_schema_error_is_raised_by_the_class_statement_itself():
    defined = []
    with pytest.raises(SchemaError):

        class Broken(Model):
            id: int = Field(min_length=1)

        defined.append(Broken)
    assert defined == []
