//! `include` and `exclude`: which fields, keys and items a dump keeps, and
//! the filters passed down to each kept value. Both are sets or dicts, nested
//! to any depth; `True` or `...` as a dict value means "all of it";
//! `"__all__"` applies to every key or item; list items are picked by index.

use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PySet};

use crate::input::DictEntries;

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

    /// This filter ready to be asked about each key of one value: the
    /// `"__all__"` entries are looked up once.
    pub fn prepare(&self) -> PyResult<Prepared<'py>> {
        Ok(Prepared { include: Side::of(self.include.as_ref())?, exclude: Side::of(self.exclude.as_ref())? })
    }

    /// A RootModel's filter, which names the items of its value, as the
    /// filter of its fields: `{"root": ...}` on each side given.
    pub fn under_root(&self) -> PyResult<Filter<'py>> {
        let wrap = |side: &Bound<'py, PyAny>| -> PyResult<Bound<'py, PyAny>> {
            let dict = PyDict::new(side.py());
            dict.set_item(intern!(side.py(), "root"), side)?;
            Ok(dict.into_any())
        };
        Ok(Filter { include: self.include.as_ref().map(wrap).transpose()?, exclude: self.exclude.as_ref().map(wrap).transpose()? })
    }

    /// This filter for a sequence of `len` items, whose `key`s are then the
    /// indexes: int keys are taken modulo the length, so -1 is the last.
    fn positioned(&self, len: usize) -> PyResult<Filter<'py>> {
        Ok(Filter {
            include: self.include.as_ref().map(|v| by_position(v, len)).transpose()?,
            exclude: self.exclude.as_ref().map(|v| by_position(v, len)).transpose()?,
        })
    }

}

/// The entries of `dict` that `filter` keeps, each with the filter for its
/// value; the walk is `DictEntries`', safe against changes by user code.
pub fn kept_entries<'a, 'py>(
    dict: &'a Bound<'py, PyDict>,
    filter: &Filter<'py>,
) -> PyResult<impl Iterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>, Filter<'py>)>> + 'a> {
    let prepared = if filter.is_empty() { None } else { Some(filter.prepare()?) };
    Ok(DictEntries::new(dict).filter_map(move |entry| {
        let (k, v) = match entry {
            Ok(entry) => entry,
            Err(e) => return Some(Err(e)),
        };
        match &prepared {
            None => Some(Ok((k, v, Filter::default()))),
            Some(p) => p.key(&k).map(|next| next.map(|next| (k, v, next))).transpose(),
        }
    }))
}

/// A filter over the items of one sequence, by index.
pub struct ItemFilter<'py>(Option<Prepared<'py>>);

impl<'py> ItemFilter<'py> {
    pub fn new(filter: &Filter<'py>, len: usize) -> PyResult<Self> {
        Ok(ItemFilter(if filter.is_empty() { None } else { Some(filter.positioned(len)?.prepare()?) }))
    }

