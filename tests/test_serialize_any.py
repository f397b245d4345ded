"""Values of an `Any` field in `model_dump` and `model_dump_json`, against
pydantic's (src/serializers/any.rs): dates, times and durations, Decimals,
UUIDs, enums, paths, IP addresses, bytes, sets and tuples, ints of any size,
NaN, strings with escapes, objects pydantic does not know and models, alone
and as dict keys (JSON keys), case by case and at random (hypothesis)."""

import datetime as dt
import enum
import ipaddress
import pathlib
import uuid
from decimal import Decimal

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from dump_support import (
    P,
    S,
    Huge,
    Marker,
    assert_same_any_dumps,
    assert_same_dumps,
    both,
    canon,
    mine_serialization_error,
    realize,
)


class Color(enum.Enum):
    RED = 1
    GREEN = "g"
    PAIR = (1, 2)
    FLOAT_PAIR = (1, 2.5)
    DAY = dt.date(2020, 1, 1)
    NOTHING = None


class Level(enum.IntEnum):
    HIGH = 5
    LOW = -(2**70)


class Tone(str, enum.Enum):
    WARM = "warm"
    ODD = "\u00e9\n"


class Ratio(float, enum.Enum):
    HALF = 0.5
    NAN = float("nan")


class Opaque:
    """An object pydantic knows nothing about: an error in JSON, itself in python mode."""

    def __repr__(self):
        return "Opaque()"


# ---------------------------------------------------------------------------
# Case by case


UTC = dt.timezone.utc
ANY_VALUES = {
    "date": dt.date(2020, 1, 2),
    "date-min": dt.date(1, 1, 1),
    "datetime-naive": dt.datetime(2020, 1, 2, 3, 4, 5),
    "datetime-micro": dt.datetime(2020, 1, 2, 3, 4, 5, 123456),
    "datetime-utc": dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
    "datetime-plus-0": dt.datetime(2020, 1, 2, tzinfo=dt.timezone(dt.timedelta(0), "Z0")),
    "datetime-minus-0530": dt.datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=dt.timezone(-dt.timedelta(hours=5, minutes=30))),
    "datetime-max": dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
    "time": dt.time(1, 2, 3),
    "time-micro": dt.time(1, 2, 3, 40),
    "time-utc": dt.time(23, 59, tzinfo=UTC),
    "time-plus-2": dt.time(0, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    "timedelta-zero": dt.timedelta(0),
    "timedelta": dt.timedelta(days=1, seconds=3, microseconds=5),
    "timedelta-negative-day": dt.timedelta(days=-1),
    "timedelta-negative-second": dt.timedelta(seconds=-1),
    "timedelta-negative-micro": dt.timedelta(microseconds=-1),
    "timedelta-weeks-hours": dt.timedelta(weeks=3, hours=25),
    "timedelta-half-second": dt.timedelta(seconds=0.5),
    "timedelta-max": dt.timedelta.max,
    "timedelta-min": dt.timedelta.min,
    "decimal": Decimal("1.5"),
    "decimal-exponent": Decimal("1E+3"),
    "decimal-small": Decimal("1e-7"),
    "decimal-negative-zero": Decimal("-0"),
    "decimal-nan": Decimal("NaN"),
    "decimal-infinity": Decimal("-Infinity"),
    "decimal-long": Decimal("123456789012345678901234567890.123"),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "uuid-nil": uuid.UUID(int=0),
    "enum-int": Color.RED,
    "enum-str": Color.GREEN,
    "enum-tuple": Color.PAIR,
    "enum-date": Color.DAY,
    "int-enum": Level.HIGH,
    "str-enum": Tone.WARM,
    "float-enum": Ratio.HALF,
    "path": pathlib.Path("/a/b c"),
    "path-relative": pathlib.Path("x/y"),
    "ipv4": ipaddress.IPv4Address("1.2.3.4"),
    "ipv6": ipaddress.IPv6Address("::1"),
    "ipv4-network": ipaddress.IPv4Network("10.0.0.0/8"),
    "ipv6-network": ipaddress.IPv6Network("2001:db8::/32"),
    "ipv4-interface": ipaddress.IPv4Interface("1.2.3.4/24"),
    "ipv6-interface": ipaddress.IPv6Interface("::1/64"),
    "bytes": b"abc",
    "bytes-utf8": "\u00e9\U0001f600".encode(),
    "bytes-control": b"\x00\x1f\"\\",
    "bytes-invalid": b"\xff\xfe",
    "bytearray": bytearray(b"ab"),
    "bytearray-invalid": bytearray(b"\x80"),
    "set": {1, 2, 3},
    "set-mixed": {1, "a", None, 2.5},
    "frozenset": frozenset({"x"}),
    "empty-set": set(),
    "tuple": (1, "a", None),
    "nested-tuple": ((1,), [2, (3,)]),
    "empty-tuple": (),
    "dict-int-keys": {1: "a", -2: "b", 2**70: "c"},
    "dict-float-keys": {1.5: 1, -0.0: 2, 1e300: 3},
    "dict-float-keys-exponents": {1e-7: 1e-7, 2.5e-5: 2.5e-5, 1e16: 1e16, 1e22: 1e22, 5e-324: 5e-324, 123456789.0: 1.0},
    "dict-nan-key": {float("nan"): 1},
    "dict-inf-key": {float("inf"): 1, float("-inf"): 2},
    "dict-bool-keys": {True: 1, False: 2},
    "dict-none-key": {None: 1},
    "dict-colliding-keys": {1: "int", "1": "str"},
    "dict-mixed": {"s": [1, {2: {None: (3, 4.5)}}], 7: set(), None: b"z"},
    "nan": float("nan"),
    "inf": float("inf"),
    "negative-inf": float("-inf"),
    "negative-zero": -0.0,
    "floats": [1e16, 1e-7, 0.1, 5e-324, 1.7976931348623157e308, 123456789.0, 1.0, 1e22],
    "huge-int": 2**200,
    "huge-negative-int": -(10**50),
    "int-beyond-str-limit": 10**5000,
    "bools": [True, False],
    "str-controls": "\x00\x01\x1f\x7f\t\n\r\x08\x0c",
    "str-quotes": "\"'\\/",
    "str-unicode": "\u00e9\u65e5\u672c\U0001f600\u2028\u2029\ufeff",
    "str-lone-surrogate": "a\ud800b",
    "object": Opaque(),
    "object-in-list": [1, Opaque()],
    "object-as-key": {Opaque(): 1},
    "frozenset-key": {frozenset({1}): 1},
    "tuple-key": {(1, "a"): 2},
    "bytes-key": {b"k": 1},
    "invalid-bytes-key": {b"\xff": 1},
    "enum-key": {Color.RED: 1, Tone.WARM: 2},
    "date-key": {dt.date(2020, 1, 1): 1},
    "decimal-key": {Decimal("1.50"): 1},
    "uuid-key": {uuid.UUID(int=1): 1},
}


