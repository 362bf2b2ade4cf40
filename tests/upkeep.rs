//! The background upkeep over a real database and data directory: idle sessions are deleted and
//! files no row refers to (left by a crash between writing and committing) are removed, while
//! every file a message or an avatar carries stays; spent and expired password-reset links go.
mod common;

use std::time::{Duration, SystemTime};

use common::{file_part, test_settings, Db, PNG};
use diesel::prelude::*;
use minimost::store::schema::{self, sessions};
use minimost::store::{password_resets, sessions as store_sessions, users};
use minimost::uploads::Uploads;
use minimost::{App, Config};

/// Writes a stored file as a crash would leave it: on disk, `age` old, with no row.
fn leave_file(dir: &std::path::Path, name: &str, age: Duration) {
    let path = dir.join(name);
    std::fs::write(&path, PNG).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

on_both_backends! {
    async fn upkeep_removes_idle_sessions_and_files_no_row_refers_to(server: TestServer) {
        let alice = server.user("alice").await;
        alice.send_images("general", "kept", 1).await;
        let avatar = reqwest::multipart::Form::new().part("avatar", file_part("me.png", PNG));
        assert_eq!(alice.upload_avatar(avatar).await.status, 200);
        let (kept_upload, kept_avatar) = (server.files_in("uploads"), server.files_in("avatars"));
        // Make the carried files old too: age alone never removes a file.
        for (area, names) in [("uploads", &kept_upload), ("avatars", &kept_avatar)] {
            for name in names.iter() {
                server.age_file(area, name, Duration::from_secs(7200));
            }
        }
        let hour = Duration::from_secs(3600);
        let orphan = Uploads::new_name("png");
        server.leave_file("uploads", &orphan, PNG, hour);
        if server.db == Db::Sqlite {
            // Only a file on disk can be half-written: a database write is one transaction.
            server.leave_file("uploads", &format!(".{}.partial", Uploads::new_name("gif")), PNG, hour);
        }
        server.leave_file("avatars", &Uploads::new_name("png"), PNG, hour);
        let in_flight = Uploads::new_name("png");
        server.leave_file("uploads", &in_flight, PNG, Duration::from_secs(5));

        let mut conn = server.connect();
        let alice_id = users::find_by_key(&mut conn, "alice").unwrap().unwrap().id;
        let long_ago = minimost::store::now() - 40.0 * 86_400.0;
        store_sessions::create(&mut conn, "stale-session-hash", alice_id, long_ago).unwrap();
        // Reset links: one expired, one spent a minute ago, one the user has yet to open.
        let now = minimost::store::now();
        password_resets::create(&mut conn, "expired-link", alice_id, now - 7200.0, now - 3600.0).unwrap();
        password_resets::create(&mut conn, "spent-link", alice_id, now - 120.0, now + 3480.0).unwrap();
        diesel::update(schema::password_resets::table.find("spent-link"))
            .set(schema::password_resets::used_at.eq(Some(now - 60.0)))
            .execute(&mut conn)
            .unwrap();
        password_resets::create(&mut conn, "open-link", alice_id, now - 60.0, now + 3540.0).unwrap();

        let config = Config { database_url: Some(server.database_url.clone()), ..Config::for_data_dir(server.data_dir.path(), test_settings()) };
        let app = tokio::task::spawn_blocking(move || App::build(&config)).await.unwrap().unwrap();
        minimost::maintenance::upkeep(app.api()).await.unwrap();

        let mut expected_uploads = kept_upload.clone();
        expected_uploads.push(in_flight.clone());
        expected_uploads.sort();
        assert_eq!(server.files_in("uploads"), expected_uploads, "the carried file and a file younger than the grace stay");
        assert_eq!(server.files_in("avatars"), kept_avatar);
        let stale: i64 = sessions::table.filter(sessions::token_hash.eq("stale-session-hash")).count().get_result(&mut conn).unwrap();
        assert_eq!(stale, 0, "the idle session row is gone");
        let links: Vec<String> = schema::password_resets::table
            .select(schema::password_resets::token_hash)
            .load(&mut conn)
            .unwrap();
        assert_eq!(links, ["open-link"], "expired and spent reset links are removed, an unused one stays");
        assert_eq!(alice.fetch("/").await.status, 200, "live sessions stay");
        let message = alice.messages("general").await.pop().unwrap();
        let file = message["filename"].as_str().unwrap();
        assert_eq!(alice.fetch(&format!("/files/{file}")).await.status, 200);
    }
}

#[tokio::test]
async fn a_starting_server_sweeps_what_a_crash_left() {
    let data_dir = tempfile::tempdir().unwrap();
    let config = Config::for_data_dir(data_dir.path(), test_settings());
    let first = config.clone();
    drop(tokio::task::spawn_blocking(move || App::build(&first)).await.unwrap().unwrap());
    let orphan = Uploads::new_name("png");
    leave_file(&data_dir.path().join("uploads"), &orphan, Duration::from_secs(3600));
    let app = tokio::task::spawn_blocking(move || App::build(&config)).await.unwrap().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (_, server) = app
        .serve(std::net::SocketAddr::from(([127, 0, 0, 1], 0)), async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    let server = tokio::spawn(server);
    let path = data_dir.path().join("uploads").join(&orphan);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while path.exists() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!path.exists(), "the orphan left by the crash is removed soon after start");
    let _ = tx.send(());
    server.await.unwrap();
}
