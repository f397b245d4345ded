"""`Model`: native slot storage, validated assignment, dumping, model_validate,
equality, repr, copying and pickling, model_fields, strictness and aliases."""

import copy
import gc
import json
import weakref
import pickle
import types
from collections.abc import Mapping
from typing import Optional

import pydantic
import pytest

import satya
from satya import Field, Model
from support import error_triples, satya_only


class Address(Model):
    city: str
    zip: int = Field(ge=0)


class User(Model):
    id: int = Field(gt=0)
    name: str
    score: float = 1.5
    address: Optional[Address] = None
    tags: list[str] = []
    meta: dict[str, int] = {}
    raw: bytes = b"x"


class Other(Model):
    id: int = Field(gt=0)
    name: str
    score: float = 1.5
    address: Optional[Address] = None
    tags: list[str] = []
    meta: dict[str, int] = {}
    raw: bytes = b"x"


class Aliased(Model):
    user_id: int = Field(alias="userId")
    display_name: str = Field(default="anon", alias="displayName")


class Counter(Model):
    items: list[int] = Field(default_factory=list)
    calls: int = Field(default_factory=lambda: 7)


class ReadOnly(Mapping):
    def __init__(self, data):
        self._data = dict(data)

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)


def full_user():
    return User(
        id=2,
        name="B",
        score=1e20,
        address={"city": "x", "zip": 1},
        tags=("a", "b"),
        meta={"a": "2"},
        raw=b"\x00",
    )


# --- storage -----------------------------------------------------------------


def test_instances_have_no_instance_dict():
    """Values live in slots: `__dict__` is a read-only view built on request."""
    user = User(id=1, name="Ann")
    assert type(user).__dictoffset__ == 0
    assert isinstance(user.__dict__, types.MappingProxyType)
    assert user.__dict__ is not user.__dict__


def test_no_class_in_the_mro_defines_getattr_or_getattribute_except_object():
    for cls in (User, Address, Model):
        for klass in cls.__mro__:
            if klass is object:
                continue
            assert "__getattr__" not in vars(klass), klass
            assert "__getattribute__" not in vars(klass), klass
        assert cls.__getattribute__ is object.__getattribute__


def test_field_reads_are_plain_attribute_reads():
    user = User(id=1, name="Ann")
    assert (user.id, user.name, user.score, user.address, user.tags) == (1, "Ann", 1.5, None, [])


class Scalars(Model):
    a: int
    b: str = ""
    c: Optional[float] = None


class Box:
    pass


def restored_with(cls, state):
    instance = cls.__new__(cls)
    instance.__setstate__(state)
    return instance


def test_instances_that_can_hold_containers_are_tracked_by_the_collector():
    assert gc.is_tracked(User(id=1, name="Ann"))
    assert gc.is_tracked(Counter())


@pytest.mark.parametrize(
    "make",
    [
        lambda box: Scalars.model_construct(a=box),
        lambda box: Scalars(a=1).model_copy(update={"a": box}),
        lambda box: restored_with(Scalars, {"a": box}),
    ],
    ids=["model_construct", "model_copy update", "__setstate__"],
)
def test_unvalidated_containers_in_scalar_fields_do_not_leak_cycles(make):
    box = Box()
    box.model = make(box)
    assert gc.is_tracked(box.model)
    ref = weakref.ref(box)
    del box
    gc.collect()
    assert ref() is None


# --- assignment ----------------------------------------------------------------


def test_assignment_validates_and_coerces():
    user = User(id=1, name="Ann")
    user.id = "7"
    assert user.id == 7 and type(user.id) is int
    user.address = {"city": "Oslo", "zip": "3"}
    assert type(user.address) is Address and user.address.zip == 3


@pytest.mark.parametrize(
    "field, value",
    [("id", 0), ("id", "x"), ("name", None), ("address", {"city": "x", "zip": -1}), ("tags", ["ok", 1])],
)
def test_failed_assignment_leaves_the_instance_unchanged(field, value):
    user = full_user()
    before = user.model_dump()
    with pytest.raises(satya.ValidationError) as info:
        setattr(user, field, value)
    assert info.value.errors(include_url=False)[0]["loc"][0] == field
    assert user.model_dump() == before


