"""Constraint checks of hooked fields (src/validators/checked.rs): the type
inside a before, after or wrap validator keeps its bounds and lengths, compiled
to native code under the jit backend. A before hook's output is what is
checked; an after hook sees only checked values; a wrap handler checks when it
is called. The fields of a model whose hooks read `info.data` are checked as
each is validated. Each test runs under both backends and both input kinds,
and a hypothesis differential compares error lists with pydantic."""

from typing import Annotated, Optional

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import (ANY_VALIDATION_ERROR, Field, Model, ValidationError, errors_of, json_obstacle, lib, plain,
                     requires_native_code, satya_only, to_json)

import satya


def brief(errors) -> list[tuple]:
    """(loc, type, input, ctx) of each error."""
    return [(e["loc"], e["type"], e["input"], e.get("ctx")) for e in errors]


# --------------------------------------------------------------------------- before


def test_a_before_validators_output_is_what_the_bounds_check(backend_models, inputs):
    def build():
        class M(Model):
            v: int = Field(gt=0, le=10)

            @lib.field_validator("v", mode="before")
            @classmethod
            def shift(cls, value):
                return value - 100 if isinstance(value, int) else value

        return M

    M = backend_models.define(build)
    assert inputs.validate_v(M, 105) == 5
    assert brief(inputs.errors(M, {"v": 5})) == [(("v",), "greater_than", -95, {"gt": 0})]
    assert brief(inputs.errors(M, {"v": 111})) == [(("v",), "less_than_equal", 11, {"le": 10})]
    # the hook's output is coerced before it is checked
    assert brief(inputs.errors(M, {"v": "50"})) == [(("v",), "less_than_equal", "50", {"le": 10})]


def test_a_before_validator_may_turn_a_failing_input_into_a_passing_one(backend_models, inputs):
    def build():
        class M(Model):
            name: Annotated[str, Field(min_length=2, max_length=4), lib.BeforeValidator(lambda v: v.strip())]
            score: Annotated[float, Field(ge=0, lt=1), lib.BeforeValidator(lambda v: v / 100)] = 0.0

        return M

    M = backend_models.define(build)
    instance = inputs.validate(M, {"name": "   ab   ", "score": 50})
    assert (instance.name, instance.score) == ("ab", 0.5)
    errors = inputs.errors(M, {"name": " abcde ", "score": 100})
    assert brief(errors) == [(("name",), "string_too_long", "abcde", {"max_length": 4}),
                             (("score",), "less_than", 1.0, {"lt": 1.0})]


# --------------------------------------------------------------------------- after


def test_an_after_validator_is_not_called_when_a_bound_fails(backend_models, inputs):
    seen = []

    def build():
        class M(Model):
            v: int = Field(ge=0, lt=5)

            @lib.field_validator("v")
            @classmethod
            def record(cls, value):
                seen.append(value)
                return value * 10

        return M

    M = backend_models.define(build)
    assert inputs.validate_v(M, 3) == 30
    assert brief(inputs.errors(M, {"v": 5})) == [(("v",), "less_than", 5, {"lt": 5})]
    assert brief(inputs.errors(M, {"v": -1})) == [(("v",), "greater_than_equal", -1, {"ge": 0})]
    # beyond 64 bits the bound is compared exactly, still before the hook
    assert brief(inputs.errors(M, {"v": 2**70})) == [(("v",), "less_than", 2**70, {"lt": 5})]
    assert seen == [3]


def test_annotated_field_then_after_validator(backend_models, inputs):
    seen = []

    def double(value):
        seen.append(value)
        return value * 2

    def build():
        class M(Model):
            v: Annotated[int, Field(gt=0), lib.AfterValidator(double)]
            tags: list[Annotated[str, Field(min_length=1), lib.AfterValidator(str.upper)]] = []
            maybe: Optional[Annotated[int, Field(multiple_of=3), lib.AfterValidator(double)]] = None

        return M

    M = backend_models.define(build)
    instance = inputs.validate(M, {"v": 4, "tags": ["a", "bc"], "maybe": 9})
    assert (instance.v, instance.tags, instance.maybe) == (8, ["A", "BC"], 18)
    assert inputs.validate(M, {"v": 1, "maybe": None}).maybe is None
    errors = inputs.errors(M, {"v": 0, "tags": ["x", ""], "maybe": 4})
    assert brief(errors) == [(("v",), "greater_than", 0, {"gt": 0}),
                             (("tags", 1), "string_too_short", "", {"min_length": 1}),
                             (("maybe",), "multiple_of", 4, {"multiple_of": 3})]
    assert seen == [4, 9, 1]