@pytest.mark.parametrize("name", sorted(ANY_VALUES))
def test_a_value_of_an_any_field_dumps_like_pydantic(name):
    value = ANY_VALUES[name]
    assert_same_any_dumps(lambda ns: value)
    mine, oracle = both(lambda ns: ns.AnyList(items=[value, {"k": value}]))
    assert_same_dumps(mine, oracle)


@pytest.mark.parametrize(
    "name, python, json_mode",
    [
        ("date", dt.date(2020, 1, 2), "2020-01-02"),
        ("datetime-utc", dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC), "2020-01-02T03:04:05Z"),
        ("datetime-minus-0530", None, "2020-01-02T03:04:05.000006-05:30"),
        ("time-micro", dt.time(1, 2, 3, 40), "01:02:03.000040"),
        ("timedelta-negative-second", dt.timedelta(seconds=-1), "-PT1S"),
        ("timedelta", None, "P1DT3.000005S"),
        ("decimal-exponent", Decimal("1E+3"), "1E+3"),
        ("uuid", None, "12345678-1234-5678-1234-567812345678"),
        ("enum-tuple", Color.PAIR, [1, 2]),
        ("path", None, "/a/b c"),
        ("ipv6-interface", None, "::1/64"),
        ("bytes", b"abc", "abc"),
        ("set", {1, 2, 3}, [1, 2, 3]),
        ("tuple", (1, "a", None), [1, "a", None]),
        ("nan", None, None),
        ("dict-int-keys", None, {"1": "a", "-2": "b", str(2**70): "c"}),
        ("dict-none-key", None, {"None": 1}),
        ("dict-bool-keys", None, {"true": 1, "false": 2}),
        # a float key is written as Python's repr writes it ("1e-07"), unlike a float value in JSON text ("1e-7")
        (
            "dict-float-keys-exponents",
            None,
            {"1e-07": 1e-7, "2.5e-05": 2.5e-5, "1e+16": 1e16, "1e+22": 1e22, "5e-324": 5e-324, "123456789.0": 1.0},
        ),
    ],
)
def test_json_mode_conversions_written_out(name, python, json_mode):
    """A few of pydantic's conversions as pydantic printed them."""
    value = ANY_VALUES[name]
    dumped = S.Holder(a=value).model_dump(mode="json")["a"]
    assert canon(dumped) == canon(json_mode)
    if python is not None:
        assert canon(S.Holder(a=value).model_dump()["a"]) == canon(python)


