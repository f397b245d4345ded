"""Generic models: `Page[User]` is a subclass with the type variables filled,
compiled once and cached; a variable left open validates as its bound, its
constraints, its default, or Any. PEP 695 classes on 3.12+. The expectations
also run against pydantic, the oracle."""

import json
import sys
from typing import Generic, Optional, TypeVar, Union

import pydantic
import pytest
import typing_extensions
from hypothesis import given, settings
from hypothesis import strategies as st

from support import Model, ValidationError, lib, satya_only

import satya

T = TypeVar("T")
U = TypeVar("U")
Bounded = TypeVar("Bounded", bound=int)
Constrained = TypeVar("Constrained", int, str)
WithDefault = typing_extensions.TypeVar("WithDefault", default=str)


def generic_models(library):
    base = pydantic.BaseModel if library is pydantic else satya.Model

    class User(base):
        id: int

    class Page(base, Generic[T]):
        items: list[T]
        first: Optional[T] = None

    class Pair(base, Generic[T, U]):
        left: T
        right: U

    class Wrapper(base, Generic[T]):
        page: Page[T]

    class Limits(base, Generic[Bounded, Constrained]):
        bounded: Bounded
        constrained: Constrained

    class Defaulted(base, Generic[T, WithDefault]):
        a: T
        b: WithDefault

    return User, Page, Pair, Wrapper, Limits, Defaulted


User, Page, Pair, Wrapper, Limits, Defaulted = generic_models(lib)


def error_pairs(call):
    with pytest.raises(ValidationError) as info:
        call()
    return [(e["loc"], e["type"]) for e in info.value.errors()]


def test_a_parametrised_model_validates_its_argument(inputs):
    page = inputs.validate(Page[User], {"items": [{"id": 1}], "first": {"id": "2"}})
    assert type(page).__name__ == f"Page[{User.__qualname__}]"
    assert type(page.items[0]) is User and page.first.id == 2
    assert inputs.errors(Page[int], {"items": ["1", "x"]})[0]["loc"] == ("items", 1)


def test_each_parametrisation_is_made_once():
    assert Page[int] is Page[int]
    assert Page[int] is not Page[str]
    assert issubclass(Page[int], Page)


def test_names_show_the_arguments():
    assert Page[int].__name__ == "Page[int]"
    assert Pair[int, User].__name__ == f"Pair[int, {User.__qualname__}]"


def test_an_open_variable_is_any_its_bound_or_its_constraints(inputs):
    assert inputs.validate(Page, {"items": ["1", {"a": 1}]}).items == ["1", {"a": 1}]
    limits = inputs.validate(Limits, {"bounded": "3", "constrained": "x"})
    assert (limits.bounded, limits.constrained) == (3, "x")
    assert error_pairs(lambda: inputs.validate(Limits, {"bounded": "x", "constrained": [1]})) == [
        (("bounded",), "int_parsing"), (("constrained", "int"), "int_type"), (("constrained", "str"), "string_type"),
    ]


def test_a_variable_with_a_default_takes_it(inputs):
    assert Defaulted[int] is Defaulted[int, str]
    result = inputs.validate(Defaulted[int], {"a": "1", "b": "x"})
    assert (result.a, result.b) == (1, "x")
    assert error_pairs(lambda: inputs.validate(Defaulted, {"a": [1], "b": 1})) == [(("b",), "string_type")]


def test_generics_nest(inputs):
    wrapper = inputs.validate(Wrapper[int], {"page": {"items": ["1"]}})
    assert type(wrapper.page) is Page[int] and wrapper.page.items == [1]
    assert Wrapper[int].model_fields["page"].annotation is Page[int]


def test_a_partly_filled_model_fills_the_rest_later(inputs):
    filled = Pair[int, U][str]
    assert filled.__name__ == "Pair[int, str]"
    assert error_pairs(lambda: inputs.validate(filled, {"left": "x", "right": 1})) == [
        (("left",), "int_parsing"), (("right",), "string_type"),
    ]


