"""Native code lives as long as its class: dropping classes frees their code,
and a failed compile leaves a working class on the interpreter."""

import gc
import os
import warnings
import weakref
from typing import Annotated

import pytest

import satya
from satya import Field, Model
from support import BackendModels, requires_native_code

JIT = BackendModels("jit")
MiB = 1024 * 1024


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def constrained_model(i: int):
    """A new, unique class with a flat program and an item program, so two
    native functions. Built with type() so that nothing but the caller holds
    it (no string annotations for typing to cache, no enclosing class locals)."""
    namespace = {
        "__annotations__": {"a": int, "f": float, "s": str, "xs": list[Annotated[float, Field(gt=0)]]},
        "a": Field(default=0, ge=-i, le=i + 10, multiple_of=1 + i % 7),
        "f": Field(default=0.0, gt=-1.0 - i, multiple_of=0.5),
        "s": Field(default="", max_length=5 + i % 3),
        "xs": Field(default_factory=list, max_length=100),
    }
    return type(f"Dropped{i}", (Model,), namespace)


def define_and_drop(start: int, count: int) -> list:
    """Defines `count` classes, uses each once and keeps only a weak reference
    to every hundredth."""
    sample = []
    for i in range(start, start + count):
        cls = constrained_model(i)
        assert cls(a=0, xs=[1.5]).xs == [1.5]
        if i % 100 == 0:
            sample.append(weakref.ref(cls))
    return sample


@requires_native_code
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc/self/statm")
def test_dropping_jit_classes_frees_their_code():
    previous, satya.config.jit = satya.config.jit, True
    try:
        info = JIT.assert_backend(constrained_model(-1))
        assert info["native_functions"] == 2 and info["checks_compiled"] == 8

        # Warm-up: allocator pools, interned names and caches reach their size.
        define_and_drop(0, 1_000)
        gc.collect()
        before = resident_bytes()

        sample = define_and_drop(1_000, 10_000)
        gc.collect()
        growth = resident_bytes() - before
    finally:
        satya.config.jit = previous

    assert all(ref() is None for ref in sample), "dropped classes are still alive"
    # Each class holds two native modules of about 6 KiB each: leaking them
    # would grow RSS by well over 100 MiB here.
    assert growth < 30 * MiB, f"RSS grew by {growth / MiB:.1f} MiB over 10,000 dropped classes"


@requires_native_code
def test_a_failed_compile_falls_back_to_the_interpreter_with_a_warning():
    previous, satya.config.jit = satya.config.jit, True
    try:
        satya._satya._fail_next_jit_compile()
        with pytest.warns(RuntimeWarning, match=r"constraint program\(s\) run in the interpreter instead of native code") as record:

            class Fallback(Model):
                v: int = Field(gt=0, le=10)
                f: float = Field(default=0.5, multiple_of=0.5)

        assert "Fallback" in str(record[0].message)

        # The next class compiles as usual: the failure left nothing behind.
        with warnings.catch_warnings():
            warnings.simplefilter("error")

            class Compiled(Model):
                v: int = Field(gt=0, le=10)
                f: float = Field(default=0.5, multiple_of=0.5)
    finally:
        satya.config.jit = previous

    info = satya.inspect(Fallback)
    assert info["backend"] == "interpreter"
    assert info["checks_compiled"] == 0 and info["native_functions"] == 0 and info["code_size"] == 0
    assert info["checks_interpreted"] == 3
    JIT.assert_backend(Compiled)

    # The fallback class validates exactly as the compiled one does.
    for cls in (Fallback, Compiled):
        assert cls(v=10, f=-1.5).model_dump() == {"v": 10, "f": -1.5}
        with pytest.raises(satya.ValidationError) as info:
            cls(v=0, f=0.25)
        assert info.value.errors(include_url=False) == [
            {
                "type": "greater_than",
                "loc": ("v",),
                "msg": "Input should be greater than 0",
                "input": 0,
                "ctx": {"gt": 0},
            },
            {
                "type": "multiple_of",
                "loc": ("f",),
                "msg": "Input should be a multiple of 0.5",
                "input": 0.25,
                "ctx": {"multiple_of": 0.5},
            },
        ]


@requires_native_code
def test_a_failed_item_compile_still_checks_every_item():
    previous, satya.config.jit = satya.config.jit, True
    try:
        satya._satya._fail_next_jit_compile()
        with pytest.warns(RuntimeWarning, match=r"1 constraint program\(s\) run in the interpreter"):

            class Items(Model):
                v: int = Field(default=1, gt=0)
                xs: list[Annotated[int, Field(ge=0)]] = []
    finally:
        satya.config.jit = previous

    assert satya.inspect(Items)["backend"] == "interpreter"
    assert Items(xs=[0, 5]).xs == [0, 5]
    with pytest.raises(satya.ValidationError) as info:
        Items(v=0, xs=[0, -1, 3, -2])
    assert [(e["type"], e["loc"]) for e in info.value.errors(include_url=False)] == [
        ("greater_than", ("v",)),
        ("greater_than_equal", ("xs", 1)),
        ("greater_than_equal", ("xs", 3)),
    ]
