//! `cargo xtask cluster`: the multi-node proof. Three PostgreSQL-backed nodes (each with its own data
//! directory, started at the same moment on a fresh database) behind a real nginx (Debian's package,
//! installed when missing), all on loopback ports; then
//! - the conformance suite through nginx (requests spread over the nodes),
//! - a two-user browser test with each user pinned to a different node (its own nginx entrance),
//! - the failover drill: live streams through nginx while a node is killed with SIGKILL and while
//!   PostgreSQL restarts; no acknowledged message may be missed by any stream.
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::e2e::{self, Outcome};

const NGINX: &str = "/usr/sbin/nginx";
/// How far node 1's clock is set off for the browser test and the failover drill.
const CLOCK_SKEW_SECONDS: i32 = -20;
const NODES: usize = 3;
const POSTGRES_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The nodes' settings: no rate limits (every test client comes from 127.0.0.1) and short lockouts,
/// passed to the conformance suite as well so its models agree.
const NODE_SETTINGS: &[(&str, &str)] = &[
    ("MINIMOST_RATE_LIMIT_PER_IP_PER_MINUTE", "0"),
    ("MINIMOST_RATE_LIMIT_PER_USER_PER_MINUTE", "0"),
    ("MINIMOST_LOCKOUT_DURATION_MINUTES", "0.05"),
    ("MINIMOST_LOGIN_FAILURE_DELAY_SECONDS", "0.25"),
];

pub fn main(root: &Path) -> anyhow::Result<bool> {
    Ok(run(root)?.success)
}

pub fn run(root: &Path) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let e2e_dir = root.join("e2e");
    if !Path::new(NGINX).exists() {
        e2e::apt_install(&["nginx"])?;
    }
    e2e::ensure_browser()?;
    e2e::ensure_node_packages(&e2e_dir)?;
    let target = e2e::target_directory(root)?;
    let binary = e2e::build_server(root, &target)?;
    let artifacts = target.join("cluster-artifacts");
    let _ = std::fs::remove_dir_all(&artifacts);
    std::fs::create_dir_all(&artifacts).context("create the artifacts directory")?;

    let database = Database::create()?;
    let ports: Vec<u16> = (0..NODES).map(|_| e2e::free_port()).collect::<anyhow::Result<_>>()?;
    println!("==> starting {NODES} nodes at once on one fresh database (ports {ports:?})");
    let mut nodes = Vec::new();
    for (index, &port) in ports.iter().enumerate() {
        let mut settings = NODE_SETTINGS.to_vec();
        settings.push(("MINIMOST_DATABASE_URL", &database.url));
        let log = artifacts.join(format!("node-{index}.log"));
        nodes.push(e2e::spawn_server(&binary, port, &log, &format!("cluster-{index}"), &settings)?);
    }
    for (index, node) in nodes.iter_mut().enumerate() {
        node.wait_until_listening(ports[index], &artifacts.join(format!("node-{index}.log")))?;
    }

    let nginx = Nginx::start(&artifacts, &ports)?;
    let balanced = format!("http://127.0.0.1:{}", nginx.balanced);
    let mut outcome = Outcome { success: true, ..Outcome::default() };

    println!("==> conformance suite through nginx ({balanced})");
    let conformance = target.join("debug").join(format!("conformance{}", std::env::consts::EXE_SUFFIX));
    let junit = artifacts.join("conformance-junit.xml");
    let passed = e2e::succeeds(Command::new(&conformance).args([
        "--base-url",
        &balanced,
        "--lockout-duration-minutes",
        "0.05",
        "--login-failure-delay-seconds",
        "0.25",
        "--junit",
        &junit.display().to_string(),
    ]));
    if passed {
        outcome.passed += 1;
    } else {
        outcome.failed += 1;
        outcome.success = false;
    }

    // Event order, presence, typing and files must not depend on node clocks: from here on, node 1
    // runs 20 s behind the others (libfaketime; its monotonic clock, which timers use, is left
    // alone). It is restarted for that with SIGTERM, as a rolling restart does.
    println!("==> node 1 restarted (SIGTERM) with its clock {CLOCK_SKEW_SECONDS} s off");
    let faketime = ensure_faketime()?;
    nodes[1].terminate()?;
    let skewed_log = artifacts.join("node-1-skewed.log");
    let mut settings = NODE_SETTINGS.to_vec();
    settings.push(("MINIMOST_DATABASE_URL", &database.url));
    let skew = CLOCK_SKEW_SECONDS.to_string();
    settings.extend([
        ("LD_PRELOAD", faketime.as_str()),
        ("FAKETIME", skew.as_str()),
        ("FAKETIME_DONT_FAKE_MONOTONIC", "1"),
    ]);
    nodes[1] = e2e::spawn_server(&binary, ports[1], &skewed_log, "cluster-1-skewed", &settings)?;
    nodes[1].wait_until_listening(ports[1], &skewed_log)?;

    println!("==> browser test: two users pinned to two nodes (node B's clock {CLOCK_SKEW_SECONDS} s off)");
    let mut pinned = [("MINIMOST_NODE_A_URL", nginx.pinned[0]), ("MINIMOST_NODE_B_URL", nginx.pinned[1])]
        .map(|(name, port)| (name, format!("http://127.0.0.1:{port}")))
        .to_vec();
    pinned.push(("MINIMOST_NODE_B_CLOCK_SKEW_SECONDS", skew.clone()));
    node_tests(&e2e_dir, &artifacts, "cluster/two-nodes.test.mjs", &pinned, &mut outcome)?;

    println!("==> failover drill: a node killed with SIGKILL, PostgreSQL restarted");
    let pids = nodes.iter().map(|node| node.pid().to_string()).collect::<Vec<_>>().join(",");
    let entrances = nginx.pinned.iter().map(|port| format!("http://127.0.0.1:{port}")).collect::<Vec<_>>().join(",");
    let drill = [
        ("MINIMOST_URL", balanced.clone()),
        ("MINIMOST_NODE_PIDS", pids),
        ("MINIMOST_NODE_URLS", entrances),
        ("MINIMOST_POSTGRES_RESTART", postgres_restart_command()?),
    ];
    node_tests(&e2e_dir, &artifacts, "cluster/failover.test.mjs", &drill, &mut outcome)?;

    drop(nginx);
    drop(nodes);
    drop(database);
    println!("==> cluster checks took {:.0} s (logs in {})", started.elapsed().as_secs_f64(), artifacts.display());
    Ok(outcome)
}

