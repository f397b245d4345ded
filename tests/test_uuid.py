"""`UUID` fields, and `UUID1` ... `UUID8`: from a UUID, a str in every form
pydantic accepts, or bytes; strict mode takes only UUIDs from Python and
strings from JSON. Errors, versions and dumps against pydantic, the oracle."""

import json
import uuid
from typing import Annotated, Optional
from uuid import UUID

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dump_support
import support
from support import ORACLE, Model, errors_of, lib, one_field_model, satya_only

LaxUuid = one_field_model(UUID)
StrictUuid = one_field_model(UUID, strict=True)
TEXT = "12345678-1234-5678-1234-567812345678"
PARSED = UUID(TEXT)


class MyUuid(UUID):
    pass


def versioned(version, *, strict=False, of=None):
    """A one-field model of `UUID<version>` from `of` (satya or pydantic)."""
    of = of or lib
    return one_field_model(getattr(of, f"UUID{version}"), strict=strict, lib=of)


@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        TEXT.upper(),
        "{" + TEXT + "}",
        "urn:uuid:" + TEXT,
        TEXT.replace("-", ""),
        TEXT.replace("-", "").upper(),
    ],
)
def test_lax_uuid_accepts_every_text_form(inputs, text):
    result = inputs.validate_v(LaxUuid, text)
    assert type(result) is UUID and result == PARSED
    assert result.is_safe is uuid.SafeUUID.unknown


@pytest.mark.parametrize("data", [TEXT.encode(), ("{" + TEXT + "}").encode(), PARSED.bytes, b"\x00" * 16, b"\xff" * 16])
def test_lax_uuid_accepts_text_bytes_and_16_raw_bytes(data):
    expected = UUID(data.decode()) if len(data) != 16 else UUID(bytes=data)
    result = support.validate_v(LaxUuid, data)
    assert type(result) is UUID and result == expected


def test_a_uuid_is_kept_as_the_same_object_and_a_subclass_as_itself(inputs):
    inputs.python_only("JSON has no UUID")
    value, sub = uuid.uuid4(), MyUuid(int=7)
    assert inputs.validate_v(LaxUuid, value) is value
    assert inputs.validate_v(StrictUuid, sub) is sub


UUID_PARSING = "Input should be a valid UUID, "


@pytest.mark.parametrize(
    "text, error",
    [
        ("", "invalid length: found 0"),
        (TEXT[:-1], "invalid group length in group 4: expected 12, found 11"),
        (TEXT + "1", "invalid group length in group 4: expected 12, found 13"),
        (TEXT.replace("-", "")[:-1], "invalid length: found 31"),
        ("z" * 32, "invalid character: found `z` at 0"),
        (" " + TEXT, "invalid character: found ` ` at 0"),
        (TEXT + "}", "invalid character: found `}` at 36"),
        ("URN:UUID:" + TEXT, "invalid character: found `U` at 0"),
        ("urn:uuid:{" + TEXT + "}", "invalid length: found 47"),
        ("{" + TEXT.replace("-", "") + "}", "invalid group count: expected 5, found 1"),
        ("-" * 36, "invalid group count: expected 5, found 37"),
        ("0-0-0-0-0", "invalid group length in group 0: expected 8, found 1"),
        ("1234567812345678123456781234567\u00e9", "invalid character: found `\u00e9` at 31"),
    ],
)
def test_unparsable_text_is_uuid_parsing_with_the_parser_error_in_ctx(inputs, text, error):
    got = inputs.single_error(LaxUuid, text)
    assert got == {"type": "uuid_parsing", "loc": ("v",), "msg": UUID_PARSING + error, "input": text, "ctx": {"error": error}}


@pytest.mark.parametrize("data, found", [(b"", 0), (b"\xff" * 15, 15), (b"\xff" * 17, 17), (b"\xff" * 36, 36)])
def test_bytes_neither_text_nor_16_long_report_their_length(data, found):
    error = support.single_error(LaxUuid, data)
    assert error["ctx"] == {"error": f"invalid length: expected 16 bytes, found {found}"}


@pytest.mark.parametrize("value", [1, 1.5, None, [TEXT], True, bytearray(b"\x00" * 16)])
def test_other_types_are_uuid_type(inputs, value):
    error = inputs.single_error(LaxUuid, value)
    assert (error["type"], error["msg"]) == ("uuid_type", "UUID input should be a string, bytes or UUID object")
    assert "ctx" not in error


