//! `conformance`: checks a Minimost deployment (or any server claiming the API) against the contract.
//! By default it starts the server in-process on an ephemeral port with a fresh database; with
//! `--base-url` it talks HTTP only to the given deployment. See conformance/README.md.
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use conformance::target::Limits;
use conformance::{suites, Options};
use minimost::Settings;

#[derive(Parser)]
#[command(name = "conformance", about = "Check a server against the Minimost API contract")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A running deployment to check (e.g. http://127.0.0.1:5000); default: an in-process server.
    #[arg(long)]
    base_url: Option<String>,
    /// Cases per property suite (more finds rarer bugs, takes longer).
    #[arg(long, default_value_t = 12)]
    cases: u32,
    /// Also write a JUnit XML report here.
    #[arg(long)]
    junit: Option<PathBuf>,
    /// Run only this suite (repeatable); `--list` names them. Coverage is judged on full runs only.
    #[arg(long = "suite")]
    suites: Vec<String>,
    /// List the suites and exit.
    #[arg(long)]
    list: bool,
    /// The settings file the limit defaults come from.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../settings.json"))]
    settings: PathBuf,
    /// The target's `max_login_attempts` (default: from the settings file).
    #[arg(long)]
    max_login_attempts: Option<i64>,
    /// The target's `lockout_duration_minutes` (default: from the settings file; in-process: 0.05,
    /// so that lock expiry is checked within seconds).
    #[arg(long)]
    lockout_duration_minutes: Option<f64>,
    /// The target's `login_failure_delay_seconds` (default: from the settings file; in-process: 0.25).
    #[arg(long)]
    login_failure_delay_seconds: Option<f64>,
    /// The target's `history_page_size` (default: from the settings file).
    #[arg(long)]
    history_page_size: Option<u64>,
    /// The target's `max_history_page` (default: from the settings file).
    #[arg(long)]
    max_history_page: Option<u64>,
}

#[derive(Subcommand)]
enum Command {
    /// Load the demo dataset (fixtures/) into a running server through its API and print the logins.
    LoadFixtures {
        /// The server, e.g. http://127.0.0.1:5000.
        #[arg(long)]
        base_url: String,
        /// Appended to every account name (default: none, the dataset's own names).
        #[arg(long, default_value = "")]
        suffix: String,
        /// A fixtures directory with a dataset.json (default: the shipped one).
        #[arg(long)]
        fixtures: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("conformance: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    if let Some(Command::LoadFixtures { base_url, suffix, fixtures }) = &cli.command {
        let dir = fixtures.clone().unwrap_or_else(conformance::fixtures::default_dir);
        conformance::demo::load_fixtures(base_url, &dir, suffix)?;
        return Ok(ExitCode::SUCCESS);
    }
    if cli.list {
        for suite in suites::ALL {
            println!("{:<10} {}", suite.name, suite.about);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let settings = match std::fs::read_to_string(&cli.settings) {
        Ok(text) => Settings::from_json(&text).with_context(|| format!("read {}", cli.settings.display()))?,
        Err(_) => Settings::default(),
    };
    // In-process, the server is ours to configure: short lock and delay keep expiry in the run.
    let in_process = cli.base_url.is_none();
    let limits = Limits {
        max_login_attempts: cli.max_login_attempts.unwrap_or(settings.max_login_attempts),
        lockout_duration_minutes: cli.lockout_duration_minutes.unwrap_or(if in_process {
            0.05
        } else {
            settings.lockout_duration_minutes
        }),
        login_failure_delay_seconds: cli.login_failure_delay_seconds.unwrap_or(if in_process {
            0.25
        } else {
            settings.login_failure_delay_seconds
        }),
        history_page_size: cli.history_page_size.unwrap_or(settings.history_page_size),
        max_history_page: cli.max_history_page.unwrap_or(settings.max_history_page),
    };
    for name in &cli.suites {
        anyhow::ensure!(suites::ALL.iter().any(|s| s.name == name), "no suite named {name} (see --list)");
    }
    let options = Options { base_url: cli.base_url, cases: cli.cases, limits, suites: cli.suites };
    let report = conformance::run(&options)?;
    print!("{}", report.summary());
    if let Some(path) = &cli.junit {
        // `cargo xtask test` asks for target/…, which a checkout with its own CARGO_TARGET_DIR lacks.
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
        }
        std::fs::write(path, report.junit()?).with_context(|| format!("write {}", path.display()))?;
        println!("conformance: JUnit report written to {}", path.display());
    }
    Ok(if report.failed() == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
