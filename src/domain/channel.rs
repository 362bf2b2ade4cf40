//! Channel identifiers, parsed once at the edge into a canonical form (parse, don't validate).
//!
//! The reference uses channel strings verbatim, so `dm:bob:alice` and `dm:alice:bob` are two
//! conversations and `private:01` is a second stream of channel 1 (quirks Q8, Q9). We fix both:
//! a [`ChannelId`] only exists in canonical form, and its [`Display`](fmt::Display) is the one string
//! that is stored, compared and returned.
//!
//! Error mapping for handlers (see [`ChannelIdError::kind`]):
//! * [`ChannelIdErrorKind::Malformed`] → `404 not found` — a `private:` id that is not canonical
//!   (decision Q9: aliases such as `private:01` must not reach a channel at all);
//! * [`ChannelIdErrorKind::NotAllowed`] → `403 forbidden` — what the reference's write-permission
//!   check (§C2.4) refuses: a DM id with fewer than two names, an empty segment or a name that is not a
//!   username, and any other string that is not a configured public channel.
//!
//! Parsing says nothing about access: whether the caller is a DM participant or a private-channel
//! member, and whether the channel or the DM's users exist, is decided by the handler.

use std::fmt;

use super::credentials::is_valid_username;

const DM_PREFIX: &str = "dm:";
const PRIVATE_PREFIX: &str = "private:";

/// A channel, in canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ChannelId {
    /// One of the configured public channels, spelled exactly as configured.
    Public(String),
    /// A direct-message conversation (two or more names, or a self-DM).
    Direct(DmId),
    /// A private channel by its numeric id (always ≥ 1).
    Private(i64),
}

/// Why a channel string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChannelIdError {
    /// `private:` followed by anything but a canonical positive integer (`private:01`, `private:+3`,
    /// `private:3:x`, `private:abc`, `private:`, `private:0`).
    #[error("private channel id is not canonical")]
    PrivateNotCanonical,
    /// A canonical private id too large to be any channel's id (ids are `i64`).
    #[error("private channel id out of range")]
    PrivateOutOfRange,
    /// `dm:` with fewer than two names (`dm:`, `dm:alice`).
    #[error("a DM id needs at least two names")]
    DmTooFewNames,
    /// `dm:alice::bob`, `dm:alice:bob:`.
    #[error("a DM id has an empty name")]
    DmEmptyName,
    /// A DM name that does not match `[A-Za-z0-9_-]{1,32}`.
    #[error("a DM id names something that is not a username")]
    DmInvalidName,
    /// [`DmId::parse`] of a string without the `dm:` prefix.
    #[error("not a DM id")]
    NotADmId,
    /// Neither `dm:`/`private:` nor a configured public channel (compared case-sensitively).
    #[error("not a configured public channel")]
    NotAPublicChannel,
}

/// The two answers a handler gives for a refused channel string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelIdErrorKind {
    /// Answer `404 not found`.
    Malformed,
    /// Answer `403 forbidden`.
    NotAllowed,
}

impl ChannelIdError {
    pub fn kind(&self) -> ChannelIdErrorKind {
        match self {
            ChannelIdError::PrivateNotCanonical => ChannelIdErrorKind::Malformed,
            // Well-formed, but no channel can have that id: like an unknown id, refused with 403
            // (decision Q9 clarification).
            ChannelIdError::PrivateOutOfRange
            | ChannelIdError::DmTooFewNames
            | ChannelIdError::DmEmptyName
            | ChannelIdError::DmInvalidName
            | ChannelIdError::NotADmId
            | ChannelIdError::NotAPublicChannel => ChannelIdErrorKind::NotAllowed,
        }
    }
}

