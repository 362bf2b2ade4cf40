//! The `minimost` binary: `serve` (the default) runs the chat server.
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use minimost::{config, App, Config};
use tracing::Level;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

#[derive(Parser)]
#[command(name = "minimost", version, about = "Self-hosted team chat server")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Run the chat server (the default).
    Serve(ServeArgs),
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "MINIMOST_BIND", default_value = "127.0.0.1:5000")]
    bind: SocketAddr,
    /// Directory for the SQLite database, uploads and the session signing key.
    #[arg(long, env = "MINIMOST_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// Database URL: `postgres://…` for PostgreSQL; default `<data-dir>/minimost.db` (SQLite).
    #[arg(long, env = "MINIMOST_DATABASE_URL")]
    database_url: Option<String>,
    /// Settings file; default `./settings.json`, or the built-in defaults when there is none.
    #[arg(long, env = "MINIMOST_SETTINGS")]
    settings: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    // `RUST_LOG` as comma-separated `target=level` directives (e.g. `info,minimost=debug`). The
    // target filter covers that syntax without the regex engine a full `EnvFilter` compiles in.
    let filter: Targets = std::env::var("RUST_LOG")
        .ok()
        .and_then(|directives| directives.parse().ok())
        .unwrap_or_else(|| Targets::new().with_default(Level::INFO).with_target("warp", Level::WARN));
    tracing_subscriber::registry().with(tracing_subscriber::fmt::layer()).with(filter).init();
    minimost::server::tune_allocator();
    let cli = Cli::parse();
    let args = match cli.command {
        Some(Command::Serve(args)) => args,
        None => cli.serve,
    };
    let settings = config::load_settings(args.settings.as_deref(), std::env::vars())?;
    let config = Config { bind: args.bind, data_dir: args.data_dir, database_url: args.database_url, settings };
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(serve(config))
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let app = App::build(&config)?;
    let (addr, server) = app.serve(config.bind, shutdown_signal()).await?;
    tracing::info!("Minimost is listening on http://{addr}");
    server.await;
    tracing::info!("Minimost stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM (what service managers send): stop accepting, finish requests in flight.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM");
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
