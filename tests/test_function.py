"""Field validators written in Python (src/validators/function.rs):
`field_validator` in modes before, after, plain and wrap (several fields, "*",
check_fields, the classmethod and plain-function forms), the `Annotated`
validators, the wrap handler, and a hypothesis differential against pydantic
through Python and JSON input, strict and lax. `ValidationInfo` and what hooks
raise are in test_hooks.py (src/hooks.rs), the order hooks run in is in
test_hook_order.py."""

import dataclasses
import datetime
import json
import warnings
from typing import Annotated, NamedTuple, Optional, Union

import pydantic
import pydantic_core
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import ANY_VALIDATION_ERROR, ORACLE, Model, ValidationError, errors_of, lib, library_view, satya_only, to_json

import satya

SCHEMA_ERRORS = (pydantic.PydanticUserError, satya.SchemaError)


def described(errors) -> list[tuple]:
    """(loc, type, msg, ctx, input) of each error, an exception in ctx as (class name, text)."""
    return [(e["loc"], e["type"], e["msg"], ctx_view(e.get("ctx")), e["input"]) for e in errors]


def ctx_view(ctx):
    if ctx is None:
        return None
    return {k: (type(v).__name__, str(v)) if isinstance(v, BaseException) else v for k, v in ctx.items()}


# --------------------------------------------------------------------------- the four modes


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_before_after_and_plain_decorators(inputs):
    seen = []

    class M(Model):
        before: list[int] = []
        after: int = 0
        plain: int = 0

        @lib.field_validator("before", mode="before")
        @classmethod
        def split(cls, value):
            seen.append(("before", value))
            return value.split(",") if isinstance(value, str) else value

        @lib.field_validator("after")
        @classmethod
        def double(cls, value):
            seen.append(("after", type(value), value))
            return value * 2

        @lib.field_validator("plain", mode="plain")
        @classmethod
        def keep(cls, value):
            return ("kept", value)

    instance = inputs.validate(M, {"before": "1,2", "after": "21", "plain": "not an int"})
    assert instance.model_dump() == {"before": [1, 2], "after": 42, "plain": ("kept", "not an int")}
    assert [type(x) for x in instance.before] == [int, int]
    # before gets the raw input, after the validated value, plain only what it is given
    assert seen == [("before", "1,2"), ("after", int, 21)]
    errors = inputs.errors(M, {"before": "1,x", "after": "x", "plain": []})
    assert [(e["loc"], e["type"], e["input"]) for e in errors] == [(("before", 1), "int_parsing", "x"),
                                                                    (("after",), "int_parsing", "x")]


def test_a_wrap_validator_that_catches_the_handlers_error_returns_a_default(inputs):
    caught = []

    class M(Model):
        v: list[int]

        @lib.field_validator("v", mode="wrap")
        @classmethod
        def default(cls, value, handler):
            try:
                return handler(value)
            except ValidationError as exc:
                caught.append([(e["loc"], e["type"]) for e in exc.errors()])
                return [0]

    assert inputs.validate_v(M, [1, "x"]) == [0]
    assert caught == [[((1,), "int_parsing")]]
    assert inputs.validate_v(M, ["7"]) == [7]


def test_a_wrap_validator_that_lets_the_error_propagate_keeps_its_location(inputs):
    class M(Model):
        v: Annotated[list[int], lib.WrapValidator(lambda v, handler: handler(v))]
        w: Annotated[dict[str, int], lib.WrapValidator(lambda v, handler: handler(v, "inner"))] = {}

    errors = inputs.errors(M, {"v": [1, "x", 2, "y"], "w": {"k": "z"}})
    assert [(e["loc"], e["type"], e["input"]) for e in errors] == [
        (("v", 1), "int_parsing", "x"), (("v", 3), "int_parsing", "y"), (("w", "inner", "k"), "int_parsing", "z")]


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_annotated_validators_in_each_mode(inputs):
    class M(Model):
        a: Annotated[int, lib.AfterValidator(lambda v: v + 1)]
        b: Annotated[list[int], lib.BeforeValidator(lambda v: [v] if not isinstance(v, list) else v)]
        c: Annotated[int, lib.PlainValidator(lambda v: f"plain {v}")]
        d: Annotated[int, lib.WrapValidator(lambda v, handler: -handler(v.strip() if isinstance(v, str) else v))]

    instance = inputs.validate(M, {"a": "1", "b": "2", "c": None, "d": " 3 "})
    assert instance.model_dump() == {"a": 2, "b": [2], "c": "plain None", "d": -3}
    assert json.loads(instance.model_dump_json()) == {"a": 2, "b": [2], "c": "plain None", "d": -3}


