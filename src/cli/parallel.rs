//! An ordered parallel map: items worked on by a pool of threads, results handed over in the
//! order of the items, with a bounded number in flight.
//!
//! The command line analyses files (or standard-input lines) independently, and each result is
//! written as soon as the ones before it have been, so that:
//! - the output is the same, byte for byte, whatever the number of threads (researchers diff
//!   outputs, and the goldens are one run's output);
//! - output begins at once: the first result is written when it is done, not at the end;
//! - memory stays flat: at most [`IN_FLIGHT_PER_JOB`] items per thread are read, analysed or
//!   waiting for an earlier one, however many there are in all.
//!
//! The pool is rayon's: its threads take the items in the order they are started, and a
//! `rayon` scope lets the work borrow the caller's data. Items are pulled from their iterator
//! on a thread of their own, so that an iterator that blocks (reading standard input) never
//! holds back results that are already done.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::mpsc;

/// How many items each thread may have in flight: enough that a long file at the head of the
/// queue leaves the other threads work to do, few enough that memory stays small.
pub const IN_FLIGHT_PER_JOB: usize = 8;

/// How many threads analyse: one, or more (all cores by default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Jobs(NonZeroUsize);

impl Jobs {
    /// One thread: everything happens on the calling thread, in order.
    pub const ONE: Jobs = Jobs(NonZeroUsize::MIN);

    pub fn new(count: NonZeroUsize) -> Self {
        Jobs(count)
    }

    /// As many threads as the machine has cores (one if that cannot be told).
    pub fn all_cores() -> Self {
        Jobs(std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN))
    }

    pub fn count(self) -> usize {
        self.0.get()
    }
}

impl Default for Jobs {
    fn default() -> Self {
        Jobs::all_cores()
    }
}

/// Calls `work` on every item of `items` on `jobs` threads, and `sink` on each result in the
/// order of the items. An error from `sink` (the output is gone) stops the run: no further
/// item is started, and the error is returned once the items already started have finished.
///
/// With one job, or if no thread pool can be made, everything runs on the calling thread: read
/// one item, work, hand the result over, then read the next.
pub fn ordered_map<Item, Output, Error>(
    jobs: Jobs,
    items: impl Iterator<Item = Item> + Send,
    work: impl Fn(Item) -> Output + Sync,
    sink: impl FnMut(Output) -> Result<(), Error>,
) -> Result<(), Error>
where
    Item: Send,
    Output: Send,
{
    if jobs.count() > 1 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.count())
            .thread_name(|index| format!("newsls-worker-{index}"))
            .build();
        if let Ok(pool) = pool {
            return parallel(&pool, jobs.count() * IN_FLIGHT_PER_JOB, items, &work, sink);
        }
    }
    sequential(items, &work, sink)
}

fn sequential<Item, Output, Error>(
    items: impl Iterator<Item = Item>,
    work: &impl Fn(Item) -> Output,
    mut sink: impl FnMut(Output) -> Result<(), Error>,
) -> Result<(), Error> {
    for item in items {
        sink(work(item))?;
    }
    Ok(())
}

