"""`model_json_schema()` and `json_schema_of()` against pydantic's
`model_json_schema()`: the same model defined with both libraries must give
the same schema, in validation and serialization mode, and every schema must
be valid under the JSON Schema 2020-12 metaschema."""

import collections
import dataclasses
import datetime
import decimal
import enum
import ipaddress
import pathlib
import typing
import uuid
from typing import Annotated, Any, Generic, Literal, NamedTuple, Optional, TypeVar, Union

import jsonschema
import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typing_extensions import NotRequired, TypedDict

import satya
from satya.json_schema import GenerateJsonSchema, json_schema_of

MODES = ("validation", "serialization")


def base(lib):
    return lib.Model if lib is satya else lib.BaseModel


def model(lib, annotations: dict, namespace=None, name="M"):
    body = {"__annotations__": annotations, "__module__": __name__, **(namespace or {})}
    return type(base(lib))(name, (base(lib),), body)


def assert_same(define, **kwargs):
    mine, theirs = define(satya), define(pydantic)
    for mode in MODES:
        got = mine.model_json_schema(mode=mode, **kwargs)
        assert got == theirs.model_json_schema(mode=mode, **kwargs), mode
        jsonschema.Draft202012Validator.check_schema(got)


class Color(enum.Enum):
    """Colours."""

    RED = "r"
    GREEN = "g"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Mixed(enum.Enum):
    A = 1.5
    B = "x"


class Movie(TypedDict):
    """A film."""

    title: str
    year: NotRequired[int]


class Point(NamedTuple):
    x: int
    y: str = "a"


@dataclasses.dataclass
class Pair:
    left: int
    right: str = "r"


@dataclasses.dataclass
class Documented:
    """Has a docstring."""

    value: float


def scalar_annotations(lib):
    types = lib.types if lib is satya else lib
    return dict(
        i=int, f=float, s=str, b=bool, by=bytes, n=None, a=Any, o=object,
        dt=datetime.datetime, d=datetime.date, t=datetime.time, td=datetime.timedelta,
        u=uuid.UUID, u4=lib.UUID4, u7=lib.UUID7, dec=decimal.Decimal,
        p=pathlib.Path, pp=pathlib.PurePath, fp=types.FilePath, dp=types.DirectoryPath, np_=types.NewPath,
        sp=types.SocketPath,
        ip4=ipaddress.IPv4Address, ip6=ipaddress.IPv6Address, n4=ipaddress.IPv4Network, n6=ipaddress.IPv6Network,
        i4=ipaddress.IPv4Interface, i6=ipaddress.IPv6Interface,
        ipa=types.IPvAnyAddress, ipn=types.IPvAnyNetwork, ipi=types.IPvAnyInterface,
        ss=types.SecretStr, sb=types.SecretBytes, j=types.Json, ji=types.Json[list[int]],
        url=lib.AnyUrl, hurl=lib.HttpUrl, ahurl=lib.AnyHttpUrl, furl=lib.FileUrl, ws=lib.AnyWebsocketUrl,
        wss=lib.WebsocketUrl, ftp=lib.FtpUrl, amqp=lib.AmqpDsn, em=lib.EmailStr, ne=lib.NameEmail,
        aw=lib.AwareDatetime, nd=lib.NaiveDatetime, pd=lib.PastDate, fd=lib.FutureDate, pdt=lib.PastDatetime,
        fdt=lib.FutureDatetime,
    )


def container_annotations(lib):
    return dict(
        lst=list, li=list[int], lli=list[list[str]], dc=dict, dsi=dict[str, int], dii=dict[int, int],
        dsa=dict[str, Any], dlit=dict[Literal["a", "b"], int], dpat=dict[lib.constr(pattern="^x"), int],
        dmin=dict[lib.constr(min_length=1), int],
        tup=tuple, ti=tuple[int, ...], tis=tuple[int, str], te=tuple[()], st=set[int], fs=frozenset[str],
        bare_set=set, bare_fs=frozenset, dq=collections.deque[int], bare_dq=collections.deque,
        sq=typing.Sequence[int], it=typing.Iterable[int], mp=typing.Mapping[str, int],
        typed=Movie, named=Point, dataclass=Pair, documented=Documented,
    )


