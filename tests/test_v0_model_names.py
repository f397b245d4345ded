"""satya 0.x Models as 0.x code wrote them: the 0.x Field keywords on model
fields, `ModelValidationError` and its error records, and the 0.x-only Model
names (`model_validate_fast`, `model_validate_nested`, `__fields__`,
`json_schema`), each working and warning once at the caller's line."""

import json
import warnings
from typing import Dict, List, Optional

import pydantic
import pytest

import satya
from satya import Field, Model, _v0_model
from satya.errors import ModelValidationError
from satya._v0_errors import records_of
from support import satya_only

pytestmark = satya_only

with warnings.catch_warnings(record=True) as DEFINITION_WARNINGS:
    warnings.simplefilter("always")

    class Address(Model):
        street: str = Field(min_length=1)
        postal_code: str = Field(pattern=r"^\d{5}$")

    class Person(Model):
        name: str = Field(min_length=2, max_length=50)
        age: int = Field(ge=0, le=150)
        email: str = Field(email=True)
        website: Optional[str] = Field(required=False, url=True)  # 0.x keyword: 1
        address: Address = Field()
        tags: List[str] = Field(default=[], max_items=10)  # 2
        category: str = Field(default="books", enum=["electronics", "clothing", "books"])  # 3

    class Bond(Model):
        isin: str = Field(pattern=r"^[A-Z]{2}[A-Z0-9]{9}[0-9]$", min_length=12, max_length=12)
        issuer_type: str = Field(enum=["Government", "Corporate"])  # 4
        coupon_rate: float = Field(min_value=0.0, max_value=20.0)  # 5, 6

    class BondIndex(Model):
        index_name: str = Field(min_length=3)
        securities: List[Bond] = Field(description="bonds", min_items=1)  # 7

    class SystemConfig(Model):
        buffer_size: int = Field(ge=256, le=100000)

    class ArchiveEntry(Model):
        config: SystemConfig = Field(description="System configuration")

    class Archive(Model):
        archive: Dict[str, ArchiveEntry] = Field(description="Archive entries")

    class WithExtras(Model):
        name: str
        age: int = Field(ge=0)
        entries: Dict[str, ArchiveEntry] = {}

ADDRESS = {"street": "123 Main St", "postal_code": "12345"}
PERSON = {"name": "John Doe", "age": 30, "email": "john@example.com", "address": ADDRESS}
BOND = {"isin": "US0378331005", "issuer_type": "Corporate", "coupon_rate": 3.5}


def test_each_0x_keyword_warned_once_at_the_class_statement():
    assert [w.category for w in DEFINITION_WARNINGS] == [satya.SatyaDeprecationWarning] * 7
    assert all(w.filename == __file__ for w in DEFINITION_WARNINGS)


def test_0x_person_validates_and_fills_defaults():
    person = Person(**PERSON)
    assert (person.name, person.address.street, person.website) == ("John Doe", "123 Main St", None)
    assert (person.tags, person.category) == ([], "books")
    assert Person(**PERSON, website="https://bobsmith.com").website == "https://bobsmith.com"


@pytest.mark.parametrize("changes,loc", [
    ({"age": None}, ("age",)),
    ({"name": "J"}, ("name",)),
    ({"age": 200}, ("age",)),
    ({"email": "invalid-email"}, ("email",)),
    ({"website": "not-a-url"}, ("website",)),
    ({"address": {**ADDRESS, "postal_code": "invalid"}}, ("address", "postal_code")),
    ({"tags": [f"tag{i}" for i in range(11)]}, ("tags",)),
    ({"category": "invalid_category"}, ("category",)),
])
def test_0x_person_refuses_with_model_validation_error(changes, loc):
    data = {k: v for k, v in {**PERSON, **changes}.items() if v is not None}
    with pytest.raises(ModelValidationError) as caught:
        Person(**data)
    assert isinstance(caught.value, satya.ValidationError)  # one exception to catch, old or new
    assert [e["loc"] for e in caught.value.errors()] == [loc]
    [record] = records_of(caught.value)
    assert (record.field, record.path) == (loc[0], list(loc))


@pytest.mark.parametrize("email", ["user@example.com", "test.email@domain.org", "user+tag@example.co.uk"])
def test_email_keyword_accepts_addresses(email):
    assert Person(**{**PERSON, "email": email}).email == email


@pytest.mark.parametrize("email", ["invalid-email", "@example.com", "user@", "user.name", "user@.com",
                                   "user@domain", "user space@domain.com"])
def test_email_keyword_refuses_non_addresses(email):
    with pytest.raises(ModelValidationError):
        Person(**{**PERSON, "email": email})


def test_errors_accumulate_across_fields_as_records():
    # 0.x read `e.errors` as a list; today `e.errors()` is pydantic's method and
    # `records_of(e)` gives the 0.x records.
    with pytest.raises(ModelValidationError) as caught:
        Person(**{**PERSON, "name": "x", "age": -5, "email": "not-an-email"})
    records = records_of(caught.value)
    assert [r.field for r in records] == ["name", "age", "email"]
    assert [r.value for r in records] == ["x", -5, "not-an-email"]
    assert str(records[1]).startswith("age: Input should be greater than or equal to 0\n  Value: -5")
    assert len(caught.value.errors()) == 3


def test_nested_dict_error_record_names_the_path():
    bad = {"archive": {"cell_1_2": {"config": {"buffer_size": 100}}}}
    with pytest.raises(ModelValidationError) as caught:
        Archive(**bad)
    [record] = records_of(caught.value)
    assert record.path == ["archive", "cell_1_2", "config", "buffer_size"] and record.field == "archive"
    assert str(record).startswith("archive.cell_1_2.config.buffer_size: Input should be greater than or equal to 256")