def test_lone_surrogate_is_string_unicode():
    assert support.single_error(LaxUuid, "\ud800" * 36)["type"] == "string_unicode"


@pytest.mark.parametrize("value", [TEXT, TEXT.encode(), PARSED.bytes, 5])
def test_strict_python_input_takes_only_a_uuid(value):
    error = support.single_error(StrictUuid, value)
    assert error == {"type": "is_instance_of", "loc": ("v",), "msg": "Input should be an instance of UUID",
                     "input": value, "ctx": {"class": "UUID"}}


def test_strict_json_input_takes_a_string():
    assert StrictUuid.model_validate_json(json.dumps({"v": TEXT})).v == PARSED
    with pytest.raises(support.ValidationError) as info:
        StrictUuid.model_validate_json('{"v": 5}')
    assert errors_of(info.value)[0]["type"] == "uuid_type"


@pytest.mark.parametrize("version", [1, 3, 4, 5, 6, 7, 8])
def test_versions_accept_their_own_and_refuse_others(inputs, version):
    model = versioned(version)
    for other in range(1, 9):
        if other == 2:
            continue
        candidate = str(UUID(int=(other << 76) | (0b10 << 62) | 12345))
        if other == version:
            assert inputs.validate_v(model, candidate).version == version
        else:
            error = inputs.single_error(model, candidate)
            assert error == {"type": "uuid_version", "loc": ("v",), "msg": f"UUID version {version} expected",
                             "input": candidate, "ctx": {"expected_version": version}}


@pytest.mark.parametrize("text", ["00000000-0000-4000-0000-000000000000", "00000000-0000-4000-c000-000000000000",
                                  "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"])
def test_a_version_needs_the_rfc_variant_too(inputs, text):
    assert inputs.single_error(versioned(4), text)["type"] == "uuid_version"


def test_a_uuid_instance_is_checked_by_its_version_attribute():
    model = versioned(4, strict=True)
    value = uuid.uuid4()
    assert support.validate_v(model, value) is value
    for wrong in (uuid.uuid1(), UUID(int=0), UUID("00000000-0000-4000-0000-000000000000")):
        assert support.single_error(model, wrong)["type"] == "uuid_version"


def test_nested_in_lists_dicts_and_optionals(inputs):
    class Holder(Model):
        ids: list[UUID]
        by_id: dict[UUID, Optional[UUID]]

    held = inputs.validate(Holder, {"ids": [TEXT, TEXT.upper()], "by_id": {TEXT: None, "urn:uuid:" + TEXT: TEXT}})
    assert held.ids == [PARSED, PARSED] and list(held.by_id.items()) == [(PARSED, PARSED)]
    errors = inputs.errors(Holder, {"ids": [TEXT, "x"], "by_id": {"y": TEXT}})
    assert [(e["loc"], e["type"]) for e in errors] == [(("ids", 1), "uuid_parsing"), (("by_id", "y", "[key]"), "uuid_parsing")]


@satya_only
@pytest.mark.parametrize("annotation, field", [(UUID, dict(gt=1)), (UUID, dict(max_length=3)),
                                                (Annotated[int, lib.UuidVersion(4) if not ORACLE else None], None)])
def test_definition_refuses_what_cannot_apply_to_a_uuid(annotation, field):
    with pytest.raises(lib.SchemaError):
        one_field_model(annotation, field)


@satya_only
def test_uuid_version_must_be_a_known_version():
    with pytest.raises(ValueError):
        lib.UuidVersion(2)


# ---------------------------------------------------------------------------
# Differential against pydantic: accept or reject, the value and its exact
# type, and every error's (loc, type, msg, ctx, input).

HEX = "0123456789abcdefABCDEF"
uuid_ints = st.one_of(
    st.integers(0, 2**128 - 1),
    st.sampled_from([0, 2**128 - 1]),
    st.builds(lambda v, r, var: (r & ~(0xF << 76) & ~(0b11 << 62)) | (v << 76) | (var << 62),
              st.integers(0, 15), st.integers(0, 2**128 - 1), st.integers(0, 3)),
)


