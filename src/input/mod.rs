//! Turning input values into validated Python values, following pydantic v2's
//! conversion table (lax by default, the strict column when asked).

mod python;

pub use python::{coerce_bool, coerce_bytes, coerce_float, coerce_int, coerce_str, has_surrogates, IntValue};