    /// The filter for item `index`, or None when it is left out.
    #[inline]
    pub fn item(&self, py: Python<'py>, index: usize) -> PyResult<Option<Filter<'py>>> {
        match &self.0 {
            None => Ok(Some(Filter::default())),
            Some(prepared) => prepared.index(py, index),
        }
    }
}

/// One side (include or exclude) of a prepared filter.
enum Side<'py> {
    Absent,
    Dict { dict: Bound<'py, PyDict>, all: Option<Bound<'py, PyAny>> },
    Set { set: Bound<'py, PySet>, all: bool },
    /// Any other container answering `in`.
    Other(Bound<'py, PyAny>),
}

impl<'py> Side<'py> {
    fn of(spec: Option<&Bound<'py, PyAny>>) -> PyResult<Self> {
        let Some(spec) = spec else { return Ok(Side::Absent) };
        let all_key = intern!(spec.py(), "__all__");
        Ok(if let Ok(dict) = spec.cast::<PyDict>() {
            Side::Dict { dict: dict.clone(), all: dict.get_item(all_key)? }
        } else if let Ok(set) = spec.cast::<PySet>() {
            Side::Set { set: set.clone(), all: set.contains(all_key)? }
        } else {
            Side::Other(spec.clone())
        })
    }

    /// `dict[key]`, merged with `dict["__all__"]` when both are there.
    fn dict_value(dict: &Bound<'py, PyDict>, all: Option<&Bound<'py, PyAny>>, key: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let own = dict.get_item(key)?;
        match (own, all) {
            (Some(own), Some(all)) => {
                if is_all(&own) || is_all(all) {
                    Ok(Some(own))
                } else {
                    Ok(Some(merge(&as_dict(&own)?, all)?.into_any()))
                }
            }
            (own, None) => Ok(own),
            (None, all) => Ok(all.cloned()),
        }
    }

    /// Whether `key` (or `"__all__"`) is in a set-like side; None for a value
    /// that answers no `in`.
    fn contains(&self, key: &Bound<'py, PyAny>) -> PyResult<Option<bool>> {
        match self {
            Side::Set { set, all } => Ok(Some(*all || set.contains(key)?)),
            Side::Other(spec) => {
                let py = spec.py();
                match spec.call_method1(intern!(py, "__contains__"), (key,)) {
                    Ok(found) => Ok(Some(found.is_truthy()? || spec.contains(intern!(py, "__all__"))?)),
                    Err(_) => Ok(None),
                }
            }
            Side::Absent | Side::Dict { .. } => Ok(None),
        }
    }
}

/// A filter prepared for the keys (or indexes) of one value.
pub struct Prepared<'py> {
    include: Side<'py>,
    exclude: Side<'py>,
}

impl<'py> Prepared<'py> {
    /// The filter for the value under `key` (a field name or a dict key), or
    /// None when it is left out.
    pub fn key(&self, key: &Bound<'py, PyAny>) -> PyResult<Option<Filter<'py>>> {
        let mut next_exclude = None;
        match &self.exclude {
            Side::Absent => {}
            Side::Dict { dict, all } => {
                if let Some(value) = Side::dict_value(dict, all.as_ref(), key)? {
                    if is_all(&value) {
                        return Ok(None);
                    }
                    // None: nothing left out below
                    next_exclude = Some(value).filter(|v| !v.is_none());
                }
            }
            side => match side.contains(key)? {
                Some(true) => return Ok(None),
                Some(false) => {}
                None => return Err(PyTypeError::new_err("`exclude` argument must be a set or dict.")),
            },
        }
        match &self.include {
            Side::Absent => Ok(Some(Filter { include: None, exclude: next_exclude })),
            Side::Dict { dict, all } => Ok(match Side::dict_value(dict, all.as_ref(), key)? {
                Some(value) if is_all(&value) || value.is_none() => Some(Filter { include: None, exclude: next_exclude }),
                Some(value) => Some(Filter { include: Some(value), exclude: next_exclude }),
                None => None,
            }),
            side => match side.contains(key)? {
                Some(true) => Ok(Some(Filter { include: None, exclude: next_exclude })),
                Some(false) => Ok(None),
                None => Err(PyTypeError::new_err("`include` argument must be a set or dict.")),
            },
        }
    }

    /// The filter for item `index` of a `positioned` filter.
    fn index(&self, py: Python<'py>, index: usize) -> PyResult<Option<Filter<'py>>> {
        self.key(index.into_pyobject(py)?.as_any())
    }
}

/// The include or exclude of a sequence with each int key taken modulo `len`.
fn by_position<'py>(spec: &Bound<'py, PyAny>, len: usize) -> PyResult<Bound<'py, PyAny>> {
    let py = spec.py();
    // without int keys there is nothing to move
    let keys = match spec.cast::<PyDict>() {
        Ok(dict) => Some(dict.keys().into_any()),
        Err(_) if spec.is_instance_of::<PySet>() => Some(spec.clone()),
        Err(_) => None,
    };
    if let Some(keys) = keys {
        let mut has_int_key = false;
        for key in keys.try_iter()? {
            has_int_key |= key?.is_instance_of::<PyInt>();
        }
        if !has_int_key {
            return Ok(spec.clone());
        }
    }
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
                    // converted first, so that a value that is no set or dict is refused either way
                    let existing = as_dict(&existing)?;
                    if !is_all(&all_value) {
                        out.set_item(&key, merge(&existing, &all_value)?)?;
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
