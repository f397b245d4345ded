"""`ipaddress` fields and the IPvAny types: lax from str, int and packed bytes
(and `(address, prefix)` tuples for networks and interfaces), strict from an
instance (Python) or a str (JSON); pydantic's errors and both dumps."""

import ipaddress
import json

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import support
from net_support import assert_matches, attempt, model_pair
from support import lib, one_field_model

A = ipaddress
# IPv4Network(True) reads the bool as an int, in satya as in pydantic: ipaddress warns
pytestmark = pytest.mark.filterwarnings("ignore:__int__ returned non-int:DeprecationWarning")
CONCRETE = [A.IPv4Address, A.IPv6Address, A.IPv4Network, A.IPv6Network, A.IPv4Interface, A.IPv6Interface]
ANY_NAMES = ["IPvAnyAddress", "IPvAnyNetwork", "IPvAnyInterface"]
PAIRS = {}


def pair(name_or_type, strict=False):
    key = (name_or_type, strict)
    if key not in PAIRS:
        if isinstance(name_or_type, str):
            mine = one_field_model(getattr(lib, name_or_type), strict=strict)
            oracle = one_field_model(getattr(pydantic, name_or_type), strict=strict, lib=pydantic)
            PAIRS[key] = (mine, oracle)
        else:
            PAIRS[key] = model_pair(name_or_type, strict=strict)
    return PAIRS[key]


TYPES = CONCRETE + ANY_NAMES

SAMPLES = [
    "1.2.3.4", "::1", "1.2.3.0/24", "1.2.3.4/24", "fe80::/64", "fe80::1%eth0", "255.255.255.255", "256.1.1.1",
    "", "x", " 1.2.3.4", "1.2.3.4/33", "::ffff:1.2.3.4", 16909060, 2**32 - 1, 2**32, 2**40, 2**128 - 1, 2**128, -1,
    0, True, False, 1.5, 2.0, None, [1], {"a": 1},
    b"\x01\x02\x03\x04", b"1.2.3.4", b"\x00" * 16, b"\x00" * 5, bytearray(b"\x01\x02\x03\x04"),
    A.IPv4Address("1.1.1.1"), A.IPv6Address("::2"), A.IPv4Network("10.0.0.0/8"), A.IPv6Network("fe80::/64"),
    A.IPv4Interface("10.0.0.1/8"), A.IPv6Interface("::1/64"),
    ("1.2.3.0", 24), ("1.2.3.0", "24"), (b"\x01\x02\x03\x04", 24), ("::", 64), (16909056, 24),
]


@pytest.mark.parametrize("tp", TYPES, ids=str)
@pytest.mark.parametrize("strict", [False, True])
def test_samples_match_pydantic(tp, strict):
    for value in SAMPLES:
        assert_matches(pair(tp), value, strict=strict)
        assert_matches(pair(tp, strict=True), value)


def test_lax_values_and_dumps(inputs):
    cls = one_field_model(A.IPv4Network)
    value = inputs.validate(cls, {"v": "10.0.0.0/8"})
    assert type(value.v) is A.IPv4Network and value.v == A.IPv4Network("10.0.0.0/8")
    assert value.model_dump() == {"v": A.IPv4Network("10.0.0.0/8")}
    assert value.model_dump(mode="json") == {"v": "10.0.0.0/8"}
    assert value.model_dump_json() == '{"v":"10.0.0.0/8"}'


def test_an_instance_is_kept_as_the_same_object():
    value = A.IPv6Address("::5")
    assert support.validate_v(one_field_model(A.IPv6Address, strict=True), value) is value


def test_errors_name_the_kind(inputs):
    error = inputs.single_error(one_field_model(A.IPv4Address), "::1")
    assert (error["type"], error["msg"], error["loc"]) == ("ip_v4_address", "Input is not a valid IPv4 address", ("v",))
    assert "ctx" not in error


def test_strict_json_reports_the_parser_message_as_value_error():
    cls = one_field_model(A.IPv4Address, strict=True)
    with pytest.raises(support.ValidationError) as info:
        cls.model_validate_json('{"v": "::1"}')
    (error,) = support.errors_of(info.value)
    assert error["type"] == "value_error"
    assert error["msg"] == "Value error, Expected 4 octets in '::1'"
    assert isinstance(error["ctx"]["error"], A.AddressValueError)


