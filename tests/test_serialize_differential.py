"""`model_dump` and `model_dump_json` of random models against pydantic's
(hypothesis): random schemas (scalars, Any, Optional, lists, dicts, nested and
self-referencing models, aliases, defaults and default factories) defined with
both libraries, random valid data with some defaults left unset, and random
options (by_alias, exclude_*, round_trip, nested include / exclude filters
built from the data); every way of dumping and `model_fields_set` must agree."""

import copy
import hashlib
from typing import Any, Optional

import pydantic
from hypothesis import given, note
from hypothesis import strategies as st

from dump_support import MINE, P, S, Marker, assert_same_dumps, model_base, realize

# The fields of dump_support's Point, the model a Marker stands for, as a spec.
POINT_FIELDS = (
    ("x", ("int",), None, ("value", 0)),
    ("y", ("optional", ("any",)), None, ("value", None)),
    ("tag", ("str",), "Tag", ("value", "t")),
)


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
    """Values for an Any field inside a schema, containers `depth` deep (the
    exotic values have a test of their own, in test_serialize_any.py)."""
    values = json_leaf
    for _ in range(depth):
        values = st.one_of(
            json_leaf,
            json_leaf,
            st.lists(values, max_size=3),
            st.lists(values, max_size=2).map(tuple),
            st.dictionaries(st.one_of(small_text, st.integers(-3, 3)), values, max_size=3),
            st.fixed_dictionaries({}, optional={"x": st.integers(-3, 3), "y": values, "Tag": small_text}).map(Marker),
        )
    return values


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
    Base = model_base(lib)
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
    mine_input, oracle_input = realize(data, S), realize(data, P)
    mine = mine_cls.model_validate(mine_input)
    oracle = oracle_cls.model_validate(oracle_input)
    assert_same_dumps(mine, oracle, mine_input, oracle_input, **options)
    assert mine.model_fields_set == oracle.model_fields_set

