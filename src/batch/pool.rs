//! rayon pools, one per thread count asked for, made once and kept.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use rayon::ThreadPool;

use super::split::Record;

/// The pools made in this process, by thread count, with the process id they
/// were made in: a child made by `fork` inherits the pools but not their
/// threads, so it makes its own.
static POOLS: Mutex<Vec<(u32, usize, Arc<ThreadPool>)>> = Mutex::new(Vec::new());

/// No batch starts more workers than this, whatever it asks for: beyond it
/// threads only add memory and switching.
pub const MAX_THREADS: usize = 64;

/// The pool of `threads` workers (at most `MAX_THREADS`).
pub fn get(threads: usize) -> PyResult<Arc<ThreadPool>> {
    let threads = threads.clamp(1, MAX_THREADS);
    let pid = std::process::id();
    let mut pools = POOLS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if pools.iter().any(|(owner, _, _)| *owner != pid) {
        // Inherited from the parent: their threads do not exist here. They are
        // never dropped, since dropping would wait on those threads.
        for (_, _, pool) in pools.drain(..) {
            std::mem::forget(pool);
        }
    }
    if let Some((_, _, pool)) = pools.iter().find(|(_, n, _)| *n == threads) {
        return Ok(pool.clone());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("satya-batch-{i}"))
        // Records nest as deep as the JSON parser allows; room for the recursion.
        .stack_size(8 << 20)
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {threads} batch threads: {e}")))?;
    let pool = Arc::new(pool);
    pools.push((pid, threads, pool.clone()));
    Ok(pool)
}

/// Runs `work` over every record, on the pool's workers and on this thread,
/// while this thread hands each result to `finish` in input order, with the
/// GIL held. Records go in runs to whoever is free next: this thread takes a
/// run itself (with the GIL released) rather than wait for a worker, so that
/// small batches cost no more than on one thread, and building instances
/// overlaps with validating later runs. Stops early when `finish` says so
/// (false); returns whether it ran to the end.
pub fn pipeline<'d, R, W, F>(py: Python<'_>, pool: &ThreadPool, records: &'d [Record], work: W, finish: &mut F) -> PyResult<bool>
where
    R: Send,
    W: Fn(&'d Record) -> Option<R> + Sync,
    F: FnMut(&'d Record, Option<R>) -> PyResult<bool>,
{
    let participants = pool.current_num_threads() + 1;
    // Runs small enough to balance and to start building early, big enough
    // that handing them over costs little.
    let run = (records.len() / (participants * 8)).clamp(32, 4096);
    let runs: Vec<&'d [Record]> = records.chunks(run).collect();
    let shared = Shared { runs: &runs, next: AtomicUsize::new(0), done: Mutex::new((0..runs.len()).map(|_| None).collect()), ready: Condvar::new() };
    // A run whose validation panicked leaves all its records to the full path.
    let compute = |k: usize| -> Vec<Option<R>> {
        let run = shared.runs[k];
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run.iter().map(&work).collect()))
            .unwrap_or_else(|_| run.iter().map(|_| None).collect())
    };
    pool.in_place_scope(|scope| {
        for _ in 1..participants {
            scope.spawn(|_| {
                while let Some(k) = shared.take() {
                    shared.complete(k, compute(k));
                }
            });
        }
        let result = (|| {
            for k in 0..shared.runs.len() {
                let results = loop {
                    if let Some(results) = shared.lock()[k].take() {
                        break results;
                    }
                    // Not ready: validate a later run here rather than wait.
                    match shared.take() {
                        Some(j) => {
                            let results = py.detach(|| compute(j));
                            if j == k {
                                break results;
                            }
                            shared.complete(j, results);
                        }
                        None => py.detach(|| shared.wait(k)),
                    }
                };
                for (record, result) in shared.runs[k].iter().zip(results) {
                    if !finish(record, result)? {
                        return Ok(false);
                    }
                }
            }
            Ok(true)
        })();
        // Stopping early: workers take no further runs.
        shared.next.store(shared.runs.len(), Ordering::Relaxed);
        result
    })
}

/// What the participants of one pipeline share: the runs, the next run to
/// take, and each run's results once computed.
struct Shared<'a, 'd, R> {
    runs: &'a [&'d [Record]],
    next: AtomicUsize,
    done: Mutex<Vec<Option<Vec<Option<R>>>>>,
    ready: Condvar,
}

impl<R> Shared<'_, '_, R> {
    fn take(&self) -> Option<usize> {
        let k = self.next.fetch_add(1, Ordering::Relaxed);
        (k < self.runs.len()).then_some(k)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Option<Vec<Option<R>>>>> {
        self.done.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn complete(&self, k: usize, results: Vec<Option<R>>) {
        self.lock()[k] = Some(results);
        self.ready.notify_all();
    }

    /// Blocks until run `k` has its results.
    fn wait(&self, k: usize) {
        let mut done = self.lock();
        while done[k].is_none() {
            done = self.ready.wait(done).unwrap_or_else(|p| p.into_inner());
        }
    }
}
