//! `guide serve`: builds the guide into memory, serves it on loopback, rebuilds when a
//! source changes, and makes open pages reload (or show the errors) when a build ends.
//!
//! Nothing is written to the output folder, so `public/` stays whatever the last
//! `guide build` made.

pub mod builder;
pub mod edit;
pub mod edit_pages;
pub mod files;
pub mod http;
pub mod watch;

/// Lowers the calling thread's scheduling priority to the lowest there is (`SCHED_IDLE` on
/// Linux): it then runs only when the processor has nothing else to do. It cannot be raised
/// again without privileges, so only threads that do background work call this.
pub fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: `sched_param` is plain integers (musl adds more fields than glibc), so all
        // zeros is a valid value, and priority 0 is the one `SCHED_IDLE` requires.
        let param: libc::sched_param = unsafe { std::mem::zeroed() };
        // The system call, not libc's wrapper: musl's wrapper refuses with ENOSYS, as the call
        // changes one thread where POSIX says process. Pid 0 is the calling thread; `param`
        // outlives the call.
        let result = unsafe { libc::syscall(libc::SYS_sched_setscheduler, 0, libc::SCHED_IDLE, &raw const param) };
        if result != 0 {
            // Not fatal: the thread keeps its priority.
            eprintln!(
                "warning: cannot lower a background thread's priority: {}",
                std::io::Error::last_os_error()
            );
        }
    }
}

/// A copy of a fixture site (`check/clean` is `tests/fixtures/check/clean`), for tests that
/// serve or edit it.
#[cfg(test)]
pub(crate) fn copy_fixture(name: &str) -> tempfile::TempDir {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}
