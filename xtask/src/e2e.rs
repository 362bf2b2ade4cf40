//! `cargo xtask e2e`: the browser tests. Installs what they need when it is missing (Debian's
//! chromium, the playwright-core package in e2e/node_modules), builds the debug server, starts it
//! on a free port with a fresh data directory, and runs every `e2e/tests/*.test.mjs` with node's
//! test runner against it.
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's colour emoji font: without it reactions are empty boxes in the screenshots.
const EMOJI_FONT: &str = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

pub(crate) fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

pub(crate) fn succeeds(command: &mut Command) -> bool {
    command.status().is_ok_and(|status| status.success())
}

/// Installs Debian's chromium and emoji font when they are not there.
pub(crate) fn ensure_browser() -> anyhow::Result<()> {
    let mut packages = Vec::new();
    if !Path::new(CHROMIUM).exists() {
        packages.push("chromium");
    }
    if !Path::new(EMOJI_FONT).exists() {
        packages.push("fonts-noto-color-emoji");
    }
    apt_install(&packages)
}

/// Installs Debian packages. The first attempt uses the package lists the machine has; only when
/// that fails are they refreshed (slow, usually not needed).
pub(crate) fn apt_install(packages: &[&str]) -> anyhow::Result<()> {
    if packages.is_empty() {
        return Ok(());
    }
    println!("==> installing {} (apt-get)", packages.join(" "));
    let install = || {
        succeeds(
            Command::new("apt-get").args(["install", "-y"]).args(packages).env("DEBIAN_FRONTEND", "noninteractive"),
        )
    };
    if !install() {
        if !succeeds(Command::new("apt-get").arg("update")) {
            bail!("apt-get update failed; install them by hand: apt-get install {}", packages.join(" "));
        }
        if !install() {
            bail!("apt-get install {} failed", packages.join(" "));
        }
    }
    Ok(())
}

/// `npm ci` in e2e/ when playwright-core is missing (the lock file pins its version).
pub(crate) fn ensure_node_packages(e2e: &Path) -> anyhow::Result<()> {
    if e2e.join("node_modules/playwright-core/package.json").exists() {
        return Ok(());
    }
    println!("==> npm ci (e2e/)");
    if !succeeds(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(e2e)) {
        bail!("npm ci in e2e/ failed (is node installed?)");
    }
    Ok(())
}

/// The target directory cargo uses for this workspace (CARGO_TARGET_DIR and config included).
pub(crate) fn target_directory(root: &Path) -> anyhow::Result<PathBuf> {
    let output = Command::new(cargo())
        .current_dir(root)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo metadata")?;
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).context("read cargo metadata")?;
    let dir = metadata["target_directory"].as_str().context("cargo metadata names no target directory")?;
    Ok(PathBuf::from(dir))
}

/// Builds the server the way `cargo xtask test` already has: `cargo test --workspace` builds the
/// binary for the HTTP tests, with the workspace's unified features. (`cargo build -p minimost`
/// would unify features differently and rebuild a dozen dependencies: minutes on 2 cores.)
pub(crate) fn build_server(root: &Path, target: &Path) -> anyhow::Result<PathBuf> {
    println!("==> cargo test --workspace --no-run (builds the server binary)");
    if !succeeds(Command::new(cargo()).current_dir(root).args(["test", "--workspace", "--no-run", "--quiet"])) {
        bail!("the server build failed");
    }
    Ok(target.join("debug").join(format!("minimost{}", std::env::consts::EXE_SUFFIX)))
}

