"""`model_dump` and `model_dump_json`, case by case, against pydantic's.

Each test builds the same classes with the library under test and with
pydantic, dumps equal instances of both and compares everything observable:
the value of `model_dump(mode="python")` and of `mode="json"` (types, key
order, NaN, the sign of zero, which containers are the very input objects and
which are shared or cyclic), the text of `model_dump_json()` compact and with
`indent=2`, the exception (type and message) when one is raised, and the
warnings. Under `SATYA_TEST_LIBRARY=pydantic` both sides are pydantic, which
checks the tests themselves; the few values written out in full here were
printed by pydantic.

The hostile cases at the end (containers mutated during a dump, a lying
`__class__`, raising `__iter__`, very deep values) are satya-only: pydantic
itself raises pyo3's PanicException on most of them. They run in a child
process first, so that a crash is reported as a failure of its case."""

import datetime as dt
import enum
import ipaddress
import json
import math
import os
import pathlib
import subprocess
import sys
import textwrap
import types
import uuid
import warnings
from decimal import Decimal
from typing import Any, Optional

import pydantic
import pydantic_core
import pytest

import support
from support import satya_only

MINE = support.lib


# ---------------------------------------------------------------------------
# Comparable views of what a dump does


MUTABLE = (list, dict, set, bytearray)
MODEL_BASES = (pydantic.BaseModel,) + ((support.satya.Model,) if support.satya is not None else ())
CONTAINERS = (list, tuple, dict, set, frozenset)


def _type_name(tp) -> str:
    return f"{tp.__module__}.{tp.__qualname__}"


def error_kind(exc) -> str:
    """The exception's class, with pydantic's PydanticSerializationError and
    satya's SerializationError as the same thing."""
    if type(exc) is pydantic_core.PydanticSerializationError:
        return "SerializationError"
    mine = getattr(support.satya, "SerializationError", None)
    if mine is not None and type(exc) is mine:
        return "SerializationError"
    return _type_name(type(exc))


def mine_serialization_error():
    """The library under test's serialization error class."""
    if MINE is pydantic:
        return pydantic_core.PydanticSerializationError
    return MINE.SerializationError


def input_paths(value) -> dict:
    """{id: path} of every mutable container reachable from `value` (an input
    given to a model), models' field values included."""
    paths = {}

    def walk(v, path):
        if isinstance(v, MUTABLE) and type(v) in MUTABLE:
            if id(v) in paths:
                return
            paths[id(v)] = path
        if type(v) in (list, tuple):
            for i, item in enumerate(v):
                walk(item, f"{path}/{i}")
        elif type(v) is dict:
            for i, (key, item) in enumerate(v.items()):
                walk(key, f"{path}/key{i}")
                walk(item, f"{path}/{key!r}")
        elif type(v) in (set, frozenset):
            for item in v:
                walk(item, f"{path}/member")
        elif isinstance(v, MODEL_BASES):
            if id(v) in paths:
                return
            paths[id(v)] = path
            for name in type(v).model_fields:
                walk(getattr(v, name, None), f"{path}.{name}")

    walk(value, "")
    return paths


def canon(value, originals=None):
    """A comparable view of a dumped value: exact types, dict key order, NaN
    equal to NaN and the sign of zero; a mutable container that is an input
    object shows as ("input", its path), one met again as ("again", n) and a
    cycle as ("cycle", n)."""
    originals = originals or {}
    seen = {}
    stack = set()

    def walk(v):
        tp = type(v)
        if tp is float:
            return ("float", "nan" if math.isnan(v) else v, math.copysign(1.0, v))
        if tp in (bool, int, str, bytes, type(None)):
            return (tp.__name__, v)
        if tp in MUTABLE:
            if id(v) in stack:
                return ("cycle", seen[id(v)])
            if id(v) in originals:
                return ("input", originals[id(v)])
            if id(v) in seen:
                return ("again", seen[id(v)])
            seen[id(v)] = len(seen)
        if tp in CONTAINERS:
            stack.add(id(v))
            try:
                if tp in (list, tuple):
                    return (tp.__name__, [walk(item) for item in v])
                if tp is dict:
                    return ("dict", [(walk(k), walk(item)) for k, item in v.items()])
                return (tp.__name__, sorted((walk(item) for item in v), key=repr))
            finally:
                stack.discard(id(v))
        if tp is bytearray:
            return ("bytearray", bytes(v))
        if isinstance(v, MODEL_BASES):  # python mode hands some models back as they are
            return ("model", tp.__name__, ("input", originals[id(v)]) if id(v) in originals else "not an input")
        if isinstance(v, float) and math.isnan(v):
            return (_type_name(tp), "nan")
        return (_type_name(tp), repr(v))

    return walk(value)


