//! The process's own gauges, under the names Prometheus' client libraries share (`process_…`),
//! read from `/proc/self` at each scrape (Linux; elsewhere they stay 0).
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::{Registry, Unit};
use std::sync::atomic::AtomicU64;

/// One reading of the process.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ProcessStats {
    pub cpu_seconds: f64,
    pub resident_bytes: u64,
    pub virtual_bytes: u64,
    pub open_fds: u64,
    pub max_fds: u64,
    pub start_time_seconds: f64,
}

impl ProcessStats {
    /// Reads `/proc/self`; what cannot be read is 0.
    pub fn read() -> ProcessStats {
        let mut stats = ProcessStats::default();
        #[cfg(target_os = "linux")]
        {
            // SAFETY: sysconf only reads a configuration value.
            let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
            let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(1) as u64;
            if let Ok(stat) = std::fs::read_to_string("/proc/self/stat") {
                // The fields after the command name, which is in parentheses and may hold spaces.
                let fields: Vec<&str> =
                    stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
                let field = |n: usize| fields.get(n - 3).and_then(|value| value.parse::<u64>().ok()).unwrap_or(0);
                stats.cpu_seconds = (field(14) + field(15)) as f64 / ticks;
                stats.virtual_bytes = field(23);
                stats.resident_bytes = field(24) * page;
                stats.start_time_seconds = boot_time().map_or(0.0, |boot| boot + field(22) as f64 / ticks);
            }
            stats.open_fds = std::fs::read_dir("/proc/self/fd").map_or(0, |entries| entries.count() as u64);
            let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            // SAFETY: getrlimit writes into the struct it is given.
            if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
                stats.max_fds = limit.rlim_cur;
            }
        }
        stats
    }
}

/// The system's boot time (Unix seconds), from `/proc/stat`.
#[cfg(target_os = "linux")]
fn boot_time() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    stat.lines().find_map(|line| line.strip_prefix("btime ")).and_then(|value| value.trim().parse().ok())
}

#[derive(Default)]
pub struct ProcessGauges {
    /// A counter, as Prometheus expects of CPU time: moved by each reading's increase.
    cpu_seconds: Counter<f64, AtomicU64>,
    resident_bytes: Gauge,
    virtual_bytes: Gauge,
    open_fds: Gauge,
    max_fds: Gauge,
    start_time_seconds: Gauge<f64, AtomicU64>,
}

impl ProcessGauges {
    pub fn register(&self, registry: &mut Registry) {
        let process = registry.sub_registry_with_prefix("process");
        process.register_with_unit(
            "cpu",
            "User and system CPU time the process spent",
            Unit::Seconds,
            self.cpu_seconds.clone(),
        );
        process.register_with_unit("resident_memory", "Resident memory size", Unit::Bytes, self.resident_bytes.clone());
        process.register_with_unit("virtual_memory", "Virtual memory size", Unit::Bytes, self.virtual_bytes.clone());
        process.register("open_fds", "Open file descriptors", self.open_fds.clone());
        process.register("max_fds", "The limit of open file descriptors", self.max_fds.clone());
        process.register_with_unit(
            "start_time",
            "When the process started, in Unix seconds",
            Unit::Seconds,
            self.start_time_seconds.clone(),
        );
    }

    pub fn set(&self, stats: &ProcessStats) {
        let whole = |value: u64| i64::try_from(value).unwrap_or(i64::MAX);
        let increase = stats.cpu_seconds - self.cpu_seconds.get();
        if increase > 0.0 {
            self.cpu_seconds.inc_by(increase);
        }
        self.resident_bytes.set(whole(stats.resident_bytes));
        self.virtual_bytes.set(whole(stats.virtual_bytes));
        self.open_fds.set(whole(stats.open_fds));
        self.max_fds.set(whole(stats.max_fds));
        self.start_time_seconds.set(stats.start_time_seconds);
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn the_process_reading_sees_this_process() {
        let stats = ProcessStats::read();
        assert!(stats.resident_bytes > 1 << 20, "{stats:?}");
        assert!(stats.open_fds >= 3 && stats.max_fds >= stats.open_fds, "{stats:?}");
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64();
        assert!(
            stats.start_time_seconds > now - 86_400.0 * 365.0 && stats.start_time_seconds <= now + 1.0,
            "{stats:?}"
        );
    }
}
