//! Account lockout after repeated failed logins, with the reference's exact rules (Q19: kept).

/// `max_attempts <= 0` turns the whole mechanism off.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LockoutPolicy {
    pub max_attempts: i64,
    pub duration_minutes: f64,
}

impl LockoutPolicy {
    pub fn enabled(&self) -> bool {
        self.max_attempts > 0
    }

    pub fn duration_seconds(&self) -> f64 {
        self.duration_minutes * 60.0
    }
}

/// What a lock means for a login attempt made at `now`, before the password is looked at.
/// `Some(minutes)` = refuse without checking the password, telling the user to wait that long.
pub fn active_lock_minutes(policy: &LockoutPolicy, locked_until: Option<f64>, now: f64) -> Option<u64> {
    if !policy.enabled() {
        return None;
    }
    let until = locked_until?;
    let seconds_left = until - now;
    (seconds_left > 0.0).then(|| (seconds_left / 60.0).floor() as u64 + 1)
}

/// A lock, set when the `max_attempts`-th consecutive failure is counted (the count itself is kept
/// by the store, atomically with each check: `store::users::reserve_password_check`), starting now: when it ends, and the minutes the lockout message names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lock {
    pub until: f64,
    pub minutes: u64,
}

pub fn lock_from(policy: &LockoutPolicy, now: f64) -> Lock {
    Lock { until: now + policy.duration_seconds(), minutes: (policy.duration_minutes.floor() as u64).max(1) }
}

/// The text shown on the login page for a locked account.
pub fn lockout_message(minutes: u64) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Account locked due to too many failed login attempts. Try again in {minutes} {unit}.")
}

pub const INVALID_CREDENTIALS: &str = "Invalid credentials";

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: LockoutPolicy = LockoutPolicy { max_attempts: 5, duration_minutes: 15.0 };

    #[test]
    fn a_lock_lasts_the_configured_minutes() {
        assert_eq!(lock_from(&POLICY, 100.0), Lock { until: 100.0 + 900.0, minutes: 15 });
    }

    #[test]
    fn remaining_minutes_round_up_and_never_reach_zero() {
        // floor(seconds left / 60) + 1, as the reference computes it: 900 s left reads "16 minutes".
        assert_eq!(active_lock_minutes(&POLICY, Some(1000.0), 100.0), Some(16));
        assert_eq!(active_lock_minutes(&POLICY, Some(1000.0), 160.0), Some(15));
        assert_eq!(active_lock_minutes(&POLICY, Some(1000.0), 999.5), Some(1));
        assert_eq!(active_lock_minutes(&POLICY, Some(1000.0), 1000.0), None);
        assert_eq!(active_lock_minutes(&POLICY, None, 0.0), None);
    }

    #[test]
    fn a_disabled_policy_ignores_stored_locks() {
        let off = LockoutPolicy { max_attempts: 0, duration_minutes: 15.0 };
        assert_eq!(active_lock_minutes(&off, Some(1e12), 0.0), None);
    }

    #[test]
    fn short_durations_still_say_one_minute() {
        let short = LockoutPolicy { max_attempts: 1, duration_minutes: 0.25 };
        assert_eq!(lock_from(&short, 0.0), Lock { until: 15.0, minutes: 1 });
        assert_eq!(lockout_message(1), "Account locked due to too many failed login attempts. Try again in 1 minute.");
        assert_eq!(
            lockout_message(15),
            "Account locked due to too many failed login attempts. Try again in 15 minutes."
        );
    }
}
