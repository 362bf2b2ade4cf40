//! The operator's commands (the real binary) beside a running server, on both backends: creating,
//! listing, unlocking and deleting accounts; and backup → restore → a server with everything, on
//! SQLite.
mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{file_part, test_settings, Db, TestServer, User, PASSWORD, PNG};
use minimost::Settings;
use reqwest::multipart::Form;
use serde_json::Value;

/// How one run of the command ended.
struct Outcome {
    success: bool,
    stdout: String,
    stderr: String,
}

/// Runs `minimost admin <args>` on the server's database and data directory, feeding `stdin`.
fn admin(server: &TestServer, args: &[&str], stdin: &str) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minimost"))
        .arg("admin")
        .args(args)
        .args(["--database-url", &server.database_url])
        .arg("--data-dir")
        .arg(server.data_dir.path())
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the admin command");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    let output = child.wait_with_output().expect("the command ends");
    Outcome {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The command's standard output, which must report success.
fn admin_ok(server: &TestServer, args: &[&str], stdin: &str) -> String {
    let outcome = admin(server, args, stdin);
    assert!(outcome.success, "admin {args:?} failed: {}; stdout: {}", outcome.stderr, outcome.stdout);
    outcome.stdout
}

/// The command's error message, which must report failure.
fn admin_refused(server: &TestServer, args: &[&str], stdin: &str) -> String {
    let outcome = admin(server, args, stdin);
    assert!(!outcome.success, "admin {args:?} should fail; stdout: {}", outcome.stdout);
    outcome.stderr
}

async fn signs_in(server: &TestServer, name: &str, password: &str) -> bool {
    server.guest().log_in(name, password).await.status == 302
}

fn listed(server: &TestServer) -> Vec<Value> {
    admin_ok(server, &["list-users", "--json"], "")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

on_both_backends! {
    async fn created_users_sign_in_with_the_given_or_the_printed_password(server: TestServer) {
        let out = admin_ok(&server, &["create-user", "  Dora ", "--password-stdin"], "Explorer-42\n");
        assert_eq!(out.trim(), "created user Dora");
        assert!(signs_in(&server, "dora", "Explorer-42").await);

        let out = admin_ok(&server, &["create-user", "eve"], "");
        let password = out.lines().find_map(|line| line.strip_prefix("password: ")).expect("printed once");
        assert!(password.len() >= 20, "{password}");
        assert!(signs_in(&server, "eve", password).await);

        // The sign-up rules, and names are unique ignoring case.
        assert!(admin_refused(&server, &["create-user", "DORA", "--password-stdin"], "Explorer-42\n")
            .contains("User already exists"));
        assert!(admin_refused(&server, &["create-user", "frank", "--password-stdin"], "short\n")
            .contains("Password must be at least 8 characters"));
        assert!(admin_refused(&server, &["create-user", "bad name!", "--password-stdin"], "Explorer-42\n")
            .contains("Username"));
        let names: Vec<String> = listed(&server).iter().map(|user| user["username"].as_str().unwrap().to_owned()).collect();
        assert_eq!(names, ["Dora", "eve"]);
    }
}

on_both_backends_with_settings! {
    Settings { max_login_attempts: 2, ..test_settings() },
    async fn a_locked_account_is_listed_and_unlocked(server: TestServer) {
        server.user("alice").await;
        let bob = server.user("bob").await;
        for _ in 0..2 {
            assert_eq!(server.guest().log_in("alice", "Wrong-Pass-1").await.status, 200);
        }
        assert!(!signs_in(&server, "alice", PASSWORD).await, "locked");

        let users = listed(&server);
        assert_eq!(users.len(), 2);
        assert_eq!(users[0]["username"], "alice");
        assert!(users[0]["locked_until"].as_f64().is_some(), "{users:?}");
        assert!(users[0]["last_seen"].as_f64().is_some(), "signed up = a session: {users:?}");
        assert!(users[1]["locked_until"].is_null());
        let table = admin_ok(&server, &["list-users"], "");
        let alice_row = table.lines().find(|line| line.starts_with("alice ")).expect("a row for alice");
        assert!(alice_row.contains("until "), "{table}");
        assert!(table.lines().any(|line| line.starts_with("bob ") && line.ends_with("  no")), "{table}");
        bob.log_out().await;

        assert_eq!(admin_ok(&server, &["unlock", "ALICE"], "").trim(), "unlocked alice");
        assert!(signs_in(&server, "alice", PASSWORD).await, "unlocked at once, on every node");
        assert!(admin_ok(&server, &["unlock", "bob"], "").contains("bob was not locked"));
        assert!(admin_refused(&server, &["unlock", "nobody"], "").contains("no user named \"nobody\""));
    }
}

on_both_backends! {
    async fn a_deleted_user_is_signed_out_at_once_and_their_messages_stay(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        bob.send("general", "hello from bob").await;
        let mut bob_stream = bob.events(None).await;

        let out = admin_ok(&server, &["delete-user", "Bob"], "");
        assert!(out.starts_with("deleted user bob"), "{out}");
        // The running server ends the account's open stream (on SQLite at its next look for
        // requests, every two seconds).
        assert!(bob_stream.ends_within(Duration::from_secs(10)).await, "bob's stream ends");
        assert_ne!(bob.fetch("/channel_unreads").await.status, 200, "bob's session is gone");
        assert!(!signs_in(&server, "bob", PASSWORD).await);
        let general = alice.messages("general").await;
        assert_eq!(general.last().unwrap()["content"], "hello from bob");
        assert_eq!(general.last().unwrap()["sender"], "Deleted User");
        assert!(admin_refused(&server, &["delete-user", "bob"], "").contains("no user named"));
    }
}

on_both_backends! {
    async fn a_hard_deletion_removes_messages_and_files_and_reloads_other_tabs(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let (id, stored) = bob.send_file("general", "plan.pdf", b"%PDF-1.4 plan").await;
        assert_eq!(alice.fetch(&format!("/files/{stored}")).await.status, 200);
        let mut alice_stream = alice.events(None).await;

        let out = admin_ok(&server, &["delete-user", "bob", "--hard"], "");
        assert!(out.contains("1 attachments removed"), "{out}");
        let mut reloads = false;
        while let Some((_, kind, _)) = alice_stream.next(Duration::from_secs(10)).await {
            if kind == "resync" {
                reloads = true;
                break;
            }
        }
        assert!(reloads, "alice's open tab is told to reload");
        let tombstone = alice.get_json::<Value>(&format!("/message/{id}")).await;
        assert!(tombstone["content"].is_null() && tombstone["filename"].is_null(), "deleted: {tombstone}");
        assert_eq!(alice.fetch(&format!("/files/{stored}")).await.status, 404);
        assert!(server.files_in("uploads").is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_running_server_restores_into_a_server_with_everything() {
    let server = TestServer::start(Db::Sqlite).await;
    let alice = server.user("alice").await;
    alice.send("general", "before the backup").await;
    let (_, stored) = alice.send_file("general", "notes.txt", b"what we agreed").await;
    let avatar = Form::new().part("avatar", file_part("me.png", PNG));
    assert_eq!(alice.upload_avatar(avatar).await.status, 200);

    let backups = tempfile::tempdir().unwrap();
    let archive = backups.path().join("team.tar");
    let archive_arg = archive.to_str().unwrap();
    let out = admin_ok(&server, &["backup", archive_arg], "");
    assert!(out.contains("2 stored files"), "{out}");
    assert!(admin_refused(&server, &["backup", archive_arg], "").contains("already exists"));
    let leftovers: Vec<_> =
        std::fs::read_dir(backups.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("team.tar")], "nothing half-written is left");
    alice.send("general", "after the backup").await;

    // Restore into a fresh data directory and start a server there.
    let restored_dir = tempfile::tempdir().unwrap();
    let restore = |dir: &std::path::Path, file: &str| {
        Command::new(env!("CARGO_BIN_EXE_minimost"))
            .args(["admin", "restore", file, "--data-dir"])
            .arg(dir)
            .env("RUST_LOG", "error")
            .env_remove("MINIMOST_DATABASE_URL")
            .output()
            .expect("run restore")
    };
    let output = restore(restored_dir.path(), archive_arg);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("restored"));
    let again = restore(restored_dir.path(), archive_arg);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"), "never over existing data");

    let config = minimost::Config::for_data_dir(restored_dir.path(), test_settings());
    let app = tokio::task::spawn_blocking(move || minimost::App::build(&config)).await.unwrap().unwrap();
    let (addr, serving) = app
        .serve(std::net::SocketAddr::from(([127, 0, 0, 1], 0)), std::future::pending())
        .await
        .expect("the restored server starts");
    let serving = tokio::spawn(serving);
    let base = format!("http://{addr}");
    let alice_again = User::new(&base, "alice");
    assert_eq!(alice_again.log_in("alice", PASSWORD).await.status, 302, "accounts are restored");
    let contents: Vec<Value> =
        alice_again.messages("general").await.iter().map(|message| message["content"].clone()).collect();
    assert_eq!(contents, ["before the backup", ""], "as of the backup");
    let file = alice_again.fetch(&format!("/files/{stored}")).await;
    assert_eq!((file.code(), file.body.as_ref()), (200, b"what we agreed".as_ref()));
    assert_eq!(alice_again.fetch("/avatar/alice").await.body.as_ref(), PNG);
    serving.abort();
}

#[tokio::test]
async fn restore_refuses_what_is_not_a_minimost_backup() {
    let dir = tempfile::tempdir().unwrap();
    let not_tar = dir.path().join("notes.txt");
    std::fs::write(&not_tar, "hello").unwrap();
    let foreign = dir.path().join("other.tar");
    let mut builder = tar::Builder::new(std::fs::File::create(&foreign).unwrap());
    builder.append_path_with_name(&not_tar, "etc/passwd").unwrap();
    builder.finish().unwrap();
    drop(builder);
    for (file, message) in [(&not_tar, "not a"), (&foreign, "not a Minimost backup")] {
        let target = tempfile::tempdir().unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_minimost"))
            .args(["admin", "restore"])
            .arg(file)
            .arg("--data-dir")
            .arg(target.path())
            .env("RUST_LOG", "error")
            .env_remove("MINIMOST_DATABASE_URL")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && stderr.contains(message), "{file:?}: {stderr}");
        assert!(stderr.contains(&file.display().to_string()), "names the file: {stderr}");
        assert!(!target.path().join("minimost.db").exists(), "nothing is restored");
        assert!(!target.path().join("etc").exists());
    }
}

on_postgres! {
    async fn backup_on_postgresql_points_to_pg_dump() {
        let server = TestServer::start(Db::Postgres).await;
        let archive = server.data_dir.path().join("backup.tar");
        let stderr = admin_refused(&server, &["backup", archive.to_str().unwrap()], "");
        assert!(stderr.contains("pg_dump"), "{stderr}");
        assert!(!archive.exists());
    }
}