/// Runs one file of node tests with `env`, adding its counts to `outcome`.
fn node_tests(
    e2e_dir: &Path,
    artifacts: &Path,
    file: &str,
    env: &[(&str, String)],
    outcome: &mut Outcome,
) -> anyhow::Result<()> {
    let mut command = Command::new("node");
    command
        .current_dir(e2e_dir)
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec", file])
        .envs(env.iter().map(|(name, value)| (*name, value.as_str())))
        .env("E2E_ARTIFACTS", artifacts)
        .env("CHROMIUM", e2e::CHROMIUM);
    let mut counts = Outcome::default();
    let status = crate::test::echo_lines(&mut command, "node (is it installed?)", |line| counts.add(line))?;
    outcome.passed += counts.passed;
    outcome.failed += counts.failed;
    outcome.success &= status.success();
    Ok(())
}

/// The path of libfaketime's multi-threaded library (Debian's `faketime`, installed when missing).
fn ensure_faketime() -> anyhow::Result<String> {
    let find = || {
        std::fs::read_dir("/usr/lib").ok().and_then(|dirs| {
            dirs.filter_map(Result::ok)
                .map(|dir| dir.path().join("faketime").join("libfaketimeMT.so.1"))
                .find(|lib| lib.exists())
        })
    };
    if find().is_none() {
        e2e::apt_install(&["faketime"])?;
    }
    let lib = find().context("libfaketimeMT.so.1 not found under /usr/lib/*/faketime")?;
    Ok(lib.display().to_string())
}