def attempt(call, originals=None):
    """(how it ended, the value or the exception, the warnings) of `call()`."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = call()
        except Exception as exc:
            result = ("raises", error_kind(exc), str(exc))
        except BaseException as exc:  # pyo3's PanicException is a BaseException
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            result = ("raises", _type_name(type(exc)), str(exc))
        else:
            result = ("returns", canon(value, originals))
    return result + ([(w.category.__name__, str(w.message)) for w in caught],)


def dumps(instance, originals=None, **options):
    """Every way of dumping `instance` with `options`: {name: attempt(...)}."""
    return {
        "python": attempt(lambda: instance.model_dump(mode="python", **options), originals),
        "json": attempt(lambda: instance.model_dump(mode="json", **options), originals),
        "text": attempt(lambda: instance.model_dump_json(**options)),
        "indent": attempt(lambda: instance.model_dump_json(indent=2, **options)),
    }


def show(value, limit=4000) -> str:
    """repr() for a failure message, ints of any length included, cut short."""
    digits = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
    if digits is not None:
        sys.set_int_max_str_digits(0)
    try:
        text = repr(value)
    finally:
        if digits is not None:
            sys.set_int_max_str_digits(digits)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} characters)"


def assert_same_dumps(mine, oracle, mine_input=None, oracle_input=None, **options):
    """The instances dump alike in every way; returns pydantic's outcomes.
    `*_input` is what the instance was made from, for input identity."""
    mine_out = dumps(mine, input_paths(mine_input) if mine_input is not None else None, **options)
    oracle_out = dumps(oracle, input_paths(oracle_input) if oracle_input is not None else None, **options)
    for name in oracle_out:
        assert mine_out[name] == oracle_out[name], (
            f"{name} differs with options {show(options)}\n"
            f"mine:     {show(mine_out[name])}\npydantic: {show(oracle_out[name])}"
        )
    return oracle_out


def option_id(value) -> str:
    """A test id for options: sets written sorted, so that ids do not depend on hashing."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{option_id(k)}: {option_id(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (set, frozenset)):
        inner = ", ".join(sorted(option_id(v) for v in value))
        return f"{type(value).__name__}({{{inner}}})"
    if isinstance(value, (list, tuple)):
        return type(value).__name__ + "(" + ", ".join(option_id(v) for v in value) + ")"
    return repr(value)


def returned(outcome):
    """The value of a successful attempt (for the few written-out checks)."""
    assert outcome[0] == "returns", outcome
    return outcome[1]


# ---------------------------------------------------------------------------
# The classes, once per library


def define(lib, prefix):
    Base = pydantic.BaseModel if lib is pydantic else lib.Model
    Field = lib.Field

    class Secret(Base):
        name: str
        password: str

    class Account(Base):
        user: Secret
        tags: list[str] = []
        id: int = 0

    class Item(Base):
        name: str
        price: float = 0.0
        note: Optional[str] = None

    class Order(Base):
        items: list[Item] = []
        by_sku: dict[str, Item] = {}
        matrix: list[list[int]] = []
        counts: dict[int, int] = {}
        main: Optional[Item] = None
        extra: Any = None

    class Node(Base):
        v: int = 0
        child: Optional["Node"] = None

    class Holder(Base):
        a: Any = None

    class AnyList(Base):
        items: list[Any] = []

    class Animal(Base):
        x: int = 0

    class Dog(Animal):
        y: str = "woof"

    class Rock(Base):
        z: int = 0
        x: str = "stone"

    class Zoo(Base):
        one: Animal
        many: list[Animal] = []
        maybe: Optional[Animal] = None
        named: dict[str, Animal] = {}
        anything: Any = None

    class Leaf(Base):
        n: int = 0
        label: Optional[str] = None
        key_name: str = Field("k", alias="keyName")

    class Defaults(Base):
        plain: int = 1
        listed: list[int] = Field(default_factory=lambda: [1, 2])
        made: int = Field(default_factory=lambda: 7)
        maybe: Optional[str] = None
        aliased: str = Field("d", alias="Aliased")
        leaf: Optional[Leaf] = None
        leaves: list[Leaf] = Field(default_factory=list)
        by_key: dict[str, Leaf] = {}
        extra: Any = None

    class Typed(Base):
        f: float = 0.0
        i: int = 0
        s: Optional[str] = None
        b: bytes = b""
        flag: bool = False
        ints: list[int] = []
        by_key: dict[str, int] = {}
        item: Optional[Item] = None
        aliased: str = Field("q", alias="AA")

    class Scalars(Base):
        i: int = 0
        f: float = 0.0
        of: Optional[float] = None
        fl: list[float] = []
        fd: dict[str, float] = {}
        b: bytes = b""
        bl: list[bytes] = []
        s: str = ""
        a: Any = None

    classes = {name: value for name, value in locals().items() if isinstance(value, type) and issubclass(value, Base)}
    del classes["Base"]
    for name, cls in classes.items():
        cls.__qualname__ = prefix + name
        globals()[prefix + name] = cls
    return types.SimpleNamespace(**classes)


S = define(MINE, "Mine")
P = define(pydantic, "Oracle")


def both(make):
    """(make(S), make(P)): the same thing built with each library's classes."""
    return make(S), make(P)


def test_serialization_error_is_a_value_error():
    error = mine_serialization_error()
    assert issubclass(error, ValueError)
    assert error.__name__ in {"SerializationError", "PydanticSerializationError"}


@satya_only
def test_serialization_error_has_pydantics_name_too():
    assert support.satya.PydanticSerializationError is support.satya.SerializationError


# ---------------------------------------------------------------------------
# include / exclude


def _account(ns):
    return ns.Account(user={"name": "ann", "password": "pw"}, tags=["t"], id=3)


def test_nested_include_keeps_only_the_named_fields():
    mine, oracle = both(_account)
    outcomes = assert_same_dumps(mine, oracle, include={"user": {"name"}})
    assert returned(outcomes["python"]) == canon({"user": {"name": "ann"}})
    assert returned(outcomes["text"]) == canon('{"user":{"name":"ann"}}')


def test_nested_exclude_keeps_the_rest_of_the_model():
    mine, oracle = both(_account)
    outcomes = assert_same_dumps(mine, oracle, exclude={"user": {"password"}})
    assert returned(outcomes["python"]) == canon({"user": {"name": "ann"}, "tags": ["t"], "id": 3})


