"""Random models, each defined once for native code and once for the
interpreter, must treat random inputs identically: the same success or
failure, the same dumped values, the same errors and the same error text."""

import math
import os
import re
from typing import Annotated, Optional

from hypothesis import given, settings
from hypothesis import strategies as st

import satya
from satya import Field, Model
from support import BackendModels, plain, requires_native_code

JIT = BackendModels("jit")
INTERPRETER = BackendModels("interpreter")

SCALARS = ["int", "float", "str", "bytes"]
LISTS = ["list[int]", "list[float]", "list[str]"]
ITEM_TYPES = {"list[int]": int, "list[float]": float, "list[str]": str}
PYTHON_TYPES = {"int": int, "float": float, "str": str, "bytes": bytes}

I64_MIN, I64_MAX = -(2**63), 2**63 - 1

# ---------------------------------------------------------------------------
# Constraints, drawn so that some value satisfies the bounds.

int_bounds = st.one_of(
    st.integers(-1_000, 1_000),
    st.sampled_from([I64_MIN, I64_MIN + 1, I64_MAX - 1, I64_MAX, 0, -1]),
    st.integers(I64_MIN, I64_MAX),
    st.integers(-(2**70), 2**70),  # beyond a slot: interpreted
)
float_bounds = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 5e-324, -5e-324, 1e-7, 0.5, 100.0, 1e300, -1e300]),
    st.integers(-1_000, 1_000),  # an int bound on a float field
)


@st.composite
def number_constraints(draw, kind):
    """gt/ge and lt/le around a non-empty range, and perhaps multiple_of."""
    bounds = int_bounds if kind == "int" else float_bounds
    constraints = {}
    low = draw(st.none() | bounds)
    high = draw(st.none() | bounds)
    if low is not None and high is not None:
        low, high = sorted([low, high])
        if kind == "int" and high - low < 2:
            high = low + 2
        if kind == "float" and not math.nextafter(math.nextafter(low, math.inf), math.inf) < high:
            high = None  # keep some float strictly between the bounds
    if low is not None:
        constraints[draw(st.sampled_from(["gt", "ge"]))] = low
    if high is not None:
        constraints[draw(st.sampled_from(["lt", "le"]))] = high
    if draw(st.integers(0, 3)) == 0:
        if kind == "int":
            # multiple_of must be positive (refused at class definition otherwise)
            divisors = st.sampled_from([1, 2, 3, 7, 10, I64_MAX, 2**62, 10**20])
            divisors = divisors | st.integers(1, 50)
        else:
            divisors = st.sampled_from([0.1, 0.25, 0.5, 1.0, 3, 1e-3, 2.5e-8])
        constraints["multiple_of"] = draw(divisors)
    return constraints


@st.composite
def length_constraints(draw):
    constraints = {}
    low = draw(st.none() | st.integers(0, 5) | st.sampled_from([2**64 - 1]))
    if low is not None:
        constraints["min_length"] = low
    if draw(st.booleans()):
        low = low or 0
        constraints["max_length"] = draw(st.sampled_from([2**64 - 1]) | st.integers(low, min(low + 6, 2**64 - 1)))
    return constraints


def constraints_for(kind):
    if kind in ("int", "float"):
        return number_constraints(kind)
    if kind == "str":
        # A pattern keeps the str's checks in the interpreter.
        pattern = st.sampled_from([{}, {}, {}, {"pattern": r"^[a-c]*$"}, {"pattern": r"\d"}])
        return st.tuples(length_constraints(), pattern).map(lambda t: {**t[0], **t[1]})
    return length_constraints()


@st.composite
def field_specs(draw):
    """(kind, optional, field kwargs, item kwargs or None, default)."""
    kind = draw(st.sampled_from(SCALARS + LISTS))
    optional = draw(st.integers(0, 3)) == 0
    if kind in LISTS:
        constraints = draw(length_constraints())
        item = draw(constraints_for(ITEM_TYPES[kind].__name__))
    else:
        constraints = draw(constraints_for(kind))
        item = None
    default = draw(st.sampled_from(["required", "none", "value"] if optional else ["required", "value"]))
    return kind, optional, constraints, item, default


model_specs = st.tuples(st.lists(field_specs(), min_size=1, max_size=12), st.booleans())

DEFAULT_VALUES = {"int": 0, "float": 0.0, "str": "", "bytes": b""}


def make_model(spec):
    """Builds the model described by `spec` with fresh annotations and Field objects."""
    fields, strict = spec
    annotations, namespace = {}, {}
    for index, (kind, optional, constraints, item, default) in enumerate(fields):
        if kind in LISTS:
            item_type = ITEM_TYPES[kind]
            annotation = list[Annotated[item_type, Field(**item)]] if item else list[item_type]
        else:
            annotation = PYTHON_TYPES[kind]
        if optional:
            annotation = Optional[annotation]
        kwargs = dict(constraints)
        if default == "none":
            kwargs["default"] = None
        elif default == "value":
            if kind in LISTS:
                kwargs["default_factory"] = list
            else:
                kwargs["default"] = DEFAULT_VALUES[kind]
        annotations[f"f{index}"] = annotation
        namespace[f"f{index}"] = Field(**kwargs)
    namespace["__annotations__"] = annotations
    if strict:
        namespace["model_config"] = {"strict": True}
    return type("Random", (Model,), namespace)


