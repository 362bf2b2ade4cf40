//! Project automation: `cargo xtask <command>`.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod codegen;
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
        /// The output directory (default: src/api/generated in the workspace).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Run every check and test, as CI does: codegen freshness, then the whole workspace's tests on
    /// SQLite and (when it answers) PostgreSQL.
    Test,
    /// Run the conformance suite: against an in-process server, or a deployment with --base-url.
    Conformance {
        /// A running deployment to check, e.g. http://127.0.0.1:5000.
        #[arg(long)]
        base_url: Option<String>,
    },
}

fn workspace_root() -> PathBuf {
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
                out: out.unwrap_or_else(|| root.join("src/api/generated")),
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
                out: root.join("src/api/generated"),
                api_dir: root.join("src/api"),
                check: true,
                scaffold: false,
            };
            test::run(&root, || codegen::run(&options))
        }
        Command::Conformance { base_url } => test::conformance(&workspace_root(), base_url.as_deref()),
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