def choice_annotations(lib):
    return dict(
        color=Color, level=Level, mixed=Mixed, ocolor=Optional[Color],
        lit=Literal["a", "b"], lit1=Literal[1], litm=Literal[1, "a", None, True], litb=Literal[True],
        litn=Literal[None], litenum=Literal[Color.RED], olit=Optional[Literal["a"]],
        opt=Optional[int], un=Union[int, str], un3=Union[int, str, None], odec=Optional[decimal.Decimal],
        dup=Union[list[int], tuple[int, ...]], ostr=Optional[str], unl=Union[list[int], dict[str, int]],
    )


def constrained_annotations(lib):
    return dict(
        pi=lib.PositiveInt, ni=lib.NegativeInt, nni=lib.NonNegativeInt, npi=lib.NonPositiveInt,
        pf=lib.PositiveFloat, ff=lib.FiniteFloat, sti=lib.StrictInt, sts=lib.StrictStr, stb=lib.StrictBool,
        ci=lib.conint(gt=1, le=5, multiple_of=2), cf=lib.confloat(ge=0.5, lt=3),
        cs=lib.constr(min_length=1, max_length=3, pattern="^a"), cb=lib.conbytes(min_length=1, max_length=4),
        cl=lib.conlist(int, min_length=1, max_length=3), cset=lib.conset(int, min_length=1),
        cfs=lib.confrozenset(str, max_length=2),
        cdec=lib.condecimal(max_digits=5, decimal_places=2, gt=1, le=decimal.Decimal("9.5")),
        cdate=lib.condate(gt=datetime.date(2020, 1, 1)),
        ann=Annotated[int, lib.Field(ge=0, le=9)], stc=Annotated[str, lib.StringConstraints(max_length=4)],
        li_items=list[Annotated[int, lib.Field(gt=0, description="positive")]],
        ourl=Annotated[lib.AnyUrl, lib.UrlConstraints(max_length=50)],
    )


@pytest.mark.parametrize("annotations", [scalar_annotations, container_annotations, choice_annotations,
                                         constrained_annotations])
def test_every_supported_type(annotations):
    assert_same(lambda lib: model(lib, annotations(lib)))


FIELD_OPTIONS = [
    dict(gt=1), dict(ge=1, lt=10.0), dict(le=-2, multiple_of=2), dict(min_length=1), dict(max_length=4),
    dict(pattern="^[a-z]+$"), dict(strict=True), dict(title="Custom"), dict(description="text"),
    dict(examples=[1, 2]), dict(deprecated=True), dict(alias="other"), dict(default=None),
]
OPTION_TYPES = [int, float, str, Optional[str], list[int], Optional[int]]


def applies(annotation, field) -> bool:
    """Whether the options can be declared on the annotation at all."""
    numeric = {"gt", "ge", "lt", "le", "multiple_of"}
    inner = typing.get_args(annotation)[0] if typing.get_origin(annotation) is Union else annotation
    return not ((set(field) & numeric and inner not in (int, float)) or (
        set(field) & {"min_length", "max_length", "pattern"} and inner in (int, float)) or (
        "pattern" in field and inner is not str) or ("strict" in field and inner is not annotation))


@pytest.mark.parametrize("annotation, field", [(a, f) for f in FIELD_OPTIONS for a in OPTION_TYPES if applies(a, f)])
def test_field_options(annotation, field):
    assert_same(lambda lib: model(lib, {"v": annotation}, {"v": lib.Field(**field)}))


def test_defaults_are_written_as_json_and_factories_left_out():
    def define(lib):
        return model(lib, {
            "i": int, "dt": datetime.datetime, "d": datetime.date, "td": datetime.timedelta, "dec": decimal.Decimal,
            "u": uuid.UUID, "by": bytes, "s": set[int], "t": tuple[int, ...], "c": Color, "lvl": Level,
            "p": pathlib.Path, "n": Optional[str], "made": list[int], "nested": dict[str, list[int]],
        }, {
            "i": 3, "dt": datetime.datetime(2020, 1, 2, 3, 4, 5), "d": datetime.date(2020, 1, 1),
            "td": datetime.timedelta(seconds=90), "dec": decimal.Decimal("1.50"),
            "u": uuid.UUID(int=7), "by": b"ab", "s": {1, 2}, "t": (1, 2), "c": Color.GREEN, "lvl": Level.HIGH,
            "p": pathlib.Path("/tmp"), "n": None, "made": lib.Field(default_factory=list),
            "nested": {"a": [1]},
        })
    assert_same(define)


