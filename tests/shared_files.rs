//! Stored files on a PostgreSQL deployment of several nodes: attachments and avatars live in the
//! database, so a file that reached one node is served by every other, byte for byte and with the
//! same validators; downloads are streamed a chunk at a time; deletion and the sweep remove them.
//! The file-store tests at the end check both stores' read side directly.
mod common;

use bytes::Bytes;
use common::{file_part, Db, PostgresDb, RequestExt, TestServer, User, JPEG, PASSWORD, PNG};
use futures_util::{StreamExt, TryStreamExt};
use minimost::store::{schema, Store};
use minimost::uploads::{Area, Uploads, CHUNK_SIZE};
use reqwest::multipart::Form;
use serde_json::json;

/// Two nodes of one deployment: each with its own data directory, on one PostgreSQL database.
async fn two_nodes() -> (TestServer, TestServer) {
    let node_a = TestServer::start(Db::Postgres).await;
    let node_b = node_a.another_node().await;
    (node_a, node_b)
}

/// Signs an existing user in on another node, as a load balancer would send them there.
async fn signed_in_on(node: &TestServer, name: &str) -> User {
    let user = User::new(&node.base, name);
    assert_eq!(user.log_in(name, PASSWORD).await.status, 302, "{name} signs in on {}", node.base);
    user
}

/// A PNG of `size` bytes: the signature, then a filler that differs from one chunk to the next,
/// so a chunk served twice, skipped or out of order shows.
fn big_png(size: usize) -> Vec<u8> {
    let mut data = PNG.to_vec();
    data.extend((PNG.len()..size).map(|i| (i % 251) as u8));
    data
}

/// The headers a download answers with, which every node must agree on.
const FILE_HEADERS: [&str; 7] = [
    "content-type",
    "content-length",
    "content-disposition",
    "cache-control",
    "etag",
    "last-modified",
    "x-content-type-options",
];

fn headers_of(reply: &common::Reply) -> Vec<(String, String)> {
    FILE_HEADERS.iter().map(|name| (name.to_string(), reply.header(name).to_string())).collect()
}

on_postgres! {
    async fn a_file_sent_through_one_node_downloads_byte_identical_with_the_same_headers_from_another() {
        let (node_a, node_b) = two_nodes().await;
        let alice = node_a.user("alice").await;
        let bob_on_a = node_a.user("bob").await;
        let bob_on_b = signed_in_on(&node_b, "bob").await;
        // Three chunks, the last one partly filled.
        let data = big_png(2 * CHUNK_SIZE + 1234);
        let (_, name) = alice.send_file("dm:alice:bob", "big.png", &data).await;
        let path = format!("/files/{name}");

        let from_a = bob_on_a.fetch(&path).await;
        let from_b = bob_on_b.fetch(&path).await;
        assert_eq!((from_a.code(), from_b.code()), (200, 200));
        assert!(from_a.body.as_ref() == data.as_slice(), "node A serves the file as it was sent");
        assert!(from_b.body.as_ref() == data.as_slice(), "node B serves the file as it was sent");
        assert_eq!(headers_of(&from_b), headers_of(&from_a));
        assert_eq!(from_b.header("content-length"), data.len().to_string());

        let head = bob_on_b.head(&path).reply().await;
        assert_eq!(head.status, 200);
        assert_eq!(headers_of(&head), headers_of(&from_a), "HEAD tells the same");
        let cached = bob_on_b.get(&path).header("if-none-match", from_a.header("etag")).reply().await;
        assert_eq!(cached.status, 304, "a copy cached from node A is current on node B");
        let cached = bob_on_b.get(&path).header("if-modified-since", from_a.header("last-modified")).reply().await;
        assert_eq!(cached.status, 304);

        // And the other way round, with the outsider's 404 on either node.
        let (_, small) = bob_on_b.send_file("general", "b.png", PNG).await;
        assert_eq!(alice.fetch(&format!("/files/{small}")).await.body.as_ref(), PNG);
        let carol_on_b = node_b.user("carol").await;
        assert_eq!(carol_on_b.fetch(&path).await.status, 404, "outsiders get 404 from either node");
        assert_eq!(node_a.files_in("uploads"), node_b.files_in("uploads"), "one set of files for both nodes");
        assert_eq!(node_a.files_in("uploads").len(), 2);
        for node in [&node_a, &node_b] {
            assert!(!node.data_dir.path().join("uploads").exists(), "nothing is written to a node's disk");
        }
    }
}

