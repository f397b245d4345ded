"""Benchmark harness: satya against pydantic v2 and msgspec on the workloads of DESIGN.md.

    python -m satya.bench [--quick] [--rounds N] [--only W1,W4] [--json PATH]

Everything runs in one process. Each round measures every operation once, rotating the
order of the libraries from round to round; the table reports the median over rounds,
and each ratio is the median of the per-round ratios. Times are ns per operation net of
the timing loop's own overhead (an empty loop is measured in every round), so a field
read and a model build are measured alike. Compare the ratios, which come from one run
on one machine, rather than the absolute times.

To add a workload, write a function that builds its `Row`s and decorate it with
`@workload("Wn", "title")`; the runner, table, targets and JSON output pick it up.
"""

import argparse
import gc
import importlib
import itertools
import json
import os
import platform
import statistics
import sys
import textwrap
import time
from dataclasses import dataclass, field
from typing import Annotated, Callable

import satya
from satya import Field, Model, ValidationError

try:
    import pydantic
except ImportError:
    pydantic = None
try:
    import msgspec
except ImportError:
    msgspec = None

LIBRARIES = ("satya", "pydantic", "msgspec")
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"

W1_INPUT = {"id": 123, "name": "Alice Smith", "age": 34, "active": True}
W2_INPUT = {**W1_INPUT, "email": "alice@example.com", "score": 87.5}
W8_INPUT = {**W2_INPUT, "id": 0, "age": 200}  # two failing fields: id (gt 0) and age (le 150)


# --------------------------------------------------------------------------- timing


class Op:
    """One timed statement. `env` names become locals of a generated loop, so the
    statement runs inline, without a function call of its own around it (as timeit
    does). `unroll` repeats the statement inside the loop for operations so short
    that the loop's own overhead would drown them."""

    def __init__(self, stmt: str, unroll: int = 1, **env):
        self.stmt, self.unroll = stmt, unroll
        self._args = tuple(env.values())
        self._loop = _compile_loop(stmt, tuple(env), unroll)

    def time(self, n: int) -> int:
        """Total ns for `n` loop iterations (n * unroll operations)."""
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
    """A goal on one row, e.g. pydantic/satya >= 4."""

    numerator: str
    denominator: str
    comparison: str  # ">=" or "<="
    threshold: float

    @property
    def ratio_name(self) -> str:
        return f"{self.numerator}/{self.denominator}"

    def met(self, value: float) -> bool:
        return value >= self.threshold if self.comparison == ">=" else value <= self.threshold


@dataclass
class Row:
    """One line of the table: the same operation in each library."""

    case: str
    ops: dict  # column -> Op; a column that is absent prints as n/a
    targets: list = field(default_factory=list)
    reference: str = ""  # a column of `ops` (e.g. "slots") shown as satya/<reference>
    marks: dict = field(default_factory=dict)  # column -> footnote on that cell


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


def _w1_models() -> dict:
    class User(Model):
        id: int
        name: str
        age: int
        active: bool

    models = {"satya": User}
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


def _w2_models() -> dict:
    class User(Model):
        id: int = Field(gt=0)
        name: str = Field(min_length=1, max_length=50)
        age: int = Field(ge=0, le=150)
        active: bool
        email: str = Field(pattern=EMAIL_PATTERN)
        score: float = Field(ge=0, le=100)

    models = {"satya": User}
    if pydantic:
        class PydanticUser(pydantic.BaseModel):
            id: int = pydantic.Field(gt=0)
            name: str = pydantic.Field(min_length=1, max_length=50)
            age: int = pydantic.Field(ge=0, le=150)
            active: bool
            email: str = pydantic.Field(pattern=EMAIL_PATTERN)
            score: float = pydantic.Field(ge=0, le=100)

        models["pydantic"] = PydanticUser
    if msgspec:
        Meta = msgspec.Meta

        class MsgspecUser(msgspec.Struct):
            id: Annotated[int, Meta(gt=0)]
            name: Annotated[str, Meta(min_length=1, max_length=50)]
            age: Annotated[int, Meta(ge=0, le=150)]
            active: bool
            email: Annotated[str, Meta(pattern=EMAIL_PATTERN)]
            score: Annotated[float, Meta(ge=0, le=100)]

        models["msgspec"] = MsgspecUser
    return models


