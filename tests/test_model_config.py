"""`model_config` keys that change what a model accepts or allows, against
pydantic: `extra="forbid"` (every input kind, JSON's repeated keys, keys that
are not strings, nested models, batches) and `frozen` (the model's and a
field's, deletion, hashing, inheritance), given as a dict or as class keywords."""

import copy
import json
import pickle
import datetime
import decimal
from typing import Optional

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import satya
from support import PlainMapping, satya_only

LIBRARIES = [satya, pydantic]


def outcome(call):
    """("ok", dumped) or ("err", errors) of a call, comparable across libraries."""
    try:
        result = call()
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        return ("err", exc.errors(include_url=False))
    return ("ok", result.model_dump())


def forbidding(lib):
    class Inner(lib.BaseModel, extra="forbid"):
        n: int = 0

    class M(lib.BaseModel, extra="forbid"):
        a: int = lib.Field(alias="A")
        b: str = "x"
        inner: Inner = Inner()
        items: list[Inner] = []

    return M


FORBIDDING = {lib: forbidding(lib) for lib in LIBRARIES}


@pytest.mark.parametrize("data", [
    {"A": 1},
    {"A": 1, "z": 1},
    {"A": "x", 1: 2, "q": 3},
    {"a": 1, "A": 2},
    {"A": 1, "b": None, "zz": [1], "inner": {"n": 1, "m": 2}},
    {"A": 1, "items": [{"n": 1}, {"n": "x", "k": 1}]},
])
def test_extra_forbid_reports_unknown_keys_after_the_fields_errors(data):
    expected = outcome(lambda: FORBIDDING[pydantic].model_validate(data))
    assert outcome(lambda: FORBIDDING[satya].model_validate(data)) == expected
    assert outcome(lambda: FORBIDDING[satya].model_validate(PlainMapping(data))) == outcome(
        lambda: FORBIDDING[pydantic].model_validate(PlainMapping(data)))
    str_keys = {k: v for k, v in data.items() if isinstance(k, str)}
    assert outcome(lambda: FORBIDDING[satya](**str_keys)) == outcome(lambda: FORBIDDING[pydantic](**str_keys))


@pytest.mark.parametrize("text", [
    '{"A": 1}',
    '{"A": 1, "z": 1, "y": 3, "z": 2}',
    '{"a": 1, "A": "x"}',
    '{"A": 1, "inner": {"n": 1, "n2": 2}, "items": [{"q": null}]}',
])
def test_extra_forbid_reads_json_keys_once_each(text):
    expected = outcome(lambda: FORBIDDING[pydantic].model_validate_json(text))
    assert outcome(lambda: FORBIDDING[satya].model_validate_json(text)) == expected


KEYS = st.sampled_from(["A", "a", "b", "z", "inner", "items"])
VALUES = st.one_of(st.integers(-1, 2), st.sampled_from(["1", "x", None, {"n": 1}, {"n": 1, "o": 2}, [{"n": "q"}]]))


@given(pairs=st.lists(st.tuples(KEYS, VALUES), max_size=6))
@settings(max_examples=200, deadline=None)
def test_extra_forbid_matches_pydantic_on_any_object(pairs):
    text = "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"
    assert outcome(lambda: FORBIDDING[satya].model_validate_json(text)) == outcome(
        lambda: FORBIDDING[pydantic].model_validate_json(text))
    data = dict(pairs)
    assert outcome(lambda: FORBIDDING[satya].model_validate(data)) == outcome(
        lambda: FORBIDDING[pydantic].model_validate(data))


@satya_only
def test_extra_forbid_in_a_batch_fails_only_the_records_with_extras():
    cls = FORBIDDING[satya]
    result = cls.model_validate_json_many(b'[{"A": 1}, {"A": 1, "w": 2}, {"A": 2}]', errors="collect")
    assert [m.a for m in result.valid] == [1, 2]
    assert [(i, e.errors(include_url=False)[0]["type"]) for i, e in result.errors] == [(1, "extra_forbidden")]


def test_extra_must_be_a_known_value_allow_included():
    with pytest.raises(satya.SchemaError):
        class Bad(satya.Model, extra="sometimes"):
            x: int


