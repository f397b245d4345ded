"""`satya.special_types` as annotations: every name means what pydantic's
name means, in a model field (Python and JSON input, dumps, errors) and in
the JSON Schema. Under SATYA_TEST_LIBRARY=pydantic the module's names are
pydantic's own, which checks the expectations against the oracle."""

import datetime
import decimal
import json
import os
import uuid

import pydantic
import pytest

from support import ANY_VALIDATION_ERROR, ORACLE, errors_of, one_field_model

if ORACLE:
    names = pydantic
else:
    from satya import special_types as names

TODAY = datetime.date.today()
NOW = datetime.datetime.now(datetime.timezone.utc)
HERE = os.path.dirname(os.path.abspath(__file__))
THIS_FILE = os.path.abspath(__file__)
U1, U3, U4, U5 = uuid.uuid1(), uuid.uuid3(uuid.NAMESPACE_DNS, "a"), uuid.uuid4(), uuid.uuid5(uuid.NAMESPACE_DNS, "a")
URLS = ["https://example.com", "http://EXAMPLE.com:80/a?b=1#c", "ftp://files.example.com", "file:///tmp/t.txt",
        "ws://example.com/ws", "wss://x.org", "not-a-url", "", "http://", 5]
DSNS = ["postgres://u:p@localhost:5432/db", "postgresql+asyncpg://h/db", "postgres:///db", "postgres://",
        "mysql://u:p@localhost/db", "mysql+pymysql://h", "mysql://", "redis://", "redis://h:1234/5", "rediss://h/",
        "mongodb://localhost:27017/db", "mongodb+srv://h/db", "mongodb://", "kafka://", "kafka://broker",
        "http://x.com", "nope", None]
BYTE_SIZES = [0, 1024, "1KB", "1kb", "1.5 KiB", "10MB", " 2 gib", "1kb!!", "1_000", "500B", "1 bit", "1e", "+5",
              "1 foo", "kb", "", -1, 2.5, 1.0, True, None, [1]]

# name -> the values a field of that type is given (valid and invalid alike)
CASES = {
    "SecretStr": ["s3cret", "", 5, None, b"x"],
    "SecretBytes": [b"s3cret", "text", b"", 5],
    "FilePath": [THIS_FILE, HERE, "/no/such/file", 3],
    "DirectoryPath": [HERE, THIS_FILE, "/no/such/dir"],
    "NewPath": [os.path.join(HERE, "no-such-file"), THIS_FILE, "/no/such/parent/x"],
    "EmailStr": ["user@example.com", "User <USER@Example.COM>", "not-an-email", "a@b", "", 5],
    "NameEmail": ["John Doe <john@example.com>", "john@example.com", "not-a-name-email", 5],
    "HttpUrl": URLS, "AnyUrl": URLS, "AnyHttpUrl": URLS, "FileUrl": URLS, "FtpUrl": URLS, "WebsocketUrl": URLS,
    "IPvAnyAddress": ["192.168.1.1", "::1", "300.1.1.1", "not-an-ip", 3232235777],
    "IPvAnyInterface": ["192.168.1.1/24", "::1/128", "not-an-interface"],
    "IPvAnyNetwork": ["192.168.1.0/24", "192.168.1.1/24", "::/0", "not-a-network"],
    "PostgresDsn": DSNS, "MySQLDsn": DSNS, "RedisDsn": DSNS, "MongoDsn": DSNS, "KafkaDsn": DSNS,
    "PositiveInt": [5, 0, -1, "7", 2.0, 2.5, True, "x", None],
    "NegativeInt": [-3, 0, 5, "-2"],
    "NonNegativeInt": [0, 5, -1],
    "NonPositiveInt": [0, -5, 1],
    "PositiveFloat": [1.5, 0.0, -0.1, 3, "2.5", float("inf")],
    "NegativeFloat": [-1.5, 0.0, 1],
    "NonNegativeFloat": [0.0, 1.5, -0.1],
    "NonPositiveFloat": [0.0, -1.5, 0.1],
    "FiniteFloat": [1.5, 0, float("inf"), float("-inf"), float("nan"), "nan"],
    "StrictStr": ["hello", 123, True, b"x"],
    "StrictInt": [42, "42", True, 4.0],
    "StrictFloat": [3.14, 42, "3.14", True],
    "StrictBool": [True, False, 1, "true"],
    "StrictBytes": [b"hello", "hello", bytearray(b"x")],
    "UUID1": [str(U1), str(U4), U1, "not-a-uuid", ""],
    "UUID3": [str(U3), str(U5), U3.bytes],
    "UUID4": [str(U4), "550e8400-e29b-41d4-a716-446655440000", str(U1), "not-a-uuid"],
    "UUID5": [str(U5), str(U3), U5],
    "FutureDate": [str(TODAY + datetime.timedelta(days=2)), str(TODAY - datetime.timedelta(days=2)), "x"],
    "PastDate": [str(TODAY - datetime.timedelta(days=2)), str(TODAY + datetime.timedelta(days=2)), 5.5],
    "FutureDatetime": [(NOW + datetime.timedelta(hours=2)).isoformat(), (NOW - datetime.timedelta(hours=2)).isoformat()],
    "PastDatetime": [(NOW - datetime.timedelta(hours=2)).isoformat(), (NOW + datetime.timedelta(hours=2)).isoformat()],
    "AwareDatetime": ["2024-01-01T00:00:00+02:00", "2024-01-01T00:00:00", "x"],
    "NaiveDatetime": ["2024-01-01T00:00:00", "2024-01-01T00:00:00Z"],
    "ByteSize": BYTE_SIZES,
    "Json": ['{"key": "value"}', "[1, 2, 3]", "not valid json", b"1", 5],
}

