"""satya 0.x's `ArrayValidator`: a list decided as a TypeAdapter of
`Annotated[list[T], Field(min_length=..., max_length=...)]` decides it (strict
for a list of scalars, as 0.x's was), items
by 0.x's type names or any type, optionally without repeats; 0.x's
ValidationResult and wording; one warning at construction.

The table's expectations are checked against the library under test through
the equivalent annotation; the validator itself is satya's own."""

import re
import warnings
from typing import Annotated

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import ANY_VALIDATION_ERROR, lib, satya_only
import satya
from satya import SatyaDeprecationWarning, SchemaError
from satya.array_validator import ArrayValidator

NAMED = {"string": str, "integer": int, "number": float, "boolean": bool, None: str}


def made(*args, **keywords):
    with pytest.warns(SatyaDeprecationWarning) as caught:
        validator = ArrayValidator(*args, **keywords)
    assert len(caught) == 1 and caught[0].filename == __file__
    assert "`ArrayValidator`" in str(caught[0].message) and "TypeAdapter(Annotated[list[T]" in str(caught[0].message)
    return validator


def equivalent(library, item_type, min_items=None, max_items=None):
    """A list of scalars is strict, list and items, as 0.x's was."""
    item = NAMED.get(item_type, item_type) if isinstance(item_type, (str, type(None))) else item_type
    bounds = {k: v for k, v in (("min_length", min_items), ("max_length", max_items)) if v is not None}
    strict = [library.Strict()] if item in (str, int, float, bool) else []
    annotation = list[Annotated[(item, *strict)]] if strict else list[item]
    metadata = [*strict, *([library.Field(**bounds)] if bounds else [])]
    return Annotated[(annotation, *metadata)] if metadata else annotation


def decided(library, value, item_type=None, **keywords):
    try:
        return True, library.TypeAdapter(equivalent(library, item_type, **keywords)).validate_python(value)
    except ANY_VALIDATION_ERROR as exc:
        return False, exc.errors()[0]["type"]


# (item_type, keywords, value, valid, (path, message) of each 0.x record)
CASES = [
    ("string", {}, ["a", "b", "c"], True, None),
    (None, {}, ["a"], True, None),
    (None, {}, [1], False, [(["value", "0"], "Expected string, got int")]),
    ("integer", {}, [1, "2", True], False, [  # strict items, as 0.x's
        (["value", "1"], "Expected integer, got str"), (["value", "2"], "Expected integer, got bool")]),
    ("integer", {}, ["a", 2, 1.5], False, [
        (["value", "0"], "Expected integer, got str"), (["value", "2"], "Expected integer, got float")]),
    ("number", {}, [1, 2.5, "3"], False, [(["value", "2"], "Expected number, got str")]),
    ("boolean", {}, [True, 0, "yes"], False, [
        (["value", "1"], "Expected boolean, got int"), (["value", "2"], "Expected boolean, got str")]),
    ("boolean", {}, [True, 2], False, [(["value", "1"], "Expected boolean, got int")]),
    (int, {}, (1, 2), False, [(["value"], "Expected array, got tuple")]),  # a list only, as 0.x's
    (str, {}, "abc", False, [(["value"], "Expected array, got str")]),
    (str, {}, None, False, [(["value"], "Expected array, got NoneType")]),
    ("string", {"min_items": 1, "max_items": 2}, ["a"], True, None),
    ("string", {"min_items": 1}, [], False, [(["value"], "Array must have at least 1 items")]),
    ("string", {"max_items": 2}, ["a", "b", "c"], False, [(["value"], "Array must have at most 2 items")]),
    (dict, {}, [{"a": 1}], True, None),
    (list[int], {"max_items": 1}, [[1, "2"]], True, None),
]
CASE_IDS = [f"{item_type}-{keywords}-{value!r}" for item_type, keywords, value, _, _ in CASES]


@pytest.mark.parametrize("item_type,keywords,value,valid,records", CASES, ids=CASE_IDS)
def test_equivalent_annotation_decides_as_the_table_says(item_type, keywords, value, valid, records):
    assert decided(lib, value, item_type, **keywords)[0] is valid


@satya_only
@pytest.mark.parametrize("item_type,keywords,value,valid,records", CASES, ids=CASE_IDS)
def test_validator_decides_converts_and_words_as_0x(item_type, keywords, value, valid, records):
    result = made(item_type, **keywords).validate(value)
    assert result.is_valid is valid
    if valid:
        assert result.value == decided(pydantic, value, item_type, **keywords)[1]
        assert type(result.value) is list
        return
    assert [(r.path, r.message) for r in result.errors] == records
    assert all(r.field == "value" for r in result.errors)
    assert [r.value for r in result.errors] == [value[int(p[1])] if len(p) > 1 else value for p, _ in records]