pub(crate) fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// The server under test; stopped and its data removed when dropped, whatever happened.
pub(crate) struct Server {
    child: Child,
    data_dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

fn start_server(binary: &Path, port: u16, log: &Path) -> anyhow::Result<Server> {
    // Failed logins are answered at once so that the lockout test does not wait.
    // Failed logins are answered at once so that the lockout test does not wait; no rate limits:
    // every test signs up from 127.0.0.1 and the harness clicks faster than a person.
    start_server_with(
        binary,
        port,
        log,
        "e2e",
        &[
            ("MINIMOST_LOGIN_FAILURE_DELAY_SECONDS", "0"),
            ("MINIMOST_RATE_LIMIT_PER_IP_PER_MINUTE", "0"),
            ("MINIMOST_RATE_LIMIT_PER_USER_PER_MINUTE", "0"),
            // Test-only: link previews may fetch the page the browser test serves on loopback.
            ("MINIMOST_LINK_PREVIEW_ALLOWED_RANGES", r#"["127.0.0.1/32"]"#),
        ],
    )
}

/// Starts `binary` on `port` with a fresh data directory (named after `purpose`), the default
/// settings and the given `MINIMOST_<KEY>` overrides, and waits until it listens.
pub(crate) fn start_server_with(
    binary: &Path,
    port: u16,
    log: &Path,
    purpose: &str,
    settings: &[(&str, &str)],
) -> anyhow::Result<Server> {
    let mut server = spawn_server(binary, port, log, purpose, settings)?;
    server.wait_until_listening(port, log)?;
    Ok(server)
}

/// Starts `binary` as [`start_server_with`] does, without waiting for it to listen.
pub(crate) fn spawn_server(
    binary: &Path,
    port: u16,
    log: &Path,
    purpose: &str,
    settings: &[(&str, &str)],
) -> anyhow::Result<Server> {
    let data_dir = std::env::temp_dir().join(format!("minimost-{purpose}-{}-{port}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data_dir);
    std::fs::create_dir_all(&data_dir).context("create the data directory")?;
    let log_file = std::fs::File::create(log).context("create the server log")?;
    let child = Command::new(binary)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--data-dir"])
        .arg(&data_dir)
        // Started in its data directory, it finds no settings.json and takes the defaults.
        .current_dir(&data_dir)
        .envs(settings.iter().copied())
        .env_remove("MINIMOST_SETTINGS")
        .stdout(log_file.try_clone()?)
        .stderr(log_file)
        .spawn()
        .with_context(|| format!("cannot start {}", binary.display()))?;
    Ok(Server { child, data_dir })
}

impl Server {
    /// Waits until the server accepts connections on `port` (30 s at most).
    pub(crate) fn wait_until_listening(&mut self, port: u16, log: &Path) -> anyhow::Result<()> {
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            if let Some(status) = self.child.try_wait()? {
                bail!("the server exited ({status}) before listening; see {}", log.display());
            }
            if Instant::now() > deadline {
                bail!("the server did not listen on {address} within 30 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server as a service manager does (SIGTERM: it drains) and waits for it to exit.
    pub(crate) fn terminate(&mut self) -> anyhow::Result<()> {
        if !succeeds(Command::new("kill").args(["-TERM", &self.pid().to_string()])) {
            bail!("cannot send SIGTERM to the server");
        }
        self.child.wait().context("wait for the server to stop")?;
        Ok(())
    }
}

/// The browser tests start from the demo team of fixtures/ (loaded over HTTP by the conformance
/// harness's loader, which `cargo test --workspace --no-run` has built beside the server).
fn load_fixtures(target: &Path, base_url: &str) -> anyhow::Result<()> {
    let loader = target.join("debug").join(format!("conformance{}", std::env::consts::EXE_SUFFIX));
    println!("==> loading fixtures/ into {base_url}");
    let output = Command::new(&loader)
        .args(["load-fixtures", "--base-url", base_url])
        .output()
        .with_context(|| format!("cannot run {}", loader.display()))?;
    if !output.status.success() {
        bail!("loading the fixtures failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(())
}

/// The test files of e2e/tests, or those whose names contain one of `only` (none: all).
fn test_files(e2e: &Path, only: &[String]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(e2e.join("tests"))
        .context("read e2e/tests")?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| selected(path, only))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no e2e/tests/*.test.mjs file matches {only:?}");
    }
    Ok(files)
}

fn selected(path: &Path, only: &[String]) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.ends_with(".test.mjs") && (only.is_empty() || only.iter().any(|part| name.contains(part.as_str())))
}

/// What the browser tests came to: node's own counts, for the one closing line of `xtask test`.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    pub passed: u64,
    pub failed: u64,
    pub success: bool,
}

impl Outcome {
    /// Reads the spec reporter's closing counts (`ℹ pass 12`, `ℹ fail 0`).
    pub(crate) fn add(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("ℹ ") else { return };
        let Some((label, number)) = rest.split_once(' ') else { return };
        let Ok(n) = number.trim().parse::<u64>() else { return };
        match label {
            "pass" => self.passed += n,
            "fail" => self.failed += n,
            _ => {}
        }
    }
}

/// `cargo xtask e2e`.
pub fn main(root: &Path, only: &[String]) -> anyhow::Result<bool> {
    let outcome = run_only(root, only)?;
    Ok(outcome.success)
}

/// Every browser test (as `cargo xtask test` runs them).
pub fn run(root: &Path) -> anyhow::Result<Outcome> {
    run_only(root, &[])
}

fn run_only(root: &Path, only: &[String]) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let e2e = root.join("e2e");
    ensure_browser()?;
    ensure_node_packages(&e2e)?;
    let target = target_directory(root)?;
    let binary = build_server(root, &target)?;
    let artifacts = target.join("e2e-artifacts");
    let _ = std::fs::remove_dir_all(&artifacts);
    std::fs::create_dir_all(&artifacts).context("create the artifacts directory")?;

    let port = free_port()?;
    let server = start_server(&binary, port, &artifacts.join("server.log"))?;
    let base_url = format!("http://127.0.0.1:{port}");
    load_fixtures(&target, &base_url)?;
    println!("==> browser tests against {base_url} (screenshots in {})", artifacts.display());
    let mut command = Command::new("node");
    command
        .current_dir(&e2e)
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(test_files(&e2e, only)?)
        .env("MINIMOST_URL", &base_url)
        .env("E2E_ARTIFACTS", &artifacts)
        .env("CHROMIUM", CHROMIUM);
    let mut outcome = Outcome::default();
    let status = crate::test::echo_lines(&mut command, "node (is it installed?)", |line| outcome.add(line))?;
    outcome.success = status.success();
    drop(server);
    println!("==> browser tests took {:.0} s", started.elapsed().as_secs_f64());
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_selects_test_files_by_a_part_of_their_name() {
        let paging = Path::new("e2e/tests/paging.test.mjs");
        assert!(selected(paging, &[]));
        assert!(selected(paging, &["paging".into()]));
        assert!(selected(paging, &["chat".into(), "pag".into()]));
        assert!(!selected(paging, &["chat".into()]));
        assert!(!selected(Path::new("e2e/tests/README.md"), &[]));
    }

    #[test]
    fn outcome_reads_the_spec_reporters_counts() {
        let mut outcome = Outcome::default();
        for line in ["ℹ tests 7", "ℹ pass 6", "ℹ fail 1", "✔ two users chat (812ms)", "ℹ duration_ms 9"] {
            outcome.add(line);
        }
        assert_eq!((outcome.passed, outcome.failed), (6, 1));
    }
}
