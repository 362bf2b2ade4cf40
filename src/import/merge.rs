//! Merging the original's per-user copies into our one shared model (pure: no I/O).
//!
//! - One message per `(conversation, sender, ts, filename)` however many stores hold a copy (a
//!   self-DM's two copies in one store included); ids are new, global, in `(ts, conversation,
//!   sender)` order, and the rows of one send (text first, then its files) share the send's id.
//! - The copy that speaks for a message is its sender's; every other copy must agree with it, except
//!   that an ex-member's copy of a private-channel message may lag behind its later edits,
//!   deletion or reactions (the original stops updating it).
//! - `reply_to_id` is the replier's local id: it is looked up in the sender's store.
//! - DM ids become canonical (`domain::channel::DmId`); public channels keep their names, private
//!   channels their numbers.
//! - Conversations, memberships, reactions and read state follow from the merged messages
//!   (`conversations`).
use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::{bail, Context};

use super::conversations;
use super::plan::{Plan, PlannedMessage, PlannedUser};
use super::source::{Original, Row, UserStore};
use crate::domain::channel::{ChannelId, DmId};
use crate::domain::mentions::mentions_json;
use crate::domain::search::fold;

/// One message as the stores know it: `(conversation, sender, ts bits, filename)`.
type Key = (String, String, u64, Option<String>);

/// One copy of a message: the store it is in and its row.
struct Copy<'a> {
    store: &'a UserStore,
    row: &'a Row,
}

/// Merges the original into a plan. `now` dates accounts that never received a message.
pub fn plan(original: &Original, now: f64) -> anyhow::Result<Plan> {
    let mut plan = Plan::default();
    let user_ids = plan_users(original, &mut plan, now)?;
    let private_ids: BTreeSet<i64> = original.private_channels.iter().map(|c| c.id).collect();
    let current_members: BTreeSet<(i64, &str)> =
        original.members.iter().map(|m| (m.channel_id, m.username.as_str())).collect();

    // Every copy, grouped by message.
    let mut copies: BTreeMap<Key, Vec<Copy<'_>>> = BTreeMap::new();
    let mut canonical: HashMap<String, ChannelId> = HashMap::new();
    for store in &original.stores {
        for row in &store.rows {
            let channel = match canonical.get(&row.channel) {
                Some(id) => id.clone(),
                None => {
                    let id = conversation(&row.channel, &private_ids)
                        .with_context(|| format!("{}: message {} is in {:?}", store.file, row.id, row.channel))?;
                    canonical.insert(row.channel.clone(), id.clone());
                    id
                }
            };
            let key = (channel.to_string(), row.sender.clone(), row.ts.to_bits(), row.filename.clone());
            copies.entry(key).or_default().push(Copy { store, row });
        }
    }

    // Sends in time order; rows of a send: the text first, then the files as the sender stored them.
    let mut sends: BTreeMap<(u64, String, String), Vec<&Key>> = BTreeMap::new();
    for key in copies.keys() {
        sends.entry((key.2, key.0.clone(), key.1.clone())).or_default().push(key);
    }
    let mut sends: Vec<_> = sends.into_iter().collect();
    sends.sort_by(|a, b| f64::from_bits(a.0 .0).total_cmp(&f64::from_bits(b.0 .0)).then(a.0 .1.cmp(&b.0 .1)));
    let mut new_ids: HashMap<&Key, i64> = HashMap::new();
    let mut next_id = 1;
    for (_, keys) in &mut sends {
        keys.sort_by_key(|key| (key.3.is_some(), authoritative(&copies[*key], &key.1).row.id));
        for key in keys.iter() {
            new_ids.insert(key, next_id);
            next_id += 1;
        }
    }
    // The replier's local ids, per store: `(store owner, local id)` → message.
    let mut by_local_id: HashMap<(&str, i64), &Key> = HashMap::new();
    for (key, list) in &copies {
        for copy in list {
            by_local_id.insert((copy.store.owner.as_str(), copy.row.id), key);
        }
    }

    for (_, keys) in &sends {
        let send_id = new_ids[keys[0]];
        for key in keys {
            let list = &copies[*key];
            plan.notes.copies_merged += list.len() - 1;
            let authority = authoritative(list, &key.1);
            for copy in list {
                let may_lag = match canonical[&copy.row.channel] {
                    ChannelId::Private(id) => !current_members.contains(&(id, copy.store.owner.as_str())),
                    _ => false,
                };
                check_agreement(authority, copy, may_lag)?;
            }
            let row = authority.row;
            let reply_to_id = row.reply_to_id.and_then(|local| {
                let parent = by_local_id.get(&(key.1.as_str(), local)).map(|parent| new_ids[parent]);
                if parent.is_none() {
                    plan.notes.replies_unresolved += 1;
                }
                parent
            });
            if let Some(filename) = &row.filename {
                plan.attachments.insert(filename.clone());
            }
            plan.messages.push(message(key, row, new_ids[*key], send_id, &user_ids, reply_to_id));
        }
    }

    conversations::plan_conversations(original, &mut plan, &canonical, &user_ids)?;
    conversations::plan_reactions(original, &mut plan, &canonical, &user_ids);
    conversations::plan_reads(original, &mut plan, &canonical, &user_ids);
    Ok(plan)
}