@pytest.mark.parametrize(
    "options",
    [
        {"include": {"user": True}},
        {"include": {"user": ...}},
        {"include": {"user": {"name": True, "password": ...}}},
        {"include": {"user": {"name"}}, "exclude": {"user": {"name"}}},
        {"include": {"user"}, "exclude": {"user": {"password"}}},
        {"exclude": {"user": ..., "tags": {0}}},
        {"include": {"user": {"name"}, "tags": {-1}}, "by_alias": True},
        {"include": {"user": {}}},
        {"include": {"user": set()}},
        {"exclude": {"user": {}}},
        {"include": {"__all__"}},
        {"include": {"__all__": {"name"}}},
        {"exclude": {"__all__": {"name"}}},
    ],
    ids=option_id,
)
def test_include_and_exclude_on_a_nested_model(options):
    mine, oracle = both(_account)
    assert_same_dumps(mine, oracle, **options)


ORDER_DATA = {
    "items": [{"name": "a", "price": 1.5}, {"name": "b", "note": "n"}, {"name": "c", "price": -0.0}],
    "by_sku": {"x": {"name": "ix"}, "y": {"name": "iy", "price": 2, "note": None}},
    "matrix": [[1, 2, 3], [4, 5], []],
    "counts": {1: 10, 2: 20, -3: 30},
    "main": {"name": "m"},
    "extra": {"k": [1, 2, (3, 4)], "j": {"deep": [{"a": 1, "b": 2}]}, "n": None},
}

FILTERS = [
    # indexes, negative and out of range, at several levels
    {"include": {"items": {0, -1}}},
    {"include": {"items": {-1: {"name"}}}},
    {"include": {"items": {-1: {"name"}, 2: {"price"}}}},
    {"include": {"items": {2: {"price"}, -1: {"name"}}}},
    {"include": {"items": {5, -5, 1}}},
    {"exclude": {"items": {-1, 10, -10}}},
    {"exclude": {"items": {-3: True, 1: ...}}},
    {"include": {"matrix": {-1: True, 0: {-1, 0}, 1: {7}}}},
    {"exclude": {"matrix": {"__all__": {0}}}},
    {"include": {"matrix": {"__all__": {-1}}}},
    # __all__ at nested levels
    {"include": {"items": {"__all__": {"name"}}}},
    {"include": {"items": {"__all__": {"name"}, 0: {"price"}}}},
    {"exclude": {"items": {"__all__": {"name"}, 0: {"price"}}}},
    {"exclude": {"items": {"__all__": {"name"}, 0: True}}},
    {"exclude": {"items": {"__all__"}}},
    {"exclude": {"items": {"__all__": ...}}},
    {"include": {"by_sku": {"__all__": {"note"}}}},
    {"include": {"by_sku": {"x": {"name"}, "__all__": {"price"}}}},
    {"include": {"__all__": ...}},
    {"include": {"__all__": {"name"}}},
    {"exclude": {"__all__": {"__all__"}}},
    # dict keys
    {"include": {"by_sku": {"y"}}},
    {"exclude": {"by_sku": {"y": {"note"}, "zz": True}}},
    {"include": {"counts": {1, -3}}},
    {"include": {"counts": {"1"}}},
    {"exclude": {"counts": {2: True}}},
    # inside an Any value
    {"include": {"extra": {"k": {0, -1}, "j": {"deep": {0: {"b"}}}}}},
    {"include": {"extra": {"k": {-1: {0}}}}},
    {"exclude": {"extra": {"k": {"__all__"}, "n": True}}},
    {"include": {"extra": {"__all__": {"deep"}}}},
    {"include": {"extra": {"n": {"x"}}}},
    # both at once, and the other forms of a key collection
    {"include": {"items", "main"}, "exclude": {"items"}},
    {"include": {"items": {0, 1}}, "exclude": {"items": {1}}},
    {"include": {"items": {0, 1}}, "exclude": {"items": ...}},
    {"include": {"items": {0: {"name"}}}, "exclude": {"items": {0: {"name"}}}},
    {"include": {"items": {0: {"name"}}}, "exclude": {"items": {0}}},
    {"include": ["items", "main"]},
    {"include": ("main",)},
    {"include": frozenset({"main"})},
    {"include": {"items": [0, 2]}},
    {"include": {"nope"}},
    {"exclude": {"nope"}},
    {"include": set()},
    {"include": {}},
    {"exclude": {}},
    {"include": {"main": None}},
    {"exclude": {"main": None}},
    {"exclude": {"__all__": None}},
    {"include": {"__all__": None, "main": {"name"}}},
    {"include": {"items": {"__all__": set()}}},
    {"include": {"items": {"__all__": None, 0: {"name"}}}},
    {"exclude": {"items": {"__all__": {}}}},
    # refused by pydantic with a TypeError (and a serialization error from model_dump_json)
    {"include": {"main": False}},
    {"exclude": {"main": False}},
    {"include": {"main": 1}},
    {"include": {"items": {0: "name"}}},
]


@pytest.mark.parametrize("options", FILTERS, ids=option_id)
@pytest.mark.parametrize("by_alias", [False, True])
def test_include_and_exclude_at_nested_levels(options, by_alias):
    mine, oracle = both(lambda ns: ns.Order.model_validate(ORDER_DATA))
    assert_same_dumps(mine, oracle, by_alias=by_alias, **options)


def test_a_negative_index_counts_from_the_end():
    mine, oracle = both(lambda ns: ns.Order.model_validate(ORDER_DATA))
    outcomes = assert_same_dumps(mine, oracle, include={"items": {-1: {"name"}}, "matrix": {-2}})
    assert returned(outcomes["python"]) == canon({"items": [{"name": "c"}], "matrix": [[4, 5]]})