def test_serialization_defaults_required_makes_every_dumped_field_required():
    def define(lib):
        inner = model(lib, {"x": int}, {"x": 1, "model_config": {"json_schema_serialization_defaults_required": True}},
                      name="Inner")
        return model(lib, {"a": int, "b": Optional[str], "c": int, "i": inner, "gone": int},
                     {"a": 1, "b": None, "i": lib.Field(default_factory=inner), "gone": lib.Field(0, exclude=True),
                      "model_config": {"json_schema_serialization_defaults_required": True}})
    assert_same(define)


def test_aliases():
    def define(lib):
        return model(lib, {"a": int, "b": int, "c": int, "d": int, "e": int, "f": int}, {
            "a": lib.Field(alias="A1"),
            "b": lib.Field(serialization_alias="B_out"),
            "c": lib.Field(validation_alias="c_in", serialization_alias="c_out"),
            "d": lib.Field(validation_alias=lib.AliasChoices("d1", "d2")),
            "e": lib.Field(validation_alias=lib.AliasPath("deep", 0)),
            "f": lib.Field(validation_alias=lib.AliasChoices(lib.AliasPath("x", "y"), "f2")),
        })
    assert_same(define)
    assert_same(define, by_alias=False)


def test_alias_generator():
    def define(lib):
        return model(lib, {"first_name": str, "age": int},
                     {"model_config": {"alias_generator": lambda name: name.upper()}})
    assert_same(define)
    assert_same(define, by_alias=False)


def nested(lib):
    class Sub(base(lib)):
        """Sub doc.

        More lines."""

        x: int = 1

    class A(base(lib)):
        kind: Literal["a"]

    class B(base(lib)):
        kind: Literal["b", "bb"] = "b"

    class Outer(base(lib)):
        model_config = {"title": "Custom", "extra": "forbid", "json_schema_extra": {"x-level": 1}}
        sub: Sub = lib.Field(default_factory=Sub, description="a sub")
        maybe: Optional[Sub] = None
        given: Sub = Sub(x=3)
        subs: list[Sub] = []
        either: Union[Sub, int] = 1
        tagged: Union[A, B] = lib.Field(discriminator="kind")
        maybe_tagged: Optional[Union[A, B]] = lib.Field(None, discriminator="kind")
        annotated_tag: Annotated[Union[A, B], lib.Field(discriminator="kind")]
        by_discriminator: Annotated[Union[A, B], lib.Discriminator("kind")]
        children: list["Outer"] = []

    Outer.model_rebuild()
    return Outer


def test_nested_recursive_and_discriminated_models():
    assert_same(nested)
    assert_same(nested, by_alias=False)


def test_callable_discriminator_and_constrained_secret():
    def define(lib):
        class A(base(lib)):
            kind: Literal["a"]

        class B(base(lib)):
            kind: Literal["b"]

        def tag(value):
            return value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)

        return model(lib, {
            "either": Annotated[Union[Annotated[A, lib.Tag("a")], Annotated[B, lib.Tag("b")]], lib.Discriminator(tag)],
            "secret": lib.SecretStr,
        }, {"secret": lib.Field(min_length=2)})
    assert_same(define)


def test_ref_template():
    assert_same(nested, ref_template="/components/schemas/{model}")


def test_recursive_model_is_a_reference_at_the_top():
    def define(lib):
        class Node(base(lib)):
            child: Optional["Node"] = None
            children: list["Node"] = []

        Node.model_rebuild()
        return Node
    assert_same(define)


def test_extra_allow():
    assert_same(lambda lib: model(lib, {"a": int}, {"a": 1, "model_config": {"extra": "allow"}}))


def test_computed_fields_in_serialization_mode():
    def define(lib):
        class Sub(base(lib)):
            x: int = 0

        class M(base(lib)):
            width: int = 2

            @lib.computed_field(description="twice the width", alias="Area", examples=[4])
            @property
            def area(self) -> int:
                return self.width * 2

            @lib.computed_field
            @property
            def sub(self) -> Sub:
                return Sub()

            @lib.computed_field(title="Anything")
            @property
            def anything(self) -> Any:
                return 1
        return M
    assert_same(define)
    assert_same(define, by_alias=False)