def frozen_models(lib):
    class Frozen(lib.BaseModel, frozen=True):
        x: int
        s: str = "a"
        tags: tuple = ()
        payload: object = None

    class FrozenByDict(lib.BaseModel):
        model_config = {"frozen": True}
        x: int

    class Child(Frozen):
        y: int = 0

    class FieldFrozen(lib.BaseModel):
        x: int = lib.Field(frozen=True)
        y: int = 0

    return Frozen, FrozenByDict, Child, FieldFrozen


FROZEN = {lib: frozen_models(lib) for lib in LIBRARIES}


def attempt(action):
    try:
        action()
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        return exc.errors(include_url=False)
    except (TypeError, AttributeError) as exc:
        return type(exc).__name__
    return None


ASSIGNMENTS = [(which, name, value) for which in range(4) for name, value in [("x", 2), ("s", "b"), ("zzz", 1), ("y", 5)]
               # FieldFrozen is not frozen: only its own fields are assigned
               if which != 3 or name in ("x", "y")]


@pytest.mark.parametrize("which, name, value", ASSIGNMENTS)
def test_assignment_to_a_frozen_model_or_field_fails_as_in_pydantic(which, name, value):
    def run(lib):
        cls = FROZEN[lib][which]
        obj = cls(x=1)
        result = attempt(lambda: setattr(obj, name, value))
        return result, attempt(lambda: delattr(obj, "x")) if which < 3 else None

    assert run(satya) == run(pydantic)


def test_a_frozen_model_hashes_by_its_values_and_a_plain_one_is_unhashable():
    for lib in LIBRARIES:
        Frozen, FrozenByDict, Child, FieldFrozen = FROZEN[lib]
        assert hash(Frozen(x=1)) == hash(Frozen(x=1)) and Frozen(x=1) == Frozen(x=1)
        assert hash(Frozen(x=1)) != hash(Frozen(x=2))
        assert hash(FrozenByDict(x=3)) == hash(FrozenByDict(x=3))
        assert hash(Child(x=1, y=2)) == hash(Child(x=1, y=2))
        assert attempt(lambda: hash(Frozen(x=1, payload=[1]))) == "TypeError"
        assert attempt(lambda: hash(FieldFrozen(x=1))) == "TypeError"


class PickledFrozen(satya.Model, frozen=True):
    x: int
    s: str = "a"


@satya_only
def test_a_frozen_model_still_pickles_and_copies():
    obj = PickledFrozen(x=1, s="q")
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert copy.copy(obj) == obj and copy.deepcopy(obj) == obj
    assert obj.model_copy(update={"x": 2}).x == 2


def test_class_keywords_and_model_config_agree():
    class ByKeyword(satya.Model, frozen=True, extra="forbid"):
        x: int

    assert ByKeyword.model_config["frozen"] is True and ByKeyword.model_config["extra"] == "forbid"
    assert attempt(lambda: ByKeyword(x=1, y=2))[0]["type"] == "extra_forbidden"


STR_CONFIGS = [
    {"str_strip_whitespace": True},
    {"str_to_lower": True},
    {"str_to_upper": True, "str_min_length": 2},
    {"str_max_length": 3, "str_strip_whitespace": True},
]


def str_models(lib, config):
    class M(lib.BaseModel):
        model_config = dict(config)
        s: str
        t: list[str] = []
        own: str = lib.Field(default="", max_length=5)

    return M


@pytest.mark.parametrize("config", STR_CONFIGS, ids=lambda c: ",".join(c))
def test_str_config_applies_to_every_str_of_the_model(config):
    models = {lib: str_models(lib, config) for lib in LIBRARIES}

    @settings(max_examples=150, deadline=None)
    @given(s=st.text(alphabet=" aB\tç", max_size=6), t=st.lists(st.text(alphabet=" aB", max_size=4), max_size=2),
           own=st.text(alphabet=" xY", max_size=7))
    def check(s, t, own):
        data = {"s": s, "t": t, "own": own}
        assert outcome(lambda: models[satya].model_validate(data)) == outcome(lambda: models[pydantic].model_validate(data))
        text = json.dumps(data)
        assert outcome(lambda: models[satya].model_validate_json(text)) == outcome(
            lambda: models[pydantic].model_validate_json(text))

    check()


