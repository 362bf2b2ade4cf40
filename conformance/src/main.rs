//! `conformance`: checks a Minimost deployment (or any server claiming the API) against the contract.
//! By default it starts the server in-process on an ephemeral port with a fresh database; with
//! `--base-url` it talks HTTP only to the given deployment.
mod routes;
mod target;

use clap::Parser;

#[derive(Parser)]
#[command(name = "conformance", about = "Check a server against the Minimost API contract")]
struct Cli {
    /// A running deployment to check (e.g. http://127.0.0.1:5000); default: an in-process server.
    #[arg(long)]
    base_url: Option<String>,
}

/// One check's outcome.
pub struct Outcome {
    pub name: String,
    pub failure: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<std::process::ExitCode> {
    let cli = Cli::parse();
    let target = target::Target::start(cli.base_url).await?;
    println!("conformance: checking {}", target.base_url);
    let outcomes = routes::run(&target).await?;
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
    for outcome in &failed {
        println!("FAIL {}: {}", outcome.name, outcome.failure.as_deref().unwrap_or(""));
    }
    println!("conformance: {} passed, {} failed", outcomes.len() - failed.len(), failed.len());
    Ok(if failed.is_empty() { std::process::ExitCode::SUCCESS } else { std::process::ExitCode::FAILURE })
}
