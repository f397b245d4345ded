//! Constraint programs over a flat buffer of 64-bit slots.
//!
//! This crate knows nothing of Python. A slot holds an `i64`, the bits of an
//! `f64`, or a `usize` length; a [`Program`] says which checks to run over which
//! slots, and running it reports which checks failed. The same Program runs in
//! the interpreter ([`run`]) or as native code ([`engine::compile`]). Building
//! error messages is the caller's job, using each check's [`Origin`].
//!
//! With the `aarch64` feature, `object` emits the same code for
//! aarch64-unknown-linux-gnu as a relocatable object file.

pub mod engine;
pub mod error;
pub mod interp;
#[cfg(feature = "aarch64")]
pub mod object;
pub mod program;
pub mod translate;

pub use engine::{compile, Compiled, Shape};
pub use error::JitError;
pub use interp::{run, run_array};
pub use program::{Check, CheckKind, Origin, Program, ProgramError};