# constructor -> (arguments, values)
CONSTRUCTED = [
    ("conint", (), {"gt": 0, "le": 10}, [1, 10, 0, 11, "5", 5.5]),
    ("conint", (), {"multiple_of": 2, "strict": True}, [4, 3, "4"]),
    ("confloat", (), {"ge": 0.5, "lt": 2}, [0.5, 1.9, 2.0, "1", 0.4]),
    ("confloat", (), {"allow_inf_nan": False}, [1.5, float("inf"), float("nan")]),
    ("constr", (), {"min_length": 2, "max_length": 5}, ["hi", "hello", "x", "toolong", 5]),
    ("constr", (), {"pattern": r"^[a-z]+$", "strip_whitespace": True}, [" abc ", "Abc", "123"]),
    ("constr", (), {"to_lower": True}, ["HeLLo"]),
    ("constr", (), {"to_upper": True, "strict": True}, ["hello", 5]),
    ("conbytes", (), {"min_length": 2, "max_length": 5}, [b"hi", b"x", b"toolong", "abc"]),
    ("conlist", (int,), {"min_length": 1, "max_length": 3}, [[1, 2], [], [1, 2, 3, 4], ["1", "x"], "ab"]),
    ("conset", (int,), {"min_length": 1, "max_length": 3}, [[1, 2], [], [1, 2, 3, 4], [1, 1, 1, 1]]),
    ("confrozenset", (str,), {"min_length": 1}, [["a"], [], [1]]),
    ("condecimal", (), {"gt": 0, "le": 100, "max_digits": 5, "decimal_places": 2},
     ["50", "0", "100.5", "1.234", 12.5, "123456", "x"]),
]


def view_of(value):
    """A validated value as both libraries can be compared: its type's name and repr."""
    if isinstance(value, (list, set, frozenset, tuple)):
        return (type(value).__name__, sorted(map(repr, value)))
    if isinstance(value, datetime.datetime):  # pydantic's own tzinfo class has its own repr
        return ("datetime", value.isoformat(), value.utcoffset())
    return (type(value).__name__, repr(value))


def attempt(cls, payload, as_json: bool):
    try:
        instance = cls.model_validate_json(payload) if as_json else cls.model_validate(payload)
    except ANY_VALIDATION_ERROR as exc:
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in errors_of(exc)])
    return ("ok", view_of(instance.v), view_of(instance.model_dump()["v"]), instance.model_dump_json())


def json_text(value) -> str | None:
    """`{"v": value}` as JSON, or None when JSON cannot carry the value."""
    if isinstance(value, (bytes, bytearray, uuid.UUID)):
        return None
    if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
        return None
    return json.dumps({"v": value})


def assert_same(annotation, their_annotation, values):
    mine = one_field_model(annotation, lib=pydantic if ORACLE else None)
    theirs = one_field_model(their_annotation, lib=pydantic)
    assert mine.model_json_schema() == theirs.model_json_schema()
    assert mine.model_json_schema(mode="serialization") == theirs.model_json_schema(mode="serialization")
    outcomes = []
    for value in values:
        got = attempt(mine, {"v": value}, as_json=False)
        assert got == attempt(theirs, {"v": value}, as_json=False), value
        outcomes.append(got[0])
        text = json_text(value)
        if text is not None:
            assert attempt(mine, text, as_json=True) == attempt(theirs, text, as_json=True), text
    return outcomes


