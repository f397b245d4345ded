//! The one `Input` abstraction: validators read their value through this trait,
//! implemented for Python objects (`python.rs`) and for JSON parsed by jiter
//! (`json.rs`). Coercion follows pydantic v2's conversion table, with its
//! separate JSON column; the text and number rules both share are in `shared.rs`.

mod json;
mod python;
mod python_lax;
mod shared;
mod strings;
// uuid and decimal
mod json_numbers;
// dates and times
mod temporal;
// unions
mod exactness;
// containers
mod collections;

pub use json::{invalid_json, json_bytes, json_to_python, new_str, parse_json, python_of, JsonInput};
pub use python::{has_surrogates, DictEntries};
pub use strings::{is_placeholder, original_of_pairs, set_aside, strings_mode, StringsDocument};

pub use shared::IntValue;
// unions
pub use exactness::{Exactness, Target};
// uuid and decimal
pub use json_numbers::JsonSource;
pub use python::decimal_type;
pub use python_lax::uuid_type;
// dates and times
pub use temporal::{date_object, datetime_object, duration_to_python, local_utc_offset, offset_in_range, parse_date, parse_datetime, parse_duration, parse_time, time_object, EitherDate, EitherDateTime, EitherDuration, EitherTime};
// containers
pub use collections::deque_type;

use jiter::JsonValue;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::errors::{InputValue, ValResult};

