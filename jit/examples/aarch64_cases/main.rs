//! Generates the aarch64 differential cases: a fixed, seeded set of Programs
//! compiled for aarch64-unknown-linux-gnu into `cases_0.o` (flat) and `cases_1.o` (array), and `cases.c` with
//! their inputs and the outputs the host interpreter computes for them.
//! `harness.c`, next to this file, links the two and compares every call; run
//! it all with `make test-aarch64`.
//!
//! Usage: `aarch64_cases OUT_DIR`

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs, process};

use satya_jit::interp::{self, float_is_multiple};
use satya_jit::object::{emit_aarch64_objects, Export, AARCH64_LINUX};
use satya_jit::{Check, CheckKind, Origin, Program, Shape};

const SEED: u64 = 0x5a71_a0aa_c4e5_0001;
const RANDOM_FLAT_PROGRAMS: usize = 150;
const RANDOM_ARRAY_PROGRAMS: usize = 60;
/// Rows of random slot values per flat program, after the rows that walk
/// through every value of each slot's pool.
const RANDOM_ROWS: usize = 32;
const RANDOM_ARRAYS: usize = 6;
/// Long enough that array code runs thousands of loop iterations.
const LONG_ARRAY_LEN: usize = 4099;

// Bounds and values chosen for their edges: the ends of each type, zero and
// its sign, ±1, NaN and the infinities, subnormals, and lengths past u32.
const INT_BOUNDS: &[i64] = &[i64::MIN, i64::MIN + 1, -1_000_000_007, -151, -1, 0, 1, 6, 150, i64::MAX - 1, i64::MAX];
const INT_DIVISORS: &[i64] =
    &[1, -1, 2, -2, 3, -3, 7, -7, 10, 1 << 32, 1 << 62, -(1 << 62), i64::MIN, i64::MIN + 1, i64::MAX];
const INT_VALUES: &[i64] = &[
    i64::MIN,
    i64::MIN + 1,
    -(1 << 32),
    -1_000_000_007,
    -7,
    -3,
    -2,
    -1,
    0,
    1,
    2,
    3,
    5,
    6,
    7,
    150,
    151,
    1 << 32,
    i64::MAX - 1,
    i64::MAX,
];
const FLOAT_BOUNDS: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    100.0,
    -100.0,
    1e-300,
    f64::MIN_POSITIVE,
    5e-324,
    -5e-324,
    f64::MAX,
    f64::MIN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
];
const FLOAT_DIVISORS: &[f64] =
    &[0.1, -0.1, 0.5, 1.0, -1.0, 2.5, 3.0, 7.0, 0.3, 1e-9, 1e9, f64::MIN_POSITIVE, 5e-324, f64::MAX, f64::MIN];
const FLOAT_VALUES: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -0.5,
    0.1,
    0.3,
    0.300_000_000_000_000_04,
    0.7,
    3.0,
    7.0,
    100.0,
    100.5,
    -100.0,
    1e-9,
    1e9,
    1e300,
    -1e300,
    9_007_199_254_740_992.0,
    9.223_372_036_854_776e18,
    -9.223_372_036_854_776e18,
    f64::MIN_POSITIVE,
    f64::MIN_POSITIVE / 4.0,
    5e-324,
    -5e-324,
    f64::MAX,
    f64::MIN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
];
/// Float bit patterns no `f64` literal spells: NaN signs and payloads, subnormal ends.
const FLOAT_VALUE_BITS: &[u64] = &[
    0xfff8_0000_0000_0000, // negative quiet NaN
    0x7ff0_0000_0000_0001, // signalling NaN
    0x7ff8_0000_0000_beef, // NaN with a payload
    0x000f_ffff_ffff_ffff, // largest subnormal
    0x800f_ffff_ffff_ffff, // its negative
];
const LEN_BOUNDS: &[u64] = &[0, 1, 50, 1 << 31, u32::MAX as u64, 1 << 63, u64::MAX - 1, u64::MAX];
const LEN_VALUES: &[u64] =
    &[0, 1, 2, 49, 50, 51, 1 << 31, u32::MAX as u64, 1 << 32, (1 << 63) - 1, 1 << 63, u64::MAX - 1, u64::MAX];