def test_dumps(inputs):
    page = inputs.validate(Page[User], {"items": [{"id": 1}]})
    assert page.model_dump() == {"items": [{"id": 1}], "first": None}
    assert json.loads(page.model_dump_json()) == {"items": [{"id": 1}], "first": None}


def test_wrong_parametrisations_are_type_errors():
    with pytest.raises(TypeError, match="cannot be parametrized because it does not inherit from typing.Generic"):
        User[int]
    with pytest.raises(TypeError, match=r"Too many arguments for .*Page'>; actual 2, expected 1"):
        Page[int, str]
    with pytest.raises(TypeError, match=r"Too few arguments for .*Pair'>; actual 1, expected at least 2"):
        Pair[int]


@pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax is 3.12's")
def test_pep_695_classes(inputs):
    namespace = {"Model": Model}
    exec(
        "class Box[T](Model):\n"
        "    item: T\n"
        "    items: list[T] = []\n"
        "class Positive[N: int](Model):\n"
        "    n: N\n",
        namespace,
    )
    box, positive = namespace["Box"], namespace["Positive"]
    assert inputs.validate(box[int], {"item": "1", "items": ["2"]}).items == [2]
    assert inputs.validate(box, {"item": "x"}).item == "x"
    assert inputs.validate(positive, {"n": "5"}).n == 5


SATYA_MODELS = generic_models(satya)
PYDANTIC_MODELS = generic_models(pydantic)
ITEMS = st.lists(st.one_of(st.integers(-2, 2), st.sampled_from(["1", "x", "", None, 1.5, True]),
                           st.fixed_dictionaries({}, optional={"id": st.sampled_from([1, "2", "x"])})), max_size=3)


def outcome(cls, data, kind):
    try:
        page = cls.model_validate_json(json.dumps(data)) if kind == "json" else cls.model_validate(data)
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        return ("err", [(e["loc"], e["type"], e["msg"]) for e in exc.errors()])
    return ("ok", page.model_dump(mode="json"), page.model_dump_json())


@satya_only
@pytest.mark.parametrize("argument", ["int", "User", "Optional[str]", "Union[int, User]"])
@settings(max_examples=60, deadline=None)
@given(items=ITEMS, first=st.one_of(st.none(), st.integers(0, 2), st.just({"id": 3})))
def test_parametrised_models_match_pydantic(argument, items, first):
    pages = []
    for models in (SATYA_MODELS, PYDANTIC_MODELS):
        user, page = models[0], models[1]
        pages.append(page[{"int": int, "User": user, "Optional[str]": Optional[str], "Union[int, User]": Union[int, user]}[argument]])
    data = {"items": items, "first": first}
    for kind in ("python", "json"):
        assert outcome(pages[0], data, kind) == outcome(pages[1], data, kind)


def test_the_generic_metadata_names_origin_and_arguments():
    assert Page[int].__pydantic_generic_metadata__ == {"origin": Page, "args": (int,), "parameters": ()}
    assert Pair[int, U].__pydantic_generic_metadata__["parameters"] == (U,)


class Box(Model, Generic[T]):
    item: T


IntBox = Box[int]  # parametrised at module level, where pydantic registers it for pickle


def test_an_instance_of_a_parametrised_model_pickles():
    import pickle

    box = IntBox(item="1")
    copied = pickle.loads(pickle.dumps(box))
    assert type(copied) is IntBox and copied.item == 1


def test_parametrised_names_show_arguments_as_pydantic_does():
    import typing as t

    T = t.TypeVar("T")
    cases = (t.Optional[str], t.Union[int, str], int | None, list[t.Optional[int]], dict[str, list[int]],
             t.Literal["a", 1], t.List[int], t.Annotated[int, "x"], tuple[int, ...], t.Any, list[T])

    def names(lib):
        class Box(lib.BaseModel, t.Generic[T]):
            value: T

        return [Box[case].__name__ for case in cases]

    import pydantic
    import satya
    assert names(satya) == names(pydantic)
