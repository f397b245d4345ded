//! How closely an accepted input matched its type, for a smart union's choice:
//! a value of the exact type beats a subclass or a strict conversion, which
//! beats a lax coercion. Read only inside a union (see `State::floor_with`),
//! after the validator accepted the input, so only the input's type matters.

use jiter::JsonValue;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDate, PyDateTime, PyDelta, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTime, PyTuple};

use super::json::JsonInput;

/// Ordered from the loosest match to the closest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exactness {
    Lax,
    Strict,
    Exact,
}

/// The type an input was accepted as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Int,
    Float,
    Str,
    Bool,
    Bytes,
    List,
    Decimal,
    Uuid,
    Datetime,
    Date,
    Time,
    Timedelta,
    /// A tuple, set, frozenset or deque: its own type is exact, any other lax.
    Collection(super::Collection),
}

/// A Python input's match: exact type, a subclass or strict conversion, or lax.
pub(super) fn python_exactness(input: &Bound<'_, PyAny>, target: Target) -> Exactness {
    use Exactness::*;
    let py = input.py();
    let is_text = || input.is_instance_of::<PyString>() || input.is_instance_of::<PyBytes>() || input.is_instance_of::<PyByteArray>();
    match target {
        Target::Int if input.is_exact_instance_of::<PyInt>() => Exact,
        Target::Int if input.is_instance_of::<PyBool>() => Lax,
        Target::Int if input.is_instance_of::<PyInt>() => Strict,
        Target::Float if input.is_exact_instance_of::<PyFloat>() => Exact,
        // a number other than a bool reached float by its own value
        Target::Float if input.is_instance_of::<PyBool>() || is_text() => Lax,
        Target::Float => Strict,
        Target::Str if input.is_exact_instance_of::<PyString>() => Exact,
        Target::Str if input.is_instance_of::<PyString>() => Strict,
        Target::Bool if input.is_instance_of::<PyBool>() => Exact,
        Target::Bytes if input.is_exact_instance_of::<PyBytes>() => Exact,
        Target::Bytes if input.is_instance_of::<PyBytes>() => Strict,
        Target::List if input.is_instance_of::<PyList>() => Exact,
        Target::Decimal => match super::decimal_type(py) {
            Ok(decimal) if input.is_exact_instance(decimal) => Exact,
            Ok(decimal) if input.is_instance(decimal).unwrap_or(false) && !is_text() => Strict,
            _ => Lax,
        },
        Target::Uuid => match super::uuid_type(py) {
            Ok(uuid) if input.is_instance(uuid).unwrap_or(false) => Exact,
            _ => Lax,
        },
        Target::Datetime if input.is_exact_instance_of::<PyDateTime>() => Exact,
        Target::Datetime if input.is_instance_of::<PyDateTime>() => Strict,
        Target::Date if input.is_exact_instance_of::<PyDate>() => Exact,
        // a datetime at midnight is a lax date
        Target::Date if input.is_instance_of::<PyDate>() && !input.is_instance_of::<PyDateTime>() => Strict,
        Target::Time if input.is_exact_instance_of::<PyTime>() => Exact,
        Target::Time if input.is_instance_of::<PyTime>() => Strict,
        Target::Timedelta if input.is_exact_instance_of::<PyDelta>() => Exact,
        Target::Timedelta if input.is_instance_of::<PyDelta>() => Strict,
        Target::Collection(kind) => {
            let own = match kind {
                super::Collection::Tuple => input.is_instance_of::<PyTuple>(),
                super::Collection::Set => input.is_instance_of::<PySet>(),
                super::Collection::FrozenSet => input.is_instance_of::<PyFrozenSet>(),
                super::Collection::Deque => super::deque_type(py).is_ok_and(|deque| input.is_instance(deque).unwrap_or(false)),
            };
            if own { Exact } else { Lax }
        }
        _ => Lax,
    }
}

/// A JSON input's match. A JSON string is a strict (not exact) str, as text
/// that other types (a datetime, a UUID) parse as well; a UUID from a string
/// counts as exact, as pydantic counts it.
pub(super) fn json_exactness(input: &JsonInput<'_>, target: Target) -> Exactness {
    use Exactness::*;
    let value = match input {
        JsonInput::Value(value) => *value,
        // an object key is a string
        JsonInput::Key(_) => return if target == Target::Uuid { Exact } else { Strict },
    };
    match (target, value) {
        (Target::Int, JsonValue::Int(_) | JsonValue::BigInt(_)) => Exact,
        (Target::Float, JsonValue::Float(_)) => Exact,
        (Target::Float, JsonValue::Int(_) | JsonValue::BigInt(_)) => Strict,
        (Target::Str | Target::Bytes, JsonValue::Str(_)) => Strict,
        (Target::Bool, JsonValue::Bool(_)) => Exact,
        (Target::List, JsonValue::Array(_)) => Exact,
        (Target::Collection(_), JsonValue::Array(_)) => Strict,
        (Target::Decimal, JsonValue::Float(_) | JsonValue::Int(_) | JsonValue::BigInt(_) | JsonValue::Str(_)) => Strict,
        (Target::Uuid, JsonValue::Str(_)) => Exact,
        (Target::Datetime | Target::Date | Target::Time | Target::Timedelta, JsonValue::Str(_)) => Strict,
        _ => Lax,
    }
}
