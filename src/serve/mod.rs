//! `guide serve`: builds the guide into memory, serves it on loopback, rebuilds when a
//! source changes, and makes open pages reload (or show the errors) when a build ends.
//!
//! Nothing is written to the output folder, so `public/` stays whatever the last
//! `guide build` made.

pub mod builder;
pub mod files;
pub mod http;
pub mod watch;

/// Lowers the calling thread's scheduling priority to the lowest there is (`SCHED_IDLE` on
/// Linux): it then runs only when the processor has nothing else to do. It cannot be raised
/// again without privileges, so only threads that do background work call this.
pub fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: pid 0 is the calling thread; `param` outlives the call.
        let result = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) };
        if result != 0 {
            // Not fatal: the thread keeps its priority.
            eprintln!(
                "warning: cannot lower a background thread's priority: {}",
                std::io::Error::last_os_error()
            );
        }
    }
}
