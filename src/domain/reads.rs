//! Read state (§C5, §C6): one watermark per user and conversation instead of a flag per message copy.
//!
//! A user's [`ReadMark`] in a conversation says two things: messages with `ts > read_ts` are unread
//! (when they are from someone else, not system notices, not deleted, and visible to the user), and
//! the user's read receipt covers the messages with `receipts_from < ts <= read_ts`. Marking read
//! only ever moves `read_ts` forward, so receipts are permanent, and what was already read before
//! (history from before sign-up, a DM's own messages) never produces a receipt.
use std::collections::BTreeMap;

use super::channel::ChannelId;
use super::timestamps::python_float_repr;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadMark {
    pub read_ts: f64,
    pub receipts_from: f64,
}

impl ReadMark {
    /// Nothing after `ts` read yet, and no receipt.
    pub fn at(ts: f64) -> ReadMark {
        ReadMark { read_ts: ts, receipts_from: ts }
    }

    /// The mark of a user who has never marked `channel` read:
    /// - a public channel: their sign-up time (earlier history arrives read, as the reference's
    ///   seeded copies do, and is never receipted);
    /// - a DM: the beginning of time (every message from the others is unread);
    /// - a private channel: when they (last) joined, `visible_from`.
    pub fn initial(channel: &ChannelId, signed_up_at: f64, visible_from: f64) -> ReadMark {
        match channel {
            ChannelId::Public(_) => ReadMark::at(signed_up_at),
            ChannelId::Direct(_) => ReadMark::at(0.0),
            ChannelId::Private(_) => ReadMark::at(visible_from),
        }
    }

    /// Messages with `ts` strictly above this are unread for a user who sees the conversation from
    /// `visible_from` on (inclusive; `-inf` when they see all of it). One exclusive bound per
    /// conversation is what lets the store count all conversations in one indexed query.
    pub fn unread_after(&self, visible_from: f64) -> f64 {
        self.read_ts.max(just_below(visible_from))
    }

    /// The mark after `mark_read` when the newest message of the conversation has `newest`.
    ///
    /// A mark left from before the user's latest (re)join of a private channel starts over at the
    /// join: what was said while they were away must not gain their receipt. (The receipts of the
    /// earlier membership go with it: one watermark holds one interval.)
    pub fn marked_read(self, visible_from: f64, newest: Option<f64>) -> ReadMark {
        let base = if self.read_ts < visible_from { ReadMark::at(visible_from) } else { self };
        match newest {
            Some(ts) if ts > base.read_ts => ReadMark { read_ts: ts, ..base },
            _ => base,
        }
    }
}

/// The largest float below `x` (`x` itself for `-inf` and NaN), so that `ts >= x` can be written
/// `ts > just_below(x)`.
fn just_below(x: f64) -> f64 {
    if x.is_nan() || x == f64::NEG_INFINITY {
        return x;
    }
    if x == 0.0 {
        return -f64::from_bits(1);
    }
    let bits = x.to_bits();
    f64::from_bits(if x > 0.0 { bits - 1 } else { bits + 1 })
}

/// Whether a DM the user closed at `hidden_at` is listed: only once a message newer than the
/// closing arrived (§C6). Edits, deletions and reactions do not move `last_message_ts`.
pub fn dm_is_listed(last_message_ts: f64, hidden_at: Option<f64>) -> bool {
    hidden_at.is_none_or(|hidden_at| last_message_ts > hidden_at)
}