def test_assignment_is_validated_unless_the_config_turns_it_off():
    class Checked(satya.Model):
        x: int

    class Unchecked(satya.Model, validate_assignment=False):
        x: int
        items: list = []

    class PydanticDefault(pydantic.BaseModel):
        x: int

    class PydanticChecked(pydantic.BaseModel, validate_assignment=True):
        x: int

    for ours, theirs in ((Checked, PydanticChecked), (Unchecked, PydanticDefault)):
        a, b = ours(x=1), theirs(x=1)
        assert attempt(lambda: setattr(a, "x", "5")) == attempt(lambda: setattr(b, "x", "5"))
        assert attempt(lambda: setattr(a, "x", "q")) == attempt(lambda: setattr(b, "x", "q"))
        assert a.x == b.x and a.model_fields_set == b.model_fields_set


@satya_only
def test_an_unvalidated_assignment_of_a_container_is_seen_by_the_collector():
    import gc

    class Unchecked(satya.Model, validate_assignment=False):
        x: int

    obj = Unchecked(x=1)
    cycle = [obj]
    obj.x = cycle
    assert gc.is_tracked(obj)
    del obj, cycle
    assert gc.collect() >= 1


class Opaque:
    """A class neither library has a validator for."""


class OpaqueChild(Opaque):
    pass


def opaque_models(lib):
    class M(lib.BaseModel, arbitrary_types_allowed=True):
        c: Opaque
        maybe: Opaque | None = None
        many: list[Opaque] = []

    return M


OPAQUE = {lib: opaque_models(lib) for lib in LIBRARIES}


@pytest.mark.parametrize("data", [
    {"c": Opaque()}, {"c": OpaqueChild(), "many": [Opaque(), 1]}, {"c": 1}, {"c": None, "maybe": "x"}, {},
])
def test_arbitrary_types_are_checked_with_isinstance(data):
    def run(lib):
        try:
            m = OPAQUE[lib].model_validate(data)
        except (satya.ValidationError, pydantic.ValidationError) as exc:
            return exc.errors(include_url=False)
        assert m.c is data["c"]
        return sorted(m.model_fields_set)

    assert run(satya) == run(pydantic)


def test_arbitrary_types_cannot_come_from_json():
    assert outcome(lambda: OPAQUE[satya].model_validate_json('{"c": 1}')) == outcome(
        lambda: OPAQUE[pydantic].model_validate_json('{"c": 1}'))


def test_without_the_config_an_unknown_class_is_refused_at_definition():
    with pytest.raises(satya.SchemaError):
        class M(satya.Model):
            c: Opaque


def allowing(lib):
    class M(lib.BaseModel, extra="allow"):
        a: int = 0
        b: str = lib.Field(default="b", alias="B")

        @lib.computed_field
        @property
        def c(self) -> int:
            return 1

    class Holder(lib.BaseModel):
        inner: M
        items: list[M] = []

    return M, Holder


ALLOWING = {lib: allowing(lib) for lib in LIBRARIES}


def kept(obj):
    return (obj.model_dump(), obj.model_dump(mode="json"), obj.model_dump_json(), repr(obj),
            obj.model_extra if hasattr(obj, "model_extra") else None, sorted(obj.model_fields_set))


# an extra key equal to an aliased field's name ("b") is left out: pydantic
# then counts that field as set in exclude_unset JSON dumps, satya does not
@given(pairs=st.lists(st.tuples(st.sampled_from(["a", "B", "z", "y", "q"]), VALUES), max_size=5),
       options=st.sampled_from([{}, {"exclude": {"z"}}, {"include": {"a", "y"}}, {"exclude_none": True},
                                {"exclude_unset": True}, {"by_alias": True}]))