/// Every kind the generator must cover, in both shapes.
const ALL_KINDS: &[&str] = &[
    "IntMin",
    "IntMax",
    "IntMultipleOf",
    "FloatGt",
    "FloatGe",
    "FloatLt",
    "FloatLe",
    "FloatMultipleOf",
    "LenMin",
    "LenMax",
];

fn kind_name(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::IntMin(_) => "IntMin",
        CheckKind::IntMax(_) => "IntMax",
        CheckKind::IntMultipleOf(_) => "IntMultipleOf",
        CheckKind::FloatGt(_) => "FloatGt",
        CheckKind::FloatGe(_) => "FloatGe",
        CheckKind::FloatLt(_) => "FloatLt",
        CheckKind::FloatLe(_) => "FloatLe",
        CheckKind::FloatMultipleOf(_) => "FloatMultipleOf",
        CheckKind::LenMin(_) => "LenMin",
        CheckKind::LenMax(_) => "LenMax",
    }
}

/// The origin a user bound of this kind would carry; only error messages read it.
fn origin(kind: CheckKind) -> Origin {
    match kind {
        CheckKind::IntMin(_) | CheckKind::FloatGe(_) => Origin::Ge,
        CheckKind::IntMax(_) | CheckKind::FloatLe(_) => Origin::Le,
        CheckKind::FloatGt(_) => Origin::Gt,
        CheckKind::FloatLt(_) => Origin::Lt,
        CheckKind::IntMultipleOf(_) | CheckKind::FloatMultipleOf(_) => Origin::MultipleOf,
        CheckKind::LenMin(_) => Origin::MinLength,
        CheckKind::LenMax(_) => Origin::MaxLength,
    }
}

/// SplitMix64: tiny and fully specified here, so the cases change only when
/// this file does.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn between(&mut self, low: usize, high_inclusive: usize) -> usize {
        low + self.below(high_inclusive - low + 1)
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A small signed integer in `-limit..=limit`.
    fn small(&mut self, limit: i64) -> i64 {
        self.between(0, 2 * limit as usize) as i64 - limit
    }
}

#[derive(Clone, Copy, PartialEq)]
enum SlotType {
    Int,
    Float,
    Len,
}

const SLOT_TYPES: [SlotType; 3] = [SlotType::Int, SlotType::Float, SlotType::Len];

fn random_int_bound(rng: &mut Rng) -> i64 {
    match rng.below(4) {
        0 | 1 => rng.pick(INT_BOUNDS),
        2 => rng.small(1000),
        _ => rng.next_u64() as i64,
    }
}

fn random_int_divisor(rng: &mut Rng) -> i64 {
    let divisor = match rng.below(4) {
        0 | 1 => rng.pick(INT_DIVISORS),
        2 => rng.small(100),
        _ => rng.next_u64() as i64,
    };
    if divisor == 0 {
        1
    } else {
        divisor
    }
}

fn random_float_bound(rng: &mut Rng) -> f64 {
    match rng.below(4) {
        0 | 1 => rng.pick(FLOAT_BOUNDS),
        2 => rng.small(1000) as f64 / 10.0,
        _ => f64::from_bits(rng.next_u64()),
    }
}

fn random_float_divisor(rng: &mut Rng) -> f64 {
    let divisor = match rng.below(4) {
        0 | 1 => rng.pick(FLOAT_DIVISORS),
        2 => rng.small(1000) as f64 / 100.0,
        _ => f64::from_bits(rng.next_u64()),
    };
    // A Program only accepts finite, non-zero float divisors.
    if divisor.is_finite() && divisor != 0.0 {
        divisor
    } else {
        0.25
    }
}

fn random_len_bound(rng: &mut Rng) -> u64 {
    match rng.below(4) {
        0 | 1 => rng.pick(LEN_BOUNDS),
        2 => rng.below(1000) as u64,
        _ => rng.next_u64(),
    }
}

