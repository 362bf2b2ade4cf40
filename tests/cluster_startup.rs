//! Several nodes on one PostgreSQL database (issue 14): start-up together, one cookie-signing key,
//! one channel list. Each node is a real server with its own data directory.
mod common;

use common::nodes::Cluster;
use common::test_settings;
use diesel::{Connection, PgConnection, RunQueryDsl};

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    count: i64,
}

fn count(url: &str, sql: &str) -> i64 {
    let mut conn = PgConnection::establish(url).expect("connect");
    diesel::sql_query(sql).get_result::<Count>(&mut conn).expect("count").count
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_starting_together_on_a_fresh_database_all_start_and_migrate_it_once() {
    let cluster = Cluster::create().await;
    let nodes: Vec<_> = (0..4)
        .map(|_| {
            let (data_dir, config) = cluster.config(test_settings());
            std::thread::spawn(move || (data_dir, minimost::App::build(&config)))
        })
        .collect();
    for node in nodes {
        let (_data_dir, built) = node.join().expect("thread");
        if let Err(err) = built {
            panic!("a node failed to start: {err:#}");
        }
    }
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres")).unwrap().count();
    let applied = count(&cluster.database_url, "SELECT count(*) AS count FROM __diesel_schema_migrations");
    assert_eq!(applied, migrations as i64, "every migration recorded exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_started_on_one_node_is_accepted_by_another() {
    let cluster = Cluster::create().await;
    let (a, b) = (cluster.node().await, cluster.node().await);
    let cookie = a.sign_up_cookie("alice").await;
    assert_eq!(b.status_with(&cookie).await, 200);
    assert_eq!(a.status_with(&cookie).await, 200);
    assert_eq!(b.status_with("session=forged").await, 401);
}

/// Runs the real `minimost rotate-secret-key` against the cluster's database.
fn rotate_secret_key(cluster: &Cluster, settings_file: &std::path::Path, grace_hours: f64) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_minimost"))
        .args(["rotate-secret-key", "--grace-hours", &grace_hours.to_string(), "--database-url", &cluster.database_url])
        .arg("--settings")
        .arg(settings_file)
        .env_remove("MINIMOST_SECRET_KEY")
        .env_remove("MINIMOST_SECRET_KEY_FILE")
        .output()
        .expect("run minimost");
    assert!(output.status.success(), "rotate-secret-key failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_rotation_cookies_of_the_old_key_work_during_the_grace_period_and_not_after() {
    let cluster = Cluster::create().await;
    let settings = minimost::Settings { secret_key_reload_seconds: 0.3, ..test_settings() };
    let start = |settings: minimost::Settings| {
        let (data_dir, config) = cluster.config(settings);
        common::nodes::Node::start(data_dir, config)
    };
    let a = start(settings.clone()).await.unwrap();
    let b = start(settings.clone()).await.unwrap();
    let old = a.sign_up_cookie("alice").await;

    let settings_file = a.data_dir.path().join("settings.json");
    std::fs::write(&settings_file, r#"{"secret_key_reload_seconds": 0.3}"#).unwrap();
    // 0.002 hours: 7.2 s of grace after the new key starts signing (0.6 s from now).
    let rotated_at = std::time::Instant::now();
    let said = rotate_secret_key(&cluster, &settings_file, 0.002);
    let recorded_by = std::time::Instant::now();
    assert!(said.contains("generation 2"), "{said}");

    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let new = b.sign_up_cookie("bob").await;
    assert_ne!(old, new);
    for node in [&a, &b] {
        assert_eq!(node.status_with(&old).await, 200, "the old key verifies during the grace period");
        assert_eq!(node.status_with(&new).await, 200, "the new key verifies on every node");
    }
    assert!(rotated_at.elapsed() < std::time::Duration::from_secs(7), "the checks above ran within the grace period");

    tokio::time::sleep(std::time::Duration::from_millis(8500).saturating_sub(recorded_by.elapsed())).await;
    for node in [&a, &b] {
        assert_eq!(node.status_with(&old).await, 401, "the old key no longer verifies after the grace period");
        assert_eq!(node.status_with(&new).await, 200);
    }
}

fn operator_keys(current: u8, previous: &[u8]) -> minimost::config::SecretKeys {
    minimost::config::SecretKeys {
        current: vec![current; 64],
        previous: previous.iter().map(|b| vec![*b; 64]).collect(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_passed_key_overrides_the_database_key() {
    let cluster = Cluster::create().await;
    let start = |keys: Option<minimost::config::SecretKeys>| {
        let (data_dir, mut config) = cluster.config(test_settings());
        config.secret_keys = keys;
        common::nodes::Node::start(data_dir, config)
    };
    let database_keyed = start(None).await.unwrap();
    let operator = start(Some(operator_keys(1, &[]))).await.unwrap();
    let same_key = start(Some(operator_keys(1, &[]))).await.unwrap();
    let rotated = start(Some(operator_keys(2, &[1]))).await.unwrap();

    let cookie = operator.sign_up_cookie("alice").await;
    assert_eq!(same_key.status_with(&cookie).await, 200, "nodes given the same key agree");
    assert_eq!(database_keyed.status_with(&cookie).await, 401, "the database's key is not the operator's");
    assert_eq!(rotated.status_with(&cookie).await, 200, "a key in MINIMOST_PREVIOUS_SECRET_KEYS still verifies");
    let signed_by_new = rotated.sign_up_cookie("bob").await;
    assert_eq!(operator.status_with(&signed_by_new).await, 401, "the rotated node signs with its new key");
    let from_database = database_keyed.sign_up_cookie("carol").await;
    assert_eq!(operator.status_with(&from_database).await, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_secret_key_file_becomes_the_shared_key_on_first_start() {
    let cluster = Cluster::create().await;
    let legacy = [9u8; 64];
    let (data_dir, config) = cluster.config(test_settings());
    std::fs::write(data_dir.path().join("secret.key"), legacy).unwrap();
    let upgraded = common::nodes::Node::start(data_dir, config).await.unwrap();
    let cookie = upgraded.sign_up_cookie("alice").await;

    // Signed with the file's key: a node given that key by the operator accepts the cookie.
    let (data_dir, mut config) = cluster.config(test_settings());
    config.secret_keys = Some(operator_keys(9, &[]));
    let with_legacy_key = common::nodes::Node::start(data_dir, config).await.unwrap();
    assert_eq!(with_legacy_key.status_with(&cookie).await, 200);

    // A second node with a key file of its own joins on the shared key (its file is ignored).
    let (data_dir, config) = cluster.config(test_settings());
    std::fs::write(data_dir.path().join("secret.key"), [5u8; 64]).unwrap();
    let second = common::nodes::Node::start(data_dir, config).await.unwrap();
    assert_eq!(second.status_with(&cookie).await, 200);
}

fn with_channels(names: &[&str]) -> minimost::Settings {
    minimost::Settings { channels: names.iter().map(|name| name.to_string()).collect(), ..test_settings() }
}

async fn start_with_channels(cluster: &Cluster, names: &[&str]) -> anyhow::Result<common::nodes::Node> {
    let (data_dir, config) = cluster.config(with_channels(names));
    common::nodes::Node::start(data_dir, config).await
}

fn execute(url: &str, sql: &str) {
    let mut conn = PgConnection::establish(url).expect("connect");
    diesel::sql_query(sql).execute(&mut conn).expect("execute");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_with_another_channel_list_refuses_to_start_while_a_node_with_the_first_is_running() {
    let cluster = Cluster::create().await;
    let _first = start_with_channels(&cluster, &["general", "random"]).await.unwrap();
    let _same = start_with_channels(&cluster, &["general", "random"]).await.expect("the same list is fine");
    let err = start_with_channels(&cluster, &["general", "ops"]).await.err().expect("a different list is refused");
    let message = format!("{err:#}");
    assert!(message.contains(r#"["general", "ops"]"#) && message.contains(r#"["general", "random"]"#), "{message}");
    let reordered = start_with_channels(&cluster, &["random", "general"]).await;
    assert!(reordered.is_err(), "the order is part of the list");
}

/// The public channels a node lists to a signed-in user.
async fn channels_of(node: &common::nodes::Node) -> Vec<String> {
    let user = common::User::new(&node.base, "reader");
    assert_eq!(user.sign_up(&format!("reader{}", node.addr.port()), common::PASSWORD).await.code(), 302);
    user.get_json("/channels").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn once_every_node_has_stopped_the_next_to_start_sets_the_channel_list() {
    let cluster = Cluster::create().await;
    let mut first = start_with_channels(&cluster, &["general", "random"]).await.unwrap();
    first.stop().await;
    let changed = start_with_channels(&cluster, &["general", "ops"]).await.expect("no node running: the list changes");
    assert_eq!(channels_of(&changed).await, ["general", "ops"]);
    assert!(start_with_channels(&cluster, &["general", "random"]).await.is_err(), "the old list is refused now");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_whose_heartbeat_stopped_no_longer_holds_the_channel_list() {
    let cluster = Cluster::create().await;
    // Killed: its row stays, with its last heartbeat.
    drop(start_with_channels(&cluster, &["general", "random"]).await.unwrap());
    assert!(start_with_channels(&cluster, &["general", "ops"]).await.is_err(), "it counts as running for a while");
    execute(&cluster.database_url, "UPDATE nodes SET last_seen = last_seen - 31");
    let changed = start_with_channels(&cluster, &["general", "ops"]).await.expect("31 s without a heartbeat: stopped");
    assert_eq!(channels_of(&changed).await, ["general", "ops"]);
}
