"""satya 0.x's Model methods: `validator()`, `validate_many`,
`model_validate_fast`, `model_validate_nested`, `model_validate_json_bytes`,
`model_validate_json_array_bytes` and `model_validate_ndjson_bytes`. Each warns
once, at the caller's line, naming its pydantic-v2 spelling, and gives what
that spelling gives in pydantic."""

import json
import warnings

import pydantic
import pytest
from stream_support import records, seen
from support import satya_only

import satya
from satya.validator import StreamValidator

LIBRARIES = [satya, pydantic]


def define(lib):
    class Address(lib.BaseModel):
        city: str

    class Person(lib.BaseModel):
        name: str
        age: int = lib.Field(ge=0)
        email: str = "none"
        home: Address | None = None

    return Person


PERSON = {lib: define(lib) for lib in LIBRARIES}
RECORDS = [{"name": "Ann", "age": "30"}, {"name": "Bob", "age": -1}, {"age": 3, "home": {"city": 5}}, 7,
           {"name": "Cy", "age": 2, "email": "c@x.io", "home": {"city": "Oslo"}}]


def warned(call):
    """The result of `call` (or its ValidationError) and its deprecation warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call()
        except satya.ValidationError as exc:
            result = exc
    return result, [w for w in caught if issubclass(w.category, DeprecationWarning)]


def quiet(call):
    with pytest.warns(satya.SatyaDeprecationWarning):
        return call()


def outcome(call):
    try:
        instance = call()
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in exc.errors(include_url=False)])
    if isinstance(instance, list):
        return ("ok", [item.model_dump() for item in instance])
    return ("ok", type(instance).__name__, instance.model_dump())


def validity(model, items) -> list[bool]:
    out = []
    for item in items:
        try:
            model.model_validate_json(json.dumps(item))
            out.append(True)
        except pydantic.ValidationError:
            out.append(False)
    return out


ARRAY = json.dumps(RECORDS)
NDJSON = "\n\n".join(json.dumps(r) for r in RECORDS) + "\n{broken\n"
CALLS = [
    ("validator", lambda cls: cls.validator(), "model_validate_many"),
    ("validate_many", lambda cls: cls.validate_many(RECORDS[:1]), "model_validate_many"),
    ("model_validate_fast", lambda cls: cls.model_validate_fast(RECORDS[0]), "model_validate"),
    ("model_validate_nested", lambda cls: cls.model_validate_nested(RECORDS[0]), "model_validate"),
    ("model_validate_json_bytes", lambda cls: cls.model_validate_json_bytes(b'{"name": "a", "age": 1}'),
     "model_validate_json"),
    ("model_validate_json_array_bytes", lambda cls: cls.model_validate_json_array_bytes(ARRAY),
     'model_validate_json_many(data, errors="collect")'),
    ("model_validate_ndjson_bytes", lambda cls: cls.model_validate_ndjson_bytes(NDJSON),
     'model_validate_json_many(data, format="ndjson", errors="collect")'),
]


@satya_only
@pytest.mark.parametrize("name,call,replacement", CALLS, ids=[c[0] for c in CALLS])
def test_each_method_warns_once_at_the_caller(name, call, replacement):
    _, caught = warned(lambda: call(PERSON[satya]))
    assert [w.category for w in caught] == [satya.SatyaDeprecationWarning]
    assert caught[0].filename == __file__
    message = str(caught[0].message)
    assert f"The `{name}` method is deprecated" in message and replacement in message


@pytest.mark.parametrize("data", [RECORDS[:2], [RECORDS[0], RECORDS[4]], RECORDS, []])
def test_validate_many_is_model_validate_many(data):
    mine = outcome(lambda: quiet(lambda: PERSON[satya].validate_many(iter(data))))
    theirs = outcome(lambda: pydantic.TypeAdapter(list[PERSON[pydantic]]).validate_python(data))
    assert mine == theirs


@pytest.mark.parametrize("method", ["model_validate_fast", "model_validate_nested"])
@pytest.mark.parametrize("data", RECORDS)
def test_fast_and_nested_are_model_validate(method, data):
    mine = outcome(lambda: quiet(lambda: getattr(PERSON[satya], method)(data)))
    assert mine == outcome(lambda: PERSON[pydantic].model_validate(data))


@pytest.mark.parametrize("streaming", [True, False])
@pytest.mark.parametrize("data", [b'{"name": "a", "age": "1"}', '{"name": "a", "age": -1, "home": {}}', b"[1]",
                                  b'{"name": ', bytearray(b'{"name": "b", "age": 2}')])
def test_model_validate_json_bytes_is_model_validate_json(data, streaming):
    mine = outcome(lambda: quiet(lambda: PERSON[satya].model_validate_json_bytes(data, streaming=streaming)))
    assert mine == outcome(lambda: PERSON[pydantic].model_validate_json(data))


def test_array_and_ndjson_bytes_give_each_records_validity():
    cls = PERSON[satya]
    expected = validity(PERSON[pydantic], RECORDS)
    assert expected == [True, False, False, False, True]
    assert quiet(lambda: cls.model_validate_json_array_bytes(ARRAY.encode())) == expected
    assert quiet(lambda: cls.model_validate_json_array_bytes(ARRAY, streaming=False)) == expected
    assert quiet(lambda: cls.model_validate_ndjson_bytes(NDJSON.encode())) == expected + [False]
    assert quiet(lambda: cls.model_validate_ndjson_bytes(b"")) == []


@satya_only
def test_array_bytes_refuses_what_is_no_array():
    for data, message in [(b'{"name": "a"}', "Expected top-level JSON array, got object"), (b"[{}", "Invalid JSON")]:
        with pytest.raises(ValueError, match=message):
            quiet(lambda: PERSON[satya].model_validate_json_array_bytes(data))


@satya_only
def test_validator_validates_dicts_with_the_models_fields():
    cls = PERSON[satya]
    validator = quiet(cls.validator)
    assert isinstance(validator, StreamValidator)
    assert validator is not quiet(cls.validator)  # each call has its own, to change freely
    value = validator.validate({"name": "Ann", "age": "30", "home": {"city": "Oslo"}, "unknown": 1}).value
    home = value.pop("home")
    assert value == {"name": "Ann", "age": 30, "email": "none"}  # the unknown key is ignored, as the model does
    assert type(home).__name__ == "Address" and home.city == "Oslo"  # a nested model stays an instance
    value["home"] = home
    theirs = PERSON[pydantic].model_validate({"name": "Ann", "age": "30", "home": {"city": "Oslo"}}).model_dump()
    assert {**value, "home": value["home"].model_dump()} == theirs
    invalid = validator.validate({"age": -1, "home": {}})
    assert records(invalid) == [("name", ["name"], "Field required"),
                                ("age", ["age"], "Input should be greater than or equal to 0"),
                                ("home", ["home", "city"], "Field required")]
    assert [e.value for e in invalid.errors] == [{"age": -1, "home": {}}, -1, {}]


@satya_only
def test_validator_batches_and_json_give_pydantics_validity():
    validator = quiet(PERSON[satya].validator)
    expected = validity(PERSON[pydantic], RECORDS)
    assert validator.validate_batch(RECORDS) == expected
    assert validator.validate_json(ARRAY, mode="array") == expected
    assert validator.validate_json(NDJSON, mode="ndjson") == expected + [False]
    assert [validator.validate_json(json.dumps(r)) for r in RECORDS if isinstance(r, dict)] == [
        ok for r, ok in zip(RECORDS, expected) if isinstance(r, dict)]
    assert [seen(r) for r in validator.validate_stream(RECORDS, collect_errors=True)] == [
        seen(validator.validate(r)) for r in RECORDS]


@satya_only
def test_fields_added_to_a_models_validator_extend_the_model():
    cls = PERSON[satya]
    validator = quiet(cls.validator)
    validator.add_field("tags", "List[str]", required=False)
    validator.add_field("score", float)
    validator.set_constraints("score", ge=0, le=1)
    assert validator.validate({"name": "a", "age": 1, "score": "0.5"}).value == {
        "name": "a", "age": 1, "email": "none", "home": None, "score": 0.5}
    assert records(validator.validate({"name": "a", "age": 1, "score": 2, "tags": [1]})) == [
        ("tags", ["tags", "0"], "Input should be a valid string"),
        ("score", ["score"], "Input should be less than or equal to 1")]
    assert quiet(cls.validator).validate({"name": "a", "age": 1}).is_valid  # the model itself is unchanged


@satya_only
def test_validate_many_raises_the_models_error_for_0x_handlers():
    with pytest.raises(satya.errors.ModelValidationError) as caught:
        quiet(lambda: PERSON[satya].validate_many(RECORDS))
    assert [(e.field, e.path) for e in satya._v0_errors.records_of(caught.value)][:2] == [
        ("1", ["1", "age"]), ("2", ["2", "name"])]
