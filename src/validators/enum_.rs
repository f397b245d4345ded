//! `Enum` fields (`Enum`, `IntEnum`, `StrEnum`, `Flag`, ...). An instance of
//! the class is kept. Otherwise, in lax mode (and always for JSON, which has
//! no instances) the input is looked up among the members' values; for an
//! int, str or float enum the input is then also coerced to that type and
//! looked up again; last, a class with its own `_missing_` is called with the
//! input (a ValueError means no member). Strict Python input must be an
//! instance.

use std::sync::Arc;

use jiter::Peek;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyType};

use super::literal::LiteralLookup;
use super::{node_get, node_strict, BuildContext, State, Validator};
use crate::batch::{JsonReader, Native};
use crate::errors::{ErrorKind, ValError, ValResult};
use crate::input::{Exactness, Input};

fn enum_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static ENUM: pyo3::sync::PyOnceLock<Py<PyType>> = pyo3::sync::PyOnceLock::new();
    ENUM.import(py, "enum", "Enum")
}

/// The builtin type an enum's members also are, which lax input is coerced to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MixedIn {
    Plain,
    Int,
    Str,
    Float,
}

#[derive(Debug)]
pub struct EnumValidator {
    class: Py<PyType>,
    class_name: Arc<str>,
    members: Vec<Py<PyAny>>,
    /// The members' values, in member order; None for an enum without
    /// members, which only its (no) instances pass, as in pydantic.
    values: Option<LiteralLookup>,
    mixed_in: MixedIn,
    /// Whether the class defines its own `_missing_`, so that calling it may
    /// find a member no value table holds (a Flag composite, say).
    call_class: bool,
    strict: bool,
    /// `use_enum_values`: the member's value is stored, not the member.
    use_values: bool,
}

impl EnumValidator {
    pub fn build(node: &Bound<'_, PyDict>, _ctx: &BuildContext) -> PyResult<Validator> {
        let get = |key: &str| node_get(node, key)?.ok_or_else(|| pyo3::exceptions::PyTypeError::new_err(format!("enum node without '{key}'")));
        let class = get("cls")?.cast_into::<PyType>()?;
        let members: Vec<Bound<'_, PyAny>> = get("members")?.cast::<PyList>()?.iter().collect();
        let values = members.iter().map(|m| m.getattr("value")).collect::<PyResult<Vec<_>>>()?;
        let mixed_in = match get("mixed_in")?.extract::<String>()?.as_str() {
            "int" => MixedIn::Int,
            "str" => MixedIn::Str,
            "float" => MixedIn::Float,
            _ => MixedIn::Plain,
        };
        let flag = |key: &str| -> PyResult<bool> { Ok(node_get(node, key)?.map(|v| v.is_truthy()).transpose()?.unwrap_or(false)) };
        Ok(Validator::Enum(EnumValidator {
            class_name: class.name()?.to_string().into(),
            class: class.unbind(),
            members: members.into_iter().map(Bound::unbind).collect(),
            values: if values.is_empty() { None } else { Some(LiteralLookup::new(&values)?) },
            mixed_in,
            call_class: flag("call_class")?,
            strict: node_strict(node)?,
            use_values: flag("use_enum_values")?,
        }))
    }

    pub fn visit_objects(&self, visit: &mut dyn FnMut(&Py<PyAny>)) {
        visit(self.class.as_any());
        self.members.iter().for_each(&mut *visit);
        if let Some(values) = &self.values {
            values.visit_objects(visit);
        }
    }

