"""The constraint backend: native code and the interpreter must give the same
results, errors included; the backend is chosen once per class."""

import os
import subprocess
import sys
from typing import Annotated, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

import satya
from satya import Field, Model
from support import requires_native_code


class Constrained(Model):
    a: int = Field(default=3, gt=-5, le=1000, multiple_of=3)
    b: int = Field(default=0, ge=-(2**63), lt=2**63 - 1)
    c: int = Field(default=0, multiple_of=1)
    f: float = Field(default=0.0, gt=-1.5, le=1e300)
    g: float = Field(default=0.0, multiple_of=0.25)
    s: str = Field(default="ab", min_length=2, max_length=5)
    raw: bytes = Field(default=b"", max_length=3)
    xs: list[Annotated[int, Field(ge=0, lt=100)]] = Field(default_factory=list, max_length=6)
    fs: list[Annotated[float, Field(gt=0)]] = []
    ss: list[Annotated[str, Field(min_length=1, max_length=2)]] = []
    maybe: Optional[int] = Field(default=None, ge=10)
    counts: dict[str, Annotated[int, Field(le=5)]] = Field(default_factory=dict, max_length=3)


class Interpreted(Constrained):
    model_config = {"jit": False}


class InterpretedChild(Interpreted):
    extra: int = Field(default=1, lt=2)


def outcome(cls, data):
    try:
        return ("ok", cls.model_validate(data).model_dump())
    except satya.ValidationError as exc:
        return ("err", exc.errors(include_url=False))


ints = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.sampled_from([0, -1, 3, 999, 1002, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 10**30]),
)
floats = st.one_of(st.floats(), st.sampled_from([0.25, -1.5, 1e300, 1e301, float("nan"), float("inf"), -0.0]))
texts = st.one_of(st.text(max_size=7), st.sampled_from(["", "a", "ab", "\U0001f600\U0001f600", "\ud800x"]))
anything = st.one_of(ints, floats, texts, st.none(), st.booleans(), st.binary(max_size=5))

inputs = st.fixed_dictionaries(
    {},
    optional={
        "a": st.one_of(ints, anything),
        "b": ints,
        "c": ints,
        "f": st.one_of(floats, ints),
        "g": st.one_of(floats, ints),
        "s": texts,
        "raw": st.one_of(st.binary(max_size=6), texts),
        "xs": st.one_of(st.lists(ints, max_size=8), st.lists(anything, max_size=4)),
        "fs": st.lists(st.one_of(floats, ints), max_size=6),
        "ss": st.lists(texts, max_size=6),
        "maybe": st.one_of(st.none(), ints),
        "counts": st.dictionaries(st.text(max_size=2), st.one_of(ints, anything), max_size=5),
    },
)


def test_backends_are_what_each_class_asked_for():
    assert satya.inspect(Constrained)["backend"] in {"jit", "interpreter"}
    assert satya.inspect(Interpreted)["backend"] == "interpreter"
    assert satya.inspect(Interpreted)["checks_compiled"] == 0
    assert satya.inspect(InterpretedChild)["backend"] == "interpreter"


@requires_native_code
def test_constrained_class_is_compiled_on_supported_machines():
    info = satya.inspect(Constrained)
    assert info["backend"] == "jit"
    assert info["checks_compiled"] > 0 and info["code_size"] > 0


@given(data=inputs)
def test_native_code_and_interpreter_agree(data):
    assert outcome(Constrained, data) == outcome(Interpreted, data)


@pytest.mark.parametrize(
    "data",
    [
        {"a": 1002, "b": 2**63 - 1, "c": -(2**63), "f": float("nan"), "g": 0.3, "s": "x"},
        {"a": -6, "f": -1.5, "g": float("inf"), "s": "abcdef", "raw": b"abcd"},
        {"xs": [1, -1, 100, 2**63, "5"], "fs": [0.5, 0.0, -0.0, float("nan")], "ss": ["", "ab", "abc"]},
        {"xs": list(range(7)), "counts": {"a": 6, "b": 1, "c": 2, "d": 3}},
        {"maybe": 9, "counts": {"k": "9"}},
    ],
)
def test_native_code_and_interpreter_agree_on_edge_inputs(data):
    ours = outcome(Constrained, data)
    assert ours[0] == "err"
    assert ours == outcome(Interpreted, data)


def test_item_checks_report_every_failing_item_with_its_index():
    with pytest.raises(satya.ValidationError) as info:
        Constrained(xs=[5, -1, 50, 100, 7, -2])
    assert [(e["type"], e["loc"], e["input"]) for e in info.value.errors(include_url=False)] == [
        ("greater_than_equal", ("xs", 1), -1),
        ("less_than", ("xs", 3), 100),
        ("greater_than_equal", ("xs", 5), -2),
    ]


def test_item_checks_mix_with_coerced_and_huge_items():
    assert Constrained(xs=["5", 6.0, True]).xs == [5, 6, 1]
    with pytest.raises(satya.ValidationError) as info:
        Constrained(xs=[1, 2**64, "-3"])
    assert [(e["type"], e["loc"]) for e in info.value.errors(include_url=False)] == [
        ("less_than", ("xs", 1)),
        ("greater_than_equal", ("xs", 2)),
    ]


def test_validated_list_of_exact_items_is_a_new_list():
    source = [1, 2, 3]
    model = Constrained(xs=source)
    assert model.xs == source and model.xs is not source


def test_integer_edges_of_native_multiple_of():
    assert Constrained(c=-(2**63)).c == -(2**63)
    assert Interpreted(c=-(2**63)).c == -(2**63)

    class MinMultiple(Model):
        v: int = Field(multiple_of=2**62)

    assert MinMultiple(v=-(2**63)).v == -(2**63)
    assert MinMultiple(v=0).v == 0
    with pytest.raises(satya.ValidationError):
        MinMultiple(v=5)


def test_config_jit_applies_to_classes_defined_afterwards(monkeypatch):
    monkeypatch.setattr(satya.config, "jit", False)

    class DefinedWhileOff(Model):
        v: int = Field(gt=0)

    monkeypatch.setattr(satya.config, "jit", True)
    assert satya.inspect(DefinedWhileOff)["backend"] == "interpreter"
    assert satya.inspect(Interpreted)["backend"] == "interpreter"
    with pytest.raises(satya.ValidationError):
        DefinedWhileOff(v=0)


def test_satya_jit_environment_variable_turns_native_code_off():
    env = dict(os.environ, SATYA_JIT="0")
    script = (
        "import satya\n"
        "class M(satya.Model):\n"
        "    v: int = satya.Field(gt=0)\n"
        "print(satya.config.jit, satya.inspect(M)['backend'])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "interpreter"]


def test_inspect_refuses_non_model_classes():
    with pytest.raises(TypeError):
        satya.inspect(int)
    with pytest.raises(TypeError):
        satya.inspect(Constrained(a=3))
