"""Hostile values in an Any field during a dump (containers mutated by the
value's own methods, a lying or raising `__class__`, raising `__iter__`, values
and model chains 100000 deep): the dump may return or raise an Exception, but
never raise pyo3's PanicException (a BaseException) or crash. satya only:
pydantic itself panics on most of them. The cases run in child processes, so
that a crash or a hang fails its case, not the test run."""

import datetime as dt
import enum
import json
import os
import pathlib
import subprocess
import sys
import textwrap
import uuid
from decimal import Decimal

import pytest

from dump_support import S, constructed_chain, nested_lists
from support import satya_only


class Trap:
    """Holds the container a hostile value mutates."""

    target = None


def _mutate():
    target = Trap.target
    if isinstance(target, dict):
        target.clear()
        target.update({f"k{i}": i for i in range(64)})
    elif isinstance(target, list):
        target.clear()
        target.extend(range(64))
    elif isinstance(target, set):
        target.clear()
        target.update(range(64))


def _after_mutating(method):
    """`method`, called once the trapped container has been mutated."""

    def wrapper(self, *args):
        _mutate()
        return method(self, *args)

    return wrapper


def _mutating_returns(value):
    """A method that mutates the trapped container and returns `value`."""
    return _after_mutating(lambda self, *args: value)


def _boom(self, *args):
    raise RuntimeError("boom")


def _raising_iter(base, *more):
    """A subclass of `base` whose `__iter__` (and the methods named in `more`) raise."""
    return type(f"RaisingIter{base.__name__.title()}", (base,), dict.fromkeys(("__iter__",) + more, _boom))


class MutatingDecimal(Decimal):
    __str__ = __repr__ = _mutating_returns("1")
    __float__ = _mutating_returns(1.0)


class MutatingClass:
    """Lies about its class and mutates the container on the way."""

    __class__ = property(_mutating_returns(dict))


class ListLiar:
    __class__ = property(_mutating_returns(list))


class IntLiar:
    @property
    def __class__(self):
        return int


class RaisingClass:
    @property
    def __class__(self):
        raise RuntimeError("no class")


class MutatingEnum(enum.Enum):
    A = 1

    value = property(_mutating_returns(1))


class MutatingTz(dt.tzinfo):
    utcoffset = _mutating_returns(dt.timedelta(hours=1))

    def dst(self, when):
        return None

    def tzname(self, when):
        return "X"


class MutatingStr(str):
    __str__ = _mutating_returns("s")


class MutatingInt(int):
    __int__ = __index__ = _mutating_returns(1)
    __repr__ = _mutating_returns("1")


class MutatingFloat(float):
    __float__ = _mutating_returns(1.0)
    __repr__ = _mutating_returns("1.0")


class MutatingUUID(uuid.UUID):
    __str__ = _mutating_returns("u")


class MutatingPath(type(pathlib.Path())):
    __str__ = __fspath__ = _mutating_returns("p")


class MutatingHashKey:
    __hash__ = _mutating_returns(1)
    __eq__ = _after_mutating(lambda self, other: self is other)


class MutatingStrKey(str):
    __hash__ = _after_mutating(str.__hash__)
    __eq__ = _after_mutating(str.__eq__)


class MutatingIterList(list):
    __iter__ = _after_mutating(list.__iter__)


RaisingIterList = _raising_iter(list)
RaisingIterDict = _raising_iter(dict, "items", "keys", "values")
RaisingIterSet = _raising_iter(set)
RaisingIterFrozenset = _raising_iter(frozenset)
RaisingIterTuple = _raising_iter(tuple)
RaisingIterObject = _raising_iter(object)


def _raising_generator():
    yield 1
    raise RuntimeError("boom")


def _trapped(make_container):
    """A case: the container `make_container()` makes (holding the hostile
    value), set as the one the value mutates."""

    def case():
        Trap.target = make_container()
        return Trap.target

    return case


def _in_dict(make_value):
    """The hostile value first in a dict with more entries."""
    return _trapped(lambda: {"first": make_value(), "b": 2, "c": [3], "d": {"e": 4}})


def _in_list(make_value):
    return _trapped(lambda: [make_value(), 2, [3], {"e": 4}])


def _in_set(make_value):
    return _trapped(lambda: {make_value(), 2, 3})


def _as_key(make_key):
    return _trapped(lambda: {make_key(): 1, "b": 2, "c": 3})


def _deep_dict(depth):
    def case():
        value = {}
        for _ in range(depth):
            value = {"k": value}
        return value

    return case


