//! Project automation: `cargo xtask <command>`.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;
mod cluster;
mod codegen;
mod demo;
mod e2e;
mod fuzz;
mod test;

#[derive(Parser)]
#[command(name = "xtask", about = "Minimost project automation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate src/api/generated/ from api-spec/minimost.yaml.
    Codegen {
        /// Do not write anything; fail (naming the files) when the generated code on disk is stale.
        #[arg(long)]
        check: bool,
        /// Also create missing handler stubs (src/api/<tag>.rs) and `pub mod` lines; never overwrites.
        #[arg(long, conflicts_with = "check")]
        scaffold: bool,
        /// The spec to read (default: api-spec/minimost.yaml in the workspace).
        #[arg(long)]
        spec: Option<PathBuf>,
        /// The crate's source directory the generated files go below (default: src in the workspace).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Run every check and test, as CI does: codegen freshness, the whole workspace's tests on
    /// SQLite and (when it answers) PostgreSQL, the conformance suite, schemathesis, the browser
    /// tests, the multi-node cluster checks.
    Test,
    /// Run the browser tests (headless Chromium against the real server); installs what is missing.
    E2e {
        /// Run only the test files whose names contain one of these (e.g. `paging`); all when none.
        only: Vec<String>,
    },
    /// Prove several nodes work as one: three PostgreSQL-backed nodes behind nginx (installed when
    /// missing), the conformance suite through it, a browser test across nodes, a failover drill.
    Cluster,
    /// Run schemathesis against a fresh debug server (installs a pinned schemathesis into
    /// <target>/fuzz-venv when missing); fails on any 5xx or contract violation.
    Fuzz {
        /// Test cases per operation and phase (default 20: a minute or two; 200: 10–20 minutes).
        #[arg(long)]
        max_examples: Option<u32>,
        /// The generator's seed (default 1, so runs repeat; another seed sends other requests).
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Run the conformance suite: against an in-process server, or a deployment with --base-url.
    /// Every argument goes to the harness (`cargo xtask conformance --help` lists them).
    Conformance {
        /// e.g. `--base-url http://127.0.0.1:5000 --cases 100 --junit report.xml`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Start a fresh server with the demo dataset of fixtures/ (or load it into --base-url).
    Demo {
        /// Load into this running deployment instead, and exit.
        #[arg(long)]
        base_url: Option<String>,
        /// Where the demo server listens.
        #[arg(long, default_value = "127.0.0.1:5000")]
        bind: std::net::SocketAddr,
        /// Build the server in release mode (slower to build, faster to serve).
        #[arg(long)]
        release: bool,
    },
    /// Build the release server and run the load benchmarks against it (see bench/RESULTS.md).
    Bench(bench::Options),
}

pub(crate) fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen { check, scaffold, spec, out } => {
            let root = workspace_root();
            let options = codegen::Options {
                spec: spec.unwrap_or_else(|| root.join("api-spec/minimost.yaml")),
                out: out.unwrap_or_else(|| root.join("src")),
                api_dir: root.join("src/api"),
                check,
                scaffold,
            };
            codegen::run(&options)
        }
        Command::Test => {
            let root = workspace_root();
            let options = codegen::Options {
                spec: root.join("api-spec/minimost.yaml"),
                out: root.join("src"),
                api_dir: root.join("src/api"),
                check: true,
                scaffold: false,
            };
            test::run(&root, || codegen::run(&options))
        }
        Command::E2e { only } => e2e::main(&workspace_root(), &only),
        Command::Cluster => cluster::main(&workspace_root()),
        Command::Fuzz { max_examples, seed } => fuzz::main(&workspace_root(), &fuzz::Options { max_examples, seed }),
        Command::Conformance { args } => test::conformance(&workspace_root(), &args),
        Command::Demo { base_url, bind, release } => demo::run(&workspace_root(), base_url.as_deref(), bind, release),
        Command::Bench(options) => bench::run(&workspace_root(), &options),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
