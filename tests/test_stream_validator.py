"""`StreamValidator` (satya 0.x's dict validator): its schema (add_field,
set_constraints, custom types) and Python records (validate, validate_batch,
validate_stream). A record validates as the pydantic model with the same
fields would: the same values and the same messages, given as 0.x records."""

import itertools
import warnings
from typing import Any, Dict, List, Optional

import pydantic
import pytest
from stream_support import PERSON, expected, new_validator, records, seen, twin
from support import satya_only

import satya
from satya.validator import StreamValidator

PERSON_TWIN = twin(PERSON)


@pytest.fixture
def person():
    return new_validator(PERSON)


@pytest.mark.parametrize("item", [
    {"name": "John Doe", "age": 30, "email": "john@example.com", "active": True},
    {"name": "Jane", "age": "25"},
    {"name": "Bob"},
    {"name": 3, "age": "x", "active": "maybe", "email": None},
    {"name": "Ann", "age": 1, "unknown": [1, 2]},
    {},
    5,
    [("name", "x")],
])
def test_validate_gives_pydantic_values_and_messages(person, item):
    got = seen(person.validate(item))
    want = expected(PERSON_TWIN, item)
    if want[0] == "err" and not isinstance(item, dict):
        # the input is no dict: one error for the whole record, naming the hidden class
        assert got[0] == "err" and [path for _, path, _, _ in got[1]] == [[]]
        assert "valid dictionary" in got[1][0][2]
    else:
        assert got == want


@satya_only
def test_construction_warns_once_at_the_caller():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        StreamValidator()
    assert [w.category for w in caught] == [satya.SatyaDeprecationWarning]
    assert caught[0].filename == __file__
    assert "model_validate_many" in str(caught[0].message) and "TypeAdapter(list[Model])" in str(caught[0].message)


@satya_only
def test_methods_do_not_warn_again(person):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        person.set_constraints("name", min_length=1)
        assert person.validate({"name": "a", "age": 1}).is_valid
        assert person.validate_batch([{"name": "a", "age": 1}]) == [True]
        assert [r.is_valid for r in person.validate_stream([{}], collect_errors=True)] == [False]


@satya_only
def test_valid_value_is_a_dict_of_the_given_keys(person):
    result = person.validate({"name": "John", "age": "30", "extra": {"k": 1}})
    assert result.is_valid and result.errors == []
    assert result.value == {"name": "John", "age": 30, "extra": {"k": 1}}  # email/active were not given
    assert str(result).startswith("Valid: ") and "John" in str(result)


@satya_only
def test_invalid_records_name_field_path_and_value(person):
    result = person.validate({"name": "John", "age": "thirty"})
    assert not result.is_valid
    (error,) = result.errors
    assert (error.field, error.path, error.value) == ("age", ["age"], "thirty")
    assert error.message == "Input should be a valid integer, unable to parse string as an integer"
    assert str(result).startswith("Invalid: ") and "age" in str(result)
    missing = person.validate({"age": 1, "email": None})
    assert records(missing) == [("name", ["name"], "Field required"),
                                ("email", ["email"], "Input should be a valid string")]


@satya_only
def test_field_types_from_python_and_type_names():
    validator = new_validator()
    for key, tp in [("tags", List[str]), ("meta", Dict[str, int]), ("maybe", Optional[int]), ("blob", Any),
                    ("s", "string"), ("n", "integer"), ("x", "number"), ("b", "boolean"), ("l", "List[int]"),
                    ("d", "Dict[float]"), ("d2", "Dict[str, int]"), ("nested", "List[Dict[bool]]"), ("e", "email"),
                    ("u", "url"), ("id", "uuid"), ("when", "date-time"), ("price", "decimal")]:
        validator.add_field(key, tp, required=False)
    good = {"tags": ["a"], "meta": {"a": "1"}, "maybe": None, "blob": object, "s": "x", "n": "2", "x": "1.5",
            "b": "yes", "l": ["3"], "d": {"k": 1}, "d2": {"k": "4"}, "nested": [{"a": "true"}], "e": "a@b.io",
            "u": "https://x.io/p", "id": "not checked", "when": "2020", "price": "1.10"}
    value = validator.validate(good).value
    assert value["meta"] == {"a": 1} and value["n"] == 2 and value["x"] == 1.5 and value["b"] is True
    assert value["l"] == [3] and value["d2"] == {"k": 4} and value["nested"] == [{"a": True}]
    assert value["u"] == "https://x.io/p" and value["blob"] is object and str(value["price"]) == "1.10"
    bad = validator.validate({"l": ["x"], "d": [], "e": "no-at", "u": "nope", "d2": {"k": "x"}})
    assert [e.path for e in bad.errors] == [["l", "0"], ["d"], ["d2", "k"], ["e"], ["u"]]
    assert "email" in bad.errors[3].message and "URL" in bad.errors[4].message