# --------------------------------------------------------------------------- which fields, which forms


def test_one_decorator_for_several_fields_and_for_every_field():
    class Base(Model):
        inherited: str

    class M(Base):
        a: str
        b: str
        c: int = 0

        @lib.field_validator("a", "b")
        @classmethod
        def upper(cls, value, info):
            return f"{value.upper()}:{info.field_name}"

        @lib.field_validator("*", mode="before")
        @classmethod
        def every(cls, value):
            return value * 2

    assert M(inherited="i", a="x", b="y", c=2).model_dump() == {"inherited": "ii", "a": "XX:a", "b": "YY:b", "c": 4}


def test_a_hook_naming_a_missing_field_is_refused_unless_check_fields_is_false():
    with pytest.raises(SCHEMA_ERRORS):
        class Refused(Model):
            a: int

            @lib.field_validator("a", "nope")
            @classmethod
            def hook(cls, value):
                return value

    class Base(Model):
        a: int

        @lib.field_validator("later", check_fields=False)
        @classmethod
        def hook(cls, value):
            return value + 100

    class Sub(Base):
        later: int

    assert Base(a=1).model_dump() == {"a": 1}
    assert Sub(a=1, later=2).model_dump() == {"a": 1, "later": 102}


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_classmethod_staticmethod_and_plain_function_forms():
    class M(Model):
        a: int
        b: int
        c: int

        @lib.field_validator("a")
        def no_decorator(cls, value):
            return (cls.__name__, value)

        @lib.field_validator("b")
        @staticmethod
        def static(value):
            return value + 1

        @lib.field_validator("c")
        @classmethod
        def with_info(cls, value, info):
            return (info.field_name, value)

    assert M(a=1, b=1, c=1).model_dump() == {"a": ("M", 1), "b": 2, "c": ("c", 1)}
    assert (M.no_decorator(5), M.static(5)) == (("M", 5), 6)


def test_a_bare_field_validator_is_refused():
    with pytest.raises(SCHEMA_ERRORS):
        lib.field_validator(lambda cls, v: v)


# --------------------------------------------------------------------------- the wrap handler's call


def test_the_handler_keeps_the_calls_context_and_strictness(inputs):
    class M(Model):
        v: Annotated[int, lib.AfterValidator(lambda v, info: (v, info.context)), lib.WrapValidator(lambda v, handler: handler(v))]

    assert inputs.validate(M, {"v": "1"}, context={"k": 1}).v == (1, {"k": 1})
    assert [e["type"] for e in inputs.errors(M, {"v": "1"}, strict=True)] == ["int_type"]


def test_info_mode_inside_a_wrap_handler_is_json_for_json_input():
    class M(Model):
        v: Annotated[str, lib.AfterValidator(lambda v, info: info.mode), lib.WrapValidator(lambda v, handler: handler(v))]

    assert M.model_validate_json('{"v": "x"}').v == "json"
    assert M.model_validate({"v": "x"}).v == "python"


def test_errors_from_a_wrap_handler_have_json_messages_for_json_input():
    class M(Model):
        v: Annotated[list[int], lib.WrapValidator(lambda v, handler: handler(v))]

    with pytest.raises(ValidationError) as info:
        M.model_validate_json('{"v": 0}')
    assert [(e["type"], e["msg"]) for e in info.value.errors()] == [("list_type", "Input should be a valid array")]


@dataclasses.dataclass
class Point:
    a: int


class Pair(NamedTuple):
    a: int


