"""Whether a model needs the GIL (src/schema/model_validator.rs,
`decide_without_python`): a model whose fields, or whose nested models'
fields, have Python hooks needs it. That is decided once, when the class is
built and every model inside it is built too; a model inside that waits for a
forward reference leaves it to the first use. `satya.inspect` reports it as
`needs_gil` (None while it is still open), and such a model's batches validate
sequentially on the calling thread."""

import json
import threading
from typing import Annotated, Optional

import pytest

from support import satya_only

import satya
from satya import Field, Model

pytestmark = satya_only


def needs_gil(cls):
    return satya.inspect(cls)["needs_gil"]


def test_a_model_without_hooks_runs_without_the_gil():
    class Plain(Model):
        id: int = Field(gt=0)
        name: str = Field(min_length=1)
        tags: list[str] = []

    assert needs_gil(Plain) is False


def test_a_hooked_field_needs_the_gil_from_class_definition():
    class Decorated(Model):
        v: int = Field(gt=0)

        @satya.field_validator("v")
        @classmethod
        def same(cls, value):
            return value

    class Annotated_(Model):
        v: Annotated[int, Field(gt=0), satya.AfterValidator(lambda v: v)]

    class ModelHook(Model):
        v: int

        @satya.model_validator(mode="after")
        def same(self):
            return self

    assert [needs_gil(cls) for cls in (Decorated, Annotated_, ModelHook)] == [True, True, True]


def test_a_hooked_nested_model_makes_its_container_need_the_gil():
    class Inner(Model):
        v: Annotated[int, satya.BeforeValidator(lambda v: v)]

    class Direct(Model):
        inner: Inner

    class InList(Model):
        inners: list[Inner] = []

    class Optional_(Model):
        inner: Optional[Inner] = None

    class Clean(Model):
        v: int

    class Outer(Model):
        clean: Clean

    assert [needs_gil(cls) for cls in (Inner, Direct, InList, Optional_)] == [True] * 4
    assert (needs_gil(Clean), needs_gil(Outer)) == (False, False)


def test_recursive_models():
    class Node(Model):
        value: int = Field(ge=0)
        children: list["Node"] = []

    class HookedNode(Model):
        value: int
        children: list["HookedNode"] = []

        @satya.field_validator("value")
        @classmethod
        def same(cls, value):
            return value

    class Tree(Model):
        root: Optional[Node] = None

    assert (needs_gil(Node), needs_gil(HookedNode), needs_gil(Tree)) == (False, True, False)
    tree = Tree.model_validate_json_many(json.dumps([{"root": {"value": 1, "children": [{"value": 2}]}}]))
    assert tree[0].root.children[0].value == 2


# Forward references are looked up in the module, so these classes are
# defined here, each before the class it names.


class Early(Model):
    later: "Later"


class HookedEarly(Model):
    later: "HookedLater"


class Waiting(Model):
    missing: "Missing"


class OuterOfWaiting(Model):
    waiting: Optional[Waiting] = None


class HookedOuterOfWaiting(Model):
    waiting: Optional[Waiting] = None

    @satya.field_validator("waiting")
    @classmethod
    def same(cls, value):
        return value


class Later(Model):
    v: int


class HookedLater(Model):
    v: Annotated[int, satya.AfterValidator(lambda v: v)]


class Missing(Model):
    v: int


def test_a_forward_reference_is_decided_when_the_class_is_built():
    for cls, hooked in ((Early, False), (HookedEarly, True)):
        assert "__satya_pending__" in cls.__dict__
        assert cls.model_rebuild()
        assert "__satya_pending__" not in cls.__dict__
        # inspect reads what the rebuild decided, and decides nothing itself
        assert needs_gil(cls) is hooked


def test_a_nested_model_waiting_for_a_forward_reference_leaves_it_to_first_use():
    # the classes outside were built while the one inside waited
    assert "__satya_pending__" in Waiting.__dict__
    assert needs_gil(OuterOfWaiting) is None
    # a hook decides it whatever the model inside turns out to be
    assert needs_gil(HookedOuterOfWaiting) is True
    # the first batch builds the model inside and decides
    batch = OuterOfWaiting.model_validate_json_many('[{"waiting": {"missing": {"v": 1}}}]')
    assert batch[0].waiting.missing.v == 1
    assert needs_gil(OuterOfWaiting) is False
    assert "__satya_pending__" not in Waiting.__dict__


def test_a_batch_of_a_model_that_needs_the_gil_runs_on_the_calling_thread():
    threads = set()

    class Hooked(Model):
        v: int = Field(ge=0)

        @satya.field_validator("v")
        @classmethod
        def record(cls, value):
            threads.add(threading.get_ident())
            return value

    data = json.dumps([{"v": i} for i in range(2000)])
    result = Hooked.model_validate_json_many(data, threads=4)
    assert [r.v for r in result] == list(range(2000))
    assert threads == {threading.get_ident()}
    assert needs_gil(Hooked) is True
