"""URL fields (`AnyUrl`, `HttpUrl`, `AnyHttpUrl`, `FileUrl`, `FtpUrl`,
`WebsocketUrl`, `AnyWebsocketUrl`, `AmqpDsn`, `UrlConstraints`): parsed by the
url crate as pydantic parses them, with its errors, its URL objects' API and
its dumps; `Field(url=True)` on a str is satya's own."""

import copy
import pickle
from typing import Annotated, Optional

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import support
from network_support import assert_matches, view
from support import Field, Model, errors_of, lib, one_field_model, satya_only

CLASSES = ["AnyUrl", "AnyHttpUrl", "HttpUrl", "AnyWebsocketUrl", "WebsocketUrl", "FileUrl", "FtpUrl", "AmqpDsn"]
MODELS = {
    (name, strict): (one_field_model(getattr(lib, name), strict=strict), one_field_model(getattr(pydantic, name), strict=strict, lib=pydantic))
    for name in CLASSES
    for strict in (False, True)
}

CURATED = [
    "http://example.com", "HTTP://EXAMPLE.com:80/a b?x=1 2#f g", "https://用户:pw@münchen.de:8080/p?q#f", "", " ", "abc",
    "ftp://x", "http://", "http:///", "http://[::1", "http://[::1]:80/", "http://a:99999", "http://1.2.3.256",
    "http://ex ample.com", "http://exa%mple.com", "mailto:x@y", "http:/x.com", "http:x.com", "//x.com", "/path",
    "file:///etc/p", "file://", "http://xn--mnchen-3ya.de", "http://user@host", "http://:pw@host", "http://h/?",
    "http://h/#", "http://%41.com", "http://a..b", "http://0x7f.1", "http://éé.com", "http://xn--a.com", "foo://bar",
    "foo://", "foo:", "foo:/bar", "Foo://Bar/Baz", "data:text/plain,hi", "ws://x", "wss://x:443/s", "http://a\tb.com",
    " http://x.com ", "amqp://u:p@rabbit:5672/vh", "ftp://f.org/pub", "http://" + "a" * 2100, "https://x.com/" + "é" * 1100,
    "http://x.com?a=%20b&c&=d+e", 'http://x.com/"<>`{}', "https://x.com:0", "https://[fe80::1%25eth0]/",
]
SCHEMES = ["http", "https", "HTTP", "ws", "wss", "file", "ftp", "amqp", "foo", "data", "mailto", "a+b", "1x"]
HOSTS = ["example.com", "EXAMPLE.COM", "münchen.de", "xn--mnchen-3ya.de", "1.2.3.4", "[::1]", "", "a b", "x_y.z", "-a", "%41"]
url_texts = st.one_of(
    st.sampled_from(CURATED),
    st.builds(
        lambda scheme, sep, user, host, port, path, query, fragment: f"{scheme}{sep}{user}{host}{port}{path}{query}{fragment}",
        st.sampled_from(SCHEMES), st.sampled_from(["://", ":", ":/", ":///"]), st.sampled_from(["", "u@", "u:p@", ":p@", "ü@"]),
        st.sampled_from(HOSTS), st.sampled_from(["", ":80", ":8080", ":443", ":99999", ":x"]),
        st.sampled_from(["", "/", "/a/b", "/a b", "/../x", "/é"]), st.sampled_from(["", "?", "?a=1&b=2", "?q=é"]),
        st.sampled_from(["", "#", "#frag", "#é é"]),
    ),
    st.lists(st.sampled_from(list("ahx:/.@[]%?# é-") + ["xn--", "http://"]), max_size=12).map("".join),
)
inputs_any = st.one_of(url_texts, url_texts.map(str.encode), st.integers(), st.none(), st.floats(allow_nan=False), st.lists(st.text(), max_size=1))


@given(value=inputs_any, name=st.sampled_from(CLASSES), strict=st.booleans())
def test_urls_match_pydantic(value, name, strict):
    mine, oracle = MODELS[name, strict]
    assert_matches(mine, oracle, value, strict)