def test_every_error_of_a_json_call_is_worded_for_json(inputs):
    """The wording follows the call: a hook's Python value validated under a
    JSON call gets the JSON messages in the call's error, while the error a
    wrap handler raises to its hook is worded for Python."""
    def caught(value, handler):
        try:
            return handler(value)
        except ValidationError as exc:
            return [(e["type"], e["msg"]) for e in exc.errors()]

    class Inner(Model):
        a: int

    def wrapped(tp):
        return Annotated[tp, lib.WrapValidator(caught)]

    class M(Model):
        d: wrapped(dict[str, int]) = None
        n: wrapped(None) = None
        td: wrapped(datetime.timedelta) = None
        dc: wrapped(Point) = None
        s: wrapped(set[int]) = None
        t: wrapped(tuple[int, ...]) = None
        nt: wrapped(Pair) = None
        m: wrapped(Inner) = None
        raw: Annotated[list[int], lib.BeforeValidator(lambda v: 5)] = None

    data = {"d": 1, "n": 1, "td": "x", "dc": 1, "s": 1, "t": 1, "nt": 1, "m": 1, "raw": []}
    dumped = inputs.errors(M, data)
    assert [(e["type"], e["msg"]) for e in dumped] == [
        ("list_type", "Input should be a valid array" if inputs.kind == "json" else "Input should be a valid list")]
    made = inputs.validate(M, {k: v for k, v in data.items() if k != "raw"})
    assert {name: getattr(made, name) for name in data if name != "raw"} == {
        "d": [("dict_type", "Input should be a valid dictionary")],
        "n": [("none_required", "Input should be None")],
        "td": [("time_delta_parsing", "Input should be a valid timedelta, invalid digit in duration")],
        "dc": [("dataclass_type", "Input should be a dictionary or an instance of Point")],
        "s": [("set_type", "Input should be a valid set")],
        "t": [("tuple_type", "Input should be a valid tuple")],
        "nt": [("named_tuple_type", "Input should be a tuple, list, dictionary or an instance of Pair")],
        "m": [("model_type", "Input should be a valid dictionary or instance of Inner")],
    }


def test_errors_a_hook_lets_through_are_worded_for_the_call(inputs):
    class Inner(Model):
        a: int

    def wrapped(tp):
        return Annotated[tp, lib.WrapValidator(lambda v, handler: handler(v))]

    class M(Model):
        d: wrapped(dict[str, int]) = None
        n: wrapped(None) = None
        dc: wrapped(Point) = None
        s: wrapped(set[int]) = None
        nt: wrapped(Pair) = None
        m: wrapped(Inner) = None

    json = inputs.kind == "json"
    errors = inputs.errors(M, {"d": 1, "n": 1, "dc": 1, "s": 1, "nt": 1, "m": 1})
    assert [e["msg"] for e in errors] == [
        "Input should be an object" if json else "Input should be a valid dictionary",
        "Input should be null" if json else "Input should be None",
        "Input should be an object" if json else "Input should be a dictionary or an instance of Point",
        "Input should be a valid array" if json else "Input should be a valid set",
        "Input should be an array or an object" if json else "Input should be a tuple, list, dictionary or an instance of Pair",
        "Input should be an object" if json else "Input should be a valid dictionary or instance of Inner",
    ]


def test_from_attributes_reaches_a_model_inside_a_wrap_handler():
    class Inner(Model):
        q: int

    class M(Model):
        i: Annotated[Inner, lib.WrapValidator(lambda v, handler: handler(v))]

    obj = type("Obj", (), {"i": type("Inner", (), {"q": 1})()})()
    assert M.model_validate(obj, from_attributes=True).model_dump() == {"i": {"q": 1}}


# --------------------------------------------------------------------------- what pydantic does that satya does not yet


