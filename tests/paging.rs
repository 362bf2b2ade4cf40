//! History paging (`GET /messages/{channel}` with `limit`, `before`, `after_id`, `around`) and read
//! receipts by window (`GET /read_receipts/{channel}?from_id=&to_id=`), on both backends: every page
//! is checked against the classic whole history (`after=0`), which is the model.
mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::PNG;
use serde_json::{json, Value};

fn ids(messages: &[Value]) -> Vec<i64> {
    messages.iter().map(|m| m["id"].as_i64().unwrap()).collect()
}

async fn page(user: &common::User, channel: &str, query: &str) -> Vec<Value> {
    let reply = user.fetch(&format!("/messages/{channel}?{query}")).await;
    assert_eq!(reply.status, 200, "{query}: {}", reply.text());
    reply.json()
}

/// A history with what a page must carry like the classic answer: a deleted message (tombstone), an
/// edited one, a reaction, and a send with two attachments (three rows of one send).
async fn varied_history(alice: &common::User, bob: &common::User, channel: &str, texts: usize) {
    for n in 0..texts {
        alice.send(channel, &format!("message {n}")).await;
        if n == 2 {
            let reply = bob.send_files(channel, Some("two pictures"), &[("a.png", PNG), ("b.png", PNG)]).await;
            assert_eq!(reply.status, 200);
        }
    }
    let all = alice.messages(channel).await;
    let (first, second) = (all[0]["id"].as_i64().unwrap(), all[1]["id"].as_i64().unwrap());
    alice.delete_message(first).await;
    alice.edit(second, "edited").await;
    assert_eq!(bob.react(second, "thumbsup").await.status, 200);
}

on_both_backends! {
    async fn walking_back_from_the_newest_page_reaches_every_message_once_as_the_classic_answer_has_it(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        varied_history(&alice, &bob, "general", 9).await;
        let history = bob.messages("general").await;
        assert_eq!(history.len(), 12, "nine texts and a send of three rows");
        for limit in 1..=12 {
            let mut walked: Vec<Value> = Vec::new();
            let mut query = format!("limit={limit}");
            loop {
                let got = page(&bob, "general", &query).await;
                assert!(got.len() <= limit);
                let mut sorted = ids(&got);
                sorted.sort_unstable();
                assert_eq!(ids(&got), sorted, "a page is oldest first");
                let Some(oldest) = got.first().map(|m| m["id"].as_i64().unwrap()) else { break };
                let short = got.len() < limit;
                walked.splice(0..0, got);
                if short {
                    break;
                }
                query = format!("limit={limit}&before={oldest}");
            }
            assert_eq!(walked, history, "limit {limit}: pages back from the newest are the whole history");
        }
    }
}

on_both_backends! {
    async fn every_cursor_gives_the_slice_of_the_history_it_names(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        varied_history(&alice, &bob, "general", 6).await;
        // Another channel's messages interleave the ids, so cursors also name positions between them.
        alice.send("software", "elsewhere").await;
        alice.send("general", "between").await;
        alice.send("software", "elsewhere again").await;
        alice.send("general", "last").await;
        let history = bob.messages("general").await;
        let all_ids = ids(&history);
        let top = *all_ids.last().unwrap() + 2;
        for limit in [1usize, 2, 3, 5, 20] {
            for cursor in 1..=top {
                let older: Vec<Value> = history.iter().filter(|m| m["id"].as_i64().unwrap() < cursor).cloned().collect();
                let expected = older[older.len().saturating_sub(limit)..].to_vec();
                assert_eq!(page(&bob, "general", &format!("before={cursor}&limit={limit}")).await, expected, "before={cursor} limit={limit}");
                let newer: Vec<Value> = history.iter().filter(|m| m["id"].as_i64().unwrap() > cursor).take(limit).cloned().collect();
                assert_eq!(page(&bob, "general", &format!("after_id={cursor}&limit={limit}")).await, newer, "after_id={cursor} limit={limit}");
            }
            let newest = history[history.len().saturating_sub(limit)..].to_vec();
            assert_eq!(page(&bob, "general", &format!("limit={limit}")).await, newest);
        }
    }
}

