"""satya 0.x's error records, `ValidationResult` and `ModelValidationError`,
kept on top of pydantic's `ValidationError`."""

import copy
import gc
import pickle
import warnings
import weakref

import pydantic
import pytest

import satya
from satya import Field, Model, TypeAdapter, ValidationError
from satya._v0_errors import ModelValidationError, ValidationResult, records_of
from support import satya_only, without_urls

pytestmark = satya_only


class User(Model):
    id: int = Field(gt=0)
    name: str


def raised(call):
    with pytest.raises(ValidationError) as info:
        call()
    return info.value


def test_a_record_keeps_0x_fields_and_text():
    record = ValidationError(field="age", message="Value out of range", path=["user", "age"], value=200,
                             constraint="must be >= 0 and <= 150", suggestion="Age must be between 0 and 150",
                             context="signup form")
    assert (record.field, record.message, record.path, record.value) == ("age", "Value out of range", ["user", "age"], 200)
    assert (record.constraint, record.suggestion, record.context) == (
        "must be >= 0 and <= 150", "Age must be between 0 and 150", "signup form")
    assert str(record).splitlines() == [
        "user.age: Value out of range", "  Value: 200", "  Constraint: must be >= 0 and <= 150",
        "  Suggestion: Age must be between 0 and 150", "  Context: signup form"]
    assert isinstance(record, ValueError) and isinstance(record, ValidationError)


def test_a_record_without_path_or_extras_names_its_field():
    record = ValidationError(field="name", message="Required field", path=[])
    assert str(record) == "name: Required field"
    assert record.path == [] and record.value is None and record.constraint is None
    assert repr(record) == "ValidationError(field='name', message='Required field', path=[])"


def test_a_long_value_is_shortened_in_the_text():
    record = ValidationError(field="x", message="bad", path=["x"], value="v" * 80)
    assert str(record).splitlines()[1] == "  Value: '" + "v" * 46 + "..."


def test_a_record_is_also_a_pydantic_style_error():
    record = ValidationError(field="age", message="too {big}", path=["user", "age"], value=3)
    assert record.errors() == [{"type": "value_error", "loc": ("user", "age"), "msg": "too {big}", "input": 3}]
    assert record.error_count() == 1 and record.title == "age"


COPIERS = {"pickle": lambda error: pickle.loads(pickle.dumps(error)), "copy": copy.copy, "deepcopy": copy.deepcopy}


@pytest.mark.parametrize("how", COPIERS)
def test_a_record_survives_pickle_and_copy(how):
    record = ValidationError(field="age", message="bad", path=["a", "age"], value=[1], suggestion="fix it")
    again = COPIERS[how](record)
    assert str(again) == str(record) and again.path == ["a", "age"] and again.value == [1]


@pytest.mark.parametrize("keywords, message", [
    ({}, "ValidationError is raised by validation"),
    ({"field": "a"}, "needs the keyword argument 'message'"),
    ({"message": "m"}, "needs the keyword argument 'field'"),
    ({"field": "a", "message": "m", "colour": 1}, "unexpected keyword arguments: colour"),
])
def test_a_record_needs_0x_keywords(keywords, message):
    with pytest.raises(TypeError, match=message):
        ValidationError(**keywords)


def test_positional_arguments_follow_the_0x_field_order():
    record = ValidationError("age", "bad", ["user", "age"], 3, "c", "s", "x")
    assert (record.field, record.message, record.path, record.value) == ("age", "bad", ["user", "age"], 3)
    assert (record.constraint, record.suggestion, record.context) == ("c", "s", "x")
    with pytest.raises(TypeError, match="multiple values for argument 'field'"):
        ValidationError("a", "b", field="c")
    with pytest.raises(TypeError, match="at most 7 positional arguments"):
        ValidationError(*range(8))
    with pytest.raises(TypeError, match="needs the keyword argument 'message'"):
        ValidationError("a")


def test_a_cycle_through_an_error_s_input_is_collected():
    class Box:
        pass

    box = Box()
    with pytest.raises(ValidationError) as info:
        User(id=box, name="a")
    box.error = info.value  # box -> error -> its input, box
    record = ValidationError(field="f", message="m", value=Box())
    record.value.error = record  # a record -> its value -> the record
    boxes = [weakref.ref(box), weakref.ref(record.value)]
    del box, info, record
    gc.collect()
    assert [ref() for ref in boxes] == [None, None]