/// The items of a value accepted as a list.
pub enum SeqInput<'a, 'py> {
    /// A list (or list subclass), read by index.
    List(Bound<'py, PyList>),
    /// Another iterable the lax table accepts, already iterated.
    Items(Vec<Bound<'py, PyAny>>),
    Json(&'a [JsonValue<'a>]),
}

/// The entries of a value accepted as a dict.
pub enum MapInput<'a, 'py> {
    Dict(Bound<'py, PyDict>),
    /// A Mapping that is not a dict, read through `items()`.
    Pairs(Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>),
    Json(&'a [(std::borrow::Cow<'a, str>, JsonValue<'a>)]),
}

// containers
/// The types read like lists that are not lists; strict mode takes only the
/// type itself (or a subclass).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Tuple,
    Set,
    FrozenSet,
    Deque,
}

/// The items of a value accepted as a tuple, set, frozenset or deque.
pub struct CollectionInput<'a, 'py> {
    pub items: SeqInput<'a, 'py>,
    /// Whether pydantic knows the length before reading (its `actual_length`).
    pub sized: bool,
    /// What the input's iterator raised after `items` ("RuntimeError: boom"):
    /// pydantic reports it, alone, once the items before it are read.
    pub failure: Option<std::sync::Arc<str>>,
}

/// What a model is validated from.
pub enum ModelInput<'a, 'py> {
    /// Already an instance of the class: kept as it is.
    Instance(Bound<'py, PyAny>),
    Dict(Bound<'py, PyDict>),
    /// A Mapping that is not a dict: read one field key at a time.
    Mapping(Bound<'py, PyAny>),
    /// `from_attributes`: fields read from the object's attributes.
    Attributes(Bound<'py, PyAny>),
    JsonObject(&'a [(std::borrow::Cow<'a, str>, JsonValue<'a>)]),
}

// uuid and decimal
/// What a UUID is read from.
pub enum UuidInput<'a, 'py> {
    /// A UUID (or an instance of a subclass), kept as it is.
    Instance(Bound<'py, PyAny>),
    Text(std::borrow::Cow<'a, str>),
    Bytes(&'a [u8]),
}

/// What a Decimal is made from.
pub enum DecimalInput<'a, 'py> {
    /// Already an exact Decimal, kept as it is.
    Exact(Bound<'py, PyAny>),
    /// The argument for `Decimal(...)`: a str, an int, a subclass instance, a float's `str()`.
    Construct(Bound<'py, PyAny>),
    /// A JSON number with a fraction or an exponent: read from its text in
    /// the document (see `JsonSource`), never by way of the float.
    JsonFloat(&'a JsonValue<'a>),
}

/// What the model validator asks of its input before reading fields.
pub struct ModelRequest<'a, 'py> {
    pub cls: &'a Bound<'py, pyo3::types::PyType>,
    pub class_name: &'a std::sync::Arc<str>,
    pub strict: bool,
    pub from_attributes: bool,
}

/// A value as a membership table reads it (`Literal`, `Enum`): bools, ints
/// that fit 64 bits and strings of the exact builtin types, else `Other`.
pub enum LiteralKey<'a> {
    Bool(bool),
    Int(i64),
    /// An exact int beyond 64 bits.
    BigInt,
    Str(std::borrow::Cow<'a, str>),
    Other,
}

pub trait Input<'py> {
    /// This value as an error's input (a cold path).
    fn error_value(&self) -> InputValue;

    /// An identity for cycle detection; JSON values cannot form cycles (0).
    fn identity(&self) -> usize;

    fn is_null(&self) -> bool;

    /// The value as a membership table reads it.
    fn literal_key(&self) -> LiteralKey<'_>;

    /// Whether this is a Python object (JSON values are never instances).
    fn is_python(&self) -> bool;

    /// `validate_strings`: whether this stands for a value given as no
    /// string, refused as one error wherever it is read.
    fn is_placeholder(&self) -> bool {
        false
    }

    // unions
    /// How closely this accepted value matched `target` (see `exactness.rs`).
    fn exactness(&self, target: Target) -> Exactness;

    /// The value under `key` of a mapping or an object, as a tagged union
    /// reads its tag; None when it has no such key or attribute.
    fn discriminator_value(&self, py: Python<'py>, key: &Bound<'py, PyString>, strict: bool) -> ValResult<Option<Bound<'py, PyAny>>>;

    /// The plain Python value (`Any`).
    fn to_python(&self, py: Python<'py>) -> ValResult<Bound<'py, PyAny>>;

    fn validate_int(&self, py: Python<'py>, strict: bool) -> ValResult<IntValue<'py>>;

    /// The value and the exact `float` object to store.
    fn validate_float(&self, py: Python<'py>, strict: bool) -> ValResult<(f64, Bound<'py, PyAny>)>;

    fn validate_str(&self, py: Python<'py>, strict: bool) -> ValResult<Bound<'py, PyString>>;

    fn validate_bool(&self, py: Python<'py>, strict: bool) -> ValResult<bool>;

    fn validate_bytes(&self, py: Python<'py>, strict: bool) -> ValResult<Bound<'py, PyAny>>;

    fn validate_none(&self, py: Python<'py>) -> ValResult<Bound<'py, PyAny>>;

    fn validate_list<'a>(&'a self, py: Python<'py>, strict: bool) -> ValResult<SeqInput<'a, 'py>>;

    fn validate_dict<'a>(&'a self, py: Python<'py>, strict: bool) -> ValResult<MapInput<'a, 'py>>;

    fn validate_model<'a>(&'a self, py: Python<'py>, request: &ModelRequest<'_, 'py>) -> ValResult<ModelInput<'a, 'py>>;

    // uuid and decimal
    fn validate_uuid<'a>(&'a self, py: Python<'py>, strict: bool) -> ValResult<UuidInput<'a, 'py>>;

    fn validate_decimal<'a>(&'a self, py: Python<'py>, strict: bool) -> ValResult<DecimalInput<'a, 'py>>;
    // dates and times: the value as it stands; the lax steps between dates
    // and datetimes are the validators' (src/validators/date.rs, datetime.rs)
    fn validate_datetime(&self, strict: bool) -> ValResult<EitherDateTime<'py>>;

    fn validate_date(&self, strict: bool) -> ValResult<EitherDate<'py>>;

    fn validate_time(&self, strict: bool) -> ValResult<EitherTime<'py>>;

    fn validate_timedelta(&self, strict: bool) -> ValResult<EitherDuration<'py>>;

    // containers
    /// The items of a tuple, set, frozenset or deque, and whether the input's
    /// length was known before reading it (pydantic's `actual_length`).
    fn validate_collection<'a>(&'a self, py: Python<'py>, strict: bool, kind: Collection) -> ValResult<CollectionInput<'a, 'py>>;
}
