//! `include` and `exclude`: which fields, keys and items a dump keeps, and
//! the filters passed down to each kept value. Both are sets or dicts, nested
//! to any depth; `True` or `...` as a dict value means "all of it";
//! `"__all__"` applies to every key or item; list items are picked by index.

use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PySet};

/// The include and exclude that apply to one value.
#[derive(Clone, Default)]
pub struct Filter<'py> {
    pub include: Option<Bound<'py, PyAny>>,
    pub exclude: Option<Bound<'py, PyAny>>,
}

impl<'py> Filter<'py> {
    pub fn new(include: Option<Bound<'py, PyAny>>, exclude: Option<Bound<'py, PyAny>>) -> Self {
        Filter { include: include.filter(|v| !v.is_none()), exclude: exclude.filter(|v| !v.is_none()) }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.include.is_none() && self.exclude.is_none()
    }

    /// The filter for the value under `key` (a field name or a dict key), or
    /// None when it is left out.
    pub fn key(&self, key: &Bound<'py, PyAny>) -> PyResult<Option<Filter<'py>>> {
        decide(key, self.include.as_ref(), self.exclude.as_ref())
    }

    /// This filter for a sequence of `len` items, whose `key`s are then the
    /// indexes: int keys are taken modulo the length, so -1 is the last.
    pub fn positioned(&self, len: usize) -> PyResult<Filter<'py>> {
        Ok(Filter {
            include: self.include.as_ref().map(|v| by_position(v, len)).transpose()?,
            exclude: self.exclude.as_ref().map(|v| by_position(v, len)).transpose()?,
        })
    }

    /// The filter for item `index` of a `positioned` filter.
    pub fn index(&self, py: Python<'py>, index: usize) -> PyResult<Option<Filter<'py>>> {
        decide(index.into_pyobject(py)?.as_any(), self.include.as_ref(), self.exclude.as_ref())
    }
}

/// The include or exclude of a sequence with each int key taken modulo `len`.
fn by_position<'py>(spec: &Bound<'py, PyAny>, len: usize) -> PyResult<Bound<'py, PyAny>> {
    let py = spec.py();
    let position = |key: Bound<'py, PyAny>| -> Bound<'py, PyAny> {
        if len == 0 || !key.is_instance_of::<PyInt>() {
            return key;
        }
        key.call_method1(intern!(py, "__mod__"), (len,)).unwrap_or(key)
    };
    if let Ok(dict) = spec.cast::<PyDict>() {
        let out = PyDict::new(py);
        for (k, v) in snapshot(dict)? {
            out.set_item(position(k), v)?;
        }
        Ok(out.into_any())
    } else if let Ok(set) = spec.cast::<PySet>() {
        let keys = set.as_any().try_iter()?.map(|k| k.map(position)).collect::<PyResult<Vec<_>>>()?;
        Ok(PySet::new(py, &keys)?.into_any())
    } else {
        Ok(spec.clone())
    }
}

/// The items of a dict, copied first so user code cannot change them mid-walk.
fn snapshot<'py>(dict: &Bound<'py, PyDict>) -> PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    dict.items().iter().map(|pair| pair.extract()).collect()
}

/// `True` or `...`: the whole value.
fn is_all(value: &Bound<'_, PyAny>) -> bool {
    value.is(value.py().Ellipsis()) || value.cast::<PyBool>().is_ok_and(|b| b.is_true())
}

fn contains_key_or_all(spec: &Bound<'_, PyAny>, key: &Bound<'_, PyAny>) -> PyResult<Option<bool>> {
    let py = spec.py();
    if let Ok(set) = spec.cast::<PySet>() {
        return Ok(Some(set.contains(key)? || set.contains(intern!(py, "__all__"))?));
    }
    // any other container answering `in`
    match spec.call_method1(intern!(py, "__contains__"), (key,)) {
        Ok(found) => Ok(Some(found.is_truthy()? || spec.contains(intern!(py, "__all__"))?)),
        Err(_) => Ok(None),
    }
}

