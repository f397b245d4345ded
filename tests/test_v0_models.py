"""The Model scenarios satya 0.x code relied on, in today's spelling, against
pydantic: nested models (also in lists and dicts), defaults, optional fields,
inheritance, coercion, construction without validation, JSON round trips,
`str`/`repr` and the JSON Schema. Where 0.x behaved otherwise (a whitespace
string failing `min_length=1`, `nullable` in the schema, a nested model inlined
in the schema) pydantic's behaviour is the expectation."""

import decimal
import enum
import json
import warnings
from typing import Literal, Optional

import pydantic
import pytest

import satya
from support import error_triples, library_view

LIBRARIES = [satya, pydantic]


class Status(enum.Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"


def define(lib):
    """The models of the 0.x suite, written with what both libraries have."""

    class Address(lib.BaseModel):
        street: str = lib.Field(min_length=1)
        city: str = lib.Field(min_length=1)
        postal_code: str = lib.Field(pattern=r"^\d{5}$")

    class Person(lib.BaseModel):
        name: str = lib.Field(min_length=2, max_length=50)
        age: int = lib.Field(ge=0, le=150)
        email: lib.EmailStr
        website: Optional[lib.HttpUrl] = None
        address: Address
        tags: list[str] = lib.Field(default=[], max_length=10)
        metadata: dict[str, str] = {}

    class Product(lib.BaseModel):
        name: str = lib.Field(min_length=1)
        category: Literal["electronics", "clothing", "books"]
        price: float = lib.Field(gt=0.0)
        in_stock: bool = True
        cost: decimal.Decimal = decimal.Decimal("0")

    class SystemConfig(lib.BaseModel):
        buffer_size: int = lib.Field(ge=256, le=100000)
        learning_rate: float = lib.Field(ge=0.0, le=1.0)

    class ArchiveEntry(lib.BaseModel):
        config: SystemConfig
        performance: float = lib.Field(ge=-1000.0, le=100000.0)

    class Archive(lib.BaseModel):
        resolution: int = lib.Field(ge=1, le=20)
        archive: dict[str, ArchiveEntry]

    class Tag(lib.BaseModel):
        name: str = lib.Field(min_length=1, max_length=20)
        color: Literal["red", "blue", "green"]

    class Post(lib.BaseModel):
        title: str = lib.Field(min_length=5)
        tags: list[Tag] = lib.Field(min_length=1, max_length=3)
        status: Status = Status.ACTIVE
        note: Optional[str] = None

    return {cls.__name__: cls for cls in (Address, Person, Product, SystemConfig, ArchiveEntry, Archive, Tag, Post)}


MODELS = {lib: define(lib) for lib in LIBRARIES}

ADDRESS = {"street": "123 Main St", "city": "Anytown", "postal_code": "12345"}
PERSON = {"name": "John Doe", "age": 30, "email": "john@example.com", "address": ADDRESS}
ENTRY = {"config": {"buffer_size": 1024, "learning_rate": 0.01}, "performance": 95.5}


def outcome(cls, data):
    """("ok", JSON-mode dump) or ("err", error triples); JSON mode makes URLs and
    other library-specific values comparable."""
    try:
        return ("ok", cls.model_validate(data).model_dump(mode="json"))
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        return ("err", error_triples(exc))


def both(model, data):
    mine, theirs = (outcome(MODELS[lib][model], data) for lib in LIBRARIES)
    assert mine == theirs
    return mine


@pytest.mark.parametrize("changes,failing", [
    ({}, None),
    ({"website": "https://bobsmith.com", "tags": ["a"], "metadata": {"k": "v"}}, None),
    ({"age": None}, ("age",)),
    ({"name": "J"}, ("name",)),
    ({"name": "J" * 60}, ("name",)),
    ({"age": -5}, ("age",)),
    ({"age": 200}, ("age",)),
    ({"age": "30"}, None),  # lax mode parses numeric text
    ({"email": "invalid-email"}, ("email",)),
    ({"website": "not-a-url"}, ("website",)),
    ({"address": {**ADDRESS, "postal_code": "invalid"}}, ("address", "postal_code")),
    ({"tags": [f"tag{i}" for i in range(15)]}, ("tags",)),
    ({"name": 123}, ("name",)),  # a number is not text, even in lax mode
])
def test_person_validates_as_pydantic(changes, failing):
    data = {k: v for k, v in {**PERSON, **changes}.items() if v is not None}
    result = both("Person", data)
    if failing is None:
        assert result[0] == "ok"
    else:
        assert result[0] == "err" and [loc for _, loc, _ in result[1]] == [failing]


def test_missing_required_field_is_reported():
    result = both("Person", {k: v for k, v in PERSON.items() if k != "age"})
    assert result == ("err", [("missing", ("age",), "Field required")])


def test_defaults_are_filled_and_never_shared():
    for lib in LIBRARIES:
        person, other = MODELS[lib]["Person"](**PERSON), MODELS[lib]["Person"](**PERSON)
        assert (person.tags, person.metadata, person.website) == ([], {}, None)
        person.tags.append("x")
        assert other.tags == [] and MODELS[lib]["Person"].model_fields["tags"].default == []


@pytest.mark.parametrize("data", [
    {"name": "Laptop", "category": "electronics", "price": 999.99},
    {"name": "Laptop", "category": "electronics", "price": 999.99, "cost": "99.99"},
    {"name": "Laptop", "category": "invalid_category", "price": 99.99},
    {"name": "Laptop", "category": "books", "price": 0.0},
    {"name": "", "category": "books", "price": 1},
])
def test_product_literal_choice_and_bounds(data):
    both("Product", data)


def test_decimal_field_parses_text():
    for lib in LIBRARIES:
        product = MODELS[lib]["Product"](name="Widget", category="books", price=1, cost="99.99")
        assert product.cost == decimal.Decimal("99.99") and type(product.cost) is decimal.Decimal


@pytest.mark.parametrize("archive", [
    {},
    {"cell_1_2": ENTRY, "cell_2_3": {**ENTRY, "performance": 97.2}},
    {"cell_1_2": {**ENTRY, "config": {"buffer_size": 100, "learning_rate": 0.01}}},
    {"cell_1_2": {**ENTRY, "config": {"buffer_size": 100, "learning_rate": 2.0}}, "ok": ENTRY, "bad": 3},
])
def test_dict_of_models(archive):
    both("Archive", {"resolution": 5, "archive": archive})


def test_dict_of_models_error_locates_the_nested_field():
    data = {"resolution": 5, "archive": {"cell_1_2": {**ENTRY, "config": {"buffer_size": 100, "learning_rate": 0.01}}}}
    for lib in LIBRARIES:
        with pytest.raises(lib.ValidationError) as caught:
            MODELS[lib]["Archive"].model_validate(data)
        assert [e["loc"] for e in caught.value.errors()] == [("archive", "cell_1_2", "config", "buffer_size")]


def test_dict_of_models_holds_instances():
    for lib in LIBRARIES:
        archive = MODELS[lib]["Archive"](resolution=5, archive={"a": ENTRY})
        assert isinstance(archive.archive["a"], MODELS[lib]["ArchiveEntry"])
        assert archive.archive["a"].config.buffer_size == 1024


@pytest.mark.parametrize("tags", [
    [{"name": "python", "color": "blue"}, {"name": "tutorial", "color": "green"}],
    [],
    [{"name": f"t{i}", "color": "red"} for i in range(4)],
    [{"name": "", "color": "blue"}],
    [{"name": "a", "color": "purple"}, "not a tag"],
])
def test_list_of_models_with_bounds(tags):
    both("Post", {"title": "My First Post", "tags": tags})


def test_list_of_models_holds_instances():
    for lib in LIBRARIES:
        post = MODELS[lib]["Post"](title="My First Post", tags=[{"name": "python", "color": "blue"}])
        assert isinstance(post.tags[0], MODELS[lib]["Tag"]) and post.tags[0].name == "python"


def test_deeply_nested_models():
    for lib in LIBRARIES:
        class Level3(lib.BaseModel):
            value: str

        class Level2(lib.BaseModel):
            level3: Level3
            items: list[Level3] = []

        class Level1(lib.BaseModel):
            level2: Level2

        model = Level1(level2={"level3": {"value": "deep"}, "items": [{"value": "a"}, {"value": "b"}]})
        assert model.level2.level3.value == "deep"
        assert [item.value for item in model.level2.items] == ["a", "b"]
        with pytest.raises(lib.ValidationError) as caught:
            Level1(level2={"level3": {}, "items": [{"value": 1}]})
        assert [e["loc"] for e in caught.value.errors()] == [
            ("level2", "level3", "value"), ("level2", "items", 0, "value")]


def test_model_instance_as_nested_field_is_kept():
    for lib in LIBRARIES:
        address = MODELS[lib]["Address"](**ADDRESS)
        person = MODELS[lib]["Person"](**{**PERSON, "address": address})
        assert person.address is address  # revalidate_instances defaults to "never"


def test_optional_fields_and_none():
    for lib in LIBRARIES:
        class Optionals(lib.BaseModel):
            required_field: str
            name: Optional[str] = None
            age: Optional[int] = None

        assert (Optionals(required_field="x").name, Optionals(required_field="x").age) == (None, None)
        assert Optionals(required_field="x", name="John", age=None).name == "John"
        with pytest.raises(lib.ValidationError) as caught:
            Optionals(required_field=None)
        assert [e["type"] for e in caught.value.errors()] == ["string_type"]


@pytest.mark.parametrize("value", ["", "   ", "valid"])
def test_whitespace_satisfies_min_length_as_in_pydantic(value):
    # 0.x refused "   " for min_length=1; its length is 3, and pydantic accepts it.
    results = [outcome(MODELS[lib]["Tag"], {"name": value, "color": "red"}) for lib in LIBRARIES]
    assert results[0] == results[1]
    assert results[0][0] == ("err" if value == "" else "ok")


def test_inheritance_adds_and_overrides_fields():
    for lib in LIBRARIES:
        class Base(lib.BaseModel):
            id: str
            name: str

        class Extended(Base):
            name: str = lib.Field(min_length=5)
            active: bool = True

        model = Extended(id="123", name="Testing", active=False)
        assert (model.id, model.name, model.active) == ("123", "Testing", False)
        assert list(Extended.model_fields) == ["id", "name", "active"]
        with pytest.raises(lib.ValidationError):
            Extended(id="1", name="x")
        assert Base(id="1", name="x").name == "x"


@pytest.mark.parametrize("data", [
    {"a": "José María", "b": "🚀"},
    {"a": "北京", "b": "Tab\tSeparated\nNewline"},
    {"a": "x" * 50000, "b": ""},
    {"a": "x" * 100001, "b": ""},
])
def test_unicode_and_large_strings(data):
    results = []
    for lib in LIBRARIES:
        class Text(lib.BaseModel):
            a: str = lib.Field(max_length=100000)
            b: str

        results.append(outcome(Text, data))
    assert results[0] == results[1]
    assert results[0][0] == ("err" if len(data["a"]) > 100000 else "ok")


@pytest.mark.parametrize("ints,floats", [(0, 0.0), (-1, -1.0), (2**31 - 1, 1e10), (-2**31, -1e10), (2**63, -0.0)])
def test_numeric_edges_round_trip_through_json(ints, floats):
    dumped = []
    for lib in LIBRARIES:
        class Numbers(lib.BaseModel):
            i: int
            f: float
            flag: bool

        model = Numbers(i=ints, f=floats, flag=False)
        again = Numbers.model_validate_json(model.model_dump_json())
        assert again == model
        dumped.append(model.model_dump_json())
    assert dumped[0] == dumped[1]


def test_extra_fields_are_ignored_by_default():
    for lib in LIBRARIES:
        product = MODELS[lib]["Product"](name="a", category="books", price=1, extra_field="ignored")
        assert "extra_field" not in product.model_dump()
        assert not hasattr(product, "extra_field")


def test_model_construct_skips_validation():
    for lib in LIBRARIES:
        person = MODELS[lib]["Person"].model_construct(name="J", age=-5, email="invalid", address={"x": 1})
        assert (person.name, person.age, person.address) == ("J", -5, {"x": 1})
        assert person.tags == [] and person.model_fields_set == {"name", "age", "email", "address"}
        partial = MODELS[lib]["Person"].model_construct(name="Test")
        assert partial.name == "Test" and not hasattr(partial, "age")


def test_dump_and_json_round_trip():
    dumps = []
    for lib in LIBRARIES:
        person = MODELS[lib]["Person"](**PERSON)
        dumped = person.model_dump()
        assert dumped["address"] == ADDRESS and dumped["name"] == "John Doe"
        text = person.model_dump_json()
        assert json.loads(text)["email"] == "john@example.com"
        assert MODELS[lib]["Person"].model_validate_json(text) == person
        dumps.append((dumped, text, person.model_dump(exclude={"address"}, exclude_none=True)))
    assert dumps[0] == dumps[1]


def test_str_and_repr_are_pydantics():
    # 0.x printed the default object repr (or "Person name=..." with PRETTY_REPR).
    shown = []
    for lib in LIBRARIES:
        post = MODELS[lib]["Post"](title="Hello there", tags=[{"name": "a", "color": "red"}])
        shown.append((str(post), repr(post)))
    assert shown[0] == shown[1]
    assert shown[0][0].startswith("title='Hello there' tags=[Tag(name='a', color='red')]")


@pytest.mark.parametrize("model", ["Person", "Product", "Archive", "Post"])
def test_json_schema_is_pydantics(model):
    # 0.x inlined nested models and marked Optional fields `nullable`; pydantic
    # refers to `$defs` and writes `anyOf` with null.
    mine, theirs = (MODELS[lib][model].model_json_schema() for lib in LIBRARIES)
    assert mine == theirs


def test_json_schema_shapes_of_the_0x_schema_scenarios():
    schema = MODELS[satya]["Post"].model_json_schema()
    assert schema["properties"]["tags"]["items"] == {"$ref": "#/$defs/Tag"}
    assert schema["properties"]["note"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
    assert schema["$defs"]["Status"] == {"enum": ["active", "inactive"], "title": "Status", "type": "string"}
    assert schema["required"] == ["title", "tags"]


def test_schema_and_json_schema_methods_warn_and_agree():
    person = MODELS[satya]["Person"]
    with pytest.warns(satya.SatyaDeprecationWarning, match="model_json_schema") as caught:
        old = person.schema()
    assert len(caught) == 1 and caught[0].filename == __file__
    with pytest.warns(satya.SatyaDeprecationWarning, match="model_json_schema") as caught:
        zero_x = person.json_schema()
    assert len(caught) == 1 and caught[0].filename == __file__
    assert old == zero_x == person.model_json_schema()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert old == MODELS[pydantic]["Person"].schema()


def test_values_are_plain_python_values():
    # 0.x once handed back Field objects; field access gives the values themselves.
    for lib in LIBRARIES:
        product = MODELS[lib]["Product"](name="Widget", category="books", price=99.99)
        assert type(product.price) is float and type(product.in_stock) is bool
        assert product.price - 9.99 == pytest.approx(90.0) and product.price < 100
        assert f"{product.name}: {product.price:.1f}" == "Widget: 100.0"


def test_empty_model():
    for lib in LIBRARIES:
        class Empty(lib.BaseModel):
            pass

        assert Empty().model_dump() == {} and Empty(**{}) == Empty()
        assert library_view(Empty.model_validate({"x": 1})) == ("model", "Empty", ("dict", []))
