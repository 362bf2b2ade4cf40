//! Running a property against a live server: proptest generates and shrinks the inputs; the
//! minimal failing input is replayed once more with the transcript on, so the report shows it as
//! curl lines anyone can paste.
use std::fmt::Debug;
use std::time::Instant;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

use crate::record::{start_transcript, take_transcript};
use crate::report::Check;

/// Runs `test` on `cases` inputs from `strategy`, split over `threads` independent runners (for
/// suites whose time is spent waiting on the server, e.g. login delays).
pub fn check<S, F>(suite: &'static str, name: &str, cases: u32, threads: u32, strategy: S, test: F) -> Check
where
    S: Strategy + Clone + Send + Sync,
    S::Value: Debug,
    F: Fn(&S::Value) -> anyhow::Result<()> + Sync,
{
    check_after(Vec::new(), suite, name, cases, threads, strategy, test)
}

/// [`check`] for a property whose cases share a set-up (users, channels): `preamble` is that
/// set-up's transcript, printed before a failing case's own requests so the replay is complete.
pub fn check_after<S, F>(
    preamble: Vec<String>,
    suite: &'static str,
    name: &str,
    cases: u32,
    threads: u32,
    strategy: S,
    test: F,
) -> Check
where
    S: Strategy + Clone + Send + Sync,
    S::Value: Debug,
    F: Fn(&S::Value) -> anyhow::Result<()> + Sync,
{
    let started = Instant::now();
    let threads = threads.clamp(1, cases.max(1));
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|n| {
                let share = cases / threads + u32::from(n < cases % threads);
                let strategy = strategy.clone();
                let test = &test;
                let preamble = &preamble;
                scope.spawn(move || run_share(preamble, share, strategy, test))
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().unwrap_or_else(|_| Some("the property panicked".into()))).collect()
    });
    Check { suite, name: name.to_string(), duration: started.elapsed(), failure: failures.into_iter().next() }
}

fn run_share<S, F>(preamble: &[String], cases: u32, strategy: S, test: &F) -> Option<String>
where
    S: Strategy,
    S::Value: Debug,
    F: Fn(&S::Value) -> anyhow::Result<()>,
{
    if cases == 0 {
        return None;
    }
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 200, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let outcome = runner.run(&strategy, |input| test(&input).map_err(|err| TestCaseError::fail(format!("{err:#}"))));
    match outcome {
        Ok(()) => None,
        Err(TestError::Abort(reason)) => Some(format!("aborted: {reason}")),
        Err(TestError::Fail(reason, minimal)) => {
            start_transcript();
            let replay = test(&minimal);
            let transcript: Vec<String> = preamble.iter().cloned().chain(take_transcript()).collect();
            let message = match replay {
                Err(err) => format!("{err:#}"),
                Ok(()) => format!("the minimal case failed once and passed on replay (timing-dependent?): {reason}"),
            };
            Some(format!(
                "{message}\nminimal case: {minimal:?}\nreplay ({} requests):\n{}",
                transcript.len(),
                transcript.join("\n")
            ))
        }
    }
}
