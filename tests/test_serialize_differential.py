"""`model_dump` and `model_dump_json` against pydantic's, the oracle.

Two differential tests:

* Random model schemas (int, float, str, bool, bytes, None, Any, Optional,
  list, dict with str or int keys, nested models three deep and
  self-referencing ones; aliases, defaults and default factories) are defined
  once with satya and once with pydantic. Random valid data, some fields with
  defaults left out so that `exclude_unset` matters, is validated by both; then
  both dump with random options: by_alias, exclude_unset, exclude_defaults,
  exclude_none, round_trip, and nested include / exclude filters built from the
  data (sets and dicts, True and `...`, "__all__", list indexes negative and
  out of range, dict keys present and absent, now and then a value pydantic
  refuses).
* Random values of an `Any` field: nested containers (list, tuple, set,
  frozenset, dict with str / int / float / bool / None keys) of None, bools,
  ints of any size, floats with NaN and the infinities, strings with escapes,
  control characters and lone surrogates, bytes and bytearrays (valid UTF-8 or
  not), dates, datetimes naive and aware, times, timedeltas, Decimals, UUIDs,
  Enum members, paths, IP addresses, objects pydantic does not know, and
  models.

For each dump they must agree exactly: `model_dump()` and
`model_dump(mode="json")` (types, key order, NaN, the sign of zero, which
containers are the input's own objects), `json.loads` of `model_dump_json()`,
its text compact and with `indent=2`, the exception (type and message) when
one is raised, and the warnings.

Under `SATYA_TEST_LIBRARY=pydantic` both sides are pydantic, which checks the
harness."""

import copy
import datetime as dt
import enum
import hashlib
import ipaddress
import json
import math
import pathlib
import sys
import warnings
from decimal import Decimal
from typing import Any, Optional

import pydantic
import pydantic_core
from hypothesis import given, note
from hypothesis import strategies as st

import support

MINE = support.lib
MODEL_BASES = (pydantic.BaseModel,) + ((support.satya.Model,) if support.satya is not None else ())


# ---------------------------------------------------------------------------
# Comparable views of what a dump does


MUTABLE = (list, dict, set, bytearray)
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


def input_paths(value) -> dict:
    """{id: path} of every mutable container (and model) reachable from `value`."""
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
        if isinstance(v, MODEL_BASES):
            return ("model", tp.__name__, ("input", originals[id(v)]) if id(v) in originals else "not an input")
        if isinstance(v, Decimal):
            return (_type_name(tp), str(v))
        return (_type_name(tp), repr(v))

    return walk(value)


