"""`bytes` fields: lax and strict coercion and byte lengths."""

import pytest

from support import divergence, one_field_model, single_error, validate_v

LaxBytes = one_field_model(bytes)
StrictBytes = one_field_model(bytes, strict=True)


@pytest.fixture
def Sized(backend_models):
    return backend_models.one_field(bytes, dict(min_length=1, max_length=3))


class MyBytes(bytes):
    pass


@pytest.mark.parametrize(
    "value, expected",
    [
        (b"ab", b"ab"),
        (b"", b""),
        (b"\xff\x00", b"\xff\x00"),
        ("ab", b"ab"),
        ("", b""),
        ("\u00e9", b"\xc3\xa9"),
        (bytearray(b"ab"), b"ab"),
    ],
)
def test_lax_bytes_accepts_bytes_str_and_bytearray(inputs, value, expected):
    result = inputs.validate_v(LaxBytes, value)
    assert result == expected
    assert type(result) is bytes


def test_an_exact_bytes_is_stored_as_the_same_object():
    data = bytes(range(10))
    assert validate_v(LaxBytes, data) is data


@pytest.mark.parametrize("value", [memoryview(b"ab"), 5, None, [1], True, 1.5])
def test_lax_bytes_rejects_other_types_with_bytes_type(inputs, value):
    error = inputs.single_error(LaxBytes, value)
    assert (error["type"], error["msg"], error["loc"]) == ("bytes_type", "Input should be a valid bytes", ("v",))


def test_str_with_lone_surrogate_is_a_string_unicode_error(inputs):
    assert inputs.single_error(LaxBytes, "\ud800")["type"] == "string_unicode"


@divergence("a bytes subclass becomes plain bytes; pydantic keeps the instance")
def test_bytes_subclass_is_kept():
    value = MyBytes(b"x")
    assert validate_v(LaxBytes, value) is value


def test_strict_bytes_accepts_only_bytes():
    assert validate_v(StrictBytes, b"x") == b"x"
    assert validate_v(StrictBytes, MyBytes(b"x")) == b"x"
    for value in ["x", bytearray(b"x"), 1]:
        assert single_error(StrictBytes, value)["type"] == "bytes_type"


def test_strict_bytes_takes_a_json_string(inputs):
    # pydantic's JSON column: even a strict bytes field reads a JSON string as its UTF-8.
    assert inputs.validate_v(StrictBytes, inputs.pick(python=b"x\xc3\xa9", json="x\u00e9")) == b"x\xc3\xa9"
    for value in [1, None, [1], True]:
        assert inputs.single_error(StrictBytes, value)["type"] == "bytes_type"
    if not inputs.json:
        assert inputs.single_error(StrictBytes, "x")["type"] == "bytes_type"


def test_lengths_count_bytes(inputs, Sized):
    assert inputs.validate_v(Sized, "\u00e9") == b"\xc3\xa9"
    too_long = inputs.single_error(Sized, "\u00e9\u00e9")  # 2 characters, 4 bytes
    assert too_long["type"] == "bytes_too_long"
    assert too_long["msg"] == "Data should have at most 3 bytes"
    assert too_long["ctx"] == {"max_length": 3}


def test_bytes_too_short_message_uses_the_singular_for_one(inputs, Sized):
    empty = inputs.pick(python=b"", json="")  # JSON carries bytes as a string
    error = inputs.single_error(Sized, empty)
    assert error == {
        "type": "bytes_too_short",
        "loc": ("v",),
        "msg": "Data should have at least 1 byte",
        "input": empty,
        "ctx": {"min_length": 1},
    }


def test_lengths_apply_to_bytearray_input(inputs, Sized):
    assert inputs.single_error(Sized, bytearray(b"abcd"))["type"] == "bytes_too_long"
    assert inputs.validate_v(Sized, bytearray(b"abc")) == b"abc"
