//! Batches: many records through the one model path. JSON batches of a schema
//! that needs no Python are parsed and validated on rayon workers with the GIL
//! released, into native values; the instances are built afterwards, in input
//! order. Anything else runs record by record. The cyclic GC is paused while
//! a batch builds its instances.

mod native;
mod pool;
mod reader;
mod split;

pub use native::{FieldPlaces, Native, NativeModel, NativeValues, PyPlaces};
pub use reader::{same_bytes, JsonReader};

use jiter::JsonValue;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple, PyType};

use crate::errors::{LineError, LocItem, ValError, ValResult, ValidationError};
use crate::input::{invalid_json, json_bytes, parse_json, JsonInput};
use crate::schema_handle::{schema_of, SchemaHandle};
use crate::schema::CompiledSchema;
use crate::validators::State;
use split::Record;

/// Below this many records a batch runs on the calling thread alone. Measured
/// with W2 records on 2 cores: 2 threads took 0.7-0.9x the time of 1 up to 64
/// records, and 1.2-1.5x less from 128 on (the workers' wake-up is the cost).
const MIN_PARALLEL_RECORDS: usize = 128;

/// Where a batch's results go: a list of instances and every error located at
/// its item (`errors="raise"`), or valid instances and one ValidationError per
/// invalid item (`errors="collect"`).
struct Outcome<'py> {
    collect: bool,
    cls: Bound<'py, PyType>,
    title: Bound<'py, PyAny>,
    /// How the schema raises: `(hide_input, of_model)`.
    raising: (bool, bool),
    valid: Vec<Bound<'py, PyAny>>,
    valid_indices: Vec<usize>,
    errors: Vec<Bound<'py, PyAny>>,
    lines: Vec<LineError>,
    /// NDJSON: the line ends in the input, so that a reader of chunks can
    /// number the next chunk's lines.
    line_ends: usize,
}

impl<'py> Outcome<'py> {
    fn new(cls: &Bound<'py, PyType>, schema: &CompiledSchema, collect: bool) -> Self {
        let py = cls.py();
        Outcome {
            collect,
            cls: cls.clone(),
            title: schema.title.bind(py).clone().into_any(),
            raising: (schema.hide_input, schema.of_model),
            valid: Vec::new(),
            valid_indices: Vec::new(),
            errors: Vec::new(),
            lines: Vec::new(),
            line_ends: 0,
        }
    }

    /// Records one item's result; a non-validation error ends the batch.
    fn push(&mut self, index: usize, result: ValResult<Bound<'py, PyAny>>) -> PyResult<()> {
        match result {
            Ok(obj) => {
                self.valid.push(obj);
                // Raising, every item is valid when the call returns: no index to keep.
                if self.collect {
                    self.valid_indices.push(index);
                }
            }
            Err(e) => self.push_error(index, e)?,
        }
        Ok(())
    }

    /// A valid item whose instance is not wanted: only its index is kept.
    fn push_index(&mut self, index: usize) {
        self.valid_indices.push(index);
    }

    fn push_error(&mut self, index: usize, error: ValError) -> PyResult<()> {
        match error {
            ValError::Internal(e) => return Err(e),
            ValError::Lines(lines) if self.collect => {
                let py = self.cls.py();
                let (hide_input, of_model) = self.raising;
                let err = ValidationError::new_err_as(py, self.title.clone().unbind(), lines, hide_input, of_model);
                let pair = PyTuple::new(py, [index.into_pyobject(py)?.into_any(), err.into_value(py).into_bound(py).into_any()])?;
                self.errors.push(pair.into_any());
            }
            ValError::Lines(lines) => self.lines.extend(lines.into_iter().map(|l| l.with_outer(LocItem::Index(index)))),
        }
        Ok(())
    }

    fn finish(self) -> PyResult<Bound<'py, PyAny>> {
        let py = self.cls.py();
        if self.collect {
            let valid = PyList::new(py, self.valid)?;
            let indices = PyList::new(py, self.valid_indices)?;
            let errors = PyList::new(py, self.errors)?;
            let ends = self.line_ends.into_pyobject(py)?.into_any();
            return Ok(PyTuple::new(py, [valid.into_any(), indices.into_any(), errors.into_any(), ends])?.into_any());
        }
        if !self.lines.is_empty() {
            let (hide_input, of_model) = self.raising;
            return Err(ValidationError::new_err_as(py, list_title(&self.cls)?.unbind(), self.lines, hide_input, of_model));
        }
        Ok(PyList::new(py, self.valid)?.into_any())
    }
}

/// The title of a batch's one ValidationError: `list[User]`, as pydantic names
/// a `TypeAdapter(list[User])`.
fn list_title<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyString::new(cls.py(), &format!("list[{}]", cls.name()?)).into_any())
}

/// Pauses the cyclic GC until dropped, then restores what it was.
struct GcPause {
    was_enabled: bool,
}