/// Groups `(message ts, reader)` pairs into the `/read_receipts` object: keys written like a Python
/// float (the web client looks them up by its own string form of `ts`, Q26), readers ascending and
/// listed once however many rows (text and attachments) the send has. Each distinct `ts` is
/// formatted once: there can be many more pairs than keys.
pub fn receipt_map<'a, I>(pairs: I) -> BTreeMap<String, Vec<String>>
where
    I: IntoIterator<Item = (f64, &'a str)>,
{
    // Sorted by `ts` (as bits: only equality matters), each send's pairs are adjacent; then its
    // few readers are sorted and deduplicated. Sorting numbers first and names only within a send
    // is cheaper than ordered sets per send, or one sort that compares names across sends.
    let mut sorted: Vec<(u64, &'a str)> = pairs.into_iter().map(|(ts, reader)| (ts.to_bits(), reader)).collect();
    sorted.sort_unstable_by_key(|(bits, _)| *bits);
    let mut map = BTreeMap::new();
    let mut readers: Vec<&str> = Vec::new();
    for send in sorted.chunk_by(|a, b| a.0 == b.0) {
        readers.clear();
        readers.extend(send.iter().map(|(_, reader)| *reader));
        readers.sort_unstable();
        readers.dedup();
        let names = readers.iter().map(|reader| (*reader).to_owned()).collect();
        map.insert(python_float_repr(f64::from_bits(send[0].0)), names);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channel::DmId;
    use proptest::prelude::*;

    fn public() -> ChannelId {
        ChannelId::Public("general".into())
    }

    #[test]
    fn a_first_mark_depends_on_the_kind_of_conversation() {
        let dm = ChannelId::Direct(DmId::parse("dm:alice:bob").unwrap());
        assert_eq!(ReadMark::initial(&public(), 1000.5, f64::NEG_INFINITY), ReadMark::at(1000.5));
        assert_eq!(ReadMark::initial(&dm, 1000.5, f64::NEG_INFINITY), ReadMark::at(0.0));
        assert_eq!(ReadMark::initial(&ChannelId::Private(3), 1000.5, 2000.25), ReadMark::at(2000.25));
    }

    #[test]
    fn unread_starts_after_the_mark_and_not_before_the_join() {
        let mark = ReadMark::at(100.0);
        assert_eq!(mark.unread_after(f64::NEG_INFINITY), 100.0);
        assert_eq!(mark.unread_after(50.0), 100.0);
        // Joined at 200: a message at exactly 200 is visible, so the bound is just below it.
        let bound = mark.unread_after(200.0);
        assert!(bound < 200.0);
        assert_eq!(f64::from_bits(bound.to_bits() + 1), 200.0);
    }

    #[test]
    fn just_below_is_the_previous_float() {
        assert_eq!(just_below(f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert!(just_below(0.0) < 0.0 && just_below(0.0) > -1e-300);
        assert!(just_below(-1.0) < -1.0);
        assert_eq!(just_below(1.0), 1.0 - f64::EPSILON / 2.0);
        assert!(just_below(f64::NAN).is_nan());
    }

    #[test]
    fn marking_read_moves_forward_only_and_keeps_the_receipt_start() {
        let mark = ReadMark { read_ts: 10.0, receipts_from: 5.0 };
        assert_eq!(mark.marked_read(f64::NEG_INFINITY, Some(20.0)), ReadMark { read_ts: 20.0, receipts_from: 5.0 });
        assert_eq!(mark.marked_read(f64::NEG_INFINITY, Some(8.0)), mark);
        assert_eq!(mark.marked_read(f64::NEG_INFINITY, None), mark);
    }

    #[test]
    fn a_mark_from_before_a_rejoin_starts_over_at_the_join() {
        let stale = ReadMark { read_ts: 10.0, receipts_from: 5.0 };
        assert_eq!(stale.marked_read(30.0, Some(40.0)), ReadMark { read_ts: 40.0, receipts_from: 30.0 });
        assert_eq!(stale.marked_read(30.0, Some(20.0)), ReadMark::at(30.0));
        assert_eq!(stale.marked_read(30.0, None), ReadMark::at(30.0));
    }

    #[test]
    fn a_closed_dm_is_listed_again_only_for_a_newer_message() {
        assert!(dm_is_listed(5.0, None));
        assert!(!dm_is_listed(5.0, Some(5.0)));
        assert!(!dm_is_listed(5.0, Some(6.0)));
        assert!(dm_is_listed(6.5, Some(6.0)));
    }

    #[test]
    fn receipts_are_keyed_like_python_floats_with_sorted_unique_readers() {
        let map = receipt_map([
            (1716000000.0, "bob"),
            (1716000000.0, "alice"),
            (1716000000.0, "bob"),
            (1795618488.941647, "Carol"),
            (1795618488.941647, "alice"),
        ]);
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        assert_eq!(keys, ["1716000000.0", "1795618488.941647"]);
        assert_eq!(map["1716000000.0"], ["alice", "bob"]);
        assert_eq!(map["1795618488.941647"], ["Carol", "alice"]);
        assert!(receipt_map(Vec::new()).is_empty());
    }

    /// `receipt_map`'s rule written the plain way: readers by key, each set in order.
    fn receipt_map_model(pairs: &[(f64, &str)]) -> BTreeMap<String, Vec<String>> {
        let mut by_key: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
        for (ts, reader) in pairs {
            by_key.entry(python_float_repr(*ts)).or_default().insert((*reader).to_string());
        }
        by_key.into_iter().map(|(key, readers)| (key, readers.into_iter().collect())).collect()
    }

    proptest! {
        #[test]
        fn receipts_match_the_plain_rule(
            pairs in proptest::collection::vec((0usize..6, 0usize..5), 0..60),
        ) {
            // 1716000000 + 1/256 is an exact tie between two shortest digit strings.
            const TIMES: [f64; 6] = [1716000000.0, 1716000000.5, 1795618488.941647, 1716000000.0 + 1.0 / 256.0, 0.25, 1e16];
            const NAMES: [&str; 5] = ["alice", "Bob", "bob", "carol", "Zoë"];
            let pairs: Vec<(f64, &str)> = pairs.iter().map(|(ts, name)| (TIMES[*ts], NAMES[*name])).collect();
            prop_assert_eq!(receipt_map(pairs.iter().copied()), receipt_map_model(&pairs));
        }

        #[test]
        fn receipt_keys_parse_back_to_the_timestamp(ts in 1.0e9f64..2.0e9) {
            let map = receipt_map([(ts, "alice")]);
            let key = map.keys().next().unwrap();
            prop_assert!(key.contains('.') || key.contains('e'));
            prop_assert_eq!(key.parse::<f64>().unwrap(), ts);
        }

        #[test]
        fn unread_bound_matches_the_two_conditions(
            read in 0.0f64..1000.0, joined in 0.0f64..1000.0, ts in 0.0f64..1000.0,
        ) {
            let bound = ReadMark::at(read).unread_after(joined);
            prop_assert_eq!(ts > bound, ts > read && ts >= joined);
        }

        #[test]
        fn marking_read_never_goes_backwards(
            read in 0.0f64..1000.0, from in 0.0f64..1000.0, newest in proptest::option::of(0.0f64..1000.0),
        ) {
            let before = ReadMark { read_ts: read, receipts_from: from.min(read) };
            let after = before.marked_read(f64::NEG_INFINITY, newest);
            prop_assert!(after.read_ts >= before.read_ts);
            prop_assert_eq!(after.receipts_from, before.receipts_from);
        }
    }
}
