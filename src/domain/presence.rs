//! Presence and typing rules (§C7, decision Q27, and decisions.md's clarification that `hidden` is a
//! visible state).
//!
//! Times are Unix seconds as floats. The reference stores whole seconds and compares them with
//! `floor(now)`; we keep the exact time and floor both sides where the reference does, so the
//! windows open and close at the same instants.

/// A user is listed by `/online_users` when their last presence write is this recent.
pub const LISTING_WINDOW_SECONDS: i64 = 3600;

/// A state not refreshed for longer than this is reported `offline` (Q27): the app re-posts its state
/// every 30 s, so three missed heartbeats mean the client is gone.
pub const STALE_AFTER_SECONDS: f64 = 90.0;

/// A typing report stays visible while its whole second is at least `floor(now) - 5`.
pub const TYPING_WINDOW_SECONDS: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PresenceState {
    Active,
    Idle,
    Hidden,
    Offline,
}

impl PresenceState {
    /// Exactly the four lowercase names; anything else is ignored by the caller (no error).
    pub fn parse(raw: &str) -> Option<PresenceState> {
        match raw {
            "active" => Some(PresenceState::Active),
            "idle" => Some(PresenceState::Idle),
            "hidden" => Some(PresenceState::Hidden),
            "offline" => Some(PresenceState::Offline),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PresenceState::Active => "active",
            PresenceState::Idle => "idle",
            PresenceState::Hidden => "hidden",
            PresenceState::Offline => "offline",
        }
    }
}

fn whole_seconds(t: f64) -> i64 {
    t.floor() as i64
}

/// Whether a presence last written at `last_seen` is listed at `now`.
pub fn is_listed(last_seen: f64, now: f64) -> bool {
    whole_seconds(last_seen) >= whole_seconds(now) - LISTING_WINDOW_SECONDS
}

/// The oldest `last_seen` that is still listed at `now` (for stores that filter by a bound).
pub fn listing_cutoff(now: f64) -> f64 {
    (whole_seconds(now) - LISTING_WINDOW_SECONDS) as f64
}

/// The state everyone is shown for a listed user. A stale state reads `offline` (Q27, our only
/// deviation); every other state, `hidden` included, reads as it was set: the contract shows a user
/// whose tab is in the background as `hidden` to everyone (the original's app draws it like `idle`).
pub fn reported_state(state: PresenceState, last_seen: f64, now: f64) -> PresenceState {
    if now - last_seen > STALE_AFTER_SECONDS {
        return PresenceState::Offline;
    }
    state
}

/// What everyone else sees at `now` of a user whose last write (if any is kept) was `last`: someone
/// not listed counts as offline. A live update is due when this changes.
pub fn seen_by_others(last: Option<(PresenceState, f64)>, now: f64) -> PresenceState {
    match last {
        Some((state, last_seen)) if is_listed(last_seen, now) => reported_state(state, last_seen, now),
        _ => PresenceState::Offline,
    }
}

/// The oldest typing report time still shown at `now`.
pub fn typing_cutoff(now: f64) -> f64 {
    (whole_seconds(now) - TYPING_WINDOW_SECONDS) as f64
}

/// Whether a typing report made at `typed_at` is still shown at `now`.
pub fn typing_visible(typed_at: f64, now: f64) -> bool {
    whole_seconds(typed_at) >= whole_seconds(now) - TYPING_WINDOW_SECONDS
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_the_four_lowercase_states_parse() {
        for state in [PresenceState::Active, PresenceState::Idle, PresenceState::Hidden, PresenceState::Offline] {
            assert_eq!(PresenceState::parse(state.as_str()), Some(state));
        }
        for raw in ["Active", "ACTIVE", " active", "away", "", "busy"] {
            assert_eq!(PresenceState::parse(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn the_listing_window_is_an_hour_of_whole_seconds() {
        let now = 10_000.7;
        assert!(is_listed(now, now));
        assert!(is_listed(6400.0, now), "exactly floor(now) - 3600");
        assert!(is_listed(6400.99, now));
        assert!(!is_listed(6399.99, now));
        assert_eq!(listing_cutoff(now), 6400.0);
    }

    #[test]
    fn states_older_than_90_seconds_read_offline() {
        let now = 1000.0;
        assert_eq!(reported_state(PresenceState::Active, 910.0, now), PresenceState::Active);
        assert_eq!(reported_state(PresenceState::Active, 909.9, now), PresenceState::Offline);
        assert_eq!(reported_state(PresenceState::Idle, 909.9, now), PresenceState::Offline);
        assert_eq!(reported_state(PresenceState::Hidden, 909.9, now), PresenceState::Offline);
    }

    #[test]
    fn a_fresh_hidden_state_reads_hidden_to_everyone() {
        assert_eq!(reported_state(PresenceState::Hidden, 999.0, 1000.0), PresenceState::Hidden);
        assert_eq!(reported_state(PresenceState::Idle, 999.0, 1000.0), PresenceState::Idle);
    }

    #[test]
    fn others_see_offline_for_unlisted_and_stale_users_and_hidden_as_hidden() {
        let now = 10_000.0;
        assert_eq!(seen_by_others(None, now), PresenceState::Offline);
        assert_eq!(seen_by_others(Some((PresenceState::Active, now - 5000.0)), now), PresenceState::Offline);
        assert_eq!(seen_by_others(Some((PresenceState::Active, now - 100.0)), now), PresenceState::Offline);
        assert_eq!(seen_by_others(Some((PresenceState::Hidden, now)), now), PresenceState::Hidden);
        assert_eq!(seen_by_others(Some((PresenceState::Idle, now - 10.0)), now), PresenceState::Idle);
    }

    #[test]
    fn typing_shows_for_five_to_six_seconds() {
        assert!(typing_visible(100.9, 105.99));
        assert!(typing_visible(100.0, 105.5));
        assert!(!typing_visible(100.9, 106.0));
        assert_eq!(typing_cutoff(105.99), 100.0);
    }

    proptest! {
        #[test]
        fn a_state_written_now_is_listed_and_reported_as_is(now in 1.0e9f64..2.0e9, s in 0usize..4) {
            let state = [PresenceState::Active, PresenceState::Idle, PresenceState::Hidden, PresenceState::Offline][s];
            prop_assert!(is_listed(now, now));
            prop_assert_eq!(reported_state(state, now, now), state);
            prop_assert!(typing_visible(now, now));
        }
    }
}
