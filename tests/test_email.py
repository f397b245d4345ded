"""`EmailStr` and `NameEmail`: addresses checked natively with the syntax
rules of the `email-validator` package as pydantic calls it (no DNS), the
normalised address, pydantic's `value_error` texts, both inputs and dumps;
`Field(email=True)` on a str is satya's own."""

import pickle
from typing import Optional

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import support
from network_support import assert_matches, view
from support import divergence, errors_of, lib, one_field_model, satya_only

MODELS = {
    (name, strict): (one_field_model(getattr(lib, name), strict=strict), one_field_model(getattr(pydantic, name), strict=strict, lib=pydantic))
    for name in ("EmailStr", "NameEmail")
    for strict in (False, True)
}

CURATED = [
    "a@b.com", "A.B@EXAMPLE.COM", "Info@x.com", "POSTMASTER@x.com", "a", "", "@x.com", "a@", "a@b", "a@b.c1", "a b@x.com",
    "a..b@x.com", ".a@x.com", "a.@x.com", "a@-x.com", "a@x-.com", "a@x..com", "a@.x.com", "a@x.com.", '"a b"@x.com',
    "a@[1.2.3.4]", "a@[IPv6:::1]", "a@[1.2.3]", "a@[1.2.3.999]", "a@[x]", "a@[a:b]", "a@localhost", "a@x.local", "a@x.test",
    "a@example.com", "ü@x.com", "a@münchen.de", "a@xn--mnchen-3ya.de", "a@MÜNCHEN.DE", "Bob <b@x.com>",
    "Bob Smith<b@x.com>", '"Bob, S" <b@x.com>', "  b@x.com  ", "<b@x.com>", "Bob <b@x.com", "a@b@c.com", "a(b)@x.com",
    "a@x_y.com", "a\t@x.com", "a@x.com\n", "a\r@x.com", "a\u00a0@x.com", "ab--cd@x.com", "a@ab--cd.com",
    "a@x." + "a" * 64 + ".com", "a" * 65 + "@x.com", "a@" + ("b" * 60 + ".") * 5 + "com", "a" * 3000, "a＠x.com",
    "a﹫x.com", "a@x.123", "a@é.com", "é@é.com", "a@x.com>", "o'neil@x.com", "a+b@x.com", "a@0.0.0.0", "a@b.invalid",
    "a@b.onion", "a@x.co m", "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 60 + ".com", "Bob. <b@x.com>",
    '"a@b" <c@d.com>', "a <b@x.com> c", "é" * 130 + "@x.com", "a@x.com ", "x@Xn--Mnchen-3ya.de", "a\\b@x.com",
    "#!$%&'*+-/=?^_`{}|~@x.com", "a@x.c-m", "a@1.com", "a@x.COM", "Jo Bloggs  <jo@x.org>", "a@ex\u00adample.com",
    "a@x\u200b.com", "\u0301a@x.com", "a\u0301@x.com", "a@x\uff0ecom",
]
LOCALS = ["a", "A.b", "info", "ü", "a b", ".a", "a.", "a..b", '"q"', "a(b)", "", "x" * 70, "é\u0301", "a+tag", "a\t"]
DOMAINS = ["x.com", "X.COM", "münchen.de", "xn--mnchen-3ya.de", "b", "b.c1", "[1.2.3.4]", "x.test", "-x.com", "x_y.com",
           "", "ab--cd.com", "é.com", "x.c", "a." + "b" * 64 + ".com", "x.local"]
NAMES = ["", "Bob ", "Bob Smith ", '"Bob, S" ', "Bob.", "Bö ", '"x@y" ']
emails = st.one_of(
    st.sampled_from(CURATED),
    st.builds(lambda local, domain: f"{local}@{domain}", st.sampled_from(LOCALS), st.sampled_from(DOMAINS)),
    st.builds(lambda name, local, domain: f"{name}<{local}@{domain}>", st.sampled_from(NAMES), st.sampled_from(LOCALS),
              st.sampled_from(DOMAINS)),
    st.lists(st.sampled_from(list("ab.@-x <>\"é") + [".com", "xn--"]), max_size=12).map("".join),
    # any characters Python's Unicode database knows
    st.builds(lambda local, domain, tld: f"{local}@{domain}{tld}", st.text(st.characters(max_codepoint=0x2FFFF, exclude_categories=("Cs",)), max_size=8),
              st.text(st.characters(max_codepoint=0x2FFFF, exclude_categories=("Cs",)), max_size=8), st.sampled_from(["", ".com", ".de"])),
)
values = st.one_of(emails, emails.map(str.encode), st.integers(), st.none())


@given(value=values, name=st.sampled_from(["EmailStr", "NameEmail"]), strict=st.booleans())
def test_emails_match_pydantic(value, name, strict):
    assert_matches(*MODELS[name, strict], value, strict)


@pytest.mark.parametrize("text", CURATED)
@pytest.mark.parametrize("name", ["EmailStr", "NameEmail"])
def test_curated_emails_match_pydantic(text, name):
    assert_matches(*MODELS[name, False], text, False)