on_postgres! {
    async fn an_avatar_set_replaced_and_removed_through_one_node_is_what_another_serves() {
        let (node_a, node_b) = two_nodes().await;
        let alice_on_a = node_a.user("alice").await;
        let alice_on_b = signed_in_on(&node_b, "alice").await;
        let bob_on_b = node_b.user("bob").await;
        let avatar = |name: &str, bytes: &[u8]| Form::new().part("avatar", file_part(name, bytes));

        assert_eq!(alice_on_a.upload_avatar(avatar("me.png", PNG)).await.status, 200);
        let from_a = alice_on_a.fetch("/avatar/alice").await;
        let from_b = bob_on_b.fetch("/avatar/alice").await;
        assert_eq!((from_a.code(), from_b.code()), (200, 200));
        assert_eq!(from_b.body.as_ref(), PNG);
        assert_eq!(headers_of(&from_b), headers_of(&from_a));
        let first = node_a.files_in("avatars");

        assert_eq!(alice_on_b.upload_avatar(avatar("me.jpg", JPEG)).await.status, 200);
        let replaced = alice_on_a.fetch("/avatar/alice").await;
        assert_eq!(replaced.header("content-type"), "image/jpeg");
        assert_eq!(replaced.body.as_ref(), JPEG);
        let second = node_a.files_in("avatars");
        assert_eq!(second.len(), 1, "the replaced avatar is removed");
        assert_ne!(second, first);

        assert_eq!(alice_on_b.delete("/avatar").reply().await.status, 200);
        assert_eq!(alice_on_a.fetch("/avatar/alice").await.status, 404);
        assert!(node_a.files_in("avatars").is_empty());
    }
}

on_postgres! {
    async fn deleting_an_account_through_one_node_removes_its_files_for_every_node() {
        let (node_a, node_b) = two_nodes().await;
        let alice_on_a = node_a.user("alice").await;
        let bob_on_a = node_a.user("bob").await;
        let (_, name) = alice_on_a.send_file("general", "a.png", PNG).await;
        let avatar = Form::new().part("avatar", file_part("me.png", PNG));
        assert_eq!(alice_on_a.upload_avatar(avatar).await.status, 200);
        assert_eq!((node_a.files_in("uploads").len(), node_a.files_in("avatars").len()), (1, 1));

        let alice_on_b = signed_in_on(&node_b, "alice").await;
        let deleted = alice_on_b.delete_account(&json!({"type": "hard", "password": PASSWORD})).await;
        assert_eq!(deleted.status, 200);
        assert!(node_a.files_in("uploads").is_empty(), "the attachment is removed");
        assert!(node_a.files_in("avatars").is_empty(), "the avatar is removed");
        let chunks: i64 = {
            use diesel::prelude::*;
            schema::file_chunks::table.count().get_result(&mut node_a.connect()).unwrap()
        };
        assert_eq!(chunks, 0, "the contents go with the file");
        assert_eq!(bob_on_a.fetch(&format!("/files/{name}")).await.status, 404);
    }
}

on_postgres! {
    async fn a_multi_mib_download_is_read_from_the_database_as_it_is_sent() {
        let (node_a, node_b) = two_nodes().await;
        let alice = node_a.user("alice").await;
        let bob_on_b = node_b.user("bob").await;
        // Larger than what the loopback socket buffers hold, so most of it is still in the
        // database when the client has read the first chunk.
        let data = big_png(24 * 1024 * 1024);
        let (_, name) = alice.send_file("general", "big.png", &data).await;
        let path = format!("/files/{name}");

        let mut response = bob_on_b.get(&path).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.content_length(), Some(data.len() as u64));
        let (mut received, mut pieces) = (Vec::with_capacity(data.len()), 0);
        while let Some(piece) = response.chunk().await.unwrap() {
            received.extend_from_slice(&piece);
            pieces += 1;
        }
        assert!(received == data, "the whole file arrives intact");
        assert!(pieces > 1, "the body arrives in pieces");

        // Removed while a download is under way: the rest is no longer read, and the body ends
        // short of its Content-Length instead of pretending to be complete.
        let mut response = bob_on_b.get(&path).send().await.unwrap();
        let first = response.chunk().await.unwrap().expect("a first piece");
        assert!(!first.is_empty());
        {
            use diesel::prelude::*;
            let files = schema::stored_files::table.filter(schema::stored_files::name.eq(&name));
            assert_eq!(diesel::delete(files).execute(&mut node_a.connect()).unwrap(), 1);
        }
        let mut total = first.len();
        let ended = loop {
            match response.chunk().await {
                Ok(Some(piece)) => total += piece.len(),
                Ok(None) => break Ok(()),
                Err(err) => break Err(err),
            }
        };
        assert!(ended.is_err(), "the body is cut short");
        assert!(total < data.len(), "only what was already sent arrives: {total} of {} bytes", data.len());
    }
}

