"""`compile_json_schema` keyword by keyword: each schema validates as the
annotation a user would write by hand. The table's expectations are checked
against that annotation in the library under test (pydantic under the
oracle), then satya's compiled schema must give the same outcomes."""

import datetime
import ipaddress
import uuid
from typing import Annotated, Any, Literal, Optional, Union

import pytest

from support import ORACLE, errors_of, lib, satya_only

if not ORACLE:
    from satya.json_schema_compiler import compile_json_schema


def bounded(tp, **constraints):
    return lambda lib: Annotated[tp, lib.Field(**constraints)]


def plain_type(tp):
    return lambda lib: tp


OK = "ok"
# (id, schema, the equivalent annotation, [(input, expected error type or OK)])
KEYWORDS = [
    ("string", {"type": "string"}, plain_type(str), [("a", OK), (1, "string_type"), (None, "string_type")]),
    ("minLength", {"type": "string", "minLength": 2}, bounded(str, min_length=2),
     [("ab", OK), ("a", "string_too_short")]),
    ("maxLength", {"type": "string", "maxLength": 2}, bounded(str, max_length=2),
     [("ab", OK), ("abc", "string_too_long")]),
    ("pattern", {"type": "string", "pattern": "^[a-z]+$"}, bounded(str, pattern="^[a-z]+$"),
     [("abc", OK), ("ab1", "string_pattern_mismatch")]),
    ("pattern unanchored", {"type": "string", "pattern": "[0-9]"}, bounded(str, pattern="[0-9]"),
     [("a1b", OK), ("ab", "string_pattern_mismatch")]),
    ("integer", {"type": "integer"}, plain_type(int),
     [(3, OK), ("3", OK), (3.0, OK), (3.5, "int_from_float"), ("x", "int_parsing"), (None, "int_type")]),
    ("minimum", {"type": "integer", "minimum": 0}, bounded(int, ge=0), [(0, OK), (-1, "greater_than_equal")]),
    ("maximum", {"type": "integer", "maximum": 9}, bounded(int, le=9), [(9, OK), (10, "less_than_equal")]),
    ("exclusiveMinimum", {"type": "number", "exclusiveMinimum": 0}, bounded(float, gt=0),
     [(0.5, OK), (0, "greater_than")]),
    ("exclusiveMaximum", {"type": "number", "exclusiveMaximum": 1}, bounded(float, lt=1),
     [(0.5, OK), (1, "less_than")]),
    ("draft 4 exclusive bounds", {"type": "integer", "minimum": 0, "exclusiveMinimum": True, "maximum": 5,
                                  "exclusiveMaximum": True},
     bounded(int, gt=0, lt=5), [(1, OK), (0, "greater_than"), (5, "less_than")]),
    ("multipleOf", {"type": "integer", "multipleOf": 3}, bounded(int, multiple_of=3),
     [(9, OK), (10, "multiple_of")]),
    ("number", {"type": "number"}, plain_type(float), [(1, OK), (1.5, OK), ("1.5", OK), ("x", "float_parsing")]),
    ("boolean", {"type": "boolean"}, plain_type(bool), [(True, OK), ("true", OK), ("x", "bool_parsing")]),
    ("null", {"type": "null"}, plain_type(None), [(None, OK), (0, "none_required")]),
    ("type list", {"type": ["integer", "null"]}, plain_type(Optional[int]), [(None, OK), (1, OK), ("x", "int_parsing")]),
    ("nullable", {"type": "string", "nullable": True}, plain_type(Optional[str]), [(None, OK), (1, "string_type")]),
    ("enum", {"enum": ["a", 1, None]}, plain_type(Literal["a", 1, None]),
     [("a", OK), (1, OK), (None, OK), ("b", "literal_error")]),
    ("const", {"const": "x"}, plain_type(Literal["x"]), [("x", OK), ("y", "literal_error")]),
    ("array items", {"type": "array", "items": {"type": "integer"}}, plain_type(list[int]),
     [([1, "2"], OK), ([1, "x"], "int_parsing"), ("ab", "list_type")]),
    ("minItems", {"type": "array", "minItems": 1}, bounded(list[Any], min_length=1), [([0], OK), ([], "too_short")]),
    ("maxItems", {"type": "array", "maxItems": 1}, bounded(list[Any], max_length=1),
     [([0], OK), ([0, 1], "too_long")]),
    ("prefixItems", {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}],
                     "minItems": 2, "maxItems": 2},
     plain_type(tuple[int, str]), [([1, "a"], OK), ([1], "missing"), ([1, "a", 2], "too_long")]),
    ("draft 7 items array", {"type": "array", "items": [{"type": "integer"}], "additionalItems": False,
                             "minItems": 1},
     plain_type(tuple[int]), [([1], OK), ([1, 2], "too_long")]),
    ("object as dict", {"type": "object", "additionalProperties": {"type": "integer"}}, plain_type(dict[str, int]),
     [({"a": 1}, OK), ({"a": "x"}, "int_parsing"), ([], "dict_type")]),
    ("maxProperties", {"type": "object", "maxProperties": 1}, bounded(dict[str, Any], max_length=1),
     [({"a": 1}, OK), ({"a": 1, "b": 2}, "too_long")]),
    ("propertyNames", {"type": "object", "propertyNames": {"maxLength": 2}},
     lambda lib: dict[Annotated[str, lib.Field(max_length=2)], Any], [({"ab": 1}, OK), ({"abc": 1}, "string_too_long")]),
    ("anyOf", {"anyOf": [{"type": "integer"}, {"type": "string"}]}, plain_type(Union[int, str]),
     [(1, OK), ("a", OK), (None, None)]),
    ("anyOf with null", {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
     lambda lib: Optional[Annotated[int, lib.Field(ge=1)]], [(None, OK), (1, OK), (0, "greater_than_equal")]),
    ("allOf of one", {"allOf": [{"type": "integer"}], "description": "n"}, plain_type(int),
     [(1, OK), ("x", "int_parsing")]),
    ("true schema", True, plain_type(Any), [(1, OK), (None, OK)]),
    ("empty schema", {}, plain_type(Any), [({"a": []}, OK)]),
    ("annotations only", {"type": "integer", "title": "T", "description": "d", "examples": [1], "$comment": "c",
                          "deprecated": False, "readOnly": True, "x-unit": "kg", "default": 1},
     plain_type(int), [(1, OK), ("x", "int_parsing")]),
    ("email", {"type": "string", "format": "email"}, lambda lib: lib.EmailStr,
     [("a@example.com", OK), ("not-an-email", "value_error")]),
    ("uri", {"type": "string", "format": "uri"}, lambda lib: lib.AnyUrl,
     [("https://example.com/x", OK), ("no url", "url_parsing")]),
    ("uuid", {"type": "string", "format": "uuid"}, plain_type(uuid.UUID),
     [("12345678-1234-5678-1234-567812345678", OK), ("x", "uuid_parsing")]),
    ("date", {"type": "string", "format": "date"}, plain_type(datetime.date),
     [("2020-01-02", OK), ("2020-13-01", "date_from_datetime_parsing")]),
    ("date-time", {"type": "string", "format": "date-time"}, plain_type(datetime.datetime),
     [("2020-01-02T03:04:05Z", OK), ("x", "datetime_from_date_parsing")]),
    ("time", {"type": "string", "format": "time"}, plain_type(datetime.time), [("03:04", OK), ("x", "time_parsing")]),
    ("duration", {"type": "string", "format": "duration"}, plain_type(datetime.timedelta),
     [("P1D", OK), ("x", "time_delta_parsing")]),
    ("ipv4", {"type": "string", "format": "ipv4"}, plain_type(ipaddress.IPv4Address),
     [("1.2.3.4", OK), ("::1", "ip_v4_address")]),
    ("ipv6", {"type": "string", "format": "ipv6"}, plain_type(ipaddress.IPv6Address),
     [("::1", OK), ("1.2.3.4.5", "ip_v6_address")]),
]
CASES = [pytest.param(schema, equivalent, value, expected, id=f"{name}-{i}")
         for name, schema, equivalent, values in KEYWORDS for i, (value, expected) in enumerate(values)]


