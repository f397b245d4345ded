"""A call's `by_alias=`, `by_name=` and `extra=` (model_validate,
model_validate_json, model_validate_strings and the TypeAdapter methods):
they override every model's config inside the call, nested models included,
and `extra=` reaches TypedDicts and dataclasses, all against pydantic."""

import dataclasses
import json
from typing import Optional

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import NotRequired, TypedDict

from support import ORACLE, lib, satya_only


def define(m):
    class Inner(m.BaseModel):
        a: int
        b: int = m.Field(0, alias="B")

    class Forbidding(m.BaseModel):
        model_config = m.ConfigDict(extra="forbid")
        x: int = m.Field(alias="X")
        inner: Optional[Inner] = None

    class Allowing(m.BaseModel):
        model_config = m.ConfigDict(extra="allow", populate_by_name=True)
        p: int = m.Field(alias="P")
        q: Optional["Allowing"] = None

    class ByName(m.BaseModel):
        model_config = m.ConfigDict(validate_by_alias=False, validate_by_name=True)
        k: int = m.Field(alias="K")

    class Hooked(m.BaseModel):
        x: int = m.Field(alias="X")

        @m.model_validator(mode="wrap")
        @classmethod
        def around(cls, data, handler):
            return handler(data)

    return {"Forbidding": Forbidding, "Allowing": Allowing, "ByName": ByName, "Hooked": Hooked}


MINE, THEIRS = define(lib), define(pydantic)
INPUTS = {
    "Forbidding": [{"X": 1}, {"x": 1}, {"X": 1, "x": 2}, {"X": 1, "inner": {"a": 1, "B": 2}},
                   {"X": 1, "inner": {"a": 1, "b": 2}}, {"X": 1, "inner": {"a": 1, "z": 2}}, {"X": 1, "y": 3}],
    "Allowing": [{"P": 1}, {"p": 1}, {"P": 1, "z": 2}, {"p": 1, "P": 2}, {"P": 1, "q": {"p": 2, "w": 1}}],
    "ByName": [{"K": 1}, {"k": 1}, {"k": 1, "K": 2}],
    "Hooked": [{"X": 1}, {"x": 1}, {"X": 1, "y": 2}],
}
# 'allow' from a call is left out where the model keeps no extra keys (see test_allow_needs_a_model_that_keeps_extras)
EXTRA = {"Forbidding": [None, "ignore", "forbid"], "Allowing": [None, "ignore", "forbid", "allow"],
         "ByName": [None, "ignore", "forbid"], "Hooked": [None, "ignore", "forbid"]}
flags = st.sampled_from([None, True, False])


def outcome(call):
    try:
        value = call()
    except (pydantic.ValidationError, *([] if ORACLE else [lib.ValidationError])) as exc:
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in exc.errors()])
    except (TypeError, ValueError, RuntimeError) as exc:
        return ("raises", type(exc).__name__, str(exc).split("\n")[0])
    return ("ok", repr(value), value.model_dump(), sorted(value.model_fields_set), value.__pydantic_extra__)


def as_strings(data):
    return {k: as_strings(v) if isinstance(v, dict) else str(v) for k, v in data.items()}


@given(name=st.sampled_from(sorted(INPUTS)), data=st.data(), by_alias=flags, by_name=flags)
def test_key_options_match_pydantic(name, data, by_alias, by_name):
    extra = data.draw(st.sampled_from(EXTRA[name]))
    value = data.draw(st.sampled_from(INPUTS[name]))
    options = {k: v for k, v in dict(by_alias=by_alias, by_name=by_name, extra=extra).items() if v is not None}
    for call in (lambda cls: cls.model_validate(value, **options),
                 lambda cls: cls.model_validate_json(json.dumps(value), **options),
                 lambda cls: cls.model_validate_strings(as_strings(value), **options)):
        assert outcome(lambda: call(MINE[name])) == outcome(lambda: call(THEIRS[name])), (value, options)


def test_a_call_without_options_keeps_the_config():
    for cls in (MINE["Forbidding"], THEIRS["Forbidding"]):
        assert cls.model_validate({"X": 1}).x == 1
        with pytest.raises(Exception) as info:
            cls.model_validate({"X": 1, "y": 2})
        assert [e["type"] for e in info.value.errors()] == ["extra_forbidden"]


