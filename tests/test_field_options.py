"""`Field` options beyond validation, against pydantic: `exclude` (never
dumped, whatever the include), `repr=False` (left out of repr and str), and
`validate_default` (a default validated as an input is), also from the config."""

import json
from typing import Annotated

import pydantic
import pytest

import satya

LIBRARIES = [satya, pydantic]


def define(lib):
    class Inner(lib.BaseModel):
        a: int = 1
        secret: str = lib.Field(default="s", exclude=True)

    class M(lib.BaseModel):
        x: int
        hidden: str = lib.Field(default="h", exclude=True)
        quiet: str = lib.Field(default="q", repr=False)
        inner: Inner = Inner()
        items: list[Inner] = []

    return M


MODELS = {lib: define(lib) for lib in LIBRARIES}


@pytest.mark.parametrize("options", [
    {}, {"include": {"x", "hidden"}}, {"exclude": {"x"}}, {"exclude_unset": True}, {"exclude_defaults": True},
    {"by_alias": True}, {"mode": "json"}, {"include": {"inner": {"secret", "a"}}},
])
def test_an_excluded_field_is_never_dumped(options):
    def run(lib):
        obj = MODELS[lib].model_validate({"x": 1, "hidden": "H", "inner": {"secret": "S"}, "items": [{"a": 2}]})
        json_options = {k: v for k, v in options.items() if k != "mode"}
        return obj.model_dump(**options), json.loads(obj.model_dump_json(**json_options))

    assert run(satya) == run(pydantic)


def test_an_excluded_field_is_still_validated_and_read():
    for lib in LIBRARIES:
        with pytest.raises((satya.ValidationError, pydantic.ValidationError)):
            MODELS[lib](x=1, hidden=5)
        assert MODELS[lib](x=1, hidden="H").hidden == "H"


def test_repr_false_hides_a_field_from_repr_and_str():
    ours, theirs = MODELS[satya](x=1, quiet="Q"), MODELS[pydantic](x=1, quiet="Q")
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)
    assert "quiet" not in repr(ours) and ours.quiet == "Q"


def validating_defaults(lib, field_level: bool):
    config = {} if field_level else {"validate_default": True}
    option = {"validate_default": True} if field_level else {}

    class M(lib.BaseModel):
        model_config = config
        n: int = lib.Field(default="5", **option)
        bad: int = lib.Field(default="x", **option)
        listed: list[int] = lib.Field(default=["1", 2], **option)

    return M


@pytest.mark.parametrize("from_json", [False, True])
@pytest.mark.parametrize("field_level", [True, False])
@pytest.mark.parametrize("data", [{}, {"bad": 3}, {"bad": 3, "listed": []}, {"n": 1, "bad": 3, "listed": []}])
def test_validate_default_validates_a_missing_fields_default(field_level, data, from_json):
    def run(lib):
        cls = validating_defaults(lib, field_level)
        try:
            obj = cls.model_validate_json(json.dumps(data)) if from_json else cls.model_validate(data)
        except (satya.ValidationError, pydantic.ValidationError) as exc:
            return exc.errors(include_url=False)
        return obj.model_dump(), sorted(obj.model_fields_set)

    assert run(satya) == run(pydantic)


def ellipsis_models(lib):
    class M(lib.BaseModel):
        bare: int = ...
        field: int = lib.Field(...)
        constrained: int = lib.Field(..., gt=0)
        annotated: Annotated[int, lib.Field(...)]
        factory: list = lib.Field(..., default_factory=list)

    return M


@pytest.mark.parametrize("data", [{}, {"bare": 1, "field": 2, "constrained": 0, "annotated": 4},
                                  {"bare": 1, "field": 2, "constrained": 3, "annotated": 4}])
def test_an_ellipsis_default_declares_a_required_field(data):
    def run(lib):
        M = ellipsis_models(lib)
        required = {name: info.is_required() for name, info in M.model_fields.items()}
        try:
            return required, M(**data).model_dump()
        except lib.ValidationError as exc:
            return required, [(e["type"], e["loc"]) for e in exc.errors()]

    assert run(satya) == run(pydantic)


def annotated_fields(lib):
    """Each field's default and options come from a Field() inside Annotated,
    alone or with an assignment, which wins where both set something."""
    from typing import Optional

    class M(lib.BaseModel):
        default: Annotated[int, lib.Field(3)]
        factory: Annotated[list[int], lib.Field(default_factory=lambda: [1])]
        aliased: Annotated[int, lib.Field(alias="Aliased")] = 0
        described: Annotated[int, lib.Field(description="d", title="T", gt=0)] = 1
        frozen: Annotated[int, lib.Field(frozen=True)] = 2
        later_wins: Annotated[int, lib.Field(4, alias="first"), lib.Field(alias="second")]
        assigned_wins: Annotated[int, lib.Field(5, alias="inner")] = lib.Field(6, alias="outer")
        default_kept: Annotated[int, lib.Field(7)] = lib.Field(ge=0)
        hidden: Annotated[int, lib.Field(repr=False)] = 8
        by_other_name: Annotated[Optional[int], lib.Field(validation_alias="other")] = None

    return M


ANNOTATED = {lib: annotated_fields(lib) for lib in LIBRARIES}


@pytest.mark.parametrize("data", [{}, {"Aliased": 2, "second": 9, "outer": 1, "other": 3},
                                  {"aliased": 2, "later_wins": 9, "described": 0, "default_kept": -1}])
def test_a_field_inside_annotated_gives_its_default_and_options(data):
    outcomes = []
    for lib in LIBRARIES:
        M = ANNOTATED[lib]
        fields = {name: (info.alias, info.title, info.description, info.frozen, info.is_required())
                  for name, info in M.model_fields.items()}
        try:
            m = M.model_validate(data)
            result = (m.model_dump(), m.model_dump(by_alias=True), repr(m))
        except (satya.ValidationError, pydantic.ValidationError) as exc:
            result = [(e["type"], e["loc"]) for e in exc.errors()]
        outcomes.append((fields, result, M.model_json_schema()))
    assert outcomes[0] == outcomes[1]


def test_a_frozen_field_inside_annotated_refuses_assignment():
    for lib in LIBRARIES:
        m = ANNOTATED[lib]()
        with pytest.raises((satya.ValidationError, pydantic.ValidationError)) as info:
            m.frozen = 3
        assert info.value.errors()[0]["type"] == "frozen_field"


def test_dataclass_options_are_kept_and_change_nothing_for_a_model():
    outcomes = []
    for lib in LIBRARIES:
        class M(lib.BaseModel):
            a: int = lib.Field(kw_only=True)
            b: int = lib.Field(1, init=False)
            c: int = lib.Field(2, init_var=True)
        info = M.model_fields
        outcomes.append((M(a=1, b=5, c=3).model_dump(), info["a"].kw_only, info["b"].init, info["c"].init_var))
    assert outcomes[0] == outcomes[1] == ({"a": 1, "b": 5, "c": 3}, True, False, True)