def test_json_schema_extra_dict_and_callable():
    def at_model_level(schema, cls):
        schema["x-class"] = cls.__name__.lower()

    def define(lib):
        return model(lib, {"a": int, "b": str, "c": Annotated[int, lib.Field(json_schema_extra={"x-c": 3})]}, {
            "a": lib.Field(json_schema_extra={"x-a": [1, 2]}),
            "b": lib.Field(json_schema_extra=lambda schema: schema.pop("type")),
            "model_config": {"json_schema_extra": at_model_level},
        })
    assert_same(define)
    assert_same(lambda lib: model(lib, {"a": int}, {
        "model_config": {"json_schema_extra": lambda schema: schema.update(examples=[{"a": 1}])}}))


def test_docstring_and_config_title():
    def define(lib):
        class Documented(base(lib)):
            """First line.

                Indented second paragraph.
            """
            model_config = {"title": "Shown"}
            a: Annotated[int, lib.Field(title="Inner title", description="inner")] = 0
        return Documented
    assert_same(define)


T = TypeVar("T")


def test_generic_models():
    def define(lib):
        class Item(base(lib)):
            name: str

        class Page(base(lib), Generic[T]):
            items: list[T]
            total: int = 0

        return model(lib, {"ints": Page[int], "items": Page[Item], "nested": Optional[Page[list[str]]]})
    assert_same(define)


def test_validators_and_serializers_in_annotated():
    def define(lib):
        return model(lib, {
            "before": Annotated[int, lib.BeforeValidator(int)],
            "after": Annotated[int, lib.AfterValidator(abs)],
            "plain": Annotated[int, lib.PlainValidator(int)],
            "shown": Annotated[int, lib.PlainSerializer(str, return_type=str)],
            "unknown": Annotated[int, lib.PlainSerializer(lambda v: v)],
            "wrapped": Annotated[int, lib.WrapSerializer(lambda v, handler: handler(v))],
        }, {"shown": 1})
    assert_same(define)


def test_json_schema_of_annotations():
    for annotation in (int, list[int], Optional[str], dict[str, Color], Point, Movie, Pair,
                       Union[int, str], tuple[int, str]):
        for mode in MODES:
            got = json_schema_of(annotation, mode=mode)
            assert got == pydantic.TypeAdapter(annotation).json_schema(mode=mode)
            jsonschema.Draft202012Validator.check_schema(got)


def test_json_schema_of_a_model_inlines_it_unless_recursive():
    mine = nested(satya)
    assert json_schema_of(mine) == mine.model_json_schema()
    assert json_schema_of(list[mine])["items"] == {"$ref": "#/$defs/Outer"}


def test_custom_generator():
    class Upper(GenerateJsonSchema):
        def field_title(self, key):
            return key.upper()

    mine = model(satya, {"a_b": int})
    assert mine.model_json_schema(schema_generator=Upper)["properties"]["a_b"]["title"] == "A_B"


def test_unsupported_mode_is_refused():
    with pytest.raises(ValueError):
        model(satya, {"a": int}).model_json_schema(mode="other")


def test_two_classes_of_one_name():
    def define(lib):
        first = model(lib, {"a": int}, name="Same")
        second = model(lib, {"b": str}, name="Same")
        return model(lib, {"first": first, "second": second})
    assert_same(define)


@pytest.mark.parametrize("ref_template", ["#/$defs/{model}", "/components/schemas/{model}"])
def test_classes_of_one_name_from_two_modules(ref_template):
    def define(lib):
        first = model(lib, {"a": int}, name="Same", namespace={"__module__": "app.users"})
        second = model(lib, {"b": str}, name="Same", namespace={"__module__": "app.orders"})
        third = model(lib, {"c": float}, name="Same")
        other = model(lib, {"d": first}, name="Other")
        return model(lib, {"first": first, "second": list[second], "third": Optional[third], "other": other})
    assert_same(define, ref_template=ref_template)


def test_classes_of_one_name_and_one_schema_share_a_definition():
    def define(lib):
        first = model(lib, {"a": int}, name="Same")
        second = model(lib, {"a": int}, name="Same")
        return model(lib, {"first": first, "second": second})
    assert_same(define)


def test_classes_of_one_name_in_a_discriminated_union():
    def define(lib):
        cat = model(lib, {"kind": Literal["cat"]}, name="Pet", namespace={"__module__": "zoo.cats"})
        dog = model(lib, {"kind": Literal["dog"]}, name="Pet", namespace={"__module__": "zoo.dogs"})
        field = lib.Field(discriminator="kind")
        return model(lib, {"pet": Union[cat, dog]}, namespace={"pet": field})
    assert_same(define)


