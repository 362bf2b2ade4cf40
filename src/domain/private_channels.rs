//! Private channel rules (§C9, decision Q6): display names, member lists, and the system notices.
use std::collections::HashSet;

use super::messages::is_python_whitespace;

pub const MAX_NAME_CHARS: usize = 80;

/// Why a channel name was refused; the text is the 400 body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("name required")]
    Missing,
    #[error("channel name must be 80 characters or fewer")]
    TooLong,
}

/// A channel name as given to create or rename: trimmed, 1–80 characters.
pub fn channel_name(raw: Option<&str>) -> Result<String, NameError> {
    let name = raw.unwrap_or("").trim_matches(is_python_whitespace);
    if name.is_empty() {
        return Err(NameError::Missing);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameError::TooLong);
    }
    Ok(name.to_owned())
}

/// The members of a new channel: each entry trimmed, empty ones dropped, the creator added, every
/// name once (first occurrence kept).
pub fn initial_members(creator: &str, listed: &[String]) -> Vec<String> {
    let mut seen: HashSet<&str> = HashSet::with_capacity(listed.len() + 1);
    listed
        .iter()
        .map(|name| name.trim_matches(is_python_whitespace))
        .chain([creator])
        .filter(|name| !name.is_empty() && seen.insert(name))
        .map(str::to_owned)
        .collect()
}

/// The answer to a channel that would get more than `max` members.
pub fn too_many_members(max: u64) -> String {
    format!("too many members (max {max})")
}

/// A name given to add-member: trimmed; `None` when nothing is left (`400 username required`).
pub fn member_to_add(raw: Option<&str>) -> Option<String> {
    let name = raw.unwrap_or("").trim_matches(is_python_whitespace);
    (!name.is_empty()).then(|| name.to_owned())
}

pub fn renamed_notice(user: &str, name: &str) -> String {
    format!("{user} has renamed the channel to \"{name}\"")
}

pub fn added_notice(adder: &str, added: &str) -> String {
    format!("{adder} added {added} to this channel")
}

pub fn left_notice(user: &str) -> String {
    format!("{user} has left the channel")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_limited_to_80_characters() {
        assert_eq!(channel_name(Some("  crew \n")), Ok("crew".into()));
        assert_eq!(channel_name(None), Err(NameError::Missing));
        assert_eq!(channel_name(Some(" \t")), Err(NameError::Missing));
        assert_eq!(channel_name(Some(&"ü".repeat(80))), Ok("ü".repeat(80)));
        assert_eq!(channel_name(Some(&"ü".repeat(81))), Err(NameError::TooLong));
        assert_eq!(NameError::TooLong.to_string(), "channel name must be 80 characters or fewer");
    }

    #[test]
    fn members_are_deduplicated_and_include_the_creator() {
        let listed = ["bob", " carol ", "", "bob", "alice", "  "].map(String::from);
        assert_eq!(initial_members("alice", &listed), ["bob", "carol", "alice"]);
        assert_eq!(initial_members("alice", &[]), ["alice"]);
        assert_eq!(initial_members("alice", &["Alice".into()]), ["Alice", "alice"], "names are case-sensitive");
    }

    #[test]
    fn notices_read_like_the_reference() {
        assert_eq!(renamed_notice("bob", "x \"y\""), "bob has renamed the channel to \"x \"y\"\"");
        assert_eq!(added_notice("alice", "dave"), "alice added dave to this channel");
        assert_eq!(left_notice("carol"), "carol has left the channel");
        assert_eq!(member_to_add(Some("  dave ")), Some("dave".into()));
        assert_eq!(member_to_add(Some(" ")), None);
        assert_eq!(member_to_add(None), None);
    }
}