HOSTILE_VALUES = {
    "decimal-str-mutates-dict": _in_dict(lambda: MutatingDecimal(1)),
    "decimal-str-mutates-list": _in_list(lambda: MutatingDecimal(1)),
    "decimal-str-mutates-set": _in_set(lambda: MutatingDecimal(1)),
    "enum-value-mutates-dict": _in_dict(lambda: MutatingEnum.A),
    "enum-value-mutates-list": _in_list(lambda: MutatingEnum.A),
    "tzinfo-mutates-dict-datetime": _in_dict(lambda: dt.datetime(2020, 1, 1, tzinfo=MutatingTz())),
    "tzinfo-mutates-dict-time": _in_dict(lambda: dt.time(1, tzinfo=MutatingTz())),
    "str-subclass-mutates-dict": _in_dict(lambda: MutatingStr("x")),
    "int-subclass-mutates-dict": _in_dict(lambda: MutatingInt(5)),
    "float-subclass-mutates-dict": _in_dict(lambda: MutatingFloat(5.0)),
    "uuid-subclass-mutates-dict": _in_dict(lambda: MutatingUUID(int=1)),
    "path-subclass-mutates-dict": _in_dict(lambda: MutatingPath("x")),
    "class-property-says-dict-and-mutates-dict": _in_dict(MutatingClass),
    "class-property-says-dict-and-mutates-list": _in_list(MutatingClass),
    "class-property-says-list-and-mutates-dict": _in_dict(ListLiar),
    "class-property-says-int": _in_dict(IntLiar),
    "class-property-raises": _in_dict(RaisingClass),
    "class-property-object-alone": lambda: MutatingClass(),
    "hash-mutates-dict-key": _as_key(MutatingHashKey),
    "str-key-hash-mutates-dict": _as_key(lambda: MutatingStrKey("first")),
    "str-key-str-mutates-dict": _as_key(lambda: MutatingStr("first")),
    "int-key-mutates-dict": _as_key(lambda: MutatingInt(1)),
    "decimal-key-mutates-dict": _as_key(lambda: MutatingDecimal(2)),
    "raising-iter-list": lambda: RaisingIterList([1, 2]),
    "raising-iter-dict": lambda: RaisingIterDict(a=1),
    "raising-iter-set": lambda: RaisingIterSet([1]),
    "raising-iter-frozenset": lambda: RaisingIterFrozenset([1]),
    "raising-iter-tuple": lambda: RaisingIterTuple((1, 2)),
    "raising-iter-object": RaisingIterObject,
    "raising-iter-nested": lambda: {"x": [RaisingIterList([1]), RaisingIterSet([2])]},
    "raising-generator": _raising_generator,
    "mutating-iter-list": _in_dict(lambda: MutatingIterList([1, 2])),
    "deep-list-100000": lambda: nested_lists(100_000),
    "deep-dict-100000": _deep_dict(100_000),
}

# Options that make a dump look keys up (in a filter) while it iterates.
HOSTILE_OPTIONS = [
    {},
    {"include": {"a": {"first": True, "b": True, 0: True}}},
    {"exclude": {"a": {"c"}}},
    {"exclude_none": True},
]

# Hostile models, dumped without options.
HOSTILE_MODELS = {"constructed-chain-100000": lambda: constructed_chain(S, 100_000)}

HOSTILE_CASES = sorted(HOSTILE_VALUES) + sorted(HOSTILE_MODELS)


def _instances(case):
    """(the option sets to dump `case` with, a function making a fresh instance of it)."""
    if case in HOSTILE_MODELS:
        return [{}], HOSTILE_MODELS[case]
    return HOSTILE_OPTIONS, lambda: S.Holder.model_construct(a=HOSTILE_VALUES[case]())


def run_case(case):
    """[(call, options, how it ended)] of every dump of `case`."""
    option_sets, make = _instances(case)
    results = []
    for options in option_sets:
        for call in ("python", "json", "text"):
            instance = make()
            try:
                if call == "text":
                    instance.model_dump_json(**options)
                else:
                    instance.model_dump(mode=call, **options)
            except BaseException as exc:
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                kind = ("Exception" if isinstance(exc, Exception) else "BaseException", type(exc).__name__)
            else:
                kind = ("returned", None)
            finally:
                Trap.target = None
            results.append((call, repr(options), kind))
    return results


HANG_SECONDS = 120
TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
_CHILD = textwrap.dedent(
    f"""
    import json, sys
    sys.path.insert(0, {TESTS_DIR!r})
    sys.setrecursionlimit(10000)
    import test_serialize_hostile as t
    for case in sys.argv[1:]:
        print(json.dumps([case, t.run_case(case)]), flush=True)
    """
)


def _run_in_a_child(cases):
    """Runs `cases` in one child process: ({case: its results} of the cases it
    finished, None), or (those, why it crashed or hung)."""
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, *cases], capture_output=True, text=True, timeout=HANG_SECONDS
        )
    except subprocess.TimeoutExpired:
        return {}, f"no answer within {HANG_SECONDS} s"
    finished = dict(json.loads(line) for line in proc.stdout.splitlines())
    if proc.returncode != 0:
        return finished, f"the process ended with code {proc.returncode}: {proc.stderr[-800:]}"
    return finished, None


@pytest.fixture(scope="module")
def hostile_results():
    """({case: its results}, {case: why its child crashed or hung}): every case
    in one child, then each case that child did not finish in a child of its own."""
    results, _ = _run_in_a_child(HOSTILE_CASES)
    crashes = {}
    for case in HOSTILE_CASES:
        if case not in results:
            alone, crashes[case] = _run_in_a_child([case])
            results.update(alone)
    return results, crashes


@satya_only
@pytest.mark.parametrize("case", HOSTILE_CASES)
def test_a_hostile_value_never_panics_or_crashes(hostile_results, case):
    results, crashes = hostile_results
    assert crashes.get(case) is None, f"{case}: {crashes[case]}"
    assert case in results, f"{case}: no result"
    bad = [
        (call, options, kind)
        for call, options, kind in results[case]
        if kind[0] == "BaseException" or kind[1] == "PanicException"
    ]
    assert not bad, f"{case}: {bad}"