def test_by_alias_false_needs_by_name():
    for cls in (MINE["Forbidding"], THEIRS["Forbidding"]):
        for options in ({"by_alias": False}, {"by_alias": False, "by_name": False}):
            with pytest.raises(RuntimeError, match="At least one of `by_alias` or `by_name` must be set to True") as info:
                cls.model_validate({"x": 1}, **options)
            assert info.value.code == "validate-by-alias-and-name-false"
        with pytest.raises(ValueError, match="cannot both be set to `False`"):
            (MINE if cls is MINE["Forbidding"] else THEIRS)["ByName"].model_validate({"k": 1}, by_name=False)


def test_an_unknown_extra_value_is_refused():
    for cls in (MINE["Forbidding"], THEIRS["Forbidding"]):
        with pytest.raises(ValueError, match="Invalid extra_behavior: `bogus`"):
            cls.model_validate({"X": 1}, extra="bogus")


class Row(TypedDict):
    x: int
    y: NotRequired[int]


@dataclasses.dataclass
class Point:
    x: int


def holder(m):
    class Holder(m.BaseModel):
        row: Row
        point: Point

    return Holder


@pytest.mark.parametrize("extra", [None, "ignore", "forbid", "allow"])
def test_extra_reaches_typed_dicts_and_dataclasses(extra):
    options = {} if extra is None else {"extra": extra}
    for target, value in ((Row, {"z": 2, "x": 1, "y": 3}), (Point, {"x": 1, "z": 2})):
        mine, theirs = lib.TypeAdapter(target), pydantic.TypeAdapter(target)
        assert outcome_of(lambda: mine.validate_python(value, **options)) == outcome_of(
            lambda: theirs.validate_python(value, **options))
        text = json.dumps(value)
        assert outcome_of(lambda: mine.validate_json(text, **options)) == outcome_of(
            lambda: theirs.validate_json(text, **options))
    if extra != "allow":  # the holder model keeps no extra keys (see below)
        data = {"row": {"x": 1, "z": 2}, "point": {"x": 1, "z": 3}}
        assert outcome_of(lambda: holder(lib).model_validate(data, **options)) == outcome_of(
            lambda: holder(pydantic).model_validate(data, **options))


def outcome_of(call):
    try:
        return ("ok", repr(call()))
    except (pydantic.ValidationError, *([] if ORACLE else [lib.ValidationError])) as exc:
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in exc.errors()])


@pytest.mark.parametrize("method", ["validate_python", "validate_json", "validate_strings"])
def test_type_adapters_take_the_options(method):
    # strings mode reads no lists: its records come in a dict
    records = {"a": {"x": "1"}, "b": {"X": "2", "y": "3"}}

    def run(m):
        models = define(m)
        if method == "validate_strings":
            adapter, data = m.TypeAdapter(dict[str, models["Forbidding"]]), records
        else:
            adapter, data = m.TypeAdapter(list[models["Forbidding"]]), list(records.values())
        data = json.dumps(data) if method == "validate_json" else data
        found = []
        for options in ({}, {"by_name": True}, {"by_alias": False, "by_name": True}, {"extra": "ignore"}):
            try:
                result = getattr(adapter, method)(data, **options)
                found.append([v.x for v in (result.values() if isinstance(result, dict) else result)])
            except Exception as exc:  # noqa: BLE001 - the outcome is compared
                found.append([(e["type"], e["loc"]) for e in exc.errors()])
        return found

    assert run(lib) == run(pydantic)


@satya_only
def test_allow_needs_a_model_that_keeps_extras():
    with pytest.raises(TypeError, match="Forbidding keeps no extra keys: extra='allow' in a call needs"):
        MINE["Forbidding"].model_validate({"X": 1}, extra="allow")
    assert MINE["Allowing"].model_validate({"P": 1, "z": 2}, extra="allow").__pydantic_extra__ == {"z": 2}


@satya_only
def test_many_threads_share_one_variant_per_combination():
    import threading

    model = MINE["Forbidding"]
    results = []

    def work():
        for _ in range(50):
            results.append(model.model_validate({"x": 1, "y": 2}, by_name=True, extra="ignore").x)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [1] * 200