fn parallel<Item, Output, Error>(
    pool: &rayon::ThreadPool,
    in_flight: usize,
    items: impl Iterator<Item = Item> + Send,
    work: &(impl Fn(Item) -> Output + Sync),
    mut sink: impl FnMut(Output) -> Result<(), Error>,
) -> Result<(), Error>
where
    Item: Send,
    Output: Send,
{
    // A bounded channel used as a counting semaphore: the feeder puts a token in before
    // starting an item and blocks when `in_flight` are there; the writer takes one out after
    // handing a result over. So at most `in_flight` items are started and not yet written.
    let (start_token, finish_token) = mpsc::sync_channel::<()>(in_flight.max(1));
    let (result_sender, results) = mpsc::channel::<(usize, std::thread::Result<Output>)>();
    std::thread::scope(|threads| {
        threads.spawn(move || {
            // `in_place_scope` runs this loop here, on the feeder thread, so that blocking on
            // the iterator or on a token never takes a worker away from the pool.
            pool.in_place_scope(|scope| {
                for (index, item) in items.enumerate() {
                    if start_token.send(()).is_err() {
                        // The writer has stopped (its output is gone): start nothing more.
                        break;
                    }
                    let result_sender = result_sender.clone();
                    scope.spawn(move |_| {
                        // A panic is caught and sent on, so that the writer, which waits for
                        // this item's result before any later one, never waits forever.
                        let output =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item)));
                        // The writer may have stopped; then the result is not wanted.
                        let _ = result_sender.send((index, output));
                    });
                }
            });
            // `result_sender` is dropped here, and each worker's clone when it is done, which
            // ends the writer's loop once every result has been received.
        });

        let mut waiting = BTreeMap::new();
        let mut next = 0;
        while let Ok((index, output)) = results.recv() {
            waiting.insert(index, output);
            while let Some(output) = waiting.remove(&next) {
                next += 1;
                let output = match output {
                    Ok(output) => output,
                    Err(panic) => {
                        // The work panicked (a bug; the analysis never fails on any input):
                        // stop the feeder and go on panicking here, as one thread would have.
                        drop(finish_token);
                        std::panic::resume_unwind(panic);
                    }
                };
                if let Err(error) = sink(output) {
                    // Dropping the token receiver stops the feeder at its next item.
                    drop(finish_token);
                    return Err(error);
                }
                // Always there: the feeder put one in before starting this item.
                let _ = finish_token.try_recv();
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jobs(count: usize) -> Jobs {
        Jobs::new(NonZeroUsize::new(count).unwrap_or(NonZeroUsize::MIN))
    }

    #[test]
    fn results_come_in_the_order_of_the_items_whatever_the_threads() {
        for count in [1, 2, 4, 7] {
            let mut seen = Vec::new();
            let outcome: Result<(), ()> = ordered_map(
                jobs(count),
                0..500u64,
                |item| {
                    // Uneven work, so that later items often finish first.
                    if item % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    item * 2
                },
                |output| {
                    seen.push(output);
                    Ok(())
                },
            );
            assert_eq!(outcome, Ok(()));
            assert_eq!(seen, (0..500u64).map(|item| item * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn no_more_than_the_window_is_in_flight() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let started = AtomicUsize::new(0);
        let mut written = 0usize;
        let mut most_ahead = 0usize;
        let outcome: Result<(), ()> = ordered_map(
            jobs(2),
            0..200usize,
            |item| {
                started.fetch_add(1, Ordering::SeqCst);
                item
            },
            |_| {
                written += 1;
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - written);
                Ok(())
            },
        );
        assert_eq!(outcome, Ok(()));
        assert_eq!(written, 200);
        assert!(
            most_ahead < 2 * IN_FLIGHT_PER_JOB,
            "{most_ahead} items were ahead of the writer"
        );
    }

    #[test]
    fn a_panic_in_the_work_is_a_panic_of_the_run_not_a_hang() {
        let outcome = std::panic::catch_unwind(|| {
            ordered_map(
                jobs(2),
                0..1_000usize,
                |item| {
                    assert!(item != 3, "item 3 cannot be worked on");
                    item
                },
                |_| Ok::<(), ()>(()),
            )
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn an_error_from_the_sink_stops_the_run_and_is_returned() {
        for count in [1, 3] {
            let started = std::sync::atomic::AtomicUsize::new(0);
            let outcome = ordered_map(
                jobs(count),
                0..100_000usize,
                |item| {
                    started.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    item
                },
                |item| if item == 10 { Err(item) } else { Ok(()) },
            );
            assert_eq!(outcome, Err(10));
            let started = started.into_inner();
            assert!(
                started < 100,
                "{started} items were started after the error"
            );
        }
    }
}
