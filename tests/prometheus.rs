//! A real Prometheus (Debian's `prometheus`, which `cargo xtask test` installs) scrapes a server's
//! `--metrics-bind` address every second; its query API then shows the series and that they move.
//! The metrics are the process's, so this binary holds this one test.
mod common;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{test_settings, User, PASSWORD};
use minimost::{App, Config};
use serde_json::Value;

const PROMETHEUS: &str = "/usr/bin/prometheus";

struct Prometheus {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Prometheus {
    /// Prometheus on a free loopback port, scraping `target` every second.
    fn start(target: &str) -> Prometheus {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("prometheus.yml");
        std::fs::write(
            &config,
            format!(
                "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: minimost\n    \
                 static_configs:\n      - targets: [\"{target}\"]\n"
            ),
        )
        .unwrap();
        let port = free_port();
        let child = Command::new(PROMETHEUS)
            .arg(format!("--config.file={}", config.display()))
            .arg(format!("--storage.tsdb.path={}", dir.path().join("data").display()))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start prometheus");
        Prometheus { child, base: format!("http://127.0.0.1:{port}"), _dir: dir }
    }

    async fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if reqwest::get(format!("{}/-/ready", self.base)).await.is_ok_and(|r| r.status() == 200) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("prometheus is not ready after 30 s");
    }

    /// The value of an instant query's only sample, if it has one.
    async fn value(&self, query: &str) -> Option<f64> {
        let response = reqwest::Client::new()
            .get(format!("{}/api/v1/query", self.base))
            .query(&[("query", query)])
            .send()
            .await
            .ok()?;
        let body: Value = response.json().await.ok()?;
        assert_eq!(body["status"], "success", "{query}: {body}");
        let result = body["data"]["result"].as_array()?;
        result.first()?["value"][1].as_str()?.parse().ok()
    }

    /// Waits until `query` answers a value that `holds`, and returns it.
    async fn until(&self, query: &str, holds: impl Fn(f64) -> bool) -> f64 {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = None;
        while Instant::now() < deadline {
            last = self.value(query).await;
            if last.is_some_and(&holds) {
                return last.unwrap();
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        panic!("{query} never held in 30 s; last value {last:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prometheus_scrapes_the_metrics_and_sees_them_move() {
    if !std::path::Path::new(PROMETHEUS).exists() {
        assert!(
            std::env::var_os("MINIMOST_REQUIRE_PROMETHEUS").is_none(),
            "{PROMETHEUS} is missing (cargo xtask test installs Debian's prometheus)"
        );
        println!("SKIPPED: {PROMETHEUS} is not installed (cargo xtask test installs it)");
        return;
    }
    let data_dir = tempfile::tempdir().unwrap();
    let config = Config::for_data_dir(data_dir.path(), test_settings());
    let app = tokio::task::spawn_blocking(move || App::build(&config)).await.unwrap().unwrap();
    let (metrics_addr, metrics_server) = app.serve_metrics("127.0.0.1:0".parse().unwrap(), None).await.unwrap();
    let metrics_server = tokio::spawn(metrics_server);
    let (addr, server) = app.serve("127.0.0.1:0".parse().unwrap(), std::future::pending()).await.unwrap();
    let server = tokio::spawn(server);
    let base = format!("http://{addr}");

    let prometheus = Prometheus::start(&metrics_addr.to_string());
    prometheus.wait_ready().await;
    prometheus.until(r#"up{job="minimost"}"#, |up| up == 1.0).await;

    let alice = User::new(&base, "alice");
    assert_eq!(alice.sign_up("alice", PASSWORD).await.status, 302);
    let bob = User::new(&base, "bob");
    assert_eq!(bob.sign_up("bob", PASSWORD).await.status, 302);
    let streams = [alice.events(None).await, bob.events(None).await];
    // Sends spread over several scrapes, so a rate over them is above zero.
    for round in 0..4 {
        for n in 0..5 {
            alice.send("general", &format!("round {round} message {n}")).await;
        }
        tokio::time::sleep(Duration::from_millis(700)).await;
    }

    let open = prometheus.until("minimost_event_streams_open", |open| open == 2.0).await;
    assert_eq!(open, 2.0, "the open-streams gauge equals the streams the test holds");
    let sends = r#"sum(rate(minimost_http_requests_total{operation="send_message",status="2xx"}[1m]))"#;
    assert!(prometheus.until(sends, |rate| rate > 0.0).await > 0.0);
    let latency = r#"histogram_quantile(0.99, sum by (le) (rate(minimost_http_request_duration_seconds_bucket{operation="send_message"}[1m])))"#;
    let p99 = prometheus.until(latency, |seconds| seconds > 0.0).await;
    assert!(p99 < 10.0, "p99 of sends {p99} s");
    prometheus.until("minimost_events_delivered_total", |delivered| delivered >= 40.0).await;
    prometheus.until("process_resident_memory_bytes", |bytes| bytes > 1e6).await;

    drop(streams);
    prometheus.until("minimost_event_streams_open", |open| open == 0.0).await;
    server.abort();
    metrics_server.abort();
}

#[test]
fn the_example_alert_rules_pass_promtool_and_are_the_readmes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = std::fs::read_to_string(root.join("monitoring/alerts.yml")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let body: String = rules.lines().filter(|line| !line.starts_with('#')).map(|line| format!("{line}\n")).collect();
    assert!(readme.contains(&body), "README's alert rules differ from monitoring/alerts.yml");
    let promtool = "/usr/bin/promtool";
    if !std::path::Path::new(promtool).exists() {
        assert!(std::env::var_os("MINIMOST_REQUIRE_PROMETHEUS").is_none(), "{promtool} is missing");
        println!("SKIPPED: {promtool} is not installed (cargo xtask test installs it)");
        return;
    }
    let output =
        Command::new(promtool).args(["check", "rules"]).arg(root.join("monitoring/alerts.yml")).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("SUCCESS: 3 rules found"), "{stdout}");
}
