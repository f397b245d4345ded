"""`satya.special_types` called as 0.x code called its names: each call
validates its argument as a field of the type does and gives the validated
value, or raises a ValidationError (a ValueError; a TypeError too when the
input is of the wrong type). Satya-only: pydantic's aliases do not validate
when called. `ByteSize`'s methods are compared with pydantic's."""

import datetime
import ipaddress
import pathlib
import uuid
import warnings
from decimal import Decimal

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import ORACLE, satya_only

if not ORACLE:
    import satya
    from satya import special_types as sp

pytestmark = satya_only

TODAY = datetime.date.today()


def test_constrained_numbers_validate_when_called():
    assert sp.PositiveInt(5) == 5 and type(sp.PositiveInt(5)) is int
    assert sp.NegativeInt(-3) == -3
    assert sp.NonNegativeInt(0) == 0 and sp.NonPositiveInt(0) == 0
    assert sp.PositiveFloat(1.5) == 1.5 and sp.NonNegativeFloat(0.0) == 0.0
    assert sp.NegativeFloat(-1.5) == -1.5 and sp.NonPositiveFloat(-1.5) == -1.5
    assert sp.FiniteFloat(2) == 2.0 and type(sp.FiniteFloat(2)) is float
    for call, value in [(sp.PositiveInt, 0), (sp.PositiveInt, -1), (sp.NegativeInt, 0), (sp.NonNegativeInt, -1),
                        (sp.NonPositiveInt, 1), (sp.PositiveFloat, 0.0), (sp.NegativeFloat, 0.0),
                        (sp.NonNegativeFloat, -0.1), (sp.NonPositiveFloat, 0.1), (sp.FiniteFloat, float("inf")),
                        (sp.FiniteFloat, float("nan"))]:
        with pytest.raises(satya.ValidationError) as info:
            call(value)
        assert isinstance(info.value, ValueError) and not isinstance(info.value, TypeError)


def test_call_gives_pydantics_error_text():
    with pytest.raises(ValueError) as info:
        sp.PositiveInt(-1)
    theirs = pydantic.TypeAdapter(pydantic.PositiveInt)
    with pytest.raises(pydantic.ValidationError) as their_info:
        theirs.validate_python(-1)
    mine = info.value.errors(include_url=False)
    assert mine == their_info.value.errors(include_url=False)
    assert "Input should be greater than 0" in str(info.value)


def test_lax_calls_coerce_as_a_field_does():
    assert sp.PositiveInt("7") == 7
    assert sp.PositiveInt(True) == 1  # pydantic's lax int takes a bool
    assert sp.constr(min_length=1)("   ") == "   "  # pydantic counts whitespace


def test_wrong_types_raise_an_error_that_is_also_a_type_error():
    for call, value in [(sp.StrictStr, 123), (sp.StrictStr, True), (sp.StrictInt, "42"), (sp.StrictInt, True),
                        (sp.StrictFloat, "3.14"), (sp.StrictBool, 1), (sp.StrictBool, "true"),
                        (sp.StrictBytes, "hello"), (sp.PositiveInt, None)]:
        with pytest.raises(TypeError) as info:
            call(value)
        assert isinstance(info.value, satya.ValidationError)
        assert all(e["type"].endswith("_type") for e in info.value.errors())
    assert sp.StrictStr("hello") == "hello" and sp.StrictInt(42) == 42 and sp.StrictFloat(42) == 42.0
    assert sp.StrictBool(False) is False and sp.StrictBytes(b"hi") == b"hi"
    with pytest.raises(ValueError) as info:
        sp.PositiveInt("abc")  # a str that is no number is a parsing error, not a wrong type
    assert not isinstance(info.value, TypeError)