@pytest.mark.parametrize("text", CURATED)
@pytest.mark.parametrize("name", ["AnyUrl", "HttpUrl"])
def test_curated_urls_match_pydantic(text, name):
    for strict in (False, True):
        assert_matches(*MODELS[name, strict], text, strict)


ACCESSORS = ["scheme", "username", "password", "host", "port", "path", "query", "fragment"]
METHODS = ["unicode_host", "unicode_string", "query_params", "encoded_string"]


@pytest.mark.parametrize("text", [t for t in CURATED if t and "[::1" != t[7:11]] + ["foo:bar", "http://user@xn--mnchen-3ya.de"])
def test_accessors_match_pydantic(text):
    try:
        oracle = pydantic.AnyUrl(text)
    except pydantic.ValidationError:
        with pytest.raises(support.ANY_VALIDATION_ERROR):
            lib.AnyUrl(text)
        return
    mine = lib.AnyUrl(text)
    for name in ACCESSORS:
        assert getattr(mine, name) == getattr(oracle, name), name
    for name in METHODS:
        assert getattr(mine, name)() == getattr(oracle, name)(), name
    assert (str(mine), repr(mine), len(mine)) == (str(oracle), repr(oracle), len(oracle))


def test_equality_ordering_hash_and_copies():
    a, b = lib.HttpUrl("http://a.com"), lib.HttpUrl("http://b.com")
    assert a == lib.HttpUrl("http://A.COM/") and a != b and a < b and b >= a
    assert hash(a) == hash(lib.HttpUrl("http://a.com/"))
    assert a != lib.AnyUrl("http://a.com") and a != "http://a.com/"
    assert sorted([b, a]) == [a, b]
    assert pickle.loads(pickle.dumps(a)) == a and copy.deepcopy(a) == a and copy.copy(a) == a
    assert isinstance(a, lib.AnyUrl)


@pytest.mark.parametrize("parts", [
    dict(scheme="https", host="münchen.de", username="u", password="p", port=81, path="x/y", query="a=1", fragment="f"),
    dict(scheme="https", host="x.com", path="/x"),
    dict(scheme="http", host="x.com", password="p"),
    dict(scheme="http", host="x.com", username="u"),
])
def test_build_matches_pydantic(parts):
    assert repr(lib.HttpUrl.build(**parts)) == repr(pydantic.HttpUrl.build(**parts))


def test_build_and_the_constructor_validate():
    with pytest.raises(support.ANY_VALIDATION_ERROR) as info:
        lib.HttpUrl.build(scheme="ftp", host="x")
    assert [(e["type"], e["msg"]) for e in errors_of(info.value)] == [("url_scheme", "URL scheme should be 'http' or 'https'")]
    with pytest.raises(support.ANY_VALIDATION_ERROR) as info:
        lib.HttpUrl(5)
    assert [e["type"] for e in errors_of(info.value)] == ["url_type"]
    assert lib.HttpUrl(lib.AnyUrl("http://x.com")) == lib.HttpUrl("http://x.com/")


@pytest.mark.parametrize("rules, text", [
    (dict(max_length=20), "http://a.com/éééé"),
    (dict(max_length=20), "HTTP://EXAMPLE.COM:80"),
    (dict(max_length=1), "x:y"),
    (dict(host_required=True), "foo:bar"),
    (dict(host_required=True), "file:///x"),
    (dict(allowed_schemes=["a", "b", "c"]), "x:y"),
    (dict(allowed_schemes=["a", "b", "c"], max_length=3), "x:yyyyy"),
    (dict(allowed_schemes=["a"]), "a://ok"),
])
def test_url_constraints_match_pydantic(rules, text):
    mine = one_field_model(Annotated[lib.AnyUrl, lib.UrlConstraints(**rules)])
    oracle = one_field_model(Annotated[pydantic.AnyUrl, pydantic.UrlConstraints(**rules)], lib=pydantic)
    assert_matches(mine, oracle, text, False)


