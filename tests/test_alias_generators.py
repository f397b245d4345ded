"""`satya.alias_generators` against pydantic's own on any name: ASCII words,
digits, underscores, hyphens and other letters."""

import pydantic.alias_generators as oracle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satya import alias_generators
from support import satya_only

pytestmark = satya_only

NAMES = st.one_of(
    st.text(alphabet="abcxyzABCXYZ0129_-", max_size=16),
    st.text(max_size=10),
)


@pytest.mark.parametrize("name", ["to_camel", "to_pascal", "to_snake"])
def test_generators_match_pydantic(name):
    ours, theirs = getattr(alias_generators, name), getattr(oracle, name)

    @settings(max_examples=1500, deadline=None)
    @given(text=NAMES)
    def check(text):
        assert ours(text) == theirs(text)

    check()


@pytest.mark.parametrize("text, camel, pascal, snake", [
    ("user_id", "userId", "UserId", "user_id"),
    ("http_server_2", "httpServer2", "HttpServer2", "http_server_2"),
    ("HTTPServer", "httpserver", "Httpserver", "http_server"),
    ("already_camelCase", "alreadyCamelcase", "AlreadyCamelcase", "already_camel_case"),
    ("kebab-case-name", "kebab-Case-Name", "Kebab-Case-Name", "kebab_case_name"),
])
def test_examples(text, camel, pascal, snake):
    assert (alias_generators.to_camel(text), alias_generators.to_pascal(text), alias_generators.to_snake(text)) == (
        camel, pascal, snake)
