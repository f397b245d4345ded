"""Private attributes against pydantic: `_name` annotations and `PrivateAttr`
(default, default_factory), set before `model_post_init` on every way an
instance is made, kept by copies and pickles, compared by `==`, settable on
frozen models, inherited, and never validated, dumped or shown."""

import copy
import pickle

import pydantic
import pytest

import satya

LIBRARIES = [satya, pydantic]


def define(lib):
    class M(lib.BaseModel):
        x: int = 1
        _count: int = 0
        _items: list = lib.PrivateAttr(default_factory=list)
        _plain = lib.PrivateAttr(default="p")

        def model_post_init(self, context, /):
            self._count += 10

    class Frozen(M, frozen=True):
        y: int = 2
        _extra: str = "e"

    class Holder(lib.BaseModel):
        inner: M

    return M, Frozen, Holder


MODELS = {lib: define(lib) for lib in LIBRARIES}


def state(obj):
    return (obj._count, obj._items, obj._plain, obj.model_dump(), repr(obj))


@pytest.mark.parametrize("make", [
    lambda M: M(x=3), lambda M: M.model_validate({"x": 3}), lambda M: M.model_validate_json('{"x": 3}'),
    lambda M: M.model_construct(x=3),
])
def test_private_attributes_start_at_their_defaults(make):
    assert state(make(MODELS[satya][0])) == state(make(MODELS[pydantic][0]))


def test_nested_and_frozen_models_get_theirs_too():
    def run(lib):
        M, Frozen, Holder = MODELS[lib]
        frozen = Frozen()
        frozen._extra = "changed"
        with pytest.raises(Exception):
            frozen.x = 5
        return Holder(inner={"x": 2}).inner._count, frozen._extra, frozen._count, frozen.model_dump(), sorted(
            Frozen.__private_attributes__)

    assert run(satya) == run(pydantic)


def test_copies_and_equality_keep_private_attributes():
    def run(lib):
        M = MODELS[lib][0]
        m = M(x=3)
        m._items.append(1)
        m._count = 5
        shallow, deep = m.model_copy(), copy.deepcopy(m)
        other = M(x=3)
        return (shallow._count, shallow._items, shallow == m, deep._items, deep == m, other == m,
                m.model_copy(deep=True)._items is m._items)

    assert run(satya) == run(pydantic)


class Pickled(satya.Model):
    x: int = 1
    _note: str = "n"


def test_a_pickled_instance_keeps_its_private_attributes():
    obj = Pickled(x=2)
    obj._note = "kept"
    again = pickle.loads(pickle.dumps(obj))
    assert again._note == "kept" and again == obj


def test_a_private_attribute_with_a_field_name_is_refused():
    with pytest.raises(NameError):
        class Bad(satya.Model):
            x: int = satya.PrivateAttr(1)
