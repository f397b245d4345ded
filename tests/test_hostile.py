"""Hostile and extreme input: each case gives a clear ValidationError or a valid
result, never a crash or a stray exception."""

import enum
import gc
import math
import sys
import types
from collections.abc import Mapping
from typing import Optional

import pytest

import satya
from satya import Field, Model
from support import one_field_model, single_error, validate_v

# --- huge ints ---------------------------------------------------------------

HUGE = 10**100


def test_huge_int_values_are_kept_exactly():
    assert validate_v(one_field_model(int), HUGE) == HUGE
    assert validate_v(one_field_model(int), -HUGE - 1) == -HUGE - 1
    assert validate_v(one_field_model(int), str(HUGE + 1)) == HUGE + 1


def test_huge_int_values_are_compared_exactly_with_small_bounds():
    Small = one_field_model(int, dict(ge=0, le=100))
    assert single_error(Small, HUGE)["type"] == "less_than_equal"
    assert single_error(Small, -HUGE)["type"] == "greater_than_equal"


def test_huge_bounds_are_compared_exactly():
    Around = one_field_model(int, dict(gt=HUGE - 1, le=HUGE))
    assert validate_v(Around, HUGE) == HUGE
    greater = single_error(Around, HUGE + 1)
    assert greater["type"] == "less_than_equal"
    assert greater["ctx"] == {"le": HUGE}
    assert greater["msg"] == f"Input should be less than or equal to {HUGE}"
    assert single_error(Around, HUGE - 1)["type"] == "greater_than"
    assert single_error(Around, 5)["type"] == "greater_than"


def test_huge_multiple_of_is_exact():
    Big = one_field_model(int, dict(multiple_of=2**64))
    assert validate_v(Big, 3 * 2**64) == 3 * 2**64
    assert validate_v(Big, HUGE) == HUGE  # 10**100 = 2**100 * 5**100
    assert single_error(Big, 2**64 + 1)["type"] == "multiple_of"
    assert single_error(Big, 12)["type"] == "multiple_of"


def test_huge_int_into_a_float_field():
    assert validate_v(one_field_model(float), HUGE) == 1e100
    assert single_error(one_field_model(float, dict(lt=10.5)), HUGE)["type"] == "less_than"
    assert single_error(one_field_model(float), 10**400)["loc"] == ("v",)


def test_huge_int_into_a_bool_field_is_an_error():
    assert single_error(one_field_model(bool), HUGE)["loc"] == ("v",)


# --- NaN and infinities ------------------------------------------------------------


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_inf_pass_a_plain_float(value):
    result = validate_v(one_field_model(float), value)
    assert result is value


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_inf_fail_two_sided_bounds(value):
    Range = one_field_model(float, dict(ge=0, le=100))
    assert single_error(Range, value)["type"] in {"greater_than_equal", "less_than_equal"}


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_inf_are_not_ints(value):
    assert single_error(one_field_model(int), value)["type"] == "finite_number"


# --- subclasses of builtins ----------------------------------------------------------


class WeirdStr(str):
    def __eq__(self, other):
        raise RuntimeError("str __eq__")

    __hash__ = str.__hash__

    def __str__(self):
        raise RuntimeError("str __str__")


class WeirdInt(int):
    def __eq__(self, other):
        raise RuntimeError("int __eq__")

    __hash__ = int.__hash__


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


def test_str_subclass_with_hostile_methods_becomes_a_plain_str():
    Name = one_field_model(str, dict(min_length=1, pattern="^a"))
    result = validate_v(Name, WeirdStr("abc"))
    assert type(result) is str and result.__eq__("abc")


def test_int_subclass_with_hostile_eq_becomes_a_plain_int():
    Bounded = one_field_model(int, dict(ge=0, le=10, multiple_of=5))
    result = validate_v(Bounded, WeirdInt(5))
    assert type(result) is int and result == 5
    assert single_error(Bounded, WeirdInt(7))["type"] == "multiple_of"