def test_assigning_an_unknown_attribute_raises_attribute_error():
    user = User(id=1, name="Ann")
    with pytest.raises(AttributeError):
        user.nickname = "x"
    assert not hasattr(user, "nickname")
    assert user.model_dump()["name"] == "Ann"


def test_deleting_a_field_raises_attribute_error():
    user = User(id=1, name="Ann")
    with pytest.raises(AttributeError):
        del user.id
    assert user.id == 1


# --- construction, defaults --------------------------------------------------------


def test_missing_required_fields_are_all_reported():
    with pytest.raises(satya.ValidationError) as info:
        User()
    assert [(e["type"], e["loc"]) for e in info.value.errors(include_url=False)] == [("missing", ("id",)), ("missing", ("name",))]


def test_positional_arguments_are_a_type_error():
    with pytest.raises(TypeError):
        User(1, "Ann")


def test_unknown_keys_are_ignored():
    user = User(id=1, name="Ann", unknown="x")
    assert "unknown" not in user.model_dump()


def test_mutable_defaults_are_not_shared():
    first, second = User(id=1, name="a"), User(id=2, name="b")
    first.tags.append("x")
    first.meta["k"] = 1
    assert second.tags == [] and second.meta == {}
    assert User.model_fields["tags"].default == []


def test_default_factory_runs_for_each_instance():
    first, second = Counter(), Counter()
    assert first.items == [] and first.items is not second.items
    assert first.calls == 7
    assert Counter(items=("1",)).items == [1]


def test_default_factory_exception_propagates_unchanged():
    def broken():
        raise LookupError("factory failed")

    class Faulty(Model):
        value: int = Field(default_factory=broken)

    with pytest.raises(LookupError, match="factory failed"):
        Faulty()
    assert Faulty(value=1).value == 1


def test_model_construct_skips_validation():
    user = User.model_construct(id="not validated", name="x")
    assert user.id == "not validated"
    assert user.tags == []


def test_model_copy_with_update():
    user = User(id=1, name="Ann", tags=["a"])
    copied = user.model_copy(update={"name": "Bob"})
    assert (copied.name, user.name) == ("Bob", "Ann")
    assert copied.tags is user.tags
    assert user.model_copy(deep=True).tags is not user.tags


# --- dumping -----------------------------------------------------------------


def test_model_dump_is_nested_plain_data():
    assert full_user().model_dump() == {
        "id": 2,
        "name": "B",
        "score": 1e20,
        "address": {"city": "x", "zip": 1},
        "tags": ["a", "b"],
        "meta": {"a": 2},
        "raw": b"\x00",
    }


def test_model_dump_returns_new_containers():
    user = full_user()
    dumped = user.model_dump()
    dumped["tags"].append("changed")
    dumped["address"]["city"] = "changed"
    assert user.tags == ["a", "b"] and user.address.city == "x"


def test_model_dump_include_exclude_and_exclude_none():
    user = User(id=1, name="Ann")
    assert user.model_dump(include={"id", "name"}) == {"id": 1, "name": "Ann"}
    assert "tags" not in user.model_dump(exclude={"tags"})
    assert "address" not in user.model_dump(exclude_none=True)


def test_model_dump_json_mode_turns_bytes_into_text():
    assert full_user().model_dump(mode="json")["raw"] == "\x00"


def test_model_dump_json_is_compact_pydantic_json():
    assert full_user().model_dump_json() == (
        '{"id":2,"name":"B","score":1e+20,"address":{"city":"x","zip":1},'
        '"tags":["a","b"],"meta":{"a":2},"raw":"\\u0000"}'
    )
    assert json.loads(full_user().model_dump_json())["address"] == {"city": "x", "zip": 1}


def _pydantic_user():
    class Address(pydantic.BaseModel):
        city: str
        zip: int = pydantic.Field(ge=0)

    class User(pydantic.BaseModel):
        id: int = pydantic.Field(gt=0)
        name: str
        score: float = 1.5
        address: Optional[Address] = None
        tags: list[str] = []
        meta: dict[str, int] = {}
        raw: bytes = b"x"

    return User


