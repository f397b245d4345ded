"""`SecretStr` and `SecretBytes`: the value is kept behind a mask in reprs,
`str()` and JSON dumps; lax and strict inputs, length bounds and errors as
pydantic has them."""

import enum
import pickle

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import support
from net_support import assert_matches, attempt
from support import MyStr, lib, one_field_model

PAIRS = {}


def pair(name, field=None, strict=False):
    key = (name, repr(field), strict)
    if key not in PAIRS:
        PAIRS[key] = (one_field_model(getattr(lib, name), field, strict=strict),
                      one_field_model(getattr(pydantic, name), field, strict=strict, lib=pydantic))
    return PAIRS[key]


class Letter(str, enum.Enum):
    A = "x"


SAMPLES = ["abc", "", "é", "\ud800", b"abc", b"", b"\xff", bytearray(b"q"), 1, 1.5, None, True, ["a"], MyStr("ab"),
           Letter.A]


def instances(of):
    """Secrets of library `of`, each library's model getting its own."""
    return [of.SecretStr("x"), of.SecretBytes(b"y"), of.SecretStr(""), of.SecretBytes(b""), of.SecretStr("abcd")]


FIELDS = [None, {"min_length": 2}, {"max_length": 2}, {"min_length": 1, "max_length": 3}]


@pytest.mark.parametrize("name", ["SecretStr", "SecretBytes"])
@pytest.mark.parametrize("field", FIELDS, ids=repr)
@pytest.mark.parametrize("strict", [False, True])
def test_samples_match_pydantic(name, field, strict):
    for value in SAMPLES:
        assert_matches(pair(name, field), value, strict=strict)
        assert_matches(pair(name, field, strict=True), value)
    for index in range(len(instances(pydantic))):
        for mine, oracle in (pair(name, field), pair(name, field, strict=True)):
            got = attempt(mine, "python", {"v": instances(lib)[index]}, strict)
            expected = attempt(oracle, "python", {"v": instances(pydantic)[index]}, strict)
            assert got == expected, index


def test_repr_str_len_equality_and_hash():
    s, b = lib.SecretStr("abc"), lib.SecretBytes(b"abc")
    assert repr(s) == "SecretStr('**********')" and str(s) == "**********"
    assert repr(b) == "SecretBytes(b'**********')" and str(b) == "b'**********'"
    assert repr(lib.SecretStr("")) == "SecretStr('')" and str(lib.SecretStr("")) == ""
    assert len(s) == 3 and len(b) == 3
    assert s == lib.SecretStr("abc") and s != "abc" and s != lib.SecretStr("abd")
    assert hash(s) == hash("abc") and hash(b) == hash(b"abc")
    assert s.get_secret_value() == "abc" and b.get_secret_value() == b"abc"


def test_model_repr_and_dumps_mask_the_value(inputs):
    cls = one_field_model(lib.SecretStr)
    m = inputs.validate(cls, {"v": "hunter2"})
    assert repr(m) == "M(v=SecretStr('**********'))"
    assert m.v.get_secret_value() == "hunter2"
    assert m.model_dump() == {"v": m.v} and m.model_dump()["v"] is m.v
    assert m.model_dump(mode="json") == {"v": "**********"}
    assert m.model_dump_json() == '{"v":"**********"}'


def test_an_instance_is_kept_as_the_same_object():
    value = lib.SecretBytes(b"k")
    assert support.validate_v(one_field_model(lib.SecretBytes, strict=True), value) is value


def test_length_errors_are_too_short_of_a_value(inputs):
    cls = one_field_model(lib.SecretStr, {"min_length": 3})
    error = inputs.single_error(cls, "ab")
    assert error == {"type": "too_short", "loc": ("v",), "msg": "Value should have at least 3 items after validation, not 2",
                     "input": "ab", "ctx": {"field_type": "Value", "min_length": 3, "actual_length": 2}}


def test_python_input_of_another_type_is_the_secret_type_error():
    error = support.single_error(one_field_model(lib.SecretBytes), 5)
    assert (error["type"], error["msg"]) == ("bytes_type", "Input should be a valid bytes")


def test_secrets_pickle():
    s = lib.SecretStr("abc")
    assert pickle.loads(pickle.dumps(s)) == s


@pytest.mark.skipif(support.ORACLE, reason="satya's own exports")
def test_exported_from_satya_and_types():
    import satya
    import satya.types

    assert satya.SecretStr is satya.types.SecretStr and satya.SecretBytes is satya.types.SecretBytes
    assert "SecretStr" in satya.__all__ and "SecretBytes" in satya.types.__all__


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(st.text(max_size=6), st.binary(max_size=6), st.integers(), st.none()),
       name=st.sampled_from(["SecretStr", "SecretBytes"]), field=st.sampled_from(FIELDS), strict=st.booleans())
def test_hypothesis_matches_pydantic(value, name, field, strict):
    assert_matches(pair(name, field), value, strict=strict)
