"""Comparable views of URL and NameEmail values, for the differential tests
of tests/test_url.py and tests/test_email.py."""

import pydantic
from pydantic.networks import _BaseMultiHostUrl as OracleMultiHostUrl
from pydantic.networks import _BaseUrl as OracleUrl

from support import differential_attempt, differential_inputs, plain, satya

MINE_URL = satya._networks._BaseUrl if satya is not None else OracleUrl
NAME_EMAILS = (pydantic.NameEmail,) + ((satya.NameEmail,) if satya is not None else ())


def view(value):
    """Values of both libraries made comparable: a URL by its class name and
    text, a NameEmail by its parts, containers item by item."""
    if isinstance(value, (MINE_URL, OracleUrl, OracleMultiHostUrl)):
        return ("url", type(value).__name__, str(value))
    if isinstance(value, NAME_EMAILS):
        return ("name_email", value.name, value.email)
    if isinstance(value, dict):
        return ("dict", [(view(k), view(v)) for k, v in value.items()])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [view(v) for v in value])
    return plain(value)


def attempt(cls, kind, data, strict):
    """The value, every error's (loc, type, msg, ctx, input) and the three dumps."""
    return differential_attempt(cls, kind, data, strict, view=view)


def assert_matches(mine, oracle, value, strict):
    """Both inputs (when JSON can carry `value`) give the same outcome."""
    for kind, data in differential_inputs(value):
        assert attempt(mine, kind, data, strict) == attempt(oracle, kind, data, strict), (kind, data, strict)
