//! Where a build spends its time, for `guide build --timings`.
//!
//! Work runs on several threads at once, so each phase is measured as the time its jobs
//! took on whichever thread ran them, summed: the figures add up to the build's CPU time
//! (roughly), not to its wall time, and their shares say what the build costs. Each
//! phase's span (from its first job's start to its last job's end, in seconds since the
//! build started) shows where the wall time went and which phases overlap.

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
#[derive(Debug)]
pub struct Timings {
    origin: Instant,
    nanos: [AtomicU64; Phase::ALL.len()],
    /// How many pieces of work were recorded per phase.
    counts: [AtomicU64; Phase::ALL.len()],
    /// Per phase, the first start and the last end, in nanoseconds since `origin`
    /// (`u64::MAX` and 0 while the phase has not run).
    first: [AtomicU64; Phase::ALL.len()],
    last: [AtomicU64; Phase::ALL.len()],
}

impl Default for Timings {
    fn default() -> Self {
        Timings::since(Instant::now())
    }
}

impl Timings {
    /// Timings of a build that started at `origin`.
    pub fn since(origin: Instant) -> Self {
        Timings {
            origin,
            nanos: Default::default(),
            counts: Default::default(),
            first: std::array::from_fn(|_| AtomicU64::new(u64::MAX)),
            last: Default::default(),
        }
    }

    /// Adds `elapsed` to `phase`, without a span.
    pub fn add(&self, phase: Phase, elapsed: Duration) {
        self.nanos[phase as usize].fetch_add(nanos(elapsed), Ordering::Relaxed);
    }

    /// Counts the work from `start` to `end` to `phase`.
    pub fn record(&self, phase: Phase, start: Instant, end: Instant) {
        self.add(phase, end.saturating_duration_since(start));
        self.counts[phase as usize].fetch_add(1, Ordering::Relaxed);
        let since = |t: Instant| nanos(t.saturating_duration_since(self.origin));
        self.first[phase as usize].fetch_min(since(start), Ordering::Relaxed);
        self.last[phase as usize].fetch_max(since(end), Ordering::Relaxed);
    }

    /// Runs `work`, counting its time to `phase`.
    pub fn time<T>(&self, phase: Phase, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.record(phase, started, Instant::now());
        result
    }

    /// When `phase` first started and last ended, since the build started.
    pub fn span(&self, phase: Phase) -> Option<(Duration, Duration)> {
        let first = self.first[phase as usize].load(Ordering::Relaxed);
        let last = self.last[phase as usize].load(Ordering::Relaxed);
        (first != u64::MAX).then(|| (Duration::from_nanos(first), Duration::from_nanos(last)))
    }

    /// The time counted to `phase` so far.
    pub fn get(&self, phase: Phase) -> Duration {
        Duration::from_nanos(self.nanos[phase as usize].load(Ordering::Relaxed))
    }

    /// How many pieces of work were counted to `phase` with [`Timings::record`] or
    /// [`Timings::time`] (for Markdown: how many bodies were rendered).
    pub fn count(&self, phase: Phase) -> u64 {
        self.counts[phase as usize].load(Ordering::Relaxed)
    }

    /// The phases that ran, on one line: `load content 12, markdown + highlighting 3`.
    pub fn summary_line(&self) -> String {
        let ran = Phase::ALL.iter().filter(|&&p| self.count(p) > 0 || !self.get(p).is_zero());
        let parts: Vec<String> = ran
            .map(|&p| format!("{} {:.1}", p.label(), self.get(p).as_secs_f64() * 1000.0))
            .collect();
        parts.join(", ")
    }

    fn total(&self) -> Duration {
        Phase::ALL.iter().map(|&p| self.get(p)).sum()
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
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
        writeln!(f, "{:<26}{:>10}{:>8}   wall span (s)", "phase (time on all threads)", "ms", "share")?;
        for phase in Phase::ALL {
            let time = self.get(phase);
            write!(f, "{:<26}{:>10}{:>7.1}%", phase.label(), time.as_millis(), share(time))?;
            match self.span(phase) {
                Some((first, last)) => writeln!(f, "   {:.2}-{:.2}", first.as_secs_f64(), last.as_secs_f64())?,
                None => writeln!(f)?,
            }
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
        assert!(timings.span(Phase::Pages).is_none(), "add() records no span");
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
        assert_eq!(timings.count(Phase::Load), 1);
        assert!(timings.summary_line().starts_with("load content "), "{}", timings.summary_line());
        let (first, last) = timings.span(Phase::Load).unwrap();
        assert!(last - first >= Duration::from_millis(5));
        let table = timings.to_string();
        let line = table.lines().find(|l| l.starts_with("load content")).unwrap();
        assert!(line.contains("   0.00-0.0"), "{table}");
    }
}