def test_a_bad_include_value_is_pydantics_type_error():
    mine, oracle = both(lambda ns: ns.Order.model_validate(ORDER_DATA))
    outcomes = assert_same_dumps(mine, oracle, include={"main": False})
    assert outcomes["python"][:3] == ("raises", "builtins.TypeError", "`include` argument must be a set or dict.")
    assert outcomes["text"][:3] == (
        "raises",
        "SerializationError",
        "Error serializing to JSON: TypeError: `include` argument must be a set or dict.",
    )


# ---------------------------------------------------------------------------
# Depth


def _chain(depth):
    """The dict of a Node chain `depth` models deep, every key present."""
    data = {"v": depth, "child": None}
    for level in range(depth - 1, 0, -1):
        data = {"v": level, "child": data}
    return data


@pytest.mark.parametrize("depth", [201, 202, 230, 254, 255])
def test_a_model_chain_201_to_255_deep_dumps(depth):
    data = _chain(depth)
    mine, oracle = both(lambda ns: ns.Node.model_validate(data))
    outcomes = assert_same_dumps(mine, oracle)
    assert returned(outcomes["python"]) == returned(outcomes["json"]) == canon(data)
    assert json.loads(returned(outcomes["text"])[1]) == data
    assert json.loads(mine.model_dump_json()) == data


@pytest.mark.parametrize("depth", [201, 255])
def test_a_deep_chain_dumps_with_options_and_filters(depth):
    data = _chain(depth)
    mine = S.Node.model_validate(data)
    oracle = P.Node.model_validate(data)
    assert_same_dumps(mine, oracle, exclude_unset=True)
    assert_same_dumps(mine, oracle, include={"v": True, "child": {"v": True, "child": ...}})


def _constructed_chain(ns, depth):
    node = None
    for level in range(depth):
        node = ns.Node.model_construct(v=level, child=node)
    return node


@pytest.mark.parametrize("depth", [255, 256, 300, 1000])
def test_a_constructed_chain_deeper_than_pydantics_limit_dumps_like_pydantic(depth):
    mine, oracle = both(lambda ns: _constructed_chain(ns, depth))
    outcomes = assert_same_dumps(mine, oracle)
    if depth > 255:
        assert outcomes["python"][:3] == ("raises", "builtins.ValueError", "Maximum serialization depth exceeded")
        assert outcomes["text"][:3] == (
            "raises",
            "SerializationError",
            "Error serializing to JSON: ValueError: Maximum serialization depth exceeded",
        )


@pytest.mark.parametrize("depth", [253, 254, 255, 256, 400])
def test_deeply_nested_lists_in_an_any_field_dump_like_pydantic(depth):
    # pydantic: json mode stops with "Maximum serialization depth exceeded";
    # python mode hands the too-deep part back as the input object.
    def make(ns):
        value = None
        for _ in range(depth):
            value = [value]
        return value, ns.Holder(a=value)

    (mine_value, mine), (oracle_value, oracle) = both(make)
    assert_same_dumps(mine, oracle, {"a": mine_value}, {"a": oracle_value})


# ---------------------------------------------------------------------------
# Values of an Any field in python and json mode


class Color(enum.Enum):
    RED = 1
    GREEN = "g"
    PAIR = (1, 2)
    DAY = dt.date(2020, 1, 1)


class Level(enum.IntEnum):
    HIGH = 5


class Tone(str, enum.Enum):
    WARM = "warm"


class Ratio(float, enum.Enum):
    HALF = 0.5


class Opaque:
    """An object pydantic knows nothing about."""

    def __repr__(self):
        return "Opaque()"


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
    mine, oracle = both(lambda ns: ns.Holder(a=value))
    assert_same_dumps(mine, oracle, {"a": value}, {"a": value})
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
# A subclass instance in a field of its base class


def _zoo(ns):
    return ns.Zoo(
        one=ns.Dog(x=1, y="a"),
        many=[ns.Dog(), ns.Animal(x=2)],
        maybe=ns.Dog(y="b"),
        named={"k": ns.Dog(x=3)},
        anything=ns.Dog(x=4),
    )


@pytest.mark.parametrize(
    "options", [{}, {"exclude_unset": True}, {"include": {"one": {"x", "y"}}}, {"exclude_defaults": True}], ids=option_id
)
def test_a_subclass_instance_dumps_only_the_fields_of_the_declared_class(options):
    mine, oracle = both(_zoo)
    assert_same_dumps(mine, oracle, **options)


def test_a_subclass_instance_written_out():
    dumped = _zoo(S).model_dump()
    assert dumped["one"] == {"x": 1}
    assert dumped["many"] == [{"x": 0}, {"x": 2}]
    assert dumped["named"] == {"k": {"x": 3}}
    assert dumped["anything"] == {"x": 4, "y": "woof"}  # Any dumps the instance's own fields


def test_an_instance_of_an_unrelated_model_in_a_model_field():
    # pydantic reads the declared class's fields off it and warns.
    mine, oracle = both(lambda ns: ns.Zoo.model_construct(one=ns.Rock(z=1), many=[ns.Rock()]))
    assert_same_dumps(mine, oracle)


# ---------------------------------------------------------------------------
# Cycles and shared values


def _self_list():
    value = [1]
    value.append(value)
    return value


def _self_dict():
    value = {"a": 1}
    value["me"] = value
    return value


def _list_dict_cycle():
    inner = []
    outer = {"x": inner}
    inner.append(outer)
    return [outer]


def _shared():
    part = [1, {"k": "v"}]
    return {"first": part, "second": part, "third": [part, part]}


CYCLE_VALUES = {"self-list": _self_list, "self-dict": _self_dict, "list-dict-cycle": _list_dict_cycle, "shared": _shared}