@pytest.mark.parametrize("text, expected", [
    ("A.B@EXAMPLE.COM", "A.B@example.com"),
    ("Info@x.com", "info@x.com"),
    ("a@xn--mnchen-3ya.de", "a@münchen.de"),
    ("Bob <b@X.com>", "b@x.com"),
    ("  b@x.com  ", "b@x.com"),
])
def test_email_str_is_the_normalised_address(inputs, text, expected):
    value = inputs.validate_v(one_field_model(lib.EmailStr), text)
    assert type(value) is str and value == expected


@pytest.mark.parametrize("text, reason", [
    ("a", "An email address must have an @-sign."),
    ("a@b", "The part after the @-sign is not valid. It should have a period."),
    ("a b@x.com", "The email address contains invalid characters before the @-sign: SPACE."),
    ('"a b"@x.com', "Quoting the part before the @-sign is not allowed here."),
    ("a@[1.2.3.4]", "A bracketed IP address after the @-sign is not allowed here."),
    ("a@x.com\n", "Carriage return and line feed characters are not allowed"),
])
def test_errors_are_value_errors_with_a_reason(inputs, text, reason):
    error = inputs.single_error(one_field_model(lib.EmailStr), text)
    assert (error["type"], error["msg"], error["ctx"]) == ("value_error", f"value is not a valid email address: {reason}", {"reason": reason})


def test_name_email_parts_str_and_equality():
    value = support.validate_v(one_field_model(lib.NameEmail), '"Bob, S" <B@X.com>')
    assert (value.name, value.email, str(value)) == ("Bob, S", "B@x.com", "Bob, S <B@x.com>")
    assert value == lib.NameEmail("Bob, S", "B@x.com") and value != lib.NameEmail("Bob", "B@x.com")
    assert value != "Bob, S <B@x.com>"
    assert str(lib.NameEmail("a@b", "c@d.com")) == '"a@b" <c@d.com>'
    assert repr(lib.NameEmail("a", "b")) == "NameEmail(name='a', email='b')"
    assert lib.NameEmail.__hash__ is None


def test_a_name_email_instance_is_kept():
    value = lib.NameEmail("x", "y")
    assert support.validate_v(one_field_model(lib.NameEmail, strict=True), value) is value


def _holders(of):
    base = support.Model if of is lib else pydantic.BaseModel
    return type("EmailHolder", (base,), {"__annotations__": {
        "e": of.EmailStr, "n": of.NameEmail, "o": Optional[of.NameEmail], "items": list[of.EmailStr]},
        "o": None, "items": []})


def test_dumps_in_containers_match_pydantic():
    data = {"e": "A@B.com", "n": "Bob <b@X.com>", "o": "c@d.com", "items": ["Info@x.com"]}
    mine, oracle = _holders(lib)(**data), _holders(pydantic)(**data)
    assert view(mine.model_dump()) == view(oracle.model_dump())
    assert mine.model_dump(mode="json") == oracle.model_dump(mode="json")
    assert mine.model_dump_json() == oracle.model_dump_json()


def test_validation_errors_pickle():
    with pytest.raises(support.ANY_VALIDATION_ERROR) as info:
        one_field_model(lib.EmailStr).model_validate({"v": "a"})
    again = pickle.loads(pickle.dumps(info.value))
    assert errors_of(again) == errors_of(info.value)


@divergence("email-validator's IDNA messages quote the idna package's own wording")
def test_idna_failure_messages():
    mine, oracle = MODELS["EmailStr", False]
    assert support.outcome(mine, {"v": "x@xn--a.com"}) == support.outcome(oracle, {"v": "x@xn--a.com"})


@divergence("ipaddress's texts for a malformed bracketed IPv6 address are not copied")
def test_ipv6_literal_messages():
    mine, oracle = MODELS["EmailStr", False]
    assert support.outcome(mine, {"v": "a@[IPv6:1::2::3]"}) == support.outcome(oracle, {"v": "a@[IPv6:1::2::3]"})


@satya_only
def test_field_email_stores_the_normalised_address_as_a_str(inputs):
    cls = one_field_model(str, {"email": True})
    value = inputs.validate_v(cls, "Bob <Info@EXAMPLE.com>")
    assert type(value) is str and value == "info@example.com"
    error = inputs.single_error(cls, "nope")
    assert (error["type"], error["ctx"]) == ("value_error", {"reason": "An email address must have an @-sign."})
    assert cls.model_validate({"v": "a@b.com"}).model_dump_json() == '{"v":"a@b.com"}'


@satya_only
def test_field_email_runs_after_the_str_constraints(inputs):
    cls = one_field_model(str, {"email": True, "min_length": 10})
    assert [e["type"] for e in inputs.errors(cls, {"v": "a@b.com"})] == ["string_too_short"]
    assert [e["type"] for e in inputs.errors(cls, {"v": 5})] == ["string_type"]
    assert one_field_model(str, {"email": False}).model_validate({"v": "x"}).v == "x"


@satya_only
def test_constraints_on_email_types_are_schema_errors():
    with pytest.raises(lib.SchemaError, match="constraint 'max_length' does not apply to EmailStr"):
        one_field_model(lib.EmailStr, {"max_length": 3})
