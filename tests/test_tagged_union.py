"""Discriminated unions: `Field(discriminator=...)` over models with Literal
tags, and `Discriminator(callable)` over `Tag`ged choices. The tag picks the
one choice to validate; errors are located under the tag, and a missing or
unknown tag is `union_tag_not_found` / `union_tag_invalid`. A hypothesis
differential against pydantic covers both inputs, strict and lax."""

import json
from typing import Annotated, Literal, Optional, Union

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from support import differential_attempt, differential_inputs, lib, library_view, one_field_model, satya_only

import satya


def pets(library):
    base = pydantic.BaseModel if library is pydantic else satya.Model

    class Cat(base):
        kind: Literal["cat"]
        meows: int

    class Dog(base):
        kind: Literal["dog", "puppy"]
        barks: float = 1.0

    class Lizard(base):
        kind: Literal[1, 2]

    class Aliased(base):
        kind: Literal["a"] = library.Field(alias="Kind")
        n: int = 0

    class AliasedToo(base):
        kind: Literal["b"] = library.Field(alias="Kind")

    return Cat, Dog, Lizard, Aliased, AliasedToo


SATYA_PETS = pets(satya)
PYDANTIC_PETS = pets(pydantic)
Cat, Dog, Lizard, Aliased, AliasedToo = SATYA_PETS if lib is satya else PYDANTIC_PETS


def tag_of(value):
    """A callable discriminator: a dict's "t", an object's `t`, else None."""
    if isinstance(value, dict):
        return value.get("t")
    return getattr(value, "t", None)


UNIONS = {
    "field": lambda L, P: (Union[P[0], P[1], P[2]], {"discriminator": "kind"}),
    "optional": lambda L, P: (Optional[Union[P[0], P[1]]], {"discriminator": "kind", "default": None}),
    "discriminator object": lambda L, P: (Union[P[0], P[1]], {"discriminator": L.Discriminator("kind")}),
    "annotated": lambda L, P: (Annotated[Union[P[0], P[1]], L.Field(discriminator="kind")], None),
    "list": lambda L, P: (list[Annotated[Union[P[0], P[2]], L.Field(discriminator="kind")]], None),
    "alias": lambda L, P: (Union[P[3], P[4]], {"discriminator": "kind"}),
    "callable": lambda L, P: (
        Annotated[Union[Annotated[P[0], L.Tag("c")], Annotated[int, L.Tag("i")], Annotated[list[str], L.Tag("l")]],
                  L.Discriminator(tag_of)],
        None,
    ),
}

_CLASSES = {}


def union_classes(name):
    if name not in _CLASSES:
        _CLASSES[name] = tuple(
            one_field_model(*UNIONS[name](library, models), lib=library)
            for library, models in ((satya, SATYA_PETS), (pydantic, PYDANTIC_PETS))
        )
    return _CLASSES[name]


TAGS = st.sampled_from(["cat", "dog", "puppy", "fish", "a", "b", "c", "i", "l", 1, 2, 3, True, None, "1", 1.0])
VALUES = st.sampled_from([0, 1, 1.5, "x", "2", None, True, ["a"], [1]])
PET = st.fixed_dictionaries(
    {},
    optional={"kind": TAGS, "Kind": TAGS, "t": TAGS, "meows": VALUES, "barks": VALUES, "n": VALUES},
)
INPUTS = st.one_of(PET, VALUES, st.lists(PET, max_size=2))


@satya_only
@pytest.mark.parametrize("name", list(UNIONS))
@settings(max_examples=80, deadline=None)
@given(value=INPUTS, strict=st.booleans())
def test_tagged_union_matches_pydantic(name, value, strict):
    satya_cls, pydantic_cls = union_classes(name)
    for kind, data in differential_inputs(value):
        expected = differential_attempt(pydantic_cls, kind, data, strict, view=library_view)
        assert differential_attempt(satya_cls, kind, data, strict, view=library_view) == expected, (kind, data)