def test_an_instance_of_the_class_is_kept_and_another_url_class_read_by_its_text(inputs):
    inputs.python_only("JSON has no URL objects")
    url = lib.HttpUrl("http://x.com")
    assert inputs.validate_v(one_field_model(lib.HttpUrl, strict=True), url) is url
    other = inputs.validate_v(one_field_model(lib.AnyHttpUrl, strict=True), url)
    assert type(other) is lib.AnyHttpUrl and str(other) == "http://x.com/"


def _holders(of):
    base = support.Model if of is lib else pydantic.BaseModel
    return type("UrlHolder", (base,), {"__annotations__": {
        "u": of.HttpUrl, "o": Optional[of.AnyUrl], "items": list[of.FileUrl], "keyed": dict[str, of.AnyUrl]},
        "o": None, "items": [], "keyed": {}})


def test_dumps_in_containers_match_pydantic():
    data = {"u": "http://x.com", "o": "foo:bar", "items": ["file:///a", "file:///b"], "keyed": {"k": "https://münchen.de"}}
    mine, oracle = _holders(lib)(**data), _holders(pydantic)(**data)
    assert view(mine.model_dump()) == view(oracle.model_dump())
    assert mine.model_dump(mode="json") == oracle.model_dump(mode="json")
    assert mine.model_dump_json() == oracle.model_dump_json()
    assert type(mine.model_dump()["u"]) is lib.HttpUrl


@satya_only
def test_field_url_keeps_the_text_as_given(inputs):
    cls = one_field_model(str, {"url": True})
    assert inputs.validate_v(cls, "HTTP://Example.com") == "HTTP://Example.com"
    error = inputs.single_error(cls, "not a url")
    assert (error["type"], error["msg"]) == ("url_parsing", "Input should be a valid URL, relative URL without a base")
    assert [e["type"] for e in inputs.errors(cls, {"v": 5})] == ["string_type"]
    error = inputs.single_error(cls, "ftp://example.com")  # http or https, as satya 0.x's url=True
    assert (error["type"], error["msg"]) == ("url_scheme", "URL scheme should be 'http' or 'https'")


@satya_only
def test_field_url_runs_after_the_str_constraints(inputs):
    cls = one_field_model(str, {"url": True, "max_length": 8})
    assert [e["type"] for e in inputs.errors(cls, {"v": "http://example.com"})] == ["string_too_long"]
    assert type(cls.model_validate({"v": "http://a"}).model_dump()["v"]) is str


@satya_only
@pytest.mark.parametrize("annotation, field, message", [
    (int, {"url": True}, "constraint 'url' does not apply to int"),
    (str, {"url": True, "email": True}, "cannot be both email=True and url=True"),
    (str, {"url": "yes"}, "url must be True or False"),
    ("HttpUrl", {"max_length": 3}, "constraint 'max_length' does not apply to HttpUrl"),
    ("UrlInt", None, "UrlConstraints applies to URL fields only"),
])
def test_bad_declarations_are_schema_errors(annotation, field, message):
    if annotation == "HttpUrl":
        annotation = lib.HttpUrl
    elif annotation == "UrlInt":
        annotation = Annotated[int, lib.UrlConstraints(max_length=3)]
    with pytest.raises(lib.SchemaError, match=message):
        one_field_model(annotation, field)


@support.divergence("the url crate's IDNA tables are of a newer Unicode version than pydantic's")
def test_hosts_with_characters_new_to_unicode():
    assert_matches(*MODELS["AnyUrl", False], "http://q\U0001cd9c", False)


def test_field_default_none_optional_url():
    class M(Model):
        v: Optional[lib.HttpUrl] = Field(default=None)

    assert M().v is None and M(v=None).model_dump_json() == '{"v":null}'