# --------------------------------------------------------------------------- wrap


def test_a_wrap_handler_checks_when_it_is_called(backend_models, inputs):
    seen = []

    def build():
        class M(Model):
            v: int = Field(gt=0, le=100)

            @lib.field_validator("v", mode="wrap")
            @classmethod
            def fallback(cls, value, handler):
                seen.append(value)
                if value == "skip":
                    return -7  # never validated, so never checked
                try:
                    return handler(value)
                except ValidationError as exc:
                    seen.append(brief(errors_of(exc)))
                    return 1

        return M

    M = backend_models.define(build)
    assert inputs.validate_v(M, "42") == 42
    assert inputs.validate_v(M, 0) == 1
    assert inputs.validate_v(M, "skip") == -7
    assert seen == ["42", 0, [((), "greater_than", 0, {"gt": 0})], "skip"]


def test_a_wrap_handlers_error_propagates_with_its_location(backend_models, inputs):
    def build():
        class M(Model):
            v: Annotated[float, Field(multiple_of=0.5), lib.WrapValidator(lambda v, handler: handler(v))]
            w: Annotated[list[int], Field(max_length=2), lib.WrapValidator(lambda v, handler: handler(v))] = []

        return M

    M = backend_models.define(build)
    assert inputs.validate(M, {"v": 1.5, "w": [1, 2]}).v == 1.5
    errors = inputs.errors(M, {"v": 0.3, "w": [1, 2, 3]})
    assert [(e["loc"], e["type"]) for e in errors] == [(("v",), "multiple_of"), (("w",), "too_long")]


# --------------------------------------------------------------------------- hooks that read info.data


def test_fields_are_checked_before_a_later_hook_reads_info_data(backend_models, inputs):
    seen = []

    def build():
        class M(Model):
            lo: int = Field(ge=0)
            name: str = Field(min_length=2)
            hi: int = Field(le=100)

            @lib.field_validator("hi")
            @classmethod
            def above_lo(cls, value, info):
                seen.append(dict(info.data))
                if "lo" in info.data and value < info.data["lo"]:
                    raise ValueError("hi below lo")
                return value

            @lib.model_validator(mode="before")
            @classmethod
            def before(cls, data, info):
                seen.append(("before", info.data))
                return data

            @lib.model_validator(mode="after")
            def after(self, info):
                seen.append(("after", info.data))
                return self

        return M

    M = backend_models.define(build)
    assert inputs.validate(M, {"lo": 3, "name": "ab", "hi": 5}).hi == 5
    errors = inputs.errors(M, {"lo": -1, "name": "a", "hi": 5})
    assert brief(errors) == [(("lo",), "greater_than_equal", -1, {"ge": 0}),
                             (("name",), "string_too_short", "a", {"min_length": 2})]
    errors = inputs.errors(M, {"lo": 9, "name": "abc", "hi": 500})
    assert brief(errors) == [(("hi",), "less_than_equal", 500, {"le": 100})]
    assert [e["type"] for e in inputs.errors(M, {"lo": 9, "name": "abc", "hi": 5})] == ["value_error"]
    # a failing field is absent from info.data; the one that failed its bound never reaches the hook
    assert seen == [("before", None), {"lo": 3, "name": "ab"}, ("after", None),
                    ("before", None), {},
                    ("before", None),
                    ("before", None), {"lo": 9, "name": "abc"}]


# --------------------------------------------------------------------------- native code that cannot be made


