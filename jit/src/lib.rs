//! Constraint programs over a flat buffer of 64-bit slots.
//!
//! This crate knows nothing of Python. A slot holds an `i64`, the bits of an
//! `f64`, or a `usize` length; a [`Program`] says which checks to run over which
//! slots, and running it reports which checks failed. Building error messages is
//! the caller's job, using each check's [`Origin`].

pub mod interp;
pub mod program;

pub use interp::run;
pub use program::{Check, CheckKind, Origin, Program, ProgramError};