/// A file of two and a half chunks of the database store, with a filler that differs per byte
/// position, stored by `files`; returns its name and contents.
async fn store_sample(files: &Uploads) -> (String, Vec<u8>) {
    let data: Vec<u8> = (0..CHUNK_SIZE * 5 / 2).map(|i| (i % 251) as u8).collect();
    let name = Uploads::new_name("bin");
    files.save(&name, Bytes::from(data.clone())).await.unwrap();
    (name, data)
}

/// Reads a stored file from `offset` to the end, chunk by chunk.
async fn read_from(files: &Uploads, name: &str, offset: usize) -> Vec<Bytes> {
    let file = files.open(name).await.unwrap().expect("stored");
    file.stream_from(offset as u64).try_collect().await.unwrap()
}

async fn postgres_store() -> (PostgresDb, Store) {
    tokio::task::spawn_blocking(|| {
        let (database, url) = PostgresDb::create();
        (database, Store::open(&url).unwrap())
    })
    .await
    .unwrap()
}

on_postgres! {
    async fn the_database_store_reads_one_chunk_per_poll_from_any_offset() {
        let (_database, store) = postgres_store().await;
        let files = Uploads::in_database(store, Area::Uploads);
        let (name, data) = store_sample(&files).await;
        assert_eq!(files.open(&name).await.unwrap().unwrap().size, data.len() as u64);

        let lengths = |chunks: &[Bytes]| chunks.iter().map(Bytes::len).collect::<Vec<_>>();
        let whole = read_from(&files, &name, 0).await;
        assert_eq!(lengths(&whole), [CHUNK_SIZE, CHUNK_SIZE, CHUNK_SIZE / 2], "one stored chunk per piece");
        assert!(whole.concat() == data);
        let offset = CHUNK_SIZE + 100;
        let tail = read_from(&files, &name, offset).await;
        assert_eq!(lengths(&tail), [CHUNK_SIZE - 100, CHUNK_SIZE / 2], "a read from an offset starts in its chunk");
        assert!(tail.concat() == data[offset..]);
        assert!(read_from(&files, &name, data.len()).await.is_empty(), "nothing is left at the end");
        assert!(read_from(&files, &name, data.len() + 1).await.is_empty(), "nor past it");

        // Chunks are fetched as the stream is polled, not when the file is opened.
        let mut stream = files.open(&name).await.unwrap().unwrap().stream();
        assert_eq!(stream.next().await.unwrap().unwrap().len(), CHUNK_SIZE);
        files.remove(std::slice::from_ref(&name)).await;
        assert!(stream.next().await.unwrap().is_err(), "the next chunk is read after the file is gone");
        assert!(files.open(&name).await.unwrap().is_none());
        assert!(files.open("../minimost.db").await.unwrap().is_none(), "only stored names are looked up");
    }
}

#[tokio::test]
async fn the_data_directory_store_reads_from_any_offset_too() {
    let dir = tempfile::tempdir().unwrap();
    let files = Uploads::on_disk(dir.path().join("uploads")).unwrap();
    let (name, data) = store_sample(&files).await;
    assert_eq!(files.open(&name).await.unwrap().unwrap().size, data.len() as u64);
    for offset in [0, 1, CHUNK_SIZE + 100, data.len() - 1, data.len(), data.len() + 1] {
        let tail = read_from(&files, &name, offset).await;
        assert!(tail.concat() == data[offset.min(data.len())..], "from {offset}");
        assert!(tail.iter().all(|piece| !piece.is_empty() && piece.len() <= CHUNK_SIZE), "bounded pieces");
    }
    files.remove(std::slice::from_ref(&name)).await;
    assert!(files.open(&name).await.unwrap().is_none());
}