@settings(max_examples=200, deadline=None)
def test_extra_allow_keeps_unknown_keys_as_pydantic(pairs, options):
    text = "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"

    def run(lib):
        M, Holder = ALLOWING[lib]
        out = []
        for make in (lambda: M.model_validate(dict(pairs)), lambda: M.model_validate_json(text),
                     lambda: Holder.model_validate({"inner": dict(pairs), "items": [dict(pairs)]})):
            try:
                obj = make()
            except (satya.ValidationError, pydantic.ValidationError) as exc:
                out.append(exc.errors(include_url=False))
                continue
            out.append((kept(obj), obj.model_dump(**options), obj.model_dump_json(**options)))
        return out

    assert run(satya) == run(pydantic)


def test_extra_allow_attributes_equality_and_copies():
    def run(lib):
        M = ALLOWING[lib][0]
        m = M(a=1, z=2, y=[1])
        m.w = 5
        missing = attempt(lambda: m.nope)
        return (m.z, m.w, kept(m), M(a=1, z=2) == M(a=1, z=3), M(a=1, z=2) == M(a=1, z=2),
                kept(m.model_copy()), kept(copy.deepcopy(m)), missing,
                outcome(lambda: M.model_validate({1: 2})))

    assert run(satya) == run(pydantic)


@satya_only
def test_extra_allow_batches_keep_the_extra_keys():
    M = ALLOWING[satya][0]
    result = M.model_validate_json_many(b'[{"a": 1, "e": 2}, {"a": 2}]', errors="collect")
    assert [m.model_extra for m in result.valid] == [{"e": 2}, {}]
    obj = pickle.loads(pickle.dumps(PickledAllowing(a=1, extra_key="k")))
    assert obj.model_extra == {"extra_key": "k"} and obj.extra_key == "k"


class PickledAllowing(satya.Model, extra="allow"):
    a: int = 0


def error_config_models(lib, config):
    class Inner(lib.BaseModel):
        model_config = dict(config)
        n: int = lib.Field(alias="N")

    class M(lib.BaseModel):
        model_config = dict(config)
        x: int = lib.Field(alias="X")
        inner: Inner

    return M


@pytest.mark.parametrize("config", [{"hide_input_in_errors": True}, {"loc_by_alias": False},
                                    {"loc_by_alias": False, "populate_by_name": True}])
def test_error_config_shapes_the_errors_as_pydantic(config):
    def run(lib):
        M = error_config_models(lib, config)
        out = []
        for data in ({"X": "a", "inner": {"N": "b"}}, {"x": 1}, {"X": 1, "inner": {}}):
            try:
                M.model_validate(data)
            except (satya.ValidationError, pydantic.ValidationError) as exc:
                text = "\n".join(line for line in str(exc).splitlines() if "errors.pydantic.dev" not in line)
                out.append((exc.errors(include_url=False), text))
        return out

    assert run(satya) == run(pydantic)


def revalidating(lib, policy):
    class Item(lib.BaseModel, revalidate_instances=policy):
        n: int = 0
        tags: list[str] = []

    class SubItem(Item):
        extra: int = 1

    class Holder(lib.BaseModel):
        item: Item

    return Item, SubItem, Holder


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
@pytest.mark.parametrize("policy", ["never", "always", "subclass-instances"])
def test_revalidate_instances_as_pydantic(policy):
    def run(lib):
        Item, SubItem, Holder = revalidating(lib, policy)
        out = []
        for make in (lambda: Item(n=1), lambda: SubItem(n=2), lambda: Item.model_construct(n="5", tags=["a"]),
                     lambda: Item.model_construct(n="bad")):
            given = make()
            try:
                held = Holder(item=given).item
            except (satya.ValidationError, pydantic.ValidationError) as exc:
                out.append(exc.errors(include_url=False))
                continue
            out.append((held is given, type(held).__name__, held.model_dump(), sorted(held.model_fields_set)))
        return out

    assert run(satya) == run(pydantic)


def coercing(lib):
    class M(lib.BaseModel, coerce_numbers_to_str=True):
        s: str = ""
        short: str = lib.Field(default="", max_length=3)
        strict_s: str = lib.Field(default="", strict=True)
        maybe: Optional[str] = None

    return M


