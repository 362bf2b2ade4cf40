//! Deterministic message text: sentences of everyday words, and a needle word that appears exactly
//! where the seed puts it (so a search for it has a known number of hits).
const WORDS: &[&str] = &[
    "the",
    "build",
    "is",
    "green",
    "again",
    "after",
    "we",
    "fixed",
    "flaky",
    "test",
    "deploy",
    "tonight",
    "please",
    "review",
    "my",
    "branch",
    "before",
    "lunch",
    "server",
    "restarted",
    "cleanly",
    "disk",
    "almost",
    "full",
    "on",
    "staging",
    "who",
    "owns",
    "dashboard",
    "alerts",
    "coffee",
    "machine",
    "broken",
    "meeting",
    "moved",
    "to",
    "three",
    "o'clock",
    "sprint",
    "planning",
    "board",
    "firmware",
    "update",
    "rolled",
    "out",
    "sensor",
    "readings",
    "look",
    "odd",
    "since",
    "yesterday",
    "can",
    "someone",
    "check",
    "logs",
    "for",
    "timeouts",
    "release",
    "notes",
    "drafted",
    "in",
    "wiki",
    "ticket",
    "closed",
    "merged",
    "into",
    "main",
    "rollback",
    "plan",
    "ready",
    "if",
    "needed",
    "thanks",
    "everyone",
    "great",
    "work",
    "today",
    "customer",
    "reported",
    "slow",
    "search",
    "page",
    "database",
    "migration",
    "finished",
    "without",
    "errors",
    "cache",
    "hit",
    "rate",
    "dropped",
    "a",
    "bit",
    "network",
    "latency",
    "spiked",
    "around",
    "noon",
    "pager",
    "quiet",
    "all",
    "weekend",
    "new",
    "laptop",
    "arrived",
    "finally",
    "friday",
];

/// The word a search benchmark looks for; no generated sentence contains it.
pub const NEEDLE: &str = "zephyrquartz";

/// xorshift64*: small, fast and the same on every machine, so datasets are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform-enough in `0..n` for picking words and senders (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A sentence of 4 to 14 words.
pub fn sentence(rng: &mut Rng) -> String {
    let words = 4 + rng.below(11);
    let mut text = String::new();
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_generated_text_can_contain_the_needle() {
        // Words are joined by spaces, so only a single word could contain it.
        assert!(WORDS.iter().all(|word| !word.contains(NEEDLE) && !word.contains(' ')));
    }

    #[test]
    fn the_same_seed_gives_the_same_text() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        let first: Vec<String> = (0..5).map(|_| sentence(&mut a)).collect();
        let second: Vec<String> = (0..5).map(|_| sentence(&mut b)).collect();
        assert_eq!(first, second);
        assert!(first.iter().all(|s| (4..=14).contains(&s.split(' ').count())));
    }
}