class SlotsUser:
    """The floor for a field read: a plain class with __slots__."""

    __slots__ = ("id", "name", "age", "active")

    def __init__(self, id, name, age, active):
        self.id, self.name, self.age, self.active = id, name, age, active


MSGSPEC_STAND_IN = ("msgspec's Struct(**d) does not validate: the cell is msgspec.convert(d, Struct), "
                    "measured once and shown in both rows")


# --------------------------------------------------------------------------- helpers for builders


def _check_fields(what: str, obj, expected: dict) -> Check:
    """Every field holds the input value, with the input's type (no silent coercion)."""
    wrong = [
        f"{key}={getattr(obj, key, '<missing>')!r}"
        for key, value in expected.items()
        if getattr(obj, key, None) != value or type(getattr(obj, key, None)) is not type(value)
    ]
    return Check(what, not wrong, ", ".join(wrong))


def _build_rows(models: dict, data: dict, workload_id: str) -> tuple:
    """The Model(**d) and model_validate(d) rows for a valid input, plus their checks."""
    construct, validate, checks = {}, {}, []
    for lib in ("satya", "pydantic"):
        if lib in models:
            cls = models[lib]
            construct[lib] = Op("User(**d)", User=cls, d=data)
            validate[lib] = Op("User.model_validate(d)", User=cls, d=data)
            checks.append(_check_fields(f"{workload_id} {lib} Model(**d)", cls(**data), data))
            checks.append(_check_fields(f"{workload_id} {lib} model_validate(d)", cls.model_validate(data), data))
    marks = {}
    if "msgspec" in models:
        # One Op in both rows: the runner measures it once per round.
        convert = Op("convert(d, User)", convert=msgspec.convert, User=models["msgspec"], d=data)
        construct["msgspec"] = validate["msgspec"] = convert
        marks["msgspec"] = MSGSPEC_STAND_IN
        checks.append(_check_fields(f"{workload_id} msgspec convert(d, Struct)",
                                    msgspec.convert(data, models["msgspec"]), data))
    return construct, validate, marks, checks


def _capture_errors(call: Callable, error_type) -> list:
    """The (type, loc) pairs a failing call reports; [] if it did not raise."""
    try:
        call()
    except error_type as exc:
        if hasattr(exc, "errors"):
            return [(e["type"], tuple(e["loc"])) for e in exc.errors()]
        return [("", ())]  # msgspec: one message, no structured list
    return []


# --------------------------------------------------------------------------- workloads


@workload("W1", "4-field model from a dict")
def w1() -> Workload:
    construct, validate, marks, checks = _build_rows(_w1_models(), W1_INPUT, "W1")
    return Workload(
        rows=[
            Row("Model(**d)", construct, [Target("pydantic", "satya", ">=", 4.0)], marks=marks),
            Row("model_validate(d)", validate, [Target("satya", "msgspec", "<=", 1.3)]),
        ],
        checks=checks,
    )


@workload("W2", "constrained model (gt, lengths, ge/le, pattern, float range)")
def w2() -> Workload:
    construct, validate, marks, checks = _build_rows(_w2_models(), W2_INPUT, "W2")
    return Workload(
        rows=[Row("Model(**d)", construct, marks=marks), Row("model_validate(d)", validate)],
        checks=checks,
    )


@workload("W4", "field read u.name, net of an empty loop")
def w4() -> Workload:
    unroll = 32  # a read is a few ns; repeat it so the loop overhead is a small part
    models = _w1_models()
    objects = {lib: cls(**W1_INPUT) for lib, cls in models.items()}
    objects["slots"] = SlotsUser(**W1_INPUT)
    ops = {lib: Op("u.name", unroll=unroll, u=obj) for lib, obj in objects.items()}
    checks = [Check(f"W4 {lib} u.name", obj.name == W1_INPUT["name"], repr(obj.name))
              for lib, obj in objects.items()]
    return Workload(
        rows=[Row("u.name", ops, [Target("satya", "slots", "<=", 1.3)], reference="slots")],
        checks=checks,
    )