@pytest.fixture(scope="module")
def owner():
    return one_field_model(Union[Cat, Dog, Lizard], {"discriminator": "kind"})


def test_the_tag_picks_the_choice(inputs, owner):
    assert type(inputs.validate_v(owner, {"kind": "puppy"})) is Dog
    assert type(inputs.validate_v(owner, {"kind": "cat", "meows": 2})) is Cat
    assert type(inputs.validate_v(owner, {"kind": 2})) is Lizard


def test_errors_are_located_under_the_tag(inputs, owner):
    errors = inputs.errors(owner, {"v": {"kind": "cat", "meows": "x"}})
    assert [(e["loc"], e["type"]) for e in errors] == [(("v", "cat", "meows"), "int_parsing")]
    errors = inputs.errors(owner, {"v": {"kind": "puppy", "barks": "x"}})
    assert [(e["loc"], e["type"]) for e in errors] == [(("v", "puppy", "barks"), "float_parsing")]


def test_an_unknown_tag_lists_the_expected_ones(inputs, owner):
    error = inputs.single_error(owner, {"kind": "fish"})
    assert error["type"] == "union_tag_invalid"
    assert error["loc"] == ("v",)
    assert error["msg"] == (
        "Input tag 'fish' found using 'kind' does not match any of the expected tags: 'cat', 'dog', 'puppy', 1, 2"
    )
    assert error["ctx"] == {"discriminator": "'kind'", "tag": "fish", "expected_tags": "'cat', 'dog', 'puppy', 1, 2"}


def test_a_missing_tag_is_not_found(inputs, owner):
    error = inputs.single_error(owner, {})
    assert (error["type"], error["msg"]) == ("union_tag_not_found", "Unable to extract tag using discriminator 'kind'")


def test_a_value_that_has_no_fields_is_refused(inputs, owner):
    error = inputs.single_error(owner, 1)
    expected = inputs.pick(
        python=("model_attributes_type", "Input should be a valid dictionary or object to extract fields from"),
        json=("dict_type", "Input should be an object"),
    )
    assert (error["type"], error["msg"]) == expected


def test_an_instance_is_read_by_its_attribute(owner):
    cat = Cat(kind="cat", meows=1)
    assert owner(v=cat).v is cat


def test_the_tag_is_read_by_name_then_by_alias(inputs):
    cls = one_field_model(Union[Aliased, AliasedToo], {"discriminator": "kind"})
    assert type(inputs.validate_v(cls, {"Kind": "b"})) is AliasedToo
    error = inputs.single_error(cls, {"kind": "b"})
    assert (error["loc"], error["type"]) == (("v", "b", "Kind"), "missing")
    error = inputs.single_error(cls, {"kind": "x"})
    assert (error["type"], error["ctx"]["discriminator"]) == ("union_tag_invalid", "'kind' | 'Kind'")


def test_a_callable_discriminator_and_tags(inputs):
    annotation = Annotated[Union[Annotated[Cat, lib.Tag("c")], Annotated[int, lib.Tag("i")]], lib.Discriminator(tag_of)]
    cls = one_field_model(annotation)
    errors = inputs.errors(cls, {"v": {"t": "i"}})
    assert [(e["loc"], e["type"]) for e in errors] == [(("v", "i"), "int_type")]
    error = inputs.single_error(cls, {"t": "x"})
    assert error["msg"] == "Input tag 'x' found using tag_of() does not match any of the expected tags: 'c', 'i'"
    assert inputs.single_error(cls, {})["type"] == "union_tag_not_found"


def test_dumps_follow_the_chosen_model(inputs, owner):
    instance = inputs.validate(owner, {"v": {"kind": "dog", "barks": 2}})
    assert instance.model_dump() == {"v": {"kind": "dog", "barks": 2.0}}
    assert json.loads(instance.model_dump_json()) == {"v": {"kind": "dog", "barks": 2.0}}


