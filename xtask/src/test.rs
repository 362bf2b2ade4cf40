//! `cargo xtask test`: every check and test of the project, the way CI runs them.
use std::io::{BufRead, BufReader};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::process::{Command, Stdio};
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

/// Debian's Prometheus, which `tests/prometheus.rs` runs.
const PROMETHEUS: &str = "/usr/bin/prometheus";

pub fn run(root: &Path, codegen_check: impl FnOnce() -> anyhow::Result<bool>) -> anyhow::Result<bool> {
    println!("==> generated code is up to date with api-spec/minimost.yaml");
    if !codegen_check()? {
        bail!("src/api/generated/ or src/contract/ is stale: run `cargo xtask codegen` and commit the result");
    }

    println!("==> cargo fmt --check (rustfmt.toml)");
    ensure_components()?;
    if !cargo(root, &["fmt", "--all", "--check"])? {
        bail!("the code is not formatted: run `cargo fmt --all` and commit the result");
    }
    println!("==> cargo clippy --workspace --all-targets -- -D warnings");
    if !cargo(root, &["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"])? {
        bail!("clippy found warnings (listed above); fix them or, where a lint is wrong for the code, allow it there with a comment saying why");
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

    // tests/prometheus.rs scrapes a server with a real Prometheus; told that it is required, it
    // fails instead of skipping when the binary is missing.
    crate::e2e::apt_install(if std::path::Path::new(PROMETHEUS).exists() { &[] } else { &["prometheus"] })?;
    println!("==> cargo test --workspace");
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root).args(["test", "--workspace", "--", "--color", "never"]).args(&skip);
    command.env("MINIMOST_REQUIRE_PROMETHEUS", "1");
    let mut totals = Totals::default();
    let status = echo_lines(&mut command, "cargo test", |line| totals.add(line))?;
    // One closing line for the whole run (cargo prints one per test binary, the last often a
    // doc-test binary with nothing in it).
    let tests_passed = status.success() && totals.failed == 0;

    println!("==> conformance suite against an in-process server");
    let junit = root.join("target").join("conformance-junit.xml");
    let conformance_passed = conformance(root, &["--junit".to_string(), junit.display().to_string()])?;

    println!("==> schemathesis against the real server (cargo xtask fuzz)");
    let fuzz = crate::fuzz::run(root, &crate::fuzz::Options::default())?;
    totals.passed += fuzz.passed;
    totals.failed += fuzz.failed;

    println!("==> browser tests (cargo xtask e2e)");
    let e2e = crate::e2e::run(root, &[])?;
    totals.passed += e2e.passed;
    totals.failed += e2e.failed;

    // Last: its failover drill restarts PostgreSQL.
    let cluster_passed = if skip.is_empty() {
        println!("==> three PostgreSQL nodes behind nginx (cargo xtask cluster)");
        let cluster = crate::cluster::run(root)?;
        totals.passed += cluster.passed;
        totals.failed += cluster.failed;
        cluster.success
    } else {
        println!("SKIPPED: cargo xtask cluster — it needs PostgreSQL");
        true
    };

    let skipped = if skip.is_empty() { 0 } else { totals.filtered_out };
    println!("xtask: {} passed, {} failed, {skipped} skipped", totals.passed, totals.failed);
    Ok(tests_passed && conformance_passed && fuzz.success && e2e.success && cluster_passed)
}

/// Runs `cargo <args>` in the workspace; whether it succeeded.
fn cargo(root: &Path, args: &[&str]) -> anyhow::Result<bool> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    let status = command.current_dir(root).args(args).status().with_context(|| format!("cannot run cargo {args:?}"))?;
    Ok(status.success())
}

/// The lint gates need rustfmt and clippy; a toolchain installed without them gets them from rustup.
fn ensure_components() -> anyhow::Result<()> {
    let present = |tool: &str| {
        Command::new("cargo")
            .args([tool, "--version"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if present("fmt") && present("clippy") {
        return Ok(());
    }
    println!("==> rustup component add rustfmt clippy");
    let status =
        Command::new("rustup").args(["component", "add", "rustfmt", "clippy"]).status().context("cannot run rustup")?;
    if !status.success() {
        bail!("rustfmt and clippy are needed by the lint gates and rustup could not add them");
    }
    Ok(())
}

/// Runs `command`, printing its standard output line by line as it comes and handing each line
/// to `read` (the test runners' closing counts are read from it).
pub fn echo_lines(
    command: &mut Command,
    what: &str,
    mut read: impl FnMut(&str),
) -> anyhow::Result<std::process::ExitStatus> {
    let mut child = command.stdout(Stdio::piped()).spawn().with_context(|| format!("cannot run {what}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.with_context(|| format!("read the output of {what}"))?;
            println!("{line}");
            read(&line);
        }
    }
    child.wait().with_context(|| format!("wait for {what}"))
}

pub fn conformance(root: &Path, args: &[String]) -> anyhow::Result<bool> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root).args(["run", "--quiet", "-p", "conformance", "--"]).args(args);
    Ok(command.status().context("cannot run the conformance suite")?.success())
}

#[derive(Debug, Default, PartialEq)]
struct Totals {
    passed: u64,
    failed: u64,
    filtered_out: u64,
}

impl Totals {
    /// Adds a `test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 2 filtered out; …` line.
    fn add(&mut self, line: &str) {
        let Some(counts) = line.strip_prefix("test result: ") else { return };
        for part in counts.split(';') {
            let part = part.trim().trim_start_matches("ok.").trim_start_matches("FAILED.").trim();
            let Some((number, label)) = part.split_once(' ') else { continue };
            let Ok(n) = number.parse::<u64>() else { continue };
            match label {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                "filtered out" => self.filtered_out += n,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_up_cargo_result_lines() {
        let mut totals = Totals::default();
        totals.add("test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 2 filtered out; finished in 0.1s");
        totals.add("test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1s");
        totals.add("running 3 tests");
        assert_eq!(totals, Totals { passed: 4, failed: 2, filtered_out: 2 });
    }

    #[test]
    fn postgres_address_reads_host_and_port() {
        assert_eq!(postgres_address(DEFAULT_POSTGRES_URL).unwrap(), "127.0.0.1:5432");
        assert_eq!(postgres_address("postgres://db.internal/app").unwrap(), "db.internal:5432");
        assert_eq!(postgres_address("postgresql://u:p@[::1]:6000/x").unwrap(), "[::1]:6000");
    }
}
