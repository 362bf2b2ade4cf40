//! The server under test: a deployment at a URL, or Minimost itself started in-process.
use std::net::SocketAddr;

use minimost::{App, Config, Settings};

pub struct Target {
    pub base_url: String,
    // Keeps the in-process server's data until the run ends.
    _data_dir: Option<tempfile::TempDir>,
}

impl Target {
    pub async fn start(base_url: Option<String>) -> anyhow::Result<Target> {
        if let Some(base_url) = base_url {
            return Ok(Target { base_url: base_url.trim_end_matches('/').to_string(), _data_dir: None });
        }
        let data_dir = tempfile::tempdir()?;
        let settings = Settings { login_failure_delay_seconds: 0.0, csrf_enabled: false, ..Settings::default() };
        let config = Config::for_data_dir(data_dir.path(), settings);
        let app = App::build(&config)?;
        let (addr, server) = app.serve(SocketAddr::from(([127, 0, 0, 1], 0)), std::future::pending()).await?;
        tokio::spawn(server);
        Ok(Target { base_url: format!("http://{addr}"), _data_dir: Some(data_dir) })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}