def test_int_enum_is_validated_by_its_value():
    Bounded = one_field_model(int, dict(ge=2))
    assert validate_v(Bounded, Level.HIGH) == 2
    assert type(validate_v(Bounded, Level.HIGH)) is int
    assert single_error(Bounded, Level.LOW)["type"] == "greater_than_equal"


class LyingInt(int):
    def __int__(self):
        return 99

    def __index__(self):
        return 98


def test_int_subclass_value_is_its_own_not_its_dunder_int():
    assert validate_v(one_field_model(int), LyingInt(5)) == 5


# --- hostile mappings and keys ---------------------------------------------------------


class RaisingEq:
    def __eq__(self, other):
        raise RuntimeError("__eq__ raised")

    __hash__ = object.__hash__


class CollidingKey:
    """Hashes like "id" and raises from __eq__ once armed (after the dict is built)."""

    armed = False

    def __hash__(self):
        return hash("id")

    def __eq__(self, other):
        if CollidingKey.armed:
            raise RuntimeError("__eq__ raised")
        return self is other


class KeyModel(Model):
    id: int
    meta: dict[str, int] = {}


@pytest.fixture
def armed_keys():
    CollidingKey.armed = False
    yield
    CollidingKey.armed = False


def test_dict_with_non_str_keys_as_model_input():
    model = KeyModel.model_validate({1: "x", None: 2, (1, 2): 3, b"id": 4, "id": "5"})
    assert model.id == 5


def test_dict_with_non_str_keys_for_a_str_keyed_field():
    with pytest.raises(satya.ValidationError) as info:
        KeyModel(id=1, meta={1: 2, None: 3, "ok": 4})
    assert [(e["type"], e["loc"]) for e in info.value.errors(include_url=False)] == [
        ("string_type", ("meta", 1, "[key]")),
        ("string_type", ("meta", "None", "[key]")),  # other keys appear as text, as in pydantic
    ]


def test_value_whose_eq_raises_gives_a_validation_error():
    hostile = RaisingEq()
    error = single_error(one_field_model(int), hostile)
    assert error["type"] == "int_type" and error["input"] is hostile


def test_value_whose_eq_raises_passes_an_any_field():
    hostile = RaisingEq()
    assert validate_v(one_field_model(object), hostile) is hostile


def test_key_whose_eq_raises_next_to_the_real_key(armed_keys):
    data = {"id": 1, CollidingKey(): 2, RaisingEq(): 3}
    CollidingKey.armed = True
    assert KeyModel.model_validate(data).id == 1


def test_key_whose_eq_raises_in_place_of_the_wanted_key(armed_keys):
    data = {CollidingKey(): 1}
    CollidingKey.armed = True
    try:
        result = KeyModel.model_validate(data)
    except satya.ValidationError as exc:
        assert exc.errors(include_url=False)[0]["loc"] == ("id",)
    else:
        pytest.fail(f"a dict without an 'id' key validated: {result!r}")


def test_key_whose_eq_raises_in_a_dict_field(armed_keys):
    meta = {CollidingKey(): 1}
    CollidingKey.armed = True
    with pytest.raises(satya.ValidationError) as info:
        KeyModel(id=1, meta=meta)
    assert info.value.errors(include_url=False)[0]["type"] == "string_type"


class HashBomb:
    """Hashable while a dict is built; its __hash__ raises once armed."""

    armed = False

    def __hash__(self):
        if HashBomb.armed:
            raise RuntimeError("__hash__ raised")
        return 1


@pytest.fixture
def hash_bomb():
    HashBomb.armed = False
    yield
    HashBomb.armed = False


def test_key_whose_hash_raises_inside_the_input_dict(hash_bomb):
    data = {"id": 1, HashBomb(): 2}
    HashBomb.armed = True
    assert KeyModel.model_validate(data).id == 1


def test_key_whose_hash_raises_inside_a_dict_field(hash_bomb):
    meta = {HashBomb(): 2}
    HashBomb.armed = True
    with pytest.raises(satya.ValidationError) as info:
        KeyModel(id=1, meta=meta)
    assert info.value.errors(include_url=False)[0]["type"] == "string_type"