fn decide<'py>(
    key: &Bound<'py, PyAny>,
    include: Option<&Bound<'py, PyAny>>,
    exclude: Option<&Bound<'py, PyAny>>,
) -> PyResult<Option<Filter<'py>>> {
    let mut next_exclude = None;
    if let Some(exclude) = exclude {
        if let Ok(dict) = exclude.cast::<PyDict>() {
            if let Some(value) = lookup_with_all(dict, key)? {
                if is_all(&value) {
                    return Ok(None);
                }
                // None: nothing left out below
                next_exclude = Some(value).filter(|v| !v.is_none());
            }
        } else {
            match contains_key_or_all(exclude, key)? {
                Some(true) => return Ok(None),
                Some(false) => {}
                None => return Err(PyTypeError::new_err("`exclude` argument must be a set or dict.")),
            }
        }
    }
    if let Some(include) = include {
        if let Ok(dict) = include.cast::<PyDict>() {
            return Ok(match lookup_with_all(dict, key)? {
                Some(value) if is_all(&value) || value.is_none() => Some(Filter { include: None, exclude: next_exclude }),
                Some(value) => Some(Filter { include: Some(value), exclude: next_exclude }),
                None => None,
            });
        }
        return match contains_key_or_all(include, key)? {
            Some(true) => Ok(Some(Filter { include: None, exclude: next_exclude })),
            Some(false) => Ok(None),
            None => Err(PyTypeError::new_err("`include` argument must be a set or dict.")),
        };
    }
    Ok(Some(Filter { include: None, exclude: next_exclude }))
}

/// `dict[key]`, merged with `dict["__all__"]` when both are there.
fn lookup_with_all<'py>(dict: &Bound<'py, PyDict>, key: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let own = dict.get_item(key)?;
    let all = dict.get_item(intern!(dict.py(), "__all__"))?;
    match (own, all) {
        (Some(own), Some(all)) => {
            if is_all(&own) || is_all(&all) {
                Ok(Some(own))
            } else {
                Ok(Some(merge(&as_dict(&own)?, &all)?.into_any()))
            }
        }
        (own, None) => Ok(own),
        (None, all) => Ok(all),
    }
}

/// A set as a dict whose every value is `...`.
fn as_dict<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let py = value.py();
    if let Ok(dict) = value.cast::<PyDict>() {
        return dict.copy();
    }
    if let Ok(set) = value.cast::<PySet>() {
        let out = PyDict::new(py);
        for item in set.as_any().try_iter()? {
            out.set_item(item?, py.Ellipsis())?;
        }
        return Ok(out);
    }
    Err(PyTypeError::new_err(
        "`include` and `exclude` must be of type `dict[str | int, <recursive> | ...] | set[str | int | ...]`",
    ))
}

/// `own` with the entries of `all` added; nested dicts merge the same way.
fn merge<'py>(own: &Bound<'py, PyDict>, all: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let py = own.py();
    let out = own.copy()?;
    if let Ok(all) = all.cast::<PyDict>() {
        for (key, all_value) in snapshot(all)? {
            match out.get_item(&key)? {
                Some(existing) if is_all(&existing) => {}
                Some(existing) => {
                    if !is_all(&all_value) {
                        out.set_item(&key, merge(&as_dict(&existing)?, &all_value)?)?;
                    }
                }
                None => out.set_item(&key, all_value)?,
            }
        }
    } else if let Ok(set) = all.cast::<PySet>() {
        for item in set.as_any().try_iter()? {
            let item = item?;
            if !out.contains(&item)? {
                out.set_item(item, py.Ellipsis())?;
            }
        }
    } else {
        return Err(PyTypeError::new_err(
            "'__all__' key of `include` and `exclude` must be of type `dict[str | int, <recursive> | ...] | set[str | int | ...]`",
        ));
    }
    Ok(out)
}