@satya_only
@pytest.mark.parametrize("spec", ["List[int", "Dict[int, str]", "my type", "3x", ""])
def test_bad_type_names_raise_value_error(spec):
    with pytest.raises(ValueError, match="type"):
        new_validator().add_field("f", spec)


@satya_only
def test_bad_definitions_raise_at_the_call():
    validator = new_validator()
    with pytest.raises(satya.SchemaError, match="'f'.*unsupported annotation 42"):
        validator.add_field("f", 42)
    with pytest.raises(TypeError, match="field name must be a str"):
        validator.add_field(1, int)
    with pytest.raises(TypeError, match="required must be True or False"):
        validator.add_field("f", int, required="yes")
    assert validator.validate({}).value == {}  # nothing was added


@satya_only
def test_keys_that_are_no_attribute_names(person):
    for key in ["model_config", "my-key", "class", "_private", "validate", "field_0", "1st"]:
        person.add_field(key, int, required=False)
    item = {"name": "a", "age": 1, "model_config": "1", "my-key": 2, "class": 3, "_private": 4, "validate": 5,
            "field_0": 6, "1st": 7}
    assert person.validate(item).value == {**item, "model_config": 1}
    assert records(person.validate({"name": "a", "age": 1, "my-key": "x", "field_0": "y"})) == [
        ("my-key", ["my-key"], "Input should be a valid integer, unable to parse string as an integer"),
        ("field_0", ["field_0"], "Input should be a valid integer, unable to parse string as an integer")]


@satya_only
def test_add_field_again_replaces_the_field_and_its_constraints(person):
    person.set_constraints("age", ge=18)
    assert not person.validate({"name": "a", "age": 3}).is_valid
    person.add_field("age", str, required=False)
    assert person.validate({"name": "a", "age": "3"}).value == {"name": "a", "age": "3"}
    assert person.validate({"name": "a"}).is_valid


CONSTRAINED = [
    ("username", str, {"min_length": 3, "max_length": 8, "pattern": r"^[a-z_]+$"}, {}),
    ("score", float, {"min_value": 0, "max_value": 10}, {"ge": 0, "le": 10}),
    ("level", int, {"gt": 0, "lt": 5}, {}),
    ("rank", int, {"ge": 1, "le": 3, "min_value": 100}, {"ge": 1, "le": 3}),
    ("tags", List[str], {"min_items": 1, "max_items": 2}, {"min_length": 1, "max_length": 2}),
]


@pytest.mark.parametrize("item", [
    {"username": "john_doe", "score": 9.5, "level": 4, "rank": 2, "tags": ["a"]},
    {"username": "Jo", "score": -1, "level": 0, "rank": 0, "tags": []},
    {"username": "way_too_long", "score": "11", "level": 5, "rank": "4", "tags": ["a", "b", "c"]},
    {"username": "UPPER", "score": "x", "level": 1.5, "rank": 1, "tags": "a"},
])
def test_constraints_validate_as_pydantic_field_options(item):
    validator = new_validator()
    for key, tp, mine, _ in CONSTRAINED:
        validator.add_field(key, tp)
        validator.set_constraints(key, **mine)
    model = twin([(key, tp, True, theirs or mine) for key, tp, mine, theirs in CONSTRAINED])
    assert seen(validator.validate(item)) == expected(model, item)


