"""Benchmark harness: satya against pydantic v2 and msgspec on the workloads of DESIGN.md.

    python -m satya.bench [--quick] [--rounds N] [--only W1,DEF] [--json PATH] [ID ...]

Every satya model is defined twice, once with the JIT backend and once with the
interpreter (satya.config.jit True and False, each checked with satya.inspect), so one
run compares satya-jit, satya-interp, pydantic and msgspec side by side. The DEF row
times defining a model class (schema build and JIT compile included), in us.

Everything runs in one process. Each round measures every operation once, rotating the
order of the columns from round to round; the table reports the median over rounds,
and each ratio is the median of the per-round ratios. Times are wall-clock
(time.perf_counter) ns per operation net of the timing loop's own overhead (an empty
loop is measured in every round), so a field read and a model build are measured alike.
Batch rows (W3, W6) report ns per item of a 50,000-record batch; W14 times whole
processes (the CLI against a msgspec script) in ms, over fewer rounds. Compare the
ratios, which come from one run on one machine, rather than the absolute times.

`python -m satya.bench W3 W6 W14` (or `--only W3,W6,W14`) runs only those workloads.

To add a workload, write a function that builds its `Row`s and decorate it with
`@workload("Wn", "title")`; the runner, table, targets and JSON output pick it up.
"""

import argparse
import datetime
import decimal
import enum
import contextlib
import functools
import gc
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import types
import uuid
from dataclasses import dataclass, field
from typing import Annotated, Callable, Literal, Optional, Union

import satya
import satya._batch
from satya import Field, Model, ValidationError

try:
    import pydantic
except ImportError:
    pydantic = None
try:
    import msgspec
except ImportError:
    msgspec = None

SATYA_BACKENDS = {"satya-jit": "jit", "satya-interp": "interpreter"}  # column -> satya.inspect()["backend"]
COLUMNS = (*SATYA_BACKENDS, "pydantic", "msgspec")
RATIOS = {  # name -> (numerator column, denominator column), both times
    "jit/interp": ("satya-interp", "satya-jit"),  # the JIT's speed-up: > 1 means the JIT is faster
    "pydantic/satya-jit": ("pydantic", "satya-jit"),
    "satya-jit/msgspec": ("satya-jit", "msgspec"),
}
RATIO_MEANINGS = {
    "jit/interp": "satya-interp time / satya-jit time; > 1 means the JIT is faster",
    "pydantic/satya-jit": "pydantic time / satya-jit time; > 1 means satya is faster",
    "satya-jit/msgspec": "satya-jit time / msgspec time; < 1 means satya is faster",
}
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"

W1_INPUT = {"id": 123, "name": "Alice Smith", "age": 34, "active": True}
W2_INPUT = {**W1_INPUT, "email": "alice@example.com", "score": 87.5}
W8_INPUT = {**W2_INPUT, "id": 0, "age": 200}  # two failing fields: id (gt 0) and age (le 150)

W7_INPUT = {
    "id": 1001,
    "customer": {"id": 7, "name": "Alice Smith", "email": "alice@example.com"},
    "items": [{"sku": f"SKU-{i:04d}", "quantity": i + 1, "price": 9.75 + i} for i in range(10)],
    "total": 1234.5,
}
# Two failing fields, one in each kind of submodel: customer.id (gt 0) and items[3].quantity (ge 1).
W7_INVALID = {
    **W7_INPUT,
    "customer": {**W7_INPUT["customer"], "id": 0},
    "items": [{**item, "quantity": 0} if i == 3 else item for i, item in enumerate(W7_INPUT["items"])],
}


def json_bytes(data) -> bytes:
    """`data` as compact JSON bytes, as it would arrive over the wire."""
    return json.dumps(data, separators=(",", ":")).encode()


# --------------------------------------------------------------------------- timing


CHUNKS = 3  # by default a measurement is the fastest of this many back-to-back loops


class Op:
    """One timed statement. `env` names become locals of a generated loop, so the
    statement runs inline, without a function call of its own around it (as timeit
    does). `unroll` repeats the statement inside the loop for operations so short
    that the loop's own overhead would drown them. `within` makes the context
    entered around each timed loop (e.g. the satya backend of classes it defines).
    `items_per_op` makes the reported time per item of a batch statement, and
    `chunks` how many back-to-back loops a measurement takes the fastest of."""

    def __init__(self, stmt: str, unroll: int = 1, within: Callable = contextlib.nullcontext,
                 items_per_op: int = 1, chunks: int | None = None, **env):
        self.stmt, self.unroll, self.within = stmt, unroll, within
        self.items_per_op = items_per_op
        self.chunks = chunks or CHUNKS
        self._args = tuple(env.values())
        self._loop = _compile_loop(stmt, tuple(env), unroll)

    def time(self, n: int) -> int:
        """Total ns for `n` loop iterations (n * unroll operations)."""
        with self.within():
            return self._loop(n, time.perf_counter_ns, *self._args)


def _compile_loop(stmt: str, names: tuple, unroll: int):
    body = textwrap.indent("\n".join([textwrap.dedent(stmt).strip()] * unroll), " " * 8)
    params = ", ".join(("_n", "_clock") + names)
    source = (
        f"def _loop({params}):\n"
        f"    _it = _repeat(None, _n)\n"
        f"    _t0 = _clock()\n"
        f"    for _ in _it:\n"
        f"{body}\n"
        f"    return _clock() - _t0\n"
    )
    namespace = {"_repeat": itertools.repeat}  # cheaper per iteration than range: no int objects
    exec(compile(source, f"<bench: {stmt.strip()[:40]}>", "exec"), namespace)
    return namespace["_loop"]


EMPTY_LOOP = Op("pass")