PUser = _pydantic_user()


@pytest.mark.parametrize(
    "data",
    [
        dict(id=1, name="Ann"),
        dict(id=2, name='q"uo\\te\n\t\u00e9\U0001f600\x01', score=float("nan")),
        dict(id=10**30, name="", score=-0.0, tags=["\u2028"], meta={"": -1}),
        dict(id=3, name="x", score=float("-inf"), address={"city": "c", "zip": 0}, raw=b"a\"b"),
        dict(id=4, name="y", score=123456789.125, meta={"k": 10**20}),
        dict(id=5, name="z", score=1e-7),
        dict(id=6, name="z", score=1e16),
        dict(id=7, name="z", score=0.1),
    ],
)
def test_model_dump_json_equals_pydantics(data):
    assert User(**data).model_dump_json() == PUser(**data).model_dump_json()


@pytest.mark.parametrize("score", [1e-5, 1.5e-5, 9.99e-5, -1113178120592002.2, 111659285584252.12])
def test_model_dump_json_floats_equal_pydantics(score):
    assert User(id=1, name="a", score=score).model_dump_json() == PUser(id=1, name="a", score=score).model_dump_json()


def test_dict_and_json_are_aliases():
    user = full_user()
    assert user.dict() == user.model_dump()
    assert user.json() == user.model_dump_json()
    assert user.dict(exclude={"raw"}) == user.model_dump(exclude={"raw"})


# --- model_validate ------------------------------------------------------------


def test_model_validate_returns_an_instance_unchanged():
    user = full_user()
    assert User.model_validate(user) is user


def test_model_validate_accepts_dicts_and_mappings():
    data = {"id": "1", "name": "Ann"}
    for source in (data, types.MappingProxyType(data), ReadOnly(data)):
        user = User.model_validate(source)
        assert (user.id, user.name) == (1, "Ann")


@pytest.mark.parametrize("value", [None, 5, "text", [("id", 1)], ("id", 1), b"{}"])
def test_model_validate_rejects_non_mappings_with_model_type(value):
    with pytest.raises(satya.ValidationError) as info:
        User.model_validate(value)
    assert info.value.errors(include_url=False) == [
        {
            "type": "model_type",
            "loc": (),
            "msg": "Input should be a valid dictionary or instance of User",
            "input": value,
            "ctx": {"class_name": "User"},
        }
    ]


class MyStr(str):
    pass


@pytest.mark.parametrize(
    "data",
    [
        {"id": 1, "name": "Ann", "score": 2.5},
        {"score": 2.5, "name": "Ann", "id": 1},
        {"extra": 0, "name": "Ann", "other": 1, "id": 1, "score": 2.5},
        {"".join(["i", "d"]): 1, "".join(["na", "me"]): "Ann", "score": 2.5},
        {MyStr("id"): 1, MyStr("name"): "Ann", MyStr("score"): 2.5},
    ],
    ids=["field order", "reversed", "interleaved extras", "equal but not identical keys", "str subclass keys"],
)
def test_input_key_order_and_identity_do_not_matter(data):
    user = User.model_validate(data)
    assert (user.id, user.name, user.score) == (1, "Ann", 2.5)
    assert User(**data) == user


def test_model_validate_rejects_an_instance_of_another_model():
    other = Other(id=1, name="Ann")
    with pytest.raises(satya.ValidationError) as info:
        User.model_validate(other)
    assert info.value.errors(include_url=False)[0]["type"] == "model_type"


# --- equality, repr ------------------------------------------------------------


def test_equality_compares_class_and_fields():
    assert User(id=1, name="Ann") == User(id="1", name="Ann")
    assert User(id=1, name="Ann") != User(id=2, name="Ann")
    assert User(id=1, name="Ann") != Other(id=1, name="Ann")
    assert User(id=1, name="Ann") != {"id": 1, "name": "Ann"}
    assert (User(id=1, name="Ann") == 5) is False


