"""The DSN classes (`PostgresDsn`, `CockroachDsn`, `MySQLDsn`, `MariaDBDsn`,
`ClickHouseDsn`, `SnowflakeDsn`, `RedisDsn`, `MongoDsn`, `KafkaDsn`,
`NatsDsn`): their schemes and defaults, and the lists of hosts of
`PostgresDsn`, `MongoDsn` and `NatsDsn`, against pydantic from Python and
JSON input, in strict and lax mode, with the URL objects' API and dumps."""

import copy
import pickle

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from network_support import assert_matches
from support import ORACLE, lib, one_field_model

DSNS = ["PostgresDsn", "CockroachDsn", "MySQLDsn", "MariaDBDsn", "ClickHouseDsn", "SnowflakeDsn", "RedisDsn",
        "MongoDsn", "KafkaDsn", "NatsDsn"]
MULTI_HOST = ["PostgresDsn", "MongoDsn", "NatsDsn"]
MODELS = {
    (name, strict): (one_field_model(getattr(lib, name), strict=strict),
                     one_field_model(getattr(pydantic, name), strict=strict, lib=pydantic))
    for name in DSNS
    for strict in (False, True)
}

CURATED = [
    "postgres://u:p@h1:5432,h2:5433,[::1]:6/db?x=1#f", "postgres://h1,h2/db", "postgres://a,,b", "postgres://a,b:x",
    "postgres://,a/", "postgres://a,", "postgres://", "postgres:///db", "postgresql+asyncpg://h/db",
    "mongodb://a,b:1", "mongodb://a", "mongodb://u:p@a:1,v@b:2/?r=1", "mongodb+srv://h/db", "mongodb://",
    "nats://a,b", "nats://", "nats://a:1,b", "ws://a,b/x", "wss://a,b", "tls://x", "ws://a,b\\c", "nats://a,b\\c",
    "cockroachdb://u@h/db", "cockroachdb://", "cockroachdb+asyncpg://h:26257/d",
    "mariadb://h", "mariadb+pymysql://u:p@h:1/d", "clickhouse://", "clickhouse+native://u@h:1/d", "clickhousedb://x",
    "snowflake://acct/db", "snowflake:///x", "redis://", "redis://a,b", "redis://h:1234/5", "rediss://h/",
    "mysql://h", "mysql://", "kafka://", "kafka://broker", "http://a,b", "  postgres://a,b", "POSTGRES://A,B/x",
    "postgres:a,b", "postgres:/a,b", "postgres://a:99999,b", "postgres://%C3%A9@H%C3%A9Llo.com,xn--80ak6aa92e.com/",
    "wss://xn--80ak6aa92e.com,xn--mnchen-3ya.de/", "nats://a b,c", "", ",", "://a,b", "nope", "postgres://h:x,",
    "postgres://a,h:x,", "postgres://h:x,b",
]
SCHEMES = ["postgres", "mongodb", "nats", "ws", "wss", "tls", "redis", "mysql", "mariadb", "cockroachdb", "snowflake",
           "clickhouse", "kafka", "http", "foo"]
HOSTS = ["a", "b.example", "[::1]", "1.2.3.4", "", "münchen.de", "u:p@h", "u@h", "h:1", "h:x", "a b"]
dsn_texts = st.one_of(
    st.sampled_from(CURATED),
    st.builds(
        lambda scheme, hosts, path, query: f"{scheme}://{','.join(hosts)}{path}{query}",
        st.sampled_from(SCHEMES), st.lists(st.sampled_from(HOSTS), min_size=1, max_size=4),
        st.sampled_from(["", "/", "/db", "/a,b", "\\x"]), st.sampled_from(["", "?x=1", "?a=1,2", "#f"]),
    ),
)


@given(value=st.one_of(dsn_texts, dsn_texts.map(str.encode), st.integers(), st.none()),
       name=st.sampled_from(DSNS), strict=st.booleans())
def test_dsns_match_pydantic(value, name, strict):
    assert_matches(*MODELS[name, strict], value, strict)


@pytest.mark.parametrize("text", CURATED)
@pytest.mark.parametrize("name", DSNS)
def test_curated_dsns_match_pydantic(text, name):
    for strict in (False, True):
        assert_matches(*MODELS[name, strict], text, strict)


