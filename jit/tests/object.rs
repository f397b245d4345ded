//! Object emission for aarch64; the code itself runs under qemu in `make test-aarch64`.
#![cfg(feature = "aarch64")]

use satya_jit::object::{emit_aarch64_objects, Export};
use satya_jit::{Check, CheckKind, JitError, Origin, Program, Shape};

fn program(n_slots: u32, kinds: &[CheckKind]) -> Program {
    let checks = kinds.iter().map(|&kind| Check { slot: 0, kind, origin: Origin::Ge }).collect();
    Program::new(n_slots, checks).unwrap()
}

#[test]
fn emits_an_aarch64_elf_object_exporting_each_function() {
    let flat = program(2, &[CheckKind::IntMin(1), CheckKind::FloatMultipleOf(0.5)]);
    let item = program(1, &[CheckKind::LenMax(50)]);
    let objects = emit_aarch64_objects(&[
        Export { name: "flat_checks", program: &flat, shape: Shape::Flat },
        Export { name: "item_checks", program: &item, shape: Shape::Array },
    ])
    .expect("emits");
    assert_eq!(objects.len(), 2, "one object per shape");
    const EM_AARCH64: u16 = 183;
    for object in &objects {
        assert_eq!(&object[..4], b"\x7fELF");
        assert_eq!(u16::from_le_bytes([object[18], object[19]]), EM_AARCH64);
    }
    let contains = |object: &[u8], name: &[u8]| object.windows(name.len()).any(|w| w == name);
    assert!(contains(&objects[0], b"flat_checks\0") && contains(&objects[1], b"item_checks\0"));
    assert!(contains(&objects[0], b"satya_float_is_multiple\0"), "the helper stays an undefined symbol");
}

#[test]
fn refuses_an_array_item_program_over_several_slots() {
    let wide = program(2, &[CheckKind::IntMin(0)]);
    let result = emit_aarch64_objects(&[Export { name: "wide", program: &wide, shape: Shape::Array }]);
    assert!(matches!(result, Err(JitError::NotSupported(_))));
}
