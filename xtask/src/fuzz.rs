//! `cargo xtask fuzz`: schemathesis against the real server. Installs a pinned schemathesis into a
//! venv of its own (`<target>/fuzz-venv`) when it is missing, builds the debug server the way the
//! browser tests do, starts it on a free port with a fresh data directory and the settings for
//! black-box tools, signs a user up over HTTP, and runs `schemathesis run` against the served
//! `/api/openapi.json` with that user's session: every check, every operation but those that end
//! the session. Any 5xx or contract violation fails the run. The JUnit report goes to
//! `<target>/fuzz-junit.xml`. `fuzz/schemathesis.toml` and `fuzz/hooks.py` hold what is configured,
//! each item explained.
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::e2e::{apt_install, build_server, free_port, start_server_with, succeeds, target_directory};

/// The schemathesis release the suite is written against (its checks change between releases).
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// Test cases per operation and phase by default: the whole run takes a minute or two on 2 cores.
pub const DEFAULT_MAX_EXAMPLES: u32 = 20;

/// The seed by default, so that `cargo xtask test` sends the same requests every time; pass
/// `--seed` to explore others.
pub const DEFAULT_SEED: u64 = 1;

/// Operations left out: they end the session every other request relies on.
const SESSION_ENDING_OPERATIONS: &[&str] = &["logout", "logout_post", "delete_account"];

/// The settings black-box tools need (`MINIMOST_<KEY>`, JSON values). Keys the server does not
/// know are ignored by it, so the rate limits are turned off here already for the builds that have
/// them (0 means off).
const SERVER_SETTINGS: &[(&str, &str)] = &[
    // Generated forms carry no form token.
    ("MINIMOST_CSRF_ENABLED", "false"),
    // A generated wrong password is answered at once.
    ("MINIMOST_LOGIN_FAILURE_DELAY_SECONDS", "0"),
    // The fuzzer sends hundreds of requests a minute from one address and one user.
    ("MINIMOST_RATE_LIMIT_PER_IP_PER_MINUTE", "0"),
    ("MINIMOST_RATE_LIMIT_PER_USER_PER_MINUTE", "0"),
];

const FUZZ_USER: &str = "fuzzer";
const FUZZ_PASSWORD: &str = "Fuzz#Pass1";

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Test cases per operation and phase (default [`DEFAULT_MAX_EXAMPLES`]).
    pub max_examples: Option<u32>,
    /// The generator's seed (default [`DEFAULT_SEED`]).
    pub seed: Option<u64>,
}

/// What the run came to, for the closing line of `xtask test`: one count per tested operation
/// (and one for the stateful phase), as the JUnit report has them.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    pub passed: u64,
    pub failed: u64,
    pub success: bool,
}

/// `cargo xtask fuzz`.
pub fn main(root: &Path, options: &Options) -> anyhow::Result<bool> {
    Ok(run(root, options)?.success)
}

pub fn run(root: &Path, options: &Options) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let target = target_directory(root)?;
    let schemathesis = ensure_schemathesis(&target)?;
    let binary = build_server(root, &target)?;

    let port = free_port()?;
    let log = target.join("fuzz-server.log");
    let server = start_server_with(&binary, port, &log, "fuzz", SERVER_SETTINGS)?;
    let base_url = format!("http://127.0.0.1:{port}");
    let session = sign_up(port).context("signing the fuzz user up")?;

    let junit = target.join("fuzz-junit.xml");
    let _ = std::fs::remove_file(&junit);
    let max_examples = options.max_examples.unwrap_or(DEFAULT_MAX_EXAMPLES);
    let seed = options.seed.unwrap_or(DEFAULT_SEED);
    println!(
        "==> schemathesis {SCHEMATHESIS_VERSION} against {base_url} (max {max_examples} examples per operation and phase, \
         seed {seed}; server log in {})",
        log.display()
    );
    let mut command = Command::new(&schemathesis);
    command
        // Hypothesis keeps its files in the working directory: the target directory, not the tree.
        .current_dir(&target)
        .arg("--no-color")
        .arg("--config-file")
        .arg(root.join("fuzz/schemathesis.toml"))
        .arg("run")
        .arg(format!("{base_url}/api/openapi.json"))
        .args(["--checks", "all"])
        .args(["--max-examples", &max_examples.to_string()])
        .args(["--seed", &seed.to_string()])
        // Each run is what its seed makes it, not what an earlier run's failures left behind.
        .args(["--generation-database", "none"])
        .args(["--report", "junit", "--report-junit-path"])
        .arg(&junit)
        // The session, as the value of the contract's `session` security scheme (see the config).
        .env("MINIMOST_FUZZ_SESSION", &session)
        .env("SCHEMATHESIS_HOOKS", root.join("fuzz/hooks.py"));
    for operation in SESSION_ENDING_OPERATIONS {
        command.args(["--exclude-operation-id", operation]);
    }
    let fuzzing = Instant::now();
    let status = crate::test::echo_lines(&mut command, "schemathesis", |_| {})?;
    let fuzzing = fuzzing.elapsed();
    drop(server);

    let mut outcome = match std::fs::read_to_string(&junit) {
        Ok(report) => Outcome::from_junit(&report),
        Err(_) => Outcome::default(),
    };
    outcome.success = status.success() && outcome.failed == 0 && outcome.passed > 0;
    if !status.success() && outcome.failed == 0 {
        // A run that stopped before reporting (a schema that does not load, a crash) still counts.
        outcome.failed = 1;
    }
    println!(
        "==> schemathesis took {:.0} s ({:.0} s with the build and the set-up): {} passed, {} failed \
         (JUnit report: {})",
        fuzzing.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        outcome.passed,
        outcome.failed,
        junit.display()
    );
    Ok(outcome)
}