on_both_backends! {
    async fn the_page_around_a_message_holds_it_with_half_the_page_older_and_the_rest_newer(server: TestServer) {
        let alice = server.user("alice").await;
        for n in 0..10 {
            alice.send("general", &format!("m{n}")).await;
        }
        let history = alice.messages("general").await;
        let all = ids(&history);
        let centre = all[5];
        assert_eq!(ids(&page(&alice, "general", &format!("around={centre}&limit=4")).await), all[3..7]);
        assert_eq!(ids(&page(&alice, "general", &format!("around={centre}&limit=5")).await), all[3..8]);
        assert_eq!(ids(&page(&alice, "general", &format!("around={centre}&limit=1")).await), [centre]);
        // Near an end the other side fills the page.
        assert_eq!(ids(&page(&alice, "general", &format!("around={}&limit=6", all[0])).await), all[0..6]);
        assert_eq!(ids(&page(&alice, "general", &format!("around={}&limit=6", all[9])).await), all[4..10]);
        // A page larger than the conversation is all of it.
        assert_eq!(page(&alice, "general", &format!("around={centre}&limit=50")).await, history);
    }
}

on_both_backends! {
    async fn around_needs_a_message_the_caller_sees_in_this_conversation(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        alice.send("general", "public").await;
        alice.send("dm:alice:bob", "secret").await;
        let (public, _) = alice.last_message("general").await;
        let (secret, _) = alice.last_message("dm:alice:bob").await;
        let not_found = |reply: common::Reply| assert_eq!(reply.status_text(), (404, "not found".to_string()));
        not_found(alice.fetch(&format!("/messages/software?around={public}")).await);
        not_found(alice.fetch(&format!("/messages/nochannel?around={public}")).await);
        not_found(carol.fetch(&format!("/messages/dm:alice:bob?around={secret}")).await);
        not_found(carol.fetch(&format!("/messages/dm:alice:carol?around={secret}")).await);
        not_found(alice.fetch("/messages/general?around=999999").await);
        assert_eq!(ids(&page(&bob, "dm:bob:alice", &format!("around={secret}")).await), [secret]);
        // A deleted message is still a tombstone one can page around (search hits and replies may name it).
        alice.delete_message(public).await;
        assert_eq!(page(&bob, "general", &format!("around={public}")).await[0]["deleted"], 1);
    }
}

on_both_backends! {
    async fn a_conversation_the_caller_cannot_read_pages_to_nothing_and_a_malformed_id_is_not_found(server: TestServer) {
        let alice = server.user("alice").await;
        let _bob = server.user("bob").await;
        let carol = server.user("carol").await;
        alice.send("dm:alice:bob", "secret").await;
        let private = alice.create_private("inner", &["bob"]).await;
        let channel = private["channel"].as_str().unwrap().to_string();
        alice.send(&channel, "members only").await;
        for query in ["limit=5", "before=999999", "after_id=1"] {
            assert!(page(&carol, "dm:alice:bob", query).await.is_empty());
            assert!(page(&carol, &channel, query).await.is_empty());
            assert!(page(&carol, "nochannel", query).await.is_empty());
        }
        assert_eq!(carol.fetch("/messages/private:01?limit=5").await.status_text(), (404, "not found".to_string()));
    }
}

