//! Every operation of the contract is routed: the router answers it (no 404/405 of its own), in the
//! order the reference does — route first, then the session check.
mod common;

use common::{Db, RequestExt, TestServer};
use minimost::api::generated::routes::Security;
use minimost::api::generated::routes::{RouteInfo, ROUTES};
use reqwest::Method;

fn concrete_path(route: &RouteInfo) -> String {
    route
        .path
        .replace("{channel}", "general")
        .replace("{msg_id}", "1")
        .replace("{username}", "nobody")
        .replace("{filename}", "missing.png")
        .replace("{channel_id}", "1")
}

#[tokio::test]
async fn every_operation_of_the_contract_is_routed() {
    let server = TestServer::start(Db::Sqlite).await;
    assert!(ROUTES.len() >= 43, "the route table lists {} operations", ROUTES.len());
    for route in ROUTES {
        let method = Method::from_bytes(route.method.as_bytes()).unwrap();
        let path = concrete_path(route);
        let response = server.guest().request(method.clone(), &path).reply().await;
        let status = response.code();
        let what = format!("{} {} ({})", route.method, path, route.operation_id);
        match route.security {
            // Routed, then refused for lack of a session: proves the route exists.
            Security::Session => {
                assert_eq!(status, 302, "{what}");
                assert_eq!(response.headers["location"], "/login", "{what}");
            }
            Security::OptionalSession | Security::Public => {
                // 501 marks a handler that a later milestone implements; the route itself exists.
                assert!(status != 404 && status != 405 && (status < 500 || status == 501), "{what} answered {status}");
            }
        }
        if method == Method::GET {
            let head = server.guest().head(&path).reply().await;
            assert_eq!(head.code(), status, "HEAD {path} answers as GET does");
        }
    }
}

#[tokio::test]
async fn a_signed_in_user_reaches_every_handler() {
    let server = TestServer::start(Db::Sqlite).await;
    let client = server.user("router").await;
    for route in ROUTES {
        let method = Method::from_bytes(route.method.as_bytes()).unwrap();
        let path = concrete_path(route);
        // Only the status: the body of `GET /events` never ends.
        let status = client.request(method, &path).send().await.unwrap().status().as_u16();
        assert!(
            status != 405 && status < 500 || status == 501,
            "{} {} ({}) answered {status}",
            route.method,
            path,
            route.operation_id
        );
        // Logging out ends the session; sign in again for the routes that follow.
        if route.operation_id.starts_with("logout") || route.operation_id == "delete_account" {
            client.log_in("router", common::PASSWORD).await;
        }
    }
}
