"""satya 0.x's scalar validators (`StringValidator`, `IntValidator`,
`NumberValidator`, `BooleanValidator`): each decides as a TypeAdapter of the
equivalent strict annotation decides (0.x's validators were strict), returns 0.x's
ValidationResult with 0.x's wording, and warns once at construction.

The table's expectations are checked against the library under test through
the equivalent annotations, so `SATYA_TEST_LIBRARY=pydantic` checks them
against pydantic; the validators themselves are satya's own."""

import math
import re
import time
import warnings
from functools import lru_cache
from typing import Annotated, Literal

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import ANY_VALIDATION_ERROR, lib, satya_only
from satya import SatyaDeprecationWarning, SchemaError, ValidationError
from satya.scalar_validators import BooleanValidator, IntValidator, NumberValidator, StringValidator

VALIDATORS = {"str": StringValidator, "int": IntValidator, "float": NumberValidator, "bool": BooleanValidator}


def made(kind, **keywords):
    """A validator, asserting its one deprecation warning names this file."""
    with pytest.warns(SatyaDeprecationWarning) as caught:
        validator = VALIDATORS[kind](**keywords)
    assert len(caught) == 1 and caught[0].filename == __file__
    assert "TypeAdapter(" in str(caught[0].message) and f"`{VALIDATORS[kind].__name__}`" in str(caught[0].message)
    return validator


def equivalents(library, kind, keywords):
    """The annotations whose TypeAdapters, one after the other, decide as the
    validator does: the converting type, then checks of the converted value."""
    keywords = dict(keywords)
    members = keywords.pop("enum", None)
    checks = []
    if keywords.pop("email", False):
        checks.append(library.EmailStr)
    if keywords.pop("url", False):
        checks.append(library.HttpUrl)
    if members is not None:
        checks.append(Literal[tuple(members)])
    base = {"str": str, "int": int, "float": float, "bool": bool}[kind]
    strict = library.Strict()
    return [Annotated[base, strict, library.Field(**keywords)] if keywords else Annotated[base, strict], *checks]


@lru_cache(maxsize=None)
def adapters(library, kind, frozen_keywords):
    return [library.TypeAdapter(annotation) for annotation in equivalents(library, kind, dict(frozen_keywords))]


def frozen(keywords) -> tuple:
    return tuple(sorted((name, tuple(v) if isinstance(v, list) else v) for name, v in keywords.items()))


def decided(library, kind, keywords, value):
    """(True, converted value) or (False, the first error's type), by the
    equivalent annotations of `library`."""
    converted = None
    for index, adapter in enumerate(adapters(library, kind, frozen(keywords))):
        try:
            checked = adapter.validate_python(value if index == 0 else converted)
        except ANY_VALIDATION_ERROR as exc:
            return False, exc.errors()[0]["type"]
        if index == 0:
            converted = checked
    return True, converted


