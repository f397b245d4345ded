"""The round trip: for a generated satya model M, the model compiled from
`M.model_json_schema()` validates every generated input as M does, with the
same values and the same errors."""

import datetime
import ipaddress
import itertools
import uuid
from typing import Annotated, Literal, Optional

from hypothesis import given
from hypothesis import strategies as st

import satya
from satya.json_schema_compiler import JSONSchemaCompiler
from support import errors_of, satya_only

pytestmark = satya_only

NAMES = ("a", "b", "c", "d")
_counter = itertools.count()


def constrained(tp, **constraints):
    constraints = {k: v for k, v in constraints.items() if v is not None}
    return Annotated[tp, satya.Field(**constraints)] if constraints else tp


def small(lo, hi):
    return st.none() | st.integers(lo, hi)


def leaf_types():
    return st.one_of(
        st.builds(lambda ge, lt, m: constrained(int, ge=ge, lt=lt, multiple_of=m), small(-5, 5), small(6, 20),
                  st.none() | st.sampled_from([2, 3])),
        st.builds(lambda gt, le: constrained(float, gt=gt, le=le), small(-5, 0), small(1, 10)),
        st.builds(lambda lo, hi, p: constrained(str, min_length=lo, max_length=hi, pattern=p), small(0, 2),
                  small(3, 6), st.none() | st.sampled_from(["^[a-z]*$", "[0-9]"])),
        st.sampled_from([bool, datetime.date, datetime.datetime, uuid.UUID, satya.EmailStr, satya.AnyUrl,
                         Literal["x", "y"], Literal[1], type(None), bytes, satya.SecretStr, satya.UUID4,
                         ipaddress.IPv4Network, satya.IPvAnyAddress]),
    )


def model_of(fields: dict):
    name = f"M{next(_counter)}"
    definitions = {field: (tp, ...) if required else (Optional[tp], None)
                   for field, (tp, required) in fields.items()}
    return satya.create_model(name, **definitions)


def field_maps(children):
    return st.dictionaries(st.sampled_from(NAMES), st.tuples(children, st.booleans()), min_size=1, max_size=4)


def types():
    return st.recursive(leaf_types(), lambda children: st.one_of(
        st.builds(lambda tp, lo, hi: constrained(list[tp], min_length=lo, max_length=hi), children, small(0, 1),
                  small(2, 3)),
        st.builds(lambda tp: dict[str, tp], children),
        st.builds(lambda a, b: tuple[a, b], children, children),
        st.builds(model_of, field_maps(children)),
    ), max_leaves=6)


def json_values():
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(-8, 25), st.floats(-8, 12, allow_nan=False),
        st.sampled_from(["", "x", "abc", "ab1", "5", "2.5", "true", "2020-01-02", "2020-01-02T03:04:05",
                         "12345678-1234-5678-1234-567812345678", "a@example.com", "https://example.com", "y",
                         "10.0.0.0/8", "::1", "16fd2706-8baf-433b-82eb-8c7fada847da"]),
    )
    return st.recursive(scalars, lambda children: st.lists(children, max_size=3)
                        | st.dictionaries(st.sampled_from(NAMES + ("e",)), children, max_size=4), max_leaves=10)


def outcome(cls, data):
    try:
        instance = cls.model_validate(data)
    except satya.ValidationError as exc:
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in errors_of(exc)])
    return ("ok", instance.model_dump(mode="json"))


@given(field_maps(types()), st.lists(json_values() | st.dictionaries(st.sampled_from(NAMES), json_values()),
                                     min_size=1, max_size=6))
def test_a_model_compiled_from_its_schema_validates_as_the_model(fields, inputs):
    model = model_of(fields)
    compiled = JSONSchemaCompiler().to_model(model.model_json_schema())
    for data in inputs:
        assert outcome(compiled, data) == outcome(model, data), (model.model_json_schema(), data)


@given(field_maps(types()))
def test_a_model_compiled_from_its_schema_has_the_same_schema(fields):
    model = model_of(fields)
    schema = model.model_json_schema()
    assert JSONSchemaCompiler().to_model(schema).model_json_schema() == schema