def attempt(call, view=canon, originals=None):
    """(how it ended, the value or the exception, the warnings) of `call()`."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = call()
            result = ("returns", view(value) if originals is None else view(value, originals))
        except Exception as exc:
            result = ("raises", error_kind(exc), str(exc))
        except BaseException as exc:  # pyo3's PanicException is a BaseException
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            result = ("raises", _type_name(type(exc)), str(exc))
    return result + ([(w.category.__name__, str(w.message)) for w in caught],)


def dumps(instance, originals, options):
    """Every way of dumping `instance` with `options`: {name: attempt(...)}."""
    return {
        "python": attempt(lambda: instance.model_dump(mode="python", **options), canon, originals),
        "json": attempt(lambda: instance.model_dump(mode="json", **options), canon, originals),
        "json.loads": attempt(lambda: json.loads(instance.model_dump_json(**options)), canon),
        "text": attempt(lambda: instance.model_dump_json(**options), canon),
        "indent=2": attempt(lambda: instance.model_dump_json(indent=2, **options), canon),
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


def assert_same_dumps(mine, oracle, mine_input, oracle_input, options):
    mine_out = dumps(mine, input_paths(mine_input), options)
    oracle_out = dumps(oracle, input_paths(oracle_input), options)
    for name in oracle_out:
        assert mine_out[name] == oracle_out[name], (
            f"{name} differs with options {show(options)}\nmine:     {show(mine_out[name])}\n"
            f"pydantic: {show(oracle_out[name])}"
        )


# ---------------------------------------------------------------------------
# Models inside Any values: Marker(data) stands for Point(**data), made with
# each library's Point when the value is realized.


def _point_classes(lib):
    Base = pydantic.BaseModel if lib is pydantic else lib.Model
    namespace = {
        "__module__": __name__,
        "__annotations__": {"x": int, "y": Optional[Any], "tag": str},
        "x": 0,
        "y": None,
        "tag": lib.Field("t", alias="Tag"),
    }
    return type("Point", (Base,), namespace)


MINE_POINT, ORACLE_POINT = _point_classes(MINE), _point_classes(pydantic)
POINT_FIELDS = (
    ("x", ("int",), None, ("value", 0)),
    ("y", ("optional", ("any",)), None, ("value", None)),
    ("tag", ("str",), "Tag", ("value", "t")),
)


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


def realize(value, point):
    """`value` with new containers and each Marker made a `point` instance;
    other leaves are shared."""
    if isinstance(value, Huge):
        return value.sign * 10**value.digits
    if isinstance(value, Marker):
        return point.model_validate(realize(value.data, point))
    if type(value) is list:
        return [realize(v, point) for v in value]
    if type(value) is tuple:
        return tuple(realize(v, point) for v in value)
    if type(value) is dict:
        return {k: realize(v, point) for k, v in value.items()}
    if type(value) is set:
        return set(value)
    if type(value) is bytearray:
        return bytearray(value)
    return value


# ---------------------------------------------------------------------------
# Schemas. A type spec is a tuple:
#   ("int",) ("float",) ("str",) ("bool",) ("bytes",) ("none",) ("any",)
#   ("optional", spec) ("list", spec) ("dict", "str" | "int", spec)
#   ("model", fields) ("self",)   -- the nearest enclosing model
# and fields is a tuple of (name, spec, alias or None, default), default being
# None (required), ("value", v) or ("factory", v).

SCALARS = ["int", "float", "str", "bool", "bytes", "none", "any"]
FIELD_NAMES = ["a", "b2", "name", "x_y", "\u00f1ame", "id", "value", "items"]
ALIASES = ["A", "camelCase", "with space", "\u043a\u043b\u044e\u0447", "name", "a", "x-y", "id "]

small_text = st.text(max_size=4)
json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.integers(),
    st.floats(),
    small_text,
    st.sampled_from([2**64, -(2**63) - 1, 10**30, "\ud800", "\x00\u2028\"", b"abc", b"\xff", (1, "t")]),
)


def any_values(depth=2):
    """Values for an Any field inside a schema (the exotic ones have a test of their own)."""
    if depth == 0:
        return json_leaf
    inner = any_values(depth - 1)
    return st.one_of(
        json_leaf,
        json_leaf,
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=2).map(tuple),
        st.dictionaries(st.one_of(small_text, st.integers(-3, 3)), inner, max_size=3),
        st.fixed_dictionaries({}, optional={"x": st.integers(-3, 3), "y": inner, "Tag": small_text}).map(Marker),
    )


def scalar_values(kind):
    if kind == "int":
        return st.one_of(st.integers(-10, 10), st.integers(), st.sampled_from([2**63, -(2**64), 10**40]))
    if kind == "float":
        return st.one_of(st.floats(), st.sampled_from([0.0, -0.0, 0.1, 1e16, 1e-7, 5e-324, float("nan")]))
    if kind == "str":
        return st.one_of(small_text, st.sampled_from(["", "\x00\x1f", "\"\\", "\u00e9\U0001f600", "\u2028", "a\ud800"]))
    if kind == "bool":
        return st.booleans()
    if kind == "bytes":
        return st.one_of(small_text.map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=3))
    if kind == "none":
        return st.none()
    return any_values()


@st.composite
def default_for(draw, spec):
    """A default value, as the field would hold it, for a field of `spec`; or
    None when none fits (models, self references)."""
    kind = spec[0]
    if kind in SCALARS:
        value = draw(scalar_values(kind)) if kind != "any" else draw(json_leaf)
        if isinstance(value, (list, dict)):  # mutable Any defaults come from a factory
            return ("factory", value)
        return draw(st.sampled_from([("value", value), ("factory", value)]))
    if kind == "optional":
        return ("value", None)
    if kind == "list":
        inner = spec[1]
        items = draw(st.lists(scalar_values(inner[0]), max_size=2)) if inner[0] in SCALARS and inner[0] != "any" else []
        return draw(st.sampled_from([("factory", items), ("value", items)]))
    if kind == "dict":
        return draw(st.sampled_from([("factory", {}), ("value", {})]))
    return None


def type_specs(depth, in_model):
    leaf = st.sampled_from(SCALARS).map(lambda kind: (kind,))
    if depth <= 0:
        return leaf
    inner = type_specs(depth - 1, in_model)
    holder = st.one_of(inner, inner, st.just(("self",))) if in_model else inner
    return st.one_of(
        leaf,
        leaf,
        holder.map(lambda s: ("optional", s)),
        holder.map(lambda s: ("list", s)),
        st.tuples(st.just("dict"), st.sampled_from(["str", "int"]), holder),
        model_specs(depth - 1),
    )


@st.composite
def model_specs(draw, depth=3):
    names = draw(st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=4, unique=True))
    # no two fields share a key: an alias is neither another alias nor a field name
    aliases = draw(st.permutations([alias for alias in ALIASES if alias not in names]))
    fields = []
    for name, alias in zip(names, aliases):
        spec = draw(type_specs(depth, in_model=True))
        alias = alias if draw(st.integers(0, 3)) == 0 else None
        default = draw(st.none() | default_for(spec)) if draw(st.booleans()) else None
        fields.append((name, spec, alias, default))
    return ("model", tuple(fields))


def model_name(spec) -> str:
    return "M_" + hashlib.sha1(repr(spec).encode("utf-8", "surrogatepass")).hexdigest()[:12]


_CLASSES: dict = {}


def build(spec, lib):
    """The class of model `spec` for `lib`, made once."""
    key = (repr(spec), lib is pydantic)
    if key not in _CLASSES:
        _CLASSES[key] = _define(spec, lib)
    return _CLASSES[key]


def _annotation(spec, lib, self_name):
    kind = spec[0]
    if kind == "self":
        return self_name
    if kind in ("int", "float", "str", "bool", "bytes"):
        return {"int": int, "float": float, "str": str, "bool": bool, "bytes": bytes}[kind]
    if kind == "none":
        return None
    if kind == "any":
        return Any
    if kind == "optional":
        return Optional[_annotation(spec[1], lib, self_name)]
    if kind == "list":
        return list[_annotation(spec[1], lib, self_name)]
    if kind == "dict":
        return dict[str if spec[1] == "str" else int, _annotation(spec[2], lib, self_name)]
    return build(spec, lib)


def _factory(value):
    return lambda: copy.deepcopy(value)


def _define(spec, lib):
    name = model_name(spec)
    Base = pydantic.BaseModel if lib is pydantic else lib.Model
    namespace = {"__module__": __name__, "__annotations__": {}}
    for field_name, field_spec, alias, default in spec[1]:
        namespace["__annotations__"][field_name] = _annotation(field_spec, lib, name)
        kwargs = {"alias": alias} if alias else {}
        if default is not None and default[0] == "value":
            namespace[field_name] = lib.Field(default[1], **kwargs)
        elif default is not None:
            namespace[field_name] = lib.Field(default_factory=_factory(default[1]), **kwargs)
        elif kwargs:
            namespace[field_name] = lib.Field(**kwargs)
    cls = type(name, (Base,), namespace)
    if lib is pydantic:
        cls.model_rebuild(_types_namespace={name: cls})
    return cls


# ---------------------------------------------------------------------------
# Data for a schema, and filters for the data


@st.composite
def data_for(draw, spec, model, budget):
    """Valid input for `spec` (`model` is the enclosing model spec, for
    ("self",)); `budget` bounds the nesting of self references."""
    kind = spec[0]
    if kind in SCALARS:
        return draw(scalar_values(kind))
    if kind == "self":
        return draw(data_for(model, model, budget - 1))
    if kind == "optional":
        if spec[1][0] == "self" and budget <= 0 or draw(st.integers(0, 3)) == 0:
            return None
        return draw(data_for(spec[1], model, budget))
    if kind == "list":
        size = 0 if spec[1][0] == "self" and budget <= 0 else draw(st.integers(0, 3))
        return [draw(data_for(spec[1], model, budget)) for _ in range(size)]
    if kind == "dict":
        size = 0 if spec[2][0] == "self" and budget <= 0 else draw(st.integers(0, 3))
        keys = draw(st.lists(small_text if spec[1] == "str" else st.integers(-5, 5), max_size=size, unique=True))
        return {key: draw(data_for(spec[2], model, budget)) for key in keys}
    data = {}
    for field_name, field_spec, alias, default in spec[1]:
        if default is not None and draw(st.integers(0, 2)) == 0:
            continue  # left unset
        data[alias or field_name] = draw(data_for(field_spec, spec, budget))
    return data


def _unwrap(spec):
    while spec[0] == "optional":
        spec = spec[1]
    return spec


@st.composite
def filters_for(draw, spec, model, value, depth=0):
    """An include / exclude filter for a value of `spec` holding `value` (its
    input data): a set or a dict."""
    spec = _unwrap(spec)
    if spec[0] == "self":
        spec = model
    keyed = {}  # key -> (spec of the item, the item's data or None)
    others = []
    if spec[0] == "model":
        model = spec
        data = value if isinstance(value, dict) else {}
        for field_name, field_spec, alias, _ in spec[1]:
            keyed[field_name] = (field_spec, data.get(alias or field_name))
        others = ["zz", "__all__"] + [alias for _, _, alias, _ in spec[1] if alias]
        item_specs = [field_spec for _, field_spec, _, _ in spec[1]]
    elif spec[0] == "any" and isinstance(value, Marker):
        return draw(filters_for(("model", POINT_FIELDS), model, value.data, depth))
    elif spec[0] in ("list", "any") and isinstance(value, (list, tuple)):
        item_spec = spec[1] if spec[0] == "list" else ("any",)
        for i, item in enumerate(value):
            keyed[i] = (item_spec, item)
            keyed[i - len(value)] = (item_spec, item)
        others = [len(value), len(value) + 3, -len(value) - 1, "__all__", "0"]
        item_specs = [item_spec]
    elif spec[0] in ("dict", "any") and isinstance(value, dict):
        item_spec = spec[2] if spec[0] == "dict" else ("any",)
        for key, item in value.items():
            keyed[key] = (item_spec, item)
        others = ["__all__", "zz", 99, "1"]
        item_specs = [item_spec]
    else:
        others = ["zz", 0, "__all__"]
        item_specs = [("any",)]
    candidates = list(keyed) + others
    chosen = draw(st.lists(st.sampled_from(candidates), max_size=4, unique=True)) if candidates else []
    if draw(st.integers(0, 2)) == 0:
        return set(chosen)
    result = {}
    for key in chosen:
        item_spec, item = keyed.get(key, (draw(st.sampled_from(item_specs)), None))
        if key == "__all__" and keyed:
            item_spec, item = keyed[draw(st.sampled_from(list(keyed)))]
        roll = draw(st.integers(0, 19))
        if roll < 5:
            result[key] = True
        elif roll < 8:
            result[key] = ...
        elif roll == 8:
            result[key] = draw(st.sampled_from([None, set(), {}]))
        elif roll == 9:
            result[key] = draw(st.sampled_from([False, 1, "x"]))  # pydantic refuses these
        elif depth < 4:
            result[key] = draw(filters_for(item_spec, model, item, depth + 1))
        else:
            result[key] = True
    return result


@st.composite
def schema_cases(draw):
    spec = draw(model_specs())
    data = draw(data_for(spec, spec, 2))
    options = {
        "by_alias": draw(st.booleans()),
        "exclude_unset": draw(st.booleans()),
        "exclude_defaults": draw(st.booleans()),
        "exclude_none": draw(st.booleans()),
        "round_trip": draw(st.booleans()),
    }
    for side in ("include", "exclude"):
        if draw(st.booleans()):
            options[side] = draw(filters_for(spec, spec, data))
    options = {key: value for key, value in options.items() if value is not False or draw(st.booleans())}
    return spec, data, options


@given(schema_cases())
def test_model_dumps_agree_with_pydantic(case):
    spec, data, options = case
    note(f"schema: {spec!r}")
    note(f"data: {data!r}")
    note(f"options: {options!r}")
    mine_cls, oracle_cls = build(spec, MINE), build(spec, pydantic)
    mine_input, oracle_input = realize(data, MINE_POINT), realize(data, ORACLE_POINT)
    mine = mine_cls.model_validate(mine_input)
    oracle = oracle_cls.model_validate(oracle_input)
    assert_same_dumps(mine, oracle, mine_input, oracle_input, options)
    assert mine.model_fields_set == oracle.model_fields_set


# ---------------------------------------------------------------------------
# Values of an Any field


class Color(enum.Enum):
    RED = 1
    GREEN = "g"
    PAIR = (1, 2.5)
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
    """A type pydantic does not know: an error in JSON, itself in python mode."""

    def __repr__(self):
        return "Opaque()"


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
    leaf = _pick({**HASHABLE_LEAVES, **OTHER_LEAVES})
    return st.recursive(
        leaf,
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


def _holder(lib):
    Base = pydantic.BaseModel if lib is pydantic else lib.Model
    return type("Holder", (Base,), {"__module__": __name__, "__annotations__": {"a": Any}, "a": None})


MINE_HOLDER, ORACLE_HOLDER = _holder(MINE), _holder(pydantic)


ALL_LEAVES = {**HASHABLE_LEAVES, **OTHER_LEAVES}
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
    mine_value, oracle_value = realize(value, MINE_POINT), realize(value, ORACLE_POINT)
    mine, oracle = MINE_HOLDER(a=mine_value), ORACLE_HOLDER(a=oracle_value)
    assert_same_dumps(mine, oracle, mine_value, oracle_value, options)