# (kind, keywords, value, valid, the words 0.x's message holds when invalid)
CASES = [
    ("str", {}, "hello", True, None),
    ("str", {}, 123, False, "Expected string, got int"),
    ("str", {}, None, False, "Expected string, got NoneType"),
    ("str", {"max_length": 3}, b"abc", False, "Expected string, got bytes"),
    ("str", {"min_length": 5}, "hello", True, None),
    ("str", {"min_length": 5}, "hi", False, "String shorter than min_length=5"),
    ("str", {"min_length": 1}, "   ", True, None),  # 0.x stripped before counting; pydantic does not
    ("str", {"max_length": 10}, "1234567890", True, None),
    ("str", {"max_length": 10}, "hello world!", False, "String longer than max_length=10"),
    ("str", {"pattern": r"^[a-z]+$"}, "abc", True, None),
    ("str", {"pattern": r"^[a-z]+$"}, "hello123", False, "String does not match pattern: ^[a-z]+$"),
    ("str", {"email": True}, "user.name+tag@example.co.uk", True, None),
    ("str", {"email": True}, "not-an-email", False, "Invalid email format: An email address must have an @-sign."),
    ("str", {"url": True}, "http://localhost:8080/path", True, None),
    ("str", {"url": True}, "not-a-url", False, "Invalid URL format"),
    ("str", {"url": True}, "ftp://example.com", False, "Invalid URL format: URL scheme should be 'http' or 'https'"),
    ("str", {"enum": ["red", "green", "blue"]}, "blue", True, None),
    ("str", {"enum": ["red", "green", "blue"]}, "yellow", False, "Value not in enum: 'red', 'green' or 'blue'"),
    ("str", {"min_length": 3, "enum": ["ab", "abc"]}, "ab", False, "String shorter than min_length=3"),
    ("str", {"email": True, "max_length": 5}, "a@example.com", False, "String longer than max_length=5"),
    ("int", {}, 42, True, None),
    ("int", {}, "123", False, "Expected integer, got str"),
    ("int", {}, True, False, "Expected integer, got bool"),
    ("int", {}, "abc", False, "Expected integer, got str"),
    ("int", {}, 1.5, False, "Expected integer, got float"),
    ("int", {}, None, False, "Expected integer, got NoneType"),
    ("int", {"ge": 0}, 0, True, None),
    ("int", {"ge": 0}, -1, False, "Value must be >= 0"),
    ("int", {"le": 100}, 101, False, "Value must be <= 100"),
    ("int", {"gt": 0}, 0, False, "Value must be > 0"),
    ("int", {"lt": 100}, 100, False, "Value must be < 100"),
    ("int", {"multiple_of": 5}, 15, True, None),
    ("int", {"multiple_of": 5}, 7, False, "Value must be a multiple of 5"),
    ("int", {"enum": [1, 2, 3]}, 2, True, None),
    ("int", {"enum": [1, 2, 3]}, "3", False, "Expected integer, got str"),
    ("int", {"enum": [1, 2, 3]}, 4, False, "Value not in enum: 1, 2 or 3"),
    ("float", {}, 42, True, None),
    ("float", {}, 42.5, True, None),
    ("float", {}, "1.5", False, "Expected number, got str"),
    ("float", {}, True, False, "Expected number, got bool"),
    ("float", {}, [1], False, "Expected number, got list"),
    ("float", {"ge": 0.0}, -0.1, False, "Value must be >= 0.0"),
    ("float", {"le": 100.0}, 100.1, False, "Value must be <= 100.0"),
    ("float", {"gt": 0.0}, 0.0, False, "Value must be > 0.0"),
    ("float", {"lt": 100.0}, 100.0, False, "Value must be < 100.0"),
    ("float", {"multiple_of": 0.5}, 1.5, True, None),
    ("float", {"multiple_of": 0.5}, 0.3, False, "Value must be a multiple of 0.5"),
    ("float", {"enum": [0.5, 2]}, 2, True, None),
    ("float", {"enum": [0.5, 2]}, 1.0, False, "Value not in enum: 0.5 or 2"),
    ("bool", {}, False, True, None),
    ("bool", {}, 1, False, "Expected boolean, got int"),
    ("bool", {}, "true", False, "Expected boolean, got str"),
    ("bool", {}, None, False, "Expected boolean, got NoneType"),
    ("bool", {"enum": [True]}, True, True, None),
    ("bool", {"enum": [True]}, False, False, "Value not in enum: True"),
]
CASE_IDS = [f"{kind}-{keywords}-{value!r}" for kind, keywords, value, _, _ in CASES]


@pytest.mark.parametrize("kind,keywords,value,valid,words", CASES, ids=CASE_IDS)
def test_equivalent_annotations_decide_as_the_table_says(kind, keywords, value, valid, words):
    assert decided(lib, kind, keywords, value)[0] is valid