@satya_only
@pytest.mark.parametrize("item_type,value,valid", [
    ("integer", [1, 2, 3], True),
    ("integer", [1, 2, 1], False),
    ("number", [1, 1.0], False),  # repeats are found among the converted items
    ("string", [], True),
    (dict, [{"a": 1}, {"a": 2}], True),
    (dict, [{"a": 1}, {"a": 1}], False),  # unhashable items are compared by equality
    (list[int], [[1], [1, 2], [1]], False),
])
def test_unique_items(item_type, value, valid):
    result = made(item_type, unique_items=True).validate(value)
    assert result.is_valid is valid
    if not valid:
        [record] = result.errors
        assert (record.path, record.message, record.value) == (["value"], "Array items must be unique", value)
    assert made(item_type).validate(value).is_valid


@satya_only
def test_unique_items_are_checked_after_the_items_and_bounds():
    result = made("integer", max_items=2, unique_items=True).validate([1, 1, 1])
    assert [r.message for r in result.errors] == ["Array must have at most 2 items"]
    result = made("integer", unique_items=True).validate([1, 1, "x"])
    assert [r.message for r in result.errors] == ["Expected integer, got str"]


@satya_only
def test_model_items_are_validated_into_instances():
    class Point(satya.Model):
        x: int
        y: int = 0

    validator = made(Point, min_items=1)
    result = validator.validate([{"x": "1"}, Point(x=2, y=3)])
    assert [p.model_dump() for p in result.value] == [{"x": 1, "y": 0}, {"x": 2, "y": 3}]
    result = validator.validate([{"x": 1}, {"y": 2}])
    [record] = result.errors
    assert (record.path, record.message) == (["value", "1", "x"], "Field required")


@satya_only
def test_keywords_are_kept_as_attributes():
    validator = made("number", min_items=1, max_items=4, unique_items=True)
    assert (validator.item_type, validator.min_items, validator.max_items, validator.unique_items) == (
        "number", 1, 4, True)
    default = made()
    assert (default.item_type, default.min_items, default.max_items, default.unique_items) == (None, None, None, False)


@satya_only
def test_validate_batch_and_no_warning_at_validation():
    validator = made("integer", max_items=1)
    values = [[1], [1, 2], "x", (3,)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        batch = validator.validate_batch(values)
        assert [str(r) for r in batch] == [str(validator.validate(v)) for v in values]
    assert [r.is_valid for r in batch] == [True, False, False, False]  # a tuple is no list here
    assert validator.validate_batch(iter([])) == []


@satya_only
@pytest.mark.parametrize("args,keywords,words", [
    (("strings",), {}, "ArrayValidator: item_type must be one of 'string', 'integer', 'number', 'boolean'"),
    (("object",), {}, "item_type must be one of"),
    ((str,), {"min_items": -1}, "ArrayValidator: min_items must be a non-negative int"),
    ((str,), {"min_items": 3, "max_items": 1}, "min_items=3 is greater than max_items=1"),
    ((str,), {"max_items": "2"}, "max_items must be a non-negative int"),
    ((object(),), {}, "ArrayValidator"),
])
def test_bad_definitions_raise_schema_error(args, keywords, words):
    with pytest.warns(SatyaDeprecationWarning), pytest.raises(SchemaError, match=re.escape(words)):
        ArrayValidator(*args, **keywords)


@satya_only
def test_wrong_arguments_raise_type_error():
    for call in (lambda: ArrayValidator(str, 1), lambda: ArrayValidator(str, min_length=1)):
        with pytest.raises(TypeError):
            call()


ITEM_TYPES = st.sampled_from(["string", "integer", "number", "boolean", None, int, str, float, bool])
ITEMS = st.one_of(st.integers(-3, 3), st.text(max_size=3), st.booleans(), st.floats(-3, 3), st.none(),
                  st.sampled_from(["1", "2.0", "true", "x"]))
VALUES = st.one_of(st.lists(ITEMS, max_size=5), st.tuples(ITEMS, ITEMS), st.text(max_size=3), st.integers(),
                   st.none(), st.dictionaries(st.text(max_size=2), ITEMS, max_size=2))


@satya_only
@given(item_type=ITEM_TYPES, min_items=st.none() | st.integers(0, 3), max_items=st.none() | st.integers(3, 5),
       value=VALUES)
def test_validator_decides_as_pydantic(item_type, min_items, max_items, value):
    with pytest.warns(SatyaDeprecationWarning):
        validator = ArrayValidator(item_type, min_items=min_items, max_items=max_items)
    result = validator.validate(value)
    valid, detail = decided(pydantic, value, item_type, min_items=min_items, max_items=max_items)
    assert result.is_valid is valid, (result, detail)
    if valid:
        assert result.value == detail and [type(v) for v in result.value] == [type(v) for v in detail]
