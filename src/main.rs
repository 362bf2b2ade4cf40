//! The `minimost` binary: `serve` (the default) runs the chat server; `rotate-secret-key` replaces
//! the cookie-signing key that every node shares; `admin` does the operator's chores beside running
//! servers.
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use minimost::{admin, config, App, Config};
use tracing::Level;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

#[derive(Parser)]
#[command(name = "minimost", version, about = "Self-hosted team chat server")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// How log lines are written: `text` for people, `json` (one object per line, with the
    /// request's id, operation and user id) for log collectors.
    #[arg(long, global = true, env = "MINIMOST_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Run the chat server (the default).
    Serve(ServeArgs),
    /// Record a new cookie-signing key in the database: every node signs with it from twice
    /// `secret_key_reload_seconds` from now, and the current key still verifies for the grace period
    /// after that. Not for keys passed with MINIMOST_SECRET_KEY or --secret-key-file.
    RotateSecretKey(RotateArgs),
    /// Operator chores on the database that running servers use (same flags and environment).
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Load the data directory of an original MiniMost (3be25cb) into an empty database: accounts
    /// (their passwords keep working), every conversation, reactions, read state, files, profiles.
    ImportMinimost(ImportArgs),
}

#[derive(Args, Clone)]
struct ImportArgs {
    /// The original's data directory (its auth.db, presence.db, users/, uploads/, avatars/ and
    /// settings.json). Only read.
    minimost_dir: PathBuf,
    /// Replace everything the target database holds (accounts, conversations) instead of refusing
    /// a target that is not empty.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    place: Place,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a single-use password-reset link for a user (name in any letter case), print it, and
    /// tell the user in a direct message from `system`. Completing it ends the user's sessions and
    /// clears a lockout.
    ResetPassword(ResetPasswordArgs),
    /// Create an account under the sign-up rules. The password is read from standard input with
    /// --password-stdin; otherwise a random one is generated and printed once.
    CreateUser(CreateUserArgs),
    /// Delete an account as its owner's own deletion would: its sessions, reactions, read state and
    /// memberships go; its messages stay, shown as from "Deleted User" (with --hard they become
    /// deletions, and their attachments are removed). Its open tabs are signed out.
    DeleteUser(DeleteUserArgs),
    /// List the accounts: name, created, last seen (the last use of a session still kept), and
    /// whether a lockout is in force.
    ListUsers(ListUsersArgs),
    /// Clear a user's lockout and count of failed logins.
    Unlock(UserArgs),
    /// Write a consistent copy of a running SQLite deployment (database and stored files) to one
    /// archive FILE. For PostgreSQL use pg_dump (README, "Operating Minimost").
    Backup(BackupArgs),
    /// Unpack an archive made by `backup` into a new data directory (it must hold no database and
    /// no stored files yet); the server then starts there with everything.
    Restore(BackupArgs),
}

#[derive(Args, Clone)]
struct UserArgs {
    /// The user's name (any letter case).
    user: String,
    #[command(flatten)]
    place: Place,
}

#[derive(Args, Clone)]
struct CreateUserArgs {
    /// The new user's name.
    user: String,
    /// Read the password from the first line of standard input instead of generating one.
    #[arg(long)]
    password_stdin: bool,
    #[command(flatten)]
    place: Place,
}

#[derive(Args, Clone)]
struct DeleteUserArgs {
    /// The user's name (any letter case).
    user: String,
    /// Also delete the user's messages (they become deletions, as the owner's "hard" deletion).
    #[arg(long)]
    hard: bool,
    #[command(flatten)]
    place: Place,
}

#[derive(Args, Clone)]
struct ListUsersArgs {
    /// One JSON object per line instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    place: Place,
}

#[derive(Args, Clone)]
struct BackupArgs {
    /// The archive (a tar file).
    file: PathBuf,
    #[command(flatten)]
    place: Place,
}

#[derive(Args, Clone)]
struct ResetPasswordArgs {
    /// The user whose password is reset.
    user: String,
    /// Minutes the link stays valid (1 to 10080, a week).
    #[arg(long, default_value_t = minimost::service::password_resets::DEFAULT_MINUTES)]
    expires: u32,
    /// The address users open the chat at; the link is `<base-url>/reset-password/<token>`.
    #[arg(long, env = "MINIMOST_BASE_URL", default_value = "http://127.0.0.1:5000")]
    base_url: String,
    #[command(flatten)]
    place: Place,
}

#[derive(Args, Clone)]
struct RotateArgs {
    /// How long cookies signed with the current key stay valid once the new key signs (sessions
    /// older than that must sign in again).
    #[arg(long, default_value_t = 24.0)]
    grace_hours: f64,
    /// The nodes' database and settings (`secret_key_reload_seconds` sets when the new key signs).
    #[command(flatten)]
    place: Place,
}