@pytest.mark.parametrize("name", sorted(CASES))
def test_name_annotates_as_pydantic(name):
    outcomes = assert_same(getattr(names, name), getattr(pydantic, name), CASES[name])
    assert "ok" in outcomes  # each table holds a valid value...
    assert "err" in outcomes  # ...and an invalid one


@pytest.mark.parametrize("name,args,kwargs,values", CONSTRUCTED,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CONSTRUCTED)])
def test_constructor_annotates_as_pydantic(name, args, kwargs, values):
    outcomes = assert_same(getattr(names, name)(*args, **kwargs), getattr(pydantic, name)(*args, **kwargs), values)
    assert "ok" in outcomes


def test_every_0x_name_is_here_and_in_pydantic():
    exported = [
        "SecretStr", "SecretBytes", "FilePath", "DirectoryPath", "NewPath", "EmailStr", "HttpUrl", "AnyUrl",
        "AnyHttpUrl", "FileUrl", "FtpUrl", "WebsocketUrl", "IPvAnyAddress", "IPvAnyInterface", "IPvAnyNetwork",
        "NameEmail", "PostgresDsn", "MySQLDsn", "RedisDsn", "MongoDsn", "KafkaDsn", "PositiveInt", "NegativeInt",
        "NonNegativeInt", "NonPositiveInt", "PositiveFloat", "NegativeFloat", "NonNegativeFloat", "NonPositiveFloat",
        "FiniteFloat", "StrictStr", "StrictInt", "StrictFloat", "StrictBool", "StrictBytes", "conint", "confloat",
        "constr", "conbytes", "conlist", "conset", "confrozenset", "condecimal", "UUID1", "UUID3", "UUID4", "UUID5",
        "FutureDate", "PastDate", "FutureDatetime", "PastDatetime", "AwareDatetime", "NaiveDatetime", "ByteSize",
        "Json",
    ]
    assert len(exported) == 55
    for name in exported:
        assert hasattr(pydantic, name), name  # so none of them is a 0.x-only spelling that must warn
        assert hasattr(names, name), name
        if not ORACLE:
            assert name in names.__all__
    tested = set(CASES) | {name for name, *_ in CONSTRUCTED}
    assert tested == set(exported)


@pytest.mark.parametrize("name", ["PositiveInt", "UUID4", "EmailStr", "ByteSize", "Json", "PostgresDsn", "conint"])
def test_names_nest_in_containers_and_optionals(name):
    mine, theirs = getattr(names, name), getattr(pydantic, name)
    if name == "conint":
        mine, theirs = mine(gt=0), theirs(gt=0)
    sample = {"PositiveInt": [1, -1], "UUID4": [str(U4), str(U1)], "EmailStr": ["a@b.co", "x"],
              "ByteSize": ["1kb", "zz"], "Json": ["[1]", "["], "PostgresDsn": ["postgres://h/d", "http://h"],
              "conint": [2, 0]}[name]
    assert_same(list[mine], list[theirs], [sample, []])
    assert_same(mine | None, theirs | None, [*sample, None])
    assert_same(dict[str, mine], dict[str, theirs], [{"a": sample[0]}, {"b": sample[1]}])


def test_decimal_and_date_values_keep_their_types():
    plain = one_field_model(names.condecimal(max_digits=4), lib=pydantic if ORACLE else None)
    assert plain.model_validate({"v": "1.25"}).v == decimal.Decimal("1.25")
    dated = one_field_model(names.PastDate, lib=pydantic if ORACLE else None)
    assert dated.model_validate({"v": "2000-01-02"}).v == datetime.date(2000, 1, 2)


@pytest.mark.parametrize("name", ["PostgresDsn", "MongoDsn"])
def test_one_host_dsn_lists_its_host_as_pydantic(name):
    model = one_field_model(getattr(names, name), lib=pydantic if ORACLE else None)
    scheme = "postgres" if name == "PostgresDsn" else "mongodb"
    value = model.model_validate({"v": f"{scheme}://u:p@db.example:5433/app?x=1"}).v
    assert value.hosts() == [{"username": "u", "password": "p", "host": "db.example", "port": 5433}]
    assert (value.scheme, value.path, value.query) == (scheme, "/app", "x=1")


@pytest.mark.parametrize("text", ["postgres://h1,h2/db", "postgres://u:p@h1:5432,h2:5433/db"])
def test_multi_host_postgres_dsn(text):
    model = one_field_model(names.PostgresDsn, lib=pydantic if ORACLE else None)
    assert len(model.model_validate({"v": text}).v.hosts()) == 2
