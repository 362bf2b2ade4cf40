//! What hangs off the merged messages: conversation rows, private channels and memberships (DM
//! participants with the DMs they closed, private channels' current members), reactions, and the
//! read marks that replace the original's per-copy `read` flags and receipts.
use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::bail;

use super::plan::{
    Plan, PlannedChannel, PlannedMember, PlannedPrivateChannel, PlannedReaction, PlannedRead, KIND_DIRECT,
    KIND_PRIVATE, KIND_PUBLIC,
};
use super::source::Original;
use crate::domain::channel::{ChannelId, DmId};

/// Channel rows, private channels and memberships (DM participants with their closes, private
/// channels' current members).
pub(super) fn plan_conversations(
    original: &Original,
    plan: &mut Plan,
    canonical: &HashMap<String, ChannelId>,
    user_ids: &HashMap<String, i64>,
) -> anyhow::Result<()> {
    let mut channels: BTreeMap<String, PlannedChannel> = BTreeMap::new();
    for message in &plan.messages {
        let kind = match message.channel.split(':').next() {
            Some("dm") => KIND_DIRECT,
            Some("private") if message.channel.contains(':') => KIND_PRIVATE,
            _ => KIND_PUBLIC,
        };
        let entry = channels.entry(message.channel.clone()).or_insert(PlannedChannel {
            id: message.channel.clone(),
            kind,
            clock: 0.0,
            last_message_ts: None,
        });
        entry.clock = entry.clock.max(message.changed_ts);
        entry.last_message_ts = Some(entry.last_message_ts.map_or(message.ts, |ts: f64| ts.max(message.ts)));
    }
    for channel in &original.channels {
        if !plan.public_channels.contains(channel) {
            plan.public_channels.push(channel.clone());
        }
    }
    for channel in channels.values().filter(|c| c.kind == KIND_PUBLIC) {
        if !plan.public_channels.contains(&channel.id) {
            plan.public_channels.push(channel.id.clone());
        }
    }

    for private in &original.private_channels {
        let key = ChannelId::Private(private.id).to_string();
        let channel = channels.entry(key.clone()).or_insert(PlannedChannel {
            id: key.clone(),
            kind: KIND_PRIVATE,
            clock: 0.0,
            last_message_ts: None,
        });
        channel.clock = channel.clock.max(private.created_ts);
        plan.private_channels.push(PlannedPrivateChannel {
            id: private.id,
            name: private.name.clone(),
            creator_id: user_ids.get(&private.created_by).copied(),
            created_at: private.created_ts,
        });
        for member in original.members.iter().filter(|m| m.channel_id == private.id) {
            let Some(&user_id) = user_ids.get(&member.username) else {
                bail!("presence.db: private channel {} has a member {:?} with no account", private.id, member.username);
            };
            let joined_at = member.history_start_ts.unwrap_or(member.joined_ts);
            channel.clock = channel.clock.max(member.joined_ts);
            plan.members.push(PlannedMember { channel: key.clone(), user_id, joined_at, hidden_at: None });
        }
    }

    // DMs: every participant with an account is a member from their account's start.
    let created: HashMap<i64, f64> = plan.users.iter().map(|u| (u.id, u.created_at)).collect();
    let mut hidden: HashMap<(String, i64), f64> = HashMap::new();
    for store in &original.stores {
        for (raw, hidden_ts) in &store.hidden {
            let Ok(dm) = DmId::parse(raw) else { continue };
            let user_id = user_ids[&store.owner];
            let slot = hidden.entry((dm.canonical(), user_id)).or_insert(*hidden_ts);
            *slot = slot.max(*hidden_ts);
        }
    }
    let mut done = BTreeSet::new();
    for id in canonical.values() {
        let ChannelId::Direct(dm) = id else { continue };
        let key = dm.canonical();
        let Some(channel) = channels.get_mut(&key) else { continue };
        // Several stored spellings (`dm:bob:alice`, `dm:alice:bob`) are one conversation.
        if !done.insert(key.clone()) {
            continue;
        }
        for name in dm.participants() {
            let Some(&user_id) = user_ids.get(name) else { continue };
            let hidden_at = hidden.get(&(key.clone(), user_id)).copied();
            if let Some(at) = hidden_at {
                channel.clock = channel.clock.max(at);
            }
            plan.members.push(PlannedMember { channel: key.clone(), user_id, joined_at: created[&user_id], hidden_at });
        }
    }
    plan.channels = channels.into_values().collect();
    Ok(())
}

