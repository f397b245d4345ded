//! The compiled schema kept on each Model class: the handle stored in the
//! class's dict, finding it (building it first for a class that waited for a
//! forward reference), and what `satya.inspect` reports of it.

use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::pyclass::{PyTraverseError, PyVisit};
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};

use crate::schema::CompiledSchema;

/// The compiled schema of one Model class, stored in the class's own dict.
#[pyclass(frozen, module = "satya._satya", name = "CompiledSchema")]
pub struct SchemaHandle {
    pub schema: CompiledSchema,
    /// The class whose layout the slot offsets describe; a handle found on any
    /// other class is refused, so offsets are never applied to a foreign layout.
    /// Held strongly (and traversed), so its address cannot be reused while the
    /// handle lives.
    owner: Py<PyType>,
}

#[pymethods]
impl SchemaHandle {
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        visit.call(&self.owner)?;
        let mut result = Ok(());
        self.schema.visit_objects(&mut |obj| {
            if result.is_ok() {
                result = visit.call(obj);
            }
        });
        result
    }

    /// What `satya.inspect` reports: the backend, how many checks run as
    /// native code and how many in the interpreter, the native code itself,
    /// and whether validation needs the GIL (Python hooks or types).
    fn describe<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = &self.schema;
        let mut programs = vec![(&s.program, &s.backend)];
        for field in &s.fields {
            field.validator.programs(&mut programs);
        }
        let total: usize = s.fields.iter().map(|f| f.validator.check_count()).sum();
        let (mut compiled, mut code_size, mut compile_time, mut clif, mut all_native) = (0, 0, 0.0, Vec::new(), true);
        for (program, backend) in programs.iter().filter(|(p, _)| !p.is_empty()) {
            match backend.native() {
                Some(native) => {
                    compiled += program.checks().len();
                    code_size += native.code_size;
                    compile_time += native.compile_time.as_secs_f64();
                    clif.push(native.clif.clone());
                }
                None => all_native = false,
            }
        }
        let d = PyDict::new(py);
        d.set_item("backend", if s.jit_requested && all_native { "jit" } else { "interpreter" })?;
        d.set_item("checks_compiled", compiled)?;
        d.set_item("checks_interpreted", total.saturating_sub(compiled))?;
        d.set_item("native_functions", clif.len())?;
        d.set_item("compile_time_s", compile_time)?;
        d.set_item("code_size", code_size)?;
        // None until the models inside are all built (a forward reference)
        d.set_item("needs_gil", s.without_python.get().map(|without| !without))?;
        d.set_item("clif", clif.join("\n"))?;
        Ok(d)
    }
}

const SCHEMA_ATTR: &str = "__satya_schema__";

fn schema_key(py: Python<'_>) -> &Bound<'_, PyString> {
    static KEY: PyOnceLock<Py<PyString>> = PyOnceLock::new();
    KEY.get_or_init(py, || PyString::intern(py, SCHEMA_ATTR).unbind()).bind(py)
}

/// Counts the schemas stored on classes: a schema remembered from before
/// the last one was stored may have been replaced (`model_rebuild`).
static STORED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

thread_local! {
    /// The class whose schema this thread looked up last, the count of
    /// stored schemas then, and that schema's handle, of which it holds a
    /// reference (which keeps the class alive too, so its address is not
    /// reused). Spares the class-dict lookup when one class is validated
    /// again and again, the usual case.
    static LAST_LOOKUP: std::cell::Cell<(usize, u64, usize)> = const { std::cell::Cell::new((0, u64::MAX, 0)) };
}

/// The schema of `cls`, built now if the class was waiting for a forward reference.
#[inline]
pub fn schema_of<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, SchemaHandle>> {
    let stored = STORED.load(std::sync::atomic::Ordering::Acquire);
    let (last_cls, last_stored, last_handle) = LAST_LOOKUP.with(|last| last.get());
    if last_cls == cls.as_ptr() as usize && last_stored == stored {
        // SAFETY: the remembered handle is alive (this thread holds a
        // reference to it) and belongs to `cls`, whose layout its offsets
        // describe; no schema was stored on any class since it was found.
        return Ok(unsafe { Bound::from_borrowed_ptr(cls.py(), last_handle as *mut ffi::PyObject).cast_into_unchecked() });
    }
    let handle = match built_schema_of(cls) {
        Some(handle) => handle,
        None => schema_of_slow(cls)?,
    };
    let remembered = handle.clone().into_ptr() as usize;
    let (_, _, dropped) = LAST_LOOKUP.with(|last| last.replace((cls.as_ptr() as usize, stored, remembered)));
    if dropped != 0 {
        // SAFETY: the reference the cache held, released with the GIL held.
        unsafe { ffi::Py_DECREF(dropped as *mut ffi::PyObject) };
    }
    Ok(handle)
}

/// The schema of `cls` when it has been built; None while the class waits
/// for a forward reference. Runs no Python code.
#[inline]
pub fn built_schema_of<'py>(cls: &Bound<'py, PyType>) -> Option<Bound<'py, SchemaHandle>> {
    let py = cls.py();
    // SAFETY: a heap type's tp_dict is its live class dict; the borrowed item is
    // turned into an owned reference before anything else runs.
    let found = unsafe {
        let dict = (*cls.as_type_ptr()).tp_dict;
        if dict.is_null() {
            None
        } else {
            let item = ffi::PyDict_GetItemWithError(dict, schema_key(py).as_ptr());
            if item.is_null() {
                ffi::PyErr_Clear();
                None
            } else {
                Some(Bound::from_borrowed_ptr(py, item))
            }
        }
    };
    match found.map(|obj| obj.cast_into::<SchemaHandle>()) {
        Some(Ok(handle)) if handle.get().owner.is(cls) => Some(handle),
        _ => None,
    }
}

#[cold]
fn schema_of_slow<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, SchemaHandle>> {
    let py = cls.py();
    py.import("satya._model")?.call_method1("_complete_class", (cls,))?;
    let name = cls.name()?;
    let not_a_model = || PyTypeError::new_err(format!("{name} is not a satya Model class"));
    let handle = cls.getattr(schema_key(py)).map_err(|_| not_a_model())?;
    let handle = handle.cast_into::<SchemaHandle>().map_err(|_| not_a_model())?;
    if !handle.get().owner.is(cls) {
        return Err(PyTypeError::new_err(format!("{name}.{SCHEMA_ATTR} belongs to another class")));
    }
    Ok(handle)
}

/// Builds the schema for `cls` from the metaclass's descriptor and stores it.
#[pyfunction]
pub fn build_schema(cls: &Bound<'_, PyType>, descriptor: &Bound<'_, PyDict>) -> PyResult<()> {
    let schema = CompiledSchema::build(cls, descriptor)?;
    let owner = cls.clone().unbind();
    let handle = Bound::new(cls.py(), SchemaHandle { schema, owner })?;
    cls.setattr(SCHEMA_ATTR, &handle)?;
    STORED.fetch_add(1, std::sync::atomic::Ordering::Release);
    // decided now when every model inside is built (the class itself included);
    // else once they are, at first use
    handle.get().schema.decide_without_python(cls.py(), false)?;
    Ok(())
}