def test_an_unknown_type_is_a_serialization_error_in_json_mode_and_itself_in_python_mode():
    thing = object()
    mine = S.Holder(a=thing)
    assert mine.model_dump()["a"] is thing
    message = "Unable to serialize unknown type: <class 'object'>"
    with pytest.raises(mine_serialization_error()) as info:
        mine.model_dump(mode="json")
    assert str(info.value) == message
    with pytest.raises(mine_serialization_error()) as info:
        mine.model_dump_json()
    assert str(info.value) == message
    assert_same_dumps(mine, P.Holder(a=thing))


def test_a_model_in_an_any_field_dumps_with_its_own_fields():
    def make(ns):
        return ns.Holder(a={"items": [ns.Leaf(n=1), ns.Dog(x=2)], "one": ns.Item(name="i", note=None)})

    mine, oracle = both(make)
    for options in [{}, {"exclude_none": True}, {"exclude_defaults": True}, {"exclude_unset": True}, {"by_alias": True}]:
        assert_same_dumps(mine, oracle, **options)


# ---------------------------------------------------------------------------
# Random values


def _zones():
    zones = [None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30)), dt.timezone(-dt.timedelta(hours=11))]
    try:
        import zoneinfo

        zones += [zoneinfo.ZoneInfo("Europe/Paris"), zoneinfo.ZoneInfo("America/St_Johns")]
    except Exception:  # no time zone data here
        pass
    return zones


timezones = st.one_of(
    st.sampled_from(_zones()),
    st.integers(-(24 * 60) + 1, 24 * 60 - 1).map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))),
    st.integers(-86399, 86399).map(lambda seconds: dt.timezone(dt.timedelta(seconds=seconds))),
)

HASHABLE_LEAVES = {
    "none": st.none(),
    "bool": st.booleans(),
    "int": st.integers(),
    "big-int": st.sampled_from([2**64, -(2**63) - 1, -(2**100), 10**50]),
    "float": st.floats(),
    "float-edge": st.sampled_from([float("nan"), float("inf"), float("-inf"), -0.0, 5e-324, 1e16, 1e-7, 0.1]),
    "str": st.text(max_size=5),
    "str-edge": st.sampled_from(
        ["\ud800", "a\udfffb", "\x00\x1f\x7f", "\"\\/", "\u2028\u2029", "\U0001f600\u00e9", "</script>"]
    ),
    "bytes": st.binary(max_size=4),
    "bytes-utf8": st.text(max_size=4).map(str.encode),
    "date": st.dates(),
    "datetime": st.datetimes(timezones=timezones),
    "time": st.times(timezones=st.sampled_from(_zones()[:4])),
    "timedelta": st.timedeltas(),
    "timedelta-edge": st.sampled_from(
        [dt.timedelta(microseconds=-1), dt.timedelta.max, dt.timedelta.min, dt.timedelta(seconds=-86400.5)]
    ),
    "decimal": st.decimals(allow_nan=True, allow_infinity=True).filter(lambda d: not d.is_snan()),
    "uuid": st.uuids(),
    "enum": st.sampled_from(list(Color) + list(Level) + list(Tone) + list(Ratio)),
    "path": st.sampled_from([pathlib.Path("/a/b"), pathlib.Path("rel/x y"), pathlib.Path("."), pathlib.Path("\u00e9")]),
    "ip-address": st.ip_addresses(),
    "ip-network": st.sampled_from(
        [
            ipaddress.IPv4Network("10.0.0.0/8"),
            ipaddress.IPv6Network("2001:db8::/32"),
            ipaddress.IPv4Interface("1.2.3.4/24"),
            ipaddress.IPv6Interface("::1/64"),
        ]
    ),
}
OTHER_LEAVES = {
    "bytearray": st.binary(max_size=4).map(bytearray),
    "huge-int": st.sampled_from([Huge(5000), Huge(4400, -1), Huge(4300)]),
    "signaling-nan": st.just(Decimal("sNaN")),
    "unknown-type": st.builds(Opaque),
}
ALL_LEAVES = {**HASHABLE_LEAVES, **OTHER_LEAVES}


def _pick(strategies):
    """One of `strategies`, each kind as likely as the others."""
    return st.sampled_from(sorted(strategies)).flatmap(strategies.__getitem__)


hashable_leaf = _pick(HASHABLE_LEAVES)
DICT_KEYS = {
    "str": st.text(max_size=3),
    "int": st.integers(),
    "big-int": st.sampled_from([2**70, -(2**64)]),
    "float": st.floats(),
    "float-edge": st.sampled_from([1e-7, 2.5e-5, 6e-8, 1e-10, 1e16, 1e22, -0.0, 0.1, float("nan"), float("-inf")]),
    "bool": st.booleans(),
    "none": st.none(),
}
dict_keys = _pick(DICT_KEYS)


