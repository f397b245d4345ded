"""`object.__setattr__` on a model against pydantic: it writes a field without
validation, on frozen models and frozen fields too, leaves `model_fields_set`
alone, and what it wrote is read, dumped and compared like any value. Plain
assignment keeps validating, including through a subclass's own `__setattr__`."""

import gc

import pydantic
import pytest

import satya

LIBRARIES = [satya, pydantic]


def define(lib):
    # satya validates assignment by default; pydantic is asked to
    class Plain(lib.BaseModel, validate_assignment=True):
        x: int = lib.Field(default=0, gt=-10)
        name: str = "a"

    class Holder(lib.BaseModel, validate_assignment=True):
        tags: list[str] = []
        inner: Plain | None = None

    class Frozen(lib.BaseModel, frozen=True, validate_assignment=True):
        x: int = 0
        doubled: int = 0

        def model_post_init(self, context, /):
            # the usual way to derive a field on a frozen model
            object.__setattr__(self, "doubled", self.x * 2)

    class FieldFrozen(lib.BaseModel, validate_assignment=True):
        x: int = lib.Field(default=0, frozen=True)

    class Logged(lib.BaseModel, validate_assignment=True):
        x: int = 0

        def __setattr__(self, name, value):
            super().__setattr__(name, value + 1 if name == "x" else value)

    return Plain, Holder, Frozen, FieldFrozen, Logged


MODELS = {lib: define(lib) for lib in LIBRARIES}


def outcome(action):
    try:
        return ("ok", action())
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        return ("invalid", exc.errors(include_url=False))
    except (TypeError, AttributeError) as exc:
        return ("raised", type(exc).__name__)


WRITES = [
    (0, "x", 5),
    (0, "x", "not an int"),   # no validation: stored as given
    (0, "x", -100),           # no bound check either
    (0, "name", None),
    (1, "tags", ["a", "b"]),
    (1, "tags", "not a list"),
    (1, "inner", {"x": 1}),   # a dict stays a dict
    (2, "x", 7),              # frozen model
    (3, "x", 7),              # frozen field
    (4, "x", 7),              # a user __setattr__ is skipped
]


def after_write(lib, which, name, value):
    obj = MODELS[lib][which]()
    before = set(obj.model_fields_set)
    object.__setattr__(obj, name, value)
    return getattr(obj, name), obj.model_fields_set == before, obj.model_dump(warnings=False)


@pytest.mark.parametrize("which, name, value", WRITES)
def test_object_setattr_writes_without_validation(which, name, value):
    got = outcome(lambda: after_write(satya, which, name, value))
    expected = outcome(lambda: after_write(pydantic, which, name, value))
    assert got == expected
    assert got[0] == "ok"


@pytest.mark.parametrize("lib", LIBRARIES)
def test_model_post_init_sets_a_frozen_models_field(lib):
    Frozen = MODELS[lib][2]
    m = Frozen(x=4)
    assert (m.x, m.doubled) == (4, 8)
    assert m.model_dump() == {"x": 4, "doubled": 8}
    assert outcome(lambda: setattr(m, "doubled", 1))[0] == "invalid"


ASSIGNMENTS = [(0, "x", "5"), (0, "x", -100), (0, "x", "nope"), (2, "x", 1), (3, "x", 1), (4, "x", 1), (4, "x", "2")]


@pytest.mark.parametrize("which, name, value", ASSIGNMENTS)
def test_plain_assignment_still_validates(which, name, value):
    def assign(lib):
        obj = MODELS[lib][which]()
        setattr(obj, name, value)
        return getattr(obj, name), sorted(obj.model_fields_set)

    assert outcome(lambda: assign(satya)) == outcome(lambda: assign(pydantic))


@pytest.mark.parametrize("which, name, value", ASSIGNMENTS)
def test_dunder_setattr_call_validates(which, name, value):
    def assign(lib):
        obj = MODELS[lib][which]()
        obj.__setattr__(name, value)
        return getattr(obj, name)

    assert outcome(lambda: assign(satya)) == outcome(lambda: assign(pydantic))


@pytest.mark.parametrize("lib", LIBRARIES)
def test_written_values_compare_and_copy(lib):
    Plain = MODELS[lib][0]
    a, b = Plain(x=1), Plain(x=1)
    object.__setattr__(a, "x", 2)
    assert a != b
    object.__setattr__(b, "x", 2)
    assert a == b
    assert a.model_copy().x == 2


def test_setattr_method_arguments_are_checked():
    Plain = MODELS[satya][0]
    m = Plain()
    with pytest.raises(TypeError, match="expected 2 arguments"):
        m.__setattr__("x")
    with pytest.raises(TypeError, match="expected 1 argument"):
        m.__delattr__()
    with pytest.raises(TypeError, match="attribute name must be string"):
        object.__setattr__(m, 1, 2)


def test_non_field_names_need_a_slot():
    """Instances have no instance dict: a name that is neither a field nor a
    slot cannot be set, where pydantic would store it in the instance dict."""
    m = MODELS[satya][0]()
    with pytest.raises(AttributeError):
        object.__setattr__(m, "undeclared", 1)


def test_containers_written_into_a_scalar_model_are_safe():
    """A scalar-only instance is not tracked by the collector; a list written
    around validation must neither crash a collection nor free a live value."""
    Plain = MODELS[satya][0]
    kept = []
    for i in range(200):
        m = Plain(x=i)
        object.__setattr__(m, "name", [i, [m.x]])
        kept.append(m)
    gc.collect()
    assert [m.name for m in kept[:3]] == [[0, [0]], [1, [1]], [2, [2]]]
    del kept
    gc.collect()