/// Where the data is, and the settings file.
#[derive(Args, Clone)]
struct Place {
    /// Directory for the SQLite database and uploads.
    #[arg(long, env = "MINIMOST_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// Database URL: `postgres://…` for PostgreSQL; default `<data-dir>/minimost.db` (SQLite).
    #[arg(long, env = "MINIMOST_DATABASE_URL")]
    database_url: Option<String>,
    /// Settings file; default `./settings.json`, or the built-in defaults when there is none.
    #[arg(long, env = "MINIMOST_SETTINGS")]
    settings: Option<PathBuf>,
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "MINIMOST_BIND", default_value = "127.0.0.1:5000")]
    bind: SocketAddr,
    #[command(flatten)]
    place: Place,
    /// A file of at least 64 random bytes that signs the cookies, instead of the key the database
    /// keeps (give every node the same file). `MINIMOST_SECRET_KEY` passes it as hex instead.
    #[arg(long, env = "MINIMOST_SECRET_KEY_FILE")]
    secret_key_file: Option<PathBuf>,
    /// Serve Prometheus metrics (`GET /metrics`) on this address, apart from the chat (e.g.
    /// `127.0.0.1:9464`). None by default.
    #[arg(long, env = "MINIMOST_METRICS_BIND")]
    metrics_bind: Option<SocketAddr>,
}

/// A bearer token the metrics address asks for (`MINIMOST_METRICS_TOKEN`; environment only, so it
/// never shows in the process list). At least 16 characters.
fn metrics_token() -> anyhow::Result<Option<String>> {
    match std::env::var("MINIMOST_METRICS_TOKEN") {
        Ok(token) if token.is_empty() => Ok(None),
        Ok(token) if token.len() < 16 || !token.bytes().all(|b| b.is_ascii_graphic()) => {
            anyhow::bail!("MINIMOST_METRICS_TOKEN must be at least 16 printable characters without spaces")
        }
        Ok(token) => Ok(Some(token)),
        Err(_) => Ok(None),
    }
}

fn main() -> anyhow::Result<()> {
    // `RUST_LOG` as comma-separated `target=level` directives (e.g. `info,minimost=debug`). The
    // target filter covers that syntax without the regex engine a full `EnvFilter` compiles in.
    let filter: Targets = std::env::var("RUST_LOG")
        .ok()
        .and_then(|directives| directives.parse().ok())
        .unwrap_or_else(|| Targets::new().with_default(Level::INFO).with_target("warp", Level::WARN));
    let cli = Cli::parse();
    let (text, json) = match cli.log_format {
        // Colours only for a terminal: in a journal or file they are noise, and colouring each
        // request span's field names was most of its cost.
        LogFormat::Text => (Some(tracing_subscriber::fmt::layer().with_ansi(std::io::stdout().is_terminal())), None),
        // Fields of the current span (the request's id, operation, user) in every line.
        LogFormat::Json => {
            (None, Some(tracing_subscriber::fmt::layer().json().with_current_span(true).with_span_list(false)))
        }
    };
    tracing_subscriber::registry().with(text).with(json).with(filter).init();
    minimost::server::tune_allocator();
    let args = match cli.command {
        Some(Command::Serve(args)) => args,
        Some(Command::RotateSecretKey(args)) => return runtime()?.block_on(rotate_secret_key(args)),
        Some(Command::Admin(command)) => return runtime()?.block_on(admin(command)),
        Some(Command::ImportMinimost(args)) => return runtime()?.block_on(import_minimost(args)),
        None => cli.serve,
    };
    let settings = config::load_settings(args.place.settings.as_deref(), std::env::vars())?;
    let env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
    let secret_keys = config::SecretKeys::from_operator(
        env("MINIMOST_SECRET_KEY").as_deref(),
        args.secret_key_file.as_deref(),
        env("MINIMOST_PREVIOUS_SECRET_KEYS").as_deref(),
    )?;
    let Place { data_dir, database_url, .. } = args.place;
    let config = Config { bind: args.bind, data_dir, database_url, settings, secret_keys };
    let runtime = runtime()?;
    let served = runtime.block_on(serve(config, args.metrics_bind));
    // The drain is over (or timed out): whatever still runs on the blocking pool (a database query,
    // a password hash) is given a moment, not waited for.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")
}

async fn rotate_secret_key(args: RotateArgs) -> anyhow::Result<()> {
    let given = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    if given("MINIMOST_SECRET_KEY") || given("MINIMOST_SECRET_KEY_FILE") {
        anyhow::bail!(
            "the cookie-signing key is passed by the operator (MINIMOST_SECRET_KEY / MINIMOST_SECRET_KEY_FILE): \
             rotate it by passing the new key and the old one in MINIMOST_PREVIOUS_SECRET_KEYS (see the README)"
        );
    }
    if !(args.grace_hours.is_finite() && (0.0..=24.0 * 366.0).contains(&args.grace_hours)) {
        anyhow::bail!("--grace-hours must be a number of hours from 0 to 8784 (a year)");
    }
    let settings = config::load_settings(args.place.settings.as_deref(), std::env::vars())?;
    let store = open_store(&args.place).await?;
    let activate_after = settings.secret_key_reload_interval() * 2;
    let grace = std::time::Duration::from_secs_f64(args.grace_hours * 3600.0);
    let generation = minimost::service::signing_keys::rotate(&store, activate_after, grace).await?;
    println!(
        "signing key generation {generation} recorded: every node signs with it in {} s; the keys before it \
         verify for {} hours after that",
        activate_after.as_secs(),
        args.grace_hours
    );
    Ok(())
}