fn random_kind(rng: &mut Rng, slot_type: SlotType) -> CheckKind {
    match slot_type {
        SlotType::Int => match rng.below(3) {
            0 => CheckKind::IntMin(random_int_bound(rng)),
            1 => CheckKind::IntMax(random_int_bound(rng)),
            _ => CheckKind::IntMultipleOf(random_int_divisor(rng)),
        },
        SlotType::Float => match rng.below(5) {
            0 => CheckKind::FloatGt(random_float_bound(rng)),
            1 => CheckKind::FloatGe(random_float_bound(rng)),
            2 => CheckKind::FloatLt(random_float_bound(rng)),
            3 => CheckKind::FloatLe(random_float_bound(rng)),
            _ => CheckKind::FloatMultipleOf(random_float_divisor(rng)),
        },
        SlotType::Len => match rng.below(2) {
            0 => CheckKind::LenMin(random_len_bound(rng)),
            _ => CheckKind::LenMax(random_len_bound(rng)),
        },
    }
}

fn slot_type(kind: CheckKind) -> SlotType {
    match kind {
        CheckKind::IntMin(_) | CheckKind::IntMax(_) | CheckKind::IntMultipleOf(_) => SlotType::Int,
        CheckKind::LenMin(_) | CheckKind::LenMax(_) => SlotType::Len,
        _ => SlotType::Float,
    }
}

fn base_values(slot_type: SlotType) -> Vec<u64> {
    match slot_type {
        SlotType::Int => INT_VALUES.iter().map(|&v| v as u64).collect(),
        SlotType::Float => FLOAT_VALUES.iter().map(|v| v.to_bits()).chain(FLOAT_VALUE_BITS.iter().copied()).collect(),
        SlotType::Len => LEN_VALUES.to_vec(),
    }
}

/// Values on and around the edge of one check: the bound and its neighbours,
/// or multiples of the divisor with values just off them.
fn edge_values(kind: CheckKind) -> Vec<u64> {
    let around_bits = |bits: u64| [bits.wrapping_sub(1), bits, bits.wrapping_add(1)];
    match kind {
        CheckKind::IntMin(b) | CheckKind::IntMax(b) => around_bits(b as u64).to_vec(),
        CheckKind::LenMin(b) | CheckKind::LenMax(b) => around_bits(b).to_vec(),
        CheckKind::IntMultipleOf(d) => [0i64, 1, -1, 2, 3, -5, 1 << 20]
            .iter()
            .flat_map(|&k| {
                let multiple = d.wrapping_mul(k);
                [multiple, multiple.wrapping_add(1), multiple.wrapping_sub(1)]
            })
            .map(|v| v as u64)
            .collect(),
        CheckKind::FloatGt(b) | CheckKind::FloatGe(b) | CheckKind::FloatLt(b) | CheckKind::FloatLe(b) => {
            // One bit either way is one ulp either way for finite bounds.
            let mut values = around_bits(b.to_bits()).to_vec();
            values.push((-b).to_bits());
            values
        }
        CheckKind::FloatMultipleOf(d) => [1.0, -1.0, 2.0, 3.0, 10.0, 0.5, 1e6, 1e15, 1e300]
            .iter()
            .flat_map(|&k| {
                let multiple = d * k;
                [multiple.to_bits(), multiple.to_bits().wrapping_add(1), (multiple + d / 2.0).to_bits()]
            })
            .collect(),
    }
}

/// The values a slot is fed: its type's edges plus the edges of every check
/// that reads it, sorted and without repeats.
fn slot_pool(kinds: &[CheckKind]) -> Vec<u64> {
    let mut types: Vec<SlotType> = kinds.iter().map(|&k| slot_type(k)).collect();
    if types.is_empty() {
        types.push(SlotType::Int);
    }
    let mut pool: BTreeSet<u64> = BTreeSet::new();
    for slot_type in SLOT_TYPES.into_iter().filter(|t| types.contains(t)) {
        pool.extend(base_values(slot_type));
    }
    for &kind in kinds {
        pool.extend(edge_values(kind));
    }
    pool.into_iter().collect()
}

fn program(n_slots: u32, kinds: &[(u32, CheckKind)]) -> Program {
    let checks = kinds.iter().map(|&(slot, kind)| Check { slot, kind, origin: origin(kind) }).collect();
    Program::new(n_slots, checks).expect("generated programs are valid")
}