def test_instances_are_unhashable():
    with pytest.raises(TypeError):
        hash(User(id=1, name="Ann"))


def test_repr_of_a_two_field_model():
    class User(Model):
        id: int
        name: str

    assert repr(User(id=1, name="Ann")) == "User(id=1, name='Ann')"
    assert str(User(id=1, name="Ann")) == "id=1 name='Ann'"


def test_repr_is_like_pydantics():
    user = User(id=1, name="Ann")
    assert repr(user) == "User(id=1, name='Ann', score=1.5, address=None, tags=[], meta={}, raw=b'x')"
    assert repr(user) == repr(PUser(id=1, name="Ann"))
    assert repr(Address(city="c", zip=1)) == "Address(city='c', zip=1)"


def test_nested_repr_and_str_are_like_pydantics():
    data = dict(id=1, name="Ann", address={"city": "c", "zip": 2})
    assert repr(User(**data)) == repr(PUser(**data))
    assert str(User(**data)) == str(PUser(**data))


# --- copying and pickling ----------------------------------------------------------


def test_copy_is_shallow():
    user = full_user()
    copied = copy.copy(user)
    assert copied == user and copied is not user
    assert copied.tags is user.tags


def test_deepcopy_is_independent():
    user = full_user()
    copied = copy.deepcopy(user)
    assert copied == user
    assert copied.tags is not user.tags
    assert copied.address is not user.address
    copied.tags.append("z")
    assert user.tags == ["a", "b"]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(protocol):
    user = full_user()
    restored = pickle.loads(pickle.dumps(user, protocol=protocol))
    assert type(restored) is User
    assert restored == user
    assert type(restored.address) is Address


# --- model_fields ----------------------------------------------------------------


def test_model_fields_describe_the_fields_in_order():
    fields = User.model_fields
    assert list(fields) == ["id", "name", "score", "address", "tags", "meta", "raw"]
    assert fields["id"].is_required() and not fields["score"].is_required()
    assert fields["id"].annotation is int
    assert fields["id"].gt == 0
    assert fields["score"].default == 1.5
    assert fields["address"].annotation == Optional[Address]
    assert Aliased.model_fields["user_id"].alias == "userId"


# --- strictness ------------------------------------------------------------------


class StrictFields(Model):
    count: int = Field(strict=True)
    flag: bool = Field(strict=True)
    ratio: float = 0.0


class StrictModel(Model):
    model_config = {"strict": True}
    count: int
    ratio: float
    name: str
    flag: bool
    data: bytes
    items: list[int]
    mapping: dict[str, int]


def test_strict_field_keyword():
    assert StrictFields(count=1, flag=True, ratio="0.5").ratio == 0.5
    with pytest.raises(satya.ValidationError) as info:
        StrictFields(count="1", flag=1)
    assert [(e["type"], e["loc"]) for e in info.value.errors(include_url=False)] == [("int_type", ("count",)), ("bool_type", ("flag",))]


def test_strict_model_config_rejects_every_coercion():
    exact = dict(count=1, ratio=1, name="x", flag=True, data=b"x", items=[1], mapping={"a": 1})
    assert StrictModel(**exact).ratio == 1.0
    with pytest.raises(satya.ValidationError) as info:
        StrictModel(count="1", ratio="1", name=b"x", flag=1, data="x", items=(1,), mapping={"a": "1"})
    assert [(e["type"], e["loc"]) for e in info.value.errors(include_url=False)] == [
        ("int_type", ("count",)),
        ("float_type", ("ratio",)),
        ("string_type", ("name",)),
        ("bool_type", ("flag",)),
        ("bytes_type", ("data",)),
        ("list_type", ("items",)),
        ("int_type", ("mapping", "a")),
    ]


def test_strict_config_is_inherited():
    class StrictChild(StrictModel):
        extra: int = 0

    with pytest.raises(satya.ValidationError):
        StrictChild(count=1, ratio=1, name="x", flag=True, data=b"x", items=[1], mapping={}, extra="1")


class StrictInner(Model):
    model_config = {"strict": True}
    x: int


