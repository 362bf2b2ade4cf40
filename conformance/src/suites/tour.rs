//! The snapshot tour: the fixtures loaded under a random name suffix, then a scripted walk through
//! every operation of the contract, each answer compared with a committed insta snapshot
//! (conformance/snapshots/). A changed response shape fails until someone reviews it.
//!
//! Against a busy deployment the tour only looks at its own accounts and messages: lists of
//! users, presence, colours, typing and public-channel polls are filtered to the run's suffix.
mod outsiders;
mod paging;
mod snap;
mod walk;

use std::time::Instant;

use crate::client::random_suffix;
use crate::fixtures::{self, Dataset};
use crate::report::Check;
use crate::Context;

use snap::Snapshots;

pub fn run(context: &Context) -> anyhow::Result<Vec<Check>> {
    let server = &context.server;
    let before = server.recorder.coverage();
    let dir = fixtures::default_dir();
    let dataset = Dataset::load(&dir)?;
    let suffix = format!("-{}", random_suffix(6));
    let loaded = fixtures::load(server, &dir, &dataset, &suffix)?;
    let mut snapshots = Snapshots::new(&suffix);
    for (fixture, actual) in loaded.channels.iter().filter(|(fixture, _)| fixture.starts_with("private:")) {
        snapshots.name_channel(actual, fixture);
    }
    let started = Instant::now();
    let walked = walk::Tour { server, loaded: &loaded, snapshots: &mut snapshots }.walk();
    let mut checks = std::mem::take(&mut snapshots.checks);
    checks.push(Check {
        suite: "tour",
        name: "the tour runs to its end".into(),
        duration: started.elapsed(),
        failure: walked.err().map(|err| format!("{err:#}")),
    });
    let after = server.recorder.coverage();
    let missed: Vec<&String> = after
        .iter()
        .filter(|(operation, stats)| stats.calls == before.get(*operation).map_or(0, |s| s.calls))
        .map(|(operation, _)| operation)
        .collect();
    checks.push(Check {
        suite: "tour",
        name: "the tour calls every operation of the contract".into(),
        duration: Default::default(),
        failure: (!missed.is_empty())
            .then(|| format!("not called: {}", missed.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "))),
    });
    Ok(checks)
}
