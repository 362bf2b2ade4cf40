//! HTTP helpers for chat tests (sending, polling, read state), plus the few store-level set-ups no
//! route offers yet (system notices, private-channel memberships, reaction changes).
use std::collections::BTreeMap;

use diesel::Connection;
use minimost::store::messages::{self as store_messages, NewSend};
use minimost::store::{channels, users, Store};
use reqwest::{Client, StatusCode};
use serde_json::Value;

use super::TestServer;

/// A 1×1 PNG.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

pub async fn send(server: &TestServer, client: &Client, channel: &str, text: &str) {
    let response = client.post(server.url(&format!("/send/{channel}"))).form(&[("text", text)]).send().await.unwrap();
    assert_eq!(response.status(), 200, "send to {channel}: {}", response.text().await.unwrap_or_default());
}

/// One send with `text` and `images` PNG attachments.
pub async fn send_images(server: &TestServer, client: &Client, channel: &str, text: &str, images: usize) {
    let mut form = reqwest::multipart::Form::new().text("text", text.to_string());
    for n in 0..images {
        form = form.part("files", reqwest::multipart::Part::bytes(PNG.to_vec()).file_name(format!("p{n}.png")));
    }
    let response = client.post(server.url(&format!("/send/{channel}"))).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), 200, "send images to {channel}");
}

/// Every message of the channel the client can see.
pub async fn messages(server: &TestServer, client: &Client, channel: &str) -> Vec<Value> {
    let response = client.get(server.url(&format!("/messages/{channel}?after=0"))).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The newest message the client sees in the channel, as `(id, ts)`.
pub async fn last_message(server: &TestServer, client: &Client, channel: &str) -> (i64, f64) {
    let all = messages(server, client, channel).await;
    let last = all.last().expect("the channel has a message");
    (last["id"].as_i64().unwrap(), last["ts"].as_f64().unwrap())
}

pub async fn edit(server: &TestServer, client: &Client, id: i64, text: &str) {
    let response = client.post(server.url(&format!("/edit/{id}"))).form(&[("text", text)]).send().await.unwrap();
    assert_eq!(response.status(), 200);
}

pub async fn delete(server: &TestServer, client: &Client, id: i64) {
    assert_eq!(client.post(server.url(&format!("/delete/{id}"))).send().await.unwrap().status(), 200);
}

pub async fn channel_unreads(server: &TestServer, client: &Client) -> BTreeMap<String, i64> {
    let response = client.get(server.url("/channel_unreads")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

pub async fn dms(server: &TestServer, client: &Client) -> Vec<Value> {
    let response = client.get(server.url("/dms")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// `/dms` as `(channel, unread)` pairs in list order.
pub async fn dm_unreads(server: &TestServer, client: &Client) -> Vec<(String, i64)> {
    dms(server, client)
        .await
        .iter()
        .map(|dm| (dm["channel"].as_str().unwrap().to_string(), dm["unread"].as_i64().unwrap()))
        .collect()
}

pub async fn unread_count(server: &TestServer, client: &Client) -> i64 {
    let response = client.get(server.url("/unread_count")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["count"].as_i64().unwrap()
}

pub async fn mark_read(server: &TestServer, client: &Client, channel: &str) -> (StatusCode, String) {
    let response = client.post(server.url(&format!("/mark_read/{channel}"))).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

pub async fn receipts_response(server: &TestServer, client: &Client, channel: &str) -> (StatusCode, String) {
    let response = client.get(server.url(&format!("/read_receipts/{channel}"))).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

pub async fn receipts(server: &TestServer, client: &Client, channel: &str) -> BTreeMap<String, Vec<String>> {
    let (status, body) = receipts_response(server, client, channel).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

pub async fn close_dm(server: &TestServer, client: &Client, body: Value) -> (StatusCode, String) {
    let response = client.post(server.url("/dms/close")).json(&body).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

pub async fn user_id(store: &Store, name: &str) -> i64 {
    let key = name.to_ascii_lowercase();
    store.run(move |conn| users::find_by_key(conn, &key)).await.unwrap().expect("user exists").id
}

/// Posts a system notice (no sender account) into `channel`, as private-channel events and the
/// password-reset command do; returns its `ts`.
pub async fn system_notice(store: &Store, channel: &str, kind: i32, text: &str) -> f64 {
    let (channel, text) = (channel.to_string(), text.to_string());
    store
        .run(move |conn| {
            conn.transaction(|conn| {
                let ts = channels::tick(conn, &channel, kind)?;
                store_messages::insert_send(
                    conn,
                    &NewSend {
                        channel: &channel,
                        sender: "system",
                        sender_id: None,
                        text: Some(&text),
                        filenames: &[],
                        reply_to_id: None,
                        mentions: None,
                        ts,
                    },
                )?;
                channels::record_message(conn, &channel, ts)?;
                Ok(ts)
            })
        })
        .await
        .unwrap()
}

/// Makes the users members of the private channel from the channel clock's next tick on (creating
/// the channel on first use), as adding a member does; returns the join time.
pub async fn join_private(store: &Store, channel: &str, user_ids: &[i64]) -> f64 {
    let (channel, user_ids) = (channel.to_string(), user_ids.to_vec());
    store
        .run(move |conn| {
            conn.transaction(|conn| {
                let ts = channels::tick(conn, &channel, channels::KIND_PRIVATE)?;
                channels::add_members(conn, &channel, &user_ids, ts)?;
                Ok(ts)
            })
        })
        .await
        .unwrap()
}

/// What a reaction toggle does to a message besides the reaction itself: a new change time.
pub async fn touch_reactions(store: &Store, message_id: i64, kind: i32) {
    store
        .run(move |conn| {
            conn.transaction(|conn| {
                let row = store_messages::find(conn, message_id)?.expect("message exists");
                let ts = channels::tick(conn, &row.channel, kind)?;
                store_messages::touch_reactions(conn, row.send_id, ts)
            })
        })
        .await
        .unwrap()
}