on_both_backends! {
    async fn a_private_channels_pages_never_reach_before_the_callers_last_join(server: TestServer) {
        let alice = server.user("alice").await;
        let carol = server.user("carol").await;
        let private = alice.create_private("inner", &[]).await;
        let (id, channel) = (private["id"].as_i64().unwrap(), private["channel"].as_str().unwrap().to_string());
        for n in 0..5 {
            alice.send(&channel, &format!("before carol {n}")).await;
        }
        let add = alice.post_json(&format!("/private_channels/{id}/add_member"), &json!({"username": "carol"})).await;
        assert_eq!(add.status, 200);
        for n in 0..3 {
            alice.send(&channel, &format!("with carol {n}")).await;
        }
        let seen = carol.messages(&channel).await;
        assert!(!seen.is_empty() && seen.iter().all(|m| !m["content"].as_str().unwrap_or("").starts_with("before")));
        assert_eq!(page(&carol, &channel, "limit=50").await, seen);
        let oldest = seen[0]["id"].as_i64().unwrap();
        assert!(page(&carol, &channel, &format!("before={oldest}")).await.is_empty(), "nothing before the join");
        assert_eq!(page(&carol, &channel, "after_id=1&limit=50").await, seen);
        // Receipts by window stop at the join too: a window from the channel's start is the whole answer.
        carol.send(&channel, "hello from carol").await;
        alice.mark_read(&channel).await;
        let whole = carol.receipts(&channel).await;
        assert!(!whole.is_empty());
        let window: Receipts = carol.get_json(&format!("/read_receipts/{channel}?from_id=1")).await;
        assert_eq!(window, whole);
        let hidden = alice.messages(&channel).await[0]["id"].as_i64().unwrap();
        assert_eq!(carol.fetch(&format!("/messages/{channel}?around={hidden}")).await.status, 404);

        // Leaving and being added again: only what follows the latest join.
        assert_eq!(carol.post_empty(&format!("/private_channels/{id}/leave")).await.status, 200);
        alice.send(&channel, "while carol was away").await;
        let add = alice.post_json(&format!("/private_channels/{id}/add_member"), &json!({"username": "carol"})).await;
        assert_eq!(add.status, 200);
        alice.send(&channel, "back").await;
        let seen = carol.messages(&channel).await;
        assert_eq!(page(&carol, &channel, "limit=50").await, seen);
        assert!(seen.iter().all(|m| m["content"] != "while carol was away" && m["content"] != "with carol 0"));
    }
}

on_both_backends_with_settings! {
    minimost::Settings { history_page_size: 3, max_history_page: 4, ..common::test_settings() },
    async fn a_page_without_limit_has_the_default_size_and_a_larger_limit_is_clamped(server: TestServer) {
        let alice = server.user("alice").await;
        for n in 0..6 {
            alice.send("general", &format!("m{n}")).await;
        }
        let history = alice.messages("general").await;
        assert_eq!(page(&alice, "general", "before=999999").await, history[3..]);
        assert_eq!(page(&alice, "general", "after_id=1").await, history[1..4]);
        for limit in ["5", "200", "99999999999999999999999999"] {
            assert_eq!(page(&alice, "general", &format!("limit={limit}")).await, history[2..], "limit={limit}");
        }
    }
}

on_both_backends! {
    async fn bad_paging_parameters_are_refused_with_a_text_naming_them(server: TestServer) {
        let alice = server.user("alice").await;
        alice.send("general", "hello").await;
        let positive = "expected a whole number greater than 0";
        let id = "expected a message id (a whole number greater than 0)";
        let cases = [
            ("limit=0", format!("invalid limit: {positive}")),
            ("limit=-3", format!("invalid limit: {positive}")),
            ("limit=ten", format!("invalid limit: {positive}")),
            ("limit=", format!("invalid limit: {positive}")),
            ("limit=2.5", format!("invalid limit: {positive}")),
            ("before=abc", format!("invalid before: {id}")),
            ("before=0", format!("invalid before: {id}")),
            ("before=-1", format!("invalid before: {id}")),
            ("after_id=1e3", format!("invalid after_id: {id}")),
            ("after_id= 5", format!("invalid after_id: {id}")),
            ("limit=+5", format!("invalid limit: {positive}")),
            ("around=", format!("invalid around: {id}")),
            ("around=-7&limit=3", format!("invalid around: {id}")),
            ("before=5&after_id=1", "use only one of before, after_id and around".to_string()),
            ("around=1&before=5", "use only one of before, after_id and around".to_string()),
            ("after=0&limit=5", "after cannot be combined with limit, before, after_id or around".to_string()),
            ("after=0&before=5", "after cannot be combined with limit, before, after_id or around".to_string()),
        ];
        for (query, text) in cases {
            let reply = alice.fetch(&format!("/messages/general?{query}")).await;
            assert_eq!(reply.status_text(), (400, text), "{query}");
            assert!(reply.header("content-type").starts_with("text/plain"), "{query}");
        }
        // Bad parameters are refused before access is decided: the same 400 for someone else's DM.
        assert_eq!(alice.fetch("/messages/dm:bob:carol?limit=0").await.status, 400);
        // The classic poll is unchanged, whatever `after` says.
        assert_eq!(alice.poll("general", "garbage").await.len(), 1);
    }
}

