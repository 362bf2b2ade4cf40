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

on_both_backends! {
    async fn readyz_lists_every_check_passing_on_a_healthy_node(server: TestServer) {
        let reply = server.bare().get("/readyz").reply().await;
        assert_eq!(
            reply.status_json(),
            (
                200,
                json!({
                    "status": "ready",
                    "failing": [],
                    "checks": [
                        {"name": "accepting", "ok": true, "detail": "ok"},
                        {"name": "database", "ok": true, "detail": "ok"},
                    ],
                })
            )
        );
    }
}

/// Locks every client out of the test database (existing connections ended), or lets them in again.
fn set_connections_allowed(server: &TestServer, allowed: bool) {
    let name = server.database_url.rsplit('/').next().unwrap().to_string();
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
    assert_eq!(body["failing"], json!(["database"]));
    assert_eq!(body["checks"][1], json!({"name": "database", "ok": false, "detail": "no answer within 2 s"}));
    assert_eq!(server.bare().get("/healthz").reply().await.code(), 200, "liveness does not depend on the database");

    set_connections_allowed(&server, true);
    assert_eq!(server.bare().get("/readyz").reply().await.code(), 200, "ready again without a restart");
}
