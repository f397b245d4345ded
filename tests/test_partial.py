"""`experimental_allow_partial` on the TypeAdapter methods: a JSON document
cut short is read as far as it goes (its unfinished last string kept with
'trailing-strings'), and a list, dict or TypedDict drops its last item when
that item fails; models, tuples and sets are never partial. Against pydantic."""

import json
from typing import Optional

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typing_extensions import NotRequired, TypedDict

from support import ORACLE, lib

ERRORS = (pydantic.ValidationError,) if ORACLE else (pydantic.ValidationError, lib.ValidationError)


class Row(TypedDict):
    a: int
    b: NotRequired[str]


def define(m):
    class Item(m.BaseModel):
        a: int
        b: str = ""
        xs: list[int] = []

    return Item


MINE_ITEM, THEIR_ITEM = define(lib), define(pydantic)
TARGETS = {
    "list[int]": (list[int], list[int]), "list[str]": (list[str], list[str]), "list[Row]": (list[Row], list[Row]),
    "dict[str,int]": (dict[str, int], dict[str, int]), "Row": (Row, Row), "list[list[int]]": (list[list[int]],) * 2,
    "int": (int, int), "Item": (MINE_ITEM, THEIR_ITEM), "list[Item]": (list[MINE_ITEM], list[THEIR_ITEM]),
    "tuple[int, ...]": (tuple[int, ...],) * 2, "Optional[list[int]]": (Optional[list[int]],) * 2,
    "dict[int,int]": (dict[int, int],) * 2, "list[tuple[int, int]]": (list[tuple[int, int]],) * 2,
}
MODES = [True, "on", "trailing-strings", False, "off"]


def both(name, method, value, mode):
    """satya's outcome and pydantic's, for the adapters of target `name`."""
    mine, theirs = TARGETS[name]
    return _call(lib, mine, method, value, mode), _call(pydantic, theirs, method, value, mode)


def _call(library, target, method, value, mode):
    try:
        adapter = library.TypeAdapter(target)
        return ("ok", repr(getattr(adapter, method)(value, experimental_allow_partial=mode)))
    except ERRORS as exc:
        return ("err", [(e["type"], e["loc"], e["msg"]) for e in exc.errors()])


PYTHON_CASES = [
    ("list[int]", [1, 2, "x"]), ("list[int]", [1, "x", 3]), ("list[Row]", [{"a": 1}, {"b": "x"}]),
    ("dict[str,int]", {"a": 1, "b": "x"}), ("Row", {"a": 1, "b": 2}), ("list[Item]", [{"a": 1}, {"b": "x"}]),
    ("Row", {"b": "x", "a": "y"}), ("Row", {"a": "y"}), ("Row", {"a": 1, "b": 2, "c": 3}),
    ("list[Row]", [{"a": 1}, {"a": 1, "b": 2}]), ("list[int]", []), ("list[int]", ["x"]), ("dict[int,int]", {"a": 1}),
    ("dict[int,int]", {1: "a"}), ("list[int]", (1, "x")), ("Item", {"a": 1, "xs": [1, "x"]}),
    ("tuple[int, ...]", (1, "x")), ("list[tuple[int, int]]", [(1, 2), (3, "x")]), ("list[list[int]]", [[1, "x"], [2, "y"]]),
    ("Optional[list[int]]", [1, "x"]),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name,value", PYTHON_CASES)
def test_python_input_matches_pydantic(name, value, mode):
    got, want = both(name, "validate_python", value, mode)
    assert got == want


DOCUMENTS = ['[1,2,3', '[1,2,"x', '["a","bc', '[{"a":1},{"a":', '{"a":1,"b":', '{"a":1,"b":"x', '[[1,2],[3,', '12',
             '[1,2', '{"a": 1, "xs": [1, 2', '[1,2]', '[1, "x"]', '', '[', '{', '[{"a":1,"b":"x"},{"a":2,"b":"yz']


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_cut_json_matches_pydantic(name, mode):
    for document in DOCUMENTS:
        got, want = both(name, "validate_json", document, mode)
        assert got == want, document


full_documents = st.recursive(
    st.one_of(st.integers(-5, 5), st.sampled_from(["ab", "x", "1", ""]), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["a", "b", "xs"]), inner, max_size=3)),
    max_leaves=8,
).map(json.dumps)


@given(document=full_documents, data=st.data(), name=st.sampled_from(sorted(TARGETS)),
       mode=st.sampled_from([True, "trailing-strings"]))
def test_any_cut_of_a_document_matches_pydantic(document, data, name, mode):
    cut = data.draw(st.integers(0, len(document)))
    got, want = both(name, "validate_json", document[:cut], mode)
    assert got == want, document[:cut]


@pytest.mark.parametrize("value", [["1", "x"], ["1", "2"]])
def test_strings_input_is_partial_too(value):
    got, want = both("dict[str,int]", "validate_strings", {"a": value[0], "b": value[1]}, True)
    assert got == want


def test_an_unknown_mode_is_refused():
    for library in (lib, pydantic):
        with pytest.raises(ValueError, match="Invalid partial mode, should be"):
            library.TypeAdapter(list[int]).validate_python([1], experimental_allow_partial="bogus")
