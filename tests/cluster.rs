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
