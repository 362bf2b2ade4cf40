//! The probes of the `operations` tag: `GET /healthz` (the process answers) and `GET /readyz`
//! (every readiness check passes, else 503 naming the failing ones).
mod common;

use common::{Db, RequestExt, TestServer};
use diesel::RunQueryDsl;
use serde_json::json;

on_both_backends! {
    async fn healthz_answers_ok_without_a_session(server: TestServer) {
        let reply = server.bare().get("/healthz").header("accept", "application/json").reply().await;
        assert_eq!(reply.status_json(), (200, json!({"status": "ok"})));
    }
}

/// `GET /readyz` once it answers 200 (a PostgreSQL node's event listener connects a moment after
/// the node starts), or the last answer after `limit`.
async fn readyz_when_ready(server: &TestServer, limit: std::time::Duration) -> common::Reply {
    let deadline = std::time::Instant::now() + limit;
    loop {
        let reply = server.bare().get("/readyz").reply().await;
        if reply.code() == 200 || std::time::Instant::now() > deadline {
            return reply;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

on_both_backends! {
    async fn readyz_lists_every_check_passing_on_a_healthy_node(server: TestServer) {
        let reply = readyz_when_ready(&server, std::time::Duration::from_secs(5)).await;
        let mut checks = vec![
            json!({"name": "accepting", "ok": true, "detail": "ok"}),
            json!({"name": "database", "ok": true, "detail": "ok"}),
        ];
        if server.db == Db::Postgres {
            // A PostgreSQL node hears the other nodes' events through a connection of its own.
            checks.push(json!({"name": "event_listener", "ok": true, "detail": "ok"}));
        }
        assert_eq!(reply.status_json(), (200, json!({"status": "ready", "failing": [], "checks": checks})));
    }
}

/// Locks every client out of the test database (existing connections ended), or lets them in again.
fn set_connections_allowed(server: &TestServer, allowed: bool) {
    let address = server.database_url.split('?').next().unwrap();
    let name = address.rsplit('/').next().unwrap().to_string();
    let mut admin = <diesel::PgConnection as diesel::Connection>::establish(&common::postgres_admin_url()).unwrap();
    diesel::sql_query(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS {allowed}")).execute(&mut admin).unwrap();
    if !allowed {
        diesel::sql_query(format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ))
        .execute(&mut admin)
        .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_answers_503_naming_the_database_while_it_is_unreachable_and_recovers() {
    let server = TestServer::start(Db::Postgres).await;
    set_connections_allowed(&server, false);
    let started = std::time::Instant::now();
    let down = server.bare().get("/readyz").reply().await;
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "answered within the check's timeout");
    assert_eq!(down.code(), 503);
    let body: serde_json::Value = down.json();
    assert_eq!(body["status"], "not_ready");
    // The node's listening connection was ended too, and cannot come back while the database is closed.
    assert_eq!(body["failing"], json!(["database", "event_listener"]));
    assert_eq!(body["checks"][1], json!({"name": "database", "ok": false, "detail": "no answer within 2 s"}));
    assert_eq!(server.bare().get("/healthz").reply().await.code(), 200, "liveness does not depend on the database");

    set_connections_allowed(&server, true);
    let again = readyz_when_ready(&server, std::time::Duration::from_secs(15)).await;
    assert_eq!(again.code(), 200, "ready again without a restart: {}", again.text());
}