def test_strict_python_takes_only_instances():
    cls = one_field_model(A.IPv6Interface, strict=True)
    error = support.single_error(cls, "::1/64")
    assert error["type"] == "is_instance_of" and error["ctx"] == {"class": "IPv6Interface"}


def test_ipvany_types_are_exported_and_give_ipaddress_objects():
    assert lib.IPvAnyAddress("1.2.3.4") == A.IPv4Address("1.2.3.4")
    assert type(lib.IPvAnyNetwork("::/0")) is A.IPv6Network
    assert type(lib.IPvAnyInterface("1.2.3.4/8")) is A.IPv4Interface
    if not support.ORACLE:
        import satya.types

        assert satya.types.IPvAnyAddress is lib.IPvAnyAddress
        with pytest.raises(ValueError):
            lib.IPvAnyAddress("nope")


def test_nested_in_lists_and_optionals(inputs):
    from typing import Optional

    cls = one_field_model(list[Optional[A.IPv4Address]])
    assert inputs.validate(cls, {"v": ["1.2.3.4", None]}).v == [A.IPv4Address("1.2.3.4"), None]
    with pytest.raises(support.ValidationError) as info:
        inputs.validate(cls, {"v": ["1.2.3.4", "x"]})
    assert support.errors_of(info.value)[0]["loc"] == ("v", 1)


def test_constraints_are_refused_at_definition():
    if support.ORACLE:
        pytest.skip("pydantic fails later, when validating")
    with pytest.raises(lib.SchemaError):
        one_field_model(A.IPv4Address, {"max_length": 3})


octets = st.lists(st.integers(0, 300), min_size=1, max_size=5).map(lambda p: ".".join(map(str, p)))
prefixed = st.tuples(octets, st.integers(-1, 130)).map(lambda t: f"{t[0]}/{t[1]}")
values = st.one_of(
    st.ip_addresses().map(str), st.ip_addresses(), octets, prefixed,
    st.ip_addresses(v=6).map(lambda a: f"{a}/{a.max_prefixlen // 2}"),
    st.integers(-5, 2**129), st.binary(max_size=17), st.text(max_size=12), st.floats(allow_nan=False),
    st.tuples(st.ip_addresses().map(str), st.integers(0, 130)),
)


@settings(max_examples=300, deadline=None)
@given(value=values, tp=st.sampled_from(TYPES), strict=st.booleans())
def test_hypothesis_matches_pydantic(value, tp, strict):
    assert_matches(pair(tp), value, strict=strict)


@settings(max_examples=100, deadline=None)
@given(value=st.ip_addresses().map(str), tp=st.sampled_from(TYPES))
def test_json_strings_match_pydantic_in_strict_mode(value, tp):
    mine, oracle = pair(tp, strict=True)
    data = json.dumps({"v": value})
    assert attempt(mine, "json", data) == attempt(oracle, "json", data)


def test_errors_pickle_with_their_ctx():
    import pickle

    cls = one_field_model(A.IPv4Address, strict=True)
    with pytest.raises(support.ValidationError) as info:
        cls.model_validate_json('{"v": "x"}')
    (error,) = support.errors_of(pickle.loads(pickle.dumps(info.value)))
    assert (error["type"], error["msg"]) == ("value_error", "Value error, Expected 4 octets in 'x'")
    assert type(error["ctx"]["error"]) is A.AddressValueError
    with pytest.raises(support.ValidationError) as info:
        one_field_model(lib.IPvAnyNetwork).model_validate({"v": "x"})
    (error,) = support.errors_of(pickle.loads(pickle.dumps(info.value)))
    assert (error["type"], error["msg"]) == ("ip_any_network", "value is not a valid IPv4 or IPv6 network")


@pytest.mark.skipif(support.ORACLE, reason="satya's batch calls")
def test_batches_validate_ip_fields_in_order():
    cls = one_field_model(A.IPv6Address)
    data = json.dumps([{"v": "::1"}, {"v": 5}, {"v": "::2"}])
    got = cls.model_validate_json_many(data)
    assert [m.v for m in got] == [A.IPv6Address("::1"), A.IPv6Address("::5"), A.IPv6Address("::2")]
    result = cls.model_validate_json_many(json.dumps([{"v": "::1"}, {"v": "x"}]), errors="collect")
    assert result.valid_indices == [0] and result.errors[0][0] == 1