def forms(value: UUID):
    text = str(value)
    return [text, text.upper(), text.replace("-", ""), "{" + text + "}", "urn:uuid:" + text, "URN:uuid:" + text]


@st.composite
def uuid_texts(draw):
    """A UUID in an accepted form, or a near miss: a character changed,
    dropped or added, a hyphen moved, a brace or prefix half there."""
    text = draw(st.sampled_from(forms(UUID(int=draw(uuid_ints)))))
    how = draw(st.integers(0, 6))
    if how == 1 and text:
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + draw(st.sampled_from(list("gZ-{} :\u00e9\u0660") + list(HEX))) + text[at + 1:]
    elif how == 2 and text:
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + text[at + 1:]
    elif how == 3:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(list("0f-{}"))) + text[at:]
    elif how == 4:
        text = draw(st.sampled_from(["{", "}", " ", "urn:", "urn:uuid:"])) + text
    return text


python_values = st.one_of(
    uuid_texts(),
    uuid_texts().map(str.encode),
    uuid_ints.map(lambda n: n.to_bytes(16, "big")),
    st.binary(max_size=40),
    uuid_ints.map(lambda n: UUID(int=n)),
    st.sampled_from([None, 0, 1.5, True, [], bytearray(16), MyUuid(int=1)]),
)
json_values = st.one_of(uuid_texts(), st.sampled_from([None, 0, 1.5, True, [], {}, TEXT]))


def outcome(cls, run):
    try:
        value = run(cls).v
    except support.ANY_VALIDATION_ERROR as exc:
        return ("err", [(e["loc"], e["type"], e["msg"], e.get("ctx"), repr(e["input"])) for e in errors_of(exc)])
    return ("ok", type(value).__name__, str(value), value.is_safe)


ANNOTATIONS = [None, 1, 3, 4, 5, 7, 8]


def model_pair(version, strict):
    if version is None:
        return one_field_model(UUID, strict=strict), one_field_model(UUID, strict=strict, lib=pydantic)
    return versioned(version, strict=strict), versioned(version, strict=strict, of=pydantic)


MODELS = {(v, s): model_pair(v, s) for v in ANNOTATIONS for s in (False, True)}


@given(value=python_values, version=st.sampled_from(ANNOTATIONS), strict=st.booleans())
def test_python_input_matches_pydantic(value, version, strict):
    mine, oracle = MODELS[version, strict]
    run = lambda cls: cls.model_validate({"v": value})  # noqa: E731
    assert outcome(mine, run) == outcome(oracle, run)


@given(value=json_values, version=st.sampled_from(ANNOTATIONS), strict=st.booleans())
def test_json_input_matches_pydantic(value, version, strict):
    mine, oracle = MODELS[version, strict]
    text = json.dumps({"v": value}, ensure_ascii=bool(len(str(value)) % 2))
    run = lambda cls: cls.model_validate_json(text)  # noqa: E731
    assert outcome(mine, run) == outcome(oracle, run)


# ---------------------------------------------------------------------------
# Dumps: python mode returns the UUID, JSON its hyphenated text.


def _holders(of):
    base = dump_support.model_base(of)
    return type("UuidHolder", (base,), {"__annotations__": {
        "u": UUID, "o": Optional[UUID], "items": list[UUID], "keyed": dict[UUID, UUID]}, "o": None, "items": [], "keyed": {}})


MINE_HOLDER, ORACLE_HOLDER = _holders(support.lib), _holders(pydantic)


@pytest.mark.parametrize("value", [PARSED, UUID(int=0), UUID(int=2**128 - 1), MyUuid(int=7), uuid.uuid4()])
def test_dumps_match_pydantic(value):
    data = {"u": value, "o": value, "items": [value, PARSED], "keyed": {value: value}}
    outcomes = dump_support.assert_same_dumps(MINE_HOLDER(**data), ORACLE_HOLDER(**data))
    assert dump_support.returned(outcomes["json"])[1][0][1] == ("str", str(value))


@pytest.mark.parametrize("wrong", ["not a uuid", 5, b"x", 1.5])
def test_dumping_another_type_warns_as_pydantic_does(wrong):
    mine = MINE_HOLDER.model_construct(u=wrong, items=[wrong])
    oracle = ORACLE_HOLDER.model_construct(u=wrong, items=[wrong])
    dump_support.assert_same_dumps(mine, oracle)