def test_constructors_give_validating_types():
    assert sp.conint(gt=0)(3) == 3
    assert sp.conint(ge=1, le=10)(10) == 10
    assert sp.confloat(gt=0.0)(0.1) == 0.1
    assert sp.constr(strip_whitespace=True)("  hi  ") == "hi"
    assert sp.constr(to_lower=True)("HELLO") == "hello" and sp.constr(to_upper=True)("hi") == "HI"
    assert sp.conbytes(min_length=2)(b"hi") == b"hi"
    assert sp.conlist(int, min_length=1)(["1", 2]) == [1, 2]
    assert sp.conlist(min_length=1)(["x", 2]) == ["x", 2]  # 0.x let the item type be left out
    assert sp.conset(int, max_length=3)([1, 1, 2]) == {1, 2}
    assert sp.confrozenset(int)({1}) == frozenset({1}) and type(sp.confrozenset(int)({1})) is frozenset
    assert sp.condecimal(max_digits=5, decimal_places=2)("123.45") == Decimal("123.45")
    for call, value in [(sp.conint(gt=0), 0), (sp.conint(multiple_of=2), 3), (sp.confloat(allow_inf_nan=False),
                        float("inf")), (sp.constr(min_length=2, max_length=5), "toolong"),
                        (sp.constr(pattern=r"^[a-z]+$"), "Hello"), (sp.conbytes(max_length=1), b"xy"),
                        (sp.conlist(int, max_length=1), [1, 2]), (sp.conset(int, min_length=1), set()),
                        (sp.confrozenset(int, min_length=1), frozenset()), (sp.condecimal(le=100), Decimal("101")),
                        (sp.condecimal(decimal_places=2), Decimal("1.234"))]:
        with pytest.raises(satya.ValidationError):
            call(value)


def test_calls_return_pydantics_values():
    u4 = uuid.uuid4()
    assert sp.UUID4(str(u4)) == u4 and type(sp.UUID4(str(u4))) is uuid.UUID
    assert sp.UUID1(uuid.uuid1()).version == 1
    with pytest.raises(ValueError):
        sp.UUID1(str(u4))
    with pytest.raises(ValueError):
        sp.UUID4("not-a-uuid")
    assert sp.FutureDate((TODAY + datetime.timedelta(days=1)).isoformat()) == TODAY + datetime.timedelta(days=1)
    with pytest.raises(ValueError):
        sp.PastDate((TODAY + datetime.timedelta(days=1)).isoformat())
    assert sp.AwareDatetime("2024-01-01T00:00:00Z").tzinfo is not None
    with pytest.raises(ValueError):
        sp.NaiveDatetime("2024-01-01T00:00:00Z")
    assert sp.FilePath(__file__) == pathlib.Path(__file__)
    with pytest.raises(ValueError):
        sp.DirectoryPath(__file__)
    assert sp.EmailStr("User <USER@Example.COM>") == "USER@example.com"
    with pytest.raises(ValueError):
        sp.EmailStr("not-an-email")
    named = sp.NameEmail("John <john@example.com>")
    assert (named.name, named.email) == ("John", "john@example.com")
    built = sp.NameEmail("Jane", "jane@example.com")  # two values build, as pydantic's NameEmail does
    assert isinstance(built, satya.NameEmail) and str(built) == "Jane <jane@example.com>"
    with pytest.raises(ValueError):
        sp.NameEmail("not-a-name-email")
    assert str(sp.HttpUrl("https://example.com")) == "https://example.com/"
    with pytest.raises(ValueError):
        sp.AnyHttpUrl("ftp://example.com")
    assert sp.IPvAnyAddress("::1") == ipaddress.IPv6Address("::1")
    assert sp.SecretStr("x").get_secret_value() == "x" and str(sp.SecretStr("x")) == "**********"
    assert str(sp.RedisDsn("redis://")) == "redis://localhost:6379/0"
    with pytest.raises(ValueError):
        sp.PostgresDsn("mysql://user:pass@localhost/db")


def test_a_call_needs_exactly_one_value():
    with pytest.raises(TypeError, match="validates one value"):
        sp.PositiveInt()
    with pytest.raises(TypeError, match="validates one value"):
        sp.conint(gt=0)(1, 2)


def test_json_call_keeps_the_text_and_its_document():
    document = sp.Json('{"key": "value"}')
    assert isinstance(document, sp.Json)
    assert document.parsed == {"key": "value"} and str(document) == '{"key": "value"}'
    assert sp.Json("[1, 2, 3]").parsed == [1, 2, 3]
    assert sp.Json("[1]") == sp.Json(" [1] ") and sp.Json("[1]") != sp.Json("[2]")
    with pytest.raises(satya.ValidationError) as info:
        sp.Json("not valid json")
    assert info.value.errors()[0]["type"] == "json_invalid"
    with pytest.raises(TypeError):
        sp.Json(5)