def outcome(validate, value):
    try:
        result = validate(value)
    except lib.ValidationError as exc:
        errors = errors_of(exc)
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in errors])
    return ("ok", type(result).__name__, str(result))


def first_type(result):
    return OK if result[0] == "ok" else (result[1][0][0] if len(result[1]) == 1 else None)


@pytest.mark.parametrize("schema,equivalent,value,expected", CASES)
def test_the_hand_written_annotation_gives_the_expected_outcome(schema, equivalent, value, expected):
    result = outcome(lib.TypeAdapter(equivalent(lib)).validate_python, value)
    assert first_type(result) == expected, result


@satya_only
@pytest.mark.parametrize("schema,equivalent,value,expected", CASES)
def test_the_compiled_schema_validates_as_the_hand_written_annotation(schema, equivalent, value, expected):
    compiled = compile_json_schema(schema)
    assert outcome(compiled.validate_python, value) == outcome(lib.TypeAdapter(equivalent(lib)).validate_python, value)


@satya_only
@pytest.mark.parametrize("schema,equivalent,value,expected", CASES)
def test_json_input_validates_as_python_input(schema, equivalent, value, expected):
    import json

    compiled = compile_json_schema(schema)
    from_json, from_python = outcome(compiled.validate_json, json.dumps(value)), outcome(compiled.validate_python, value)
    if from_python[0] == "ok":
        assert from_json == from_python
    else:  # messages may name the input kind ("a valid duration"); types and places may not differ
        assert [e[:2] for e in from_json[1]] == [e[:2] for e in from_python[1]]