@workload("W8", "invalid W2 input (id=0, age=200): raise and catch")
def w8() -> Workload:
    models = _w2_models()
    error_types = {"satya": ValidationError}
    if pydantic:
        error_types["pydantic"] = pydantic.ValidationError
    if msgspec:
        error_types["msgspec"] = msgspec.ValidationError
    raise_template = "try:\n    {call}\nexcept Error:\n    pass"
    construct, validate = {}, {}
    reported, checks = {}, []
    for lib in ("satya", "pydantic"):
        if lib in models:
            cls, error = models[lib], error_types[lib]
            construct[lib] = Op(raise_template.format(call="User(**d)"), User=cls, d=W8_INPUT, Error=error)
            validate[lib] = Op(raise_template.format(call="User.model_validate(d)"),
                               User=cls, d=W8_INPUT, Error=error)
            from_kwargs = _capture_errors(lambda: cls(**W8_INPUT), error)
            reported[lib] = _capture_errors(lambda: cls.model_validate(W8_INPUT), error)
            checks.append(Check(f"W8 {lib} Model(**d) reports 2 errors", len(from_kwargs) == 2, repr(from_kwargs)))
            checks.append(Check(f"W8 {lib} model_validate(d) reports 2 errors",
                                len(reported[lib]) == 2, repr(reported[lib])))
    marks = {}
    if "msgspec" in models:
        cls = models["msgspec"]
        construct["msgspec"] = validate["msgspec"] = Op(
            raise_template.format(call="convert(d, User)"),
            convert=msgspec.convert, User=cls, d=W8_INPUT, Error=msgspec.ValidationError)
        marks["msgspec"] = MSGSPEC_STAND_IN
        reported["msgspec"] = _capture_errors(lambda: msgspec.convert(W8_INPUT, cls), msgspec.ValidationError)

    if "pydantic" in reported:
        checks.append(Check("W8 satya errors match pydantic's (type, loc)",
                            sorted(reported["satya"]) == sorted(reported["pydantic"]),
                            f"satya {reported['satya']} vs pydantic {reported['pydantic']}"))
    notes = ["W8 errors reported: " + ", ".join(f"{lib} {len(errs)}" for lib, errs in reported.items())]
    if "msgspec" in reported:
        notes[0] += " (msgspec stops at the first error, so it does less work)"
    if any(len(errs) == 0 for errs in reported.values()):
        notes.append("W8: some library accepted the invalid input; its times are not comparable")
    target = [Target("pydantic", "satya", ">=", 2.0)]
    return Workload(
        rows=[Row("Model(**d)", construct, target, marks=marks), Row("model_validate(d)", validate, target)],
        checks=checks,
        notes=notes,
    )


# --------------------------------------------------------------------------- running


CHUNKS = 3  # a measurement is the fastest of this many back-to-back loops


def measure(op: Op, n: int) -> float:
    """ns per loop iteration. Taking the fastest chunk drops the ones a
    preemption or a noisy neighbour landed in, which only ever add time."""
    return min(op.time(n) for _ in range(CHUNKS)) / n