class StrictOuter(Model):
    model_config = {"strict": True}
    inner: StrictInner


def test_strict_model_still_builds_nested_models_from_dicts():
    assert StrictOuter(inner={"x": 1}).inner.x == 1


def test_strict_model_rejects_non_dict_mappings():
    with pytest.raises(satya.ValidationError) as info:
        StrictOuter(inner=types.MappingProxyType({"x": 1}))
    assert info.value.errors(include_url=False)[0]["type"] == "model_type"


# --- aliases ---------------------------------------------------------------------


def test_alias_is_the_input_key():
    item = Aliased(userId="5")
    assert item.user_id == 5
    assert Aliased.model_validate({"userId": 6, "displayName": "D"}).display_name == "D"


def test_field_name_is_not_accepted_in_place_of_the_alias():
    with pytest.raises(satya.ValidationError) as info:
        Aliased(user_id=5)
    assert info.value.errors(include_url=False) == [
        {"type": "missing", "loc": ("userId",), "msg": "Field required", "input": {"user_id": 5}}
    ]


def test_alias_errors_are_located_at_the_alias():
    with pytest.raises(satya.ValidationError) as info:
        Aliased(userId="x")
    assert info.value.errors(include_url=False)[0]["loc"] == ("userId",)


def test_dump_by_alias():
    item = Aliased(userId=5)
    assert item.model_dump() == {"user_id": 5, "display_name": "anon"}
    assert item.model_dump(by_alias=True) == {"userId": 5, "displayName": "anon"}
    assert item.model_dump_json(by_alias=True) == '{"userId":5,"displayName":"anon"}'
    assert item.model_dump_json() == '{"user_id":5,"display_name":"anon"}'


def test_assignment_uses_the_field_name():
    item = Aliased(userId=5)
    item.user_id = "6"
    assert item.user_id == 6


# --- model_validate overrides and super() -------------------------------------------------


class ValidatesWithDefaults(Model):
    x: int

    @classmethod
    def model_validate(cls, obj):
        obj = dict(obj)
        obj.setdefault("x", 42)
        return super().model_validate(obj)


class InheritsTheOverride(ValidatesWithDefaults):
    y: int = 0


def test_a_model_validate_override_is_called_and_super_validates_as_the_class():
    assert ValidatesWithDefaults.model_validate({}).x == 42
    child = InheritsTheOverride.model_validate({"y": 1})
    assert type(child) is InheritsTheOverride
    assert (child.x, child.y) == (42, 1)


def test_model_validate_is_bound_to_the_class_it_is_looked_up_on():
    class Parent(Model):
        a: int

    class Child(Parent):
        b: int = 2

    assert type(Parent.model_validate({"a": 1})) is Parent
    assert type(Child.model_validate({"a": 1})) is Child
    # the same function object each time: no per-call binding
    assert Child.model_validate is Child.model_validate
    assert type(Child(a=1).model_validate({"a": 3})) is Child


def test_model_cannot_be_combined_with_a_builtin_type():
    with pytest.raises(satya.SchemaError, match="built-in type dict"):

        class WithDict(Model, dict):
            x: int

    with pytest.raises(satya.SchemaError, match="built-in type Exception"):

        class WithException(Model, Exception):
            x: int


def test_slots_given_as_one_string_is_one_slot():
    class Cached(Model):
        __slots__ = "cache"
        x: int

    c = Cached(x=1)
    c.cache = [c]
    assert c.cache[0] is c
    assert not hasattr(Cached, "c")


def test_dump_by_alias_keeps_each_value_under_its_own_alias():
    class Aliased(Model):
        a: int = Field(alias="AA", default=0)
        b: int = Field(alias="BB", default=0)

    assert Aliased.model_construct(BB=2).model_dump(by_alias=True) == {"AA": 0, "BB": 2}
    bare = Aliased.__new__(Aliased)
    satya._satya.set_state(bare, {"b": 5})
    assert bare.model_dump(by_alias=True) == {"BB": 5}