impl GcPause {
    fn new(_py: Python<'_>) -> Self {
        // SAFETY: called with the GIL held (the token proves it).
        let was_enabled = unsafe { pyo3::ffi::PyGC_Disable() } != 0;
        GcPause { was_enabled }
    }
}

impl Drop for GcPause {
    fn drop(&mut self) {
        if self.was_enabled {
            // SAFETY: a GcPause lives within one call made with the GIL held.
            unsafe { pyo3::ffi::PyGC_Enable() };
        }
    }
}

/// `Model.model_validate_many`: every object of an iterable through the model
/// path, in order.
#[pyfunction]
pub fn validate_many<'py>(
    cls: &Bound<'py, PyType>,
    objects: &Bound<'py, PyAny>,
    strict: Option<bool>,
    context: Option<Py<PyAny>>,
    from_attributes: bool,
    collect: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    let _plain = crate::input::set_aside();
    let handle = schema_of(cls)?;
    let schema = &handle.get().schema;
    let mut state = State::new(strict, from_attributes, context);
    let mut outcome = Outcome::new(cls, schema, collect);
    let _gc = GcPause::new(py);
    if let Ok(list) = objects.cast::<PyList>() {
        outcome.valid.reserve(list.len());
        // By index, re-reading the length: a validator may change the list.
        for (index, obj) in list.iter().enumerate() {
            outcome.push(index, schema.validate_model(py, cls, &obj, &mut state))?;
        }
    } else {
        for (index, obj) in objects.try_iter()?.enumerate() {
            let obj = obj?;
            outcome.push(index, schema.validate_model(py, cls, &obj, &mut state))?;
        }
    }
    outcome.finish()
}

/// `Model.model_validate_json_many`: a JSON array or NDJSON, split on record
/// boundaries; in parallel when the schema allows it and the batch is big enough.
/// Without `build`, valid records are validated but no instance is made (the
/// CLI counts them); only their indices are kept.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn validate_json_many<'py>(
    cls: &Bound<'py, PyType>,
    data: &Bound<'py, PyAny>,
    ndjson: bool,
    strict: Option<bool>,
    context: Option<Py<PyAny>>,
    collect: bool,
    threads: usize,
    index_base: usize,
    build: bool,
    start: usize,
    end: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    let _plain = crate::input::set_aside();
    let handle = schema_of(cls)?;
    let schema = &handle.get().schema;
    let whole = match json_bytes(data) {
        Ok(whole) => whole,
        Err(e) => return Err(schema_error(py, schema, e, &list_title(cls)?)),
    };
    let end = end.unwrap_or(whole.len()).min(whole.len());
    let bytes = &whole[start.min(end)..end];
    let (records, line_ends) = if ndjson {
        split::ndjson_lines(bytes)
    } else {
        match split::array_items(bytes) {
            Some(records) => (records, 0),
            None => return whole_array(cls, &handle, data, bytes, strict, context, collect),
        }
    };
    let mut state = State::new(strict, false, context);
    let mut outcome = Outcome::new(cls, schema, collect);
    outcome.line_ends = line_ends;
    let text_input = data.is_instance_of::<PyString>();
    let _gc = GcPause::new(py);
    // Each record in input order: built from its native values when a worker
    // validated it, else validated here as `model_validate_json` would.
    let mut finish = |record: &Record, native: Option<NativeModel<'_>>| -> PyResult<bool> {
        let index = index_base + record.index;
        let result = match native {
            Some(_) if !build => {
                outcome.push_index(index);
                return Ok(true);
            }
            Some(model) => model.into_python(py).map_err(ValError::from),
            None => match validate_record(py, cls, schema, &bytes[record.start..record.end], text_input, &mut state) {
                // A broken item breaks the whole array, reported as pydantic does.
                Err(RecordError::Malformed(_)) if !ndjson => return Ok(false),
                Err(RecordError::Malformed(e) | RecordError::Invalid(e)) => Err(e),
                Ok(_) if !build => {
                    outcome.push_index(index);
                    return Ok(true);
                }
                Ok(obj) => Ok(obj),
            },
        };
        outcome.push(index, result)?;
        Ok(true)
    };
    let native = runs_without_python(py, schema)?;
    let (cls_ref, text): (&Py<PyType>, &[u8]) = (cls.as_unbound(), bytes);
    let work = |r: &Record| native_record(schema, cls_ref, &text[r.start..r.end]);
    let threads = threads.min(pool::MAX_THREADS);
    let complete = if native && threads > 1 && records.len() >= MIN_PARALLEL_RECORDS {
        // The calling thread is one of the `threads`: it validates runs too.
        pool::pipeline(py, &*pool::get(threads - 1)?, &records, work, &mut finish)?
    } else {
        let mut complete = true;
        for record in &records {
            let native = if native { work(record) } else { None };
            if !finish(record, native)? {
                complete = false;
                break;
            }
        }
        complete
    };
    drop(finish);
    if !complete {
        drop(_gc);
        return whole_array(cls, &handle, data, bytes, strict, state.context.take(), collect);
    }
    outcome.finish()
}