on_both_backends! {
    async fn receipts_by_window_are_the_whole_answers_receipts_of_the_windows_sends(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        for n in 0..4 {
            alice.send("general", &format!("a{n}")).await;
        }
        bob.mark_read("general").await;
        let reply = alice.send_files("general", Some("pictures"), &[("a.png", PNG), ("b.png", PNG)]).await;
        assert_eq!(reply.status, 200);
        bob.send("general", "from bob").await;
        carol.mark_read("general").await;
        alice.mark_read("general").await;
        let whole = carol.receipts("general").await;
        let history = carol.messages("general").await;
        assert!(whole.len() >= 5, "{whole:?}");
        for from in 0..history.len() {
            for to in from..history.len() {
                let (from_id, to_id) = (history[from]["id"].as_i64().unwrap(), history[to]["id"].as_i64().unwrap());
                let window: Receipts = carol.get_json(&format!("/read_receipts/general?from_id={from_id}&to_id={to_id}")).await;
                let in_window: BTreeSet<u64> = history[from..=to].iter().map(|m| m["ts"].as_f64().unwrap().to_bits()).collect();
                let expected: Receipts = whole.iter().filter(|(ts, _)| in_window.contains(&key_bits(ts))).map(|(k, v)| (k.clone(), v.clone())).collect();
                assert_eq!(window, expected, "from_id={from_id} to_id={to_id}");
            }
        }
        let first = history[0]["id"].as_i64().unwrap();
        let open_end: Value = carol.get_json(&format!("/read_receipts/general?from_id={first}")).await;
        assert_eq!(open_end, serde_json::to_value(&whole).unwrap());
        let open_start: Value = carol.get_json("/read_receipts/general?to_id=9223372036854775807").await;
        assert_eq!(open_start, serde_json::to_value(&whole).unwrap());
    }
}

type Receipts = BTreeMap<String, Vec<String>>;

/// A receipt key (a `ts` as Python prints it) as the bits of the float it spells.
fn key_bits(key: &str) -> u64 {
    key.parse::<f64>().expect("a receipt key is a number").to_bits()
}

on_both_backends_with_settings! {
    minimost::Settings { max_history_page: 2, history_page_size: 2, ..common::test_settings() },
    async fn a_receipt_window_covers_at_most_max_history_page_sends_the_newest_in_it(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        for n in 0..3 {
            alice.send("general", &format!("a{n}")).await;
        }
        let reply = alice.send_files("general", Some("pictures"), &[("a.png", PNG), ("b.png", PNG)]).await;
        assert_eq!(reply.status, 200);
        bob.mark_read("general").await;
        let history = bob.messages("general").await;
        let whole = bob.receipts("general").await;
        assert_eq!(whole.len(), 4, "four sends read by bob: {whole:?}");
        let window: Receipts = bob.get_json("/read_receipts/general?from_id=1").await;
        let keys: BTreeSet<u64> = window.keys().map(|key| key_bits(key)).collect();
        let newest_two: BTreeSet<u64> = [2, 3].iter().map(|&n| history[n]["ts"].as_f64().unwrap().to_bits()).collect();
        assert_eq!(keys, newest_two, "the newest two sends, the three-row send counted once");
        let older: Receipts = bob.get_json(&format!("/read_receipts/general?to_id={}", history[1]["id"])).await;
        assert_eq!(older.len(), 2, "a window's newest sends: {older:?}");
    }
}

on_both_backends! {
    async fn bad_receipt_windows_are_refused_and_access_is_unchanged(server: TestServer) {
        let alice = server.user("alice").await;
        let _bob = server.user("bob").await;
        let carol = server.user("carol").await;
        alice.send("dm:alice:bob", "secret").await;
        let id = "expected a message id (a whole number greater than 0)";
        for (query, field) in [("from_id=0", "from_id"), ("from_id=x", "from_id"), ("to_id=-4", "to_id"), ("from_id=1&to_id=", "to_id")] {
            let reply = alice.fetch(&format!("/read_receipts/general?{query}")).await;
            assert_eq!(reply.status_text(), (400, format!("invalid {field}: {id}")), "{query}");
        }
        assert_eq!(carol.fetch("/read_receipts/dm:alice:bob?from_id=1").await.status_text(), (403, "forbidden".to_string()));
        let empty: Value = alice.get_json("/read_receipts/general?from_id=5&to_id=2").await;
        assert_eq!(empty, json!({}), "an empty window has no receipts");
    }
}
