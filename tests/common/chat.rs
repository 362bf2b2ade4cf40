//! Store-level set-ups for chat tests that no route offers yet (system notices, private-channel
//! memberships, reaction changes).
use diesel::Connection;
use minimost::store::messages::{self as store_messages, NewSend};
use minimost::store::{channels, users, Store};

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
