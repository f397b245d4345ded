"""Deprecated fields against pydantic: `Field(deprecated=...)` as a str, True
or a `deprecated(...)` marker, or the marker in `Annotated`. Reading the field
from an instance warns with pydantic's category and text, pointing at the
reading line; validating, dumping, repr, copies and assignment stay silent."""

import copy
import warnings
from typing import Annotated

import pydantic
import pytest
from typing_extensions import deprecated

import satya

LIBRARIES = [satya, pydantic]


def define(lib):
    class M(lib.BaseModel):
        a: int = lib.Field(0, deprecated="use b")
        b: int = lib.Field(0, deprecated=True)
        c: Annotated[int, deprecated("c is old")] = 0
        d: int = lib.Field(0, deprecated=deprecated("d is old"))
        e: int = lib.Field(0, deprecated=False)
        f: Annotated[int, lib.Field(deprecated="f is old")] = 0
        plain: int = 0

    class Child(M):
        # redeclared without the deprecation: pydantic still warns through the base's descriptor
        a: int = 1

    return M, Child


MODELS = {lib: define(lib) for lib in LIBRARIES}


def caught(action):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = action()
    return result, [(w.category, str(w.message), w.filename) for w in seen]


@pytest.mark.parametrize("name", list("abcdef") + ["plain"])
@pytest.mark.parametrize("which", [0, 1])
def test_reading_a_deprecated_field_warns(which, name):
    def read(lib):
        obj = MODELS[lib][which](**{name: 5})
        return caught(lambda: getattr(obj, name))

    got, expected = read(satya), read(pydantic)
    assert got == expected
    assert got[0] == 5


@pytest.mark.parametrize("name", list("abcdef") + ["plain"])
def test_field_info_reports_the_deprecation(name):
    info = {lib: MODELS[lib][0].model_fields[name] for lib in LIBRARIES}
    assert info[satya].deprecation_message == info[pydantic].deprecation_message
    assert bool(info[satya].deprecated) == bool(info[pydantic].deprecated)


def silent_uses(lib):
    M = MODELS[lib][0]
    m = M.model_validate({"a": 1, "b": 2})
    m2 = M.model_validate_json('{"c": 3}')
    m.a = 4
    return (m.model_dump(), m2.model_dump_json(), repr(m), m == copy.copy(m), copy.deepcopy(m) == m,
            m.model_copy(update={"b": 9}).model_dump())


@pytest.mark.parametrize("lib", LIBRARIES)
def test_other_uses_stay_silent(lib):
    result, seen = caught(lambda: silent_uses(lib))
    assert seen == []
    assert result == caught(lambda: silent_uses(pydantic))[0]


def test_object_setattr_reaches_the_slot():
    m = MODELS[satya][0]()
    object.__setattr__(m, "a", 7)
    assert caught(lambda: m.a) == (7, [(DeprecationWarning, "use b", __file__)])


def test_a_wrong_deprecation_is_refused_at_definition():
    with pytest.raises(satya.SchemaError, match=r"M\.a: deprecated must be a str, a bool or a deprecated\(...\) marker, not int"):
        class M(satya.BaseModel):
            a: int = satya.Field(0, deprecated=5)


class Later(satya.BaseModel):
    nxt: "LaterNode | None" = satya.Field(None, deprecated="no more")


class LaterNode(satya.BaseModel):
    x: int = 0


def test_a_forward_reference_gets_its_warning_once_resolved():
    obj = Later(nxt={"x": 1})
    assert caught(lambda: obj.nxt.x)[1] == [(DeprecationWarning, "no more", __file__)]
    Later.model_rebuild(force=True)
    assert caught(lambda: obj.nxt.x)[1] == [(DeprecationWarning, "no more", __file__)]


def test_model_rebuild_finds_the_callers_classes():
    def define(lib):
        class Outer(lib.BaseModel):
            inner: "Inner | None" = lib.Field(None, deprecated="gone")

        first = Outer.model_rebuild(raise_errors=False)

        class Inner(lib.BaseModel):
            x: int = 0

        return first, Outer.model_rebuild(), Outer.model_rebuild(), Outer.model_rebuild(force=True), Outer

    got, expected = define(satya), define(pydantic)
    assert got[:4] == expected[:4] == (False, True, None, True)
    obj = got[4](inner={"x": 2})
    assert caught(lambda: obj.inner.x) == (2, [(DeprecationWarning, "gone", __file__)])


def define_computed(lib):
    import functools

    class C(lib.BaseModel):
        x: int = 1

        @lib.computed_field(deprecated="old y")
        @property
        def y(self) -> int:
            return self.x + 1

        @lib.computed_field(deprecated=True)
        @functools.cached_property
        def z(self) -> int:
            return self.x + 2

    return C


COMPUTED = {lib: define_computed(lib) for lib in LIBRARIES}


@pytest.mark.parametrize("use", ["y", "z", "dump", "repr"])
def test_a_deprecated_computed_field_warns_on_every_read(use):
    def run(lib):
        obj = COMPUTED[lib](x=3)
        action = {"y": lambda: obj.y, "z": lambda: obj.z, "dump": obj.model_dump, "repr": lambda: repr(obj)}[use]
        result, seen = caught(action)
        return result, [(category, text) for category, text, _ in seen]

    assert run(satya) == run(pydantic)


def test_computed_field_info_reports_the_deprecation():
    for name in ("y", "z"):
        got, expected = (COMPUTED[lib].model_computed_fields[name] for lib in LIBRARIES)
        assert (got.deprecated, got.deprecation_message) == (expected.deprecated, expected.deprecation_message)