def test_a_model_raises_model_validation_error_which_both_clauses_catch():
    error = raised(lambda: User(id=0))
    assert type(error) is ModelValidationError and issubclass(ModelValidationError, ValidationError)
    with pytest.raises(ModelValidationError):
        User.model_validate({"id": "x", "name": "a"})
    with pytest.raises(ModelValidationError):
        User.model_validate_json(b'{"id": 0}')
    user = User(id=1, name="a")
    with pytest.raises(ModelValidationError):
        user.id = -1
    with pytest.raises(ModelValidationError):
        User.model_validate_many([{"id": 1, "name": "a"}, {"id": 0, "name": "b"}])
    with pytest.raises(ModelValidationError):
        User.model_validate_json_many(b'[{"id": 0, "name": "b"}]')


def test_a_model_error_reads_as_pydantic_s():
    error = raised(lambda: User(id=0))

    class PUser(pydantic.BaseModel):
        id: int = pydantic.Field(gt=0)
        name: str
    with pytest.raises(pydantic.ValidationError) as theirs:
        PUser(id=0)
    assert error.errors() == theirs.value.errors()
    assert str(error).replace("User", "PUser") == without_urls(str(theirs.value))


def test_an_adapter_raises_plain_validation_error():
    error = raised(lambda: TypeAdapter(int).validate_python("x"))
    assert type(error) is ValidationError


def test_model_errors_survive_pickle_as_their_class():
    error = raised(lambda: User(id=0))
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is ModelValidationError and again.errors() == error.errors()
    rebuilt = ModelValidationError.from_exception_data("User", error.errors())
    assert type(rebuilt) is ModelValidationError and str(rebuilt) == str(error)


def test_a_raised_error_describes_its_first_error_as_a_record():
    error = raised(lambda: User(id=0))
    assert (error.field, error.path, error.message, error.value) == ("id", ["id"], "Input should be greater than 0", 0)


def test_records_of_gives_one_record_per_error_in_order():
    error = raised(lambda: User.model_validate({"id": 0}))
    records = records_of(error)
    assert [(r.field, r.path, r.message) for r in records] == [
        ("id", ["id"], "Input should be greater than 0"), ("name", ["name"], "Field required")]
    assert [str(r) for r in records] == ["id: Input should be greater than 0\n  Value: 0",
                                         "name: Field required\n  Value: {'id': 0}"]


def test_nested_locations_become_string_paths():
    class Outer(Model):
        users: list[User]
    error = raised(lambda: Outer(users=[{"id": 1, "name": "a"}, {"id": 0, "name": "b"}]))
    assert error.path == ["users", "1", "id"] and error.field == "users"


def test_validation_result_valid_and_invalid():
    valid = ValidationResult(value={"name": "John"})
    assert valid.is_valid and valid.value == {"name": "John"} and valid.errors == []
    assert str(valid) == "Valid: {'name': 'John'}"
    errors = [ValidationError(field="age", message="required", path=["age"]),
              ValidationError(field="email", message="invalid", path=["email"])]
    invalid = ValidationResult(errors=errors)
    assert not invalid.is_valid and [e.field for e in invalid.errors] == ["age", "email"]
    assert str(invalid) == "Invalid: age: required; email: invalid"
    with pytest.raises(ValueError, match="invalid result"):
        invalid.value
    invalid.errors.clear()  # a copy: the result keeps its errors
    assert len(invalid.errors) == 2


def test_validation_result_compares_by_content():
    assert ValidationResult(value=1) == ValidationResult(value=1)
    assert ValidationResult(value=1) != ValidationResult(value=2)
    assert repr(ValidationResult(value=1)) == "ValidationResult(value=1)"


@pytest.mark.parametrize("name, advice", [("ModelValidationError", "catch `ValidationError` instead"),
                                          ("ValidationResult", "catch `ValidationError` instead")])
def test_the_0x_names_warn_once_when_taken_from_the_package(name, advice, monkeypatch):
    monkeypatch.delitem(vars(satya), name, raising=False)
    with pytest.warns(satya.SatyaDeprecationWarning, match=f"satya.{name}` is satya 0.x's name;.*{advice}") as caught:
        first = getattr(satya, name)
    assert len(caught) == 1 and caught[0].filename == __file__
    assert first is getattr(satya._v0_errors, name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert getattr(satya, name) is first  # later reads are plain attributes
    assert name not in satya.__all__  # a star import does not warn


def test_names_are_exported():
    assert satya.errors.ModelValidationError is ModelValidationError
    with pytest.raises(AttributeError, match="no attribute 'Nonexistent'"):
        satya.Nonexistent
