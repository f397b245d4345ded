"""Python input against hostile and unusual objects, with pydantic as the
oracle for every outcome (src/input/python.rs)."""

import gc
from decimal import Decimal
from typing import Optional

import pydantic
import pytest

import satya
from satya import Field, Model
from support import one_field_model


def outcome(annotation, value, field=None):
    """(satya outcome, pydantic outcome) for `{"v": value}` into a one-field model."""
    results = []
    for lib in (satya, pydantic):
        cls = one_field_model(annotation, field, lib=lib)
        try:
            results.append(("ok", cls.model_validate({"v": value}).v))
        except (satya.ValidationError, pydantic.ValidationError) as exc:
            results.append(("err", [(e["type"], e["loc"], e["msg"]) for e in exc.errors()]))
    return results


class Index:
    def __index__(self):
        return 7


class FloatLike:
    def __float__(self):
        return 2.5


class IntOnly:
    def __int__(self):
        return 3


class FloatRaises(int):
    def __float__(self):
        raise RuntimeError("no float for you")


@pytest.mark.parametrize(
    ("annotation", "value"),
    [
        (int, Index()),
        (float, Index()),
        (float, FloatLike()),
        (int, FloatLike()),
        (int, IntOnly()),
        (bool, Index()),
        (float, FloatRaises(3)),
        (bool, Decimal(3)),
        (bool, Decimal(1)),
        (bool, Decimal("1.5")),
        (int, "\ud800"),
        (float, "\ud800"),
        (bool, "\ud800"),
        (list[int], memoryview(b"ab")),
        (list[int], bytearray(b"ab")),
    ],
    ids=repr,
)
def test_lax_number_protocols_and_bad_text_as_pydantic(annotation, value):
    mine, theirs = outcome(annotation, value)
    assert mine == theirs


def test_a_dict_subclass_field_is_read_through_its_items_override():
    class Overriding(dict):
        def __getitem__(self, key):
            return 42

        def items(self):
            return [("a", 43)]

    mine, theirs = outcome(dict[str, int], Overriding(a=1))
    assert mine == theirs == ("ok", {"a": 43})


def test_a_list_subclass_is_read_by_its_items_not_its_iter():
    class Overriding(list):
        def __iter__(self):
            return iter([9, 9, 9])

    mine, theirs = outcome(list[int], Overriding([1, 2]))
    assert mine == theirs == ("ok", [1, 2])


def test_an_error_reports_the_input_as_it_was_when_its_field_was_validated():
    data = {}

    class Mutator:
        def __index__(self):
            data["a"] = 100  # a later field's code changes an earlier field's input
            return 1

    data.update(a=1, b=Mutator())

    class M(Model):
        a: int = Field(gt=5)
        b: int

    class P(pydantic.BaseModel):
        a: int = pydantic.Field(gt=5)
        b: int

    with pytest.raises(satya.ValidationError) as info:
        M.model_validate(data)
    data.update(a=1)
    with pytest.raises(pydantic.ValidationError) as p_info:
        P.model_validate(data)
    assert info.value.errors(include_url=False)[0]["input"] == 1
    assert p_info.value.errors()[0]["input"] == 1


@pytest.mark.parametrize("bound", ["gt", "lt"])
def test_a_bound_beyond_4300_digits_works(bound):
    huge = 10**5000
    mine_cls = one_field_model(int, {bound: huge})
    theirs_cls = one_field_model(int, {bound: huge}, lib=pydantic)
    value = 5 if bound == "gt" else huge * 10
    with pytest.raises(satya.ValidationError) as mine:
        mine_cls.model_validate({"v": value})
    with pytest.raises(pydantic.ValidationError) as theirs:
        theirs_cls.model_validate({"v": value})
    assert mine.value.errors()[0]["msg"] == theirs.value.errors()[0]["msg"]
    assert mine.value.errors()[0]["ctx"] == theirs.value.errors()[0]["ctx"]
    ok = huge + 1 if bound == "gt" else 5
    assert mine_cls.model_validate({"v": ok}).v == ok


@pytest.mark.parametrize("divisor", [0, -1, -2**70, 0.0, -0.5])
def test_multiple_of_must_be_positive(divisor):
    annotation = int if isinstance(divisor, int) else float
    with pytest.raises(satya.SchemaError, match="multiple_of"):
        one_field_model(annotation, {"multiple_of": divisor})


def test_a_scalar_instance_is_tracked_again_by_any_validated_container():
    """Instances whose fields are all scalars are untracked by the GC. Reads
    stay plain member reads; an assignment that stores a container without
    validation tracks the instance again. (`object.__setattr__` writes the
    slot directly, as on pydantic; a cycle made through it is not collected.)"""

    class Scalars(Model, validate_assignment=False):
        a: int = 0
        b: Optional[str] = None

    instance = Scalars()
    assert not gc.is_tracked(instance)
    assert type(Scalars.__dict__["a"]).__name__ == "member_descriptor"
    instance.a = [1]
    assert gc.is_tracked(instance)
    other = Scalars()
    object.__setattr__(other, "a", [2])
    assert other.a == [2]


def test_a_subclass_of_a_sealed_class_builds_and_writes_its_fields():
    class Base(Model):
        a: int = 0

    class Child(Base):
        items: list[int] = []

    child = Child(a=1, items=[1])
    child.a = 2
    child.items = [3]
    assert (child.a, child.items) == (2, [3])
    assert gc.is_tracked(child)
    Base.model_rebuild()
    assert Base(a=3).a == 3
