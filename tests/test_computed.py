"""`computed_field` against pydantic: properties and cached properties whose
values dumps include after the fields (by their return type, by alias, under
include, exclude and exclude_none), shown in repr unless `repr=False`,
inherited, and inside other models."""

import functools
import json
from typing import Optional

import pydantic
import pytest

import satya

LIBRARIES = [satya, pydantic]


def define(lib):
    class M(lib.BaseModel):
        x: int = 1
        calls: int = 0

        @lib.computed_field
        @property
        def double(self) -> int:
            return self.x * 2

        @lib.computed_field(alias="Tri", repr=False)
        @functools.cached_property
        def triple(self) -> float:
            return self.x * 3

        @lib.computed_field
        @property
        def maybe(self) -> Optional[str]:
            return None if self.x < 0 else str(self.x)

        @lib.computed_field
        def plain_function(self) -> list[int]:
            return [self.x]

    class Sub(M):
        y: int = 0

        @lib.computed_field
        @property
        def total(self) -> int:
            return self.x + self.y

    class Outer(lib.BaseModel):
        items: list[M] = []
        sub: Optional[Sub] = None

    return M, Sub, Outer


MODELS = {lib: define(lib) for lib in LIBRARIES}
OPTIONS = [{}, {"by_alias": True}, {"exclude_none": True}, {"exclude_unset": True}, {"exclude_defaults": True},
           {"include": {"x", "double"}}, {"exclude": {"double", "maybe"}}, {"include": {"items": {0: {"triple"}}}},
           {"exclude_computed_fields": True}, {"exclude_computed_fields": True, "include": {"x", "double"}}]


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("x", [1, -2])
def test_computed_fields_dump_as_pydantic(options, x):
    def run(lib):
        M, Sub, Outer = MODELS[lib]
        objects = [M(x=x), Sub(x=x, y=2), Outer(items=[M(x=x)], sub=Sub(x=x))]
        if "items" in str(options):
            objects = objects[2:]
        return [(o.model_dump(**options), o.model_dump(mode="json", **options), json.loads(o.model_dump_json(**options)),
                 o.model_dump_json(**options)) for o in objects]

    assert run(satya) == run(pydantic)


def test_repr_lists_computed_fields_after_the_fields():
    for ours, theirs in zip(MODELS[satya], MODELS[pydantic]):
        assert repr(ours()) == repr(theirs())
    assert repr(MODELS[satya][0](x=3)) == repr(MODELS[pydantic][0](x=3))


def test_a_cached_property_is_computed_once_per_instance():
    M = MODELS[satya][0]
    obj = M(x=2)
    assert obj.triple == 6 and obj.triple is obj.triple
    obj.x = 5
    assert obj.triple == 6
    del obj.triple
    assert obj.triple == 15


def test_computed_fields_are_listed_apart_from_the_fields():
    for lib in LIBRARIES:
        M, Sub, _ = MODELS[lib]
        assert list(M.model_fields) == ["x", "calls"]
        assert list(M.model_computed_fields) == ["double", "triple", "maybe", "plain_function"]
        assert list(Sub.model_computed_fields) == ["double", "triple", "maybe", "plain_function", "total"]
        # a computed field's name in the input is an unknown key
        assert M(double=7).double == 2


def test_exclude_computed_fields_through_a_type_adapter():
    def run(lib):
        M, Sub, Outer = MODELS[lib]
        adapter = lib.TypeAdapter(list[M])
        items = [M(x=1), M(x=2)]
        return (adapter.dump_python(items, exclude_computed_fields=True), adapter.dump_json(items, exclude_computed_fields=True),
                adapter.dump_python(items))

    assert run(satya) == run(pydantic)


def test_excluded_computed_fields_are_not_read():
    class Counted(satya.BaseModel):
        x: int = 1

        @satya.computed_field
        @property
        def failing(self) -> int:
            raise RuntimeError("read")

    assert Counted().model_dump(exclude_computed_fields=True) == {"x": 1}
    assert Counted().model_dump_json(exclude_computed_fields=True) == '{"x":1}'
