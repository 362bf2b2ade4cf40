//! A client that polls with the largest timestamp it has seen never misses a change, however many
//! people write at once: every change gets its timestamp from the channel's clock inside the
//! transaction that commits it.
mod common;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde_json::Value;

fn latest_change(message: &Value) -> f64 {
    ["ts", "edited_ts", "reactions_ts", "deleted_ts"]
        .iter()
        .filter_map(|key| message[*key].as_f64())
        .fold(f64::NEG_INFINITY, f64::max)
}

on_both_backends! {
    async fn polling_with_the_latest_timestamp_misses_nothing_under_concurrent_senders(server: TestServer) {
        const SENDERS: usize = 4;
        const EACH: usize = 15;
        let server = Arc::new(server);
        let reader = server.user("reader").await;
        let mut writers = Vec::new();
        for n in 0..SENDERS {
            writers.push(server.user(&format!("writer{n}")).await);
        }
        let done = Arc::new(AtomicBool::new(false));

        let poller = {
            let done = done.clone();
            tokio::spawn(async move {
                let mut after = 0.0_f64;
                let mut seen: HashMap<i64, Value> = HashMap::new();
                loop {
                    let finished = done.load(Ordering::SeqCst);
                    let batch = reader.poll("general", format!("{after:?}")).await;
                    for message in batch {
                        after = after.max(latest_change(&message));
                        seen.insert(message["id"].as_i64().unwrap(), message);
                    }
                    if finished {
                        return seen;
                    }
                }
            })
        };

        let mut tasks = Vec::new();
        for (n, writer) in writers.into_iter().enumerate() {
            tasks.push(tokio::spawn(async move {
                for i in 0..EACH {
                    let response = writer.try_send("general", &format!("message {i} from writer{n}")).await;
                    assert_eq!(response.status, 200);
                }
                writer
            }));
        }
        let mut writers = Vec::new();
        for task in tasks {
            writers.push(task.await.unwrap());
        }
        // Edits and deletes racing each other must reach the poller too.
        let all: Vec<Value> = writers[0].get_json("/messages/general").await;
        let mut edits = Vec::new();
        for (n, writer) in writers.iter().enumerate() {
            let mine: Vec<i64> = all
                .iter()
                .filter(|m| m["sender"] == format!("writer{n}"))
                .map(|m| m["id"].as_i64().unwrap())
                .take(3)
                .collect();
            let writer = writer.clone();
            edits.push(tokio::spawn(async move {
                writer.try_edit(mine[0], "edited").await;
                writer.try_delete(mine[1]).await;
                (mine[0], mine[1])
            }));
        }
        let mut expect_edited = HashSet::new();
        let mut expect_deleted = HashSet::new();
        for task in edits {
            let (edited, deleted) = task.await.unwrap();
            expect_edited.insert(edited);
            expect_deleted.insert(deleted);
        }
        done.store(true, Ordering::SeqCst);
        let seen = poller.await.unwrap();

        assert_eq!(seen.len(), SENDERS * EACH, "the poller saw every message");
        for id in &expect_edited {
            assert_eq!(seen[id]["content"], "edited", "the poller saw the edit of {id}");
        }
        for id in &expect_deleted {
            assert_eq!(seen[id]["deleted"], 1, "the poller saw the deletion of {id}");
        }
        // Timestamps are unique and in commit order within the channel.
        let mut stamps: Vec<f64> = seen.values().map(|m| m["ts"].as_f64().unwrap()).collect();
        let count = stamps.len();
        stamps.sort_by(f64::total_cmp);
        stamps.dedup();
        assert_eq!(stamps.len(), count, "every send has its own timestamp");
    }
}
