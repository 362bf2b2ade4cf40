//! Sign-up, login, logout, sessions and lockout over real HTTP, on SQLite and PostgreSQL.
mod common;

use std::time::{Duration, Instant};

use common::{test_settings, Db, TestServer, PASSWORD};
use minimost::Settings;

async fn login(server: &TestServer, client: &reqwest::Client, username: &str, password: &str) -> reqwest::Response {
    client
        .post(server.url("/login"))
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .expect("login request")
}

async fn page_error(response: reqwest::Response) -> String {
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    let start = page.find("role=\"alert\" >").or_else(|| page.find("role=\"alert\"")).expect("error block");
    let rest = &page[start..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest.find("</p>").unwrap();
    rest[open..close].to_string()
}

fn location(response: &reqwest::Response) -> &str {
    response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("")
}

on_both_backends! {
    async fn signup_login_and_logout_round_trip(server: TestServer) {
        let alice = server.user("Alice").await;
        let home = alice.get(server.url("/")).send().await.unwrap();
        assert_eq!(home.status(), 200);
        assert!(home.text().await.unwrap().contains("Alice"));

        let logout = alice.get(server.url("/logout")).send().await.unwrap();
        assert_eq!(logout.status(), 302);
        assert_eq!(location(&logout), "/login");
        assert_eq!(alice.get(server.url("/")).send().await.unwrap().status(), 302);

        // Login is case-insensitive and the session holds the stored spelling.
        let response = login(&server, &alice, "  alice ", PASSWORD).await;
        assert_eq!(response.status(), 302);
        assert_eq!(location(&response), "/");
        let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
        assert!(cookie.starts_with("session="), "{cookie}");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
        assert!(alice.get(server.url("/")).send().await.unwrap().text().await.unwrap().contains("Alice"));
    }
}

on_both_backends! {
    async fn wrong_password_and_unknown_user_say_invalid_credentials(server: TestServer) {
        server.user("bob").await;
        let client = server.client();
        assert_eq!(page_error(login(&server, &client, "bob", "Wrong#Pass1").await).await, "Invalid credentials");
        assert_eq!(page_error(login(&server, &client, "nobody", PASSWORD).await).await, "Invalid credentials");
        let long = "A1#".repeat(400);
        assert_eq!(page_error(login(&server, &client, "bob", &long).await).await, "Invalid credentials");
        // The typed name is kept in the form.
        let page = login(&server, &client, "BoB", "nope").await.text().await.unwrap();
        assert!(page.contains("value=\"BoB\""));
    }
}

on_both_backends! {
    async fn signup_rules_rerender_the_page_with_the_first_broken_rule(server: TestServer) {
        server.user("carol").await;
        let client = server.client();
        let cases: &[(&str, &str, &str, &str)] = &[
            ("", PASSWORD, PASSWORD, "Missing fields"),
            ("Everyone", PASSWORD, PASSWORD, "&quot;Everyone&quot; is a protected username"),
            ("System", PASSWORD, PASSWORD, "&quot;System&quot; is a protected username"),
            ("bad name", PASSWORD, PASSWORD, "Username may only contain letters, numbers, hyphens, and underscores (1\u{2013}32 characters)"),
            ("dave", "Short#1", "Short#1", "Password must be at least 8 characters"),
            ("dave", "NoDigits#x", "NoDigits#x", "Password must contain at least one number"),
            ("dave", "noupper#12", "noupper#12", "Password must contain at least one uppercase letter"),
            ("dave", "NoSpecial12", "NoSpecial12", "Password must contain at least one special character"),
            ("dave", PASSWORD, "Other#Pass9", "Passwords do not match"),
            ("CAROL", PASSWORD, PASSWORD, "User already exists"),
        ];
        for (username, password, confirm, expected) in cases {
            let response = client
                .post(server.url("/signup"))
                .form(&[("username", *username), ("password", *password), ("confirm_password", *confirm)])
                .send()
                .await
                .unwrap();
            assert_eq!(page_error(response).await, *expected, "signup of {username:?}");
        }
    }
}

on_both_backends! {
    async fn lockout_rejects_even_the_correct_password_until_it_expires(server: TestServer) {
        let _ = server;
        let settings = Settings { max_login_attempts: 3, lockout_duration_minutes: 0.02, ..test_settings() };
        let server = TestServer::start_with(server.db, settings).await;
        server.user("erin").await;
        let client = server.client();
        for _ in 0..2 {
            assert_eq!(page_error(login(&server, &client, "erin", "Wrong#Pass1").await).await, "Invalid credentials");
        }
        let locked = "Account locked due to too many failed login attempts. Try again in 1 minute.";
        // The failure that reaches the limit shows the lock at once, counted case-insensitively.
        assert_eq!(page_error(login(&server, &client, "ERIN", "Wrong#Pass1").await).await, locked);
        assert_eq!(page_error(login(&server, &client, "erin", PASSWORD).await).await, locked);
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(login(&server, &client, "erin", PASSWORD).await.status(), 302);
    }
}

on_both_backends! {
    async fn a_successful_login_resets_the_failure_count(server: TestServer) {
        let _ = server;
        let settings = Settings { max_login_attempts: 2, ..test_settings() };
        let server = TestServer::start_with(server.db, settings).await;
        server.user("fay").await;
        let client = server.client();
        assert_eq!(page_error(login(&server, &client, "fay", "Wrong#Pass1").await).await, "Invalid credentials");
        assert_eq!(login(&server, &client, "fay", PASSWORD).await.status(), 302);
        assert_eq!(page_error(login(&server, &client, "fay", "Wrong#Pass1").await).await, "Invalid credentials");
    }
}

on_both_backends! {
    async fn logout_revokes_the_session_cookie_everywhere(server: TestServer) {
        let gus = server.user("gus").await;
        // A second device with its own session stays logged in; the stolen copy of the first does not.
        let other = server.client();
        assert_eq!(login(&server, &other, "gus", PASSWORD).await.status(), 302);
        let response = login(&server, &gus, "gus", PASSWORD).await;
        let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
        gus.get(server.url("/logout")).send().await.unwrap();
        let replay = server
            .client()
            .get(server.url("/"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(replay.status(), 302, "a logged-out session must not work again");
        assert_eq!(other.get(server.url("/")).send().await.unwrap().status(), 200);
    }
}

#[tokio::test]
async fn failed_logins_wait_the_real_default_three_seconds() {
    let settings = Settings { csrf_enabled: false, ..Settings::default() };
    assert_eq!(settings.login_failure_delay_seconds, 3.0);
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let client = server.client();
    let started = Instant::now();
    let response = login(&server, &client, "nobody", "Wrong#Pass1").await;
    assert_eq!(response.status(), 200);
    assert!(started.elapsed() >= Duration::from_secs(3), "waited only {:?}", started.elapsed());
}

#[tokio::test]
async fn slow_failures_do_not_block_other_requests() {
    let settings = Settings { login_failure_delay_seconds: 2.0, ..test_settings() };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let client = server.user("hal").await;
    let failing: Vec<_> = (0..8)
        .map(|_| {
            let client = server.client();
            let url = server.url("/login");
            tokio::spawn(async move { client.post(url).form(&[("username", "hal"), ("password", "x")]).send().await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    assert_eq!(client.get(server.url("/")).send().await.unwrap().status(), 200);
    assert!(started.elapsed() < Duration::from_secs(1), "a page waited behind failing logins");
    for task in failing {
        task.await.unwrap().unwrap();
    }
}
