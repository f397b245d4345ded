"""satya 0.x's `satya.json_loader.load_json`: a JSON document as the Python
objects `json.loads` gives, read by satya's native parser; invalid JSON raises
ValueError("Failed to parse JSON: ..."); one warning per call. pydantic has no
such name, so this module is satya's own; `json.loads` is its reference."""

import json
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import satya_only
from satya import SatyaDeprecationWarning
from satya.json_loader import load_json

pytestmark = satya_only


def loaded(document):
    with pytest.warns(SatyaDeprecationWarning) as caught:
        result = load_json(document)
    assert len(caught) == 1 and caught[0].filename == __file__
    assert "`load_json` is deprecated; use `TypeAdapter(Any).validate_json` instead." == str(caught[0].message)
    return result


def failure(document, error=ValueError) -> str:
    with pytest.warns(SatyaDeprecationWarning), pytest.raises(error) as raised:
        load_json(document)
    return str(raised.value)


@pytest.mark.parametrize("document", [
    '{"name": "John", "age": 30, "active": true}',
    '[1, 2, 3, "test", true, null]',
    '"hello world"', "42", "-0", "3.14", "true", "false", "null", "{}", "[]",
    '{"user": {"addresses": [{"type": "home"}, {"type": "work"}], "balance": null}, "tags": ["a", "b"]}',
    '{"name": "José", "city": "São Paulo", "emoji": "🚀", "chinese": "你好"}',
    r'{"quote": "He said \"Hello\"", "newline": "Line 1\nLine 2", "backslash": "Path\\to\\file", "u": "\u00e9"}',
    '{"small": -1000000, "large": 9007199254740991, "scientific": 1.23e10, "negative_exp": 1.23e-10}',
    '{"huge": 123456789012345678901234567890, "exp": 1E400, "neg": -1e-400}',
    '{"a": 1, "a": 2}',
    '  {"name": "John"}  ', '\n{\n  "name": "John"\n}\n', '\t{\t"name":\t"John"\t}\t', '{\r\n  "name": "John"\r\n}',
])
def test_documents_load_as_json_loads_gives_them(document):
    expected = json.loads(document)
    for form in (document, document.encode(), bytearray(document.encode()), memoryview(document.encode())):
        result = loaded(form)
        assert result == expected and type(result) is type(expected)


def test_numbers_keep_their_json_kind():
    result = loaded('[1, 1.0, -2, 2e3, 123456789012345678901234567890]')
    assert [type(v) for v in result] == [int, float, int, float, int]
    assert result[4] == 123456789012345678901234567890


def test_large_documents_load():
    data = {"users": [{"id": i, "name": f"User {i}", "tags": [f"tag{j}" for j in range(5)]} for i in range(1000)],
            "pagination": {"total": 1000}}
    assert loaded(json.dumps(data)) == data


@pytest.mark.parametrize("document,reason", [
    ('{"name": "John", "age":}', "expected value at line 1 column 24"),
    ('{"name": "John" "age": 30}', "expected `,` or `}` at line 1 column 17"),
    ('{name: "John", "age": 30}', "key must be a string at line 1 column 2"),
    ('{"name": "John", "age": 30,}', "trailing comma at line 1 column 28"),
    ("[1, 2, 3,]", "trailing comma at line 1 column 10"),
    ('{"name": "John", "age": 30', "EOF while parsing an object at line 1 column 26"),
    ("undefined", "expected value at line 1 column 1"),
    ("", "EOF while parsing a value at line 1 column 0"),
    ("   ", "EOF while parsing a value at line 1 column 3"),
    ('{"a": 1} x', "trailing characters at line 1 column 10"),
    ("[" * 300 + "]" * 300, "recursion limit exceeded"),
    (b"\xff", "expected value at line 1 column 1"),
])
def test_invalid_json_raises_value_error(document, reason):
    text = failure(document)
    assert text.startswith("Failed to parse JSON: ") and reason in text
    assert "Invalid JSON" not in text and "\n" not in text


@pytest.mark.parametrize("document", [None, 42, ["[]"], {"a": 1}])
def test_input_that_is_not_text_raises_type_error(document):
    expected = f"load_json takes str, bytes, bytearray or memoryview, not {type(document).__name__}"
    assert failure(document, TypeError) == expected


def test_the_error_is_raised_without_the_parser_error_chained():
    with pytest.warns(SatyaDeprecationWarning), pytest.raises(ValueError) as raised:
        load_json("[1,")
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_each_call_warns_once():
    with pytest.warns(SatyaDeprecationWarning) as caught:
        load_json("1")
        load_json("2")
    assert len(caught) == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error", SatyaDeprecationWarning)
        with pytest.raises(SatyaDeprecationWarning):
            load_json("1")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
)


@given(value=JSON_VALUES, ensure_ascii=st.booleans(), indent=st.none() | st.integers(0, 2))
def test_load_json_agrees_with_json_loads(value, ensure_ascii, indent):
    document = json.dumps(value, ensure_ascii=ensure_ascii, indent=indent)
    with pytest.warns(SatyaDeprecationWarning):
        result = load_json(document)
    expected = json.loads(document)
    assert result == expected
    assert json.dumps(result) == json.dumps(expected)  # same kinds of numbers, same key order
