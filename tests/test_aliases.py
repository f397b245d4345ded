"""Aliases against pydantic: `alias`, `validation_alias`, `serialization_alias`,
and the config keys `populate_by_name`, `validate_by_name`, `validate_by_alias`,
`serialize_by_alias` and `alias_generator`, through dicts, JSON, keywords and
dumps; a field's own key wins over its name wherever each comes."""

import json

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import satya
from satya import alias_generators

LIBRARIES = [satya, pydantic]
CONFIGS = {
    "plain": {},
    "by name": {"populate_by_name": True},
    "by name only": {"validate_by_name": True, "validate_by_alias": False},
    "generated": {"alias_generator": alias_generators.to_camel, "serialize_by_alias": True},
    "generated, by name, forbid": {"alias_generator": alias_generators.to_pascal, "validate_by_name": True,
                                   "extra": "forbid"},
}


def define(lib, config):
    class Inner(lib.BaseModel):
        model_config = dict(config)
        inner_value: int = 0

    class M(lib.BaseModel):
        model_config = dict(config)
        user_id: int = lib.Field(alias="userId")
        full_name: str = lib.Field(default="x", validation_alias="fullName", serialization_alias="nameOut")
        home_town: str = "t"
        inner: Inner = Inner()

    return M


MODELS = {name: {lib: define(lib, config) for lib in LIBRARIES} for name, config in CONFIGS.items()}


def outcome(call):
    try:
        result = call()
    except (satya.ValidationError, pydantic.ValidationError) as exc:
        return ("err", exc.errors(include_url=False))
    return ("ok", result.model_dump(), result.model_dump(by_alias=True), result.model_dump(by_alias=False),
            result.model_dump_json(), result.model_dump_json(by_alias=True))


KEYS = st.sampled_from(["userId", "user_id", "UserId", "fullName", "full_name", "FullName", "nameOut", "home_town",
                        "homeTown", "HomeTown", "inner", "Inner", "zz"])
VALUES = st.one_of(st.integers(0, 3), st.sampled_from(["a", "7", None, {"inner_value": 1}, {"innerValue": 2},
                                                       {"InnerValue": 3}]))


@pytest.mark.parametrize("config", list(CONFIGS))
def test_aliases_read_and_dump_as_pydantic(config):
    models = MODELS[config]

    @settings(max_examples=150, deadline=None)
    @given(pairs=st.lists(st.tuples(KEYS, VALUES), max_size=5))
    def check(pairs):
        data = dict(pairs)
        text = "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}"
        for call in (lambda cls: cls.model_validate(data), lambda cls: cls.model_validate_json(text),
                     lambda cls: cls(**data)):
            assert outcome(lambda: call(models[satya])) == outcome(lambda: call(models[pydantic]))

    check()


@pytest.mark.parametrize("data", [
    '{"userId": 1, "user_id": 2}',
    '{"user_id": 2, "userId": 1}',
    '{"user_id": 2, "userId": 1, "user_id": 3}',
])
def test_a_fields_own_key_wins_over_its_name(data):
    models = MODELS["by name"]
    expected = outcome(lambda: models[pydantic].model_validate_json(data))
    assert expected[0] == "ok" and expected[1]["user_id"] == 1
    assert outcome(lambda: models[satya].model_validate_json(data)) == expected
    assert outcome(lambda: models[satya].model_validate(json.loads(data))) == expected


def test_validating_neither_by_alias_nor_by_name_is_refused():
    with pytest.raises(satya.SchemaError):
        class Nothing(satya.Model, validate_by_alias=False):
            x: int = satya.Field(alias="X")


def test_an_alias_generator_must_give_a_str():
    with pytest.raises(satya.SchemaError):
        class Bad(satya.Model, alias_generator=lambda name: 1):
            x: int
