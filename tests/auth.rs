//! Sign-up, login, logout, sessions and lockout over real HTTP, on SQLite and PostgreSQL.
mod common;

use std::time::{Duration, Instant};

use common::{test_settings, Db, Reply, RequestExt, TestServer, PASSWORD};
use minimost::Settings;

/// The error message a re-rendered sign-in or sign-up page shows.
fn page_error(response: Reply) -> String {
    assert_eq!(response.status, 200);
    let page = response.text();
    let start = page.find("role=\"alert\" >").or_else(|| page.find("role=\"alert\"")).expect("error block");
    let rest = &page[start..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest.find("</p>").unwrap();
    rest[open..close].to_string()
}

on_both_backends! {
    async fn signup_login_and_logout_round_trip(server: TestServer) {
        let alice = server.user("Alice").await;
        let home = alice.fetch("/").await;
        assert_eq!(home.status, 200);
        assert!(home.text().contains("Alice"));

        let logout = alice.log_out().await;
        assert_eq!(logout.status, 302);
        assert_eq!(logout.header("location"), "/login");
        assert_eq!(alice.fetch("/").await.status, 302);

        // Login is case-insensitive and the session holds the stored spelling.
        let response = alice.log_in("  alice ", PASSWORD).await;
        assert_eq!(response.status, 302);
        assert_eq!(response.header("location"), "/");
        let cookie = response.headers.get("set-cookie").unwrap().to_str().unwrap().to_string();
        assert!(cookie.starts_with("session="), "{cookie}");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
        assert!(alice.fetch("/").await.text().contains("Alice"));
    }
}

on_both_backends! {
    async fn wrong_password_and_unknown_user_say_invalid_credentials(server: TestServer) {
        server.user("bob").await;
        let client = server.guest();
        assert_eq!(page_error(client.log_in("bob", "Wrong#Pass1").await), "Invalid credentials");
        assert_eq!(page_error(client.log_in("nobody", PASSWORD).await), "Invalid credentials");
        let long = "A1#".repeat(400);
        assert_eq!(page_error(client.log_in("bob", &long).await), "Invalid credentials");
        // The typed name is kept in the form.
        let page = client.log_in("BoB", "nope").await.text();
        assert!(page.contains("value=\"BoB\""));
    }
}

on_both_backends! {
    async fn signup_rules_rerender_the_page_with_the_first_broken_rule(server: TestServer) {
        server.user("carol").await;
        let client = server.guest();
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
            let response =
                client.post_form("/signup", &[("username", *username), ("password", *password), ("confirm_password", *confirm)]).await;
            assert_eq!(page_error(response), *expected, "signup of {username:?}");
        }
    }
}

on_both_backends! {
    async fn lockout_rejects_even_the_correct_password_until_it_expires(server: TestServer) {
        let _ = server;
        let settings = Settings { max_login_attempts: 3, lockout_duration_minutes: 0.02, ..test_settings() };
        let server = TestServer::start_with(server.db, settings).await;
        server.user("erin").await;
        let client = server.guest();
        for _ in 0..2 {
            assert_eq!(page_error(client.log_in("erin", "Wrong#Pass1").await), "Invalid credentials");
        }
        let locked = "Account locked due to too many failed login attempts. Try again in 1 minute.";
        // The failure that reaches the limit shows the lock at once, counted case-insensitively.
        assert_eq!(page_error(client.log_in("ERIN", "Wrong#Pass1").await), locked);
        assert_eq!(page_error(client.log_in("erin", PASSWORD).await), locked);
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(client.log_in("erin", PASSWORD).await.status, 302);
    }
}