/// The conversation a stored channel id names.
fn conversation(raw: &str, private_ids: &BTreeSet<i64>) -> anyhow::Result<ChannelId> {
    if raw.starts_with("dm:") {
        let dm = DmId::parse(raw).map_err(|err| anyhow::anyhow!("not a usable DM id: {err}"))?;
        return Ok(ChannelId::Direct(dm));
    }
    if let Some(number) = raw.strip_prefix("private:") {
        let id: i64 = number.parse().ok().filter(|_| !number.starts_with(['0', '+'])).context("a bad private id")?;
        if !private_ids.contains(&id) {
            bail!("private channel {id} is not in presence.db's private_channels");
        }
        return Ok(ChannelId::Private(id));
    }
    if raw.is_empty() || raw.contains(':') {
        bail!("not a channel name");
    }
    Ok(ChannelId::Public(raw.to_owned()))
}

/// The sender's copy when the sender has one, else the first copy (stores in name order).
fn authoritative<'a, 'b>(list: &'b [Copy<'a>], sender: &str) -> &'b Copy<'a> {
    list.iter().find(|copy| copy.store.owner == sender).unwrap_or(&list[0])
}

/// Refuses two copies of one message that disagree (a store edited by hand, or a restored backup
/// mixed with newer ones). `may_lag`: the copy belongs to an ex-member, whose copy the original
/// stopped updating, so only what never changes must agree.
fn check_agreement(authority: &Copy<'_>, copy: &Copy<'_>, may_lag: bool) -> anyhow::Result<()> {
    let (a, b) = (authority.row, copy.row);
    let mut fields: Vec<(&str, bool)> =
        vec![("content_type", a.content_type == b.content_type), ("reply_to_id", a.reply_to_id == b.reply_to_id)];
    if !may_lag {
        fields.extend([
            ("content", a.content == b.content),
            ("edited", a.edited == b.edited),
            ("edited_ts", bits(a.edited_ts) == bits(b.edited_ts)),
            ("deleted", a.deleted == b.deleted),
            ("deleted_ts", bits(a.deleted_ts) == bits(b.deleted_ts)),
            ("mentions", a.mentions == b.mentions),
            ("reactions_ts", bits(a.reactions_ts) == bits(b.reactions_ts)),
        ]);
    }
    if let Some((field, _)) = fields.iter().find(|(_, same)| !same) {
        bail!(
            "{} (message {}) disagrees with {} (message {}) on `{field}` for {}'s message at {} in {}: \
             the copies of one message must match; nothing was imported",
            copy.store.file,
            b.id,
            authority.store.file,
            a.id,
            a.sender,
            a.ts,
            a.channel
        );
    }
    Ok(())
}

fn bits(value: Option<f64>) -> Option<u64> {
    value.map(f64::to_bits)
}