@pytest.mark.parametrize("where", ["model input", "dict field"])
def test_key_whose_hash_raises_inside_a_mapping_proxy(hash_bomb, where):
    inner = {"id": 1, HashBomb(): 2} if where == "model input" else {HashBomb(): 2}
    HashBomb.armed = True
    proxy = types.MappingProxyType(inner)
    if where == "model input":
        assert KeyModel.model_validate(proxy).id == 1
    else:
        with pytest.raises(satya.ValidationError):
            KeyModel(id=1, meta=proxy)


class InconsistentMapping(Mapping):
    """Iterates a key that its own __getitem__ then says is missing."""

    def __getitem__(self, key):
        raise KeyError(key)

    def __iter__(self):
        return iter(["id"])

    def __len__(self):
        return 1


def test_inconsistent_mapping_gives_a_validation_error():
    with pytest.raises(satya.ValidationError) as info:
        KeyModel.model_validate(InconsistentMapping())
    assert info.value.errors(include_url=False)[0]["type"] == "missing"


class Inner(Model):
    x: int = 0


class Outer(Model):
    a: int
    inner: Inner
    b: str
    c: list[int] = []
    d: str = "d"


class MutatingMapping(Mapping):
    """A nested input that empties and refills the outer input dict while it is read."""

    def __init__(self, outer):
        self.outer = outer

    def __getitem__(self, key):
        return {"x": 1}[key]

    def __iter__(self):
        self.outer.clear()
        for i in range(100):
            self.outer[f"k{i}"] = "x" * 10
        self.outer["b"] = "late"
        gc.collect()
        return iter(["x"])

    def __len__(self):
        return 1


def test_input_dict_mutated_during_validation_does_not_crash():
    for _ in range(3):
        outer = {"a": 1, "inner": None, "b": "bee", "c": [1, 2], "d": "dee"}
        outer["inner"] = MutatingMapping(outer)
        try:
            result = Outer.model_validate(outer)
        except satya.ValidationError as exc:
            assert exc.error_count() >= 1
        else:
            assert result.a == 1 and result.inner.x == 1
            assert result.b in {"bee", "late"}


# --- deep nesting ----------------------------------------------------------------


class Deep(Model):
    label: str = ""
    next: Optional["Deep"] = None


class Tree(Model):
    children: list["Tree"] = []


def nested_chain(depth):
    root = {}
    node = root
    for _ in range(depth):
        node["next"] = {}
        node = node["next"]
    return root


def nested_tree(depth):
    root = {}
    node = root
    for _ in range(depth):
        child = {}
        node["children"] = [child]
        node = child
    return root


def test_moderately_deep_input_validates():
    model = Deep.model_validate(nested_chain(100))
    depth = 0
    while model.next is not None:
        model, depth = model.next, depth + 1
    assert depth == 100


@pytest.mark.parametrize("build", [nested_chain, nested_tree], ids=["optional chain", "list tree"])
def test_ten_thousand_levels_give_a_recursion_validation_error(build):
    cls = Deep if build is nested_chain else Tree
    data = build(10_000)
    recursion_limit = sys.getrecursionlimit()
    with pytest.raises(satya.ValidationError) as info:
        cls.model_validate(data)
    assert sys.getrecursionlimit() == recursion_limit
    errors = info.value.errors(include_input=False)
    assert [e["type"] for e in errors] == ["recursion_depth_exceeded"]
    assert errors[0]["msg"] == "Recursion error - maximum validation depth exceeded"
    assert errors[0]["loc"][0] in {"next", "children"}


def test_cyclic_input_gives_a_recursion_validation_error():
    data = {}
    data["next"] = data
    with pytest.raises(satya.ValidationError) as info:
        Deep.model_validate(data)
    error = info.value.errors(include_input=False)[0]
    # reported where the input first repeats, as pydantic does
    assert (error["type"], error["loc"]) == ("recursion_loop", ("next",))
    assert "Recursion error - cyclic reference detected" in str(info.value)


