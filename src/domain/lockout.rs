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

/// The outcome of one more wrong password, given the failure count after counting it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FailureOutcome {
    /// Show "Invalid credentials".
    Invalid,
    /// Lock the account until the given time (and reset the count); show the lockout message.
    Lock { until: f64, minutes: u64 },
}

pub fn after_failure(policy: &LockoutPolicy, failures: i64, now: f64) -> FailureOutcome {
    if policy.enabled() && failures >= policy.max_attempts {
        FailureOutcome::Lock {
            until: now + policy.duration_seconds(),
            minutes: (policy.duration_minutes.floor() as u64).max(1),
        }
    } else {
        FailureOutcome::Invalid
    }
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
    fn the_fifth_failure_locks_for_the_configured_minutes() {
        for failures in 1..5 {
            assert_eq!(after_failure(&POLICY, failures, 100.0), FailureOutcome::Invalid);
        }
        assert_eq!(
            after_failure(&POLICY, 5, 100.0),
            FailureOutcome::Lock { until: 100.0 + 900.0, minutes: 15 }
        );
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
    fn a_disabled_policy_ignores_stored_locks_and_never_locks() {
        let off = LockoutPolicy { max_attempts: 0, duration_minutes: 15.0 };
        assert_eq!(active_lock_minutes(&off, Some(1e12), 0.0), None);
        assert_eq!(after_failure(&off, 1000, 0.0), FailureOutcome::Invalid);
    }

    #[test]
    fn short_durations_still_say_one_minute() {
        let short = LockoutPolicy { max_attempts: 1, duration_minutes: 0.25 };
        assert_eq!(after_failure(&short, 1, 0.0), FailureOutcome::Lock { until: 15.0, minutes: 1 });
        assert_eq!(lockout_message(1), "Account locked due to too many failed login attempts. Try again in 1 minute.");
        assert_eq!(lockout_message(15), "Account locked due to too many failed login attempts. Try again in 15 minutes.");
    }
}