/// Every edge bound of each kind, one check each.
fn edge_kinds() -> Vec<Vec<CheckKind>> {
    vec![
        INT_BOUNDS.iter().map(|&b| CheckKind::IntMin(b)).collect(),
        INT_BOUNDS.iter().map(|&b| CheckKind::IntMax(b)).collect(),
        INT_DIVISORS.iter().map(|&d| CheckKind::IntMultipleOf(d)).collect(),
        FLOAT_BOUNDS.iter().map(|&b| CheckKind::FloatGt(b)).collect(),
        FLOAT_BOUNDS.iter().map(|&b| CheckKind::FloatGe(b)).collect(),
        FLOAT_BOUNDS.iter().map(|&b| CheckKind::FloatLt(b)).collect(),
        FLOAT_BOUNDS.iter().map(|&b| CheckKind::FloatLe(b)).collect(),
        FLOAT_DIVISORS.iter().map(|&d| CheckKind::FloatMultipleOf(d)).collect(),
        LEN_BOUNDS.iter().map(|&b| CheckKind::LenMin(b)).collect(),
        LEN_BOUNDS.iter().map(|&b| CheckKind::LenMax(b)).collect(),
    ]
}

/// Flat programs: per kind, every edge bound on one slot; all of them at once
/// (more than 64 checks, so several bitset words); the empty program; then
/// random programs over up to six slots.
fn flat_programs(rng: &mut Rng) -> Vec<Program> {
    let mut programs = Vec::new();
    let edges = edge_kinds();
    for kinds in &edges {
        programs.push(program(1, &kinds.iter().map(|&k| (0, k)).collect::<Vec<_>>()));
    }
    let slot_of = |kind: CheckKind| SLOT_TYPES.iter().position(|&t| t == slot_type(kind)).unwrap() as u32;
    let everything: Vec<(u32, CheckKind)> = edges.iter().flatten().map(|&k| (slot_of(k), k)).collect();
    assert!(everything.len() > 128, "the combined program should span three bitset words");
    programs.push(program(3, &everything));
    programs.push(program(0, &[]));
    // Slots that no check reads must not disturb the ones that are read.
    programs.push(program(4, &[(2, CheckKind::IntMin(0))]));

    for _ in 0..RANDOM_FLAT_PROGRAMS {
        let n_slots = rng.between(1, 6);
        let slot_types: Vec<SlotType> = (0..n_slots).map(|_| rng.pick(&SLOT_TYPES)).collect();
        let n_checks = if rng.percent(5) { rng.between(65, 140) } else { rng.between(1, 12) };
        let kinds: Vec<(u32, CheckKind)> = (0..n_checks)
            .map(|_| {
                let slot = rng.below(n_slots);
                // Now and then read a slot as another type: it is only bits.
                let slot_type = if rng.percent(10) { rng.pick(&SLOT_TYPES) } else { slot_types[slot] };
                (slot as u32, random_kind(rng, slot_type))
            })
            .collect();
        programs.push(program(n_slots as u32, &kinds));
    }
    programs
}

/// Item programs: one per edge bound, the empty program, then random ones.
fn array_programs(rng: &mut Rng) -> Vec<Program> {
    let mut programs: Vec<Program> = edge_kinds().into_iter().flatten().map(|k| program(1, &[(0, k)])).collect();
    programs.push(program(1, &[]));
    for _ in 0..RANDOM_ARRAY_PROGRAMS {
        let item_type = rng.pick(&SLOT_TYPES);
        let kinds: Vec<(u32, CheckKind)> = (0..rng.between(1, 4))
            .map(|_| {
                let slot_type = if rng.percent(10) { rng.pick(&SLOT_TYPES) } else { item_type };
                (0, random_kind(rng, slot_type))
            })
            .collect();
        programs.push(program(1, &kinds));
    }
    programs
}

fn pool_or_random(rng: &mut Rng, pool: &[u64]) -> u64 {
    if rng.percent(85) {
        rng.pick(pool)
    } else {
        rng.next_u64()
    }
}

/// Slot rows for a flat program: first rows that walk each slot through its
/// whole pool (offset per slot, so the combinations vary), then random rows.
fn flat_inputs(rng: &mut Rng, program: &Program) -> Vec<Vec<u64>> {
    let pools: Vec<Vec<u64>> = (0..program.n_slots())
        .map(|slot| {
            let kinds: Vec<CheckKind> =
                program.checks().iter().filter(|c| c.slot as usize == slot).map(|c| c.kind).collect();
            slot_pool(&kinds)
        })
        .collect();
    let walk = pools.iter().map(Vec::len).max().unwrap_or(1);
    let walk_rows = (0..walk).map(|row| pools.iter().enumerate().map(|(s, p)| p[(row + 7 * s) % p.len()]).collect());
    let mut rows: Vec<Vec<u64>> = walk_rows.collect();
    for _ in 0..RANDOM_ROWS {
        rows.push(pools.iter().map(|p| pool_or_random(rng, p)).collect());
    }
    rows
}