impl ChannelId {
    /// Parses a `{channel}` path segment (already percent-decoded). The prefix decides the kind,
    /// as in the reference: `dm:…` is always a DM id and `private:…` always a private id, even if a
    /// public channel of that name were configured.
    pub fn parse(raw: &str, public_channels: &[String]) -> Result<ChannelId, ChannelIdError> {
        if raw.starts_with(DM_PREFIX) {
            return DmId::parse(raw).map(ChannelId::Direct);
        }
        if let Some(number) = raw.strip_prefix(PRIVATE_PREFIX) {
            return parse_private_number(number).map(ChannelId::Private);
        }
        if public_channels.iter().any(|name| name == raw) {
            Ok(ChannelId::Public(raw.to_owned()))
        } else {
            Err(ChannelIdError::NotAPublicChannel)
        }
    }
}

impl fmt::Display for ChannelId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChannelId::Public(name) => f.write_str(name),
            ChannelId::Direct(dm) => dm.fmt(f),
            ChannelId::Private(id) => write!(f, "{PRIVATE_PREFIX}{id}"),
        }
    }
}

/// Parses the `{channel_id}` of `/private_channels/{channel_id}/…`, which takes both `3` and
/// `private:3` (decisions: the reference takes the number, its docs the prefixed form). The number
/// follows the same canonical rules as [`ChannelId::parse`].
pub fn parse_private_channel_path(raw: &str) -> Result<i64, ChannelIdError> {
    parse_private_number(raw.strip_prefix(PRIVATE_PREFIX).unwrap_or(raw))
}

/// Only the form `i64::to_string` would produce for a positive id is accepted, so every channel has
/// exactly one spelling.
fn parse_private_number(digits: &str) -> Result<i64, ChannelIdError> {
    let canonical_shape = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0');
    if !canonical_shape {
        return Err(ChannelIdError::PrivateNotCanonical);
    }
    digits.parse::<i64>().map_err(|_| ChannelIdError::PrivateOutOfRange)
}

/// A DM conversation: its distinct participants in byte order (decision Q8).
///
/// A self-DM has a single participant but is written `dm:me:me`, because a DM id always names at
/// least two people and the reference's UI builds the self-DM that way.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DmId {
    participants: Vec<String>,
}

impl DmId {
    /// Parses `dm:<name>:<name>[:<name>…]` in any order and with repeats.
    pub fn parse(raw: &str) -> Result<DmId, ChannelIdError> {
        let names = raw.strip_prefix(DM_PREFIX).ok_or(ChannelIdError::NotADmId)?;
        if names.is_empty() {
            return Err(ChannelIdError::DmTooFewNames);
        }
        DmId::from_names(names.split(':'))
    }

    /// Builds the DM among `names` (e.g. the caller plus the names typed in a "new DM" dialog).
    /// Same rules as [`DmId::parse`]: at least two names, counting repeats, all of them usernames.
    pub fn from_names<I, S>(names: I) -> Result<DmId, ChannelIdError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut participants = Vec::new();
        let mut given = 0usize;
        for name in names {
            let name = name.as_ref();
            if name.is_empty() {
                return Err(ChannelIdError::DmEmptyName);
            }
            if !is_valid_username(name) {
                return Err(ChannelIdError::DmInvalidName);
            }
            given += 1;
            participants.push(name.to_owned());
        }
        if given < 2 {
            return Err(ChannelIdError::DmTooFewNames);
        }
        participants.sort_unstable();
        participants.dedup();
        Ok(DmId { participants })
    }

    /// The distinct participants, sorted in byte order (`Bob` before `alice`).
    pub fn participants(&self) -> &[String] {
        &self.participants
    }

    /// The stored and returned form, e.g. `dm:alice:bob`, or `dm:me:me` for a self-DM.
    pub fn canonical(&self) -> String {
        self.to_string()
    }

    /// The participants other than `me` (empty for a self-DM): the `users` of a `/dms` entry.
    pub fn others(&self, me: &str) -> Vec<&str> {
        self.participants.iter().map(String::as_str).filter(|name| *name != me).collect()
    }

    /// Case-sensitive, like every username comparison except login and mentions (§C1.5).
    pub fn includes(&self, name: &str) -> bool {
        self.participants.iter().any(|p| p == name)
    }

    pub fn is_self_dm(&self) -> bool {
        self.participants.len() == 1
    }
}