@pytest.mark.parametrize("name", sorted(CYCLE_VALUES))
def test_a_cycle_in_an_any_field_ends_as_in_pydantic(name):
    def make(ns):
        value = CYCLE_VALUES[name]()
        return value, ns.Holder(a=value)

    (mine_value, mine), (oracle_value, oracle) = both(make)
    assert_same_dumps(mine, oracle, {"a": mine_value}, {"a": oracle_value})


@pytest.mark.parametrize("name", sorted(CYCLE_VALUES))
def test_a_cycle_in_a_list_of_any_ends_as_in_pydantic(name):
    def make(ns):
        value = CYCLE_VALUES[name]()
        items = [value]
        return items, ns.AnyList.model_construct(items=items)

    (mine_value, mine), (oracle_value, oracle) = both(make)
    assert_same_dumps(mine, oracle, {"items": mine_value}, {"items": oracle_value})


CIRCULAR = "Circular reference detected (id repeated)"


def test_a_list_that_contains_itself_written_out():
    value = _self_list()
    mine = S.Holder(a=value)
    # python mode: pydantic copies the outer list and hands back the repeated one as it is
    dumped = mine.model_dump()["a"]
    assert dumped is not value and dumped[0] == 1 and dumped[1] is value
    with pytest.raises(ValueError) as info:
        mine.model_dump(mode="json")
    assert (error_kind(info.value), str(info.value)) == ("builtins.ValueError", CIRCULAR)
    with pytest.raises(mine_serialization_error()) as info:
        mine.model_dump_json()
    assert str(info.value) == f"Error serializing to JSON: ValueError: {CIRCULAR}"


def _node_containing_itself(ns):
    node = ns.Node.model_construct(v=1)
    node.child = node
    return node


def _holder_containing_itself(ns):
    holder = ns.Holder.model_construct()
    holder.a = [holder]
    return holder


def _two_holders(ns):
    first, second = ns.Holder.model_construct(), ns.Holder.model_construct()
    first.a = {"other": second}
    second.a = {"other": first}
    return first


@pytest.mark.parametrize(
    "make", [_node_containing_itself, _holder_containing_itself, _two_holders], ids=lambda f: f.__name__
)
def test_a_model_that_contains_itself_raises_as_in_pydantic(make):
    mine, oracle = both(make)
    outcomes = assert_same_dumps(mine, oracle, mine, oracle)
    # In python mode pydantic raises only for the model field; through an Any
    # value it hands the repeated model back as it is.
    assert outcomes["json"][:3] == ("raises", "builtins.ValueError", CIRCULAR)
    assert outcomes["text"][:3] == ("raises", "SerializationError", f"Error serializing to JSON: ValueError: {CIRCULAR}")


def test_the_same_model_twice_is_not_a_cycle():
    def make(ns):
        leaf = ns.Leaf(n=1)
        return ns.Holder(a=[leaf, leaf, {"again": leaf}])

    mine, oracle = both(make)
    assert_same_dumps(mine, oracle)


# ---------------------------------------------------------------------------
# Numbers, bytes and strings


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


STRINGS = [
    "",
    "plain",
    "\x00\x01\x1f\x7f",
    "\t\n\r\x08\x0c",
    "\"'\\/",
    "\u00e9\u65e5\U0001f600",
    "\u2028\u2029\ufeff",
    "a\ud800",
    "\udfff",
]


@pytest.mark.parametrize("value", STRINGS, ids=repr)
def test_strings_dump_like_pydantic(value):
    mine, oracle = both(lambda ns: ns.Scalars(s=value, a={value: value}))
    assert_same_dumps(mine, oracle, include={"s", "a"})


# ---------------------------------------------------------------------------
# by_alias, exclude_none, exclude_defaults, exclude_unset, round_trip at depth


DEFAULTS_INPUTS = {
    "empty": {},
    "all-defaults-given": {"plain": 1, "listed": [1, 2], "made": 7, "maybe": None, "Aliased": "d", "by_key": {}},
    "changed": {"plain": 2, "listed": [], "made": 8, "maybe": "m", "Aliased": "x"},
    "nested": {
        "leaf": {},
        "leaves": [{}, {"n": 0, "label": None}, {"n": 5, "keyName": "kk"}, {"label": "l"}],
        "by_key": {"a": {}, "b": {"label": None, "keyName": "k"}, "c": {"n": 1}},
    },
    "any": {"extra": {"none": None, "list": [None, {"x": None}], "leafy": None}},
}

OPTION_SETS = [
    {},
    {"by_alias": True},
    {"exclude_none": True},
    {"exclude_defaults": True},
    {"exclude_unset": True},
    {"exclude_unset": True, "exclude_defaults": True},
    {"exclude_none": True, "exclude_defaults": True, "by_alias": True},
    {"exclude_unset": True, "exclude_none": True, "by_alias": True},
    {"round_trip": True},
    {"round_trip": True, "exclude_unset": True, "by_alias": True},
    {"exclude_defaults": True, "include": {"leaves": {"__all__": {"n", "label"}}, "plain": True}},
    {"exclude_unset": True, "exclude": {"by_key": {"a"}, "leaves": {-1}}},
]


@pytest.mark.parametrize("options", OPTION_SETS, ids=option_id)
@pytest.mark.parametrize("case", sorted(DEFAULTS_INPUTS))
def test_options_apply_at_every_depth(case, options):
    data = DEFAULTS_INPUTS[case]
    mine, oracle = both(lambda ns: ns.Defaults.model_validate(data))
    assert_same_dumps(mine, oracle, **options)