impl Outcome {
    /// Reads the counts of the report's `<testsuites …>` element.
    fn from_junit(report: &str) -> Outcome {
        let Some(start) = report.find("<testsuites") else { return Outcome::default() };
        let element = &report[start..start + report[start..].find('>').unwrap_or(0)];
        let count = |name: &str| -> u64 {
            let needle = format!(" {name}=\"");
            element
                .find(&needle)
                .and_then(|at| {
                    let rest = &element[at + needle.len()..];
                    rest[..rest.find('"')?].parse().ok()
                })
                .unwrap_or(0)
        };
        let failed = count("failures") + count("errors");
        let passed = count("tests").saturating_sub(failed + count("skipped"));
        Outcome { passed, failed, success: false }
    }
}

/// `<target>/fuzz-venv/bin/schemathesis` at [`SCHEMATHESIS_VERSION`], installed when missing or
/// of another version (python3 -m venv, then pip; Debian's python3-venv first when venv is missing).
fn ensure_schemathesis(target: &Path) -> anyhow::Result<PathBuf> {
    let venv = target.join("fuzz-venv");
    let bin = venv.join("bin");
    let schemathesis = bin.join("schemathesis");
    if installed_version(&schemathesis).as_deref() == Some(SCHEMATHESIS_VERSION) {
        return Ok(schemathesis);
    }
    if !bin.join("python").exists() {
        if !succeeds(Command::new("python3").arg("--version")) {
            apt_install(&["python3", "python3-venv"])?;
        }
        println!("==> python3 -m venv {}", venv.display());
        if !create_venv(&venv) {
            // Debian's python3 comes without ensurepip until python3-venv is installed.
            apt_install(&["python3-venv"])?;
            if !create_venv(&venv) {
                bail!("python3 -m venv {} failed", venv.display());
            }
        }
    }
    println!("==> pip install schemathesis=={SCHEMATHESIS_VERSION} (into {})", venv.display());
    let pip = Command::new(bin.join("python"))
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("schemathesis=={SCHEMATHESIS_VERSION}"))
        .status()
        .context("cannot run pip")?;
    if !pip.success() {
        bail!("pip install schemathesis=={SCHEMATHESIS_VERSION} failed");
    }
    match installed_version(&schemathesis) {
        Some(version) if version == SCHEMATHESIS_VERSION => Ok(schemathesis),
        other => bail!("{} reports version {other:?} after the install", schemathesis.display()),
    }
}

fn create_venv(venv: &Path) -> bool {
    let _ = std::fs::remove_dir_all(venv);
    let created = succeeds(Command::new("python3").args(["-m", "venv"]).arg(venv));
    created && venv.join("bin/python").exists()
}

/// The version `schemathesis --version` reports (`schemathesis, version 4.32.5`).
fn installed_version(schemathesis: &Path) -> Option<String> {
    if !schemathesis.exists() {
        return None;
    }
    let output = Command::new(schemathesis).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.trim().rsplit(' ').next().map(str::to_owned)
}

/// Signs the fuzz user up with a plain HTTP/1.1 request and returns the value of the `session`
/// cookie the server set.
fn sign_up(port: u16) -> anyhow::Result<String> {
    let password = FUZZ_PASSWORD.replace('#', "%23");
    let body = format!("username={FUZZ_USER}&password={password}&confirm_password={password}");
    let mut stream = TcpStream::connect(("127.0.0.1", port)).context("connect to the server")?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "POST /signup HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).context("read the sign-up answer")?;
    session_from_answer(&answer)
}

fn session_from_answer(answer: &str) -> anyhow::Result<String> {
    let head = answer.split("\r\n\r\n").next().unwrap_or("");
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    if !status.starts_with("HTTP/1.1 302") {
        bail!("the sign-up answered `{status}`, not 302");
    }
    lines
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| name.trim().eq_ignore_ascii_case("set-cookie"))
        .filter_map(|(_, value)| value.trim().strip_prefix("session="))
        .map(|rest| rest.split(';').next().unwrap_or("").to_string())
        .find(|value| !value.is_empty())
        .context("the sign-up set no session cookie")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_reads_the_junit_counts() {
        let report = r#"<?xml version="1.0" encoding="utf-8"?>
<testsuites errors="1" failures="2" skipped="3" tests="42" time="12.7">
  <testsuite name="schemathesis" errors="1" failures="2" skipped="3" tests="42">"#;
        let outcome = Outcome::from_junit(report);
        assert_eq!((outcome.passed, outcome.failed), (36, 3));
        assert_eq!(Outcome::from_junit("garbage"), Outcome::default());
    }

    #[test]
    fn the_session_comes_from_the_set_cookie_header() {
        let answer = "HTTP/1.1 302 Found\r\nlocation: /\r\nset-cookie: csrf=x; Path=/\r\n\
                      set-cookie: session=abc%3Ddef; HttpOnly; SameSite=Lax; Path=/\r\n\r\n";
        assert_eq!(session_from_answer(answer).unwrap(), "abc%3Ddef");
        assert!(session_from_answer("HTTP/1.1 200 OK\r\n\r\n<form>").is_err());
    }
}
