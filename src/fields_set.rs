//! Which fields an instance was given explicitly (`model_fields_set`), kept
//! as a bitset in the instance itself: the first 64 fields inline in the
//! `ModelBase` header, the rest in a vector the header points to.

use pyo3::ffi;
use smallvec::SmallVec;

/// The fields set of one instance while it is being built.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldsSet {
    words: SmallVec<[u64; 1]>,
}

impl FieldsSet {
    #[inline]
    pub fn with_fields(count: usize) -> Self {
        FieldsSet { words: SmallVec::from_elem(0, count.div_ceil(64).max(1)) }
    }

    #[inline]
    pub fn insert(&mut self, index: usize) {
        let word = index / 64;
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        self.words[word] |= 1 << (index % 64);
    }

    /// How many fields are set.
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    #[inline]
    pub fn contains(&self, index: usize) -> bool {
        self.words.get(index / 64).is_some_and(|w| w & (1 << (index % 64)) != 0)
    }
}

/// The native part of every Model instance, before the field slots.
#[repr(C)]
pub struct ModelHeader {
    ob_base: ffi::PyObject,
    first: u64,
    /// Words for fields 64 and up; null while no such field is set.
    rest: *mut Vec<u64>,
}

/// Stores `set` in `obj`, replacing what it held.
///
/// # Safety
/// `obj` must be a live instance of a `ModelBase` subclass.
#[inline]
pub unsafe fn store(obj: *mut ffi::PyObject, set: &FieldsSet) {
    let header = obj as *mut ModelHeader;
    (*header).first = set.words.first().copied().unwrap_or(0);
    let rest = &set.words[set.words.len().min(1)..];
    let old = std::mem::replace(&mut (*header).rest, std::ptr::null_mut());
    if !old.is_null() {
        drop(Box::from_raw(old));
    }
    if rest.iter().any(|w| *w != 0) {
        (*header).rest = Box::into_raw(Box::new(rest.to_vec()));
    }
}

/// The fields set stored in `obj`.
///
/// # Safety
/// As for `store`.
pub unsafe fn load(obj: *mut ffi::PyObject) -> FieldsSet {
    let header = obj as *const ModelHeader;
    let mut words: SmallVec<[u64; 1]> = SmallVec::new();
    words.push((*header).first);
    if !(*header).rest.is_null() {
        words.extend_from_slice(&*(*header).rest);
    }
    FieldsSet { words }
}

/// Whether field `index` of `obj` was set explicitly.
///
/// # Safety
/// As for `store`.
#[inline]
pub unsafe fn contains(obj: *mut ffi::PyObject, index: usize) -> bool {
    let header = obj as *const ModelHeader;
    if index < 64 {
        return (*header).first & (1 << index) != 0;
    }
    let rest = (*header).rest;
    !rest.is_null() && (&*rest).get(index / 64 - 1).is_some_and(|w| w & (1 << (index % 64)) != 0)
}

/// Marks field `index` of `obj` as set (an assignment).
///
/// # Safety
/// As for `store`.
pub unsafe fn insert(obj: *mut ffi::PyObject, index: usize) {
    let mut set = load(obj);
    set.insert(index);
    store(obj, &set);
}

/// Frees what the header owns; the instance is being deallocated.
///
/// # Safety
/// As for `store`; `obj` is not used afterwards.
pub unsafe fn release(obj: *mut ffi::PyObject) {
    let header = obj as *mut ModelHeader;
    let rest = std::mem::replace(&mut (*header).rest, std::ptr::null_mut());
    if !rest.is_null() {
        drop(Box::from_raw(rest));
    }
}