# --------------------------------------------------------------------------- random models

ANNOTATIONS = st.sampled_from([
    int, float, str, bool, bytes, datetime.date, datetime.datetime, uuid.UUID, decimal.Decimal, Color, Level,
    Literal["x", "y"], list[int], set[str], tuple[int, str], dict[str, float], Optional[int], Union[int, str],
    Optional[list[str]], Point, Movie, Pair, Any,
])
NUMERIC = {int, float, Optional[int]}
SIZED = {str, bytes, list[int], set[str], dict[str, float], Optional[list[str]]}


@st.composite
def field_specs(draw):
    annotation = draw(ANNOTATIONS)
    options = {}
    if annotation in NUMERIC:
        bound = draw(st.integers(-5, 5))
        options[draw(st.sampled_from(["gt", "ge", "lt", "le"]))] = bound
        if draw(st.booleans()):
            options["multiple_of"] = draw(st.integers(1, 4))
    if annotation in SIZED and draw(st.booleans()):
        options["max_length"] = draw(st.integers(3, 6))
        options["min_length"] = draw(st.integers(0, 3))
    if annotation is str and draw(st.booleans()):
        options["pattern"] = "^[a-z]*$"
    for name, values in (("description", st.text(max_size=5)), ("title", st.text(min_size=1, max_size=5)),
                         ("alias", st.from_regex(r"\A[a-z][a-zA-Z]{0,4}\Z")), ("examples", st.just([1]))):
        if draw(st.integers(0, 4)) == 0:
            options[name] = draw(values)
    if annotation in (int, Optional[int], str) and draw(st.booleans()):
        options["default"] = None if annotation is Optional[int] else ("s" if annotation is str else 0)
    return annotation, options


@settings(max_examples=25, deadline=None)
@given(st.lists(field_specs(), min_size=1, max_size=5))
def test_random_models(specs):
    def define(lib):
        annotations = {f"field_{i}": annotation for i, (annotation, _) in enumerate(specs)}
        fields = {f"field_{i}": lib.Field(**{**options, **({"alias": f"{options['alias']}{i}"} if "alias" in options else {})})
                  for i, (_, options) in enumerate(specs)}
        return model(lib, annotations, fields)
    assert_same(define)
    assert_same(define, by_alias=False)


def test_root_models_are_their_values_schema():
    def define(lib):
        class Ints(lib.RootModel[list[int]]):
            """Some ints."""

        class Titled(lib.RootModel[int]):
            model_config = lib.ConfigDict(title="Count", json_schema_extra={"examples": [3]})

        return model(lib, {"ints": Ints, "count": Titled, "plain": lib.RootModel[Optional[str]]},
                     {"count": Titled(5)})

    assert_same(define)
    for mode in ("validation", "serialization"):
        assert (satya.RootModel[list[int]].model_json_schema(mode=mode)
                == pydantic.RootModel[list[int]].model_json_schema(mode=mode))


def _same_value(value):
    return value


def _handled(value, handler):
    return handler(value)


def test_json_schema_input_type_of_annotated_validators():
    def define(lib):
        return model(lib, {
            "before": Annotated[int, lib.BeforeValidator(_same_value, json_schema_input_type=str)],
            "wrap": Annotated[int, lib.WrapValidator(_handled, json_schema_input_type=list[int])],
            "outermost": Annotated[int, lib.PlainValidator(_same_value, json_schema_input_type=float),
                                   lib.BeforeValidator(_same_value, json_schema_input_type=str)],
            "plain_outside": Annotated[int, lib.BeforeValidator(_same_value, json_schema_input_type=str),
                                       lib.PlainValidator(_same_value)],
            "after_outside": Annotated[int, lib.BeforeValidator(_same_value, json_schema_input_type=str),
                                       lib.AfterValidator(_same_value)],
            "untyped": Annotated[int, lib.BeforeValidator(_same_value)],
        })
    assert_same(define)