def exotic_values():
    return st.recursive(
        _pick(ALL_LEAVES),
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.lists(children, max_size=3).map(tuple),
            st.sets(hashable_leaf, max_size=3),
            st.frozensets(hashable_leaf, max_size=3),
            st.dictionaries(dict_keys, children, max_size=3),
            st.fixed_dictionaries({}, optional={"x": st.integers(-3, 3), "y": children, "Tag": st.text(max_size=3)}).map(
                Marker
            ),
        ),
        max_leaves=8,
    )


PLACES = ["alone", "in-list", "in-tuple", "dict-value", "dict-key", "set-member", "in-model", "beside", "keys"]


@st.composite
def any_field_values(draw):
    """A random value that holds a leaf of a chosen kind somewhere, so that
    every kind turns up whatever hypothesis favours."""
    kind = draw(st.sampled_from(sorted(ALL_LEAVES)))
    leaf = draw(ALL_LEAVES[kind])
    place = draw(st.sampled_from(PLACES))
    if place in ("dict-key", "set-member") and kind not in HASHABLE_LEAVES:
        place = "in-list"
    other = draw(exotic_values())
    if place == "alone":
        return leaf
    if place == "in-list":
        return [other, leaf]
    if place == "in-tuple":
        return (leaf, other)
    if place == "dict-value":
        return {draw(dict_keys): other, "leaf": leaf}
    if place == "dict-key":
        return {leaf: other}
    if place == "set-member":
        return {leaf, draw(hashable_leaf)}
    if place == "in-model":
        return Marker({"y": [leaf, other]})
    if place == "keys":  # keys of every kind in one dict
        keys = draw(st.lists(dict_keys, min_size=1, max_size=4))
        return {key: leaf for key in keys}
    return other


@given(
    any_field_values(),
    st.fixed_dictionaries(
        {},
        optional={
            "by_alias": st.booleans(),
            "exclude_none": st.booleans(),
            "exclude_defaults": st.booleans(),
            "exclude_unset": st.booleans(),
            "round_trip": st.booleans(),
        },
    ),
)
def test_any_values_dump_like_pydantic(value, options):
    note(f"value: {value!r}")
    assert_same_any_dumps(lambda ns: realize(value, ns), **options)


# --- fallback= ---------------------------------------------------------------------------------


def _fallback_models():
    import typing

    import pydantic

    import satya

    def define(lib):
        class Holder(lib.BaseModel):
            a: typing.Any = None
            items: list = []
            d: dict = {}

        return Holder

    return {"satya": define(satya), "pydantic": define(pydantic)}


FALLBACK_MODELS = _fallback_models()


def _named(value):
    return f"fb:{type(value).__name__}"


@pytest.mark.parametrize("fields", [
    {"a": Opaque()},
    {"items": [Opaque(), 1, [Opaque()]]},
    {"d": {"k": Opaque(), Opaque(): 2}},
    {"a": {"nested": (Opaque(), 1.5)}},
])
def test_fallback_dumps_unknown_values_as_pydantic(fields):
    results = {}
    for name, cls in FALLBACK_MODELS.items():
        m = cls(**fields)
        results[name] = (m.model_dump(fallback=_named), m.model_dump(mode="json", fallback=_named),
                         m.model_dump_json(fallback=_named))
    assert results["satya"] == results["pydantic"]


def test_fallback_errors_as_pydantic():
    def failing(value):
        raise ValueError("nope")

    outcomes = {}
    for name, cls in FALLBACK_MODELS.items():
        m = cls(a=Opaque())
        found = []
        for call in (lambda: m.model_dump(fallback=failing), lambda: m.model_dump_json(fallback=failing),
                     lambda: m.model_dump(mode="json", fallback=lambda v: Opaque()),
                     lambda: cls(d={Opaque(): 1}).model_dump_json(fallback=lambda v: [1])):
            try:
                call()
                found.append(None)
            except Exception as exc:  # noqa: BLE001 - the outcome itself is compared
                found.append(str(exc).split("\n")[0])
        outcomes[name] = found
    assert outcomes["satya"] == outcomes["pydantic"]


def test_fallback_through_a_type_adapter():
    import pydantic

    import satya

    def run(lib):
        adapter = lib.TypeAdapter(list)
        return adapter.dump_python([Opaque()], fallback=_named), adapter.dump_json([Opaque(), 2], fallback=_named)

    assert run(satya) == run(pydantic)