/// The command that restarts the machine's PostgreSQL cluster (Debian's `pg_ctlcluster`).
fn postgres_restart_command() -> anyhow::Result<String> {
    let versions: Vec<String> = std::fs::read_dir("/etc/postgresql")
        .context("no /etc/postgresql: the drill restarts Debian's PostgreSQL")?
        .filter_map(|entry| entry.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    let [version] = versions.as_slice() else {
        bail!("expected one PostgreSQL version in /etc/postgresql, found {versions:?}")
    };
    Ok(format!("pg_ctlcluster --skip-systemctl-redirect {version} main restart"))
}

/// A database created for the run and dropped after it.
struct Database {
    name: String,
    url: String,
}

impl Database {
    fn create() -> anyhow::Result<Database> {
        let name = format!("minimost_cluster_{}", std::process::id());
        psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
        psql(&format!("CREATE DATABASE {name}"))?;
        let (base, _) = POSTGRES_ADMIN_URL.rsplit_once('/').context("admin URL names a database")?;
        Ok(Database { url: format!("{base}/{name}"), name })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let _ = psql(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
    }
}

fn psql(sql: &str) -> anyhow::Result<()> {
    let output = Command::new("psql")
        .args([POSTGRES_ADMIN_URL, "-v", "ON_ERROR_STOP=1", "-c", sql])
        .output()
        .context("cannot run psql")?;
    if !output.status.success() {
        bail!("psql {sql:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(())
}

/// nginx in front of the nodes: one balanced entrance (round robin over every node, no stickiness)
/// and one pinned entrance per node.
struct Nginx {
    child: Child,
    balanced: u16,
    pinned: Vec<u16>,
    dir: PathBuf,
}

impl Nginx {
    fn start(artifacts: &Path, nodes: &[u16]) -> anyhow::Result<Nginx> {
        let dir = artifacts.join("nginx");
        std::fs::create_dir_all(dir.join("temp")).context("create the nginx directory")?;
        let balanced = e2e::free_port()?;
        let pinned: Vec<u16> = nodes.iter().map(|_| e2e::free_port()).collect::<anyhow::Result<_>>()?;
        std::fs::write(dir.join("nginx.conf"), config(&dir, balanced, &pinned, nodes)).context("write nginx.conf")?;
        let log = std::fs::File::create(dir.join("nginx.out")).context("create the nginx log")?;
        let child = Command::new(NGINX)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .stdout(log.try_clone()?)
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .context("cannot start nginx")?;
        let mut nginx = Nginx { child, balanced, pinned, dir };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", balanced)).is_err() {
            if let Some(status) = nginx.child.try_wait()? {
                bail!("nginx exited ({status}); see {}", nginx.dir.join("error.log").display());
            }
            if Instant::now() > deadline {
                bail!("nginx did not listen within 10 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        println!("==> nginx: balanced entrance :{balanced}, pinned entrances {:?}", nginx.pinned);
        Ok(nginx)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The configuration: the README's deployment example, plus one entrance pinned to each node (which
/// passes on the node's own `Date` header, so a test can see the node's clock).
fn config(dir: &Path, balanced: u16, pinned: &[u16], nodes: &[u16]) -> String {
    let dir = dir.display();
    let servers: String =
        nodes.iter().map(|port| format!("        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n")).collect();
    let mut entrances = format!("    server {{\n        listen 127.0.0.1:{balanced};\n        location / {{ proxy_pass http://minimost; }}\n    }}\n");
    for (entrance, node) in pinned.iter().zip(nodes) {
        entrances.push_str(&format!(
            "    server {{\n        listen 127.0.0.1:{entrance};\n        location / {{ proxy_pass http://127.0.0.1:{node}; proxy_pass_header Date; }}\n    }}\n"
        ));
    }
    format!(
        "daemon off;\nmaster_process on;\nworker_processes 1;\npid {dir}/nginx.pid;\nerror_log {dir}/error.log warn;\n\
         events {{ worker_connections 4096; }}\n\
         http {{\n    access_log {dir}/access.log;\n\
         \x20   client_body_temp_path {dir}/temp/body;\n    proxy_temp_path {dir}/temp/proxy;\n\
         \x20   fastcgi_temp_path {dir}/temp/fastcgi;\n    uwsgi_temp_path {dir}/temp/uwsgi;\n    scgi_temp_path {dir}/temp/scgi;\n\
         \x20   upstream minimost {{\n{servers}        keepalive 32;\n    }}\n\
         \x20   client_max_body_size 64m;\n\
         \x20   proxy_http_version 1.1;\n    proxy_set_header Connection \"\";\n    proxy_set_header Host $http_host;\n\
         \x20   proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
         \x20   proxy_buffering off;\n    proxy_read_timeout 1h;\n\
         \x20   proxy_next_upstream error timeout;\n\
         {entrances}}}\n"
    )
}