def test_json_schema_input_type_of_field_validators():
    def define(lib):
        class M(base(lib)):
            a: int
            b: int = 3
            c: int = lib.Field(gt=0)
            d: int
            e: int

            @lib.field_validator("a", mode="before", json_schema_input_type=str)
            @classmethod
            def to_a(cls, value):
                return value

            @lib.field_validator("b", mode="plain", json_schema_input_type=float)
            @classmethod
            def to_b(cls, value):
                return value

            @lib.field_validator("c", mode="wrap", json_schema_input_type=list[int])
            @classmethod
            def to_c(cls, value, handler):
                return handler(value)

            @lib.field_validator("d", mode="plain")
            @classmethod
            def to_d(cls, value):
                return value

            @lib.field_validator("e", mode="before", json_schema_input_type=str)
            @classmethod
            def first(cls, value):
                return value

            @lib.field_validator("e", mode="after")
            @classmethod
            def second(cls, value):
                return value
        return M
    assert_same(define)


def test_field_serializers_give_their_return_types_in_serialization_mode():
    def define(lib):
        class M(base(lib)):
            annotated: int
            given: int
            wrapped: int
            bare: int
            anything: int
            outer: Annotated[int, lib.PlainSerializer(_same_value, return_type=str)] = 1

            @lib.field_serializer("annotated")
            def to_text(self, value) -> str:
                return str(value)

            @lib.field_serializer("given", return_type=list[int])
            def to_list(self, value):
                return [value]

            @lib.field_serializer("wrapped", mode="wrap")
            def to_float(self, value, handler) -> float:
                return float(handler(value))

            @lib.field_serializer("bare")
            def as_is(self, value):
                return value

            @lib.field_serializer("anything", "outer")
            def loose(self, value) -> Any:
                return value
        return M
    assert_same(define)


def test_model_serializers_give_their_return_types_in_serialization_mode():
    def define(lib):
        class Text(base(lib)):
            a: int

            @lib.model_serializer
            def as_text(self) -> str:
                return str(self.a)

        class Mapping(base(lib)):
            a: int

            @lib.model_serializer(mode="wrap")
            def as_mapping(self, handler) -> dict[str, int]:
                return handler(self)

        class Listed(base(lib)):
            a: int

            @lib.model_serializer(return_type=list[int])
            def as_list(self):
                return [self.a]

        class Silent(base(lib)):
            a: int

            @lib.model_serializer
            def as_dict(self):
                return {"a": self.a}

        return model(lib, {"t": Text, "m": Mapping, "l": Listed, "s": Silent})
    assert_same(define)


def test_a_generator_naming_its_own_definitions_keeps_its_names():
    from satya.json_schema import GenerateJsonSchema

    class Prefixed(GenerateJsonSchema):
        def definition_name(self, cls):
            return "App" + super().definition_name(cls)

    first = model(satya, {"a": int}, name="Same")
    second = model(satya, {"b": str}, name="Same")
    schema = model(satya, {"first": first, "second": second}).model_json_schema(schema_generator=Prefixed)
    assert schema["properties"]["first"] == {"$ref": "#/$defs/AppSame"}
    # the second class gets a numbered key of its own, not the first one's definition
    other = schema["properties"]["second"]["$ref"].rsplit("/", 1)[1]
    assert other != "AppSame" and other.startswith("AppSame__")
    assert schema["$defs"]["AppSame"]["properties"].keys() == {"a"}
    assert schema["$defs"][other]["properties"].keys() == {"b"}


@pytest.mark.parametrize("config", [
    {"ser_json_bytes": "base64"}, {"ser_json_bytes": "hex"}, {"ser_json_timedelta": "float"},
    {"ser_json_timedelta": "float", "ser_json_bytes": "base64"},
])
def test_dump_config_shows_in_the_schema(config):
    def define(lib):
        inner = model(lib, {"b": bytes, "d": datetime.timedelta}, namespace={"model_config": config}, name="Inner")
        fields = {"inner": inner, "b": bytes, "ob": Optional[bytes], "lb": list[bytes], "d": datetime.timedelta,
                  "sized": Annotated[bytes, lib.Field(min_length=2)]}
        return model(lib, fields, namespace={"model_config": config})
    assert_same(define)


@pytest.mark.parametrize("annotation", [bytes, datetime.timedelta, list[bytes], Optional[datetime.timedelta]])
def test_an_adapters_dump_config_shows_in_its_schema(annotation):
    config = {"ser_json_bytes": "base64", "ser_json_timedelta": "float"}
    for mode in MODES:
        mine = satya.TypeAdapter(annotation, config=config).json_schema(mode=mode)
        assert mine == pydantic.TypeAdapter(annotation, config=config).json_schema(mode=mode), mode


