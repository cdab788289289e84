//! Where a build spends its time, for `guide build --timings`.
//!
//! Work runs on several threads at once, so each phase is measured as the time its jobs
//! took on whichever thread ran them, summed: the figures add up to the build's CPU time
//! (roughly), not to its wall time, and their shares say what the build costs.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// One kind of work in a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading config.toml and content/, parsing and checking front matter.
    Load,
    /// Markdown to HTML, with code highlighting.
    Markdown,
    /// Rendering and minifying pages, sections, aliases, 404 and the search page.
    Pages,
    /// Salary, skill and industry statistics, their pages and roles.json.
    Summaries,
    /// The search index, its shards and display store, written.
    Search,
    /// sitemap.xml, robots.txt and the Atom feed.
    Sitemap,
    /// Writing files into the staging folder and copying static files.
    Write,
}

impl Phase {
    const ALL: [Phase; 7] = [
        Phase::Load,
        Phase::Markdown,
        Phase::Pages,
        Phase::Summaries,
        Phase::Search,
        Phase::Sitemap,
        Phase::Write,
    ];

    fn label(self) -> &'static str {
        match self {
            Phase::Load => "load content",
            Phase::Markdown => "markdown + highlighting",
            Phase::Pages => "render pages",
            Phase::Summaries => "summaries",
            Phase::Search => "search index",
            Phase::Sitemap => "sitemap + feed",
            Phase::Write => "write files",
        }
    }
}

/// Thread time spent per phase, safe to add to from parallel jobs.
#[derive(Debug, Default)]
pub struct Timings {
    nanos: [AtomicU64; Phase::ALL.len()],
}

impl Timings {
    /// Adds `elapsed` to `phase`.
    pub fn add(&self, phase: Phase, elapsed: Duration) {
        let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
        self.nanos[phase as usize].fetch_add(nanos, Ordering::Relaxed);
    }

    /// Runs `work`, counting its time to `phase`.
    pub fn time<T>(&self, phase: Phase, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.add(phase, started.elapsed());
        result
    }

    /// The time counted to `phase` so far.
    pub fn get(&self, phase: Phase) -> Duration {
        Duration::from_nanos(self.nanos[phase as usize].load(Ordering::Relaxed))
    }

    fn total(&self) -> Duration {
        Phase::ALL.iter().map(|&p| self.get(p)).sum()
    }
}

/// A table of phases with their time and share of the total.
impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.total();
        let share = |d: Duration| {
            if total.is_zero() {
                0.0
            } else {
                100.0 * d.as_secs_f64() / total.as_secs_f64()
            }
        };
        writeln!(f, "{:<26}{:>10}{:>8}", "phase (time on all threads)", "ms", "share")?;
        for phase in Phase::ALL {
            let time = self.get(phase);
            writeln!(f, "{:<26}{:>10}{:>7.1}%", phase.label(), time.as_millis(), share(time))?;
        }
        write!(f, "{:<26}{:>10}{:>7.1}%", "total", total.as_millis(), 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_add_up_and_shares_follow_the_times() {
        let timings = Timings::default();
        timings.add(Phase::Pages, Duration::from_millis(300));
        timings.add(Phase::Pages, Duration::from_millis(300));
        timings.add(Phase::Summaries, Duration::from_millis(400));
        assert_eq!(timings.get(Phase::Pages), Duration::from_millis(600));
        let table = timings.to_string();
        let line = |label: &str| table.lines().find(|l| l.starts_with(label)).unwrap().to_string();
        assert!(line("render pages").ends_with("600   60.0%"), "{table}");
        assert!(line("summaries").ends_with("400   40.0%"), "{table}");
        assert!(line("search index").ends_with("0    0.0%"), "{table}");
        assert!(line("total").ends_with("1000  100.0%"), "{table}");
    }

    #[test]
    fn time_counts_the_work_and_returns_its_result() {
        let timings = Timings::default();
        let value = timings.time(Phase::Load, || {
            std::thread::sleep(Duration::from_millis(5));
            7
        });
        assert_eq!(value, 7);
        assert!(timings.get(Phase::Load) >= Duration::from_millis(5));
    }
}
