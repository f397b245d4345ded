"""Fields whose type is a Model: nesting, self-reference, forward references
and inheritance."""

from typing import Optional

import pytest

import satya
from satya import Field, Model, SchemaError


class Address(Model):
    city: str
    zip: int = Field(ge=0)


class Person(Model):
    name: str
    address: Address
    previous: list[Address] = []
    by_label: dict[str, Address] = {}
    second: Optional[Address] = None


class Node(Model):
    value: int
    children: list["Node"] = []


class Chain(Model):
    label: str = "link"
    next: Optional["Chain"] = None


# `Holder` refers to `Target`, which is defined only after it.
class Holder(Model):
    one: "Target"
    many: list["Target"] = []
    maybe: Optional["Target"] = None


class Target(Model):
    x: int


class NeverDefined(Model):
    ref: "MissingTargetClass"


def test_nested_model_is_built_from_a_dict():
    person = Person(name="Ann", address={"city": "Oslo", "zip": "1"})
    assert type(person.address) is Address
    assert (person.address.city, person.address.zip) == ("Oslo", 1)


def test_nested_instance_is_kept_as_the_same_object():
    address = Address(city="Oslo", zip=1)
    assert Person(name="Ann", address=address).address is address


def test_nested_errors_carry_the_full_location():
    with pytest.raises(satya.ValidationError) as info:
        Person(name="Ann", address={"city": 5, "zip": -1}, previous=[{"city": "x", "zip": 0}, {"zip": "z"}])
    assert [(e["type"], e["loc"]) for e in info.value.errors(include_url=False)] == [
        ("string_type", ("address", "city")),
        ("greater_than_equal", ("address", "zip")),
        ("missing", ("previous", 1, "city")),
        ("int_parsing", ("previous", 1, "zip")),
    ]


@pytest.mark.parametrize("value", [5, "Oslo", [("city", "x")], None])
def test_non_mapping_for_a_nested_model_is_a_model_type_error(value):
    with pytest.raises(satya.ValidationError) as info:
        Person(name="Ann", address=value)
    assert info.value.errors(include_url=False) == [
        {
            "type": "model_type",
            "loc": ("address",),
            "msg": "Input should be a valid dictionary or instance of Address",
            "input": value,
            "ctx": {"class_name": "Address"},
        }
    ]


def test_instance_of_another_model_class_is_a_model_type_error():
    with pytest.raises(satya.ValidationError) as info:
        Person(name="Ann", address=Target(x=1))
    assert info.value.errors(include_url=False)[0]["type"] == "model_type"


def test_models_inside_lists_dicts_and_optionals():
    person = Person(
        name="Ann",
        address={"city": "a", "zip": 1},
        previous=({"city": "b", "zip": 2},),
        by_label={"home": {"city": "c", "zip": 3}},
        second={"city": "d", "zip": 4},
    )
    assert [a.city for a in person.previous] == ["b"]
    assert person.by_label["home"].zip == 3
    assert person.second.city == "d"
    with pytest.raises(satya.ValidationError) as info:
        Person(name="Ann", address={"city": "a", "zip": 1}, by_label={"home": {"city": "c", "zip": "x"}})
    assert info.value.errors(include_url=False)[0]["loc"] == ("by_label", "home", "zip")


def test_self_referencing_model_validates_recursively():
    tree = Node.model_validate({"value": 1, "children": [{"value": "2", "children": [{"value": 3}]}, {"value": 4}]})
    assert type(tree.children[0].children[0]) is Node
    assert tree.model_dump() == {
        "value": 1,
        "children": [{"value": 2, "children": [{"value": 3, "children": []}]}, {"value": 4, "children": []}],
    }


def test_self_reference_errors_carry_the_full_location():
    with pytest.raises(satya.ValidationError) as info:
        Node.model_validate({"value": 1, "children": [{"value": 2, "children": [{"value": "x"}]}]})
    assert info.value.errors(include_url=False)[0]["loc"] == ("children", 0, "children", 0, "value")


def test_optional_self_reference():
    chain = Chain(next={"next": {"label": "end"}})
    assert chain.next.next.label == "end"
    assert chain.next.next.next is None


def test_forward_reference_to_a_later_class_is_resolved_at_first_use():
    holder = Holder(one={"x": "1"}, many=[{"x": 2}], maybe={"x": 3})
    assert type(holder.one) is Target
    assert [t.x for t in holder.many] == [2]
    assert holder.maybe.x == 3
    assert Holder.model_fields["one"].annotation is Target