/// The store the servers of `place` use (migrated first, as a server would), for one command.
async fn open_store(place: &Place) -> anyhow::Result<minimost::store::Store> {
    let settings = config::load_settings(place.settings.as_deref(), std::env::vars())?;
    let config = Config { database_url: place.database_url.clone(), ..Config::for_data_dir(&place.data_dir, settings) };
    let url = config.database_url();
    tokio::task::spawn_blocking(move || minimost::store::Store::open_for_command(&url)).await?
}

async fn import_minimost(args: ImportArgs) -> anyhow::Result<()> {
    let settings = config::load_settings(args.place.settings.as_deref(), std::env::vars())?;
    let config = Config {
        database_url: args.place.database_url.clone(),
        ..Config::for_data_dir(&args.place.data_dir, settings)
    };
    let summary = minimost::import::run(&config, &args.minimost_dir, args.force).await?;
    println!("{summary}");
    Ok(())
}

async fn admin(command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::CreateUser(args) => {
            admin::create_user(&open_store(&args.place).await?, &args.user, args.password_stdin).await
        }
        AdminCommand::DeleteUser(args) => {
            let store = open_store(&args.place).await?;
            let files = minimost::app::file_stores(&store, &args.place.data_dir)?;
            admin::delete_user(&store, files, &args.user, args.hard).await
        }
        AdminCommand::ListUsers(args) => admin::list_users(&open_store(&args.place).await?, args.json).await,
        AdminCommand::Unlock(args) => admin::unlock(&open_store(&args.place).await?, &args.user).await,
        AdminCommand::Backup(args) => {
            let store = open_store(&args.place).await?;
            let data_dir = args.place.data_dir.clone();
            let summary =
                tokio::task::spawn_blocking(move || minimost::backup::backup(&store, &data_dir, &args.file)).await??;
            println!("{}", admin::describe_archive("backed up", &summary));
            Ok(())
        }
        AdminCommand::Restore(args) => {
            let database = database_path(&args.place)?;
            let data_dir = args.place.data_dir.clone();
            let file = args.file.clone();
            let summary =
                tokio::task::spawn_blocking(move || minimost::backup::restore(&file, &data_dir, &database)).await??;
            // Opening it as a server would: its migrations run now, not at the server's start.
            open_store(&args.place).await?;
            println!("{}", admin::describe_archive("restored", &summary));
            Ok(())
        }
        AdminCommand::ResetPassword(args) => {
            let max = minimost::service::password_resets::MAX_MINUTES;
            if !(1..=max).contains(&args.expires) {
                anyhow::bail!("--expires must be a number of minutes from 1 to {max}");
            }
            let store = open_store(&args.place).await?;
            let Some(issued) = minimost::service::password_resets::issue(&store, &args.user, args.expires).await?
            else {
                anyhow::bail!("no user named {:?}", args.user);
            };
            let base = args.base_url.trim_end_matches('/');
            println!("Password reset link for {} (valid {} min):", issued.username, args.expires);
            println!("{base}/reset-password/{}", issued.token);
            Ok(())
        }
    }
}

/// The SQLite database file of `place` (a restore writes it).
fn database_path(place: &Place) -> anyhow::Result<PathBuf> {
    let settings = config::load_settings(place.settings.as_deref(), std::env::vars())?;
    let config = Config { database_url: place.database_url.clone(), ..Config::for_data_dir(&place.data_dir, settings) };
    let url = config.database_url();
    if minimost::store::Backend::of_url(&url) == minimost::store::Backend::Postgres {
        anyhow::bail!(
            "the database is PostgreSQL: restore it with pg_restore or psql (README, \"Operating Minimost\")"
        );
    }
    Ok(PathBuf::from(url.strip_prefix("sqlite://").unwrap_or(&url)))
}

async fn serve(config: Config, metrics_bind: Option<SocketAddr>) -> anyhow::Result<()> {
    let app = App::build(&config)?;
    let _metrics = match metrics_bind {
        Some(addr) => {
            let (bound, metrics) = app.serve_metrics(addr, metrics_token()?).await?;
            tracing::info!("metrics at http://{bound}/metrics");
            Some(tokio_util::task::AbortOnDropHandle::new(tokio::spawn(metrics)))
        }
        None => None,
    };
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