def test_instances_with_a_dict_from_a_mixin_stay_tracked_by_the_collector():
    class Mixin:
        pass

    class WithDict(Mixin, Model):
        x: int

    class Marker:
        pass

    m = WithDict(x=1)
    assert gc.is_tracked(m)
    marker = Marker()
    m.cache = [m, marker]
    witness = weakref.ref(marker)
    del m, marker
    gc.collect()
    assert witness() is None


def test_enum_member_with_a_str_subclass_value_gives_a_plain_str():
    import enum

    class Tag(str):
        pass

    class Colour(enum.Enum):
        RED = Tag("red")

    class Painted(Model):
        colour: str

    assert type(Painted(colour=Colour.RED).colour) is str


# --------------------------------------------------------------------------- per-call options


class _Row:
    """An ORM-style row: fields are attributes."""

    def __init__(self, **values):
        self.__dict__.update(values)


class PerCall(Model):
    a: int = Field(default=0, strict=True)
    b: int = 0


class PerCallPydantic(pydantic.BaseModel):
    a: int = pydantic.Field(default=0, strict=True)
    b: int = 0


def _outcome(call):
    try:
        return ("ok", call().model_dump())
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in exc.errors()])


@pytest.mark.parametrize("strict", [None, True, False])
@pytest.mark.parametrize("data", [{"a": "1", "b": "2"}, {"a": 1, "b": "2"}, {"a": 1, "b": 2}])
def test_per_call_strict_overrides_the_schema_as_in_pydantic(strict, data):
    import json

    mine = _outcome(lambda: PerCall.model_validate(data, strict=strict))
    theirs = _outcome(lambda: PerCallPydantic.model_validate(data, strict=strict))
    assert mine == theirs
    text = json.dumps(data)
    assert _outcome(lambda: PerCall.model_validate_json(text, strict=strict)) == _outcome(
        lambda: PerCallPydantic.model_validate_json(text, strict=strict)
    )


def test_per_call_strict_reaches_nested_models_and_containers():
    class Inner(Model):
        n: int

    class Outer(Model):
        inner: Inner
        xs: list[int] = []

    with pytest.raises(satya.ValidationError) as info:
        Outer.model_validate({"inner": {"n": "1"}, "xs": ["2"]}, strict=True)
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [
        ("int_type", ("inner", "n")),
        ("int_type", ("xs", 0)),
    ]
    assert Outer.model_validate({"inner": {"n": "1"}, "xs": ["2"]}).inner.n == 1


def test_context_is_accepted_by_both_entry_points():
    assert PerCall.model_validate({"b": 1}, context={"user": "x"}).b == 1
    assert PerCall.model_validate_json('{"b": 1}', context={"user": "x"}).b == 1


def test_from_attributes_reads_any_object():
    class Address(Model):
        city: str

    class Person(Model):
        name: str
        age: int = 0
        address: Optional[Address] = None

    row = _Row(name="Ann", age="31", address=_Row(city="Oslo"))
    person = Person.model_validate(row, from_attributes=True)
    assert (person.name, person.age, person.address.city) == ("Ann", 31, "Oslo")
    with pytest.raises(satya.ValidationError) as info:
        Person.model_validate(row)
    assert info.value.errors()[0]["type"] == "model_type"
    with pytest.raises(satya.ValidationError) as info:
        Person.model_validate(_Row(age=1), from_attributes=True)
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("missing", ("name",))]


def test_from_attributes_in_model_config():
    class Person(Model):
        model_config = {"from_attributes": True}
        name: str

    assert Person.model_validate(_Row(name="Ann")).name == "Ann"


def test_from_attributes_still_takes_dicts_and_refuses_scalars():
    class Person(Model):
        name: str

    assert Person.model_validate({"name": "Ann"}, from_attributes=True).name == "Ann"
    with pytest.raises(satya.ValidationError) as info:
        Person.model_validate(5, from_attributes=True)
    assert info.value.errors()[0]["type"] == "model_type"


