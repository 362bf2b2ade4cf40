//! The whole conformance run against an in-process server, as a cargo test: the test command
//! cargo-mutants needs (`cargo mutants … -- --include-ignored`, see conformance/README.md).
//! Ignored in plain `cargo test` because `cargo xtask test` already runs the suite once, through
//! the `conformance` binary, with its report.
use conformance::target::Limits;
use conformance::{run, Options};

#[test]
#[ignore = "run by `cargo xtask conformance` (and by cargo-mutants with --include-ignored)"]
fn every_suite_passes_in_process() {
    // A mutation run scopes the suites and their depth to what the mutated code is about:
    // `CONFORMANCE_SUITES=visibility,tour CONFORMANCE_CASES=6` (default: all suites, 12 cases).
    let suites = std::env::var("CONFORMANCE_SUITES")
        .map(|list| list.split(',').filter(|s| !s.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    let cases = std::env::var("CONFORMANCE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(12);
    let options = Options {
        base_url: None,
        cases,
        limits: Limits {
            max_login_attempts: 5,
            lockout_duration_minutes: 0.05,
            login_failure_delay_seconds: 0.25,
            history_page_size: 50,
            max_history_page: 200,
        },
        suites,
    };
    let report = run(&options).expect("the suite starts");
    assert_eq!(report.failed(), 0, "{}", report.summary());
}