@pytest.mark.parametrize("union_format", ["any_of", "primitive_type_array"])
def test_union_format(union_format):
    def define(lib):
        fields = {"a": Union[int, str], "b": Optional[int], "c": Union[int, str, None], "d": Optional[list[int]],
                  "e": Union[int, bool], "f": Annotated[Optional[str], lib.Field(max_length=3)], "g": Union[int, float],
                  "h": Optional[Point], "i": Union[Literal["x"], int]}
        return model(lib, fields, namespace={"b": None, "d": None, "f": None, "h": None})
    mine, theirs = define(satya), define(pydantic)
    for mode in MODES:
        got = mine.model_json_schema(mode=mode, union_format=union_format)
        assert got == theirs.model_json_schema(mode=mode, union_format=union_format), mode
        jsonschema.Draft202012Validator.check_schema(got)
    for annotation in (Optional[int], Union[int, str, None], list[Union[int, Point]]):
        got = satya.TypeAdapter(annotation).json_schema(union_format=union_format)
        assert got == pydantic.TypeAdapter(annotation).json_schema(union_format=union_format)


def test_an_unknown_union_format_is_refused():
    with pytest.raises(ValueError):
        model(satya, {"a": Union[int, str]}).model_json_schema(union_format="type_list")


def _title_config(lib):
    return {"field_title_generator": lambda name, info: f"{name.upper()}:{type(info).__name__}",
            "model_title_generator": lambda cls: cls.__name__ + "!"}


def test_title_generators_as_pydantic():
    def define(lib):
        inner = model(lib, {"a": int}, name="Inner")
        titled = model(lib, {"a": int}, name="Titled", namespace={"model_config": {"title": "Own"}})

        def computed(self) -> int:
            return 1

        namespace = {"model_config": _title_config(lib), "z": lib.Field(title="Zed"),
                     "w": lib.Field(field_title_generator=lambda name, info: name * 2),
                     "c": lib.computed_field(property(computed))}
        return model(lib, {"x_y": int, "z": int, "w": int, "inner": inner, "titled": titled, "opt": Optional[inner]},
                     namespace=namespace)
    assert_same(define)
    mine, theirs = define(satya), define(pydantic)
    assert {n: f.title for n, f in mine.model_fields.items()} == {n: f.title for n, f in theirs.model_fields.items()}


def test_a_subclass_takes_its_parents_title_generator():
    def define(lib):
        parent = model(lib, {"a": int}, namespace={"model_config": _title_config(lib)}, name="Parent")
        return type(parent)("Child", (parent,), {"__annotations__": {"b": str}, "__module__": __name__})
    assert_same(define)


@pytest.mark.parametrize("override", ["validation", "serialization"])
def test_json_schema_mode_override(override):
    def define(lib):
        def computed(self) -> int:
            return 1

        inner = model(lib, {"d": decimal.Decimal}, namespace={"model_config": {"json_schema_mode_override": override}},
                      name="Inner")
        namespace = {"model_config": {"json_schema_mode_override": override}, "a": 1,
                     "c": lib.computed_field(property(computed))}
        return model(lib, {"a": int, "inner": inner, "d": decimal.Decimal}, namespace=namespace)
    assert_same(define)


def test_attribute_docstrings_describe_fields():
    def define(lib):
        class Documented(lib.BaseModel):
            model_config = lib.ConfigDict(use_attribute_docstrings=True)
            a: int
            """The a.

            More about a.
            """
            b: str = "x"
            "B, in one line"
            c: int = lib.Field(0, description="its own description wins")
            """ignored"""
            d: int = 1
            counter: typing.ClassVar[int] = 0
            """not a field"""
            e: int = 2

        class Child(Documented):
            f: int = 0
            """the child's own"""

        class Holder(lib.BaseModel):
            documented: Documented
            child: Child
            "no docstrings here: the config is off"

        return Holder
    assert_same(define)


def test_attribute_docstrings_are_off_by_default():
    class Plain(satya.BaseModel):
        a: int
        """not read"""

    assert "description" not in Plain.model_json_schema()["properties"]["a"]


def test_a_fields_own_title_generator():
    def define(lib):
        namespace = {"a": lib.Field(field_title_generator=lambda name, info: name.upper() + "!"),
                     "b": Annotated[int, lib.Field(field_title_generator=lambda name, info: "from Annotated")]}
        annotations = {"a": int, "b": namespace.pop("b"), "c": int}
        return model(lib, annotations, namespace=namespace)
    assert_same(define)
