"""`@validate_call` against pydantic's: converted arguments, the errors of
each kind of argument (located by position or name), missing and unexpected
arguments, `validate_return`, `config=`, methods and coroutines."""

import asyncio
from typing import Annotated, Optional

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import satya
from support import library_view

LIBRARIES = [satya, pydantic]


def define(lib):
    @lib.validate_call
    def mixed(a: int, b: str = "x", *args: int, c: float, d: Optional[list[int]] = None, **kw: int):
        return (a, b, args, c, d, kw)

    @lib.validate_call
    def kinds(a, /, b, *, c):
        return (a, b, c)

    @lib.validate_call(validate_return=True)
    def returns(a: int) -> str:
        return a

    @lib.validate_call(config=lib.ConfigDict(strict=True))
    def strict(a: int, b: Annotated[str, lib.Field(min_length=2)] = "ab"):
        return (a, b)

    class Holder:
        @lib.validate_call
        def method(self, x: int):
            return x

        @classmethod
        @lib.validate_call
        def klass(cls, x: int):
            return x

        @staticmethod
        @lib.validate_call
        def static(x: int):
            return x

    return {"mixed": mixed, "kinds": kinds, "returns": returns, "strict": strict, "Holder": Holder}


FUNCTIONS = {lib: define(lib) for lib in LIBRARIES}


def outcome(call):
    try:
        value = call()
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        return ("err", exc.title, [(e["type"], e["loc"], e["msg"], repr(e["input"]) if type(e["input"]).__name__ == "ArgsKwargs"
                                    else library_view(e["input"])) for e in exc.errors(include_url=False)])
    return ("ok", library_view(value))


CALLS = [
    ("mixed", ("1",), {"c": 1}),
    ("mixed", ("x", 2, "y", 4), {"c": "z", "q": "w", "r": "5"}),
    ("mixed", (), {}),
    ("mixed", (1,), {"c": 1, "b": 2, "extra": 3}),
    ("mixed", (1, 2), {"c": 1, "b": 3}),
    ("mixed", (1,), {"c": 1.5, "d": ["1", "x"]}),
    ("mixed", (), {"a": 1, "c": 2}),
    ("kinds", (1, 2, 3), {}),
    ("kinds", (), {"a": 1, "b": 2, "c": 3}),
    ("kinds", (1,), {}),
    ("kinds", (1, 2), {"c": 3}),
    ("kinds", (1,), {"b": 2, "c": 3, "d": 4}),
    ("returns", (1,), {}),
    ("returns", ("1",), {}),
    ("strict", ("1",), {}),
    ("strict", (1,), {"b": "x"}),
    ("strict", (1, "xy"), {}),
]


@pytest.mark.parametrize("name,args,kwargs", CALLS)
def test_calls_equal_pydantic(name, args, kwargs):
    mine, theirs = [outcome(lambda: FUNCTIONS[lib][name](*args, **kwargs)) for lib in LIBRARIES]
    assert mine == theirs


def test_methods_equal_pydantic():
    for call in (lambda h: h().method("3"), lambda h: h().method("z"), lambda h: h.klass("4"), lambda h: h.static("5"),
                 lambda h: h.static("q")):
        mine, theirs = [outcome(lambda: call(FUNCTIONS[lib]["Holder"])) for lib in LIBRARIES]
        assert mine == theirs


def test_the_wrapper_keeps_the_function():
    for lib in LIBRARIES:
        mixed = FUNCTIONS[lib]["mixed"]
        assert mixed.__name__ == "mixed" and mixed.__doc__ is None
        assert mixed.raw_function.__name__ == "mixed"


def test_coroutines_are_validated():
    for lib in LIBRARIES:
        @lib.validate_call(validate_return=True)
        async def double(n: int) -> int:
            return n * 2

        assert asyncio.run(double("2")) == 4
        with pytest.raises(lib.ValidationError):
            asyncio.run(double("x"))


def test_a_bad_annotation_is_refused_when_decorated():
    with pytest.raises(satya.SchemaError):
        @satya.validate_call
        def f(a: object()):
            return a


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.integers(), st.text(max_size=3), st.none(), st.floats(allow_nan=False)), max_size=4),
       st.dictionaries(st.sampled_from(["a", "b", "c", "d", "z"]), st.one_of(st.integers(), st.text(max_size=3)), max_size=3))
def test_random_calls_equal_pydantic(args, kwargs):
    mine, theirs = [outcome(lambda: FUNCTIONS[lib]["mixed"](*args, **kwargs)) for lib in LIBRARIES]
    assert mine == theirs


def test_hooks_see_the_parameter_name():
    seen = {}
    for lib in LIBRARIES:
        def record(value, info, lib=lib):
            seen.setdefault(lib, []).append((info.field_name, info.mode))
            return value

        @lib.validate_call
        def f(a: Annotated[int, lib.AfterValidator(record)], _b: Annotated[int, lib.AfterValidator(record)] = 0,
              copy: int = 0, p1: int = 0, *model_x: int, **kw: Annotated[int, lib.AfterValidator(record)]):
            return (a, _b, copy, p1, model_x, kw)

        assert f("1", 2, 3, "4", 5, q="6") == (1, 2, 3, 4, (5,), {"q": 6})
    assert seen[satya][0] == seen[pydantic][0]