@satya_only
@pytest.mark.parametrize("kind,keywords,value,valid,words", CASES, ids=CASE_IDS)
def test_validators_decide_convert_and_word_as_0x(kind, keywords, value, valid, words):
    result = made(kind, **keywords).validate(value)
    assert result.is_valid is valid
    if valid:
        converted = decided(pydantic, kind, keywords, value)[1]
        assert result.value == converted and type(result.value) is type(converted)
        assert result.errors == [] and str(result) == f"Valid: {converted}"
        return
    [record] = result.errors
    assert isinstance(record, ValidationError)
    assert record.message == words or (words == "Invalid URL format" and record.message.startswith(words + ": "))
    assert (record.field, record.path, record.value) == ("value", ["value"], value)
    assert str(record).startswith(f"value: {record.message}")
    assert str(result).startswith("Invalid: value: ")
    with pytest.raises(ValueError):
        result.value


@satya_only
def test_keywords_are_kept_as_attributes():
    string = made("str", min_length=1, max_length=9, pattern="^a", email=True, url=False, enum=["ab"])
    assert (string.min_length, string.max_length, string.pattern, string.email, string.url, string.enum) == (
        1, 9, "^a", True, False, ["ab"])
    for kind in ("int", "float"):
        number = made(kind, ge=1, le=9, gt=0, lt=10, multiple_of=1, enum=[3])
        assert (number.ge, number.le, number.gt, number.lt, number.multiple_of, number.enum) == (1, 9, 0, 10, 1, [3])
    assert made("bool", enum=[False]).enum == [False]
    assert made("str").enum is None and made("int").multiple_of is None


@satya_only
def test_validate_warns_nothing():
    validator = made("int", ge=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert validator.validate(1).is_valid and not validator.validate(-1).is_valid
        assert [r.is_valid for r in validator.validate_batch([1, -1])] == [True, False]


@satya_only
@pytest.mark.parametrize("kind,keywords,values", [
    ("str", {"min_length": 3}, ["hello", "hi", "world", "a", 5]),
    ("int", {"ge": 0, "le": 10}, [0, 11, "5", -1, None]),
    ("float", {"multiple_of": 0.5}, [0.5, 0.3, 2, "x"]),
    ("bool", {}, [True, False, 1, "true", 2, None]),
])
def test_validate_batch_gives_one_result_per_value_in_order(kind, keywords, values):
    validator = made(kind, **keywords)
    for batch in (validator.validate_batch(values), validator.validate_batch(iter(values))):
        assert len(batch) == len(values)
        assert [(r.is_valid, str(r)) for r in batch] == [
            (validator.validate(v).is_valid, str(validator.validate(v))) for v in values]
    assert validator.validate_batch([]) == []


@satya_only
def test_large_batches_stay_fast():
    values = [f"test{i}" for i in range(10000)]
    validator = made("str", min_length=3, max_length=100)
    start = time.perf_counter()
    results = validator.validate_batch(values)
    assert time.perf_counter() - start < 1.0
    assert len(results) == 10000 and all(r.is_valid for r in results) and results[9999].value == "test9999"


@satya_only
@pytest.mark.parametrize("kind,keywords,words", [
    ("str", {"pattern": "["}, "StringValidator: invalid pattern"),
    ("str", {"min_length": -1}, "StringValidator: min_length must be a non-negative int"),
    ("str", {"min_length": 3, "max_length": 2}, "greater than max_length"),
    ("str", {"enum": []}, "enum must list at least one value"),
    ("str", {"enum": "red"}, "enum must be a list of string values, not str"),
    ("str", {"enum": ["a", 1]}, "enum members must be string values, got 1"),
    ("int", {"ge": "a"}, "IntValidator: ge must be a number"),
    ("int", {"multiple_of": 0}, "multiple_of must be greater than 0"),
    ("int", {"enum": [1, True]}, "enum members must be integer values, got True"),
    ("int", {"enum": 3}, "enum must be a list of integer values, not int"),
    ("float", {"enum": ["1"]}, "NumberValidator: enum members must be number values, got '1'"),
    ("bool", {"enum": [1]}, "BooleanValidator: enum members must be boolean values, got 1"),
])
def test_bad_definitions_raise_schema_error(kind, keywords, words):
    with pytest.warns(SatyaDeprecationWarning), pytest.raises(SchemaError, match=re.escape(words)):
        VALIDATORS[kind](**keywords)


@satya_only
@pytest.mark.parametrize("call", [
    lambda: StringValidator(5), lambda: StringValidator(minimum=5), lambda: IntValidator(min_length=1),
    lambda: NumberValidator(pattern="x"), lambda: BooleanValidator(True),
])
def test_wrong_arguments_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


# --- differential: each validator against pydantic's equivalent annotations

TEXTS = st.one_of(st.text(max_size=8), st.sampled_from([
    "1", "-3", "1.5", " 12 ", "true", "off", "red", "abc", "hello123", "a@example.com", "not-an-email",
    "https://example.com", "http://localhost:8080/p", "ftp://x.org", "   "]))
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-100, 100), st.integers(), st.floats(), TEXTS,
                   st.binary(max_size=4), st.lists(st.integers(), max_size=2))