    /// What is stored for member `index`.
    fn stored<'py>(&self, py: Python<'py>, values: &LiteralLookup, index: usize) -> Bound<'py, PyAny> {
        if self.use_values {
            values.value(index).bind(py).clone()
        } else {
            self.members[index].bind(py).clone()
        }
    }

    fn stored_member<'py>(&self, member: Bound<'py, PyAny>) -> ValResult<Bound<'py, PyAny>> {
        Ok(if self.use_values { member.getattr(pyo3::intern!(member.py(), "value"))? } else { member })
    }

    pub fn validate<'py>(&self, py: Python<'py>, input: &impl Input<'py>, state: &mut State) -> ValResult<Bound<'py, PyAny>> {
        let strict = state.strict_or(self.strict);
        let class = self.class.bind(py);
        if input.is_python() {
            let value = input.to_python(py)?;
            // SAFETY: both are live type objects; a real subtype test, with no
            // `__instancecheck__` to call (an Enum class has no virtual subclasses)
            let member = unsafe { pyo3::ffi::PyType_IsSubtype(value.get_type_ptr(), class.as_type_ptr()) } != 0;
            if member {
                if !value.get_type().is(class) {
                    state.floor_with(|| Exactness::Lax);
                }
                return self.stored_member(value);
            }
        }
        let values = match &self.values {
            Some(values) if !(strict && input.is_python()) => values,
            None if !input.is_python() => return Err(ValError::new(ErrorKind::NeedsPythonObject { method_name: "isinstance" }, input)),
            _ => return Err(ValError::new(ErrorKind::IsInstanceOf { class: self.class_name.clone() }, input)),
        };
        // by value: a coercion, for a union's choice
        state.floor_with(|| Exactness::Lax);
        if let Some(index) = values.find(py, input)? {
            return Ok(self.stored(py, values, index));
        }
        if !strict {
            if let Some(index) = self.find_coerced(py, values, input)? {
                return Ok(self.stored(py, values, index));
            }
        } else if !input.is_python() && matches!(self.mixed_in, MixedIn::Int) {
            // containers: a JSON object key is text, which strict mode reads as an int as pydantic does
            if let Ok(crate::input::IntValue::Small(_, int)) = input.validate_int(py, true) {
                if let Some(index) = values.find_object(&int)? {
                    return Ok(self.stored(py, values, index));
                }
            }
        }
        if self.call_class {
            match class.call1((input.to_python(py)?,)) {
                Ok(found) => return self.stored_member(found),
                Err(e) if !e.is_instance_of::<pyo3::exceptions::PyValueError>(py) => return Err(e.into()),
                Err(_) => {}
            }
        }
        Err(ValError::new(ErrorKind::Enum { expected: values.expected.clone() }, input))
    }

    /// Lax: the input coerced to the members' builtin type, looked up again.
    #[cold]
    fn find_coerced<'py>(&self, py: Python<'py>, values: &LiteralLookup, input: &impl Input<'py>) -> ValResult<Option<usize>> {
        let coerced = match self.mixed_in {
            MixedIn::Plain => return Ok(None),
            MixedIn::Int => return self.find_as_int(py, values, input),
            MixedIn::Str => match input.validate_str(py, false) {
                Ok(s) => s.into_any(),
                Err(_) => return Ok(None),
            },
            MixedIn::Float => match input.validate_float(py, false) {
                Ok((_, f)) => f,
                Err(_) => return Ok(None),
            },
        };
        values.find_object(&coerced)
    }

    /// Lax, for an int enum: the input read as pydantic reads an int here.
    /// Ints are 64-bit: a bigger one is `int_parsing_size` (when some member is
    /// a 64-bit int, as for a Literal), and so is a plain
    /// Enum member whose value is not such an int.
    fn find_as_int<'py>(&self, py: Python<'py>, values: &LiteralLookup, input: &impl Input<'py>) -> ValResult<Option<usize>> {
        if input.is_python() {
            let value = input.to_python(py)?;
            let plain_member = value.is_instance(enum_type(py)?)?
                && !value.is_instance_of::<pyo3::types::PyInt>()
                && !value.is_instance_of::<pyo3::types::PyString>();
            if plain_member {
                // the error names the member's value, as pydantic's does
                let member_value = value.getattr(pyo3::intern!(py, "value"))?;
                return match member_value.extract::<i64>() {
                    Ok(i) => values.find_object(&i.into_pyobject(py)?.into_any()),
                    Err(_) if values.has_small_ints() => Err(ValError::new(ErrorKind::IntParsingSize, &member_value)),
                    Err(_) => Ok(None),
                };
            }
        }
        match input.validate_int(py, false) {
            Ok(crate::input::IntValue::Small(_, int)) => values.find_object(&int),
            // the error names the int read, as pydantic's does
            Ok(crate::input::IntValue::Big(int)) if values.has_small_ints() => Err(ValError::new(ErrorKind::IntParsingSize, &int)),
            Ok(crate::input::IntValue::Big(_)) => Ok(None),
            Err(_) => Ok(None),
        }
    }

    /// Off the GIL: a JSON value that is one of the members' values.
    #[inline]
    pub fn native<'d>(&'d self, json: &mut JsonReader<'d>, peek: Peek) -> Option<Native<'d>> {
        let values = self.values.as_ref()?;
        let index = values.find_native(json, peek)?;
        Some(Native::Object(if self.use_values { values.value(index) } else { &self.members[index] }))
    }
}