def test_options_apply_to_models_inside_any_values():
    def make(ns):
        return ns.Defaults(extra={"leaf": ns.Leaf(label=None), "leaves": [ns.Leaf(n=0), ns.Leaf(n=1, keyName="z")]})

    mine, oracle = both(make)
    for options in OPTION_SETS:
        assert_same_dumps(mine, oracle, **options)


def test_options_written_out():
    instance = S.Defaults.model_validate(DEFAULTS_INPUTS["nested"])
    # a default_factory's value counts as the default; a nested model's fields are compared one by one
    assert instance.model_dump(exclude_defaults=True) == {
        "leaf": {},
        "leaves": [{}, {}, {"n": 5, "key_name": "kk"}, {"label": "l"}],
        "by_key": {"a": {}, "b": {}, "c": {"n": 1}},
    }
    assert instance.model_dump(exclude_unset=True, by_alias=True) == {
        "leaf": {},
        "leaves": [{}, {"n": 0, "label": None}, {"n": 5, "keyName": "kk"}, {"label": "l"}],
        "by_key": {"a": {}, "b": {"label": None, "keyName": "k"}, "c": {"n": 1}},
    }
    assert S.Defaults().model_dump(exclude_defaults=True) == {}
    assert S.Defaults(listed=[1, 2], made=7).model_dump(exclude_defaults=True) == {}
    assert S.Defaults(listed=[1, 2], made=7).model_dump(exclude_unset=True) == {"listed": [1, 2], "made": 7}
    assert S.Defaults().model_dump(by_alias=True)["Aliased"] == "d"


def test_exclude_none_keeps_none_in_dicts_and_lists_but_drops_none_fields():
    dumped = S.Defaults(extra={"none": None, "list": [None], "leaf": S.Leaf()}, maybe=None).model_dump(exclude_none=True)
    assert dumped["extra"] == {"none": None, "list": [None], "leaf": {"n": 0, "key_name": "k"}}
    assert "maybe" not in dumped and "leaf" not in dumped


# ---------------------------------------------------------------------------
# Values that do not match the declared type, and warnings


MISMATCHES = {
    "float-holds-str": {"f": "str"},
    "int-holds-str": {"i": "x"},
    "int-holds-float": {"i": 1.5},
    "int-holds-bool": {"i": True},
    "float-holds-int": {"f": 1},
    "str-holds-int": {"s": 3},
    "bytes-holds-str": {"b": "s"},
    "bool-holds-int": {"flag": 1},
    "list-holds-tuple": {"ints": (1, 2)},
    "list-item-mismatch": {"ints": [1, "a", 2.5]},
    "dict-value-mismatch": {"by_key": {"k": "v"}},
    "model-holds-dict": {"item": {"name": "x"}},
    "alias-field": {"AA": 3},
    "several": {"f": "str", "i": "x", "ints": [1, "a"], "s": 4},
    "nan-in-int": {"i": float("nan")},
    "huge-int-in-float": {"f": 2**80},
}


@pytest.mark.parametrize("case", sorted(MISMATCHES))
@pytest.mark.parametrize("warn", [True, False])
def test_a_mismatched_value_dumps_and_warns_like_pydantic(case, warn):
    values = MISMATCHES[case]
    mine, oracle = both(lambda ns: ns.Typed.model_construct(**values))
    assert_same_dumps(mine, oracle, warnings=warn)


def test_a_mismatched_nested_value_warns_with_the_inner_field_name():
    def make(ns):
        return ns.Typed.model_construct(item=ns.Item.model_construct(name=5, price="p"))

    mine, oracle = both(make)
    assert_same_dumps(mine, oracle)
    assert_same_dumps(mine, oracle, warnings=False)


WARNING_TEXT = (
    "Pydantic serializer warnings:\n  PydanticSerializationUnexpectedValue(Expected `float` - serialized value "
    "may not be as expected [field_name='f', input_value='str', input_type=str])"
)


def test_the_warning_written_out():
    instance = S.Typed.model_construct(f="str")
    for call in (instance.model_dump, lambda **kw: instance.model_dump(mode="json", **kw), instance.model_dump_json):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        assert [(w.category, str(w.message)) for w in caught] == [(UserWarning, WARNING_TEXT)]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call(warnings=False)
        assert caught == []
    assert instance.model_dump(warnings=False)["f"] == "str"
    assert instance.model_dump_json(warnings=False) == (
        '{"f":"str","i":0,"s":null,"b":"","flag":false,"ints":[],"by_key":{},"item":null,"aliased":"q"}'
    )


def test_valid_instances_do_not_warn():
    instance = S.Typed(f=1, i=2, s="s", b=b"b", flag=True, ints=[1], by_key={"k": 1}, item={"name": "n"}, AA="a")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        instance.model_dump()
        instance.model_dump(mode="json")
        instance.model_dump_json()


# ---------------------------------------------------------------------------
# Layout of the JSON text


@pytest.mark.parametrize("indent", [None, 0, 1, 2, 4])
def test_indented_json_is_pydantics(indent):
    data = {"items": [{"name": "a"}], "by_sku": {}, "matrix": [[], [1]], "counts": {1: 2}, "extra": {"e": {}, "l": [[]]}}
    mine, oracle = both(lambda ns: ns.Order.model_validate(data))
    assert mine.model_dump_json(indent=indent) == oracle.model_dump_json(indent=indent)
    assert mine.model_dump_json(indent=indent, by_alias=True, exclude={"items"}) == oracle.model_dump_json(
        indent=indent, by_alias=True, exclude={"items"}
    )


