//! `minimost-bench`: load benchmarks of the release `minimost` server on seeded datasets. Run it
//! with `cargo xtask bench`, which builds both and passes the server binary and data root.
mod attacks;
mod channel_open;
mod cluster;
mod cpu;
mod fanout;
mod http;
mod load;
mod postgres;
mod report;
mod scenarios;
mod seed;
mod server;
mod shared_state;
mod soak;
mod sse;
mod stats;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::Parser;

use report::{Report, Status};
use scenarios::Options;

#[derive(Parser)]
#[command(name = "minimost-bench", about = "Load benchmarks of the minimost server")]
struct Cli {
    /// The (release) `minimost` binary to run.
    #[arg(long)]
    server_bin: PathBuf,
    /// Where seeded datasets are cached and runs get their copies.
    #[arg(long)]
    data_root: PathBuf,
    /// A scenario to run (repeatable; default: all of them, in order).
    #[arg(long = "scenario")]
    scenarios: Vec<String>,
    /// Measured seconds per scenario.
    #[arg(long, default_value_t = 10.0)]
    duration: f64,
    /// Seconds of load before measuring.
    #[arg(long, default_value_t = 2.0)]
    warmup: f64,
    /// Concurrent keep-alive connections of the request scenarios.
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// Clients holding `GET /events` open in `events_fanout` and `cluster_fanout`.
    #[arg(long, default_value_t = 1000)]
    clients: usize,
    /// Sends per second in `events_fanout` and `cluster_fanout`.
    #[arg(long, default_value_t = 20.0)]
    send_rate: f64,
    /// Also write the results as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
    /// `RUST_LOG` for the server (default: the server's own default, `info`).
    #[arg(long)]
    server_log: Option<String>,
    /// Keep each run's copy of its dataset (under <data-root>/runs) for inspection.
    #[arg(long)]
    keep_runs: bool,
    /// How many seconds `soak` takes to replay its hour of traffic (default: 180, 20 times real time).
    #[arg(long, default_value_t = 3600.0 / soak::SOAK_SPEEDUP)]
    soak_seconds: f64,
    /// The PostgreSQL server of the cluster scenarios, as the URL of a database to connect to as
    /// an administrator (each run creates and drops a database of its own there).
    #[arg(long, default_value = postgres::DEFAULT_ADMIN_URL)]
    postgres_url: String,
    /// List the scenarios and exit.
    #[arg(long)]
    list: bool,
}

fn seconds(value: f64, name: &str) -> anyhow::Result<Duration> {
    if !(0.0..=3600.0).contains(&value) {
        bail!("--{name} must be between 0 and 3600 seconds");
    }
    Ok(Duration::from_secs_f64(value))
}

/// Removes what harnesses that were killed left behind: their server copies and run directories,
/// named after their process ids.
fn sweep_stale(data_root: &Path) {
    for dir in ["bin", "runs"] {
        let Ok(entries) = std::fs::read_dir(data_root.join(dir)) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid = name.rsplit('-').next().and_then(|pid| pid.parse::<u32>().ok());
            if pid.is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists()) {
                let path = entry.path();
                let _ = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
            }
        }
    }
}

/// Runs the server from a copy taken now: a target directory shared by several checkouts, or a
/// rebuild during a long run, must not swap the binary between scenarios.
fn private_copy(server_bin: &Path, data_root: &Path) -> anyhow::Result<PathBuf> {
    let dir = data_root.join("bin");
    std::fs::create_dir_all(&dir).with_context(|| format!("create {}", dir.display()))?;
    let copy = dir.join(format!("minimost-{}", std::process::id()));
    let _ = std::fs::remove_file(&copy);
    std::fs::copy(server_bin, &copy).with_context(|| format!("copy the server binary {}", server_bin.display()))?;
    std::fs::canonicalize(&copy).context("locate the server binary copy")
}

/// The 1-minute load average: other work on the machine skews the numbers, so each result says
/// how busy the machine was when it started.
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<bool> {
    let cli = Cli::parse();
    let all = scenarios::all();
    if cli.list {
        for scenario in &all {
            println!("{:<26} {}", scenario.name, scenario.measures);
        }
        return Ok(true);
    }
    for name in &cli.scenarios {
        if !all.iter().any(|s| s.name == name) {
            let names: Vec<&str> = all.iter().map(|s| s.name).collect();
            bail!("unknown scenario {name:?}; known: {}", names.join(", "));
        }
    }
    if cli.connections == 0 || cli.connections > 4096 || cli.clients == 0 || cli.clients > 50_000 {
        bail!("--connections must be 1..=4096 and --clients 1..=50000");
    }
    std::fs::create_dir_all(&cli.data_root).with_context(|| format!("create {}", cli.data_root.display()))?;
    sweep_stale(&cli.data_root);
    let options = Options {
        server_bin: private_copy(&cli.server_bin, &cli.data_root)?,
        data_root: cli.data_root.clone(),
        warmup: seconds(cli.warmup, "warmup")?,
        duration: seconds(cli.duration, "duration")?,
        connections: cli.connections,
        clients: cli.clients,
        send_rate: cli.send_rate,
        log_filter: cli.server_log.clone(),
        keep_runs: cli.keep_runs,
        soak: seconds(cli.soak_seconds, "soak-seconds")?.max(Duration::from_secs(10)),
        postgres_url: cli.postgres_url.clone(),
        scenarios_named: !cli.scenarios.is_empty(),
    };
    let selected: Vec<&scenarios::Scenario> = all
        .iter()
        .filter(
            |s| if cli.scenarios.is_empty() { s.in_default_run() } else { cli.scenarios.iter().any(|n| n == s.name) },
        )
        .collect();

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("start tokio")?;
    if selected.iter().any(|s| s.needs_postgres()) {
        runtime.block_on(postgres::sweep_stale(&options.postgres_url));
    }
    let started_unix =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let mut results = Vec::new();
    for scenario in selected {
        eprintln!("==> {}", scenario.name);
        let load_before = load_average();
        let mut result = runtime.block_on(scenario.run(&options));
        result.load_average_before = load_before;
        if let Some(note) = result.note.as_deref().filter(|_| result.status != Status::Measured) {
            eprintln!("  {:?}: {note}", result.status);
        }
        results.push(result);
    }
    let report = Report {
        started_unix,
        cpus: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        warmup_seconds: cli.warmup,
        duration_seconds: cli.duration,
        connections: cli.connections,
        results,
    };
    report::print_table(&report);
    let _ = std::fs::remove_file(&options.server_bin);
    if let Some(path) = &cli.json {
        report::write_json(&report, path)?;
        eprintln!("results written to {}", path.display());
    }
    Ok(report.results.iter().all(|r| r.status != Status::Failed))
}
