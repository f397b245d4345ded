"""The harness of the dump tests (tests/test_serialize_*.py, test_fields_set.py):
the same classes defined with the library under test and with pydantic,
comparable views of everything a dump does (value, exception, warnings, which
containers are the input's own objects) and `assert_same_dumps`, which dumps
two instances every way and compares. Under `SATYA_TEST_LIBRARY=pydantic` both
sides are pydantic, which checks the harness."""

import json
import math
import sys
import types
import warnings
from decimal import Decimal
from typing import Any, Optional

import pydantic
import pydantic_core

import support

MINE = support.lib
MODEL_BASES = (pydantic.BaseModel,) + ((support.satya.Model,) if support.satya is not None else ())
MUTABLE = (list, dict, set, bytearray)
CONTAINERS = (list, tuple, dict, set, frozenset)


# ---------------------------------------------------------------------------
# Comparable views of what a dump does


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
    """{id: path} of every mutable container and model reachable from `value`
    (what an instance was made from), models' field values included."""
    paths = {}

    def walk(v, path):
        if type(v) in MUTABLE or isinstance(v, MODEL_BASES):
            if id(v) in paths:
                return
            paths[id(v)] = path
        if type(v) in (list, tuple):
            for i, item in enumerate(v):
                walk(item, f"{path}/{i}")
        elif type(v) is dict:
            for i, (key, item) in enumerate(v.items()):
                walk(key, f"{path}/key{i}")
                walk(item, f"{path}/value{i}")
        elif type(v) in (set, frozenset):
            for item in v:
                walk(item, f"{path}/member")
        elif isinstance(v, MODEL_BASES):
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
        if isinstance(v, Decimal):
            return (_type_name(tp), str(v))
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
        "json.loads": attempt(lambda: json.loads(instance.model_dump_json(**options))),
        "text": attempt(lambda: instance.model_dump_json(**options)),
        "indent=2": attempt(lambda: instance.model_dump_json(indent=2, **options)),
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


def assert_same_value_dumps(instance, oracle, stored, json_value):
    """The field `v` of `instance` dumps as `stored` (python mode) and as
    `json_value` (JSON mode and text), and `instance` dumps like `oracle`, the
    same with pydantic, as it is and with round_trip=True."""
    support.assert_same_value(instance.model_dump()["v"], stored)
    support.assert_same_value(instance.model_dump(mode="json")["v"], json_value)
    assert instance.model_dump_json() == json.dumps({"v": json_value}, separators=(",", ":"))
    assert_same_dumps(instance, oracle)
    assert_same_dumps(instance, oracle, round_trip=True)


def returned(outcome):
    """The value of a successful attempt (for the few written-out checks)."""
    assert outcome[0] == "returns", outcome
    return outcome[1]


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


# ---------------------------------------------------------------------------
# The classes, once per library


def model_base(lib):
    """The model base class of `lib` (satya or pydantic)."""
    return pydantic.BaseModel if lib is pydantic else lib.Model


def publish(prefix, classes: dict) -> types.SimpleNamespace:
    """`classes` ({name: class}) as a namespace, each class registered in its
    module as `prefix` + its name (and so named), so that pickle finds it."""
    for name, cls in classes.items():
        cls.__qualname__ = prefix + name
        setattr(sys.modules[cls.__module__], prefix + name, cls)
    return types.SimpleNamespace(**classes)


def define(lib, prefix):
    Base = model_base(lib)
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

    class Point(Base):
        """A model inside random values: `Marker(data)` is `Point(**data)`."""

        x: int = 0
        y: Optional[Any] = None
        tag: str = Field("t", alias="Tag")

    classes = {name: value for name, value in locals().items() if isinstance(value, type) and issubclass(value, Base)}
    del classes["Base"]
    return publish(prefix, classes)


S = define(MINE, "Mine")
P = define(pydantic, "Oracle")


def both(make):
    """(make(S), make(P)): the same thing built with each library's classes."""
    return make(S), make(P)


def assert_same_any_dumps(make_value, **options):
    """`Holder(a=make_value(ns))` dumps alike with S and P, each library's with
    a value of its own; returns pydantic's outcomes."""
    mine_value, oracle_value = make_value(S), make_value(P)
    mine, oracle = S.Holder(a=mine_value), P.Holder(a=oracle_value)
    return assert_same_dumps(mine, oracle, {"a": mine_value}, {"a": oracle_value}, **options)


# ---------------------------------------------------------------------------
# Values


def nested_lists(depth):
    """None inside `depth` lists."""
    value = None
    for _ in range(depth):
        value = [value]
    return value


def constructed_chain(ns, depth):
    """A chain of `depth` `ns.Node`s made with model_construct (so not limited
    by validation)."""
    node = None
    for level in range(depth):
        node = ns.Node.model_construct(v=level, child=node)
    return node


class Huge:
    """10 ** digits (sign -1 or 1): an int too long for repr(), which
    hypothesis needs to print an example."""

    def __init__(self, digits, sign=1):
        self.digits, self.sign = digits, sign

    def __repr__(self):
        return f"{'-' if self.sign < 0 else ''}10**{self.digits}"


class Marker:
    """A Point instance to be: its input data."""

    def __init__(self, data):
        self.data = data

    def __repr__(self):
        return f"Point({self.data!r})"


def realize(value, ns):
    """`value` with new containers, each Huge made an int and each Marker an
    `ns.Point` instance; other leaves are shared."""
    if isinstance(value, Huge):
        return value.sign * 10**value.digits
    if isinstance(value, Marker):
        return ns.Point.model_validate(realize(value.data, ns))
    if type(value) is list:
        return [realize(v, ns) for v in value]
    if type(value) is tuple:
        return tuple(realize(v, ns) for v in value)
    if type(value) is dict:
        return {k: realize(v, ns) for k, v in value.items()}
    if type(value) is set:
        return set(value)
    if type(value) is bytearray:
        return bytearray(value)
    return value
