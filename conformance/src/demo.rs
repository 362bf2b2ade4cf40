//! `conformance load-fixtures`: the demo dataset into a running server, and the logins to use.
use std::path::Path;
use std::sync::Arc;

use crate::client::Server;
use crate::fixtures::{self, Dataset};
use crate::record::Recorder;
use crate::spec::Contract;

/// Loads the dataset of `dir` into the server at `base_url` and prints who can sign in. Answers
/// that break the contract are listed as warnings: the data is in, but QA should know.
pub fn load_fixtures(base_url: &str, dir: &Path, suffix: &str) -> anyhow::Result<()> {
    let base_url = base_url.trim_end_matches('/').to_string();
    let recorder = Arc::new(Recorder::new(Contract::load()?));
    let server = Server { base_url: base_url.clone(), recorder: recorder.clone() };
    let dataset = Dataset::load(dir)?;
    let loaded = fixtures::load(&server, dir, &dataset, suffix)?;
    println!("Loaded {} users and {} messages into {base_url}", loaded.users.len(), loaded.messages.len());
    for channel in &loaded.skipped_channels {
        println!("  skipped the messages of #{channel}: the server has no such public channel");
    }
    println!("Sign in with:");
    for user in &dataset.users {
        println!("  {:<16} {}", loaded.name(&user.name), user.password);
    }
    for violation in recorder.violations() {
        eprintln!("warning: {violation}");
    }
    Ok(())
}
