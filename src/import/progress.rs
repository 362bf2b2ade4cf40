//! One progress bar per phase of the import, on standard error, and only when standard error is a
//! terminal (a log file or a CI run gets the closing summary alone).
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A phase's bar: `users`, `messages`, `files`.
pub struct Phase {
    bar: ProgressBar,
    /// Whether it is drawn (standard error is a terminal).
    shown: bool,
}

impl Phase {
    /// A bar of `total` steps; `bytes` shows the steps as a size.
    pub fn start(name: &str, total: u64, bytes: bool) -> Phase {
        let shown = std::io::stderr().is_terminal();
        let target = if shown { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(Some(total), target);
        let counts = if bytes { "{bytes}/{total_bytes}" } else { "{pos}/{len}" };
        let template = format!("{{prefix:>9}} [{{bar:40}}] {counts} {{elapsed}}");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(name.to_owned());
        bar.enable_steady_tick(Duration::from_millis(200));
        Phase { bar, shown }
    }

    pub fn set(&self, done: u64) {
        self.bar.set_position(done);
    }

    /// Leaves the full bar on its own line (the next phase's, or the summary, starts below it).
    pub fn finish(self) {
        self.bar.finish();
        self.end_line();
    }

    fn end_line(&self) {
        if self.shown {
            eprintln!();
        }
    }
}

impl Drop for Phase {
    /// A phase that failed leaves its bar where it stopped (the error follows it).
    fn drop(&mut self) {
        if !self.bar.is_finished() {
            self.bar.abandon();
            self.end_line();
        }
    }
}