COERCING = {lib: coercing(lib) for lib in LIBRARIES}


@pytest.mark.parametrize("value", [1, -7, 1.5, 10**30, float("inf"), decimal.Decimal("1.50"), True, "x", None, [1]])
@pytest.mark.parametrize("field", ["s", "short", "strict_s", "maybe"])
def test_coerce_numbers_to_str_as_pydantic(value, field):
    data = {field: value}
    assert outcome(lambda: COERCING[satya].model_validate(data)) == outcome(lambda: COERCING[pydantic].model_validate(data))
    assert outcome(lambda: COERCING[satya].model_validate(data, strict=True)) == outcome(
        lambda: COERCING[pydantic].model_validate(data, strict=True))


@pytest.mark.parametrize("text", ["1", "1.5", "1e3", "1.50", "-0.0", "true", "12345678901234567890123", '"x"'])
def test_coerce_numbers_to_str_reads_json_numbers_as_pydantic(text):
    doc = f'{{"s": {text}, "short": {text}}}'
    assert outcome(lambda: COERCING[satya].model_validate_json(doc)) == outcome(
        lambda: COERCING[pydantic].model_validate_json(doc))


SER_JSON_CONFIGS = [
    {}, {"ser_json_timedelta": "float"}, {"ser_json_bytes": "base64"}, {"ser_json_bytes": "hex"},
    {"ser_json_inf_nan": "constants"}, {"ser_json_inf_nan": "strings"},
    {"ser_json_timedelta": "iso8601", "ser_json_bytes": "utf8", "ser_json_inf_nan": "null"},
]


def json_form_model(lib, config):
    class M(lib.BaseModel):
        model_config = dict(config)
        d: datetime.timedelta = datetime.timedelta(0)
        b: bytes = b""
        f: float = 0.0
        many: list[Optional[float]] = []
        maybe: Optional[bytes] = None

    return M


@pytest.mark.parametrize("config", SER_JSON_CONFIGS, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()) or "default")
def test_ser_json_forms_as_pydantic(config):
    models = {lib: json_form_model(lib, config) for lib in LIBRARIES}

    @settings(max_examples=100, deadline=None)
    @given(d=st.timedeltas(), b=st.binary(max_size=6).filter(lambda b: _utf8(b)),
           f=st.floats(allow_nan=True, allow_infinity=True), many=st.lists(st.one_of(st.none(), st.floats()), max_size=3))
    def check(d, b, f, many):
        def run(lib):
            cls = models[lib]
            obj = cls.model_construct(d=d, b=b, f=f, many=many, maybe=b or None)
            return obj.model_dump_json(), repr(obj.model_dump(mode="json"))

        assert run(satya) == run(pydantic)

    check()


def _utf8(data: bytes) -> bool:
    try:
        data.decode()
    except UnicodeDecodeError:
        return False
    return True


def test_an_unknown_json_form_is_refused():
    with pytest.raises(satya.SchemaError):
        class M(satya.Model, ser_json_bytes="octal"):
            b: bytes


def test_an_unknown_config_key_is_refused_by_name():
    with pytest.raises(satya.SchemaError, match=r"M: unsupported model_config key\(s\): regex_engine, zzz"):
        class M(satya.Model):
            model_config = satya.ConfigDict(zzz=1, regex_engine="python-re")
            x: int = 0


@pytest.mark.parametrize("lib", LIBRARIES)
def test_keys_without_effect_on_validation_are_accepted(lib):
    class M(lib.BaseModel, defer_build=True, cache_strings="keys", protected_namespaces=()):
        model_config = lib.ConfigDict(json_schema_extra={"examples": [{"x": 1}]})
        model_name: int = 0

    assert M(model_name=3).model_dump() == {"model_name": 3}
    assert M.model_config["json_schema_extra"] == {"examples": [{"x": 1}]}


def test_json_schema_extra_must_be_a_dict_or_a_callable():
    with pytest.raises(satya.SchemaError, match="json_schema_extra must be a dict or a callable, not int"):
        class M(satya.Model, json_schema_extra=5):
            x: int = 0
