//! Login lockout (reference-behaviour C1.3, kept as is by decision Q19): per account, counted
//! case-insensitively; while locked every attempt — even the right password — is refused without
//! being counted; the attempt that reaches `max_login_attempts` locks for the configured duration and
//! resets the counter; a success resets the counter; over-long passwords (> 1024) are refused before
//! any lookup and not counted; `max_login_attempts <= 0` turns it all off. Every failure is delayed.

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Attempt {
    Right,
    Wrong,
    TooLong,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    Accepted,
    Invalid,
    /// Locked, with the minutes the message must name.
    Locked {
        minutes: i64,
    },
}

#[derive(Debug, Clone)]
pub struct Account {
    pub max_attempts: i64,
    pub duration_seconds: f64,
    failures: i64,
    /// When the lock ends, in the caller's clock (seconds).
    locked_until: Option<f64>,
}

impl Account {
    pub fn new(max_attempts: i64, duration_minutes: f64) -> Account {
        Account { max_attempts, duration_seconds: duration_minutes * 60.0, failures: 0, locked_until: None }
    }

    pub fn locked_until(&self) -> Option<f64> {
        self.locked_until
    }

    pub fn is_locked(&self, now: f64) -> bool {
        self.max_attempts > 0 && self.locked_until.is_some_and(|until| until > now)
    }

    /// What an attempt at time `now` must answer, and the state after it.
    pub fn attempt(&mut self, attempt: Attempt, now: f64) -> Outcome {
        if attempt == Attempt::TooLong {
            return Outcome::Invalid;
        }
        if self.max_attempts <= 0 {
            return if attempt == Attempt::Right { Outcome::Accepted } else { Outcome::Invalid };
        }
        if let Some(until) = self.locked_until.filter(|until| *until > now) {
            return Outcome::Locked { minutes: ((until - now) / 60.0).floor() as i64 + 1 };
        }
        match attempt {
            Attempt::Right => {
                self.failures = 0;
                self.locked_until = None;
                Outcome::Accepted
            }
            _ => {
                self.failures += 1;
                if self.failures >= self.max_attempts {
                    self.failures = 0;
                    self.locked_until = Some(now + self.duration_seconds);
                    Outcome::Locked { minutes: ((self.duration_seconds / 60.0).floor() as i64).max(1) }
                } else {
                    Outcome::Invalid
                }
            }
        }
    }
}

/// The error line a locked account's login page shows.
pub fn locked_message(minutes: i64) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Account locked due to too many failed login attempts. Try again in {minutes} {unit}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_the_limit_and_expires() {
        let mut account = Account::new(3, 15.0);
        assert_eq!(account.attempt(Attempt::Wrong, 0.0), Outcome::Invalid);
        assert_eq!(account.attempt(Attempt::Wrong, 1.0), Outcome::Invalid);
        assert_eq!(account.attempt(Attempt::Wrong, 2.0), Outcome::Locked { minutes: 15 });
        assert_eq!(account.attempt(Attempt::Right, 3.0), Outcome::Locked { minutes: 15 });
        assert_eq!(account.attempt(Attempt::Right, 2.0 + 15.0 * 60.0 - 30.0), Outcome::Locked { minutes: 1 });
        assert_eq!(account.attempt(Attempt::Wrong, 2.0 + 15.0 * 60.0), Outcome::Invalid);
        assert_eq!(account.attempt(Attempt::Right, 2000.0), Outcome::Accepted);
        assert_eq!(locked_message(1), "Account locked due to too many failed login attempts. Try again in 1 minute.");
    }
}
