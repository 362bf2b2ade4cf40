//! `cargo xtask test`: every check and test of the project, the way CI runs them.
use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context};

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// `host:port` of a `postgres://user@host:port/db` URL.
fn postgres_address(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    Some(if host_port.contains(':') { host_port.to_string() } else { format!("{host_port}:5432") })
}

fn postgres_answers(address: &str) -> bool {
    let Ok(mut addrs) = address.to_socket_addrs() else { return false };
    addrs.any(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_ok())
}

pub fn run(root: &Path, codegen_check: impl FnOnce() -> anyhow::Result<bool>) -> anyhow::Result<bool> {
    println!("==> generated code is up to date with api-spec/minimost.yaml");
    if !codegen_check()? {
        bail!("src/api/generated/ is stale: run `cargo xtask codegen` and commit the result");
    }

    let url = std::env::var("MINIMOST_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_string());
    let address = postgres_address(&url).with_context(|| format!("cannot read a host from {url}"))?;
    let mut skip = Vec::new();
    if postgres_answers(&address) {
        println!("==> PostgreSQL answers at {address}: the HTTP tests run on SQLite and PostgreSQL");
    } else {
        println!(
            "SKIPPED: every PostgreSQL test (`…::postgres`) — no PostgreSQL answers at {address} \
             (start it, or point MINIMOST_TEST_POSTGRES_URL at one)"
        );
        skip = vec!["--skip".to_string(), "::postgres".to_string()];
    }

    println!("==> cargo test --workspace");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(root)
        .args(["test", "--workspace", "--", "--color", "never"])
        .args(&skip)
        .status()
        .context("cannot run cargo test")?;
    Ok(status.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_address_reads_host_and_port() {
        assert_eq!(postgres_address(DEFAULT_POSTGRES_URL).unwrap(), "127.0.0.1:5432");
        assert_eq!(postgres_address("postgres://db.internal/app").unwrap(), "db.internal:5432");
        assert_eq!(postgres_address("postgresql://u:p@[::1]:6000/x").unwrap(), "[::1]:6000");
    }
}
