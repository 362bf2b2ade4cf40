//! The server under test: the release `minimost` binary as a child process on a free loopback port.
use std::net::{SocketAddr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::http::{Call, Connection};

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    log: PathBuf,
}

/// How the server is started, beyond its data directory.
pub struct Launch<'a> {
    pub binary: &'a Path,
    pub data_dir: &'a Path,
    /// Extra `MINIMOST_*` settings for this scenario.
    pub env: &'a [(String, String)],
    /// `RUST_LOG` for the server; `None` keeps its default (`info`: a line per request).
    pub log_filter: Option<&'a str>,
}

fn free_loopback_port() -> anyhow::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").context("find a free port")?;
    listener.local_addr().context("read the free port")
}

impl Server {
    /// Starts the server and waits until it answers `GET /login`.
    pub async fn start(launch: &Launch<'_>) -> anyhow::Result<Server> {
        let addr = free_loopback_port()?;
        let log = launch.data_dir.join("server.log");
        let log_file = std::fs::File::create(&log).with_context(|| format!("create {}", log.display()))?;
        let mut command = Command::new(launch.binary);
        command
            .arg("--data-dir")
            .arg(launch.data_dir)
            .arg("--bind")
            .arg(addr.to_string())
            // The working directory holds no settings.json: the built-in defaults plus `env` apply.
            .current_dir(launch.data_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::from(log_file.try_clone().context("log file")?))
            .stderr(Stdio::from(log_file));
        // Settings from the caller's environment would silently change what is measured.
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("MINIMOST_") || name == "RUST_LOG" {
                command.env_remove(name);
            }
        }
        command
            .env("MINIMOST_LOGIN_FAILURE_DELAY_SECONDS", "0")
            .env("MINIMOST_CSRF_ENABLED", "false")
            // The load comes from one address and a few users, far above any person's rate.
            .env("MINIMOST_RATE_LIMIT_PER_IP_PER_MINUTE", "0")
            .env("MINIMOST_RATE_LIMIT_PER_USER_PER_MINUTE", "0")
            .envs(launch.env.iter().map(|(k, v)| (k, v)));
        if let Some(filter) = launch.log_filter {
            command.env("RUST_LOG", filter);
        }
        // SAFETY: prctl is async-signal-safe. The server gets SIGTERM if the harness dies (Ctrl-C,
        // a panic), so no server outlives its benchmark. The signal follows the thread that spawned
        // it: scenarios run on the main thread (`block_on`), which lives as long as the harness.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let child = command.spawn().with_context(|| format!("cannot start {}", launch.binary.display()))?;
        let mut server = Server { child, addr, log };
        if let Err(err) = server.wait_ready(Duration::from_secs(120)).await {
            let tail = server.log_tail();
            server.stop();
            bail!("{err:#}\n--- server log ---\n{tail}");
        }
        Ok(server)
    }

    async fn wait_ready(&mut self, limit: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + limit;
        let probe = Call::get("/login").accept("text/html");
        loop {
            if let Some(status) = self.child.try_wait().context("check server")? {
                bail!("the server exited during start-up ({status})");
            }
            if let Ok(mut connection) = Connection::open(self.addr).await {
                if let Ok((status, _)) = connection.send(&probe).await {
                    if status.is_success() {
                        return Ok(());
                    }
                    bail!("the server answered GET /login with {status} at start-up");
                }
            }
            if Instant::now() > deadline {
                bail!("the server did not answer within {limit:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resident memory (VmRSS) in KiB.
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    /// SIGTERM (a graceful stop, as a service manager does), then SIGKILL after 10 s.
    pub fn stop(mut self) {
        let pid = self.pid();
        if let Ok(pid) = libc::pid_t::try_from(pid) {
            // SAFETY: `pid` is our own child, which has not been reaped yet.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