# ---------------------------------------------------------------------------
# Inputs: values near the bounds, edge values and values of the wrong type.

edge_numbers = st.sampled_from(
    [
        0, -1, 1, I64_MIN, I64_MAX, I64_MIN - 1, I64_MAX + 1, 2**64, -(2**64), 10**30,
        0.0, -0.0, 5e-324, -5e-324, 1.5, -2.5, 1e300, 1e308, float("nan"), float("-nan"),
        float("inf"), float("-inf"), 9.2e18, -9.3e18,
    ]
)
strings = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["", "5", " -3 ", "1_000", "1e3", "nan", "-inf", "-0.0", "abc", "\U0001f600", "\ud800x", "7.0"]),
)
junk = st.one_of(st.none(), st.booleans(), strings, st.binary(max_size=6), st.just({"k": 1}), edge_numbers)


def near(bound):
    """Values on and next to a bound."""
    if isinstance(bound, float):
        return st.sampled_from([bound, math.nextafter(bound, math.inf), math.nextafter(bound, -math.inf), -bound])
    return st.sampled_from([bound - 1, bound, bound + 1, -bound, bound * 2])


def float_is_multiple(value: float, divisor: float) -> bool:
    """multiple_of for floats, with the relative tolerance satya uses (NaN
    and the infinities pass: their remainder is NaN)."""
    if not math.isfinite(value):
        return True
    remainder = abs(math.fmod(value, divisor))
    tolerance = abs(value) / 1e9
    return not (remainder > tolerance and abs(remainder - abs(divisor)) > tolerance)


def satisfies(value, constraints) -> bool:
    """Whether a number meets its bounds; used only to steer inputs towards
    valid ones, never to judge an outcome."""
    c = constraints
    if ("gt" in c and not value > c["gt"]) or ("ge" in c and not value >= c["ge"]):
        return False
    if ("lt" in c and not value < c["lt"]) or ("le" in c and not value <= c["le"]):
        return False
    if "multiple_of" in c:
        m = c["multiple_of"]
        return value % m == 0 if isinstance(value, int) and isinstance(m, int) else float_is_multiple(value, m)
    return True


def valid_numbers(kind, constraints):
    c = constraints
    if kind == "int":
        low = c["gt"] + 1 if "gt" in c else c.get("ge")
        high = c["lt"] - 1 if "lt" in c else c.get("le")
        values = st.integers(min_value=low, max_value=high)
        if "multiple_of" in c:
            m = abs(c["multiple_of"])
            values = values.map(lambda v: v - v % m) | values.map(lambda v: v + (-v) % m)
    else:
        low = c["gt"] if "gt" in c else c.get("ge")
        high = c["lt"] if "lt" in c else c.get("le")
        values = st.floats(
            min_value=low, max_value=high, exclude_min="gt" in c, exclude_max="lt" in c, allow_nan=False
        )
        if "multiple_of" in c:
            m = c["multiple_of"]
            values = values.map(lambda v: round(v / m) * m if math.isfinite(v / m) else v)
    return values.filter(lambda v: satisfies(v, c))


def valid_sized(make, constraints, limit=8):
    """Values of `make(min_size, max_size)` within the length constraints, or
    None when the shortest allowed value is too long to build."""
    low = constraints.get("min_length", 0)
    high = min(constraints.get("max_length", low + limit), low + limit)
    if low > 64:
        return None
    return make(low, high)


# The alphabet of strings that match each pattern `constraints_for` uses.
PATTERN_ALPHABETS = {r"^[a-c]*$": "abc", r"\d": "0123456789ab"}


def valid_values(kind, constraints):
    """Values that meet every constraint, or None when there are none we can build."""
    if kind in ("int", "float"):
        return valid_numbers(kind, constraints)
    if kind == "bytes":
        return valid_sized(lambda lo, hi: st.binary(min_size=lo, max_size=hi), constraints)
    pattern = constraints.get("pattern")
    if pattern is None:
        return valid_sized(lambda lo, hi: st.text(min_size=lo, max_size=hi), constraints)
    return valid_sized(
        lambda lo, hi: st.text(alphabet=PATTERN_ALPHABETS[pattern], min_size=lo, max_size=hi).filter(
            lambda v: re.search(pattern, v) is not None
        ),
        constraints,
    )


def valid_field_values(field):
    """Values that meet all of a field's constraints, or None."""
    kind, optional, constraints, item, _ = field
    if kind in LISTS:
        valid_items = valid_values(ITEM_TYPES[kind].__name__, item or {})
        if valid_items is not None:
            valid = valid_sized(lambda lo, hi: st.lists(valid_items, min_size=lo, max_size=hi), constraints, limit=12)
        else:  # no item can be valid: only an empty list, if that is long enough
            valid = st.just([]) if constraints.get("min_length", 0) == 0 else None
    else:
        valid = valid_values(kind, constraints)
    if optional:
        return st.none() if valid is None else st.none() | valid
    return valid