def test_json_input_raises_model_validation_error_too():
    with pytest.raises(ModelValidationError):
        Person.model_validate_json(json.dumps({**PERSON, "age": -1}))
    assert Person.model_validate_json(json.dumps(PERSON)) == Person(**PERSON)


def test_bonds_with_min_value_max_value_enum_and_min_items():
    index = BondIndex(index_name="Large Index", securities=[
        {**BOND, "isin": f"US{i:010d}", "coupon_rate": 3.0 + i * 0.01} for i in range(50)])
    assert len(index.securities) == 50 and all(isinstance(bond, Bond) for bond in index.securities)
    assert Bond(**BOND).coupon_rate == 3.5
    for changes in ({"isin": "INVALID123"}, {"coupon_rate": 25.0}, {"coupon_rate": -0.1},
                    {"issuer_type": "Private"}):
        with pytest.raises(ModelValidationError):
            Bond(**{**BOND, **changes})
    with pytest.raises(ModelValidationError) as caught:
        BondIndex(index_name="Empty", securities=[])
    assert [e["type"] for e in caught.value.errors()] == ["too_short"]
    with pytest.raises(ModelValidationError) as caught:
        BondIndex(index_name="Bad", securities=[{**BOND, "isin": "INVALID"}])
    assert {e["loc"][:2] for e in caught.value.errors()} == {("securities", 0)}


def test_optional_field_with_0x_constraints():
    with pytest.warns(satya.SatyaDeprecationWarning, match="required"):
        class Nick(Model):
            name: str
            nickname: Optional[str] = Field(required=False, min_length=2, max_length=10)

    assert Nick(name="John").nickname is None
    assert Nick(name="John", nickname="Johnny").nickname == "Johnny"
    with pytest.raises(ModelValidationError):
        Nick(name="John", nickname="J")


def test_json_schema_method_warns_and_is_model_json_schema():
    with pytest.warns(satya.SatyaDeprecationWarning, match="model_json_schema") as caught:
        schema = Person.json_schema()
    assert len(caught) == 1 and caught[0].filename == __file__
    assert schema == Person.model_json_schema()
    assert schema["properties"]["category"]["enum"] == ["electronics", "clothing", "books"]
    assert schema["properties"]["tags"]["maxItems"] == 10
    assert "website" not in schema["required"] and "address" in schema["required"]


def one_warning(call, name):
    with pytest.warns(satya.SatyaDeprecationWarning, match=f"`{name}`.*`model_validate`") as caught:
        result = call()
    assert len(caught) == 1 and caught[0].filename == __file__  # the caller's line
    return result


@pytest.mark.parametrize("name", ["model_validate_fast", "model_validate_nested"])
def test_fast_and_nested_validate_as_model_validate(name):
    data = {"name": "Alice", "age": "30", "entries": {"a": {"config": {"buffer_size": 512}}}}
    method = getattr(WithExtras, name)
    user = one_warning(lambda: method(data), name)
    assert type(user) is WithExtras and user == WithExtras.model_validate(data)
    assert isinstance(user.entries["a"].config, SystemConfig)
    bad = {"name": "Alice", "age": -1, "entries": {"a": {"config": {"buffer_size": 1}}}}
    with pytest.raises(ModelValidationError) as caught:
        one_warning(lambda: method(bad), name)
    with pytest.raises(ModelValidationError) as expected:
        WithExtras.model_validate(bad)
    assert caught.value.errors() == expected.value.errors()


@pytest.mark.parametrize("name", ["model_validate_fast", "model_validate_nested"])
def test_fast_and_nested_pass_options_on(name):
    method = getattr(WithExtras, name)
    with pytest.raises(ModelValidationError, match="int_type"):
        one_warning(lambda: method({"name": "a", "age": "3"}, strict=True), name)
    with pytest.raises(TypeError, match="bogus"):
        one_warning(lambda: method({"name": "a", "age": 3}, bogus=1), name)
    with pytest.raises(ModelValidationError, match="model_type"):
        one_warning(lambda: method(["not", "a", "dict"]), name)


class PydanticUser(pydantic.BaseModel):
    name: str
    age: int = 0


def test_dunder_fields_is_model_fields_as_in_pydantic():
    with pytest.warns(satya.SatyaDeprecationWarning) as mine:
        fields = WithExtras.__fields__
    with pytest.warns(DeprecationWarning) as theirs:
        their_fields = PydanticUser.__fields__
    assert fields == WithExtras.model_fields and list(their_fields) == ["name", "age"]
    assert len(mine) == 1 and mine[0].filename == __file__
    assert str(mine[0].message) == str(theirs[0].message).split(" Deprecated in")[0]
    with pytest.warns(satya.SatyaDeprecationWarning):
        assert WithExtras(name="a", age=1).__fields__["age"] is WithExtras.model_fields["age"]


def test_model_lists_the_0x_extras():
    for name in ("model_validate_fast", "model_validate_nested"):
        assert Model.__dict__[name] is _v0_model.__dict__[name]
    assert Model.__dict__["__fields__"] is _v0_model.fields_alias


def test_email_keyword_schema_has_email_format():
    assert Person.model_json_schema()["properties"]["email"]["format"] == "email"


def test_url_keyword_refuses_other_schemes():
    with pytest.raises(ModelValidationError):
        Person(**PERSON, website="ftp://example.com")