@satya_only
@requires_native_code
def test_a_hooked_fields_failed_compile_falls_back_to_the_interpreter_with_a_warning():
    previous, satya.config.jit = satya.config.jit, True
    try:
        satya._satya._fail_next_jit_compile()
        with pytest.warns(RuntimeWarning, match=r"Fallback: 1 constraint program\(s\) run in the interpreter"):

            class Fallback(Model):
                v: Annotated[int, Field(gt=0), lib.AfterValidator(lambda v: v + 1)]
    finally:
        satya.config.jit = previous

    info = satya.inspect(Fallback)
    assert (info["backend"], info["checks_compiled"], info["checks_interpreted"], info["native_functions"]) == (
        "interpreter", 0, 1, 0)
    assert Fallback(v=1).v == 2
    with pytest.raises(ValidationError) as caught:
        Fallback(v=0)
    assert brief(errors_of(caught.value)) == [(("v",), "greater_than", 0, {"gt": 0})]


# --------------------------------------------------------------------------- differential


def hooked_model(library, kind, bounds, mode):
    """A model of either library with the one field `v`: a `kind` with
    `bounds`, inside a hook in `mode`."""
    hooks = {
        ("int", "before"): lambda v: v + 1 if type(v) is int else v,
        ("float", "before"): lambda v: v * 2 if type(v) is float else v,
        ("str", "before"): lambda v: v.strip() if isinstance(v, str) else v,
        "after": lambda v: v,
    }
    if mode == "wrap":
        hook = library.WrapValidator(lambda v, handler: handler(v))
    elif mode == "after":
        hook = library.AfterValidator(hooks["after"])
    else:
        hook = library.BeforeValidator(hooks[(kind, "before")])
    annotation = Annotated[{"int": int, "float": float, "str": str}[kind], library.Field(**bounds), hook]
    base = pydantic.BaseModel if library is pydantic else satya.Model
    return type("M", (base,), {"__annotations__": {"v": annotation}})


# lower bounds below upper ones: satya refuses contradictory bounds when the class is defined
INT_BOUNDS = st.fixed_dictionaries({}, optional={
    "gt": st.integers(-5, -1), "ge": st.integers(-5, 0), "lt": st.integers(2, 6), "le": st.integers(1, 5),
    "multiple_of": st.integers(1, 4)})
FLOAT_BOUNDS = st.fixed_dictionaries({}, optional={
    "gt": st.sampled_from([-1.5, 0.0, 0.5]), "ge": st.sampled_from([-1.0, 0.25]), "lt": st.sampled_from([1.0, 2.5]),
    "le": st.sampled_from([1.0, 3.0]), "multiple_of": st.sampled_from([0.25, 0.5, 3.0])})
STR_BOUNDS = st.fixed_dictionaries({}, optional={"min_length": st.integers(0, 4), "max_length": st.integers(0, 4)}).filter(
    lambda b: b.get("min_length", 0) <= b.get("max_length", 4))
CASES = st.one_of(
    st.tuples(st.just("int"), INT_BOUNDS, st.one_of(st.integers(-8, 8), st.integers(), st.sampled_from(["3", "x", 2.0]))),
    st.tuples(st.just("float"), FLOAT_BOUNDS, st.one_of(st.floats(-4, 4), st.floats(), st.sampled_from([1, "0.5"]))),
    st.tuples(st.just("str"), STR_BOUNDS, st.one_of(st.text(max_size=6), st.sampled_from([" ab ", 3]))),
)


def attempt(cls, kind, data):
    try:
        v = (cls.model_validate_json(data) if kind == "json" else cls.model_validate(data)).v
    except ANY_VALIDATION_ERROR as exc:
        return ("err", [(e["loc"], e["type"], e["msg"], e.get("ctx"), plain(e["input"])) for e in errors_of(exc)])
    return ("ok", plain(v))


@satya_only
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=CASES, mode=st.sampled_from(["before", "after", "wrap"]))
def test_hooked_bounds_match_pydantic(backend_models, case, mode):
    kind, bounds, value = case
    M = backend_models.define(lambda: hooked_model(satya, kind, bounds, mode), native=bool(bounds))
    expected = hooked_model(pydantic, kind, bounds, mode)
    data = {"v": value}
    runs = [("python", data)] + ([("json", to_json(data))] if json_obstacle(data) is None else [])
    for input_kind, payload in runs:
        assert attempt(M, input_kind, payload) == attempt(expected, input_kind, payload), (input_kind, payload)