def scalar_values(kind, constraints):
    """Values on and next to the bounds, edge values, values of other types."""
    bounds = [v for k, v in constraints.items() if k in ("gt", "ge", "lt", "le", "multiple_of")]
    if kind == "int":
        typed = st.integers(-1_000, 1_000) | st.integers(-(2**65), 2**65)
    elif kind == "float":
        typed = st.floats() | st.integers(-1_000, 1_000)
    elif kind == "str":
        typed = strings | st.text(alphabet="abc", max_size=7) | st.text(alphabet="0123456789", max_size=3)
    else:
        typed = st.binary(max_size=8) | st.text(max_size=4)
    valid = valid_values(kind, constraints)
    return st.one_of(*([valid] if valid is not None else []), typed, edge_numbers, junk, *[near(b) for b in bounds])


def any_field_values(field):
    """Any value for a field, valid or not."""
    kind, optional, constraints, item, _ = field
    if kind in LISTS:
        item_kind = ITEM_TYPES[kind].__name__
        items = scalar_values(item_kind, item or {})
        sized = valid_sized(lambda lo, hi: st.lists(items, min_size=lo, max_size=hi), constraints, limit=12)
        values = st.one_of(
            *([sized] if sized is not None else []),
            st.lists(items, max_size=10),
            st.lists(items, max_size=6).map(tuple),
            st.lists(scalar_values(item_kind, {}), min_size=8, max_size=40),
            junk,
        )
    else:
        values = scalar_values(kind, constraints)
    return st.none() | values if optional else values


@st.composite
def inputs_for(draw, spec):
    """A payload: every field valid, all but one valid, or anything at all.
    Fields are now and then missing, and an unknown key now and then present."""
    fields, _ = spec
    mode = draw(st.sampled_from(["valid", "one invalid", "any"]))
    spoiled = draw(st.integers(0, len(fields) - 1))
    payload = {}
    for index, field in enumerate(fields):
        valid = valid_field_values(field)
        if mode == "any" or (mode == "one invalid" and index == spoiled) or valid is None:
            if draw(st.integers(0, 9)) > 0:
                payload[f"f{index}"] = draw(any_field_values(field))
        elif field[4] == "required" or draw(st.integers(0, 4)) > 0:
            payload[f"f{index}"] = draw(valid)
    if draw(st.integers(0, 9)) == 0:
        payload["unknown"] = draw(junk)
    return payload


# ---------------------------------------------------------------------------


def outcome(cls, data):
    """A comparable view of `cls.model_validate(data)`: NaN equals NaN, the
    sign of a zero counts, and errors are compared in full and as text."""
    try:
        instance = cls.model_validate(data)
    except satya.ValidationError as exc:
        errors = [sorted((key, plain(value)) for key, value in error.items()) for error in exc.errors(include_url=False)]
        return ("err", errors, str(exc))
    return ("ok", plain(instance.model_dump()))


# Each example builds two classes and validates up to 12 payloads, so the budget
# is smaller than the default profile's; the `explore` profile keeps its own.
EXAMPLES = settings().max_examples if os.environ.get("SATYA_HYPOTHESIS_PROFILE") == "explore" else 150


@requires_native_code
@settings(max_examples=EXAMPLES, deadline=None)
@given(spec=model_specs, data=st.data())
def test_random_models_validate_identically_on_both_backends(spec, data):
    native = JIT.define(lambda: make_model(spec), native=False)
    interpreted = INTERPRETER.define(lambda: make_model(spec))
    native_info, interpreted_info = satya.inspect(native), satya.inspect(interpreted)
    # Both classes hold the same checks; the JIT compiled some of them or none.
    assert native_info["checks_compiled"] + native_info["checks_interpreted"] == interpreted_info["checks_interpreted"]
    if any(compilable(field) for field in spec[0]):
        assert native_info["checks_compiled"] > 0, native_info

    for payload in data.draw(st.lists(inputs_for(spec), min_size=1, max_size=12), label="inputs"):
        assert outcome(native, payload) == outcome(interpreted, payload), payload


def compilable(field) -> bool:
    """Whether a field certainly has checks that native code runs: every
    bound of a number or every length limit fits a 64-bit slot (one that does
    not sends the whole field to the interpreter), and a str has no pattern."""
    kind, _, constraints, _, _ = field
    if kind in ("int", "float"):
        numbers = [constraints[k] for k in ("gt", "ge", "lt", "le", "multiple_of") if k in constraints]
        return bool(numbers) and all(abs(v) < 2**62 for v in numbers)
    if "pattern" in constraints:
        return False
    lengths = [constraints[k] for k in ("min_length", "max_length") if k in constraints]
    return bool(lengths) and all(v < 2**62 for v in lengths)