# ---------------------------------------------------------------------------
# keywords whose check satya's types do not have


@satya_only
def test_unique_items_refuses_repeats_as_json_schema_compares_them():
    compiled = compile_json_schema({"type": "array", "uniqueItems": True})
    assert compiled.validate_python([1, True, "1", [1], {"a": 1}, {"a": 2}]) == [1, True, "1", [1], {"a": 1}, {"a": 2}]
    for repeated in ([1, 1.0], [[1, 2], [1, 2]], [{"a": 1, "b": 2}, {"b": 2, "a": 1}], ["x", "y", "x"]):
        with pytest.raises(lib.ValidationError) as info:
            compiled.validate_python(repeated)
        (error,) = errors_of(info.value)
        assert error["type"] == "unique_items" and error["loc"] == ()
    assert errors_of(info.value)[0]["ctx"] == {"index": 2, "first": 0}


@satya_only
def test_unique_items_compares_objects_by_their_data():
    compiled = compile_json_schema({"type": "array", "uniqueItems": True, "items": {
        "type": "object", "properties": {"a": {"type": "integer"}}}})
    assert [item.a for item in compiled.validate_python([{"a": 1}, {"a": "2"}])] == [1, 2]
    with pytest.raises(lib.ValidationError, match="item 1 repeats item 0"):
        compiled.validate_python([{"a": 1}, {"a": "1"}])


@satya_only
def test_the_false_schema_accepts_nothing():
    compiled = compile_json_schema({"type": "object", "properties": {"gone": False, "n": {"type": "integer"}}})
    assert compiled.validate_python({"n": 1}).gone is None
    with pytest.raises(lib.ValidationError) as info:
        compiled.validate_python({"n": 1, "gone": None})
    assert [(e["type"], e["loc"]) for e in errors_of(info.value)] == [("false_schema", ("gone",))]


@satya_only
def test_one_of_refuses_a_value_that_matches_two_branches():
    compiled = compile_json_schema({"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]})
    assert compiled.validate_python(-1) == -1
    assert compiled.validate_python(0.5) == 0.5
    with pytest.raises(lib.ValidationError) as info:
        compiled.validate_python(2)
    (error,) = errors_of(info.value)
    assert error["type"] == "one_of_many" and error["ctx"] == {"matches": [0, 1]}


@satya_only
def test_one_of_with_exclusive_branches_is_a_plain_union():
    compiled = compile_json_schema({"oneOf": [{"type": "integer"}, {"type": "string"}]})
    assert compiled.validate_python("a") == "a" and compiled.validate_python(1) == 1
    with pytest.raises(lib.ValidationError) as info:
        compiled.validate_python(None)
    assert {e["type"] for e in errors_of(info.value)} == {"int_type", "string_type"}


@satya_only
@pytest.mark.parametrize("schema,good,bad,error", [
    ({"type": "string", "format": "email", "maxLength": 12}, "a@b.co", "abcdefgh@b.co", "string_too_long"),
    ({"type": "string", "format": "date", "pattern": "^2020"}, "2020-01-02", "2021-01-02", "string_pattern_mismatch"),
    ({"type": "string", "format": "uri", "maxLength": 20}, "http://a.com", "http://" + "a" * 20 + ".com",
     "url_too_long"),
    ({"type": "string", "format": "uri", "minLength": 1}, "http://a.com", "", "url_parsing"),
])
def test_string_constraints_apply_to_formatted_strings(schema, good, bad, error):
    compiled = compile_json_schema(schema)
    assert str(compiled.validate_python(good)).startswith(good[:10])
    with pytest.raises(lib.ValidationError) as info:
        compiled.validate_python(bad)
    assert [e["type"] for e in errors_of(info.value)] == [error]


@satya_only
def test_unknown_formats_are_refused_or_ignored_as_asked():
    with pytest.raises(lib.SchemaError, match=r"#/properties/h/format: the format 'hostname' is not supported"):
        compile_json_schema({"type": "object", "properties": {"h": {"type": "string", "format": "hostname"}}})
    compiled = compile_json_schema({"type": "string", "format": "hostname"}, unknown_formats="ignore")
    assert compiled.validate_python("example.com") == "example.com"
    with pytest.raises(ValueError, match="unknown_formats"):
        compile_json_schema({"type": "string"}, unknown_formats="warn")


@satya_only
def test_strict_checks_json_types_exactly():
    lax = compile_json_schema({"type": "integer"})
    strict = compile_json_schema({"type": "integer"}, strict=True)
    assert lax.validate_python("5") == 5
    for value in ("5", True):
        with pytest.raises(lib.ValidationError) as info:
            strict.validate_python(value)
        assert [e["type"] for e in errors_of(info.value)] == ["int_type"]
    model = compile_json_schema({"type": "object", "properties": {"ok": {"type": "boolean"}}}, strict=True).model
    with pytest.raises(lib.ValidationError, match="bool_type"):
        model.model_validate({"ok": 1})