def run(workloads: list, rounds: int, target_ns: int, progress=None) -> tuple:
    """Measures every distinct Op once per round, so samples of one round pair up.
    Returns ({Op: [ns/op per round]}, [empty-loop ns per iteration per round],
    {Op: iterations per chunk})."""
    ops = []
    for wl in workloads:
        for row in wl.rows:
            ops.extend(op for op in row.ops.values() if op not in ops)
    iterations = {op: calibrate(op, target_ns // CHUNKS) for op in ops + [EMPTY_LOOP]}
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
                for row in wl.rows:
                    columns = list(row.ops)
                    shift = round_index % len(columns)  # no library always goes first
                    for column in columns[shift:] + columns[:shift]:
                        op = row.ops[column]
                        if op in measured:
                            continue
                        measured.add(op)
                        net = measure(op, iterations[op]) - per_iteration
                        samples[op].append(net / op.unroll)
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


def summarize(workloads: list, samples: dict, iterations: dict) -> list:
    rows = []
    for wl in workloads:
        for row in wl.rows:
            ns = {col: statistics.median(samples[op]) for col, op in row.ops.items()}
            ratios = {
                "pydantic/satya": _paired_ratio(row, samples, "pydantic", "satya"),
                "satya/msgspec": _paired_ratio(row, samples, "satya", "msgspec"),
            }
            if row.reference:
                ratios[f"satya/{row.reference}"] = _paired_ratio(row, samples, "satya", row.reference)
            targets = []
            for target in row.targets:
                value = _paired_ratio(row, samples, target.numerator, target.denominator)
                targets.append({
                    "ratio": target.ratio_name,
                    "comparison": target.comparison,
                    "threshold": target.threshold,
                    "value": value,
                    "met": None if value is None else target.met(value),
                })
            rows.append({
                "workload": wl.id,
                "case": row.case,
                "ns_per_op": {**dict.fromkeys(LIBRARIES), **ns},
                "ratios": ratios,
                "reference": row.reference or None,
                "targets": targets,
                "samples": {col: samples[op] for col, op in row.ops.items()},
                "operations_per_chunk": {col: iterations[op] * op.unroll for col, op in row.ops.items()},
                "marks": dict(row.marks),
            })
    return rows


# --------------------------------------------------------------------------- output


def _fmt_ns(value) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1f}" if abs(value) < 100 else f"{value:.0f}"


def _fmt_ratio(value) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def render_table(results: list) -> str:
    footnotes = []  # distinct footnote texts, numbered in order of appearance

    def mark(text: str) -> str:
        if text not in footnotes:
            footnotes.append(text)
        return "*" * (footnotes.index(text) + 1)

    header = ["workload", "case", *(f"{lib} ns" for lib in LIBRARIES),
              "pydantic/satya", "satya/msgspec", "reference"]
    lines = [header]
    for r in results:
        cells = [r["workload"], r["case"]]
        for lib in LIBRARIES:
            cell = _fmt_ns(r["ns_per_op"].get(lib))
            if lib in r["marks"]:
                cell += mark(r["marks"][lib])
            cells.append(cell)
        cells += [_fmt_ratio(r["ratios"]["pydantic/satya"]), _fmt_ratio(r["ratios"]["satya/msgspec"])]
        ref = r["reference"]
        cells.append(f"{ref} {_fmt_ns(r['ns_per_op'][ref])} ns, satya/{ref} "
                     f"{_fmt_ratio(r['ratios'][f'satya/{ref}'])}" if ref else "")
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


def _satya_jit_setting():
    """satya.config.jit if the installed satya has it; the harness must not depend on it."""
    try:
        return getattr(importlib.import_module("satya.config"), "jit", None)
    except ImportError:
        return None


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
        "satya_jit": _satya_jit_setting(),
        "rounds": rounds,
        "target_ms_per_measurement": target_ns / 1e6,
        "chunks_per_measurement": CHUNKS,
        "statistic": ("ns/op: median over rounds of the fastest chunk, net of the empty loop; "
                      "ratios: median over rounds of the per-round ratio"),
        "empty_loop_ns_per_iteration": statistics.median(loop_overhead),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m satya.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 short rounds, for a smoke test")
    parser.add_argument("--rounds", type=int, help="rounds to take the median of (default 7, 3 with --quick)")
    parser.add_argument("--only", help="comma-separated workload ids, e.g. W1,W4")
    parser.add_argument("--json", metavar="PATH", help="also write all results as JSON to PATH")
    args = parser.parse_args(argv)

    rounds = args.rounds or (3 if args.quick else 7)
    if rounds < 1:
        parser.error("--rounds must be at least 1")
    target_ns = (8 if args.quick else 40) * 1_000_000
    only = {w.strip().upper() for w in args.only.split(",")} if args.only else None
    if only and not only <= set(WORKLOADS):
        parser.error(f"unknown workload(s): {', '.join(sorted(only - set(WORKLOADS)))}; "
                     f"known: {', '.join(WORKLOADS)}")

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
    print()
    print(render_table(results))
    print()
    print("Targets")
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
