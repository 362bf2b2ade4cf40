//! `cargo xtask demo`: a server with the demo dataset in it, for a look around or a browser test.
//! Loading is `conformance load-fixtures` (HTTP only); this file only builds, starts and waits.
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn load_fixtures(root: &Path, base_url: &str) -> anyhow::Result<bool> {
    let status = cargo()
        .current_dir(root)
        .args(["run", "--quiet", "-p", "conformance", "--", "load-fixtures", "--base-url", base_url])
        .status()
        .context("cannot run conformance load-fixtures")?;
    Ok(status.success())
}

/// With `base_url`: load into that deployment and return. Otherwise build the server, start it on
/// `bind` with a fresh data directory and the workspace's settings.json, load, and keep serving.
pub fn run(root: &Path, base_url: Option<&str>, bind: SocketAddr, release: bool) -> anyhow::Result<bool> {
    if let Some(url) = base_url {
        return load_fixtures(root, url);
    }
    if TcpStream::connect_timeout(&bind, Duration::from_millis(300)).is_ok() {
        bail!("something already listens on {bind}: stop it or pass --bind");
    }
    // Ctrl-C ends this process too, so it cannot clean up after itself: one directory per port,
    // emptied at each start, keeps every demo fresh without leaving a pile behind.
    let data_dir = std::env::temp_dir().join(format!("minimost-demo-{}", bind.port()));
    if data_dir.exists() {
        std::fs::remove_dir_all(&data_dir).with_context(|| format!("empty {}", data_dir.display()))?;
    }
    let mut command = cargo();
    // `cargo run` builds first; a debug build is what `cargo xtask test` leaves warm, and five
    // demo users do not need release speed (`--release` costs minutes on 2 cores).
    command.current_dir(root).args(["run", "--quiet", "-p", "minimost"]);
    if release {
        command.arg("--release");
    }
    command.args(["--", "serve", "--bind", &bind.to_string(), "--data-dir"]).arg(&data_dir);
    let mut server = command.spawn().context("cannot start the server")?;
    let started = Instant::now();
    while TcpStream::connect_timeout(&bind, Duration::from_millis(300)).is_err() {
        if let Some(status) = server.try_wait()? {
            bail!("the server stopped before it answered ({status})");
        }
        if started.elapsed() > Duration::from_secs(900) {
            let _ = server.kill();
            bail!("the server did not answer on {bind} within 15 minutes");
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let base_url = format!("http://{bind}");
    if !load_fixtures(root, &base_url)? {
        let _ = server.kill();
        return Ok(false);
    }
    println!("\nDemo server: {base_url}  (data in {}; Ctrl-C stops it)", data_dir.display());
    let status = server.wait().context("wait for the server")?;
    Ok(status.success())
}
