"""The order hooks run in, and which hooks a class has: a field's before
hooks run last-defined first, its after hooks in definition order, its
`Annotated` validators inside the decorated ones; a model's before
validators, then the fields' hooks, then `model_post_init`, then its after
validators, and before validators inside every wrap one; a subclass adds
hooks to its bases' and replaces a base hook by defining the same name."""

from typing import Annotated

import pytest

from support import Model, lib


# --------------------------------------------------------------------------- a field's hooks


def test_before_hooks_run_last_defined_first_and_after_hooks_in_definition_order():
    log = []

    def step(name, mode):
        if mode == "wrap":
            return lib.WrapValidator(lambda v, h: (log.append(name + "<"), h(v), log.append(name + ">"))[1])
        kind = lib.AfterValidator if mode == "after" else lib.BeforeValidator
        return kind(lambda v: (log.append(name), v)[1])

    class M(Model):
        v: Annotated[int, step("A1", "after"), step("B1", "before"), step("W1", "wrap"), step("A2", "after"),
                     step("B2", "before")]

        @lib.field_validator("v", mode="before")
        @classmethod
        def d1(cls, value):
            return log.append("d1") or value

        @lib.field_validator("v")
        @classmethod
        def d2(cls, value):
            return log.append("d2") or value

        @lib.field_validator("v", mode="wrap")
        @classmethod
        def d3(cls, value, handler):
            log.append("d3<")
            result = handler(value)
            log.append("d3>")
            return result

        @lib.field_validator("v", mode="before")
        @classmethod
        def d4(cls, value):
            return log.append("d4") or value

    M(v=1)
    # the Annotated validators run inside the decorated ones
    assert log == ["d4", "d3<", "d1", "B2", "W1<", "B1", "A1", "W1>", "A2", "d2", "d3>"]


# --------------------------------------------------------------------------- a model's hooks, with inheritance


def test_model_before_then_field_hooks_then_post_init_then_model_after_with_inheritance():
    log = []

    class Base(Model):
        x: int

        @lib.model_validator(mode="before")
        @classmethod
        def m1(cls, data):
            return log.append("m1") or data

        @lib.field_validator("x")
        @classmethod
        def f1(cls, value):
            return log.append("f1") or value

        @lib.model_validator(mode="after")
        def m2(self):
            return log.append("m2") or self

        def model_post_init(self, context):
            log.append("post")

    class Sub(Base):
        @lib.model_validator(mode="after")
        def m3(self):
            return log.append("m3") or self

        @lib.field_validator("x")
        @classmethod
        def f2(cls, value):
            return log.append("f2") or value

        @lib.model_validator(mode="before")
        @classmethod
        def m4(cls, data):
            return log.append("m4") or data

    Base(x=1)
    assert log == ["m1", "f1", "post", "m2"]
    log.clear()
    Sub.model_validate({"x": 1})
    assert log == ["m4", "m1", "f1", "f2", "post", "m2", "m3"]


def overriding(decorate_override: bool):
    """A base with field hooks `a` and `b`, and a subclass redefining `a`."""
    log = []

    class Base(Model):
        x: int

        @lib.field_validator("x")
        @classmethod
        def a(cls, value):
            return log.append("a") or value

        @lib.field_validator("x")
        @classmethod
        def b(cls, value):
            return log.append("b") or value

    def a(cls, value):
        return log.append("a2") or value

    replacement = lib.field_validator("x")(classmethod(a)) if decorate_override else classmethod(a)
    return type("Sub", (Base,), {"a": replacement}), log


def test_a_subclass_hook_of_the_same_name_replaces_the_base_one():
    sub, log = overriding(True)
    sub(x=1)
    assert sorted(log) == ["a2", "b"]


def test_a_replacing_hook_keeps_the_place_of_the_one_it_replaces():
    sub, log = overriding(True)
    sub(x=1)
    assert log == ["a2", "b"]


def test_a_plain_method_of_the_same_name_runs_as_the_hook():
    sub, log = overriding(False)
    sub(x=1)
    assert log == ["a2", "b"]


@pytest.mark.parametrize("wrap_first", [True, False])
def test_before_validators_run_inside_wrap_validators(wrap_first):
    log = []

    def before(cls, data):
        return log.append("before") or data

    def wrap(cls, data, handler):
        log.append("wrap<")
        result = handler(data)
        log.append("wrap>")
        return result

    hooks = [("w", lib.model_validator(mode="wrap")(classmethod(wrap))),
             ("b", lib.model_validator(mode="before")(classmethod(before)))]
    namespace = {"__annotations__": {"x": int}, **dict(hooks if wrap_first else hooks[::-1])}
    type("M", (Model,), namespace)(x=1)
    assert log == ["wrap<", "before", "wrap>"]


def test_constraints_before_a_hook_and_from_the_fields_default_check_the_types_value():
    minus_ten = lib.AfterValidator(lambda v: v - 10)

    class M(Model):
        before: Annotated[int, lib.Field(gt=0), minus_ten] = 0
        from_default: Annotated[int, minus_ten] = lib.Field(0, gt=0)
        plain_first: Annotated[int, lib.Field(gt=0), lib.PlainValidator(lambda v: v - 10)] = 0
        before_hook: Annotated[int, lib.Field(lt=3), lib.BeforeValidator(lambda v: v * 2)] = 0

    assert M(before=5, from_default=5, plain_first=5, before_hook=1).model_dump() == {
        "before": -5, "from_default": -5, "plain_first": -5, "before_hook": 2}
    with pytest.raises(lib.ValidationError) as info:
        M(before=0, before_hook=2)
    assert [(e["type"], e["loc"], e["input"]) for e in info.value.errors()] == [
        ("greater_than", ("before",), 0), ("less_than", ("before_hook",), 4)]


@pytest.mark.parametrize("hook", ["AfterValidator", "BeforeValidator", "PlainValidator", "WrapValidator"])
def test_a_constraint_after_a_hook_is_refused_rather_than_checked_on_the_wrong_value(hook):
    """pydantic checks such a constraint on the function's result, reporting
    the field's input; satya refuses the declaration rather than differ."""
    if lib.__name__ != "satya":
        pytest.skip("the refusal is satya's; pydantic checks the function's result")
    function = (lambda v, handler: handler(v)) if hook == "WrapValidator" else (lambda v: v)
    with pytest.raises(lib.SchemaError, match=f"M.x: a constraint after {hook} in Annotated is not supported"):
        class M(Model):
            x: Annotated[int, getattr(lib, hook)(function), lib.Field(gt=0)]
