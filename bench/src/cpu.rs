//! Who used the CPU during a measurement: the server, the load generator, and everything else on
//! the machine (other people's builds skew the numbers; this says by how much).
use std::time::{Duration, Instant};

fn clock_ticks_per_second() -> Option<f64> {
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (ticks > 0).then_some(ticks as f64)
}

/// User plus system CPU time of a process, from its `/proc/<pid>/stat`.
pub fn process_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may contain spaces) start at field 3.
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_secs_f64(ticks as f64 / clock_ticks_per_second()?))
}

/// CPU time the whole machine spent busy (all but idle and I/O wait), from `/proc/stat`.
fn machine_busy_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().find(|line| line.starts_with("cpu "))?;
    let ticks: Vec<u64> = line.split_whitespace().skip(1).filter_map(|t| t.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal (guest time is already inside user).
    let busy: u64 = ticks.iter().take(8).enumerate().filter(|(i, _)| *i != 3 && *i != 4).map(|(_, t)| t).sum();
    Some(Duration::from_secs_f64(busy as f64 / clock_ticks_per_second()?))
}

/// CPU use over an interval, as percentages of one core (200 = both cores of a 2-core machine).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CpuShares {
    pub server: Option<f64>,
    pub bench: Option<f64>,
    /// Everything that is neither the server nor the load generator.
    pub others: Option<f64>,
}

/// Summed CPU time of several processes; `None` if any of them cannot be read (it has exited, so
/// the sum would silently leave out its share).
fn processes_time(pids: &[u32]) -> Option<Duration> {
    pids.iter().map(|&pid| process_time(pid)).sum()
}

/// A snapshot to measure from.
pub struct CpuMeter {
    /// Every server process under test (one, or each node of a cluster): their shares are summed.
    server_pids: Vec<u32>,
    started: Instant,
    server: Option<Duration>,
    bench: Option<Duration>,
    machine: Option<Duration>,
}

impl CpuMeter {
    pub fn start(server_pid: u32) -> CpuMeter {
        CpuMeter::start_many(&[server_pid])
    }

    /// Measures the servers of `server_pids` together, as one server.
    pub fn start_many(server_pids: &[u32]) -> CpuMeter {
        CpuMeter {
            server_pids: server_pids.to_vec(),
            started: Instant::now(),
            server: processes_time(server_pids),
            bench: process_time(std::process::id()),
            machine: machine_busy_time(),
        }
    }

    pub fn stop(&self) -> CpuShares {
        let elapsed = self.started.elapsed().as_secs_f64();
        let percent = |before: Option<Duration>, after: Option<Duration>| match (before, after) {
            (Some(before), Some(after)) if elapsed > 0.0 => {
                Some(after.saturating_sub(before).as_secs_f64() / elapsed * 100.0)
            }
            _ => None,
        };
        let server = percent(self.server, processes_time(&self.server_pids));
        let bench = percent(self.bench, process_time(std::process::id()));
        let machine = percent(self.machine, machine_busy_time());
        let others = match (machine, server, bench) {
            (Some(machine), Some(server), Some(bench)) => Some((machine - server - bench).max(0.0)),
            _ => None,
        };
        CpuShares { server, bench, others }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_work_shows_up_as_this_process_cpu() {
        let meter = CpuMeter::start(std::process::id());
        let until = Instant::now() + Duration::from_millis(300);
        let mut x = 0u64;
        while Instant::now() < until {
            x = x.wrapping_mul(31).wrapping_add(1);
        }
        assert!(x != 0);
        let shares = meter.stop();
        // Clock ticks are 10 ms: 300 ms of spinning is clearly visible, whatever else runs.
        assert!(shares.bench.is_some_and(|p| p > 30.0), "{shares:?}");
        assert!(shares.others.is_some());
    }
}