/// Whether the schema, and every model inside it, validates without Python;
/// worked out once per class.
pub(crate) fn runs_without_python(py: Python<'_>, schema: &CompiledSchema) -> PyResult<bool> {
    // building the models inside leaves nothing open
    Ok(schema.decide_without_python(py, true)?.unwrap_or(false))
}

/// Off the GIL: one record parsed and validated into native values, or None
/// when the record path must decide (malformed, invalid, or needing coercion).
pub(crate) fn native_record<'d>(schema: &'d CompiledSchema, cls: &'d Py<PyType>, text: &'d [u8]) -> Option<NativeModel<'d>> {
    let mut values = NativeValues::new();
    read_whole(schema, &mut JsonReader::new(text), &mut values)?;
    Some(NativeModel { cls, schema, values })
}

/// `native_record` built into an instance at once, with the GIL held (one
/// record). Values become Python objects as they are read, unless a default
/// somewhere in the record runs user code: that must run only once the whole
/// record is known valid, or it would run again when the full path redoes it.
pub(crate) fn native_instance<'py>(py: Python<'py>, schema: &CompiledSchema, cls: &Py<PyType>, text: &[u8]) -> PyResult<Option<Bound<'py, PyAny>>> {
    if !schema.pure_tree() {
        // Python code in a default runs only once the whole record is valid
        let mut values = NativeValues::new();
        return match read_whole(schema, &mut JsonReader::new(text), &mut values) {
            Some(()) => native::build_instance(py, cls, schema, values.drain(..)).map(Some),
            None => Ok(None),
        };
    }
    let mut values = PyPlaces::new(py);
    match read_whole(schema, &mut JsonReader::with_gil(text, py), &mut values) {
        Some(()) => values.into_instance(cls, schema).map(Some),
        None => Ok(None),
    }
}

/// A whole document read as one record of `schema` into `values`.
fn read_whole<'d, P: FieldPlaces<'d>>(schema: &'d CompiledSchema, json: &mut JsonReader<'d>, values: &mut P) -> Option<()> {
    let peek = json.peek()?;
    schema.decode_native_values(json, peek, values)?;
    json.finish()
}

enum RecordError {
    /// Not JSON: json_invalid.
    Malformed(ValError),
    Invalid(ValError),
}

/// One record as `model_validate_json` validates it alone.
fn validate_record<'py>(
    py: Python<'py>,
    cls: &Bound<'py, PyType>,
    schema: &CompiledSchema,
    text: &[u8],
    text_input: bool,
    state: &mut State,
) -> Result<Bound<'py, PyAny>, RecordError> {
    let document = match JsonValue::parse(text, true) {
        Ok(document) => document,
        Err(e) => return Err(RecordError::Malformed(malformed(py, e, text, text_input))),
    };
    state
        .with_json_source(text, &document, |state| schema.validate_json_value(py, cls, &document, state))
        .map_err(RecordError::Invalid)
}

/// The json_invalid error `e` of a malformed record, whose input is the
/// record as a str or bytes, like the batch's input.
#[cold]
fn malformed(py: Python<'_>, e: jiter::JsonError, text: &[u8], text_input: bool) -> ValError {
    let record = if text_input {
        PyString::new(py, &String::from_utf8_lossy(text)).into_any()
    } else {
        PyBytes::new(py, text).into_any()
    };
    invalid_json(e, text, &record)
}

/// A JSON array document that did not split into items: parsed whole, so a
/// malformed document or a non-array gets pydantic's error for the whole
/// input (raised, whatever the error mode); an array is validated item by item.
#[cold]
fn whole_array<'py>(
    cls: &Bound<'py, PyType>,
    handle: &Bound<'py, SchemaHandle>,
    data: &Bound<'py, PyAny>,
    bytes: &[u8],
    strict: Option<bool>,
    context: Option<Py<PyAny>>,
    collect: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    let schema = &handle.get().schema;
    let title = list_title(cls)?;
    let document = parse_json(bytes, data).map_err(|e| schema_error(py, schema, e, &title))?;
    let JsonValue::Array(items) = &document else {
        let err = ValError::new(crate::errors::ErrorKind::JsonListType, &JsonInput::Value(&document));
        return Err(schema_error(py, schema, err, &title));
    };
    let mut state = State::new(strict, false, context);
    let mut outcome = Outcome::new(cls, schema, collect);
    let _gc = GcPause::new(py);
    state.with_json_source(bytes, &document, |state| {
        for (index, item) in items.iter().enumerate() {
            outcome.push(index, schema.validate_json_value(py, cls, item, state))?;
        }
        PyResult::Ok(())
    })?;
    outcome.finish()
}

/// A batch's error raised as its schema raises (a Model's as `ModelValidationError`).
#[cold]
fn schema_error(py: Python<'_>, schema: &CompiledSchema, err: ValError, title: &Bound<'_, PyAny>) -> PyErr {
    match err {
        ValError::Internal(e) => e,
        ValError::Lines(lines) => schema.py_err_titled(py, lines, title),
    }
}