def test_depth_limit_and_cycle_match_pydantic():
    from typing import Optional

    import pydantic

    class OurNode(satya.Model):
        v: int
        n: Optional["OurNode"] = None

    class TheirNode(pydantic.BaseModel):
        v: int
        n: Optional["TheirNode"] = None

    deep = {"v": 0}
    for i in range(400):
        deep = {"v": i, "n": deep}
    cycle = {"v": 1}
    cycle["n"] = cycle
    for data in (deep, cycle):
        with pytest.raises(satya.ValidationError) as ours:
            OurNode.model_validate(data)
        with pytest.raises(pydantic.ValidationError) as theirs:
            TheirNode.model_validate(data)
        summary = lambda errors: [(e["type"], e["loc"], e["msg"]) for e in errors]  # noqa: E731
        assert summary(ours.value.errors(include_url=False)) == summary(theirs.value.errors(include_url=False))


def test_ten_thousand_levels_error_text_can_be_printed():
    with pytest.raises(satya.ValidationError) as info:
        Deep.model_validate(nested_chain(10_000))
    assert "validation error for Deep" in str(info.value)


# --- long and odd strings ----------------------------------------------------------


def test_very_long_strings():
    text = "a" * 5_000_000
    assert validate_v(one_field_model(str), text) is text
    assert validate_v(one_field_model(str, dict(pattern="a$", max_length=5_000_000)), text) == text
    Limited = one_field_model(str, dict(max_length=10))
    assert single_error(Limited, text)["type"] == "string_too_long"
    with pytest.raises(satya.ValidationError) as info:
        Limited.model_validate({"v": text})
    assert len(str(info.value)) < 300  # the input is truncated in the text


def test_very_long_numeric_string_for_int():
    assert single_error(one_field_model(int), "9" * 100_000)["type"] == "int_parsing_size"


def test_very_long_list():
    values = list(range(200_000))
    assert validate_v(one_field_model(list[int]), values) == values


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "\udc80" * 3])
def test_lone_surrogates_in_a_str_field(text):
    assert validate_v(one_field_model(str), text) == text


@pytest.mark.parametrize(
    "constraints", [dict(min_length=1), dict(max_length=2), dict(pattern="^a"), dict(pattern=r"(?=a)a")]
)
def test_lone_surrogates_in_constrained_str_fields_never_crash(constraints):
    cls = one_field_model(str, constraints)
    try:
        result = validate_v(cls, "a\udfffb")
    except satya.ValidationError as exc:
        assert exc.errors(include_url=False)[0]["loc"] == ("v",)
        assert str(exc)
    else:
        assert result == "a\udfffb"


def test_lone_surrogate_in_error_text_and_dump():
    # a str that is no valid Unicode text is a string_unicode error, as in pydantic
    error = single_error(one_field_model(int), "\ud800")
    assert error["type"] == "string_unicode"
    assert "\\ud800" in error["msg"] or error["input"] == "\ud800"
    model = one_field_model(str)(v="\ud800")
    assert model.model_dump() == {"v": "\ud800"}


@pytest.mark.parametrize("value", [b"\xff", b"\xc3", b"ok\xed\xa0\x80", bytearray(b"\x80")])
def test_invalid_utf8_bytes_for_a_str_field(value):
    error = single_error(one_field_model(str), value)
    assert error["type"] == "string_unicode"
    assert error["input"] is value


@pytest.mark.parametrize("value", [b"\xff", b"\xc3\xa9", b"\x00\x01"])
def test_arbitrary_bytes_for_a_bytes_field(value):
    assert validate_v(one_field_model(bytes), value) == value


def test_embedded_nul_characters():
    assert validate_v(one_field_model(str), "a\x00b") == "a\x00b"
    assert single_error(one_field_model(int), "1\x00")["type"] == "int_parsing"
    assert one_field_model(str)(v="a\x00b").model_dump_json() == '{"v":"a\\u0000b"}'


# --- many fields -------------------------------------------------------------------