def test_entry_points_refuse_unknown_keywords_and_extra_arguments():
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        PerCall.model_validate({}, nope=1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'from_attributes'"):
        PerCall.model_validate_json("{}", from_attributes=True)
    with pytest.raises(TypeError, match="positional"):
        PerCall.model_validate({}, {})
    with pytest.raises(TypeError, match="missing"):
        PerCall.model_validate()
    assert PerCall.model_validate(obj={"b": 3}).b == 3
    assert PerCall.model_validate_json(json_data='{"b": 3}').b == 3


@pytest.mark.parametrize("data", ['{"b": 4}', b'{"b": 4}', bytearray(b'{"b": 4}')])
def test_model_validate_json_takes_str_bytes_and_bytearray(data):
    assert PerCall.model_validate_json(data).b == 4


@pytest.mark.parametrize("data", [123, None, {"b": 4}, memoryview(b"{}")])
def test_model_validate_json_refuses_other_inputs_as_pydantic(data):
    with pytest.raises(satya.ValidationError) as mine:
        PerCall.model_validate_json(data)
    with pytest.raises(pydantic.ValidationError) as theirs:
        PerCallPydantic.model_validate_json(data)
    assert error_triples(mine.value) == error_triples(theirs.value)


def test_every_entry_point_reports_the_same_errors():
    class Inner(Model):
        n: int = Field(gt=0)

    class Outer(Model):
        inner: Inner
        m: int = Field(default=1, le=5)

    data = {"inner": {"n": 0}, "m": 6}
    expected = [("greater_than", ("inner", "n")), ("less_than_equal", ("m",))]
    calls = [
        lambda: Outer(**data),
        lambda: Outer.model_validate(data),
        lambda: Outer.model_validate_json('{"inner": {"n": 0}, "m": 6}'),
    ]
    for call in calls:
        with pytest.raises(satya.ValidationError) as info:
            call()
        assert [(e["type"], e["loc"]) for e in info.value.errors()] == expected
    instance = Outer(inner={"n": 1})
    with pytest.raises(satya.ValidationError) as info:
        instance.m = 6
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("less_than_equal", ("m",))]


class _Scalars(Model):
    x: int
    s: str


class _Holder(_Scalars):
    items: list = []


@pytest.mark.parametrize("cls", [_Scalars, _Holder], ids=["scalar-only (sealed slots)", "with a container"])
@pytest.mark.parametrize("make", ["init", "model_validate", "model_validate_json", "batch", "json batch"])
def test_dropping_an_instance_releases_every_field_value(cls, make):
    import sys

    value = 10**12 + 7  # not a cached small int
    data = {"x": value, "s": "text"}
    before = sys.getrefcount(value)
    for _ in range(20):
        if make == "init":
            obj = cls(**data)
        elif make == "model_validate":
            obj = cls.model_validate(data)
        elif make == "batch":
            obj = cls.model_validate_many([data])[0]
        elif make == "model_validate_json":
            obj = cls.model_validate_json(json.dumps(data))
            value = obj.x  # a new int each time: watch that one instead
            before = sys.getrefcount(value) - 1
        else:
            obj = cls.model_validate_json_many(json.dumps([data] * 70), threads=2)[0]
            value = obj.x
            before = sys.getrefcount(value) - 1
        del obj
    assert sys.getrefcount(value) == before


def test_instances_of_the_native_base_are_freed_with_their_type_reference():
    import sys

    base = satya._satya.ModelBase
    before = sys.getrefcount(base)
    for _ in range(10):
        base.__new__(base)
    assert sys.getrefcount(base) == before


@pytest.mark.parametrize("lib", [satya, pydantic], ids=["satya", "pydantic"])
def test_dunder_dict_and_vars_show_the_field_values(lib):
    class Point(lib.BaseModel):
        x: int
        tags: list[str] = []

    point = Point(x="3")
    assert vars(point) == point.__dict__ == {"x": 3, "tags": []}
    assert vars(Point(x=1, tags=["a"]))["tags"] == ["a"]


@satya_only
def test_dunder_dict_is_read_only_since_values_live_in_slots():
    class Point(Model):
        x: int

    point = Point(x=1)
    with pytest.raises(TypeError):
        point.__dict__["x"] = 2
    assert point.x == 1