/// The send each `(conversation, ts)` names (reactions and receipts are keyed that way).
fn sends_by_ts(plan: &Plan) -> HashMap<(&str, u64), i64> {
    let mut sends = HashMap::new();
    for message in &plan.messages {
        sends.entry((message.channel.as_str(), message.ts.to_bits())).or_insert(message.send_id);
    }
    sends
}

pub(super) fn plan_reactions(
    original: &Original,
    plan: &mut Plan,
    canonical: &HashMap<String, ChannelId>,
    user_ids: &HashMap<String, i64>,
) {
    let sends = sends_by_ts(plan);
    let reacted: HashMap<i64, f64> =
        plan.messages.iter().map(|m| (m.send_id, m.reactions_ts.unwrap_or(m.ts))).collect();
    let mut seen = BTreeSet::new();
    let mut reactions = Vec::new();
    let mut dropped = 0;
    for reaction in &original.reactions {
        let channel = canonical.get(&reaction.channel).map(ToString::to_string);
        let send = channel.and_then(|channel| sends.get(&(channel.as_str(), reaction.msg_ts.to_bits())).copied());
        match (send, user_ids.get(&reaction.reactor)) {
            (Some(send_id), Some(&user_id)) if seen.insert((send_id, reaction.emoji.clone(), user_id)) => {
                reactions.push(PlannedReaction {
                    send_id,
                    name: reaction.emoji.clone(),
                    user_id,
                    created_at: reacted[&send_id],
                });
            }
            (Some(_), Some(_)) => {}
            _ => dropped += 1,
        }
    }
    plan.reactions = reactions;
    plan.notes.reactions_dropped = dropped;
}

/// Read state: the per-copy `read` flags and the receipts become one watermark per user and
/// conversation (`domain::reads::ReadMark`): read up to just before the user's first unread copy
/// from someone else, receipted from just before their first receipt. One watermark per user and
/// conversation they hold copies of, and one per public channel with
/// messages for everyone (the original delivered public history to every store).
pub(super) fn plan_reads(
    original: &Original,
    plan: &mut Plan,
    canonical: &HashMap<String, ChannelId>,
    user_ids: &HashMap<String, i64>,
) {
    let last_ts: HashMap<&str, f64> =
        plan.channels.iter().filter_map(|c| c.last_message_ts.map(|ts| (c.id.as_str(), ts))).collect();
    let mut receipts: HashMap<(&str, String), f64> = HashMap::new();
    let mut dropped = 0;
    for receipt in &original.receipts {
        match canonical.get(&receipt.channel) {
            Some(channel) if user_ids.contains_key(&receipt.reader) => {
                let first = receipts.entry((receipt.reader.as_str(), channel.to_string())).or_insert(receipt.msg_ts);
                *first = first.min(receipt.msg_ts);
            }
            _ => dropped += 1,
        }
    }
    plan.notes.receipts_dropped = dropped;
    let mut reads = Vec::new();
    for store in &original.stores {
        let user_id = user_ids[&store.owner];
        // (first unread copy from someone else, newest copy) per conversation.
        let mut seen: BTreeMap<String, (Option<f64>, f64)> = BTreeMap::new();
        for row in &store.rows {
            let channel = canonical[&row.channel].to_string();
            let entry = seen.entry(channel).or_insert((None, row.ts));
            entry.1 = entry.1.max(row.ts);
            if row.read.unwrap_or(0) == 0 && row.sender != store.owner {
                entry.0 = Some(entry.0.map_or(row.ts, |ts: f64| ts.min(row.ts)));
            }
        }
        for channel in plan.public_channels.iter().filter(|c| last_ts.contains_key(c.as_str())) {
            // A public channel the store holds nothing of: nothing in it was delivered, so nothing is
            // unread (as the original shows it).
            seen.entry(channel.clone()).or_insert((None, last_ts[channel.as_str()]));
        }
        for (channel, (first_unread, newest)) in seen {
            let read_ts = first_unread.map_or(newest, just_below);
            let receipts_from = receipts
                .get(&(store.owner.as_str(), channel.clone()))
                .map_or(read_ts, |first| just_below(*first).min(read_ts));
            reads.push(PlannedRead { user_id, channel, read_ts, receipts_from });
        }
    }
    plan.reads = reads;
}

/// The largest float below `x` (for `x > 0`, which every stored time is).
pub(super) fn just_below(x: f64) -> f64 {
    if x > 0.0 {
        f64::from_bits(x.to_bits() - 1)
    } else {
        x
    }
}