# Each validator mostly sees values of its own kind, so that both decisions are common.
NATIVE = {"str": TEXTS, "int": st.integers(-30, 30) | st.integers().map(str),
          "float": st.floats(-30, 30) | st.integers(-30, 30) | st.sampled_from([0.5, 1.5, -2.0, 0.1, 0.3]),
          "bool": st.booleans() | st.sampled_from([0, 1, "yes", "off", "t", 0.0])}
BOUNDS_INT = st.none() | st.integers(-20, 20)
BOUNDS_FLOAT = st.none() | st.integers(-20, 20) | st.floats(-20, 20, allow_nan=False)


def keywords_of(**strategies):
    return st.fixed_dictionaries({}, optional=strategies)


KEYWORDS = {
    "str": st.builds(lambda lengths, check: {**lengths, **check},
                     keywords_of(min_length=st.integers(0, 6), max_length=st.integers(6, 12),
                                 pattern=st.sampled_from([r"^[a-z]+$", r"\d", "^a", "e"])),
                     st.one_of(st.just({}), st.just({"email": True}), st.just({"url": True}),
                               st.just({"email": False, "url": False}),
                               st.fixed_dictionaries({"enum": st.lists(st.sampled_from(["red", "abc", "1", "   "]),
                                                                       min_size=1)}))),
    "int": keywords_of(ge=BOUNDS_INT, le=BOUNDS_INT, gt=BOUNDS_INT, lt=BOUNDS_INT, multiple_of=st.integers(1, 7),
                       enum=st.lists(st.integers(-5, 5), min_size=1, max_size=4)),
    "float": keywords_of(ge=BOUNDS_FLOAT, le=BOUNDS_FLOAT, gt=BOUNDS_FLOAT, lt=BOUNDS_FLOAT,
                         multiple_of=st.sampled_from([0.5, 0.1, 2, 3.0, 0.25]),
                         enum=st.lists(st.sampled_from([0, 1, 1.5, -2.0, 100]), min_size=1, max_size=3)),
    "bool": keywords_of(enum=st.lists(st.booleans(), min_size=1, max_size=2)),
}


def same(left, right) -> bool:
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return left == right and type(left) is type(right)


@satya_only
@pytest.mark.parametrize("kind", list(VALIDATORS))
@given(data=st.data())
def test_validators_decide_as_pydantic(kind, data):
    keywords = data.draw(KEYWORDS[kind], label="keywords")
    value = data.draw(NATIVE[kind] if data.draw(st.booleans(), label="native") else VALUES, label="value")
    with pytest.warns(SatyaDeprecationWarning):
        try:
            validator = VALIDATORS[kind](**keywords)
        except SchemaError:  # bounds that cannot both hold, e.g. min_length > max_length
            validator = None
    if validator is None:
        return
    result = validator.validate(value)
    valid, detail = decided(pydantic, kind, keywords, value)
    assert result.is_valid is valid, (result, detail)
    if valid:
        assert same(result.value, detail)
    else:
        assert len(result.errors) == 1 and result.errors[0].path == ["value"]