def test_a_wide_model_reports_failures_past_the_sixty_fourth_check():
    namespace = {"__annotations__": {}}
    for i in range(80):
        namespace["__annotations__"][f"f{i}"] = int
        namespace[f"f{i}"] = Field(ge=0, le=10, multiple_of=2)
    Wide = type("Wide", (Model,), namespace)
    good = {f"f{i}": 2 for i in range(80)}
    assert Wide(**good).f79 == 2
    bad = dict(good, f70=11, f79=-2, f3=3)
    with pytest.raises(satya.ValidationError) as info:
        Wide(**bad)
    assert [(e["type"], e["loc"]) for e in info.value.errors(include_url=False)] == [
        ("multiple_of", ("f3",)),
        ("multiple_of", ("f70",)),
        ("greater_than_equal", ("f79",)),
    ]


# --- hostile values during validation: never a Rust panic ----------------------------
#
# A Rust panic reaches Python as pyo3's PanicException (a BaseException that
# `except Exception` misses) or, inside a native slot, as satya's
# "internal error (a Rust panic)". Python code that runs during validation (a
# key's __hash__ or __eq__, a value's __class__, __index__ or __iter__, a
# Mapping's methods, an object's __getattr__) may do anything, including
# changing the very dict being validated: the outcome must be a result, a
# ValidationError or the ordinary exception Python code raised.


def outcome_of(call):
    """The result of `call`, or the exception it raised, which must be an
    ordinary Exception and never a Rust panic."""
    try:
        return call()
    except BaseException as exc:  # noqa: B036 - the point is to see everything
        assert isinstance(exc, Exception), f"{type(exc).__name__} escaped: {exc!r}"
        assert type(exc).__name__ != "PanicException", repr(exc)
        assert "Rust panic" not in str(exc), repr(exc)
        return exc


class Box(Model):
    meta: dict[str, int] = {}
    anything: dict = {}
    items: list[int] = []
    inner: Optional[Inner] = None


def every_entry_point(cls, make_data):
    """`cls` validated from a fresh `make_data()` through each native entry
    point: model_validate, the constructor and model_validate_many (where a
    panic would surface as PanicException)."""
    outcomes = [
        outcome_of(lambda: cls.model_validate(make_data())),
        outcome_of(lambda: cls(**make_data())),
        outcome_of(lambda: cls.model_validate_many([make_data(), make_data()])),
        outcome_of(lambda: cls.model_validate_many([make_data()], errors="collect")),
    ]
    return outcomes


def assert_no_panic(outcomes, allowed=(satya.ValidationError, RuntimeError)):
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            assert isinstance(outcome, allowed), repr(outcome)


class MutatingKey:
    """A key whose __hash__ / __eq__ grow or shrink `target` once armed."""

    def __init__(self, name, target, how):
        self.name, self.target, self.how = name, target, how

    def _mutate(self):
        if self.target.get("armed"):
            self.target["armed"] = False
            if self.how == "grow":
                for i in range(50):
                    self.target[f"extra{i}"] = i
            elif self.how == "shrink":
                self.target.clear()
            else:  # same size, other keys
                victim = next(k for k in self.target if k is not self and k != "armed")
                del self.target[victim]
                self.target["replacement"] = 0

    def __hash__(self):
        self._mutate()
        return hash(self.name)

    def __eq__(self, other):
        self._mutate()
        return isinstance(other, MutatingKey) and other.name == self.name


@pytest.mark.parametrize("how", ["grow", "shrink", "swap"])
def test_bare_dict_field_whose_key_hash_mutates_the_dict(how):
    def data():
        d = {"a": 1, "b": 2, "c": 3}
        d[MutatingKey("k", d, how)] = 4
        d["z"] = 5
        d["armed"] = True
        return {"anything": d}

    outcomes = every_entry_point(Box, data)
    assert_no_panic(outcomes)
    for outcome in outcomes:
        if isinstance(outcome, RuntimeError):
            assert "changed" in str(outcome)


@pytest.mark.parametrize("how", ["grow", "shrink", "swap"])
def test_model_input_dict_whose_key_eq_mutates_it(how):
    """Keys that collide with a field's key are compared with __eq__ while the
    model input is read; they change that input."""

    class Colliding(MutatingKey):
        def __hash__(self):
            return hash("meta")

    def data():
        d = {"x": 0, "armed": True}
        d[Colliding("meta", d, how)] = 1
        d["items"] = [1, 2]
        return d

    outcomes = [
        outcome_of(lambda: Box.model_validate(data())),
        outcome_of(lambda: Box.model_validate_many([data(), data()])),
        outcome_of(lambda: Box.model_validate_many([data()], errors="collect")),
    ]
    assert_no_panic(outcomes)


