//! Relocatable object code for aarch64 Linux through cranelift-object: the
//! same translation and flags as the host JIT, so that the native code of
//! another architecture can be linked and run under an emulator.

use cranelift_codegen::isa;
use cranelift_codegen::settings;
use cranelift_module::{default_libcall_names, Linkage};
use cranelift_object::{ObjectBuilder, ObjectModule};

use crate::engine::{self, Shape};
use crate::error::JitError;
use crate::program::Program;

/// The target triple the object code is generated for.
pub const AARCH64_LINUX: &str = "aarch64-unknown-linux-gnu";

/// One exported function of the object file. It follows the entry ABI
/// `fn(slots: *const u64, n: usize, out: *mut u64) -> u32` and runs `program`
/// in `shape`, exactly as `engine::compile` would on the host.
#[derive(Clone, Copy, Debug)]
pub struct Export<'a> {
    pub name: &'a str,
    pub program: &'a Program,
    pub shape: Shape,
}

/// Compiles the exports into ELF objects for [`AARCH64_LINUX`], one per shape
/// present (flat first), each with the flags the host JIT uses for that shape.
/// Float multiple_of checks call `satya_float_is_multiple(f64, f64) -> u8`,
/// left undefined for the linker to resolve.
pub fn emit_aarch64_objects(exports: &[Export<'_>]) -> Result<Vec<Vec<u8>>, JitError> {
    let mut objects = Vec::new();
    for shape in [Shape::Flat, Shape::Array] {
        let group: Vec<&Export<'_>> = exports.iter().filter(|e| e.shape == shape).collect();
        if !group.is_empty() {
            objects.push(emit_one(shape, &group)?);
        }
    }
    Ok(objects)
}

fn emit_one(shape: Shape, exports: &[&Export<'_>]) -> Result<Vec<u8>, JitError> {
    let mut flags = engine::codegen_flags(shape)?;
    // Object code is produced ahead of time for testing: the verifier's cost is
    // irrelevant there, and it catches IR the host path would never notice.
    engine::set_flag(&mut flags, "enable_verifier", "true")?;
    let target_isa = isa::lookup_by_name(AARCH64_LINUX)
        .map_err(|e| JitError::Unsupported(format!("{AARCH64_LINUX}: {e}")))?
        .finish(settings::Flags::new(flags))
        .map_err(|e| JitError::Codegen(e.to_string()))?;
    let builder = ObjectBuilder::new(target_isa, "satya_checks", default_libcall_names())
        .map_err(|e| JitError::Codegen(e.to_string()))?;
    let mut module = ObjectModule::new(builder);
    for export in exports {
        engine::check_shape(export.program, export.shape)?;
        engine::define(&mut module, export.name, Linkage::Export, export.program, export.shape)?;
    }
    module.finish().emit().map_err(|e| JitError::Codegen(e.to_string()))
}
