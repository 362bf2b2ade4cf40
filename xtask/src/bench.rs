//! `cargo xtask bench`: builds the release server and the benchmark harness, then runs the
//! harness against the server binary. Shells out to cargo (xtask never links the server, so
//! `cargo xtask codegen` keeps working while the server does not compile).
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context};

/// What `cargo xtask bench` takes and passes on to the harness.
#[derive(clap::Args)]
pub struct Options {
    /// A scenario to run (repeatable; default: all but `soak` and `attacks`). `--list` names them.
    #[arg(long = "scenario")]
    pub scenarios: Vec<String>,
    /// Measured seconds per scenario (default 10).
    #[arg(long)]
    pub duration: Option<f64>,
    /// Clients holding `GET /events` open in `events_fanout` and `cluster_fanout` (default 1000).
    #[arg(long)]
    pub clients: Option<usize>,
    /// Concurrent keep-alive connections of the request scenarios (default 64).
    #[arg(long)]
    pub connections: Option<usize>,
    /// Also write the results as JSON to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Seconds in which `soak` replays its hour of traffic (default 180).
    #[arg(long)]
    pub soak_seconds: Option<f64>,
    /// List the scenarios and exit.
    #[arg(long)]
    pub list: bool,
    /// Build the release binaries here. Use a directory of this checkout's own when several
    /// checkouts share CARGO_TARGET_DIR: cargo tells workspace crates apart by relative path
    /// and timestamps only, so another checkout's newer build can end up in the binary.
    #[arg(long)]
    pub target_dir: Option<PathBuf>,
    /// PostgreSQL for `cluster_fanout` and `cluster_sends`: the URL of a database to connect to
    /// as an administrator (default postgres://postgres@127.0.0.1:5432/postgres); without an
    /// answer there, the default run skips them.
    #[arg(long)]
    pub postgres_url: Option<String>,
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Builds both binaries in one cargo invocation (one feature resolution, so the server is built
/// exactly once) and returns their paths as cargo reports them.
fn build(root: &Path, target_dir: Option<&Path>) -> anyhow::Result<(PathBuf, PathBuf)> {
    println!("==> cargo build --release -p minimost -p minimost-bench");
    let mut command = Command::new(cargo());
    command
        .current_dir(root)
        .args(["build", "--release", "-p", "minimost", "-p", "minimost-bench"])
        .args(["--message-format", "json-render-diagnostics"])
        .stdout(Stdio::piped());
    if let Some(dir) = target_dir {
        command.arg("--target-dir").arg(dir);
    }
    let mut child = command.spawn().context("cannot run cargo build")?;
    let (mut server, mut bench) = (None, None);
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.context("read cargo output")?;
            let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
            let executable = message.get("executable").and_then(|e| e.as_str()).map(PathBuf::from);
            match (message.pointer("/target/name").and_then(|n| n.as_str()), executable) {
                (Some("minimost"), Some(path)) => server = Some(path),
                (Some("minimost-bench"), Some(path)) => bench = Some(path),
                _ => {}
            }
        }
    }
    if !child.wait().context("wait for cargo build")?.success() {
        bail!("the release build failed");
    }
    match (server, bench) {
        (Some(server), Some(bench)) => Ok((server, bench)),
        _ => bail!("cargo build did not report the minimost and minimost-bench executables"),
    }
}

pub fn run(root: &Path, options: &Options) -> anyhow::Result<bool> {
    let target_dir = match &options.target_dir {
        Some(dir) => Some(std::path::absolute(dir).context("resolve --target-dir")?),
        None => None,
    };
    let (server, bench) = build(root, target_dir.as_deref())?;
    // <target>/release/minimost → <target>/bench-data
    let target = server.parent().and_then(Path::parent).context("the server binary is not in a target directory")?;
    let mut command = Command::new(&bench);
    command.current_dir(root).arg("--server-bin").arg(&server).arg("--data-root").arg(target.join("bench-data"));
    for scenario in &options.scenarios {
        command.arg("--scenario").arg(scenario);
    }
    if let Some(duration) = options.duration {
        command.arg("--duration").arg(duration.to_string());
    }
    if let Some(clients) = options.clients {
        command.arg("--clients").arg(clients.to_string());
    }
    if let Some(connections) = options.connections {
        command.arg("--connections").arg(connections.to_string());
    }
    if let Some(seconds) = options.soak_seconds {
        command.arg("--soak-seconds").arg(seconds.to_string());
    }
    if let Some(url) = &options.postgres_url {
        command.arg("--postgres-url").arg(url);
    }
    if let Some(json) = &options.json {
        command.arg("--json").arg(std::path::absolute(json).context("resolve --json")?);
    }
    if options.list {
        command.arg("--list");
    }
    println!("==> {}", bench.display());
    let status = command.status().context("cannot run the benchmark harness")?;
    Ok(status.success())
}
