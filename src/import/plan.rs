//! The import's plan: everything written into the target, ids assigned (made by `merge` and
//! `conversations`, written by `write`, its files copied by `files`).
use std::collections::BTreeSet;

/// `channels.kind` values (as `store::channels` numbers them).
pub const KIND_PUBLIC: i32 = 0;
pub const KIND_DIRECT: i32 = 1;
pub const KIND_PRIVATE: i32 = 2;

/// What is written into the target, ids assigned.
#[derive(Debug, Default)]
pub struct Plan {
    pub users: Vec<PlannedUser>,
    pub private_channels: Vec<PlannedPrivateChannel>,
    pub channels: Vec<PlannedChannel>,
    pub members: Vec<PlannedMember>,
    pub messages: Vec<PlannedMessage>,
    pub reactions: Vec<PlannedReaction>,
    pub reads: Vec<PlannedRead>,
    /// Public channels with messages or listed in the original's settings, in its order.
    pub public_channels: Vec<String>,
    /// Stored attachment names the messages refer to (the original's names), sorted.
    pub attachments: BTreeSet<String>,
    pub notes: Notes,
}

/// What the importer left out, for the summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Notes {
    /// Copies that were the same message as another copy (per-user duplicates).
    pub copies_merged: usize,
    /// Replies whose parent is not in the sender's store (the reply shows no parent).
    pub replies_unresolved: usize,
    /// Reactions or receipts on messages or by users that no longer exist.
    pub reactions_dropped: usize,
    pub receipts_dropped: usize,
}

#[derive(Debug, Clone)]
pub struct PlannedUser {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub failed_logins: i64,
    pub locked_until: Option<f64>,
    pub name_color: Option<String>,
    pub bio: Option<String>,
    /// The original's avatar file name (renamed when copied).
    pub avatar_file: Option<String>,
    pub created_at: f64,
}

#[derive(Debug, Clone)]
pub struct PlannedPrivateChannel {
    pub id: i64,
    pub name: String,
    pub creator_id: Option<i64>,
    pub created_at: f64,
}

#[derive(Debug, Clone)]
pub struct PlannedChannel {
    pub id: String,
    pub kind: i32,
    pub clock: f64,
    pub last_message_ts: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct PlannedMember {
    pub channel: String,
    pub user_id: i64,
    pub joined_at: f64,
    pub hidden_at: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedMessage {
    pub id: i64,
    pub channel: String,
    pub send_id: i64,
    pub sender: String,
    pub sender_id: Option<i64>,
    pub is_system: i32,
    pub content: Option<String>,
    pub filename: Option<String>,
    pub ts: f64,
    pub edited_ts: Option<f64>,
    pub deleted_ts: Option<f64>,
    pub reply_to_id: Option<i64>,
    pub reactions_ts: Option<f64>,
    pub mentions: Option<String>,
    pub changed_ts: f64,
    pub folded_content: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PlannedReaction {
    pub send_id: i64,
    pub name: String,
    pub user_id: i64,
    pub created_at: f64,
}

#[derive(Debug, Clone)]
pub struct PlannedRead {
    pub user_id: i64,
    pub channel: String,
    pub read_ts: f64,
    pub receipts_from: f64,
}
