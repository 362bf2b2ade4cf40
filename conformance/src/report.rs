//! The outcome of a run: checks grouped by suite, the coverage table, a human summary and JUnit XML.
use std::collections::BTreeMap;
use std::time::Duration;

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use crate::record::OperationStats;

pub struct Check {
    pub suite: &'static str,
    pub name: String,
    pub duration: Duration,
    pub failure: Option<String>,
}

pub struct Report {
    pub target: String,
    pub checks: Vec<Check>,
    pub coverage: BTreeMap<String, OperationStats>,
}

impl Report {
    pub fn failed(&self) -> usize {
        self.checks.iter().filter(|c| c.failure.is_some()).count()
    }

    pub fn summary(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!("\nCoverage ({} operations):\n", self.coverage.len()));
        out.push_str(&format!("  {:<28} {:>6}  statuses\n", "operation", "calls"));
        for (operation, stats) in &self.coverage {
            let statuses: Vec<String> = stats.statuses.iter().map(|(status, n)| format!("{status}×{n}")).collect();
            out.push_str(&format!("  {operation:<28} {:>6}  {}\n", stats.calls, statuses.join(" ")));
        }
        let mut suites: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for check in &self.checks {
            let entry = suites.entry(check.suite).or_default();
            if check.failure.is_some() {
                entry.1 += 1;
            } else {
                entry.0 += 1;
            }
        }
        out.push_str("\nSuites:\n");
        for (suite, (passed, failed)) in &suites {
            out.push_str(&format!("  {suite:<12} {passed} passed, {failed} failed\n"));
        }
        for check in self.checks.iter().filter(|c| c.failure.is_some()) {
            out.push_str(&format!(
                "\nFAIL [{}] {}\n{}\n",
                check.suite,
                check.name,
                indent(check.failure.as_deref().unwrap_or(""))
            ));
        }
        out.push_str(&format!(
            "\nconformance: {} passed, {} failed against {}\n",
            self.checks.len() - self.failed(),
            self.failed(),
            self.target
        ));
        out
    }

    pub fn junit(&self) -> anyhow::Result<String> {
        let mut report = JunitReport::new("minimost-conformance");
        let mut suites: BTreeMap<&str, TestSuite> = BTreeMap::new();
        for check in &self.checks {
            let suite = suites.entry(check.suite).or_insert_with(|| TestSuite::new(check.suite));
            let status = match &check.failure {
                None => TestCaseStatus::success(),
                Some(message) => {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status.set_message(message.lines().next().unwrap_or("failed"));
                    status.set_description(message.as_str());
                    status
                }
            };
            let mut case = TestCase::new(check.name.as_str(), status);
            case.set_classname(format!("conformance.{}", check.suite));
            case.set_time(check.duration);
            suite.add_test_case(case);
        }
        report.add_test_suites(suites.into_values());
        Ok(report.to_string()?)
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("    {line}")).collect::<Vec<_>>().join("\n")
}