def test_a_plain_validators_value_dumps_by_the_field_type():
    class M(Model):
        f: Annotated[float, lib.PlainValidator(lambda v: v)]
        d: list[int]

        @lib.field_validator("d", mode="plain")
        @classmethod
        def keep(cls, value):
            return value

    instance = M(f=3, d=["x"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert instance.model_dump_json() == '{"f":3.0,"d":["x"]}'
    assert any("Expected `int`" in str(w.message) for w in caught)


def test_a_union_choice_with_a_validator_is_named_after_the_function():
    def named(v):
        return v

    class M(Model):
        u: Union[Annotated[int, lib.BeforeValidator(named)], Annotated[bool, lib.AfterValidator(named)]]

    with pytest.raises(ValidationError) as info:
        M(u="x")
    assert [e["loc"] for e in info.value.errors()] == [
        ("u", "function-before[named(), int]"), ("u", "function-after[named(), bool]")]


# --------------------------------------------------------------------------- differential


ACTIONS = ["pass", "value", "assert", "custom", "type"]


def act(action, value, where, error_class):
    if action == "value":
        raise ValueError(f"bad {where}")
    if action == "assert":
        raise AssertionError(f"no {where}")
    if action == "custom":
        raise error_class(f"hook_{where}", "{where} failed at {n}", {"where": where, "n": 7})
    if action == "type":
        raise TypeError(f"type {where}")
    return value


def define(library):
    """One model per library whose hooks do what the call's context says."""
    base = pydantic.BaseModel if library is pydantic else satya.Model
    error_class = pydantic_core.PydanticCustomError if library is pydantic else satya.PydanticCustomError

    def after_b(value, info):
        return act(info.context["b"], f"{value}|{','.join(info.data)}", "b", error_class)

    class M(base):
        a: int
        b: Annotated[str, library.AfterValidator(after_b)] = "d"
        c: int = 0
        d: Annotated[Optional[float], library.BeforeValidator(lambda v: None if v == "" else v)] = None
        e: Annotated[int, library.PlainValidator(lambda v: int(v) * 3)] = 0

        @library.field_validator("a", mode="before")
        @classmethod
        def before_a(cls, value, info):
            return act(info.context["a"], value, "a", error_class)

        @library.field_validator("c", mode="wrap")
        @classmethod
        def wrap_c(cls, value, handler, info):
            if info.context["c"] == "catch":
                try:
                    return handler(value)
                except library.ValidationError:
                    return -1
            return act(info.context["c"], handler(value), "c", error_class)

    return M


MODELS = {"satya": define(satya), "pydantic": define(pydantic)}
SCALARS = st.one_of(st.integers(-3, 3), st.sampled_from(["1", "x", "", " 2 ", "1.5", None, 1.5, True, []]))
RECORDS = st.fixed_dictionaries({"a": st.one_of(st.integers(-5, 5), SCALARS)}, optional={
    "b": st.one_of(st.text(max_size=3), SCALARS), "c": SCALARS, "d": st.one_of(st.floats(-2, 2), SCALARS), "e": SCALARS})
# each hook passes half of the time
CONTEXTS = st.fixed_dictionaries({
    "a": st.sampled_from(["pass"] * 4 + ACTIONS[1:]), "b": st.sampled_from(["pass"] * 4 + ACTIONS[1:]),
    "c": st.sampled_from(["pass"] * 5 + ACTIONS[1:] + ["catch"])})


def attempt(cls, kind, data, strict, context):
    try:
        if kind == "json":
            instance = cls.model_validate_json(data, strict=strict, context=context)
        else:
            instance = cls.model_validate(data, strict=strict, context=context)
    except ANY_VALIDATION_ERROR as exc:
        return ("err", described(errors_of(exc)))
    except TypeError as exc:
        return ("raises", str(exc))
    return ("ok", library_view(instance.model_dump()), instance.model_dump_json(), sorted(instance.model_fields_set))


@satya_only
@settings(max_examples=300, deadline=None)
@given(record=RECORDS, context=CONTEXTS, strict=st.booleans())
def test_field_hooks_match_pydantic(record, context, strict):
    for kind, data in (("python", record), ("json", to_json(record))):
        expected = attempt(MODELS["pydantic"], kind, data, strict, context)
        assert attempt(MODELS["satya"], kind, data, strict, context) == expected, (kind, data)