on_both_backends! {
    async fn a_successful_login_resets_the_failure_count(server: TestServer) {
        let _ = server;
        let settings = Settings { max_login_attempts: 2, ..test_settings() };
        let server = TestServer::start_with(server.db, settings).await;
        server.user("fay").await;
        let client = server.guest();
        assert_eq!(page_error(client.log_in("fay", "Wrong#Pass1").await), "Invalid credentials");
        assert_eq!(client.log_in("fay", PASSWORD).await.status, 302);
        assert_eq!(page_error(client.log_in("fay", "Wrong#Pass1").await), "Invalid credentials");
    }
}

on_both_backends! {
    async fn logout_revokes_the_session_cookie_everywhere(server: TestServer) {
        let gus = server.user("gus").await;
        // A second device with its own session stays logged in; the stolen copy of the first does not.
        let other = server.guest();
        assert_eq!(other.log_in("gus", PASSWORD).await.status, 302);
        let response = gus.log_in("gus", PASSWORD).await;
        let cookie = response.headers.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
        gus.log_out().await;
        let replay = server.guest().get("/").header("cookie", &cookie).reply().await;
        assert_eq!(replay.status, 302, "a logged-out session must not work again");
        assert_eq!(other.fetch("/").await.status, 200);
    }
}

#[tokio::test]
async fn failed_logins_wait_the_real_default_three_seconds() {
    let settings = Settings { csrf_enabled: false, ..Settings::default() };
    assert_eq!(settings.login_failure_delay_seconds, 3.0);
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let client = server.guest();
    let started = Instant::now();
    let response = client.log_in("nobody", "Wrong#Pass1").await;
    assert_eq!(response.status, 200);
    assert!(started.elapsed() >= Duration::from_secs(3), "waited only {:?}", started.elapsed());
}

