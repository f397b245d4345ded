"""The JSON text of `model_dump_json`, against pydantic's
(src/serializers/writer.rs): strings escaped as JSON requires (controls,
quotes, non-ASCII, line separators, lone surrogates), in values and in keys,
and the layout with and without `indent`."""

import pytest

from dump_support import assert_same_dumps, both


STRINGS = [
    "",
    "plain",
    "\x00\x01\x1f\x7f",
    "\t\n\r\x08\x0c",
    "\"'\\/",
    "\u00e9\u65e5\U0001f600",
    "\u2028\u2029\ufeff",
    "a\ud800",
    "\udfff",
]


@pytest.mark.parametrize("value", STRINGS, ids=repr)
def test_strings_dump_like_pydantic(value):
    mine, oracle = both(lambda ns: ns.Scalars(s=value, a={value: value}))
    assert_same_dumps(mine, oracle, include={"s", "a"})


@pytest.mark.parametrize("indent", [None, 0, 1, 2, 4])
def test_indented_json_is_pydantics(indent):
    data = {"items": [{"name": "a"}], "by_sku": {}, "matrix": [[], [1]], "counts": {1: 2}, "extra": {"e": {}, "l": [[]]}}
    mine, oracle = both(lambda ns: ns.Order.model_validate(data))
    assert mine.model_dump_json(indent=indent) == oracle.model_dump_json(indent=indent)
    assert mine.model_dump_json(indent=indent, by_alias=True, exclude={"items"}) == oracle.model_dump_json(
        indent=indent, by_alias=True, exclude={"items"}
    )

