//! The API documentation is served by the server itself and works with no network.
mod common;

use common::{Db, TestServer};

#[tokio::test]
async fn the_openapi_document_is_served_as_json() {
    let server = TestServer::start(Db::Sqlite).await;
    let response = server.guest().fetch("/api/openapi.json").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.headers["content-type"], "application/json");
    let document: serde_json::Value = response.json();
    assert_eq!(document["openapi"], "3.1.0");
    assert!(document["paths"]["/send/{channel}"]["post"].is_object());
    assert_eq!(document["components"]["securitySchemes"]["session"]["in"], "cookie");
}

#[tokio::test]
async fn the_docs_page_and_its_assets_are_served_locally() {
    let server = TestServer::start(Db::Sqlite).await;
    let client = server.guest();
    let redirect = client.fetch("/api/docs").await;
    assert_eq!(redirect.status, 301);
    let page = client.fetch("/api/docs/").await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("swagger-ui"), "{html}");

    // Every script and stylesheet the page loads is served by us, not fetched from elsewhere.
    let mut local_assets = 0;
    for attribute in ["src=\"", "href=\""] {
        for part in html.split(attribute).skip(1) {
            let target = &part[..part.find('"').unwrap()];
            assert!(!target.starts_with("http") && !target.starts_with("//"), "external asset {target}");
            let url = format!("/api/docs/{}", target.trim_start_matches("./"));
            let asset = client.fetch(&url).await;
            assert_eq!(asset.status, 200, "{url}");
            local_assets += 1;
        }
    }
    assert!(local_assets >= 2, "the page loads its scripts and styles");

    // The initializer points at our document and turns the outside validator off.
    let init = client.fetch("/api/docs/swagger-initializer.js").await;
    assert_eq!(init.status, 200);
    let script = init.text();
    assert!(script.contains("/api/openapi.json"), "{script}");
    assert!(script.contains("\"validatorUrl\": \"none\""), "{script}");
}