#[tokio::test]
async fn slow_failures_do_not_block_other_requests() {
    let settings = Settings { login_failure_delay_seconds: 2.0, ..test_settings() };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let client = server.user("hal").await;
    let failing: Vec<_> = (0..8)
        .map(|_| {
            let client = server.guest();
            tokio::spawn(async move { client.log_in("hal", "x").await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    assert_eq!(client.fetch("/").await.status, 200);
    assert!(started.elapsed() < Duration::from_secs(1), "a page waited behind failing logins");
    for task in failing {
        task.await.unwrap();
    }
}

on_both_backends! {
    async fn a_burst_of_parallel_logins_checks_no_more_passwords_than_the_limit(server: TestServer) {
        let _ = server;
        let settings = Settings { max_login_attempts: 5, ..test_settings() };
        let server = TestServer::start_with(server.db, settings).await;
        server.user("ivy").await;
        // 60 attempts at once, the right password at position 15 (the red team's reproduction).
        let attempts: Vec<_> = (0..60)
            .map(|n| {
                let client = server.guest();
                let password = if n == 15 { PASSWORD } else { "Wrong#Pass1" };
                tokio::spawn(async move { client.log_in("ivy", password).await })
            })
            .collect();
        let (mut accepted, mut invalid, mut locked) = (0, 0, 0);
        for attempt in attempts {
            let response = attempt.await.unwrap();
            if response.status == 302 {
                accepted += 1;
                continue;
            }
            match page_error(response).as_str() {
                "Invalid credentials" => invalid += 1,
                text if text.starts_with("Account locked") => locked += 1,
                other => panic!("unexpected answer {other:?}"),
            }
        }
        // Each checked password is either accepted or "Invalid credentials", except the one whose
        // failure sets the lock (it shows the lock): never more than the limit of 5 in all.
        assert!(accepted + invalid <= 5, "{accepted} accepted + {invalid} invalid: more passwords checked than the limit");
        assert_eq!(accepted + invalid + locked, 60);
        if accepted == 0 {
            let after = page_error(server.guest().log_in("ivy", PASSWORD).await);
            assert!(after.starts_with("Account locked"), "the burst locked the account, even for the right password: {after}");
        }
    }
}

on_both_backends! {
    async fn password_checks_are_counted_before_they_run(server: TestServer) {
        use minimost::store::users::{self, Reservation};
        server.user("jay").await;
        let mut conn = server.connect();
        let id = users::find_by_key(&mut conn, "jay").unwrap().unwrap().id;
        let now = minimost::store::now();
        // Five checks running at once take every slot of a limit of 5; a sixth is not run.
        for _ in 0..5 {
            assert_eq!(users::reserve_password_check(&mut conn, id, 5, now).unwrap(), Reservation::Granted);
        }
        assert_eq!(users::reserve_password_check(&mut conn, id, 5, now).unwrap(), Reservation::Exhausted);
        // The first to fail locks the account; a right password among the others is then refused.
        assert_eq!(users::settle_failure(&mut conn, id, 5, now + 60.0, now).unwrap(), Some(now + 60.0));
        assert!(!users::accept_password(&mut conn, id, now).unwrap(), "locked meanwhile: refused");
        assert_eq!(users::reserve_password_check(&mut conn, id, 5, now).unwrap(), Reservation::Locked(now + 60.0));
        // Once the lock has expired, checks run again from a fresh count, and a success clears it.
        let later = now + 61.0;
        assert_eq!(users::reserve_password_check(&mut conn, id, 5, later).unwrap(), Reservation::Granted);
        assert!(users::accept_password(&mut conn, id, later).unwrap());
        assert_eq!(users::find_by_id(&mut conn, id).unwrap().unwrap().failed_logins, 0);
    }
}

on_both_backends! {
    async fn deleting_an_account_counts_wrong_passwords_towards_the_lockout(server: TestServer) {
        let _ = server;
        let settings = Settings { max_login_attempts: 2, login_failure_delay_seconds: 0.3, ..test_settings() };
        let server = TestServer::start_with(server.db, settings).await;
        let kim = server.user("kim").await;
        let delete = |password: &'static str| {
            let request = kim.post("/delete_account").json(&serde_json::json!({"password": password, "type": "soft"}));
            async move {
                let response = request.reply().await;
                (response.code(), response.json::<serde_json::Value>()["error"].as_str().unwrap_or("").to_string())
            }
        };
        let started = Instant::now();
        assert_eq!(delete("Wrong#Pass1").await, (403, "Incorrect password.".to_string()));
        assert!(started.elapsed() >= Duration::from_millis(300), "a wrong password waits the failure delay");
        let (status, error) = delete("Wrong#Pass1").await;
        assert_eq!(status, 403);
        assert!(error.starts_with("Account locked"), "the second failure locks: {error}");
        let (status, error) = delete(PASSWORD).await;
        assert_eq!((status, error.starts_with("Account locked")), (403, true), "locked: even the right password is refused");
        assert!(page_error(server.guest().log_in("kim", PASSWORD).await).starts_with("Account locked"));
        assert_eq!(kim.fetch("/").await.status, 200, "the session itself stays");
    }
}

#[tokio::test]
async fn password_hashes_beyond_the_slots_and_queue_get_503_with_retry_after() {
    let settings = Settings { max_concurrent_password_hashes: 1, max_queued_password_hashes: 0, ..test_settings() };
    let server = TestServer::start_with(Db::Sqlite, settings).await;
    let signups: Vec<_> = (0..12)
        .map(|n| {
            let client = server.guest();
            let name = format!("user{n}");
            tokio::spawn(async move { client.sign_up(&name, PASSWORD).await })
        })
        .collect();
    let (mut created, mut busy) = (0, 0);
    for signup in signups {
        let response = signup.await.unwrap();
        match response.code() {
            302 => created += 1,
            503 => {
                assert_eq!(response.headers["retry-after"], "1");
                assert_eq!(response.text(), "server busy, try again");
                busy += 1;
            }
            other => panic!("unexpected status {other}"),
        }
    }
    assert!(created >= 1 && busy >= 1, "{created} created, {busy} refused: twelve hashes at once with one slot");
    // Once the burst is over, there is room again.
    assert_eq!(server.user("late").await.fetch("/").await.status, 200);
}