def test_dump_returns_new_containers():
    data = {"items": [{"name": "a"}], "matrix": [[1]], "extra": {"l": [1]}}
    mine, oracle = both(lambda ns: ns.Order.model_validate(data))
    assert_same_dumps(mine, oracle)
    dumped = mine.model_dump()
    dumped["matrix"][0].append(2)
    dumped["extra"]["l"].append(2)
    assert mine.matrix == [[1]] and mine.extra == {"l": [1]}


# ---------------------------------------------------------------------------
# Hostile values: the dump may succeed or raise an Exception, but never
# raise pyo3's PanicException (a BaseException) or crash the process.


class Trap:
    """Holds the container a hostile value mutates."""

    target = None


def _mutate():
    target = Trap.target
    if isinstance(target, dict):
        target.clear()
        target.update({f"k{i}": i for i in range(64)})
    elif isinstance(target, list):
        target.clear()
        target.extend(range(64))
    elif isinstance(target, set):
        target.clear()
        target.update(range(64))


class MutatingDecimal(Decimal):
    def __str__(self):
        _mutate()
        return "1"

    __repr__ = __str__

    def __float__(self):
        _mutate()
        return 1.0


class MutatingClass:
    """Lies about its class and mutates the container on the way."""

    @property
    def __class__(self):
        _mutate()
        return dict


class ListLiar:
    @property
    def __class__(self):
        _mutate()
        return list


class IntLiar:
    @property
    def __class__(self):
        return int


class RaisingClass:
    @property
    def __class__(self):
        raise RuntimeError("no class")


class MutatingEnum(enum.Enum):
    A = 1

    @property
    def value(self):
        _mutate()
        return 1


class MutatingTz(dt.tzinfo):
    def utcoffset(self, when):
        _mutate()
        return dt.timedelta(hours=1)

    def dst(self, when):
        return None

    def tzname(self, when):
        return "X"


class MutatingStr(str):
    def __str__(self):
        _mutate()
        return "s"


class MutatingInt(int):
    def __int__(self):
        _mutate()
        return 1

    def __index__(self):
        _mutate()
        return 1

    def __repr__(self):
        _mutate()
        return "1"


class MutatingFloat(float):
    def __float__(self):
        _mutate()
        return 1.0

    def __repr__(self):
        _mutate()
        return "1.0"


class MutatingUUID(uuid.UUID):
    def __str__(self):
        _mutate()
        return "u"


class MutatingPath(type(pathlib.Path())):
    def __str__(self):
        _mutate()
        return "p"

    def __fspath__(self):
        _mutate()
        return "p"


class MutatingHashKey:
    def __hash__(self):
        _mutate()
        return 1

    def __eq__(self, other):
        _mutate()
        return self is other


class MutatingStrKey(str):
    def __hash__(self):
        _mutate()
        return str.__hash__(self)

    def __eq__(self, other):
        _mutate()
        return str.__eq__(self, other)


class RaisingIterList(list):
    def __iter__(self):
        raise RuntimeError("boom")


class RaisingIterDict(dict):
    def __iter__(self):
        raise RuntimeError("boom")

    def items(self):
        raise RuntimeError("boom")

    def keys(self):
        raise RuntimeError("boom")

    def values(self):
        raise RuntimeError("boom")


class RaisingIterSet(set):
    def __iter__(self):
        raise RuntimeError("boom")


class RaisingIterFrozenset(frozenset):
    def __iter__(self):
        raise RuntimeError("boom")


class RaisingIterTuple(tuple):
    def __iter__(self):
        raise RuntimeError("boom")


class RaisingIterObject:
    def __iter__(self):
        raise RuntimeError("boom")


class MutatingIterList(list):
    def __iter__(self):
        _mutate()
        return list.__iter__(self)


def _raising_generator():
    yield 1
    raise RuntimeError("boom")


def _in_dict(make_value):
    """A case: a dict holding the hostile value (first) and more entries, which
    the value mutates."""

    def case():
        Trap.target = {"first": make_value(), "b": 2, "c": [3], "d": {"e": 4}}
        return Trap.target

    return case


def _in_list(make_value):
    def case():
        Trap.target = [make_value(), 2, [3], {"e": 4}]
        return Trap.target

    return case


def _in_set(make_value):
    def case():
        Trap.target = {make_value(), 2, 3}
        return Trap.target

    return case


def _as_key(make_key):
    def case():
        Trap.target = {make_key(): 1, "b": 2, "c": 3}
        return Trap.target

    return case


def _deep_list(depth):
    def case():
        value = None
        for _ in range(depth):
            value = [value]
        return value

    return case


def _deep_dict(depth):
    def case():
        value = {}
        for _ in range(depth):
            value = {"k": value}
        return value

    return case