@satya_only
def test_checks_pydantic_has_no_field_option_for():
    validator = new_validator()
    validator.add_field("ids", List[int])
    validator.add_field("color", str)
    validator.add_field("size", "str")
    validator.add_field("email", str, required=False)
    validator.add_field("site", str, required=False)
    validator.set_constraints("ids", unique_items=True)
    validator.set_constraints("color", enum_values=["red", "green"])
    validator.set_constraints("size", enum_values=["S", "M"], min_length=1)
    validator.set_constraints("email", email=True)
    validator.set_constraints("site", url=True)
    ok = validator.validate({"ids": [1, "2"], "color": "red", "size": "M", "email": "A@Example.COM",
                             "site": "http://x.io/a"})
    assert ok.value == {"ids": [1, 2], "color": "red", "size": "M", "email": "A@example.com",
                        "site": "http://x.io/a"}
    bad = validator.validate({"ids": [1, "1"], "color": "blue", "size": "L", "email": "x", "site": "x"})
    assert [(e.field, e.message.split(":")[0]) for e in bad.errors] == [
        ("ids", "Items should be unique"), ("color", "Input should be 'red' or 'green'"),
        ("size", "Input should be 'S' or 'M'"), ("email", "value is not a valid email address"),
        ("site", "Input should be a valid URL, relative URL without a base")]


@satya_only
def test_set_constraints_adds_to_earlier_calls_and_checks_at_the_call(person):
    person.set_constraints("name", min_length=2)
    person.set_constraints("name", max_length=3)
    assert [person.validate({"name": n, "age": 1}).is_valid for n in ["a", "ab", "abcd"]] == [False, True, False]
    with pytest.raises(satya.SchemaError, match="'age'.*min_length"):
        person.set_constraints("age", min_length=1)
    with pytest.raises(satya.SchemaError, match="min_items applies to lists"):
        person.set_constraints("name", min_items=1)
    with pytest.raises(satya.SchemaError, match="enum_values is empty"):
        person.set_constraints("name", enum_values=[])
    with pytest.raises(ValueError, match="no field 'nope'"):
        person.set_constraints("nope", ge=1)
    with pytest.raises(TypeError):
        person.set_constraints("name", minimum=1)
    assert person.validate({"name": "abc", "age": 1}).is_valid  # the refused constraints were not kept


@satya_only
def test_custom_types_validate_nested_dicts():
    validator = new_validator()
    validator.define_custom_type("Address")
    validator.add_field_to_custom_type("Address", "street", str, required=True)
    validator.add_field_to_custom_type("Address", "zipcode", "int", required=False)
    validator.define_type("Person", {"name": str, "home": "Address"}, doc="a person")
    validator.add_field("owner", "Person")
    validator.add_field("others", "List[Address]", required=False)
    item = {"owner": {"name": "A", "home": {"street": "s", "note": 1}}, "others": [{"street": "t", "zipcode": "5"}]}
    value = validator.validate(item).value
    assert value == {"owner": {"name": "A", "home": {"street": "s", "note": 1}},
                     "others": [{"street": "t", "zipcode": 5}]}
    assert type(value["owner"]) is dict and type(value["others"][0]) is dict
    bad = validator.validate({"owner": {"name": "A", "home": {"zipcode": "x"}}, "others": [{}]})
    assert records(bad) == [
        ("owner", ["owner", "home", "street"], "Field required"),
        ("owner", ["owner", "home", "zipcode"],
         "Input should be a valid integer, unable to parse string as an integer"),
        ("others", ["others", "0", "street"], "Field required")]


