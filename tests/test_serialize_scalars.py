"""ints, floats and bytes in `model_dump` and `model_dump_json`, against
pydantic's (src/serializers/scalar.rs, float.rs, bytes.rs): ints of any size,
NaN, the infinities and the sign of zero, and bytes as UTF-8 text in JSON,
valid or not, in fields, lists, dicts and Any values."""

import math

import pytest

from dump_support import S, assert_same_dumps, both, returned


INTS = [0, -1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 10**30, -(10**40), 10**4300, -(10**5000), 10**20000]


def _int_id(value) -> str:
    digits = len(str(abs(value))) if abs(value) < 10**4000 else "many"
    return f"{digits}-digits{'-negative' if value < 0 else ''}"


@pytest.mark.parametrize("value", INTS, ids=_int_id)
def test_ints_of_any_size_dump(value):
    mine, oracle = both(lambda ns: ns.Scalars(i=value, a=[value, {"k": value}]))
    outcomes = assert_same_dumps(mine, oracle)
    text = returned(outcomes["text"])[1]
    if abs(value) < 10**4000:  # str() of a longer int is refused by Python itself
        assert text.startswith('{"i":%s,' % value)


def test_a_huge_int_is_written_in_full():
    value = 10**5000 + 7
    dumped = S.Scalars(i=value).model_dump_json(include={"i"})
    assert dumped == '{"i":1' + "0" * 4999 + '7}'


FLOATS = [float("nan"), float("inf"), float("-inf"), -0.0, 0.0, 1e300, 5e-324, 0.1, 1e16, 1e-7, 2.5, 123456789.0, 1e22]


@pytest.mark.parametrize("value", FLOATS, ids=repr)
def test_floats_dump_like_pydantic(value):
    mine, oracle = both(lambda ns: ns.Scalars(f=value, of=value, fl=[value], fd={"k": value}, a=[value, {"k": value}]))
    assert_same_dumps(mine, oracle)


def test_nan_and_infinities_are_null_in_json():
    instance = S.Scalars(f=float("nan"), of=float("inf"), fl=[float("-inf")], fd={"k": float("nan")}, a=[float("nan")])
    text = instance.model_dump_json(include={"f", "of", "fl", "fd", "a"})
    assert text == '{"f":null,"of":null,"fl":[null],"fd":{"k":null},"a":[null]}'
    # mode="json": an Any value becomes None; a float field keeps the float, as in pydantic
    dumped = instance.model_dump(mode="json")
    assert dumped["a"] == [None]
    assert math.isnan(dumped["f"]) and dumped["of"] == math.inf


BYTES = [b"", b"abc", "\u00e9\U0001f600".encode(), b"\x00\x1f\"\\/", b"\xff", b"ok\xc3"]


@pytest.mark.parametrize("value", BYTES, ids=repr)
def test_bytes_dump_as_utf8_text_like_pydantic(value):
    mine, oracle = both(lambda ns: ns.Scalars(b=value))
    assert_same_dumps(mine, oracle, include={"b"})
    mine, oracle = both(lambda ns: ns.Scalars(bl=[value], a={"k": value}))
    assert_same_dumps(mine, oracle, include={"bl", "a"})


def test_bytes_written_out():
    instance = S.Scalars(b="\u00e9".encode(), bl=[b"a\x00"])
    assert instance.model_dump_json(include={"b", "bl"}) == '{"b":"\u00e9","bl":["a\\u0000"]}'
    assert instance.model_dump(mode="json", include={"b", "bl"}) == {"b": "\u00e9", "bl": ["a\x00"]}
    assert instance.model_dump(include={"b"}) == {"b": "\u00e9".encode()}