HOSTILE_VALUES = {
    "decimal-str-mutates-dict": _in_dict(lambda: MutatingDecimal(1)),
    "decimal-str-mutates-list": _in_list(lambda: MutatingDecimal(1)),
    "decimal-str-mutates-set": _in_set(lambda: MutatingDecimal(1)),
    "enum-value-mutates-dict": _in_dict(lambda: MutatingEnum.A),
    "enum-value-mutates-list": _in_list(lambda: MutatingEnum.A),
    "tzinfo-mutates-dict-datetime": _in_dict(lambda: dt.datetime(2020, 1, 1, tzinfo=MutatingTz())),
    "tzinfo-mutates-dict-time": _in_dict(lambda: dt.time(1, tzinfo=MutatingTz())),
    "str-subclass-mutates-dict": _in_dict(lambda: MutatingStr("x")),
    "int-subclass-mutates-dict": _in_dict(lambda: MutatingInt(5)),
    "float-subclass-mutates-dict": _in_dict(lambda: MutatingFloat(5.0)),
    "uuid-subclass-mutates-dict": _in_dict(lambda: MutatingUUID(int=1)),
    "path-subclass-mutates-dict": _in_dict(lambda: MutatingPath("x")),
    "class-property-says-dict-and-mutates-dict": _in_dict(MutatingClass),
    "class-property-says-dict-and-mutates-list": _in_list(MutatingClass),
    "class-property-says-list-and-mutates-dict": _in_dict(ListLiar),
    "class-property-says-int": _in_dict(IntLiar),
    "class-property-raises": _in_dict(RaisingClass),
    "class-property-object-alone": lambda: MutatingClass(),
    "hash-mutates-dict-key": _as_key(MutatingHashKey),
    "str-key-hash-mutates-dict": _as_key(lambda: MutatingStrKey("first")),
    "str-key-str-mutates-dict": _as_key(lambda: MutatingStr("first")),
    "int-key-mutates-dict": _as_key(lambda: MutatingInt(1)),
    "decimal-key-mutates-dict": _as_key(lambda: MutatingDecimal(2)),
    "raising-iter-list": lambda: RaisingIterList([1, 2]),
    "raising-iter-dict": lambda: RaisingIterDict(a=1),
    "raising-iter-set": lambda: RaisingIterSet([1]),
    "raising-iter-frozenset": lambda: RaisingIterFrozenset([1]),
    "raising-iter-tuple": lambda: RaisingIterTuple((1, 2)),
    "raising-iter-object": RaisingIterObject,
    "raising-iter-nested": lambda: {"x": [RaisingIterList([1]), RaisingIterSet([2])]},
    "raising-generator": _raising_generator,
    "mutating-iter-list": _in_dict(lambda: MutatingIterList([1, 2])),
    "deep-list-100000": _deep_list(100_000),
    "deep-dict-100000": _deep_dict(100_000),
}

# Options that make a dump look keys up (in a filter) while it iterates.
HOSTILE_OPTIONS = [
    {},
    {"include": {"a": {"first": True, "b": True, 0: True}}},
    {"exclude": {"a": {"c"}}},
    {"exclude_none": True},
]


def _run_hostile(case):
    """[(call, options, how it ended)] of every dump of `case`."""
    results = []
    for options in HOSTILE_OPTIONS:
        for call in ("python", "json", "text"):
            value = HOSTILE_VALUES[case]()
            instance = S.Holder.model_construct(a=value)
            try:
                if call == "text":
                    instance.model_dump_json(**options)
                else:
                    instance.model_dump(mode=call, **options)
            except BaseException as exc:
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                kind = ("Exception" if isinstance(exc, Exception) else "BaseException", type(exc).__name__)
            else:
                kind = ("returned", None)
            finally:
                Trap.target = None
            results.append((call, repr(options), kind))
    return results


def _run_hostile_model(case):
    """Hostile models: a deep constructed chain."""
    results = []
    node = None
    for level in range(100_000):
        node = S.Node.model_construct(v=level, child=node)
    for call in ("python", "json", "text"):
        try:
            node.model_dump_json() if call == "text" else node.model_dump(mode=call)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            kind = ("Exception" if isinstance(exc, Exception) else "BaseException", type(exc).__name__)
        else:
            kind = ("returned", None)
        results.append((call, "{}", kind))
    return results


HOSTILE_CASES = sorted(HOSTILE_VALUES) + ["constructed-chain-100000"]
HANG_SECONDS = 120

_CHILD = textwrap.dedent(
    """
    import json, sys
    sys.path.insert(0, {tests_dir!r})
    sys.setrecursionlimit(10000)
    import test_serializers as t
    for case in sys.argv[1:]:
        print("START", case, flush=True)
        results = t._run_hostile_model(case) if case == "constructed-chain-100000" else t._run_hostile(case)
        print("DONE", case, json.dumps(results), flush=True)
    """
)


def _run_children(cases):
    """Runs the cases in child processes: ({case: results}, {case: why it crashed or hung})."""
    results, crashes = {}, {}
    remaining = list(cases)
    code = _CHILD.format(tests_dir=os.path.dirname(os.path.abspath(__file__)))
    while remaining:
        try:
            proc = subprocess.run(
                [sys.executable, "-c", code, *remaining], capture_output=True, text=True, timeout=HANG_SECONDS
            )
            stdout, why = proc.stdout, f"the process ended with code {proc.returncode}: {proc.stderr[-800:]}"
        except subprocess.TimeoutExpired as exc:
            stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            why, proc = f"no answer within {HANG_SECONDS} s", None
        started = [line.split(" ", 1)[1] for line in stdout.splitlines() if line.startswith("START ")]
        for line in stdout.splitlines():
            if line.startswith("DONE "):
                _, case, payload = line.split(" ", 2)
                results[case] = json.loads(payload)
        if proc is not None and proc.returncode == 0:
            break
        culprit = next((case for case in started if case not in results), remaining[0])
        crashes[culprit] = why
        remaining = [case for case in remaining if case not in results and case != culprit]
    return results, crashes


@pytest.fixture(scope="module")
def hostile_results():
    return _run_children(HOSTILE_CASES)


@satya_only
@pytest.mark.parametrize("case", HOSTILE_CASES)
def test_a_hostile_value_never_panics_or_crashes(hostile_results, case):
    results, crashes = hostile_results
    assert case not in crashes, f"{case}: {crashes[case]}"
    assert case in results, f"{case}: no result"
    bad = [
        (call, options, kind)
        for call, options, kind in results[case]
        if kind[0] == "BaseException" or kind[1] == "PanicException"
    ]
    assert not bad, f"{case}: {bad}"