/// Item arrays for an array program: empty, single items, the whole pool in
/// order, random mixes, and sometimes one long array.
fn array_inputs(rng: &mut Rng, program: &Program, with_long_array: bool) -> Vec<Vec<u64>> {
    let kinds: Vec<CheckKind> = program.checks().iter().map(|c| c.kind).collect();
    let pool = slot_pool(&kinds);
    let mut arrays = vec![Vec::new(), vec![pool[0]], vec![pool[pool.len() - 1]], pool.clone()];
    for _ in 0..RANDOM_ARRAYS {
        let len = rng.between(2, 40);
        arrays.push((0..len).map(|_| pool_or_random(rng, &pool)).collect());
    }
    if with_long_array {
        arrays.push((0..LONG_ARRAY_LEN).map(|_| pool_or_random(rng, &pool)).collect());
    }
    arrays
}

struct Function {
    name: String,
    program: Program,
    shape: Shape,
}

/// One call of a function, with what the interpreter says it must return.
struct Case {
    function: usize,
    input: Vec<u64>,
    expected_failed: u32,
    /// The bitset (flat) or the failing indices (array).
    expected_out: Vec<u64>,
}

fn expected_case(function: usize, program: &Program, shape: Shape, input: Vec<u64>) -> Case {
    let (expected_failed, expected_out) = match shape {
        Shape::Flat => {
            let mut out = vec![0; program.out_words()];
            (interp::run(program, &input, &mut out), out)
        }
        Shape::Array => {
            let mut out = vec![0; input.len()];
            let failed = interp::run_array(program, &input, &mut out);
            out.truncate(failed as usize);
            (failed, out)
        }
    };
    Case { function, input, expected_failed, expected_out }
}

/// Fails the generator when a kind is missing from either shape.
fn assert_every_kind_covered(functions: &[Function]) {
    for shape in [Shape::Flat, Shape::Array] {
        let used: BTreeSet<&str> = functions
            .iter()
            .filter(|f| f.shape == shape)
            .flat_map(|f| f.program.checks().iter().map(|c| kind_name(c.kind)))
            .collect();
        for kind in ALL_KINDS {
            assert!(used.contains(kind), "no {shape:?} program uses {kind}");
        }
    }
}

/// (value bits, divisor bits, expected) for a direct check of the C helper.
fn float_multiple_pairs() -> Vec<(u64, u64, bool)> {
    FLOAT_DIVISORS
        .iter()
        .flat_map(|&d| {
            slot_pool(&[CheckKind::FloatMultipleOf(d)])
                .into_iter()
                .map(move |bits| (bits, d.to_bits(), float_is_multiple(f64::from_bits(bits), d)))
        })
        .collect()
}

fn write_words(c: &mut String, name: &str, words: &[u64]) {
    writeln!(c, "const uint64_t {name}[] = {{").unwrap();
    for line in words.chunks(6) {
        let line: Vec<String> = line.iter().map(|w| format!("0x{w:x}u")).collect();
        writeln!(c, "    {},", line.join(", ")).unwrap();
    }
    // A trailing word keeps the array non-empty whatever the cases are.
    writeln!(c, "    0,\n}};\n").unwrap();
}

