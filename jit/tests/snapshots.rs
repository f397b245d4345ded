//! The Cranelift IR of canonical programs, compared with the files in
//! `tests/snapshots/`. A change to the translation shows up here as a diff
//! to review. After an intended change, regenerate the files with
//!
//!     UPDATE_SNAPSHOTS=1 cargo test --release -p satya-jit --test snapshots
//!
//! and commit them with the change.

use std::path::PathBuf;

use satya_jit::{compile, Check, CheckKind, Origin, Program, Shape};

fn program(n_slots: u32, checks: &[(u32, CheckKind, Origin)]) -> Program {
    let checks = checks
        .iter()
        .map(|&(slot, kind, origin)| Check { slot, kind, origin })
        .collect();
    Program::new(n_slots, checks).expect("snapshot programs are valid")
}

fn snapshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("snapshots")
        .join(format!("{name}.clif"))
}

/// Compiles `program` and compares its CLIF with the stored snapshot, or
/// rewrites the snapshot when `UPDATE_SNAPSHOTS=1`.
fn assert_clif_snapshot(name: &str, program: &Program, shape: Shape) {
    let compiled = compile(program, shape).expect("snapshot programs compile");
    assert!(compiled.code_size > 0, "{name}: no machine code");
    let actual = compiled.clif.clone();
    let path = snapshot_path(name);
    if std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{name}: cannot read {} ({e}); run with UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    if actual != expected {
        let line = actual.lines().zip(expected.lines()).position(|(a, e)| a != e);
        let at = match line {
            Some(i) => format!(
                "first difference at line {}:\n  stored: {}\n  now:    {}",
                i + 1,
                expected.lines().nth(i).unwrap(),
                actual.lines().nth(i).unwrap()
            ),
            None => format!(
                "stored {} lines, now {} lines",
                expected.lines().count(),
                actual.lines().count()
            ),
        };
        panic!(
            "{name}: CLIF differs from {}\n{at}\n--- now ---\n{actual}\n(run with UPDATE_SNAPSHOTS=1 to accept)",
            path.display()
        );
    }
}

#[test]
fn int_range() {
    // ge=0, le=150
    let p = program(
        1,
        &[
            (0, CheckKind::IntMin(0), Origin::Ge),
            (0, CheckKind::IntMax(150), Origin::Le),
        ],
    );
    assert_clif_snapshot("int_range", &p, Shape::Flat);
}

#[test]
fn int_gt_lt_normalised() {
    // gt=5, lt=10 arrive as min=6, max=9: the IR compares with 6 and 9.
    let p = program(
        1,
        &[
            (0, CheckKind::IntMin(6), Origin::Gt),
            (0, CheckKind::IntMax(9), Origin::Lt),
        ],
    );
    assert_clif_snapshot("int_gt_lt_normalised", &p, Shape::Flat);
}

#[test]
fn int_multiple_of() {
    // A plain divisor uses srem; ±1 is a constant pass; i64::MIN is a plain srem.
    let p = program(
        3,
        &[
            (0, CheckKind::IntMultipleOf(3), Origin::MultipleOf),
            (1, CheckKind::IntMultipleOf(-1), Origin::MultipleOf),
            (2, CheckKind::IntMultipleOf(i64::MIN), Origin::MultipleOf),
        ],
    );
    assert_clif_snapshot("int_multiple_of", &p, Shape::Flat);
}

#[test]
fn float_bounds() {
    // Each comparison is the negated, unordered-true one, so NaN fails.
    let p = program(
        1,
        &[
            (0, CheckKind::FloatGt(0.0), Origin::Gt),
            (0, CheckKind::FloatGe(-1.5), Origin::Ge),
            (0, CheckKind::FloatLt(100.0), Origin::Lt),
            (0, CheckKind::FloatLe(1e300), Origin::Le),
        ],
    );
    assert_clif_snapshot("float_bounds", &p, Shape::Flat);
}

#[test]
fn float_multiple_of_calls_the_helper() {
    let p = program(1, &[(0, CheckKind::FloatMultipleOf(0.1), Origin::MultipleOf)]);
    let compiled = compile(&p, Shape::Flat).unwrap();
    assert!(
        compiled.clif.contains("call fn0"),
        "float multiple_of must call the helper:\n{}",
        compiled.clif
    );
    assert_clif_snapshot("float_multiple_of", &p, Shape::Flat);
}

#[test]
fn lengths() {
    // Unsigned comparisons; the largest bound is u64::MAX.
    let p = program(
        2,
        &[
            (0, CheckKind::LenMin(1), Origin::MinLength),
            (0, CheckKind::LenMax(50), Origin::MaxLength),
            (1, CheckKind::LenMax(u64::MAX), Origin::MaxLength),
        ],
    );
    assert_clif_snapshot("lengths", &p, Shape::Flat);
}

#[test]
fn mixed_multi_slot() {
    // The constrained W2 model: id gt 0, name 1..50, age 0..150, score 0..100.
    // Each slot is loaded once, however many checks read it.
    let p = program(
        4,
        &[
            (0, CheckKind::IntMin(1), Origin::Gt),
            (1, CheckKind::LenMin(1), Origin::MinLength),
            (1, CheckKind::LenMax(50), Origin::MaxLength),
            (2, CheckKind::IntMin(0), Origin::Ge),
            (2, CheckKind::IntMax(150), Origin::Le),
            (3, CheckKind::FloatGe(0.0), Origin::Ge),
            (3, CheckKind::FloatLe(100.0), Origin::Le),
        ],
    );
    let compiled = compile(&p, Shape::Flat).unwrap();
    assert_eq!(
        compiled.clif.matches("load.i64").count(),
        4,
        "one load per slot:\n{}",
        compiled.clif
    );
    assert_clif_snapshot("mixed_multi_slot", &p, Shape::Flat);
}

#[test]
fn more_than_64_checks_use_two_words() {
    // Checks 0..63 go to out[0], 64 and 65 to out[1].
    let checks: Vec<(u32, CheckKind, Origin)> = (0..66)
        .map(|i| (i % 2, CheckKind::IntMin(i as i64), Origin::Ge))
        .collect();
    let p = program(2, &checks);
    assert_eq!(p.out_words(), 2);
    let compiled = compile(&p, Shape::Flat).unwrap();
    // The bitset is two words: out[1] (offset 8) is stored, nothing beyond it.
    assert!(
        compiled.clif.contains(", v2+8"),
        "out[1] is never stored:\n{}",
        compiled.clif
    );
    assert!(
        !compiled.clif.contains(", v2+16"),
        "a store past the bitset:\n{}",
        compiled.clif
    );
    assert_clif_snapshot("more_than_64_checks", &p, Shape::Flat);
}

#[test]
fn array_float_range() {
    // list[Annotated[float, Field(gt=0, lt=1)]]
    let p = program(
        1,
        &[
            (0, CheckKind::FloatGt(0.0), Origin::Gt),
            (0, CheckKind::FloatLt(1.0), Origin::Lt),
        ],
    );
    assert_clif_snapshot("array_float_range", &p, Shape::Array);
}

#[test]
fn array_str_length() {
    // list[Annotated[str, Field(min_length=1, max_length=2)]]: item lengths.
    let p = program(
        1,
        &[
            (0, CheckKind::LenMin(1), Origin::MinLength),
            (0, CheckKind::LenMax(2), Origin::MaxLength),
        ],
    );
    assert_clif_snapshot("array_str_length", &p, Shape::Array);
}