@satya_only
@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Union[Cat, int], "int cannot be a choice of a discriminated union"),
        (lambda: Union[Cat, Annotated[dict, "x"]], "cannot be a choice of a discriminated union"),
    ],
)
def test_a_choice_that_is_not_a_model_is_refused(make, message):
    with pytest.raises(satya.SchemaError, match=message):
        one_field_model(make(), {"discriminator": "kind"})


@satya_only
def test_definition_time_errors():
    class NoTag(satya.Model):
        x: int

    class NotLiteral(satya.Model):
        kind: str

    class SameTag(satya.Model):
        kind: Literal["cat"]

    cases = [
        (Union[Cat, NoTag], {"discriminator": "kind"}, "model 'NoTag' needs a discriminator field for key 'kind'"),
        (Union[Cat, NotLiteral], {"discriminator": "kind"}, "NotLiteral.kind must be a Literal"),
        (Union[Cat, SameTag], {"discriminator": "kind"}, "tag 'cat' is used by more than one choice"),
        (Union[Aliased, Cat], {"discriminator": "kind"}, "aliases for discriminator 'kind' must be the same"),
        (Union[Cat, Dog], {"discriminator": 3}, "discriminator must be a field name or a callable"),
        (Union[Cat, Dog], {"discriminator": "kind", "union_mode": "left_to_right"}, "a discriminated union has no union_mode"),
        (Annotated[Union[Cat, Annotated[Dog, satya.Tag("d")]], satya.Discriminator(tag_of)], None, "Cat needs a Tag"),
    ]
    for annotation, field, message in cases:
        with pytest.raises(satya.SchemaError, match=message):
            one_field_model(annotation, field)


def _tag_of(value):
    return value.get("kind") if isinstance(value, dict) else None


CUSTOM_ERRORS = {
    "custom": dict(custom_error_type="invalid_pet", custom_error_message="Not a pet: {why}",
                   custom_error_context={"why": "unknown kind"}),
    "known": dict(custom_error_type="greater_than", custom_error_context={"gt": 5}),
    "known-without-context": dict(custom_error_type="int_parsing"),
}


@pytest.mark.parametrize("name", list(CUSTOM_ERRORS))
@pytest.mark.parametrize("data", [{"kind": "fish"}, {}, 3], ids=["unknown-tag", "no-tag", "no-fields"])
def test_a_discriminator_s_own_error_replaces_the_tag_errors(name, data):
    def owner(library):
        class Cat(library.BaseModel):
            kind: Literal["cat"]

        class Dog(library.BaseModel):
            kind: Literal["dog"]
        choices = Union[Annotated[Cat, library.Tag("cat")], Annotated[Dog, library.Tag("dog")]]
        return one_field_model(Annotated[choices, library.Discriminator(_tag_of, **CUSTOM_ERRORS[name])], lib=library)

    outcomes = []
    for library in (satya, pydantic):
        with pytest.raises((satya.ValidationError, pydantic.ValidationError)) as info:
            owner(library).model_validate({"v": data})
        outcomes.append(info.value.errors(include_url=False))
    assert outcomes[0] == outcomes[1]


@satya_only
@pytest.mark.parametrize("keywords, message", [
    (dict(custom_error_type="nonsense"), "custom_error_type \"nonsense\" without custom_error_message"),
    (dict(custom_error_type="greater_than"), "'gt' required in context"),
    (dict(custom_error_type="x", custom_error_message="m", custom_error_context=[1]), "custom_error_context must be a dict"),
])
def test_a_discriminator_error_that_cannot_be_made_is_refused_at_definition(keywords, message):
    class Cat(satya.Model):
        kind: Literal["cat"]
    with pytest.raises(satya.SchemaError, match=message):
        choices = Union[Annotated[Cat, satya.Tag("cat")], Annotated[int, satya.Tag("n")]]
        one_field_model(Annotated[choices, satya.Discriminator(_tag_of, **keywords)])
