//! The server under test: a deployment at a URL, or Minimost itself started in-process on an
//! ephemeral port with a fresh database and the limits the run was given.
use std::net::SocketAddr;

use anyhow::Context;
use minimost::{App, Config, Settings};

/// The limits the suites model (the lockout suite's login limits, the paging suite's page sizes); for
/// a deployment they must match its settings.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_login_attempts: i64,
    pub lockout_duration_minutes: f64,
    pub login_failure_delay_seconds: f64,
    pub history_page_size: u64,
    pub max_history_page: u64,
}

pub struct Target {
    pub base_url: String,
    pub in_process: bool,
    // The in-process server lives as long as its runtime and data directory.
    _runtime: Option<tokio::runtime::Runtime>,
    _data_dir: Option<tempfile::TempDir>,
}

impl Target {
    pub fn deployment(base_url: &str) -> Target {
        Target {
            base_url: base_url.trim_end_matches('/').to_string(),
            in_process: false,
            _runtime: None,
            _data_dir: None,
        }
    }

    pub fn in_process(limits: Limits) -> anyhow::Result<Target> {
        let data_dir = tempfile::tempdir()?;
        let settings = Settings {
            max_login_attempts: limits.max_login_attempts,
            lockout_duration_minutes: limits.lockout_duration_minutes,
            login_failure_delay_seconds: limits.login_failure_delay_seconds,
            history_page_size: limits.history_page_size,
            max_history_page: limits.max_history_page,
            // The suites log in and write far faster than any person; the limits have their own tests.
            rate_limit_per_ip_per_minute: 0,
            rate_limit_per_user_per_minute: 0,
            ..Settings::default()
        };
        let config = Config::for_data_dir(data_dir.path(), settings);
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
        let addr = runtime
            .block_on(async {
                let app = App::build(&config)?;
                let (addr, server) = app.serve(SocketAddr::from(([127, 0, 0, 1], 0)), std::future::pending()).await?;
                tokio::spawn(server);
                Ok::<_, anyhow::Error>(addr)
            })
            .context("start the in-process server")?;
        Ok(Target {
            base_url: format!("http://{addr}"),
            in_process: true,
            _runtime: Some(runtime),
            _data_dir: Some(data_dir),
        })
    }
}