fn message(
    key: &Key,
    row: &Row,
    id: i64,
    send_id: i64,
    user_ids: &HashMap<String, i64>,
    reply_to_id: Option<i64>,
) -> PlannedMessage {
    let is_notice = row.content_type.as_deref() == Some("system");
    let deleted_ts = (row.deleted.unwrap_or(0) != 0).then(|| row.deleted_ts.unwrap_or(row.ts));
    // The 300-second merge leaves `edited_ts` on rows never edited (`edited = 0`): the API's
    // `edited` flag is ours `edited_ts IS NOT NULL`, so only real edits keep it.
    let edited_ts = row.edited_ts.filter(|_| row.edited.unwrap_or(0) != 0);
    let changed_ts =
        [Some(row.ts), row.edited_ts, deleted_ts, row.reactions_ts].into_iter().flatten().fold(row.ts, f64::max);
    let is_file = row.filename.is_some();
    let content = if is_file { Some(String::new()) } else { row.content.clone() };
    let mentions = if is_file { None } else { row.mentions.as_deref().and_then(normalised_mentions) };
    let searchable = deleted_ts.is_none() && !is_file;
    PlannedMessage {
        id,
        channel: key.0.clone(),
        send_id,
        sender: row.sender.clone(),
        sender_id: if is_notice { None } else { user_ids.get(&row.sender).copied() },
        // The original's channel notices (renames, leaves) are stored read and never count; a notice
        // in a DM (the password-reset one) counts as a message to its reader, as ours does.
        is_system: i32::from(is_notice && !key.0.starts_with("dm:")),
        folded_content: content.as_deref().filter(|text| searchable && !text.is_empty()).map(fold),
        content,
        filename: row.filename.clone(),
        ts: row.ts,
        edited_ts,
        deleted_ts,
        reply_to_id,
        reactions_ts: row.reactions_ts,
        mentions,
        changed_ts,
    }
}

/// The stored mentions in our spelling (the same JSON text as Python's `json.dumps`).
fn normalised_mentions(stored: &str) -> Option<String> {
    let names: Vec<String> = serde_json::from_str(stored).ok()?;
    mentions_json(&names)
}

