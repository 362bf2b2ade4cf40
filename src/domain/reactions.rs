//! Reaction names and the per-message reaction map (§C4).
//!
//! The valid names are the reference's fixed list of 477 (§C4.1), kept verbatim in
//! `valid-reactions.txt` next to this file (a copy of the spec's list; a test keeps them equal). The
//! web client maps each name to an emoji, so any other name would render as nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use super::mentions::push_json_string;

/// The valid reaction names, sorted in byte order (so [`is_valid_reaction`] can binary-search).
/// Dereferences to `&[&str]`.
pub static VALID_REACTIONS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut names: Vec<&'static str> =
        include_str!("valid-reactions.txt").lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    names.sort_unstable();
    names.dedup();
    names
});

/// Exact and case-sensitive (`thumbsup` is valid; `thumbs_up` and `Thumbsup` are not). The handler
/// trims the form field first, as the reference does.
pub fn is_valid_reaction(name: &str) -> bool {
    VALID_REACTIONS.binary_search(&name).is_ok()
}

/// The reactions on one message: name → reactors, both in ascending byte order, which is the order
/// the reference's output shows. A name never maps to an empty set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReactionMap {
    by_name: BTreeMap<String, BTreeSet<String>>,
}

impl ReactionMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `user`'s `name` reaction, or removes it if present. Returns whether it was added.
    pub fn toggle(&mut self, name: &str, user: &str) -> bool {
        match self.by_name.get_mut(name) {
            Some(users) if users.contains(user) => {
                users.remove(user);
                if users.is_empty() {
                    self.by_name.remove(name);
                }
                false
            }
            Some(users) => users.insert(user.to_owned()),
            None => {
                self.by_name.insert(name.to_owned(), BTreeSet::from([user.to_owned()]));
                true
            }
        }
    }

    /// Records a stored reaction (duplicates are harmless).
    pub fn insert(&mut self, name: impl Into<String>, user: impl Into<String>) {
        self.by_name.entry(name.into()).or_default().insert(user.into());
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// Who reacted with `name`, ascending.
    pub fn reactors(&self, name: &str) -> impl Iterator<Item = &str> {
        self.by_name.get(name).into_iter().flatten().map(String::as_str)
    }

    /// `(name, reactors)` pairs, names ascending.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &BTreeSet<String>)> {
        self.by_name.iter().map(|(name, users)| (name.as_str(), users))
    }

    /// The `reactions` field of a message object: JSON text with Python's default separators,
    /// `{"airplane": ["alice"], "heart": ["alice", "bob"]}`, or `None` when there are no reactions.
    pub fn to_message_field(&self) -> Option<String> {
        (!self.is_empty()).then(|| self.to_json(": ", ", "))
    }

    /// The `POST /react` body: compact JSON with sorted keys, `{"airplane":["alice"]}`, `{}` if empty.
    pub fn to_response_json(&self) -> String {
        self.to_json(":", ",")
    }

    fn to_json(&self, colon: &str, comma: &str) -> String {
        let mut out = String::from("{");
        for (i, (name, users)) in self.by_name.iter().enumerate() {
            if i > 0 {
                out.push_str(comma);
            }
            push_json_string(&mut out, name);
            out.push_str(colon);
            out.push('[');
            for (j, user) in users.iter().enumerate() {
                if j > 0 {
                    out.push_str(comma);
                }
                push_json_string(&mut out, user);
            }
            out.push(']');
        }
        out.push('}');
        out
    }
}

impl<N: Into<String>, U: Into<String>> FromIterator<(N, U)> for ReactionMap {
    /// Builds the map from stored `(name, reactor)` rows in any order.
    fn from_iter<I: IntoIterator<Item = (N, U)>>(rows: I) -> Self {
        let mut map = ReactionMap::new();
        for (name, user) in rows {
            map.insert(name, user);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_embedded_list_has_477_names_including_thumbsup_but_not_thumbs_up() {
        assert_eq!(VALID_REACTIONS.len(), 477);
        assert!(is_valid_reaction("thumbsup"));
        assert!(is_valid_reaction("heart") && is_valid_reaction("accordion") && is_valid_reaction("zzz"));
        assert!(!is_valid_reaction("thumbs_up"));
        assert!(!is_valid_reaction("Thumbsup"));
        assert!(!is_valid_reaction(" thumbsup"));
        assert!(!is_valid_reaction(""));
    }

    #[test]
    fn the_embedded_list_equals_the_spec_file_when_it_is_present() {
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/valid-reactions.txt");
        let Ok(text) = std::fs::read_to_string(&spec) else {
            return; // the spec lives outside the repository; nothing to compare in a bare checkout
        };
        let mut from_spec: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        from_spec.sort_unstable();
        assert_eq!(from_spec, *VALID_REACTIONS);
    }

    #[test]
    fn toggling_adds_then_removes_and_drops_empty_names() {
        let mut map = ReactionMap::new();
        assert!(map.toggle("heart", "bob"));
        assert!(map.toggle("heart", "alice"));
        assert!(map.toggle("airplane", "alice"));
        assert_eq!(map.reactors("heart").collect::<Vec<_>>(), ["alice", "bob"]);
        assert!(!map.toggle("airplane", "alice"));
        assert_eq!(map.reactors("airplane").count(), 0);
        assert_eq!(map.iter().map(|(name, _)| name).collect::<Vec<_>>(), ["heart"]);
        assert!(!map.toggle("heart", "alice"));
        assert!(!map.toggle("heart", "bob"));
        assert!(map.is_empty());
    }

    #[test]
    fn the_message_field_uses_python_separators_in_ascending_order() {
        let map: ReactionMap = [("heart", "bob"), ("airplane", "alice"), ("heart", "alice")].into_iter().collect();
        assert_eq!(map.to_message_field().unwrap(), r#"{"airplane": ["alice"], "heart": ["alice", "bob"]}"#);
        assert_eq!(ReactionMap::new().to_message_field(), None);
    }

    #[test]
    fn the_react_response_is_compact_and_sorted() {
        let map: ReactionMap = [("heart", "bob"), ("airplane", "alice"), ("heart", "alice")].into_iter().collect();
        assert_eq!(map.to_response_json(), r#"{"airplane":["alice"],"heart":["alice","bob"]}"#);
        assert_eq!(ReactionMap::new().to_response_json(), "{}");
    }

    #[test]
    fn uppercase_names_sort_before_lowercase() {
        let map: ReactionMap = [("ok", "bob"), ("ok", "Zed")].into_iter().collect();
        assert_eq!(map.to_response_json(), r#"{"ok":["Zed","bob"]}"#);
    }

    proptest! {
        #[test]
        fn toggling_twice_restores_the_map_and_json_matches_serde(
            rows in prop::collection::vec(("[a-c]{1,2}", "[A-Za-z]{1,3}"), 0..8),
            name in "[a-c]{1,2}",
            user in "[A-Za-z]{1,3}",
        ) {
            let before: ReactionMap = rows.into_iter().collect();
            let mut map = before.clone();
            let added = map.toggle(&name, &user);
            prop_assert_eq!(added, !before.reactors(&name).any(|u| u == user));
            prop_assert_eq!(map.toggle(&name, &user), !added);
            prop_assert_eq!(&map, &before);

            let expected = serde_json::to_string(&before.by_name).unwrap();
            prop_assert_eq!(before.to_response_json(), expected);
            if let Some(field) = before.to_message_field() {
                let reparsed: BTreeMap<String, Vec<String>> = serde_json::from_str(&field).unwrap();
                prop_assert_eq!(reparsed.len(), before.iter().count());
            }
        }
    }
}
