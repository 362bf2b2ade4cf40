//! The Minimost conformance harness: suites that drive a server over HTTP and judge every answer
//! against the contract (`api-spec/minimost.yaml`) and against small reference models of the
//! rules, written here from the reference — never by calling server code.
pub mod client;
pub mod demo;
pub mod fixtures;
pub mod model;
pub mod property;
pub mod record;
pub mod report;
pub mod spec;
pub mod suites;
pub mod target;

use std::sync::Arc;
use std::time::Instant;

use client::Server;
use record::Recorder;
use report::{Check, Report};
use target::{Limits, Target};

pub struct Options {
    /// A deployment to check; `None` starts an in-process server.
    pub base_url: Option<String>,
    /// Cases per property suite.
    pub cases: u32,
    pub limits: Limits,
    /// Suites to run (empty: all).
    pub suites: Vec<String>,
}

/// What a suite gets: the server, the run's depth and the limits it must model.
pub struct Context {
    pub server: Server,
    pub cases: u32,
    pub limits: Limits,
    pub in_process: bool,
}

pub fn run(options: &Options) -> anyhow::Result<Report> {
    let target = match &options.base_url {
        Some(url) => Target::deployment(url),
        None => Target::in_process(options.limits)?,
    };
    let recorder = Arc::new(Recorder::new(spec::Contract::load()?));
    let context = Context {
        server: Server { base_url: target.base_url.clone(), recorder: recorder.clone() },
        cases: options.cases.max(1),
        limits: options.limits,
        in_process: target.in_process,
    };
    println!("conformance: checking {} ({} cases per property)", target.base_url, context.cases);
    let mut checks = Vec::new();
    let selected = |name: &str| options.suites.is_empty() || options.suites.iter().any(|s| s == name);
    for suite in suites::ALL.iter().filter(|suite| selected(suite.name)) {
        let started = Instant::now();
        println!("conformance: suite {} …", suite.name);
        let mut suite_checks = match (suite.run)(&context) {
            Ok(checks) => checks,
            Err(err) => vec![Check {
                suite: suite.name,
                name: "suite set-up".into(),
                duration: started.elapsed(),
                failure: Some(format!("{err:#}")),
            }],
        };
        let failed = suite_checks.iter().filter(|c| c.failure.is_some()).count();
        println!(
            "conformance: suite {} — {} checks, {failed} failed, {:.1} s",
            suite.name,
            suite_checks.len(),
            started.elapsed().as_secs_f64()
        );
        checks.append(&mut suite_checks);
    }
    let coverage = recorder.coverage();
    if options.suites.is_empty() {
        checks.extend(coverage_checks(&coverage));
    }
    let violations = recorder.violations();
    checks.push(Check {
        suite: "contract",
        name: "every response matches its documented status, media type and schema".into(),
        duration: Default::default(),
        failure: (!violations.is_empty()).then(|| {
            let shown: Vec<&String> = violations.iter().take(30).collect();
            format!(
                "{} responses broke the contract{}:\n{}",
                violations.len(),
                if violations.len() > shown.len() { " (first 30 shown)" } else { "" },
                shown.iter().map(|v| v.as_str()).collect::<Vec<_>>().join("\n")
            )
        }),
    });
    Ok(Report { target: target.base_url.clone(), checks, coverage })
}

/// An operation no suite called successfully is a hole in the harness: it fails the run. (Every
/// operation is called anonymously by the routes suite; that alone does not count.)
fn coverage_checks(coverage: &std::collections::BTreeMap<String, record::OperationStats>) -> Vec<Check> {
    coverage
        .iter()
        .map(|(operation, stats)| {
            let succeeded = stats.statuses.keys().any(|status| *status < 400);
            Check {
                suite: "coverage",
                name: format!("{operation} is exercised"),
                duration: Default::default(),
                failure: (!succeeded).then(|| {
                    let seen: Vec<String> = stats.statuses.keys().map(u16::to_string).collect();
                    format!("no suite called {operation} successfully (statuses seen: {})", seen.join(", "))
                }),
            }
        })
        .collect()
}