def calibrate(op: Op, target_ns: int) -> int:
    """The iteration count that makes one loop of `op` last about `target_ns`.
    The probing runs double as warm-up (CPython specialises the loop's bytecode)."""
    n = 1
    while (elapsed := op.time(n)) < target_ns // 10:
        n = min(n * 100, max(n * 2, n * target_ns // 10 // max(elapsed, 1)))
    return max(1, round(n * target_ns / max(elapsed, 1)))


# --------------------------------------------------------------------------- registry


@dataclass
class Target:
    """A goal on one row, e.g. pydantic/satya-jit >= 4."""

    ratio: str  # a name in RATIOS, or "<column>/<column>" over two columns of the row
    comparison: str  # ">=" or "<="
    threshold: float

    @property
    def columns(self) -> tuple:
        return RATIOS.get(self.ratio) or tuple(self.ratio.split("/"))

    def met(self, value: float) -> bool:
        return value >= self.threshold if self.comparison == ">=" else value <= self.threshold


# Applies to every validation row: the JIT must never lose to the interpreter. The
# 5% margin allows for measurement noise; it is not a tolerated slowdown.
JIT_NOT_SLOWER = Target("jit/interp", ">=", 0.95)


@dataclass
class Row:
    """One line of the table: the same operation in each library."""

    case: str
    ops: dict  # column -> Op; a column that is absent prints as n/a
    targets: list = field(default_factory=list)
    reference: str = ""  # a column of `ops` (e.g. "slots") shown as satya-jit/<reference>
    marks: dict = field(default_factory=dict)  # column -> footnote on that cell
    unit: str = "ns"  # how the table prints times: "ns", "us" or "ms" (JSON is always in ns)
    # name -> (numerator, denominator): more paired ratios over columns of `ops`, shown
    # beside the reference; `ops` may hold columns the table has no place for (e.g. "satya-jit-1t").
    extra_ratios: dict = field(default_factory=dict)
    jit_not_slower: bool = True  # whether JIT_NOT_SLOWER applies to this row


@dataclass
class Check:
    """A correctness check run once, outside timing."""

    what: str
    ok: bool
    detail: str = ""


@dataclass
class Workload:
    """What a builder returns; the registry fills in `id` and `title`."""

    rows: list
    checks: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    schemas: dict = field(default_factory=dict)  # satya column -> satya.inspect() of its model, without the IR
    max_rounds: int | None = None  # measured in the first rounds only: for operations that take 100s of ms
    id: str = ""
    title: str = ""


WORKLOADS: dict = {}  # id -> (title, builder)


def workload(workload_id: str, title: str):
    def register(build: Callable):
        WORKLOADS[workload_id] = (title, build)
        return build

    return register


def build_workloads(only=None) -> list:
    built = []
    for workload_id, (title, build) in WORKLOADS.items():
        if only and workload_id not in only:
            continue
        result = build()
        result.id, result.title = workload_id, title
        built.append(result)
    return built


# --------------------------------------------------------------------------- models


@contextlib.contextmanager
def satya_backend(column: str):
    """Satya classes defined inside use the backend of `column`; satya.config.jit is
    restored afterwards (a class keeps the backend it was built with)."""
    previous = satya.config.jit
    satya.config.jit = SATYA_BACKENDS[column] == "jit"
    try:
        yield
    finally:
        satya.config.jit = previous


def require_backend(cls, column: str) -> None:
    """Raises unless `cls` really validates with the backend its column is labelled with."""
    actual = satya.inspect(cls)["backend"]
    if actual != SATYA_BACKENDS[column]:
        raise RuntimeError(f"{cls.__name__} for the {column} column uses the {actual} backend, "
                           f"not {SATYA_BACKENDS[column]}")


def satya_models(define: Callable[[], type]) -> dict:
    """{satya column: the class `define()` returns when called under that column's backend}."""
    models = {}
    for column in SATYA_BACKENDS:
        with satya_backend(column):
            cls = define()
        require_backend(cls, column)
        models[column] = cls
    return models


def schema_summaries(models: dict) -> dict:
    """{satya column: satya.inspect() of its class, without the Cranelift IR}."""
    summaries = {}
    for column in SATYA_BACKENDS:
        if column in models:
            summaries[column] = {k: v for k, v in satya.inspect(models[column]).items() if k != "clif"}
    return summaries


def _w1_models() -> dict:
    def define_satya():
        class User(Model):
            id: int
            name: str
            age: int
            active: bool

        return User

    models = satya_models(define_satya)
    if pydantic:
        class PydanticUser(pydantic.BaseModel):
            id: int
            name: str
            age: int
            active: bool

        models["pydantic"] = PydanticUser
    if msgspec:
        class MsgspecUser(msgspec.Struct):
            id: int
            name: str
            age: int
            active: bool

        models["msgspec"] = MsgspecUser
    return models


def _w2_models(email_pattern: bool = True) -> dict:
    """The W2 model in each library; without `email_pattern`, email is a plain str (W5n)."""
    pattern = EMAIL_PATTERN if email_pattern else None

    def define_satya():
        class User(Model):
            id: int = Field(gt=0)
            name: str = Field(min_length=1, max_length=50)
            age: int = Field(ge=0, le=150)
            active: bool
            email: str = Field(pattern=pattern)
            score: float = Field(ge=0, le=100)

        return User

    models = satya_models(define_satya)
    if pydantic:
        class PydanticUser(pydantic.BaseModel):
            id: int = pydantic.Field(gt=0)
            name: str = pydantic.Field(min_length=1, max_length=50)
            age: int = pydantic.Field(ge=0, le=150)
            active: bool
            email: str = pydantic.Field(pattern=pattern)
            score: float = pydantic.Field(ge=0, le=100)

        models["pydantic"] = PydanticUser
    if msgspec:
        Meta = msgspec.Meta

        class MsgspecUser(msgspec.Struct):
            id: Annotated[int, Meta(gt=0)]
            name: Annotated[str, Meta(min_length=1, max_length=50)]
            age: Annotated[int, Meta(ge=0, le=150)]
            active: bool
            email: Annotated[str, Meta(pattern=pattern)]
            score: Annotated[float, Meta(ge=0, le=100)]

        models["msgspec"] = MsgspecUser
    return models


def _order_models() -> dict:
    """W7: an Order with a Customer submodel and a list of constrained Item submodels."""

    def define_satya():
        class Customer(Model):
            id: int = Field(gt=0)
            name: str = Field(min_length=1, max_length=50)
            email: str = Field(pattern=EMAIL_PATTERN)

        class Item(Model):
            sku: str = Field(min_length=1, max_length=20)
            quantity: int = Field(ge=1, le=1000)
            price: float = Field(gt=0, le=100_000)

        class Order(Model):
            id: int = Field(gt=0)
            customer: Customer
            items: list[Item] = Field(min_length=1, max_length=100)
            total: float = Field(ge=0)

        for submodel in (Customer, Item):  # the submodels validate with the Order's backend too
            if satya.inspect(submodel)["backend"] != satya.inspect(Order)["backend"]:
                raise RuntimeError(f"W7 {submodel.__name__} does not use the Order's backend")
        return Order

    models = satya_models(define_satya)
    if pydantic:
        class PydanticCustomer(pydantic.BaseModel):
            id: int = pydantic.Field(gt=0)
            name: str = pydantic.Field(min_length=1, max_length=50)
            email: str = pydantic.Field(pattern=EMAIL_PATTERN)

        class PydanticItem(pydantic.BaseModel):
            sku: str = pydantic.Field(min_length=1, max_length=20)
            quantity: int = pydantic.Field(ge=1, le=1000)
            price: float = pydantic.Field(gt=0, le=100_000)

        class PydanticOrder(pydantic.BaseModel):
            id: int = pydantic.Field(gt=0)
            customer: PydanticCustomer
            items: list[PydanticItem] = pydantic.Field(min_length=1, max_length=100)
            total: float = pydantic.Field(ge=0)

        models["pydantic"] = PydanticOrder
    if msgspec:
        Meta = msgspec.Meta

        class MsgspecCustomer(msgspec.Struct):
            id: Annotated[int, Meta(gt=0)]
            name: Annotated[str, Meta(min_length=1, max_length=50)]
            email: Annotated[str, Meta(pattern=EMAIL_PATTERN)]

        class MsgspecItem(msgspec.Struct):
            sku: Annotated[str, Meta(min_length=1, max_length=20)]
            quantity: Annotated[int, Meta(ge=1, le=1000)]
            price: Annotated[float, Meta(gt=0, le=100_000)]

        class MsgspecOrder(msgspec.Struct):
            id: Annotated[int, Meta(gt=0)]
            customer: MsgspecCustomer
            items: Annotated[list[MsgspecItem], Meta(min_length=1, max_length=100)]
            total: Annotated[float, Meta(ge=0)]

        models["msgspec"] = MsgspecOrder
    return models


# The kinds of numeric field W10 cycles through: (type, constraints, a valid value).
NUMERIC_FIELD_KINDS = (
    ("int", {"ge": 0, "le": 1000}, 500),
    ("int", {"gt": 0, "lt": 1000}, 999),
    ("int", {"ge": 0, "le": 10_000, "multiple_of": 5}, 1235),
    ("int", {"gt": -100, "lt": 100, "multiple_of": 3}, -42),
    ("float", {"ge": 0.0, "le": 1.0}, 0.25),
    ("float", {"gt": 0.0, "lt": 100.0}, 12.5),
    ("float", {"ge": -1000.0, "lt": 1000.0}, -3.75),
    ("float", {"gt": -1.0, "le": 1.0}, 1.0),
)


def numeric_fields(count: int) -> list:
    """[(name, type name, constraints, valid value)], the kinds of NUMERIC_FIELD_KINDS in turn."""
    fields = []
    for i in range(count):
        type_name, constraints, value = NUMERIC_FIELD_KINDS[i % len(NUMERIC_FIELD_KINDS)]
        # Interned, like the keys of the dict literals the other workloads validate: a
        # built string is a different object from the field name and costs every library
        # a full string comparison per key.
        fields.append((sys.intern(f"{type_name}{i:02d}"), type_name, constraints, value))
    return fields


W10_FIELDS = numeric_fields(40)
W10_INPUT = {name: value for name, _, _, value in W10_FIELDS}
W10_INVALID = {**W10_INPUT, "int00": 1001, "int02": 1234, "float05": 0.0}  # le, multiple_of, gt
DEF_FIELDS = W10_FIELDS[:10]
DEF_INPUT = {name: value for name, _, _, value in DEF_FIELDS}

W11_INPUT = {"xs": [i / 999 for i in range(1000)]}
W11_INVALID = {"xs": [1.5 if i == 10 else -0.1 if i == 500 else x  # items 10 (le 1) and 500 (ge 0) fail
                       for i, x in enumerate(W11_INPUT["xs"])]}


def _class_source(class_name: str, base: str, fields: list, constraint: str, annotated: bool) -> str:
    """A class statement declaring `fields`, with `constraint(...)` as each field's default
    (`x: int = Field(ge=0)`, the pydantic style) or inside Annotated (msgspec's only form)."""
    lines = [f"class {class_name}({base}):"]
    for name, type_name, constraints, _ in fields:
        call = f"{constraint}({', '.join(f'{k}={v!r}' for k, v in constraints.items())})"
        lines.append(f"    {name}: Annotated[{type_name}, {call}]" if annotated
                     else f"    {name}: {type_name} = {call}")
    return "\n".join(lines) + "\n"


@dataclass
class ClassStatement:
    """A compiled class statement and the names it needs; each `define()` runs it afresh
    at module level, as an import would, and returns the new class."""

    class_name: str
    code: types.CodeType
    names: dict

    def namespace(self) -> dict:
        return {"__name__": __name__, **self.names}

    def define(self) -> type:
        namespace = self.namespace()
        exec(self.code, namespace)
        return namespace[self.class_name]


def class_statements(class_name: str, fields: list) -> dict:
    """{library: ClassStatement} declaring the same constrained `fields` in each library."""
    forms = {"satya": ("Model", "Field", False, {"Model": Model, "Field": Field})}
    if pydantic:
        forms["pydantic"] = ("BaseModel", "Field", False, {"BaseModel": pydantic.BaseModel, "Field": pydantic.Field})
    if msgspec:
        forms["msgspec"] = ("Struct", "Meta", True,
                            {"Struct": msgspec.Struct, "Meta": msgspec.Meta, "Annotated": Annotated})
    statements = {}
    for lib, (base, constraint, annotated, names) in forms.items():
        source = _class_source(class_name, base, fields, constraint, annotated)
        statements[lib] = ClassStatement(class_name, compile(source, f"<{lib} {class_name}>", "exec"), names)
    return statements


def _numeric_models(class_name: str, fields: list) -> dict:
    statements = class_statements(class_name, fields)
    models = satya_models(statements.pop("satya").define)
    models.update({lib: statement.define() for lib, statement in statements.items()})
    return models


def _w11_models() -> dict:
    def define_satya():
        class Samples(Model):
            xs: list[Annotated[float, Field(ge=0, le=1)]]

        return Samples

    models = satya_models(define_satya)
    if pydantic:
        class PydanticSamples(pydantic.BaseModel):
            xs: list[Annotated[float, pydantic.Field(ge=0, le=1)]]

        models["pydantic"] = PydanticSamples
    if msgspec:
        class MsgspecSamples(msgspec.Struct):
            xs: list[Annotated[float, msgspec.Meta(ge=0, le=1)]]

        models["msgspec"] = MsgspecSamples
    return models


class SlotsUser:
    """The floor for a field read: a plain class with __slots__."""

    __slots__ = ("id", "name", "age", "active")

    def __init__(self, id, name, age, active):
        self.id, self.name, self.age, self.active = id, name, age, active


MSGSPEC_STAND_IN = ("msgspec's Struct(**d) does not validate: the cell is msgspec.convert(d, Struct), "
                    "measured once and shown in both rows")
MSGSPEC_CONVERT = "msgspec has no validating constructor: the cell is msgspec.convert(d, Struct)"
MSGSPEC_BATCH_CONVERT = "msgspec has no validating constructor: the cell is msgspec.convert(records, list[Struct])"
PYDANTIC_NDJSON_LOOP = ("pydantic has no NDJSON reader: the cell is "
                        "[Model.model_validate_json(line) for line in b.splitlines()]")
MSGSPEC_DECODE_LINES = "the cell is msgspec.json.Decoder(Struct).decode_lines(b)"
MSGSPEC_LAZY = ("msgspec builds a Struct's validator on first use, not when the class is defined: "
                "the cell is the class statement alone, so it is a floor rather than a like-for-like time")


# --------------------------------------------------------------------------- helpers for builders


_MISSING = object()


def _field_mismatches(obj, expected: dict, path: str = "") -> list:
    """The fields of `obj` that do not hold the input value with the input's type. A dict
    in the input is a submodel (compared field by field), a list is compared item by item."""
    wrong = []
    for key, value in expected.items():
        actual = getattr(obj, key, _MISSING)
        where = f"{path}{key}"
        if actual is _MISSING:
            wrong.append(f"{where} missing")
        elif isinstance(value, dict):
            if isinstance(actual, dict):  # a submodel must not stay a dict
                wrong.append(f"{where}={actual!r}")
            else:
                wrong += _field_mismatches(actual, value, f"{where}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            if type(actual) is not list or len(actual) != len(value):
                wrong.append(f"{where}={actual!r}")
            else:
                for i, (item, item_value) in enumerate(zip(actual, value)):
                    wrong += _field_mismatches(item, item_value, f"{where}[{i}].")
        elif actual != value or type(actual) is not type(value):
            wrong.append(f"{where}={actual!r}")
    return wrong


def _check_fields(what: str, obj, expected: dict) -> Check:
    """Every field holds the input value, with the input's type (no silent coercion);
    submodels and lists of submodels are checked field by field."""
    return Check(what, not (wrong := _field_mismatches(obj, expected)), ", ".join(wrong))


def _build_rows(models: dict, data: dict, workload_id: str) -> tuple:
    """The Model(**d) and model_validate(d) ops for a valid input, plus their checks."""
    construct, validate, checks = {}, {}, []
    for column in (*SATYA_BACKENDS, "pydantic"):
        if column in models:
            cls = models[column]
            construct[column] = Op("Model(**d)", Model=cls, d=data)
            validate[column] = Op("Model.model_validate(d)", Model=cls, d=data)
            checks.append(_check_fields(f"{workload_id} {column} Model(**d)", cls(**data), data))
            checks.append(_check_fields(f"{workload_id} {column} model_validate(d)", cls.model_validate(data), data))
    marks = {}
    if "msgspec" in models:
        # One Op in both rows: the runner measures it once per round.
        convert = Op("convert(d, Model)", convert=msgspec.convert, Model=models["msgspec"], d=data)
        construct["msgspec"] = validate["msgspec"] = convert
        marks["msgspec"] = MSGSPEC_STAND_IN
        checks.append(_check_fields(f"{workload_id} msgspec convert(d, Struct)",
                                    msgspec.convert(data, models["msgspec"]), data))
    return construct, validate, marks, checks


def _json_row(models: dict, data: dict, workload_id: str) -> tuple:
    """The ops decoding `data` as JSON bytes into each library's model, plus their checks:
    satya and pydantic `Model.model_validate_json(b)`, msgspec `msgspec.json.decode(b, type=Struct)`."""
    payload = json_bytes(data)
    ops, checks = {}, []
    for column in (*SATYA_BACKENDS, "pydantic"):
        if column in models:
            cls = models[column]
            ops[column] = Op("Model.model_validate_json(b)", Model=cls, b=payload)
            checks.append(_check_fields(f"{workload_id} {column} model_validate_json(b)",
                                        cls.model_validate_json(payload), data))
    for column in SATYA_BACKENDS:  # the JSON path builds what the dict path builds
        if column in models:
            cls = models[column]
            from_json, from_dict = cls.model_validate_json(payload), cls.model_validate(data)
            checks.append(Check(f"{workload_id} {column} model_validate_json(b) == model_validate(d)",
                                from_json == from_dict, f"{from_json!r} vs {from_dict!r}"))
    if "msgspec" in models:
        ops["msgspec"] = Op("decode(b, type=Model)", decode=msgspec.json.decode, Model=models["msgspec"], b=payload)
        checks.append(_check_fields(f"{workload_id} msgspec json.decode(b, type=Struct)",
                                    msgspec.json.decode(payload, type=models["msgspec"]), data))
    return ops, checks


def _error_types() -> dict:
    types = {column: ValidationError for column in SATYA_BACKENDS}
    if pydantic:
        types["pydantic"] = pydantic.ValidationError
    if msgspec:
        types["msgspec"] = msgspec.ValidationError
    return types


def _capture_errors(call: Callable, error_type) -> list:
    """The (type, loc) pairs a failing call reports; [] if it did not raise."""
    try:
        call()
    except error_type as exc:
        if hasattr(exc, "errors"):
            return [(e["type"], tuple(e["loc"])) for e in exc.errors()]
        return [("", ())]  # msgspec: one message, no structured list
    return []


def _rejection_checks(workload_id: str, models: dict, invalid: dict, expected_errors: int,
                      from_json: bool = False) -> list:
    """Both satya backends reject `invalid` via model_validate (or, `from_json`, via
    model_validate_json of its JSON bytes) with pydantic's (type, loc) errors."""
    error_types = _error_types()
    if from_json:
        payload = json_bytes(invalid)
        call, how = (lambda cls: cls.model_validate_json(payload)), "JSON "
    else:
        call, how = (lambda cls: cls.model_validate(invalid)), ""
    reported = {column: _capture_errors(functools.partial(call, models[column]), error_types[column])
                for column in (*SATYA_BACKENDS, "pydantic") if column in models}
    checks = []
    for column in SATYA_BACKENDS:
        errors = reported[column]
        checks.append(Check(f"{workload_id} {column} rejects an invalid {how}input with {expected_errors} errors",
                            len(errors) == expected_errors, repr(errors)))
        if "pydantic" in reported:
            checks.append(Check(f"{workload_id} {column} {how}errors match pydantic's (type, loc)",
                                sorted(errors) == sorted(reported["pydantic"]),
                                f"{column} {errors} vs pydantic {reported['pydantic']}"))
    return checks


# --------------------------------------------------------------------------- workloads


@workload("W1", "4-field model from a dict")
def w1() -> Workload:
    models = _w1_models()
    construct, validate, marks, checks = _build_rows(models, W1_INPUT, "W1")
    return Workload(
        rows=[
            Row("Model(**d)", construct, [Target("pydantic/satya-jit", ">=", 4.0)], marks=marks),
            Row("model_validate(d)", validate, [Target("satya-jit/msgspec", "<=", 1.3)]),
        ],
        checks=checks,
        schemas=schema_summaries(models),
    )


@workload("W2", "constrained model (gt, lengths, ge/le, pattern, float range)")
def w2() -> Workload:
    models = _w2_models()
    construct, validate, marks, checks = _build_rows(models, W2_INPUT, "W2")
    return Workload(
        rows=[Row("Model(**d)", construct, marks=marks), Row("model_validate(d)", validate)],
        checks=checks,
        schemas=schema_summaries(models),
    )


BATCH_SIZE = 50_000  # records in a W3 / W6 batch
BATCH_INVALID_AT = (3, 40_000)  # records made invalid for the batch rejection checks
BATCH_THREADS = (1, 2)  # W6 thread counts


def w2_records(count: int) -> list:
    """`count` valid W2 dicts whose values differ from record to record."""
    return [{"id": i + 1, "name": f"User {i}", "age": i % 151, "active": i % 2 == 0,
             "email": f"user{i}@example.com", "score": (i % 1001) / 10} for i in range(count)]


def invalid_batch(records: list) -> list:
    """`records` with BATCH_INVALID_AT made invalid, two failing fields each (as W8)."""
    records = list(records)
    for i in BATCH_INVALID_AT:
        records[i] = {**records[i], "id": 0, "age": 200}
    return records


def ndjson_bytes(records: list) -> bytes:
    return b"".join(json_bytes(record) + b"\n" for record in records)


def _satya_batch_missing() -> list:
    """The native batch functions this build lacks (the batch rows need them)."""
    native = getattr(satya, "_satya", None)
    return [name for name in ("validate_many", "validate_json_many") if not hasattr(native, name)]


def _batch_mismatches(what: str, got: list, records: list) -> list:
    """Checks that `got` holds one instance per record, field for field (first, middle and last
    in detail, all of them by count)."""
    checks = [Check(f"{what}: one instance per record", len(got) == len(records), f"{len(got)} instances")]
    if len(got) == len(records):
        for i in (0, len(records) // 2, len(records) - 1):
            checks.append(_check_fields(f"{what} [{i}]", got[i], records[i]))
    return checks


def _batch_error_checks(workload_id: str, reported: dict) -> list:
    """Each satya column's (type, loc) errors for an invalid batch are pydantic's: two per bad
    record, each loc starting with the record's index."""
    expected = 2 * len(BATCH_INVALID_AT)
    checks = []
    for column in SATYA_BACKENDS:
        if column not in reported:
            continue
        for how, errors in reported[column].items():
            indices = sorted({loc[0] for _, loc in errors if loc})
            checks.append(Check(f"{workload_id} {column} {how} rejects an invalid batch with {expected} errors "
                                f"at records {list(BATCH_INVALID_AT)}",
                                len(errors) == expected and indices == list(BATCH_INVALID_AT), repr(errors)))
            if "pydantic" in reported:
                theirs = reported["pydantic"][how]
                checks.append(Check(f"{workload_id} {column} {how} batch errors match pydantic's (type, loc)",
                                    sorted(errors) == sorted(theirs), f"{column} {errors} vs pydantic {theirs}"))
    return checks


@workload("W3", f"a batch of {BATCH_SIZE:,} W2 dicts into models, ns per item")
def w3() -> Workload:
    models = _w2_models()
    records = w2_records(BATCH_SIZE)
    bad = invalid_batch(records)
    ops, checks, notes, reported = {}, [], [], {}
    missing = _satya_batch_missing()
    if missing:
        checks.append(Check("W3 satya batch functions present", False, f"satya._satya lacks {', '.join(missing)}"))
        notes.append("W3: the satya columns are left out: this build has no native batch functions")
    for column in SATYA_BACKENDS:
        if missing:
            break
        cls = models[column]
        ops[column] = Op("Model.model_validate_many(records)", items_per_op=BATCH_SIZE, Model=cls, records=records)
        got = cls.model_validate_many(records)
        checks += _batch_mismatches(f"W3 {column} model_validate_many", got, records)
        checks.append(Check(f"W3 {column} model_validate_many == model_validate per record",
                            got == [cls.model_validate(r) for r in records]))
        collected = cls.model_validate_many(bad, errors="collect")
        checks.append(Check(f"W3 {column} errors='collect' keeps the valid records and indexes the bad ones",
                            len(collected) == len(bad) and len(collected.valid) == len(bad) - len(BATCH_INVALID_AT)
                            and [i for i, _ in collected.errors] == list(BATCH_INVALID_AT), repr(collected)))
        reported[column] = {"model_validate_many": _capture_errors(lambda: cls.model_validate_many(bad),
                                                                   ValidationError)}
    if "pydantic" in models:
        adapter = pydantic.TypeAdapter(list[models["pydantic"]])
        ops["pydantic"] = Op("validate_python(records)", items_per_op=BATCH_SIZE,
                             validate_python=adapter.validate_python, records=records)
        checks += _batch_mismatches("W3 pydantic TypeAdapter(list[Model]).validate_python",
                                    adapter.validate_python(records), records)
        reported["pydantic"] = {"model_validate_many": _capture_errors(lambda: adapter.validate_python(bad),
                                                                       pydantic.ValidationError)}
    marks = {}
    if "msgspec" in models:
        many = list[models["msgspec"]]
        ops["msgspec"] = Op("convert(records, Many)", items_per_op=BATCH_SIZE,
                            convert=msgspec.convert, Many=many, records=records)
        checks += _batch_mismatches("W3 msgspec convert(records, list[Struct])", msgspec.convert(records, many),
                                    records)
        marks["msgspec"] = MSGSPEC_BATCH_CONVERT
    checks += _batch_error_checks("W3", reported)
    return Workload(
        rows=[Row("model_validate_many(list), per item", ops, [Target("satya-jit/msgspec", "<=", 0.5)], marks=marks)],
        checks=checks,
        notes=notes,
        schemas=schema_summaries(models),
    )


@workload("W4", "field read u.name, net of an empty loop")
def w4() -> Workload:
    unroll = 32  # a read is a few ns; repeat it so the loop overhead is a small part
    models = _w1_models()
    objects = {column: cls(**W1_INPUT) for column, cls in models.items()}
    objects["slots"] = SlotsUser(**W1_INPUT)
    ops = {column: Op("u.name", unroll=unroll, u=obj) for column, obj in objects.items()}
    checks = [Check(f"W4 {column} u.name", obj.name == W1_INPUT["name"], repr(obj.name))
              for column, obj in objects.items()]
    return Workload(
        rows=[Row("u.name", ops, [Target("satya-jit/slots", "<=", 1.3)], reference="slots")],
        checks=checks,
        schemas=schema_summaries(models),
    )


@workload("W5", "one W2 object as JSON bytes into a model (email pattern included)")
def w5() -> Workload:
    models = _w2_models()
    ops, checks = _json_row(models, W2_INPUT, "W5")
    checks += _rejection_checks("W5", models, W8_INPUT, expected_errors=2, from_json=True)
    targets = [Target("pydantic/satya-jit", ">=", 4.0), Target("satya-jit/msgspec", "<=", 0.5)]
    return Workload(
        rows=[Row("model_validate_json(b)", ops, targets)],
        checks=checks,
        schemas=schema_summaries(models),
    )


@workload("W5n", "W5 without the email pattern (email: plain str)")
def w5n() -> Workload:
    models = _w2_models(email_pattern=False)
    ops, checks = _json_row(models, W2_INPUT, "W5n")
    checks += _rejection_checks("W5n", models, W8_INPUT, expected_errors=2, from_json=True)
    # Without a pattern, any str is an email: W5n must not measure a pattern check by mistake.
    no_email = json_bytes({**W2_INPUT, "email": "not an email"})
    for column, cls in models.items():
        decode = (functools.partial(msgspec.json.decode, type=cls) if column == "msgspec"
                  else cls.model_validate_json)
        errors = _capture_errors(lambda: decode(no_email), _error_types()[column])
        checks.append(Check(f"W5n {column} has no email pattern", not errors, repr(errors)))
    return Workload(
        rows=[Row("model_validate_json(b)", ops, [Target("satya-jit/msgspec", "<=", 1.0)])],
        checks=checks,
        schemas=schema_summaries(models),
    )


@workload("W6", f"a JSON array of {BATCH_SIZE:,} W2 objects, and the same as NDJSON, into models; "
                f"ns per item, wall-clock; satya at threads={' and '.join(map(str, BATCH_THREADS))}")
def w6() -> Workload:
    models = _w2_models()
    records = w2_records(BATCH_SIZE)
    bad = invalid_batch(records)
    payloads = {"array": json_bytes(records), "ndjson": ndjson_bytes(records)}
    bad_payloads = {"array": json_bytes(bad), "ndjson": ndjson_bytes(bad)}
    one, two = BATCH_THREADS
    checks, reported = [], {}
    notes = [f"W6 times are wall-clock (time.perf_counter, as for every row), so the threads=2 rows show "
             f"elapsed time, not CPU time summed over threads; {os.cpu_count()} cores here"]
    missing = _satya_batch_missing()
    if missing:
        checks.append(Check("W6 satya batch functions present", False, f"satya._satya lacks {', '.join(missing)}"))
        notes.append("W6: the satya columns are left out: this build has no native batch functions")
    # satya[(format, threads)][column] -> Op
    satya_ops = {(fmt, threads): {} for fmt in payloads for threads in BATCH_THREADS}
    for column in SATYA_BACKENDS:
        if missing:
            break
        cls = models[column]
        expected = cls.model_validate_many(records)
        reported[column] = {}
        for fmt, payload in payloads.items():
            for threads in BATCH_THREADS:
                satya_ops[fmt, threads][column] = Op(
                    f"Model.model_validate_json_many(b, format={fmt!r}, threads=threads)",
                    items_per_op=BATCH_SIZE, Model=cls, b=payload, threads=threads)
                what = f"W6 {column} model_validate_json_many({fmt}, threads={threads})"
                got = cls.model_validate_json_many(payload, format=fmt, threads=threads)
                checks += _batch_mismatches(what, got, records)
                checks.append(Check(f"{what} == model_validate_many(records)", got == expected))
                collected = cls.model_validate_json_many(bad_payloads[fmt], format=fmt, threads=threads,
                                                         errors="collect")
                checks.append(Check(f"{what} errors='collect' keeps the valid records and indexes the bad ones",
                                    len(collected) == len(bad)
                                    and len(collected.valid) == len(bad) - len(BATCH_INVALID_AT)
                                    and [i for i, _ in collected.errors] == list(BATCH_INVALID_AT), repr(collected)))
            reported[column][fmt] = _capture_errors(
                functools.partial(cls.model_validate_json_many, bad_payloads[fmt], format=fmt, threads=two),
                ValidationError)
    others = {"array": {}, "ndjson": {}}
    marks = {"array": {}, "ndjson": {}}
    if "pydantic" in models:
        cls = models["pydantic"]
        adapter = pydantic.TypeAdapter(list[cls])
        others["array"]["pydantic"] = Op("validate_json(b)", items_per_op=BATCH_SIZE,
                                         validate_json=adapter.validate_json, b=payloads["array"])
        others["ndjson"]["pydantic"] = Op("[validate_json(line) for line in b.splitlines()]", items_per_op=BATCH_SIZE,
                                          validate_json=cls.model_validate_json, b=payloads["ndjson"])
        marks["ndjson"]["pydantic"] = PYDANTIC_NDJSON_LOOP
        checks += _batch_mismatches("W6 pydantic TypeAdapter(list[Model]).validate_json",
                                    adapter.validate_json(payloads["array"]), records)
        checks += _batch_mismatches("W6 pydantic model_validate_json per NDJSON line",
                                    [cls.model_validate_json(line) for line in payloads["ndjson"].splitlines()],
                                    records)
        # pydantic reads NDJSON one line at a time, so its errors are those of the array.
        reported["pydantic"] = dict.fromkeys(payloads, _capture_errors(
            lambda: adapter.validate_json(bad_payloads["array"]), pydantic.ValidationError))
    if "msgspec" in models:
        struct = models["msgspec"]
        decode_array = msgspec.json.Decoder(list[struct]).decode
        decode_lines = msgspec.json.Decoder(struct).decode_lines
        others["array"]["msgspec"] = Op("decode(b)", items_per_op=BATCH_SIZE, decode=decode_array, b=payloads["array"])
        others["ndjson"]["msgspec"] = Op("decode_lines(b)", items_per_op=BATCH_SIZE, decode_lines=decode_lines,
                                         b=payloads["ndjson"])
        marks["ndjson"]["msgspec"] = MSGSPEC_DECODE_LINES
        checks += _batch_mismatches("W6 msgspec Decoder(list[Struct]).decode", decode_array(payloads["array"]), records)
        checks += _batch_mismatches("W6 msgspec Decoder(Struct).decode_lines", decode_lines(payloads["ndjson"]),
                                    records)
    checks += _batch_error_checks("W6", reported)

    rows = []
    for fmt in payloads:
        for threads in BATCH_THREADS:
            ops = {**satya_ops[fmt, threads], **others[fmt]}
            targets, extra = [], {}
            if threads == two:
                # Against the fastest msgspec path (the array) for both formats, and against one thread.
                for column in SATYA_BACKENDS:
                    if column in satya_ops[fmt, one]:
                        ops[f"{column}-1t"] = satya_ops[fmt, one][column]
                extra = {f"{column} 1t/{two}t": (f"{column}-1t", column)
                         for column in SATYA_BACKENDS if f"{column}-1t" in ops}
                if "msgspec" in others["array"]:
                    ops["msgspec-array"] = others["array"]["msgspec"]
                    extra["satya-jit/msgspec-array"] = ("satya-jit", "msgspec-array")
                targets = [Target("satya-jit/msgspec-array", "<=", 0.4), Target("satya-jit-1t/satya-jit", ">=", 1.5)]
            rows.append(Row(f"{fmt}, threads={threads}, per item", ops, targets, marks=marks[fmt], extra_ratios=extra))
    return Workload(rows=rows, checks=checks, notes=notes, schemas=schema_summaries(models))


@workload("W7", "nested Order: Customer submodel + 10 constrained Item submodels, from a dict and from JSON")
def w7() -> Workload:
    models = _order_models()
    _, validate, _, checks = _build_rows(models, W7_INPUT, "W7")
    from_json, json_checks = _json_row(models, W7_INPUT, "W7")
    checks += json_checks
    checks += _rejection_checks("W7", models, W7_INVALID, expected_errors=2)
    checks += _rejection_checks("W7", models, W7_INVALID, expected_errors=2, from_json=True)
    return Workload(
        rows=[
            Row("model_validate(d)", validate, marks={"msgspec": MSGSPEC_CONVERT} if "msgspec" in validate else {}),
            Row("model_validate_json(b)", from_json, [Target("satya-jit/msgspec", "<=", 1.0)]),
        ],
        checks=checks,
        schemas=schema_summaries(models),
    )


@workload("W8", "invalid W2 input (id=0, age=200): raise and catch")
def w8() -> Workload:
    models = _w2_models()
    error_types = _error_types()
    raise_template = "try:\n    {call}\nexcept Error:\n    pass"
    construct, validate = {}, {}
    reported, checks = {}, []
    for column in (*SATYA_BACKENDS, "pydantic"):
        if column in models:
            cls, error = models[column], error_types[column]
            construct[column] = Op(raise_template.format(call="Model(**d)"), Model=cls, d=W8_INPUT, Error=error)
            validate[column] = Op(raise_template.format(call="Model.model_validate(d)"),
                                  Model=cls, d=W8_INPUT, Error=error)
            from_kwargs = _capture_errors(lambda: cls(**W8_INPUT), error)
            reported[column] = _capture_errors(lambda: cls.model_validate(W8_INPUT), error)
            checks.append(Check(f"W8 {column} Model(**d) reports 2 errors", len(from_kwargs) == 2, repr(from_kwargs)))
            checks.append(Check(f"W8 {column} model_validate(d) reports 2 errors",
                                len(reported[column]) == 2, repr(reported[column])))
    marks = {}
    if "msgspec" in models:
        cls = models["msgspec"]
        construct["msgspec"] = validate["msgspec"] = Op(
            raise_template.format(call="convert(d, Model)"),
            convert=msgspec.convert, Model=cls, d=W8_INPUT, Error=msgspec.ValidationError)
        marks["msgspec"] = MSGSPEC_STAND_IN
        reported["msgspec"] = _capture_errors(lambda: msgspec.convert(W8_INPUT, cls), msgspec.ValidationError)

    if "pydantic" in reported:
        for column in SATYA_BACKENDS:
            checks.append(Check(f"W8 {column} errors match pydantic's (type, loc)",
                                sorted(reported[column]) == sorted(reported["pydantic"]),
                                f"{column} {reported[column]} vs pydantic {reported['pydantic']}"))
    notes = ["W8 errors reported: " + ", ".join(f"{column} {len(errs)}" for column, errs in reported.items())]
    if "msgspec" in reported:
        notes[0] += " (msgspec stops at the first error, so it does less work)"
    if any(len(errs) == 0 for errs in reported.values()):
        notes.append("W8: some library accepted the invalid input; its times are not comparable")
    target = [Target("pydantic/satya-jit", ">=", 2.0)]
    return Workload(
        rows=[Row("Model(**d)", construct, target, marks=marks), Row("model_validate(d)", validate, target)],
        checks=checks,
        notes=notes,
        schemas=schema_summaries(models),
    )


MSGSPEC_TO_BUILTINS = "the cell is msgspec.to_builtins(struct)"
MSGSPEC_ENCODE = "the cell is msgspec.json.encode(struct), which returns bytes (satya and pydantic return str)"
W9_MSGSPEC_TARGETS = {False: 1.0, True: 1.5}  # to_json -> satya-jit/msgspec at most
W9_PYDANTIC_TARGET = Target("pydantic/satya-jit", ">=", 2.5)  # every W9 row
W2_INCLUDE = {"id", "name"}
ORDER_INCLUDE = {"customer": {"name"}, "items": {"__all__": {"quantity"}}}
ORDER_INCLUDED = {  # W7_INPUT cut down to ORDER_INCLUDE: what model_dump(include=ORDER_INCLUDE) returns
    "customer": {"name": W7_INPUT["customer"]["name"]},
    "items": [{"quantity": item["quantity"]} for item in W7_INPUT["items"]],
}


def _typed(value):
    """`value` with each key order and leaf type made part of it, so that 1 and 1.0 (or
    True and 1), a tuple and a list, or the same keys in another order compare unequal."""
    if isinstance(value, dict):
        return ["dict", [(key, _typed(item)) for key, item in value.items()]]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [_typed(item) for item in value]]
    return [type(value).__name__, value]


def _literal(value) -> str:
    """repr(value), with the items of a set sorted so that a row's name is the same in every run."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(_literal, value))) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {_literal(item)}" for key, item in value.items()) + "}"
    return repr(value)


def _dump_instances(models: dict, data: dict) -> dict:
    """{column: the instance of that column's model built from `data`} (a Struct for msgspec)."""
    instances = {column: models[column](**data) for column in (*SATYA_BACKENDS, "pydantic") if column in models}
    if "msgspec" in models:
        instances["msgspec"] = msgspec.convert(data, models["msgspec"])
    return instances


def _dump_row(case: str, instances: dict, expected: dict, checks: list, notes: list,
              to_json: bool = False, **options) -> "Row | None":
    """A W9 row: satya and pydantic `m.model_dump(**options)` (`m.model_dump_json(...)` with
    `to_json`), and without options msgspec `to_builtins(struct)` (`json.encode(struct)`).
    Appends the checks: pydantic's output is `expected`; every other column's equals pydantic's
    (as data, after json.loads for JSON: values, types, key order), and satya's JSON text is
    pydantic's exactly. A satya column whose build rejects an option is left out with a note;
    so is one whose output differs from pydantic's on an option row (the option is not honoured,
    so its time would not be of the operation named). Returns None when no satya column is left."""
    method = "model_dump_json" if to_json else "model_dump"
    shown = f"{method}({', '.join(f'{k}={_literal(v)}' for k, v in options.items())})"
    stmt = f"m.{method}({', '.join(f'{k}={k}' for k in options)})"
    outputs, ops, marks, skipped = {}, {}, {}, {}
    for column in (*SATYA_BACKENDS, "pydantic"):
        if column in instances:
            try:
                outputs[column] = getattr(instances[column], method)(**options)
            except TypeError as exc:  # a keyword this satya build does not have yet
                skipped[column] = f"this build rejects it ({exc})"
                continue
            ops[column] = Op(stmt, m=instances[column], **options)
    if "msgspec" in instances and not options:
        struct = instances["msgspec"]
        convert, marks["msgspec"] = ((msgspec.json.encode, MSGSPEC_ENCODE) if to_json
                                     else (msgspec.to_builtins, MSGSPEC_TO_BUILTINS))
        outputs["msgspec"] = convert(struct)
        ops["msgspec"] = Op("convert(s)", convert=convert, s=struct)

    def as_data(output):
        return json.loads(output) if to_json else output

    reference = "pydantic" if "pydantic" in outputs else None
    if reference:
        got = as_data(outputs[reference])
        checks.append(Check(f"{case} {shown}: pydantic's {'JSON ' * to_json}output is the input's data",
                            _typed(got) == _typed(expected), f"{got!r} vs {expected!r}"))
    want = as_data(outputs[reference]) if reference else expected
    for column, output in outputs.items():
        if column == reference:
            continue
        got = as_data(output)
        same = _typed(got) == _typed(want)
        checks.append(Check(f"{case} {shown}: {column}'s {'JSON ' * to_json}output == "
                            f"{'pydantic' if reference else 'the input'}'s data (values, types, key order)",
                            same, f"{got!r} vs {want!r}"))
        if to_json and column in SATYA_BACKENDS:
            kind = type(output).__name__
            checks.append(Check(f"{case} {shown}: {column} returns str", kind == "str", kind))
            if reference:
                text = outputs[reference]
                checks.append(Check(f"{case} {shown}: {column}'s JSON text == pydantic's exactly", output == text,
                                    f"{output!r} vs {text!r}"))
        if options and column in SATYA_BACKENDS and not same:
            skipped[column] = "its output differs from pydantic's, so the option is not honoured (see the checks)"
            del ops[column]
    row_skipped = not any(column in ops for column in SATYA_BACKENDS)
    for why in dict.fromkeys(skipped.values()):
        columns = " and ".join(column for column, reason in skipped.items() if reason == why)
        notes.append(f"{case} {shown}: row skipped ({columns}: {why})" if row_skipped
                     else f"{case} {shown}: {columns} not timed: {why}")
    if row_skipped:
        return None
    targets = [W9_PYDANTIC_TARGET]
    if "msgspec" in ops:
        targets.append(Target("satya-jit/msgspec", "<=", W9_MSGSPEC_TARGETS[to_json]))
    return Row(f"{case} {shown}", ops, targets, marks=marks, jit_not_slower=False)


@workload("W9", "dumping the W2 model and the W7 Order to a dict and to JSON")
def w9() -> Workload:
    users = _dump_instances(_w2_models(), W2_INPUT)
    orders = _dump_instances(_order_models(), W7_INPUT)
    checks, notes = [], []
    rows = [
        _dump_row("W9a W2", users, W2_INPUT, checks, notes),
        _dump_row("W9b W2", users, W2_INPUT, checks, notes, to_json=True),
        _dump_row("W9c Order", orders, W7_INPUT, checks, notes),
        _dump_row("W9d Order", orders, W7_INPUT, checks, notes, to_json=True),
        _dump_row("W9a W2", users, {k: v for k, v in W2_INPUT.items() if k in W2_INCLUDE}, checks, notes,
                  include=W2_INCLUDE),
        # W2 has no field with a default, so every field is set: this times the option on the full instance.
        _dump_row("W9a W2", users, W2_INPUT, checks, notes, exclude_unset=True),
        _dump_row("W9c Order", orders, ORDER_INCLUDED, checks, notes, include=ORDER_INCLUDE),
    ]
    notes[:0] = ["W9: satya dumps with the same native code under either backend (the JIT compiles "
                 "validation only), so jit/interp is noise on these rows and the JIT target does not apply",
                 "W9 exclude_unset=True row: W2 has no defaulted field, so every field is set and it times "
                 "the option on the full instance"]
    return Workload(rows=[row for row in rows if row], checks=checks, notes=notes)


@workload("W10", "40 constrained numeric fields (int ge/le/gt/lt/multiple_of, float ge/le/gt/lt)")
def w10() -> Workload:
    models = _numeric_models("Numeric40", W10_FIELDS)
    _, validate, _, checks = _build_rows(models, W10_INPUT, "W10")
    checks += _rejection_checks("W10", models, W10_INVALID, expected_errors=3)
    return Workload(
        rows=[Row("model_validate(d)", validate, [Target("jit/interp", ">=", 1.25)])],
        checks=checks,
        schemas=schema_summaries(models),
    )


@workload("W11", "list[Annotated[float, Field(ge=0, le=1)]] of 1,000 items")
def w11() -> Workload:
    models = _w11_models()
    _, validate, _, checks = _build_rows(models, W11_INPUT, "W11")
    checks += _rejection_checks("W11", models, W11_INVALID, expected_errors=2)
    return Workload(
        rows=[Row("model_validate(d)", validate, [Target("jit/interp", ">=", 3.0)])],
        checks=checks,
        schemas=schema_summaries(models),
    )


W12_INPUT = {
    "id": "c2f9a4e0-6f3b-4d8e-9a1c-2b7d5e8f0a13", "created_at": "2024-05-01T12:30:00Z", "status": "active",
    "kind": "business", "external_id": "A-1001", "balance": "1234.50",
    "address": {"street": "1 Main St", "city": "Springfield", "zip_code": "12345"}, "tags": ["vip", "beta", "eu"],
}
W12_INVALID = {**W12_INPUT, "kind": "other", "balance": "12.345"}  # a Literal and decimal_places
MSGSPEC_PLAIN_DECIMAL = "msgspec cannot check a Decimal's digits: its Struct has a plain Decimal balance"


class W12Status(enum.Enum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


def _w12_models() -> dict:
    """W12: an API account with a UUID, a datetime, an Enum, a Literal, an int | str union,
    a Decimal with digit limits, an optional nested model and a list of tags."""

    def define_satya():
        class Address(Model):
            street: str
            city: str
            zip_code: str = Field(min_length=5, max_length=10)

        class Account(Model):
            id: uuid.UUID
            created_at: datetime.datetime
            status: W12Status
            kind: Literal["personal", "business"]
            external_id: Union[int, str]
            balance: decimal.Decimal = Field(max_digits=12, decimal_places=2)
            address: Optional[Address] = None
            tags: list[str] = []

        return Account

    models = satya_models(define_satya)
    if pydantic:
        class PydanticAddress(pydantic.BaseModel):
            street: str
            city: str
            zip_code: str = pydantic.Field(min_length=5, max_length=10)

        class PydanticAccount(pydantic.BaseModel):
            id: uuid.UUID
            created_at: datetime.datetime
            status: W12Status
            kind: Literal["personal", "business"]
            external_id: Union[int, str]
            balance: decimal.Decimal = pydantic.Field(max_digits=12, decimal_places=2)
            address: Optional[PydanticAddress] = None
            tags: list[str] = []

        models["pydantic"] = PydanticAccount
    if msgspec:
        class MsgspecAddress(msgspec.Struct):
            street: str
            city: str
            zip_code: Annotated[str, msgspec.Meta(min_length=5, max_length=10)]

        class MsgspecAccount(msgspec.Struct):
            id: uuid.UUID
            created_at: datetime.datetime
            status: W12Status
            kind: Literal["personal", "business"]
            external_id: Union[int, str]
            balance: decimal.Decimal
            address: Optional[MsgspecAddress] = None
            tags: list[str] = []

        models["msgspec"] = MsgspecAccount
    return models


def _w12_dump(obj) -> dict:
    """An Account of any library as plain JSON data, for the checks."""
    if msgspec and isinstance(obj, msgspec.Struct):
        return json.loads(msgspec.json.encode(obj))
    return json.loads(obj.model_dump_json())


@workload("W12", "a realistic API model (UUID, datetime, Enum, Literal, int | str, Decimal, Optional submodel, "
                 "list of tags), from a dict and from JSON")
def w12() -> Workload:
    models = _w12_models()
    payload = json_bytes(W12_INPUT)
    expected = {**W12_INPUT, "created_at": "2024-05-01T12:30:00Z"}
    validate, from_json, checks = {}, {}, []
    for column, cls in models.items():
        if column == "msgspec":
            validate[column] = Op("convert(d, Model)", convert=msgspec.convert, Model=cls, d=W12_INPUT)
            from_json[column] = Op("decode(b, type=Model)", decode=msgspec.json.decode, Model=cls, b=payload)
            built = [msgspec.convert(W12_INPUT, cls), msgspec.json.decode(payload, type=cls)]
        else:
            validate[column] = Op("Model.model_validate(d)", Model=cls, d=W12_INPUT)
            from_json[column] = Op("Model.model_validate_json(b)", Model=cls, b=payload)
            built = [cls.model_validate(W12_INPUT), cls.model_validate_json(payload)]
        for how, obj in zip(("from a dict", "from JSON"), built):
            dumped = _w12_dump(obj)
            if column == "msgspec":  # msgspec writes UTC as "Z"; the others too, but check the rest alike
                dumped["created_at"] = dumped["created_at"].replace("+00:00", "Z")
            checks.append(Check(f"W12 {column} {how} holds the input's values", dumped == expected, repr(dumped)))
    checks += _rejection_checks("W12", models, W12_INVALID, expected_errors=2)
    checks += _rejection_checks("W12", models, W12_INVALID, expected_errors=2, from_json=True)
    targets = [Target("pydantic/satya-jit", ">=", 3.0), Target("satya-jit/msgspec", "<=", 1.0)]
    marks = {"msgspec": MSGSPEC_PLAIN_DECIMAL} if "msgspec" in models else {}
    return Workload(
        rows=[Row("model_validate(d)", validate, targets, marks=marks),
              Row("model_validate_json(b)", from_json, targets, marks=marks)],
        checks=checks,
        schemas=schema_summaries(models),
    )


W13_INVALID = {**W2_INPUT, "name": "admin", "age": 15}  # a field hook and the model hook refuse it


def _w13_hooks(field_validator, model_validator):
    """W13's hooks, the same code in both libraries: two field validators (after)
    and a model validator (after) that check and keep the values."""

    class Hooks:
        @field_validator("name")
        @classmethod
        def name_is_not_reserved(cls, value):
            if value.lower() == "admin":
                raise ValueError("name is reserved")
            return value

        @field_validator("email")
        @classmethod
        def email_has_domain(cls, value):
            if "." not in value.rpartition("@")[2]:
                raise ValueError("email needs a domain")
            return value

        @model_validator(mode="after")
        def adults_only_when_active(self):
            if self.active and self.age < 18:
                raise ValueError("active users must be adults")
            return self

    return {name: value for name, value in vars(Hooks).items() if not name.startswith("__")}


def _w13_models() -> dict:
    def define_satya():
        namespace = {
            "__annotations__": {"id": int, "name": str, "age": int, "active": bool, "email": str, "score": float},
            "id": Field(gt=0), "name": Field(min_length=1, max_length=50), "age": Field(ge=0, le=150),
            "email": Field(pattern=EMAIL_PATTERN), "score": Field(ge=0, le=100),
            **_w13_hooks(satya.field_validator, satya.model_validator),
        }
        return type(Model)("User", (Model,), namespace)

    models = satya_models(define_satya)
    if pydantic:
        F = pydantic.Field
        namespace = {
            "__annotations__": {"id": int, "name": str, "age": int, "active": bool, "email": str, "score": float},
            "id": F(gt=0), "name": F(min_length=1, max_length=50), "age": F(ge=0, le=150),
            "email": F(pattern=EMAIL_PATTERN), "score": F(ge=0, le=100),
            **_w13_hooks(pydantic.field_validator, pydantic.model_validator),
        }
        models["pydantic"] = type(pydantic.BaseModel)("PydanticUser", (pydantic.BaseModel,), namespace)
    return models


@workload("W13", "W2 plus a field_validator (after) on two fields and a model_validator(mode='after')")
def w13() -> Workload:
    models = _w13_models()
    construct, validate, _, checks = _build_rows(models, W2_INPUT, "W13")
    checks += _rejection_checks("W13", models, W13_INVALID, expected_errors=1)
    targets = [Target("pydantic/satya-jit", ">=", 2.0)]
    return Workload(
        rows=[Row("Model(**d)", construct, targets), Row("model_validate(d)", validate, targets)],
        checks=checks,
        schemas=schema_summaries(models),
    )


@workload("DEF", "defining a 10-field constrained model (W10's first 10 fields): class statement, "
                 "schema build, JIT compile")
def define_class() -> Workload:
    statements = class_statements("Constrained10", DEF_FIELDS)
    satya_statement = statements.pop("satya")
    run_statement = "exec(statement, namespace)"  # a fresh class at every iteration
    ops, checks, defined = {}, [], {}
    for column in SATYA_BACKENDS:
        ops[column] = Op(run_statement, within=functools.partial(satya_backend, column),
                         statement=satya_statement.code, namespace=satya_statement.namespace())
        with satya_backend(column):
            first, second = satya_statement.define(), satya_statement.define()
        require_backend(second, column)
        defined[column] = second
        checks.append(Check(f"DEF {column}: each class statement makes a new class", first is not second))
        # A schema left for later (pending a forward reference) would make the row time nothing.
        checks.append(Check(f"DEF {column}: the class statement builds the schema",
                            "__satya_pending__" not in second.__dict__))
        checks.append(_check_fields(f"DEF {column} model_validate(d)", second.model_validate(DEF_INPUT), DEF_INPUT))
    compile_time = satya.inspect(defined["satya-jit"])["compile_time_s"]
    checks.append(Check("DEF satya-jit: a repeated definition still compiles (no cache)", compile_time > 0,
                        f"compile_time_s={compile_time}"))
    for lib, statement in statements.items():
        ops[lib] = Op(run_statement, statement=statement.code, namespace=statement.namespace())
    if "pydantic" in statements:
        cls = statements["pydantic"].define()
        checks.append(_check_fields("DEF pydantic model_validate(d)", cls.model_validate(DEF_INPUT), DEF_INPUT))
    marks = {"msgspec": MSGSPEC_LAZY} if "msgspec" in statements else {}
    return Workload(
        rows=[Row("class statement", ops, [Target("pydantic/satya-jit", ">=", 1.0)], marks=marks,
                  unit="us", jit_not_slower=False)],  # compiling is the JIT's cost here, set against pydantic
        checks=checks,
        schemas=schema_summaries(defined),
    )


CLI_RECORDS = 200_000  # records in the W14 file
CLI_INVALID_EVERY = 20  # one record in this many is invalid: 5%
CLI_ROUNDS = 5  # each W14 measurement is one process run: a few runs, not the full rounds
_TEMP_DIRS = []  # kept alive until exit, when TemporaryDirectory removes them

CLI_MODELS_MODULE = """\
from satya import Field, Model


class W2(Model):
    id: int = Field(gt=0)
    name: str = Field(min_length=1, max_length=50)
    age: int = Field(ge=0, le=150)
    active: bool
    email: str = Field(pattern={pattern!r})
    score: float = Field(ge=0, le=100)
"""
CLI_MSGSPEC_SCRIPT = '''\
import sys
from typing import Annotated

import msgspec
from msgspec import Meta


class W2(msgspec.Struct):
    id: Annotated[int, Meta(gt=0)]
    name: Annotated[str, Meta(min_length=1, max_length=50)]
    age: Annotated[int, Meta(ge=0, le=150)]
    active: bool
    email: Annotated[str, Meta(pattern={pattern!r})]
    score: Annotated[float, Meta(ge=0, le=100)]


decode = msgspec.json.Decoder(W2).decode
invalid = 0
with open(sys.argv[1], "rb") as f:
    data = f.read()
for line in data.splitlines():
    if not line.strip():
        continue
    try:
        decode(line)
    except msgspec.DecodeError:  # ValidationError is a DecodeError too
        invalid += 1
print(invalid)
sys.exit(1 if invalid else 0)
'''


def cli_lines(count: int) -> tuple:
    """(NDJSON lines, 0-based numbers of the invalid ones): W2 records, one in
    CLI_INVALID_EVERY broken in turn by each way a record goes wrong, a malformed line included."""
    breakers = (
        lambda r: json_bytes({**r, "id": 0}),
        lambda r: json_bytes({**r, "age": 200}),
        lambda r: json_bytes({**r, "email": "not an email"}),
        lambda r: json_bytes({**r, "name": ""}),
        lambda r: json_bytes({**r, "score": -1.5}),
        lambda r: json_bytes({k: v for k, v in r.items() if k != "active"}),
        lambda r: json_bytes(r)[:-9],  # cut short: not JSON
    )
    lines, invalid = [], []
    for i, record in enumerate(w2_records(count)):
        if i % CLI_INVALID_EVERY == CLI_INVALID_EVERY // 2:
            lines.append(breakers[len(invalid) % len(breakers)](record))
            invalid.append(i)
        else:
            lines.append(json_bytes(record))
    return lines, invalid


def _run_process(cmd: list, cwd: str, env: dict, expected_status: int) -> None:
    """Runs `cmd` to the end, stdout discarded; raises unless it exits with `expected_status`
    without a traceback (a crash exits with 1 too, as invalid records do)."""
    done = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != expected_status or b"Traceback (most recent call last)" in done.stderr:
        raise RuntimeError(f"{' '.join(cmd)} exited with {done.returncode}, expected {expected_status}: "
                           f"{done.stderr.decode(errors='replace')[-500:]}")


def _last_line(text: str) -> str:
    """The last line of a process's stderr: the exception, if it died of one."""
    lines = text.strip().splitlines()
    return lines[-1][-300:] if lines else ""


def _cli_available() -> bool:
    probe = subprocess.run([sys.executable, "-m", "satya", "validate", "--help"],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return probe.returncode == 0


@workload("W14", f"the CLI on an NDJSON file of {CLI_RECORDS:,} W2 records ({100 // CLI_INVALID_EVERY}% invalid), "
                 "end to end, against a msgspec loop over the lines; ms per process run, wall-clock")
def w14() -> Workload:
    if not _cli_available():
        return Workload(rows=[], notes=["W14 skipped: CLI not available (python -m satya validate)"])
    tmp = tempfile.TemporaryDirectory(prefix="satya-bench-")
    _TEMP_DIRS.append(tmp)
    lines, invalid = cli_lines(CLI_RECORDS)
    data_path = os.path.join(tmp.name, "w2.ndjson")
    with open(data_path, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")
    with open(os.path.join(tmp.name, "w2models.py"), "w") as f:
        f.write(CLI_MODELS_MODULE.format(pattern=EMAIL_PATTERN))
    script_path = os.path.join(tmp.name, "msgspec_loop.py")
    with open(script_path, "w") as f:
        f.write(CLI_MSGSPEC_SCRIPT.format(pattern=EMAIL_PATTERN))
    expected_status = 1 if invalid else 0  # both exit 1 when a record is invalid
    cli = [sys.executable, "-m", "satya", "validate", "w2models:W2", data_path]
    ops, checks, notes = {}, [], []
    for column, backend in SATYA_BACKENDS.items():
        env = {**os.environ, "SATYA_JIT": "1" if backend == "jit" else "0"}
        probe = subprocess.run([sys.executable, "-c", "import satya, w2models; "
                                "print(satya.inspect(w2models.W2)['backend'])"],
                               cwd=tmp.name, env=env, capture_output=True, text=True)
        actual = probe.stdout.strip() or _last_line(probe.stderr)
        if actual != backend:
            raise RuntimeError(f"W14 {column}: the models module uses the {actual} backend, not {backend}")
        errors_path = os.path.join(tmp.name, f"errors-{backend}.ndjson")
        done = subprocess.run([*cli, "--errors", errors_path], cwd=tmp.name, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True)
        with open(errors_path, "rb") as f:
            reported = [json.loads(line)["line"] - 1 for line in f]
        runs_right = [
            Check(f"W14 {column} CLI exits with {expected_status}",
                  done.returncode == expected_status and "Traceback" not in done.stderr,
                  f"status {done.returncode}: {_last_line(done.stderr)}"),
            Check(f"W14 {column} CLI reports exactly the {len(invalid):,} invalid lines",
                  reported == invalid, f"{len(reported):,} reported; first {reported[:5]}"),
        ]
        checks += runs_right
        if not all(c.ok for c in runs_right):
            notes.append(f"W14 {column}: not timed, the CLI does not validate the file (see the checks)")
            continue
        ops[column] = Op("run()", chunks=1, run=functools.partial(
            _run_process, [*cli, "--quiet"], tmp.name, env, expected_status))
    if msgspec:
        script = [sys.executable, script_path, data_path]
        done = subprocess.run(script, cwd=tmp.name, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        checks.append(Check(f"W14 msgspec loop counts the {len(invalid):,} invalid lines and exits with "
                            f"{expected_status}",
                            done.stdout.strip() == str(len(invalid)) and done.returncode == expected_status,
                            f"status {done.returncode}, stdout {done.stdout.strip()!r}, {_last_line(done.stderr)}"))
        ops["msgspec"] = Op("run()", chunks=1, run=functools.partial(
            _run_process, script, tmp.name, None, expected_status))
    threads = satya._batch.thread_count(None)
    notes[:0] = [f"W14 times one process run each, interpreter start-up included (wall-clock, median of up to "
             f"{CLI_ROUNDS} runs); the CLI validates with {threads} thread{'s' * (threads != 1)} (its default); "
             f"the msgspec column runs msgspec_loop.py: Decoder(Struct).decode per line, errors counted"]
    return Workload(
        rows=[Row(f"validate {CLI_RECORDS:,} NDJSON lines", ops, [Target("satya-jit/msgspec", "<=", 0.5)],
                  unit="ms", jit_not_slower=False)],
        checks=checks,
        notes=notes,
        max_rounds=CLI_ROUNDS,
    )


# --------------------------------------------------------------------------- running


def measure(op: Op, n: int) -> float:
    """ns per loop iteration. Taking the fastest chunk drops the ones a
    preemption or a noisy neighbour landed in, which only ever add time."""
    return min(op.time(n) for _ in range(op.chunks)) / n


def run(workloads: list, rounds: int, target_ns: int, progress=None) -> tuple:
    """Measures every distinct Op once per round, so samples of one round pair up.
    Returns ({Op: [ns/op per round]}, [empty-loop ns per iteration per round],
    {Op: iterations per chunk})."""
    ops = []
    for wl in workloads:
        for row in wl.rows:
            ops.extend(op for op in row.ops.values() if op not in ops)
    iterations = {op: calibrate(op, target_ns // op.chunks) for op in ops + [EMPTY_LOOP]}
    samples = {op: [] for op in ops}
    loop_overhead = []
    for round_index in range(rounds):
        if progress:
            progress(round_index)
        gc.collect()
        gc.disable()  # a collection landing in one measurement would skew it
        try:
            per_iteration = measure(EMPTY_LOOP, iterations[EMPTY_LOOP])
            loop_overhead.append(per_iteration)
            measured = set()
            for wl in workloads:
                if wl.max_rounds is not None and round_index >= wl.max_rounds:
                    continue
                for row in wl.rows:
                    columns = list(row.ops)
                    shift = round_index % len(columns)  # no library always goes first
                    for column in columns[shift:] + columns[:shift]:
                        op = row.ops[column]
                        if op in measured:
                            continue
                        measured.add(op)
                        net = measure(op, iterations[op]) - per_iteration
                        samples[op].append(net / (op.unroll * op.items_per_op))
        finally:
            gc.enable()
    return samples, loop_overhead, iterations


def _paired_ratio(row: Row, samples: dict, numerator: str, denominator: str):
    """Median over rounds of the per-round ratio. The two libraries of one round ran
    moments apart, so this cancels drift between rounds that a ratio of medians keeps."""
    if numerator not in row.ops or denominator not in row.ops:
        return None
    pairs = zip(samples[row.ops[numerator]], samples[row.ops[denominator]])
    ratios = [a / b for a, b in pairs if b > 0]
    return statistics.median(ratios) if ratios else None


def _row_targets(row: Row) -> list:
    targets = list(row.targets)
    compares_backends = all(column in row.ops for column in SATYA_BACKENDS)
    if row.jit_not_slower and compares_backends and not any(t.ratio == JIT_NOT_SLOWER.ratio for t in targets):
        targets.append(JIT_NOT_SLOWER)
    return targets


def summarize(workloads: list, samples: dict, iterations: dict) -> list:
    rows = []
    for wl in workloads:
        for row in wl.rows:
            ns = {col: statistics.median(samples[op]) for col, op in row.ops.items()}
            ratios = {name: _paired_ratio(row, samples, *columns) for name, columns in RATIOS.items()}
            if row.reference:
                ratios[f"satya-jit/{row.reference}"] = _paired_ratio(row, samples, "satya-jit", row.reference)
            for name, columns in row.extra_ratios.items():
                ratios[name] = _paired_ratio(row, samples, *columns)
            targets = []
            for target in _row_targets(row):
                value = _paired_ratio(row, samples, *target.columns)
                targets.append({
                    "ratio": target.ratio,
                    "comparison": target.comparison,
                    "threshold": target.threshold,
                    "value": value,
                    "met": None if value is None else target.met(value),
                })
            rows.append({
                "workload": wl.id,
                "case": row.case,
                "unit": row.unit,
                "ns_per_op": {**dict.fromkeys(COLUMNS), **ns},
                "ratios": ratios,
                "reference": row.reference or None,
                "targets": targets,
                "samples": {col: samples[op] for col, op in row.ops.items()},
                "operations_per_chunk": {col: iterations[op] * op.unroll for col, op in row.ops.items()},
                "items_per_operation": {col: op.items_per_op for col, op in row.ops.items()},
                "chunks": {col: op.chunks for col, op in row.ops.items()},
                "marks": dict(row.marks),
                "extra_ratios": list(row.extra_ratios),
            })
    return rows


# --------------------------------------------------------------------------- output


def _fmt_time(ns, unit: str = "ns") -> str:
    if ns is None:
        return "n/a"
    if unit == "us":
        return f"{ns / 1000:.1f} us"
    if unit == "ms":
        return f"{ns / 1e6:.1f} ms"
    return f"{ns:.1f}" if abs(ns) < 100 else f"{ns:.0f}"


def _fmt_ratio(value) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def render_table(results: list) -> str:
    footnotes = []  # distinct footnote texts, numbered in order of appearance

    def mark(text: str) -> str:
        if text not in footnotes:
            footnotes.append(text)
        return "*" * (footnotes.index(text) + 1)

    header = ["workload", "case", *COLUMNS, *RATIOS, "reference"]
    lines = [header]
    for r in results:
        cells = [r["workload"], r["case"]]
        for column in COLUMNS:
            cell = _fmt_time(r["ns_per_op"].get(column), r["unit"])
            if column in r["marks"]:
                cell += mark(r["marks"][column])
            cells.append(cell)
        cells += [_fmt_ratio(r["ratios"][name]) for name in RATIOS]
        ref = r["reference"]
        more = [f"{ref} {_fmt_time(r['ns_per_op'][ref])} ns, satya-jit/{ref} "
                f"{_fmt_ratio(r['ratios'][f'satya-jit/{ref}'])}"] if ref else []
        more += [f"{name} {_fmt_ratio(r['ratios'][name])}" for name in r["extra_ratios"]]
        cells.append("; ".join(more))
        lines.append(cells)
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    numeric = range(2, len(header) - 1)
    out = []
    for line in lines:
        out.append("  ".join(cell.rjust(w) if i in numeric else cell.ljust(w)
                             for i, (cell, w) in enumerate(zip(line, widths))).rstrip())
    out.insert(1, "-" * len(out[0]))
    out += [f"{'*' * (i + 1)} {text}" for i, text in enumerate(footnotes)]
    return "\n".join(out)


def render_targets(results: list) -> list:
    lines = []
    for r in results:
        for t in r["targets"]:
            status = {True: "met   ", False: "MISSED", None: "n/a   "}[t["met"]]
            lines.append(f"  [{status}] {r['workload']} {r['case']}: {t['ratio']} {t['comparison']} "
                         f"{t['threshold']:g}  (measured {_fmt_ratio(t['value'])})")
    return lines


def describe_schema(summary: dict) -> str:
    """One line on how satya runs a model's checks, from satya.inspect()."""
    text = f"{summary['checks_compiled']} checks native, {summary['checks_interpreted']} interpreted"
    if summary["native_functions"]:
        text += (f"; {summary['native_functions']} native fn, {summary['code_size']} B, "
                 f"compiled in {summary['compile_time_s'] * 1e6:.0f} us")
    return text


def metadata(rounds: int, target_ns: int, loop_overhead: list) -> dict:
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "versions": {
            "satya": getattr(satya, "__version__", None),
            "pydantic": pydantic.VERSION if pydantic else None,
            "msgspec": msgspec.__version__ if msgspec else None,
        },
        "columns": list(COLUMNS),
        "satya_backends": dict(SATYA_BACKENDS),
        "satya_config_jit_default": satya.config.jit,  # the columns set their backend explicitly
        "ratios": dict(RATIO_MEANINGS),
        "jit_not_slower": f"{JIT_NOT_SLOWER.ratio} {JIT_NOT_SLOWER.comparison} {JIT_NOT_SLOWER.threshold:g} "
                          "on every validation row",
        "rounds": rounds,
        "target_ms_per_measurement": target_ns / 1e6,
        "chunks_per_measurement": CHUNKS,  # unless a row's operations set their own (see "chunks" per result)
        "statistic": ("ns/op: median over rounds of the fastest chunk, net of the empty loop; "
                      "ratios: median over rounds of the per-round ratio"),
        "empty_loop_ns_per_iteration": statistics.median(loop_overhead),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m satya.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 short rounds, for a smoke test")
    parser.add_argument("--rounds", type=int, help="rounds to take the median of (default 7, 3 with --quick)")
    parser.add_argument("workloads", nargs="*", metavar="ID",
                        help="workload ids to run, e.g. W3 W6 W14 (default: all); same as --only")
    parser.add_argument("--only", help="comma-separated workload ids, e.g. W1,W10,DEF")
    parser.add_argument("--json", metavar="PATH", help="also write all results as JSON to PATH")
    args = parser.parse_args(argv)

    rounds = args.rounds or (3 if args.quick else 7)
    if rounds < 1:
        parser.error("--rounds must be at least 1")
    target_ns = (8 if args.quick else 40) * 1_000_000
    only = None
    if args.only or args.workloads:
        ids = {workload_id.upper(): workload_id for workload_id in WORKLOADS}  # ids match in any case (W5n, w5N)
        named = [*args.workloads, *(args.only or "").split(",")]
        asked = {w.strip().upper() for item in named for w in item.split(",") if w.strip()}
        if not asked <= set(ids):
            parser.error(f"unknown workload(s): {', '.join(sorted(asked - set(ids)))}; "
                         f"known: {', '.join(WORKLOADS)}")
        only = {ids[w] for w in asked}

    workloads = build_workloads(only)
    show_progress = sys.stderr.isatty()  # keep redirected output clean
    started = time.perf_counter()
    samples, loop_overhead, iterations = run(
        workloads, rounds, target_ns,
        progress=show_progress and (lambda i: print(f"round {i + 1}/{rounds}", end="\r", file=sys.stderr, flush=True)))
    elapsed = time.perf_counter() - started
    if show_progress:
        print(" " * 20, end="\r", file=sys.stderr, flush=True)
    results = summarize(workloads, samples, iterations)
    meta = metadata(rounds, target_ns, loop_overhead)
    meta["elapsed_s"] = round(elapsed, 2)
    checks = [c for wl in workloads for c in wl.checks]
    notes = [n for wl in workloads for n in wl.notes]

    versions = ", ".join(f"{lib} {v or 'not installed'}" for lib, v in meta["versions"].items())
    print(f"satya benchmark: Python {meta['python']}, {versions}")
    print(f"median of {rounds} rounds (ratios: median of per-round ratios); ns/op net of the "
          f"loop overhead ({meta['empty_loop_ns_per_iteration']:.1f} ns/iteration); {elapsed:.1f} s")
    print()
    for wl in workloads:
        print(f"  {wl.id}: {wl.title}")
        if "satya-jit" in wl.schemas:
            print(f"  {' ' * len(wl.id)}  satya-jit: {describe_schema(wl.schemas['satya-jit'])}")
    print()
    print(f"Times in ns per operation, per item on batch rows (us or ms where shown); "
          f"jit/interp = {RATIO_MEANINGS['jit/interp']}")
    print(render_table(results))
    print()
    print(f"Targets (every validation row also needs {JIT_NOT_SLOWER.ratio} {JIT_NOT_SLOWER.comparison} "
          f"{JIT_NOT_SLOWER.threshold:g}: the JIT no slower than the interpreter, within noise)")
    print("\n".join(render_targets(results)) or "  (none in the selected workloads)")
    print()
    failed = [c for c in checks if not c.ok]
    print(f"Checks: {len(checks) - len(failed)} of {len(checks)} passed")
    for c in failed:
        print(f"  MISMATCH {c.what}: {c.detail}")
    for note in notes:
        print(f"  note: {note}")

    if args.json:
        payload = {
            "metadata": meta,
            "workloads": {wl.id: wl.title for wl in workloads},
            "satya_schemas": {wl.id: wl.schemas for wl in workloads},
            "results": results,
            "checks": [{"what": c.what, "ok": c.ok, "detail": c.detail} for c in checks],
            "notes": notes,
        }
        with open(args.json, "w") as fh:
            json.dump(payload, fh, indent=2)
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
