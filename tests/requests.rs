//! How the server treats requests in general: unauthenticated callers, tampered cookies, form
//! tokens, cross-site writes and malformed input. Never a 500.
mod common;

use common::{test_settings, Db, Reply, RequestExt, TestServer, PASSWORD};
use minimost::Settings;

#[tokio::test]
async fn unauthenticated_browsers_are_redirected_and_json_clients_get_401() {
    let server = TestServer::start(Db::Sqlite).await;
    let client = server.guest();
    for accept in [None, Some("text/html,application/xhtml+xml,*/*;q=0.8"), Some("*/*")] {
        let mut request = client.get("/channels");
        if let Some(accept) = accept {
            request = request.header("accept", accept);
        }
        let response = request.reply().await;
        assert_eq!(response.status, 302, "Accept: {accept:?}");
        assert_eq!(response.headers["location"], "/login");
    }
    let response = client.get("/channels").header("accept", "application/json").reply().await;
    assert_eq!(response.status, 401);
    assert_eq!(response.headers["content-type"], "application/json");
    assert_eq!(response.text(), "{\"error\":\"unauthenticated\"}\n");
}

#[tokio::test]
async fn tampered_and_unknown_session_cookies_count_as_logged_out() {
    let server = TestServer::start(Db::Sqlite).await;
    let alice = server.user("alice").await;
    let login = alice.log_in("alice", PASSWORD).await;
    let cookie = login.headers["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let value = cookie.strip_prefix("session=").unwrap();
    let mut tampered = value.to_string();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'a' { 'b' } else { 'a' });
    for bad in [
        format!("session={tampered}"),
        "session=garbage".to_string(),
        "session=".to_string(),
        "session=%ff%fe".to_string(),
    ] {
        let response = server.guest().get("/").header("cookie", &bad).reply().await;
        assert_eq!(response.status, 302, "cookie {bad}");
    }
    let response = server.guest().get("/").header("cookie", &cookie).reply().await;
    assert_eq!(response.status, 200, "the untampered cookie works");
}

fn hidden_token(page: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = page.find(marker).expect("form has a token") + marker.len();
    page[start..start + 64].to_string()
}

#[tokio::test]
async fn login_and_signup_forms_need_their_form_token() {
    let settings = Settings { csrf_enabled: true, ..test_settings() };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let client = server.guest();
    let fields = [("username", "ivy"), ("password", PASSWORD), ("confirm_password", PASSWORD)];
    let response = client.post_form("/signup", &fields).await;
    assert_eq!(response.status, 403, "no token");

    let page = client.fetch("/signup").await;
    assert!(page.headers["set-cookie"].to_str().unwrap().starts_with("csrf="));
    let token = hidden_token(&page.text());
    let wrong =
        client.post("/signup").form(&[fields[0], fields[1], fields[2], ("csrf_token", &"0".repeat(64))]).reply().await;
    assert_eq!(wrong.status, 403, "wrong token");
    let ok = client.post("/signup").form(&[fields[0], fields[1], fields[2], ("csrf_token", &token)]).reply().await;
    assert_eq!(ok.status, 302);

    // The same token serves the login form of the same browser; another browser's token does not.
    let stranger = server.guest();
    let response = stranger
        .post("/login")
        .form(&[("username", "ivy"), ("password", PASSWORD), ("csrf_token", &token)])
        .reply()
        .await;
    assert_eq!(response.status, 403);
    let response = client
        .post("/login")
        .form(&[("username", "ivy"), ("password", PASSWORD), ("csrf_token", &token)])
        .reply()
        .await;
    assert_eq!(response.status, 302);
}

#[tokio::test]
async fn pages_are_html_with_a_strict_content_security_policy() {
    let server = TestServer::start(Db::Sqlite).await;
    for path in ["/login", "/signup"] {
        let response = server.guest().fetch(path).await;
        assert_eq!(response.status, 200);
        assert_eq!(response.headers["content-type"], "text/html; charset=utf-8");
        let csp = response.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    }
    let css = server.guest().fetch("/static/auth.css").await;
    assert_eq!(css.status, 200);
    assert_eq!(css.headers["content-type"], "text/css; charset=utf-8");
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let server = TestServer::start(Db::Sqlite).await;
    let client = server.user("jay").await;
    let response = client.post("/logout").header("origin", "https://attacker.example").reply().await;
    assert_eq!(response.status, 403);
    assert_eq!(response.text(), "forbidden");
    let response = client.post("/logout").header("sec-fetch-site", "cross-site").reply().await;
    assert_eq!(response.status, 403);
    // Still logged in; a same-origin logout works.
    assert_eq!(client.fetch("/").await.status, 200);
    let response = client
        .post("/logout")
        .header("origin", server.base.clone())
        .header("sec-fetch-site", "same-origin")
        .reply()
        .await;
    assert_eq!(response.status, 302);
    assert_eq!(client.fetch("/").await.status, 302);
}

#[tokio::test]
async fn malformed_input_gets_a_clear_4xx_never_a_500() {
    let server = TestServer::start(Db::Sqlite).await;
    let client = server.guest();

    let missing = client.post_form("/login", &[("username", "kim")]).await;
    assert_eq!(missing.status, 400);
    assert!(missing.text().contains("password"));

    let garbage = client
        .post("/signup")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![0xff, 0xfe, b'=', b'%', b'z'])
        .reply()
        .await;
    assert!(garbage.status.is_client_error(), "{}", garbage.status);

    let unknown = client.fetch("/no/such/route").await;
    assert_eq!(unknown.status, 404);
    let not_an_id = client.fetch("/message/abc").await;
    assert_eq!(not_an_id.status, 404);
    let negative = client.fetch("/message/-1").await;
    assert_eq!(negative.status, 404);

    let wrong_method = client.request(reqwest::Method::PUT, "/login").reply().await;
    assert_eq!(wrong_method.status, 405);

    let oversized = client
        .post("/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; 27 * 1024 * 1024])
        .send()
        .await;
    if let Ok(response) = oversized {
        assert_eq!(Reply::read(response).await.status, 413);
    }
}

#[tokio::test]
async fn an_idle_session_expires() {
    // 0.00002 days is about 1.7 seconds without use.
    let settings = Settings { session_idle_days: 0.00002, ..test_settings() };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let client = server.user("lea").await;
    assert_eq!(client.fetch("/").await.status, 200);
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let response = client.fetch("/").await;
    assert_eq!(response.status, 302, "an expired session is logged out");
}

#[test]
fn invalid_settings_stop_the_server_with_a_message_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("settings.json");
    std::fs::write(&settings, r#"{"max_login_attempts": "many"}"#).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_minimost"))
        .arg("--settings")
        .arg(&settings)
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .arg("--bind")
        .arg("127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`max_login_attempts`"), "{stderr}");
}
