//! The `guide` binary: parse the command line and hand over to the library.

use clap::Parser;

// A build allocates many small strings on every thread; mimalloc handles that far better
// than the system allocator (malloc and free were ~15% of a build's profile).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3's `purge_delay` option (the crate names no constant for it; the number is
/// its place in `mi_option_e`, checked by the test below).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory may stay with mimalloc before it goes back to the system, in ms.
/// A build frees hundreds of MiB at the end of one phase and allocates as much in the next;
/// with mimalloc 3's default of a second the peak depended on timing (592–703 MiB over six
/// identical 10,000-role builds), with 5 ms it was 516–527 MiB over four, for about
/// 0.3 s more system time.
const PURGE_DELAY_MS: std::ffi::c_long = 5;

/// Sets [`PURGE_DELAY_MS`] unless `MIMALLOC_PURGE_DELAY` in the environment chooses, and
/// turns transparent huge pages off unless `MIMALLOC_ALLOW_THP` chooses: mimalloc asks for
/// them on its arenas, and every page fault there then zeroes 2 MiB. A build frees and
/// touches memory again phase after phase, so with them 12–25% of a 1,000-role build's
/// `perf` samples were the kernel zeroing huge pages, and its peak was 160–198 MiB instead
/// of 123–141 (10,000 roles: 521–538 against 482–484 MiB; docs/benchmarks.md).
fn tune_allocator() {
    set_purge_delay();
    disable_transparent_huge_pages();
}

/// [`PURGE_DELAY_MS`], unless `MIMALLOC_PURGE_DELAY` chooses.
fn set_purge_delay() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: a plain option setter, safe to call at any time from any thread.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) }
    }
}

/// No transparent huge pages for this process, unless `MIMALLOC_ALLOW_THP` chooses.
fn disable_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: sets a flag of this process's memory map (it takes precedence over
        // madvise(MADV_HUGEPAGE)); no memory is touched. Without it, only memory use differs.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
}

/// How often a build forces mimalloc to return freed memory (see [`spawn_purger`]).
const PURGE_INTERVAL: std::time::Duration = std::time::Duration::from_millis(50);

/// Returns freed memory to the system every [`PURGE_INTERVAL`] for the rest of the process.
/// mimalloc 3 purges when an allocating thread finds a shared deadline due, and a race can
/// lose that deadline: in 2 of 6 builds of 10,000 roles nothing more was purged and the peak
/// was 737–742 MiB instead of 518–524 (with less system time, as nothing was returned).
fn spawn_purger() {
    let purge = || loop {
        std::thread::sleep(PURGE_INTERVAL);
        // SAFETY: collecting is safe at any time from any thread.
        unsafe { libmimalloc_sys::mi_collect(true) }
    };
    // Without the thread a build only risks a higher peak, so a failure to start it is ignored.
    let _ = std::thread::Builder::new().name("purge".into()).spawn(purge);
}

/// A write past the file-size limit (`ulimit -f`) raises SIGXFSZ, which ends the process
/// without a word; ignored, the write fails with "File too large" and the build reports it
/// like any other write error.
fn report_file_size_limit_as_an_error() {
    #[cfg(target_os = "linux")]
    // SAFETY: setting a signal's disposition to "ignore" touches no Rust state.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

fn main() {
    tune_allocator();
    report_file_size_limit_as_an_error();
    let cli = interview_guide::cli::Cli::parse();
    // `serve` idles for hours; only the one-shot commands need the bound on their peak.
    if !matches!(cli.command, interview_guide::cli::Command::Serve(_)) {
        spawn_purger();
    }
    std::process::exit(interview_guide::cli::run(cli));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: plain option getters and setters.
        let option = |get| unsafe { libmimalloc_sys::mi_option_get(get) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // mimalloc 3's default purge delay is 1000 ms, and no other option's default is.
            assert_eq!(option(MI_OPTION_PURGE_DELAY), 1000);
        }
        // (Only this test sets it: tests run in parallel in one process.)
        set_purge_delay();
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(option(MI_OPTION_PURGE_DELAY), PURGE_DELAY_MS);
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn transparent_huge_pages_are_off_for_the_process() {
        disable_transparent_huge_pages();
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
            // SAFETY: reads a flag of this process.
            assert_eq!(unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) }, 1);
        }
    }
}