@satya_only
def test_custom_type_mistakes():
    validator = new_validator()
    with pytest.raises(ValueError, match="no custom type 'Address'"):
        validator.add_field_to_custom_type("Address", "street", str)
    with pytest.raises(ValueError, match="custom type needs a name"):
        validator.define_custom_type("int")
    with pytest.raises(TypeError, match="fields must be a dict"):
        validator.define_type("T", [("a", int)])
    validator.add_field("home", "Address")
    with pytest.raises(satya.SchemaError, match="unknown type 'Address'"):
        validator.validate({})
    validator.define_type("Address", {"next": "List[Address]"})
    with pytest.raises(satya.SchemaError, match=r"cannot refer to themselves \(Address -> Address\)"):
        validator.validate({})


@satya_only
def test_model_fields_keep_their_instances():
    class Address(satya.Model):
        city: str

    validator = new_validator([("home", Address, True, {}), ("past", List[Address], False, {})])
    value = validator.validate({"home": {"city": "x"}, "past": [{"city": "y"}]}).value
    assert value == {"home": Address(city="x"), "past": [Address(city="y")]}
    assert records(validator.validate({"home": {}})) == [("home", ["home", "city"], "Field required")]


BATCH = [{"name": "John", "age": 30, "email": "john@example.com"}, {"name": "Jane", "age": 25}, {"name": "Bob"},
         {"name": "Alice", "age": "28", "active": False}, "not a dict", {"name": None, "age": 1}]


@satya_only
def test_validate_batch_gives_a_bool_per_record(person):
    assert person.validate_batch(BATCH) == [True, True, False, True, False, False]
    assert person.validate_batch(iter(BATCH)) == [person.validate(item).is_valid for item in BATCH]
    assert person.validate_batch([]) == []


@satya_only
def test_validate_batch_results_equal_validate(person):
    results = person.validate_batch_results(BATCH)
    assert [seen(r) for r in results] == [seen(person.validate(item)) for item in BATCH]


@satya_only
def test_validate_stream_yields_valid_results_unless_collecting_errors(person):
    assert [r.value["name"] for r in person.validate_stream(BATCH)] == ["John", "Jane", "Alice"]
    collected = list(person.validate_stream(BATCH, collect_errors=True))
    assert [seen(r) for r in collected] == [seen(person.validate(item)) for item in BATCH]
    values = list(person.validate_stream(BATCH, yield_values=True))
    assert values == [{"name": "John", "age": 30, "email": "john@example.com"}, {"name": "Jane", "age": 25},
                      {"name": "Alice", "age": 28, "active": False}]
    mixed = list(person.validate_stream(BATCH, collect_errors=True, yield_values=True))
    assert [type(x).__name__ for x in mixed] == ["dict", "dict", "ValidationResult", "dict", "ValidationResult",
                                                 "ValidationResult"]


@satya_only
def test_validate_stream_reads_an_endless_input_one_batch_at_a_time(person):
    taken = []

    def endless():
        for n in itertools.count():
            taken.append(n)
            yield {"name": f"p{n}", "age": n} if n % 3 else {"name": "bad"}

    person.set_batch_size(4)
    stream = person.validate_stream(endless(), collect_errors=True)
    first = list(itertools.islice(stream, 6))
    assert [r.is_valid for r in first] == [False, True, True, False, True, True]
    assert first[1].value == {"name": "p1", "age": 1}
    assert len(taken) == 8  # two batches of 4, no more


@satya_only
def test_batch_size():
    validator = new_validator()
    assert validator.batch_size == 1000
    validator.set_batch_size(100)
    assert validator.batch_size == 100
    for bad in [0, -1, 2.5, True, "10"]:
        with pytest.raises(ValueError, match="positive integer"):
            validator.set_batch_size(bad)
    assert validator.batch_size == 100


def test_pydantic_twin_is_what_the_expectations_assume():
    # the differential tests above read pydantic through `twin`: check it once
    assert PERSON_TWIN.model_validate({"name": "a", "age": "1", "x": 2}).model_dump(
        by_alias=True, exclude_unset=True) == {"name": "a", "age": 1, "x": 2}
    with pytest.raises(pydantic.ValidationError):
        PERSON_TWIN.model_validate({"name": "a"})
