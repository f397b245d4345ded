"""satya 0.x's `ABSENT` sentinel, `is_absent` and `filter_absent`: a falsy
singleton unlike `None`; the two functions warn once per call. pydantic has
no such names, so this module is satya's own."""

import copy
import pickle
import warnings
from types import MappingProxyType

import pytest

from support import satya_only
from satya import SatyaDeprecationWarning
from satya.absent import ABSENT, AbsentType, filter_absent, is_absent

pytestmark = satya_only


def warned_call(function, *args):
    with pytest.warns(SatyaDeprecationWarning) as caught:
        result = function(*args)
    assert len(caught) == 1 and caught[0].filename == __file__
    assert f"`{function.__name__}` is deprecated" in str(caught[0].message)
    assert "model_dump(exclude_unset=True)" in str(caught[0].message)
    return result


def test_absent_is_a_falsy_singleton_unlike_none():
    assert repr(ABSENT) == str(ABSENT) == "ABSENT"
    assert not ABSENT and bool(ABSENT) is False
    assert ABSENT is not None and ABSENT != None  # noqa: E711 - the comparison is the point
    assert ABSENT != 0 and ABSENT != "" and ABSENT != False  # noqa: E712
    assert ABSENT == ABSENT and hash(ABSENT) == hash(ABSENT)
    assert {ABSENT: 1}[ABSENT] == 1
    assert AbsentType() is ABSENT and type(ABSENT) is AbsentType


def test_absent_keeps_its_identity_through_copies_and_pickles():
    assert copy.copy(ABSENT) is ABSENT and copy.deepcopy(ABSENT) is ABSENT
    assert copy.deepcopy({"a": [ABSENT]})["a"][0] is ABSENT
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(ABSENT, protocol)) is ABSENT


def test_using_absent_itself_warns_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from satya.absent import ABSENT as again
        assert again is ABSENT and not again and repr(again) == "ABSENT"


@pytest.mark.parametrize("value,absent", [
    (ABSENT, True), (AbsentType(), True), (None, False), ("", False), (0, False), (False, False), ([], False),
    ("ABSENT", False),
])
def test_is_absent(value, absent):
    assert warned_call(is_absent, value) is absent


def test_filter_absent_drops_absent_values_only():
    data = {"name": "test", "value": ABSENT, "count": 0, "note": None, "flag": False}
    filtered = warned_call(filter_absent, data)
    assert filtered == {"name": "test", "count": 0, "note": None, "flag": False}
    assert list(filtered) == ["name", "count", "note", "flag"]  # order kept
    assert "value" in data and filtered is not data  # a new dict; the input is untouched
    assert warned_call(filter_absent, {}) == {}
    assert warned_call(filter_absent, {"a": ABSENT}) == {}
    nested = {"a": {"b": ABSENT}}
    assert warned_call(filter_absent, nested) == nested  # one level, as in 0.x
    assert warned_call(filter_absent, MappingProxyType({"a": 1, "b": ABSENT})) == {"a": 1}


@pytest.mark.parametrize("data", [[("a", ABSENT)], None, "ab", 3])
def test_filter_absent_takes_only_mappings(data):
    with pytest.warns(SatyaDeprecationWarning), pytest.raises(TypeError, match="filter_absent takes a dict"):
        filter_absent(data)
