//! Lockout: random sequences of right, wrong (also typed in another letter case) and over-long
//! passwords and waits for a lock to expire, each on a fresh account; every login outcome must equal
//! the model's (accepted / invalid / locked with the right minutes) and every failure must be
//! delayed by at least the configured delay. Cases run in parallel accounts, so the suite still
//! finishes against a deployment with the real 3 s delay.
use std::time::{Duration, Instant};

use proptest::prelude::*;

use crate::client::{Reply, Server};
use crate::model::lockout::{locked_message, Account, Attempt, Outcome};
use crate::property;
use crate::report::Check;
use crate::target::{Limits, Target};
use crate::Context;

/// Waits longer than this are not generated: against a 15-minute lock, expiry is not checked.
const LONGEST_WAIT_SECONDS: f64 = 20.0;
/// Clock slack around a lock's end: attempts are never made this close to it.
const MARGIN_SECONDS: f64 = 0.75;

#[derive(Debug, Clone, Copy)]
enum Step {
    Right,
    Wrong,
    /// The wrong password, the name typed in another letter case (counts against the same account).
    WrongOtherCase,
    /// A wrong password of this many characters: 1024 is the longest that is checked (and
    /// counted), anything longer is refused unseen.
    WrongOfLength(usize),
    /// Wrong passwords until the model says the account is locked (at most `max_login_attempts`,
    /// or five with lockout off): random sequences alone reach a lock in only a fifth of cases.
    Burst,
    /// Wait until the current lock (if any) has expired.
    WaitForExpiry,
}

fn step() -> impl Strategy<Value = Step> + Clone {
    prop_oneof![
        3 => Just(Step::Right),
        6 => Just(Step::Wrong),
        2 => Just(Step::WrongOtherCase),
        2 => prop::sample::select(vec![1023usize, 1024, 1025, 1100]).prop_map(Step::WrongOfLength),
        1 => Just(Step::WaitForExpiry),
        2 => Just(Step::Burst),
    ]
}

pub fn run(context: &Context) -> anyhow::Result<Vec<Check>> {
    let limits = context.limits;
    let longest = (limits.max_login_attempts.max(1) as usize) * 2 + 4;
    let expiry_checked = limits.lockout_duration_minutes * 60.0 <= LONGEST_WAIT_SECONDS;
    // Failed logins mostly wait out the delay, so more accounts in parallel cost little.
    let threads = if limits.login_failure_delay_seconds >= 1.0 { 8 } else { 4 };
    let cases = context.cases.max(threads);
    let name = if expiry_checked {
        "login outcomes and delays equal the lockout model, lock expiry included".to_string()
    } else {
        format!(
            "login outcomes and delays equal the lockout model (expiry not checked: a {} min lock is longer than a run may wait)",
            limits.lockout_duration_minutes
        )
    };
    let strategy = prop::collection::vec(step(), 1..=longest);
    let mut checks = vec![property::check("lockout", &name, cases, threads, strategy.clone(), |steps| {
        check_case(&context.server, limits, steps, expiry_checked)
    })];
    if context.in_process {
        // `max_login_attempts <= 0` turns lockout off: checkable only on a server we configure.
        let off = Limits { max_login_attempts: 0, ..limits };
        let target = Target::in_process(off)?;
        let server = Server { base_url: target.base_url.clone(), recorder: context.server.recorder.clone() };
        let name = "with max_login_attempts = 0 nothing locks or counts (a second in-process server)";
        checks.push(property::check("lockout", name, (cases / 2).max(threads), threads, strategy, |steps| {
            check_case(&server, off, steps, expiry_checked)
        }));
    }
    Ok(checks)
}