class MutatingIndex:
    """An int-like value (via __index__) that empties its own dict when read."""

    def __init__(self, target):
        self.target = target

    def __index__(self):
        self.target.clear()
        self.target.update({f"n{i}": i for i in range(20)})
        return 7


def test_str_int_dict_field_whose_value_index_mutates_the_dict():
    def data():
        meta = {"a": 1, "b": None, "c": 3}
        meta["b"] = MutatingIndex(meta)
        return {"meta": meta}

    outcomes = every_entry_point(Box, data)
    assert_no_panic(outcomes)
    assert any(isinstance(o, RuntimeError) and "changed size" in str(o) for o in outcomes)


def class_property_mutating(target):
    """An object whose `__class__` property changes `target` (isinstance reads it)."""

    class Sneaky:
        @property
        def __class__(self):
            target.clear()
            target.update({f"s{i}": i for i in range(30)})
            return int

    return Sneaky()


@pytest.mark.parametrize("where", ["value", "key"])
def test_dict_field_entry_whose_class_property_mutates_the_dict(where):
    def data():
        meta = {"a": 1, "b": 2}
        if where == "value":
            meta["b"] = class_property_mutating(meta)
        else:
            meta[class_property_mutating(meta)] = 3
        meta["c"] = 4
        return {"meta": meta}

    assert_no_panic(every_entry_point(Box, data))


def test_nested_model_value_whose_class_property_mutates_the_outer_dict():
    def data():
        outer = {"meta": {"a": 1}, "items": [1], "inner": None}
        outer["inner"] = class_property_mutating(outer)
        return outer

    assert_no_panic(every_entry_point(Box, data))


def test_model_input_whose_class_property_mutates_itself():
    holder = {}
    sneaky = class_property_mutating(holder)
    assert_no_panic([outcome_of(lambda: Box.model_validate(sneaky)),
                     outcome_of(lambda: Box.model_validate_many([sneaky, {"items": [1]}])),
                     outcome_of(lambda: Box.model_validate(sneaky, from_attributes=True))])


class RaisingIterTuple(tuple):
    def __iter__(self):
        raise RuntimeError("__iter__ raised")


class RaisingIterable:
    def __iter__(self):
        raise RuntimeError("__iter__ raised")


def test_raising_iter_for_a_list_field():
    outcomes = every_entry_point(Box, lambda: {"items": RaisingIterTuple((1, 2))})
    assert_no_panic(outcomes)
    assert all(isinstance(o, RuntimeError) and "__iter__ raised" in str(o) for o in outcomes)


def test_raising_iter_of_the_batch_itself():
    outcome = outcome_of(lambda: Box.model_validate_many(RaisingIterable()))
    assert isinstance(outcome, RuntimeError) and "__iter__ raised" in str(outcome)


def test_list_field_shrunk_by_its_own_items():
    class Shrinking:
        def __init__(self, target):
            self.target = target

        def __index__(self):
            del self.target[:]
            return 1

    def data():
        items = [1, 2, 3, 4]
        items[1] = Shrinking(items)
        return {"items": items}

    assert_no_panic(every_entry_point(Box, data))


class HostileMapping(Mapping):
    """A Mapping whose methods raise, or change the mapping, on demand."""

    def __init__(self, data, fail=(), mutate=()):
        self.data, self.fail, self.mutate = dict(data), set(fail), set(mutate)

    def _hook(self, name):
        if name in self.fail:
            raise RuntimeError(f"{name} raised")
        if name in self.mutate:
            self.data.clear()
            self.data.update({f"m{i}": i for i in range(10)})

    def keys(self):
        self._hook("keys")
        return super().keys()

    def items(self):
        self._hook("items")
        return super().items()

    def __getitem__(self, key):
        self._hook("__getitem__")
        return self.data[key]

    def __iter__(self):
        self._hook("__iter__")
        return iter(list(self.data))

    def __len__(self):
        return len(self.data)