fn plan_users(original: &Original, plan: &mut Plan, now: f64) -> anyhow::Result<HashMap<String, i64>> {
    let accounts: BTreeSet<&str> = original.accounts.iter().map(|a| a.username.as_str()).collect();
    if let Some(store) = original.stores.iter().find(|store| !accounts.contains(store.owner.as_str())) {
        bail!("{}: a message store of no account in auth.db", store.file);
    }
    let mut ids = HashMap::new();
    for (index, account) in original.accounts.iter().enumerate() {
        crate::domain::werkzeug_hash::WerkzeugScrypt::parse(&account.password_hash)
            .with_context(|| format!("auth.db: the password hash of {:?}", account.username))?;
        // Accounts are dated by the first thing they received (the original keeps no sign-up time):
        // a DM member sees the history of their account from then on.
        let store = original.stores.iter().find(|store| store.owner == account.username);
        let first_row = store.and_then(|store| store.rows.iter().map(|row| row.ts).reduce(f64::min));
        let first_join =
            original.members.iter().filter(|m| m.username == account.username).map(|m| m.joined_ts).reduce(f64::min);
        let created_at = [first_row, first_join].into_iter().flatten().reduce(f64::min).unwrap_or(now);
        let id = i64::try_from(index + 1).context("too many accounts")?;
        ids.insert(account.username.clone(), id);
        plan.users.push(PlannedUser {
            id,
            username: account.username.clone(),
            password_hash: account.password_hash.clone(),
            failed_logins: account.failed_attempts,
            locked_until: account.lockout_until,
            name_color: account.name_color.clone().filter(|color| !color.is_empty()),
            bio: account.bio.clone(),
            avatar_file: account.avatar_file.clone().filter(|file| !file.is_empty()),
            created_at,
        });
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::conversations::just_below;
    use crate::import::source::Account;

    fn account(name: &str) -> Account {
        Account {
            username: name.to_owned(),
            password_hash: format!("scrypt:32768:8:1$salt${}", "ab".repeat(64)),
            failed_attempts: 0,
            lockout_until: None,
            name_color: None,
            avatar_file: None,
            bio: None,
        }
    }

    fn row(id: i64, channel: &str, sender: &str, content: &str, ts: f64, read: bool) -> Row {
        Row {
            id,
            channel: channel.to_owned(),
            sender: sender.to_owned(),
            content: Some(content.to_owned()),
            content_type: Some("text".to_owned()),
            filename: None,
            ts,
            edited: Some(0),
            edited_ts: None,
            read: Some(i64::from(read)),
            deleted: Some(0),
            deleted_ts: None,
            reply_to_id: None,
            reactions_ts: None,
            mentions: None,
        }
    }

    fn store(owner: &str, rows: Vec<Row>) -> UserStore {
        UserStore { owner: owner.to_owned(), file: format!("users/{owner}.db"), rows, hidden: Vec::new() }
    }

    /// alice and bob: a public message (a copy each), a DM stored as `dm:bob:alice` with bob's
    /// reply (to his local id 7), and alice's self-DM stored twice in her store.
    fn original() -> Original {
        // The reply names bob's local id of its parent, copied verbatim into alice's copy.
        let reply = |id| Row { reply_to_id: Some(7), ..row(id, "dm:bob:alice", "bob", "yes", 30.0, false) };
        Original {
            channels: vec!["general".to_owned()],
            accounts: vec![account("alice"), account("bob")],
            stores: vec![
                store(
                    "alice",
                    vec![
                        row(1, "general", "alice", "hi", 10.0, false),
                        row(2, "dm:bob:alice", "alice", "lunch?", 20.0, false),
                        reply(3),
                        row(4, "dm:alice:alice", "alice", "note", 40.0, false),
                        row(5, "dm:alice:alice", "alice", "note", 40.0, false),
                    ],
                ),
                store(
                    "bob",
                    vec![
                        row(6, "general", "alice", "hi", 10.0, true),
                        row(7, "dm:bob:alice", "alice", "lunch?", 20.0, true),
                        reply(8),
                    ],
                ),
            ],
            ..Original::default()
        }
    }

    #[test]
    fn copies_become_one_message_with_canonical_ids_and_resolved_replies() {
        // In alice's store, her local id 7 is nothing: the reply resolves in bob's, the sender's.
        let plan = plan(&original(), 100.0).unwrap();
        let summary: Vec<(i64, &str, &str, Option<i64>)> =
            plan.messages.iter().map(|m| (m.id, m.channel.as_str(), m.sender.as_str(), m.reply_to_id)).collect();
        assert_eq!(
            summary,
            vec![
                (1, "general", "alice", None),
                (2, "dm:alice:bob", "alice", None),
                (3, "dm:alice:bob", "bob", Some(2)),
                (4, "dm:alice:alice", "alice", None),
            ]
        );
        assert_eq!(plan.notes.copies_merged, 4);
        let members: Vec<(&str, i64)> = plan.members.iter().map(|m| (m.channel.as_str(), m.user_id)).collect();
        assert!(members.contains(&("dm:alice:bob", 1)) && members.contains(&("dm:alice:bob", 2)));
        assert!(members.contains(&("dm:alice:alice", 1)));
    }

    #[test]
    fn read_marks_stop_before_the_first_unread_copy_from_someone_else() {
        let plan = plan(&original(), 100.0).unwrap();
        let mark = |user: i64, channel: &str| {
            plan.reads.iter().find(|r| r.user_id == user && r.channel == channel).map(|r| r.read_ts)
        };
        // alice has not read bob's reply (her own messages never count as unread).
        assert_eq!(mark(1, "dm:alice:bob"), Some(just_below(30.0)));
        assert_eq!(mark(1, "general"), Some(10.0));
        // bob read everything he was sent.
        assert_eq!(mark(2, "dm:alice:bob"), Some(30.0));
    }

    #[test]
    fn copies_that_disagree_are_refused_naming_both_stores() {
        let mut source = original();
        source.stores[1].rows[0].content = Some("changed".to_owned());
        let err = plan(&source, 100.0).unwrap_err().to_string();
        assert!(
            err.contains("users/bob.db (message 6) disagrees with users/alice.db (message 1) on `content`"),
            "{err}"
        );
    }

    #[test]
    fn stored_channel_ids_are_checked() {
        let privates = BTreeSet::from([3]);
        assert_eq!(conversation("private:3", &privates).unwrap(), ChannelId::Private(3));
        assert_eq!(conversation("dm:b:a:b", &privates).unwrap().to_string(), "dm:a:b");
        for bad in ["private:4", "private:03", "private:x", "dm:", "a:b", ""] {
            assert!(conversation(bad, &privates).is_err(), "{bad}");
        }
    }
}