impl fmt::Display for DmId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(DM_PREFIX)?;
        f.write_str(&self.participants.join(":"))?;
        if let [only] = self.participants.as_slice() {
            write!(f, ":{only}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn publics() -> Vec<String> {
        ["general", "off-topic"].map(String::from).to_vec()
    }

    fn parse(raw: &str) -> Result<ChannelId, ChannelIdError> {
        ChannelId::parse(raw, &publics())
    }

    fn kind(raw: &str) -> ChannelIdErrorKind {
        parse(raw).unwrap_err().kind()
    }

    #[test]
    fn configured_public_channels_parse_exactly_and_case_sensitively() {
        assert_eq!(parse("general").unwrap(), ChannelId::Public("general".into()));
        assert_eq!(parse("off-topic").unwrap().to_string(), "off-topic");
        for raw in ["General", "general ", "random", "", "dm", "private", "DM:alice:bob"] {
            assert_eq!(parse(raw), Err(ChannelIdError::NotAPublicChannel), "{raw:?}");
            assert_eq!(kind(raw), ChannelIdErrorKind::NotAllowed);
        }
    }

    #[test]
    fn dm_ids_are_canonicalised_whatever_the_order() {
        let dm = parse("dm:bob:alice").unwrap();
        assert_eq!(dm.to_string(), "dm:alice:bob");
        assert_eq!(dm, parse("dm:alice:bob").unwrap());
        assert_eq!(parse("dm:carol:alice:bob:alice").unwrap().to_string(), "dm:alice:bob:carol");
    }

    #[test]
    fn dm_participants_sort_in_byte_order_and_keep_case() {
        let dm = DmId::parse("dm:alice:Bob:bob").unwrap();
        assert_eq!(dm.participants(), ["Bob", "alice", "bob"]);
        assert!(dm.includes("Bob") && dm.includes("bob"));
        assert!(!dm.includes("ALICE"));
        assert_eq!(dm.others("alice"), ["Bob", "bob"]);
    }

    #[test]
    fn a_self_dm_keeps_its_single_name_twice() {
        for raw in ["dm:me:me", "dm:me:me:me"] {
            let dm = DmId::parse(raw).unwrap();
            assert!(dm.is_self_dm());
            assert_eq!(dm.participants(), ["me"]);
            assert_eq!(dm.canonical(), "dm:me:me");
            assert!(dm.others("me").is_empty());
            assert_eq!(dm.others("you"), ["me"]);
        }
    }

    #[test]
    fn dm_ids_with_too_few_or_bad_names_are_not_allowed() {
        assert_eq!(parse("dm:alice"), Err(ChannelIdError::DmTooFewNames));
        assert_eq!(parse("dm:"), Err(ChannelIdError::DmTooFewNames));
        assert_eq!(parse("dm:alice::bob"), Err(ChannelIdError::DmEmptyName));
        assert_eq!(parse("dm:alice:bob:"), Err(ChannelIdError::DmEmptyName));
        assert_eq!(parse("dm::alice"), Err(ChannelIdError::DmEmptyName));
        assert_eq!(parse("dm:alice:bo b"), Err(ChannelIdError::DmInvalidName));
        assert_eq!(parse("dm:alice:Deleted User"), Err(ChannelIdError::DmInvalidName));
        let too_long = format!("dm:alice:{}", "b".repeat(33));
        assert_eq!(parse(&too_long), Err(ChannelIdError::DmInvalidName));
        for raw in ["dm:alice", "dm:", "dm:a::b", "dm:a:é"] {
            assert_eq!(kind(raw), ChannelIdErrorKind::NotAllowed, "{raw:?}");
        }
    }

    #[test]
    fn dm_ids_can_be_built_from_names() {
        let dm = DmId::from_names(["system", "alice"]).unwrap();
        assert_eq!(dm.canonical(), "dm:alice:system");
        assert_eq!(DmId::from_names(["alice"]), Err(ChannelIdError::DmTooFewNames));
        assert_eq!(DmId::from_names(Vec::<String>::new()), Err(ChannelIdError::DmTooFewNames));
        assert_eq!(DmId::parse("general"), Err(ChannelIdError::NotADmId));
    }

    #[test]
    fn canonical_private_ids_parse() {
        assert_eq!(parse("private:3").unwrap(), ChannelId::Private(3));
        assert_eq!(parse("private:3").unwrap().to_string(), "private:3");
        let max = format!("private:{}", i64::MAX);
        assert_eq!(parse(&max).unwrap(), ChannelId::Private(i64::MAX));
    }

    #[test]
    fn private_id_aliases_are_malformed() {
        for raw in [
            "private:01",
            "private:3:x",
            "private:+3",
            "private:-3",
            "private:abc",
            "private:",
            "private:0",
            "private: 3",
            "private:3 ",
            "private:３",
        ] {
            assert_eq!(parse(raw), Err(ChannelIdError::PrivateNotCanonical), "{raw:?}");
            assert_eq!(kind(raw), ChannelIdErrorKind::Malformed);
        }
    }

    #[test]
    fn a_private_id_beyond_i64_is_well_formed_but_not_allowed() {
        assert_eq!(parse("private:9223372036854775808"), Err(ChannelIdError::PrivateOutOfRange));
        assert_eq!(kind("private:99999999999999999999"), ChannelIdErrorKind::NotAllowed);
    }

    #[test]
    fn the_private_channel_path_takes_the_number_with_or_without_prefix() {
        assert_eq!(parse_private_channel_path("3"), Ok(3));
        assert_eq!(parse_private_channel_path("private:3"), Ok(3));
        for raw in ["03", "private:03", "+3", "-1", "", "private:", "3:x", "abc", "private:private:3"] {
            assert_eq!(parse_private_channel_path(raw), Err(ChannelIdError::PrivateNotCanonical), "{raw:?}");
        }
    }

    fn username() -> impl Strategy<Value = String> {
        "[A-Za-z0-9_-]{1,6}"
    }

    proptest! {
        #[test]
        fn dm_canonical_form_is_a_fixed_point_and_order_independent(
            mut names in prop::collection::vec(username(), 2..6),
        ) {
            let dm = DmId::from_names(&names).unwrap();
            let reparsed = DmId::parse(&dm.canonical()).unwrap();
            prop_assert_eq!(&reparsed, &dm);
            prop_assert_eq!(reparsed.canonical(), dm.canonical());
            names.reverse();
            prop_assert_eq!(DmId::from_names(&names).unwrap(), dm.clone());
            let participants = dm.participants();
            prop_assert!(participants.windows(2).all(|w| w[0] < w[1]));
            for name in &names {
                prop_assert!(dm.includes(name));
                prop_assert!(!dm.others(name).contains(&name.as_str()));
            }
        }

        #[test]
        fn private_ids_round_trip_through_display(id in 1i64..=i64::MAX) {
            let parsed = parse(&format!("private:{id}")).unwrap();
            prop_assert_eq!(parsed.clone(), ChannelId::Private(id));
            prop_assert_eq!(parse(&parsed.to_string()).unwrap(), parsed);
            prop_assert_eq!(parse_private_channel_path(&id.to_string()), Ok(id));
            let leading_zero = format!("private:0{id}");
            prop_assert_eq!(parse(&leading_zero), Err(ChannelIdError::PrivateNotCanonical));
        }

        #[test]
        fn anything_that_parses_is_canonical(raw in "(dm:|private:)?[a-z0-9:+_-]{0,12}") {
            if let Ok(id) = parse(&raw) {
                let canonical = id.to_string();
                prop_assert_eq!(parse(&canonical).unwrap().to_string(), canonical);
            }
        }
    }
}