def parts(url) -> tuple:
    """What a DSN object says of itself, the hosts included where it lists them."""
    hosts = url.hosts() if hasattr(url, "hosts") else None
    return (type(url).__name__, str(url), repr(url), url.scheme, url.path, url.query, url.fragment,
            url.query_params(), url.unicode_string(), url.encoded_string(), hosts)


@pytest.mark.parametrize("text", [t for t in CURATED if t.startswith(("postgres", "mongodb", "nats", "ws", "tls"))])
@pytest.mark.parametrize("name", MULTI_HOST)
def test_multi_host_objects_read_as_pydantic_reads_them(name, text):
    try:
        oracle = getattr(pydantic, name)(text)
    except pydantic.ValidationError:
        return  # refusals are compared by the differential tests
    mine = getattr(lib, name)(text)
    assert parts(mine) == parts(oracle)


def test_hosts_list_every_host_with_its_credentials_and_port():
    url = lib.PostgresDsn("postgres://u:p@h1:5432,v@h2:5433,[::1]/db")
    assert url.hosts() == [
        {"username": "u", "password": "p", "host": "h1", "port": 5432},
        {"username": "v", "password": None, "host": "h2", "port": 5433},
        {"username": None, "password": None, "host": "[::1]", "port": None},
    ]
    assert (url.path, str(url)) == ("/db", "postgres://u:p@h1:5432,v@h2:5433,[::1]/db")


def test_defaults_fill_in_the_last_host():
    assert str(lib.NatsDsn("nats://a,b")) == "nats://a,b:4222"
    assert lib.NatsDsn("nats://a:1,b").hosts()[0]["port"] == 1
    assert str(lib.NatsDsn("nats://")) == "nats://localhost:4222"
    assert str(lib.MongoDsn("mongodb://a")) == "mongodb://a:27017"
    assert str(lib.ClickHouseDsn("clickhouse://")) == "clickhouse://localhost:9000"
    assert str(lib.MariaDBDsn("mariadb://h")) == "mariadb://h:3306"


@pytest.mark.parametrize("name", MULTI_HOST)
def test_multi_host_values_pickle_copy_compare_and_dump(name):
    scheme = {"PostgresDsn": "postgres", "MongoDsn": "mongodb", "NatsDsn": "nats"}[name]
    text = f"{scheme}://u:p@a:1,b:2/db"
    model = one_field_model(getattr(lib, name), lib=pydantic if ORACLE else None)
    value = model.model_validate({"v": text}).v
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value and copy.copy(value) == value
    assert hash(getattr(lib, name)(text)) == hash(value)
    assert value != getattr(lib, name)(f"{scheme}://u:p@a:1,c:2/db")
    assert model(v=text).model_dump_json() == f'{{"v":"{text}"}}'
    assert model.model_validate_json(f'{{"v": "{text}"}}').v == value
    assert model(v=value).v == value  # an instance of the class is kept


def test_build_with_several_hosts_matches_pydantic():
    hosts = [{"host": "a", "port": 1}, {"host": "b", "username": "x", "password": "y"}]
    for cls in (lib.PostgresDsn, pydantic.PostgresDsn):
        assert str(cls.build(scheme="postgres", hosts=hosts, path="db")) == "postgres://a:1,x:y@b/db"
        assert str(cls.build(scheme="postgres", host="h", port=5, path="db")) == "postgres://h:5/db"
        with pytest.raises(ValueError, match="expected one of `hosts` or singular values to be set"):
            cls.build(scheme="postgres", hosts=hosts, host="c")
        with pytest.raises(ValueError, match="expected one of 'host', 'username', 'password' or 'port' to be set"):
            cls.build(scheme="postgres", hosts=[{}])


def test_single_host_parts_read_directly():
    if ORACLE:
        pytest.skip("pydantic's multi-host DSNs have no single host, username or port")
    url = lib.PostgresDsn("postgres://u:p@h:5/db")
    assert (url.username, url.password, url.host, url.port) == ("u", "p", "h", 5)
    with pytest.raises(AttributeError, match="has 2 hosts; read them from hosts"):
        lib.PostgresDsn("postgres://a,b/db").host


def test_a_default_host_with_a_comma_is_refused():
    if ORACLE:
        pytest.skip("pydantic refuses it only once a value is validated")
    from typing import Annotated

    with pytest.raises(lib.SchemaError, match="default_host cannot contain a comma"):
        one_field_model(Annotated[lib.PostgresDsn, lib.UrlConstraints(default_host="a,b")])
