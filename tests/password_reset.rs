//! Password resets on both backends, end to end: the operator's command (the real binary) prints a
//! link and tells the user in a DM from `system`; the link's pages set a new password once.
mod common;

use std::process::Command;

use common::{test_settings, TestServer, PASSWORD};
use diesel::connection::SimpleConnection;
use minimost::Settings;
use serde_json::Value;

const NEW_PASSWORD: &str = "Brand-New-Pass7";

/// Runs `minimost admin reset-password <args>` against the server's database; the printed link's
/// path (`/reset-password/<token>`) on success, the error text otherwise.
fn reset_command(server: &TestServer, args: &[&str]) -> Result<String, String> {
    let output = Command::new(env!("CARGO_BIN_EXE_minimost"))
        .args(["admin", "reset-password"])
        .args(args)
        .args(["--base-url", "http://chat.test/", "--database-url", &server.database_url])
        .arg("--data-dir")
        .arg(server.data_dir.path())
        .env("RUST_LOG", "error")
        .output()
        .expect("run the admin command");
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    if !output.status.success() {
        // The whole answer: a refusal is on stderr, but a process that ended otherwise (a signal)
        // must say how, or its failure cannot be told from a refusal.
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("{}; stderr: {stderr}; stdout: {stdout}", output.status));
    }
    let link = stdout.lines().find(|line| line.starts_with("http://chat.test/")).expect("a link is printed");
    Ok(link.trim_start_matches("http://chat.test").to_owned())
}

fn token_of(path: &str) -> &str {
    path.trim_start_matches("/reset-password/")
}

on_both_backends! {
    async fn a_reset_link_sets_a_new_password_once_and_ends_the_old_sessions(server: TestServer) {
        let alice = server.user("alice").await;
        let link = reset_command(&server, &["ALICE", "--expires", "30"]).expect("the command succeeds");
        let token = token_of(&link);
        assert_eq!(token.len(), 43, "a URL-safe token of 258 bits: {token}");
        assert!(token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));

        // The notice, as the original words it, unread in the DM with system.
        let dm = "dm:alice:system";
        let notice = alice.messages(dm).await;
        assert_eq!(notice.len(), 1);
        assert_eq!(notice[0]["sender"], "system");
        assert_eq!(
            notice[0]["content"],
            "A password reset has been requested for your account. The reset link will expire in 30 minutes. \
             If you did not request this, please contact your administrators."
        );
        assert_eq!(alice.dm_unreads().await, vec![(dm.to_owned(), 1)]);

        let visitor = server.guest();
        let form = visitor.fetch(&link).await;
        assert_eq!(form.status, 200);
        assert!(form.text().contains("Choose a new password") && form.text().contains(">alice<"), "{}", form.text());

        // The sign-up rules apply; the form comes back with the message.
        let weak = visitor.post_form(&link, &[("password", "short"), ("confirm_password", "short")]).await;
        assert_eq!(weak.status, 200);
        assert!(weak.text().contains("Password must be at least 8 characters"));
        let mismatch =
            visitor.post_form(&link, &[("password", NEW_PASSWORD), ("confirm_password", "Other-Pass7")]).await;
        assert!(mismatch.text().contains("Passwords do not match"));
        let missing = visitor.post_form(&link, &[("password", NEW_PASSWORD)]).await;
        assert_eq!(missing.status_text(), (400, "missing field: confirm_password".into()));

        let done = visitor.post_form(&link, &[("password", NEW_PASSWORD), ("confirm_password", NEW_PASSWORD)]).await;
        assert_eq!(done.status, 200);
        assert!(done.text().contains("Password updated"), "{}", done.text());

        // Single use; the old password and the old session are gone; the new password works.
        let again = visitor.post_form(&link, &[("password", NEW_PASSWORD), ("confirm_password", NEW_PASSWORD)]).await;
        assert!(again.text().contains("invalid or has expired"));
        assert!(visitor.fetch(&link).await.text().contains("invalid or has expired"));
        let ended = alice.fetch("/channels").await;
        assert_eq!((ended.status.as_u16(), ended.header("location")), (302, "/login"), "the session from before the reset has ended");
        assert_eq!(server.bare().log_in("alice", PASSWORD).await.status, 200, "the old password is refused");
        assert_eq!(server.bare().log_in("alice", NEW_PASSWORD).await.status, 302);
    }
}

on_both_backends_with_settings!(
    Settings { max_login_attempts: 2, lockout_duration_minutes: 60.0, ..test_settings() },
    async fn a_completed_reset_clears_a_lockout(server: TestServer) {
        server.user("bob").await;
        for _ in 0..2 {
            server.bare().log_in("bob", "Wrong-Guess1").await;
        }
        let locked = server.bare().log_in("bob", PASSWORD).await;
        assert!(locked.text().contains("Account locked"), "{}", locked.text());
        let link = reset_command(&server, &["bob"]).expect("the command succeeds");
        let done =
            server.guest().post_form(&link, &[("password", NEW_PASSWORD), ("confirm_password", NEW_PASSWORD)]).await;
        assert!(done.text().contains("Password updated"));
        assert_eq!(server.bare().log_in("bob", NEW_PASSWORD).await.status, 302);
    }
);

on_both_backends! {
    async fn unknown_expired_and_foreign_tokens_get_the_invalid_link_page(server: TestServer) {
        let carol = server.user("carol").await;
        let visitor = server.guest();
        for path in ["/reset-password/nope", "/reset-password/%3Cscript%3E", &format!("/reset-password/{}", "A".repeat(43))] {
            let page = visitor.fetch(path).await;
            assert_eq!(page.status, 200, "{path}");
            assert!(page.text().contains("invalid or has expired"), "{path}");
            let post = visitor.post_form(path, &[("password", NEW_PASSWORD), ("confirm_password", NEW_PASSWORD)]).await;
            assert!(post.text().contains("invalid or has expired"), "{path}");
        }
        // A link that has run out: its row says it expired a second ago.
        let link = reset_command(&server, &["carol", "--expires", "1"]).expect("the command succeeds");
        server.connect().batch_execute("UPDATE password_resets SET expires_at = created_at - 1").unwrap();
        assert!(visitor.fetch(&link).await.text().contains("invalid or has expired"));
        assert_eq!(server.bare().log_in("carol", PASSWORD).await.status, 302, "nothing changed");
        let notice: Vec<Value> = carol.messages("dm:carol:system").await;
        assert!(notice[0]["content"].as_str().unwrap().contains("expire in 1 minute."), "singular: {notice:?}");
    }
}

on_both_backends! {
    async fn the_command_refuses_unknown_users_and_bad_expiries(server: TestServer) {
        let error = reset_command(&server, &["nobody"]).expect_err("no such user");
        assert!(error.contains("no user named \"nobody\""), "{error}");
        for expires in ["0", "10081", "-5", "soon"] {
            assert!(reset_command(&server, &["nobody", "--expires", expires]).is_err(), "{expires}");
        }
        let forgot = server.guest().fetch("/forgot-password").await;
        assert_eq!(forgot.status, 200);
        assert!(forgot.text().contains("Ask an administrator"));
        assert!(server.guest().fetch("/login").await.text().contains("href=\"/forgot-password\""));
    }
}