fn c_source(functions: &[Function], cases: &[Case], float_pairs: &[(u64, u64, bool)]) -> String {
    let mut c = String::new();
    c.push_str("/* Generated by jit/examples/aarch64_cases; do not edit. */\n#include \"cases.h\"\n\n");
    for f in functions {
        let checks: Vec<String> = f.program.checks().iter().map(|ch| format!("{:?}@{}", ch.kind, ch.slot)).collect();
        writeln!(c, "/* {:?}, {} slots: {} */", f.shape, f.program.n_slots(), checks.join(", ")).unwrap();
        writeln!(c, "uint32_t {}(const uint64_t *, size_t, uint64_t *);", f.name).unwrap();
    }
    c.push_str("\nconst struct satya_function satya_functions[] = {\n");
    for f in functions {
        let shape = match f.shape {
            Shape::Flat => "SATYA_FLAT",
            Shape::Array => "SATYA_ARRAY",
        };
        let (n_slots, out_words) = (f.program.n_slots(), f.program.out_words());
        writeln!(c, "    {{\"{0}\", {0}, {shape}, {n_slots}, {out_words}}},", f.name).unwrap();
    }
    c.push_str("};\nconst size_t satya_function_count = sizeof satya_functions / sizeof satya_functions[0];\n\n");

    let (mut inputs, mut expected) = (Vec::new(), Vec::new());
    c.push_str("const struct satya_case satya_cases[] = {\n");
    for case in cases {
        writeln!(
            c,
            "    {{{}, {}, {}, {}, {}}},",
            case.function,
            case.expected_failed,
            inputs.len(),
            case.input.len(),
            expected.len()
        )
        .unwrap();
        inputs.extend_from_slice(&case.input);
        expected.extend_from_slice(&case.expected_out);
    }
    c.push_str("};\nconst size_t satya_case_count = sizeof satya_cases / sizeof satya_cases[0];\n\n");
    write_words(&mut c, "satya_inputs", &inputs);
    write_words(&mut c, "satya_expected", &expected);

    c.push_str("const struct satya_float_multiple satya_float_multiples[] = {\n");
    for &(value, divisor, multiple) in float_pairs {
        writeln!(c, "    {{0x{value:x}u, 0x{divisor:x}u, {}}},", multiple as u8).unwrap();
    }
    c.push_str(
        "};\nconst size_t satya_float_multiple_count = sizeof satya_float_multiples / sizeof satya_float_multiples[0];\n",
    );
    c
}

fn main() {
    let out_dir = match env::args_os().nth(1) {
        Some(dir) => PathBuf::from(dir),
        None => {
            eprintln!("usage: aarch64_cases OUT_DIR");
            process::exit(2);
        }
    };
    let mut rng = Rng(SEED);

    let mut functions = Vec::new();
    for (shape, programs) in [(Shape::Flat, flat_programs(&mut rng)), (Shape::Array, array_programs(&mut rng))] {
        for program in programs {
            let name = format!("satya_case_{}", functions.len());
            functions.push(Function { name, program, shape });
        }
    }
    assert_every_kind_covered(&functions);

    let mut cases = Vec::new();
    let mut array_index = 0;
    for (index, f) in functions.iter().enumerate() {
        let inputs = match f.shape {
            Shape::Flat => flat_inputs(&mut rng, &f.program),
            Shape::Array => {
                array_index += 1;
                array_inputs(&mut rng, &f.program, array_index % 16 == 1)
            }
        };
        cases.extend(inputs.into_iter().map(|input| expected_case(index, &f.program, f.shape, input)));
    }

    let exports: Vec<Export<'_>> =
        functions.iter().map(|f| Export { name: &f.name, program: &f.program, shape: f.shape }).collect();
    let objects = emit_aarch64_objects(&exports).unwrap_or_else(|e| {
        eprintln!("cannot compile the cases for {AARCH64_LINUX}: {e}");
        process::exit(1);
    });
    let source = c_source(&functions, &cases, &float_multiple_pairs());

    let write = |name: &str, bytes: &[u8]| {
        let path = out_dir.join(name);
        fs::write(&path, bytes).unwrap_or_else(|e| {
            eprintln!("cannot write {}: {e}", path.display());
            process::exit(1);
        });
    };
    fs::create_dir_all(&out_dir).unwrap_or_else(|e| {
        eprintln!("cannot create {}: {e}", out_dir.display());
        process::exit(1);
    });
    for (i, object) in objects.iter().enumerate() {
        write(&format!("cases_{i}.o"), object);
    }
    write("cases.c", source.as_bytes());
    let flat = functions.iter().filter(|f| f.shape == Shape::Flat).count();
    println!(
        "{} functions ({flat} flat, {} array) and {} calls for {AARCH64_LINUX} in {}",
        functions.len(),
        functions.len() - flat,
        cases.len(),
        out_dir.display()
    );
}