HOOKS = ["keys", "items", "__getitem__", "__iter__"]


@pytest.mark.parametrize("hook", HOOKS)
@pytest.mark.parametrize("action", ["fail", "mutate"])
def test_hostile_mapping_as_model_input(hook, action):
    def make():
        return HostileMapping({"meta": {"a": 1}, "items": [1]}, **{action: [hook]})

    outcomes = [
        outcome_of(lambda: Box.model_validate(make())),
        outcome_of(lambda: Box.model_validate_many([make(), make()])),
        outcome_of(lambda: Box.model_validate_many([make()], errors="collect")),
    ]
    assert_no_panic(outcomes, allowed=(satya.ValidationError, RuntimeError, KeyError))


@pytest.mark.parametrize("hook", HOOKS)
@pytest.mark.parametrize("action", ["fail", "mutate"])
@pytest.mark.parametrize("field", ["meta", "anything", "inner"])
def test_hostile_mapping_as_a_field(hook, action, field):
    contents = {"x": 1} if field == "inner" else {"a": 1, "b": 2}
    outcomes = every_entry_point(Box, lambda: {field: HostileMapping(contents, **{action: [hook]})})
    # a key that vanished while items() read it is the KeyError of __getitem__
    assert_no_panic(outcomes, allowed=(satya.ValidationError, RuntimeError, KeyError))


class DictWithHostileItems(dict):
    def items(self):
        self.clear()
        raise RuntimeError("items raised")


def test_dict_subclass_whose_items_mutates_and_raises():
    outcomes = every_entry_point(Box, lambda: {"meta": DictWithHostileItems(a=1)})
    assert_no_panic(outcomes)
    assert all(isinstance(o, RuntimeError) for o in outcomes)


class RaisingGetattr:
    def __init__(self, exc):
        self.exc = exc

    def __getattr__(self, name):
        raise self.exc


class Attributes(Model):
    model_config = {"from_attributes": True}
    meta: dict[str, int] = {}
    inner: Optional[Inner] = None
    children: dict[str, Inner] = {}


@pytest.mark.parametrize("exc", [RuntimeError("boom"), AttributeError("nope"), KeyError("k"), ValueError("v")])
def test_from_attributes_object_whose_getattr_raises(exc):
    obj = RaisingGetattr(exc)
    outcomes = [
        outcome_of(lambda: Attributes.model_validate(obj)),
        outcome_of(lambda: Box.model_validate(obj, from_attributes=True)),
        outcome_of(lambda: Box.model_validate_many([obj, obj], from_attributes=True)),
        outcome_of(lambda: Box.model_validate_many([obj], from_attributes=True, errors="collect")),
    ]
    assert_no_panic(outcomes, allowed=(type(exc),))
    if isinstance(exc, AttributeError):  # every attribute absent: the defaults
        assert all(not isinstance(o, BaseException) for o in outcomes)
    nested = [
        outcome_of(lambda: Attributes.model_validate({"inner": obj, "children": {"a": obj}}, from_attributes=True)),
        outcome_of(lambda: Attributes.model_validate_many([{"children": {"a": obj, "b": obj}}], from_attributes=True)),
    ]
    assert_no_panic(nested, allowed=(satya.ValidationError, type(exc)))


def test_from_attributes_getattr_that_mutates_the_dict_being_validated():
    def data():
        children = {"a": None, "b": {"x": 2}, "c": {"x": 3}}

        class Mutating:
            def __getattr__(self, name):
                children.clear()
                children.update({f"g{i}": {"x": i} for i in range(40)})
                return 5

        children["a"] = Mutating()
        return {"children": children}

    outcomes = [
        outcome_of(lambda: Attributes.model_validate(data(), from_attributes=True)),
        outcome_of(lambda: Attributes(**data())),
        outcome_of(lambda: Attributes.model_validate_many([data()], from_attributes=True)),
        outcome_of(lambda: Attributes.model_validate_many([data()], from_attributes=True, errors="collect")),
    ]
    assert_no_panic(outcomes)
