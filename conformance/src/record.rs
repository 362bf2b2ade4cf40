//! What the suites saw: calls and statuses per operation (the coverage table), every contract
//! violation, and — while a property case runs — the transcript of its requests as curl lines, so
//! a shrunk failure can be replayed by hand.
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::spec::Contract;

#[derive(Default, Clone)]
pub struct OperationStats {
    pub calls: usize,
    pub statuses: BTreeMap<u16, usize>,
}

pub struct Recorder {
    pub contract: Contract,
    coverage: Mutex<BTreeMap<String, OperationStats>>,
    violations: Mutex<Vec<String>>,
}

thread_local! {
    static TRANSCRIPT: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Starts collecting this thread's requests as curl lines (replacing an earlier transcript).
pub fn start_transcript() {
    TRANSCRIPT.with(|t| *t.borrow_mut() = Some(Vec::new()));
}

/// Stops collecting and returns the lines.
pub fn take_transcript() -> Vec<String> {
    TRANSCRIPT.with(|t| t.borrow_mut().take()).unwrap_or_default()
}

pub fn transcribe(line: String) {
    TRANSCRIPT.with(|t| {
        if let Some(lines) = t.borrow_mut().as_mut() {
            lines.push(line);
        }
    });
}

impl Recorder {
    pub fn new(contract: Contract) -> Recorder {
        let coverage = contract.operations().iter().map(|op| (op.id.clone(), OperationStats::default())).collect();
        Recorder { contract, coverage: Mutex::new(coverage), violations: Mutex::new(Vec::new()) }
    }

    pub fn count(&self, operation: &str, status: u16) {
        if let Ok(mut coverage) = self.coverage.lock() {
            let stats = coverage.entry(operation.to_string()).or_default();
            stats.calls += 1;
            *stats.statuses.entry(status).or_default() += 1;
        }
    }

    pub fn violation(&self, message: String) {
        if let Ok(mut violations) = self.violations.lock() {
            violations.push(message);
        }
    }

    pub fn coverage(&self) -> BTreeMap<String, OperationStats> {
        self.coverage.lock().map(|c| c.clone()).unwrap_or_default()
    }

    pub fn violations(&self) -> Vec<String> {
        self.violations.lock().map(|v| v.clone()).unwrap_or_default()
    }
}