def test_byte_size_call_reads_sizes():
    assert sp.ByteSize(1024) == 1024 and isinstance(sp.ByteSize(1024), satya.types.ByteSize)
    assert sp.ByteSize("1KB") == 1000 and sp.ByteSize("1kb") == 1000 and sp.ByteSize("1.5 KiB") == 1536
    assert sp.ByteSize("10MB") == 10**7 and sp.ByteSize("1TB") == 10**12 and sp.ByteSize("500B") == 500
    assert isinstance(sp.ByteSize("1GB"), sp.ByteSize)
    assert sp.ByteSize(1536).human_readable() == "1.5KiB"  # pydantic's binary default
    assert sp.ByteSize(1500).human_readable(decimal=True, separator=" ") == "1.5 KB"
    with pytest.raises(ValueError):
        sp.ByteSize("not-a-size")
    with pytest.raises(ValueError):
        sp.ByteSize("1 foo")


def test_special_types_annotate_in_a_model():
    class Order(satya.Model):
        quantity: sp.PositiveInt
        limit: sp.conint(gt=0, le=1000)
        email: sp.EmailStr
        size: sp.ByteSize
        document: sp.Json

    order = Order(quantity=5, limit=10, email="test@example.com", size="1kb", document="[1]")
    assert (order.quantity, order.limit, order.email, order.size, order.document) == (5, 10, "test@example.com",
                                                                                        1000, [1])
    with pytest.raises(satya.ValidationError) as info:
        Order(quantity=0, limit=1001, email="x", size="zz", document="[")
    assert [e["loc"] for e in info.value.errors()] == [("quantity",), ("limit",), ("email",), ("size",),
                                                         ("document",)]


def test_special_types_equal_the_top_level_names_and_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sp.PositiveInt == satya.PositiveInt and sp.UUID4 == satya.UUID4
        assert repr(sp.conint(gt=0)) == repr(satya.conint(gt=0))
        sp.PositiveInt(1), sp.conint(gt=0)(1), sp.ByteSize("1kb"), sp.Json("1")
    assert satya.PositiveInt(-1) == -1  # the top level stays pydantic's plain alias


sizes = st.one_of(
    st.integers(min_value=-5, max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.from_regex(r"\A\s?[0-9]{0,4}\.?[0-9]{1,3}\s?(b|kb|KiB|mb|MiB|gb|tib|PB|eib|bit|kbit|gibit|k|e|foo|)\Z"),
    st.text(alphabet="0123456789.kKmMgGiIbB _+-e", max_size=8),
    # separators Python's \s takes and the pattern check's does not
    st.text(alphabet="0123456789.kb \x1c\x1d\x1e\x1f\xa0", max_size=6),
)


@given(value=sizes)
def test_byte_size_reads_as_pydantic(value):
    mine, theirs = satya.TypeAdapter(satya.types.ByteSize), pydantic.TypeAdapter(pydantic.ByteSize)
    try:
        expected = ("ok", int(theirs.validate_python(value)))
    except pydantic.ValidationError as exc:
        expected = ("err", [(e["type"], e["msg"]) for e in exc.errors()])
    try:
        got = ("ok", int(mine.validate_python(value)))
    except satya.ValidationError as exc:
        got = ("err", [(e["type"], e["msg"]) for e in exc.errors()])
    assert got == expected


@given(size=st.integers(min_value=0, max_value=2**80), decimal=st.booleans(), separator=st.sampled_from(["", " "]),
       unit=st.sampled_from(["B", "kb", "KiB", "MB", "mib", "GB", "TiB", "pb", "EiB", "bit", "kbit", "Mibit", "e"]))
def test_byte_size_methods_as_pydantic(size, decimal, separator, unit):
    mine, theirs = satya.types.ByteSize(size), pydantic.ByteSize(size)
    assert mine.human_readable(decimal, separator) == theirs.human_readable(decimal, separator)
    assert mine.human_readable() == theirs.human_readable()
    assert mine.to(unit) == theirs.to(unit)


def test_byte_size_to_refuses_unknown_units():
    with pytest.raises(ValueError, match="Could not interpret byte unit: bits"):
        satya.types.ByteSize(3).to("bits")