def test_forward_reference_errors_carry_the_full_location():
    with pytest.raises(satya.ValidationError) as info:
        Holder(one={"x": "bad"})
    assert info.value.errors(include_url=False)[0]["loc"] == ("one", "x")


def test_unresolvable_forward_reference_is_a_schema_error_at_first_use():
    with pytest.raises(SchemaError) as info:
        NeverDefined(ref={})
    assert "NeverDefined" in str(info.value)
    assert "MissingTargetClass" in str(info.value)


def test_model_rebuild_after_the_missing_class_appears(monkeypatch):
    class Late(Model):
        y: int

    class Early(Model):
        late: "LateForRebuild"

    monkeypatch.setitem(globals(), "LateForRebuild", Late)
    assert Early.model_rebuild() is True
    assert Early(late={"y": "4"}).late.y == 4


def test_forward_reference_to_a_later_class_in_the_same_function():
    class Outer(Model):
        inner: "InnerDefinedLater"

    class InnerDefinedLater(Model):
        z: int

    assert Outer(inner={"z": 1}).inner.z == 1


@pytest.mark.parametrize("first_use", ["model_validate", "model_validate_json"])
def test_a_later_class_in_the_same_function_is_found_by_each_first_use(first_use):
    class Holder(Model):
        items: "list[LaterItem]" = []

    class LaterItem(Model):
        z: int

    if first_use == "model_validate":
        assert Holder.model_validate({"items": [{"z": 1}]}).items[0].z == 1
    else:
        assert Holder.model_validate_json('{"items": [{"z": 2}]}').items[0].z == 2
    assert type(Holder(items=[{"z": 3}]).items[0]) is LaterItem


def test_a_class_still_missing_at_first_use_is_reported():
    class Lonely(Model):
        other: "NeverDefined"

    with pytest.raises(SchemaError, match="NeverDefined"):
        Lonely(other={})


def test_string_annotation_naming_an_earlier_class_in_the_same_function():
    class LocalAddress(Model):
        city: str

    class LocalPerson(Model):
        address: "Optional[LocalAddress]" = None

    assert LocalPerson(address={"city": "x"}).address.city == "x"


class Base(Model):
    id: int = Field(gt=0)
    name: str = "base"


class Child(Base):
    age: int = Field(ge=0)
    name: str = "child"


class GrandChild(Child):
    id: str


def test_subclass_extends_parent_fields_in_order():
    assert list(Child.model_fields) == ["id", "name", "age"]
    assert list(GrandChild.model_fields) == ["id", "name", "age"]


def test_subclass_inherits_constraints_and_overrides_defaults():
    child = Child(id=1, age=2)
    assert (child.id, child.name, child.age) == (1, "child", 2)
    assert isinstance(child, Base)
    with pytest.raises(satya.ValidationError) as info:
        Child(id=0, age=-1)
    assert [(e["type"], e["loc"]) for e in info.value.errors(include_url=False)] == [
        ("greater_than", ("id",)),
        ("greater_than_equal", ("age",)),
    ]


def test_subclass_can_change_a_fields_type():
    assert GrandChild(id="abc", age=0).id == "abc"
    assert Child(id="5", age=0).id == 5


def test_parent_is_unaffected_by_subclass_fields():
    assert list(Base.model_fields) == ["id", "name"]
    assert Base(id=1, age="ignored").name == "base"


def test_subclass_instance_is_accepted_where_the_parent_is_expected():
    class Owner(Model):
        item: Base

    child = Child(id=1, age=1)
    assert Owner(item=child).item is child


def test_the_next_call_after_a_rebuild_uses_the_new_schema(monkeypatch):
    class First(Model):
        y: int

    class Second(Model):
        y: str

    monkeypatch.setitem(globals(), "SwappedTarget", First)

    class Holder(Model):
        target: "SwappedTarget"

    # called twice each: the schema found by the first call is remembered
    for _ in range(2):
        assert type(Holder.model_validate({"target": {"y": 1}}).target) is First
        assert type(Holder.model_validate_json('{"target": {"y": 1}}').target) is First
    monkeypatch.setitem(globals(), "SwappedTarget", Second)
    assert Holder.model_rebuild(force=True) is True
    assert type(Holder.model_validate({"target": {"y": "a"}}).target) is Second
    assert type(Holder.model_validate_json('{"target": {"y": "a"}}').target) is Second
    assert type(Holder(target={"y": "a"}).target) is Second