fn check_case(server: &Server, limits: Limits, steps: &[Step], expiry_checked: bool) -> anyhow::Result<()> {
    let user = server.signup("lock")?;
    let other_case = user.server().anonymous_as(&user.name.to_uppercase())?;
    let mut account = Account::new(limits.max_login_attempts, limits.lockout_duration_minutes);
    let clock = Instant::now();
    let now = || clock.elapsed().as_secs_f64();
    // The model locks at the moment the locking request was sent; the server read its clock
    // somewhen before answering, so the lock's real end is known only within that request's time.
    let mut uncertainty = 0.0;
    let burst = if limits.max_login_attempts > 0 { limits.max_login_attempts as usize } else { 5 };
    let steps: Vec<Step> = steps
        .iter()
        .flat_map(|step| match step {
            Step::Burst => vec![Step::Wrong; burst],
            other => vec![*other],
        })
        .collect();
    let steps = steps.as_slice();
    for (n, step) in steps.iter().enumerate() {
        if let Some(until) = account.locked_until() {
            let (earliest, latest) = (until, until + uncertainty);
            let wait_until = match step {
                Step::WaitForExpiry if expiry_checked && account.is_locked(now()) => Some(latest + MARGIN_SECONDS),
                _ if now() > earliest - MARGIN_SECONDS && now() < latest + MARGIN_SECONDS => {
                    Some(latest + MARGIN_SECONDS)
                }
                _ => None,
            };
            if let Some(wait_until) = wait_until {
                std::thread::sleep(Duration::from_secs_f64((wait_until - now()).max(0.0)));
            }
        }
        let (attempt, client, password) = match step {
            Step::WaitForExpiry | Step::Burst => continue,
            Step::Right => (Attempt::Right, &user, user.password.clone()),
            Step::Wrong => (Attempt::Wrong, &user, "Wrong-password-1".to_string()),
            Step::WrongOtherCase => (Attempt::Wrong, &other_case, "Wrong-password-2".to_string()),
            &Step::WrongOfLength(length) => {
                let attempt = if length > 1024 { Attempt::TooLong } else { Attempt::Wrong };
                (attempt, &user, "é".repeat(length))
            }
        };
        let sent = now();
        let was_locked = account.is_locked(sent);
        let reply = client.login_attempt(&password)?;
        let answered = now();
        let expected = account.attempt(attempt, sent);
        if !was_locked && account.is_locked(sent) {
            uncertainty = answered - sent;
        }
        let observed = outcome(&reply)?;
        let context_line = format!("step {} of {steps:?} ({step:?})", n + 1);
        anyhow::ensure!(
            same_outcome(observed, expected),
            "{context_line}: the server answered {observed:?}, the model says {expected:?}"
        );
        let delay = limits.login_failure_delay_seconds;
        if expected != Outcome::Accepted && delay > 0.0 {
            let took = answered - sent;
            anyhow::ensure!(
                took >= delay * 0.9,
                "{context_line}: the failed login was answered after {took:.3} s, before the {delay} s delay"
            );
        }
    }
    Ok(())
}

/// Locked minutes are compared within one minute: the server reads its clock a little later.
fn same_outcome(observed: Outcome, expected: Outcome) -> bool {
    match (observed, expected) {
        (Outcome::Locked { minutes: a }, Outcome::Locked { minutes: b }) => (a - b).abs() <= 1,
        (a, b) => a == b,
    }
}

fn outcome(reply: &Reply) -> anyhow::Result<Outcome> {
    if reply.status == 302 {
        anyhow::ensure!(
            reply.location.as_deref() == Some("/"),
            "a successful login must redirect to /, got {:?}",
            reply.location
        );
        return Ok(Outcome::Accepted);
    }
    anyhow::ensure!(reply.status == 200, "login answered {}: {}", reply.status, reply.text());
    let page = reply.text();
    if page.contains("Invalid credentials") {
        return Ok(Outcome::Invalid);
    }
    for minutes in 1..=24 * 60 {
        if page.contains(&locked_message(minutes)) {
            return Ok(Outcome::Locked { minutes });
        }
    }
    anyhow::bail!("the failed login page names neither `Invalid credentials` nor a lockout message")
}
