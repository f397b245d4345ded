"""Serializer functions against pydantic: `field_serializer` (plain and wrap,
methods and not, with `info`, `when_used`), `PlainSerializer` and
`WrapSerializer` in `Annotated`, and `model_serializer` (plain and wrap), in
both dump modes and as JSON, at the top level and nested."""

import datetime
import json
from typing import Annotated, Optional

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import satya

LIBRARIES = [satya, pydantic]


def define(lib):
    class Inner(lib.BaseModel):
        v: int = 1

        @lib.field_serializer("v")
        def ser_v(self, value, info):
            return f"v={value}:{info.mode}:{info.field_name}"

    class M(lib.BaseModel):
        a: int = 1
        b: datetime.date = datetime.date(2020, 1, 2)
        c: Annotated[int, lib.PlainSerializer(lambda v: v * 10, when_used="json")] = 3
        d: Annotated[list[int], lib.WrapSerializer(lambda v, h: h(v) + ["w"])] = [1]
        e: Optional[str] = None
        f: Annotated[Optional[int], lib.PlainSerializer(lambda v: -v, when_used="json-unless-none")] = None
        inner: Inner = Inner()

        @lib.field_serializer("a", "e", when_used="unless-none")
        def ser_a(self, value):
            return f"<{value}>"

        @lib.field_serializer("b", mode="wrap")
        def ser_b(self, value, handler, info):
            return {"wrapped": handler(value), "json": info.mode_is_json(), "own": self.a}

        @lib.field_serializer("inner")
        @staticmethod
        def ser_inner(value):
            return {"inner_v": value.v}

    class Whole(lib.BaseModel):
        x: int = 1
        y: str = "q"

        @lib.model_serializer
        def ser(self):
            return {"total": f"{self.x}{self.y}"}

    class Wrapped(lib.BaseModel):
        x: int = 1
        d: datetime.date = datetime.date(2020, 1, 2)

        @lib.model_serializer(mode="wrap")
        def ser(self, handler, info):
            out = handler(self)
            out["mode"] = info.mode
            return out

    class Holder(lib.BaseModel):
        items: list[Whole] = []
        wrapped: Optional[Wrapped] = None
        m: Optional[M] = None

    return M, Whole, Wrapped, Holder


MODELS = {lib: define(lib) for lib in LIBRARIES}


def dumps(obj, **options):
    return (obj.model_dump(**options), obj.model_dump(mode="json", **options), obj.model_dump_json(**options))


@given(
    a=st.integers(-3, 3), e=st.one_of(st.none(), st.text(max_size=3)), f=st.one_of(st.none(), st.integers(-2, 2)),
    d=st.lists(st.integers(0, 3), max_size=3), x=st.integers(0, 9), y=st.text(max_size=3),
    options=st.sampled_from([{}, {"include": {"a", "e", "m"}}, {"exclude": {"b"}}, {"exclude_none": True},
                             {"by_alias": True}, {"exclude_unset": True}]),
)
@settings(max_examples=200, deadline=None)
def test_serializer_functions_dump_as_pydantic(a, e, f, d, x, y, options):
    def run(lib):
        M, Whole, Wrapped, Holder = MODELS[lib]
        m = M(a=a, e=e, f=f, d=d)
        holder = Holder(items=[Whole(x=x, y=y)], wrapped=Wrapped(x=x), m=m)
        return [dumps(obj, **options) for obj in (m, Whole(x=x, y=y), Wrapped(x=x), holder)]

    assert run(satya) == run(pydantic)


def test_a_serializer_function_that_raises_propagates():
    for lib in LIBRARIES:
        class Bad(lib.BaseModel):
            x: int = 1

            @lib.field_serializer("x")
            def ser(self, value):
                raise RuntimeError("no")

        with pytest.raises(Exception) as info:
            Bad().model_dump()
        assert "no" in str(info.value)


def test_a_serializer_naming_a_missing_field_is_refused_unless_check_fields_is_false():
    with pytest.raises(satya.SchemaError):
        class Bad(satya.Model):
            x: int

            @satya.field_serializer("nope")
            def ser(self, value):
                return value

    class Fine(satya.Model):
        x: int = 1

        @satya.field_serializer("nope", "x", check_fields=False)
        def ser(self, value):
            return value + 1

    assert json.loads(Fine().model_dump_json()) == {"x": 2}


def test_serialization_info_carries_the_dump_context():
    def run(lib):
        class M(lib.BaseModel):
            x: int = 1

            @lib.field_serializer("x")
            def ser(self, value, info):
                return [value, info.context, info.mode]

        obj = M()
        return obj.model_dump(context={"k": 1}), obj.model_dump_json(context={"k": 2}), obj.model_dump()

    assert run(satya) == run(pydantic)


class Unknown:
    """A value no serializer knows, for `fallback=`."""


def test_a_wrap_serializers_handler_keeps_the_dumps_fallback_and_context():
    def define_holder(lib):
        def wrap(value, handler, info):
            return ["wrapped", handler(value), info.context]

        class Inner(lib.BaseModel):
            v: int = 1

            @lib.field_serializer("v")
            def ser_v(self, value, info):
                return [value, info.context]

        class Holder(lib.BaseModel):
            a: Annotated[object, lib.WrapSerializer(wrap)] = None
            inner: Annotated[Inner, lib.WrapSerializer(wrap)] = Inner()

        return Holder

    def dumps(lib):
        holder = define_holder(lib)(a=Unknown())
        options = dict(fallback=lambda v: f"fb:{type(v).__name__}", context={"k": 1})
        return holder.model_dump(**options), holder.model_dump(mode="json", **options), holder.model_dump_json(**options)

    assert dumps(satya) == dumps(pydantic)


@pytest.mark.parametrize("options", [{"exclude": {"g": {"b"}}}, {"include": {"g": {"a"}}}, {"exclude": {"g": True}}, {}])
def test_a_wrap_serializers_handler_applies_the_values_include_and_exclude(options):
    def dumps(lib):
        class Inner(lib.BaseModel):
            a: int = 1
            b: object = None

        class Outer(lib.BaseModel):
            g: Inner
            h: Annotated[Inner, lib.WrapSerializer(lambda v, handler: ["w", handler(v)])] = Inner()

            @lib.field_serializer("g", mode="wrap")
            def wrap_g(self, value, handler, info):
                return {"wrapped": handler(value)}

        outer = Outer(g=Inner(b=Unknown()), h=Inner(b=2))
        both_options = dict(options, fallback=lambda v: "fb")
        extra = {"h": {"b"}} if "exclude" in options and options["exclude"] != {"g": True} else None
        if extra:
            both_options["exclude"] = {**options["exclude"], **extra}
        return outer.model_dump(**both_options), outer.model_dump(mode="json", **both_options), outer.model_dump_json(**both_options)

    assert dumps(satya) == dumps(pydantic)
