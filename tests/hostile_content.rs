//! Hostile content through the real binary: each input gets a clear error or a correct
//! page, in bounded time and memory, and never crashes the process. Inputs are generated
//! in temporary folders; the 100 MB forms are in scripts/faults.sh.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{copy_fixture, read};

/// A build's outcome, its wall time and its peak resident memory.
struct Run {
    output: Output,
    took: Duration,
    peak_rss_bytes: u64,
}

impl Run {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Asserts the process ended by itself, with status 0 or 1, without a panic.
    fn assert_no_crash(&self) {
        let stderr = self.stderr();
        assert!(
            matches!(self.output.status.code(), Some(0 | 1)),
            "the build crashed ({:?}):\n{stderr}",
            self.output.status
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }

    fn assert_success(&self) {
        assert_eq!(self.output.status.code(), Some(0), "{}", self.stderr());
    }

    fn assert_failure_with(&self, line: &str) {
        let stderr = self.stderr();
        assert_eq!(self.output.status.code(), Some(1), "{stderr}");
        assert!(stderr.lines().any(|l| l == line), "expected line\n  {line}\nin:\n{stderr}");
    }
}

/// Builds `root` and measures the build's wall time and peak memory (the kernel's
/// accounting of the finished process, so nothing is sampled).
fn build(root: &Path) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_guide"));
    command.arg("build").arg("--root").arg(root);
    run(command)
}

/// Runs `command` and measures it, as [`build`] does.
fn run(mut command: Command) -> Run {
    let started = Instant::now();
    let mut child = command
        .env_remove("CI")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn guide");
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("read pipe");
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let (status, peak_rss_bytes) = wait_measured(child);
    let took = started.elapsed();
    Run {
        output: Output {
            status,
            stdout: stdout.join().expect("stdout"),
            stderr: stderr.join().expect("stderr"),
        },
        took,
        peak_rss_bytes,
    }
}

/// Waits for the child and returns its exit status and peak resident memory in bytes.
#[cfg(target_os = "linux")]
fn wait_measured(child: std::process::Child) -> (std::process::ExitStatus, u64) {
    use std::os::unix::process::ExitStatusExt;
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    let mut status = 0;
    // SAFETY: wait4 writes only the status and the usage struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4: {}", std::io::Error::last_os_error());
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    (std::process::ExitStatus::from_raw(status), peak)
}

#[cfg(not(target_os = "linux"))]
fn wait_measured(mut child: std::process::Child) -> (std::process::ExitStatus, u64) {
    (child.wait().expect("wait"), 0)
}

fn site_with_page(name: &str, text: &[u8]) -> tempfile::TempDir {
    let site = copy_fixture("build/basic");
    std::fs::write(site.path().join("content/engineering").join(name), text).expect("write page");
    site
}

fn page_file(root: &Path, url: &str) -> String {
    read(root.join("public").join(url).join("index.html"))
}

#[test]
fn ten_thousand_nested_lists_and_block_quotes_build_a_page() {
    let lists = format!("{}deepest item\n", "- ".repeat(10_000));
    let quotes = format!("{} deepest quote\n", ">".repeat(10_000));
    let site = site_with_page(
        "deep.md",
        format!("+++\ntitle = \"Deep\"\n+++\n\n## Nesting\n\n{lists}\n\n{quotes}").as_bytes(),
    );
    let run = build(site.path());
    run.assert_success();
    assert!(run.took < Duration::from_secs(60), "took {:?}", run.took);
    let html = page_file(site.path(), "engineering/deep");
    assert!(html.contains("deepest item") && html.contains("deepest quote"));
}

#[test]
fn a_megabyte_line_builds_a_page() {
    // The 10 MB form is in scripts/faults.sh (15 s with a release build).
    let line: String = (0..125_000).map(|i| format!("w{i:07} ")).collect::<String>();
    let site = site_with_page(
        "long-line.md",
        format!("+++\ntitle = \"Long line\"\n+++\n\n{line}\n\nLast paragraph.\n").as_bytes(),
    );
    let run = build(site.path());
    run.assert_success();
    assert!(run.took < Duration::from_secs(60), "took {:?}", run.took);
    let html = page_file(site.path(), "engineering/long-line");
    assert!(html.contains("w0124999") && html.contains("Last paragraph."));
}

#[test]
fn a_large_list_page_stays_within_a_bounded_multiple_of_its_size() {
    // 20,000 list items, about 600 KB: the shape that took 1 GB at 30 MB.
    let items: String = (0..20_000).map(|i| format!("- Item number {i} of the list\n")).collect();
    let site = site_with_page(
        "many-items.md",
        format!("+++\ntitle = \"Many items\"\n+++\n\n## Questions\n\n{items}").as_bytes(),
    );
    let input = items.len() as u64;
    let run = build(site.path());
    run.assert_success();
    assert!(page_file(site.path(), "engineering/many-items").contains("Item number 19999 of the list"));
    eprintln!("{input} bytes of list items: peak {} MiB, {:?}", run.peak_rss_bytes >> 20, run.took);
    // A build of the small fixture alone peaks below 100 MiB; a page adds at most about
    // 60 times its size (see MAX_CONTENT_FILE_BYTES).
    let bound = 100 * (1 << 20) + 60 * input;
    assert!(run.peak_rss_bytes <= bound, "peak {} MiB", run.peak_rss_bytes >> 20);
}

#[test]
fn a_file_over_the_page_size_limit_is_an_error_without_reading_it_whole() {
    let line = "- an item in a page far too large to be a role guide\n";
    let text = format!("+++\ntitle = \"Huge\"\n+++\n\n{}", line.repeat(17 * (1 << 20) / line.len()));
    let site = site_with_page("huge.md", text.as_bytes());
    let run = build(site.path());
    run.assert_failure_with("content/engineering/huge.md: error: the file is 17.8 MB, larger than the 16 MB a page may be");
    assert!(run.peak_rss_bytes < 200 * (1 << 20), "peak {} MiB", run.peak_rss_bytes >> 20);
}

#[test]
fn a_file_of_invalid_utf8_is_an_error_at_its_first_bad_byte() {
    let site = site_with_page("latin1.md", b"+++\ntitle = \"Menu\"\n+++\n\nCaf\xe9 au lait\n");
    let run = build(site.path());
    run.assert_failure_with(
        "content/engineering/latin1.md:5:4: error: the file is not UTF-8 text: it contains a byte that is not valid UTF-8 here",
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_of_invalid_utf8_is_an_error() {
    use std::os::unix::ffi::OsStrExt;
    let site = copy_fixture("build/basic");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(site.path().join("content/engineering").join(name), "+++\ntitle = \"Cafe\"\n+++\n").expect("write");
    let run = build(site.path());
    run.assert_failure_with(
        "content/engineering/caf\u{fffd}.md: error: the name of this file is not valid UTF-8 text, so it cannot be part of a web address",
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_that_loop_or_leave_the_site_are_errors() {
    let site = copy_fixture("build/basic");
    let root = site.path();
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("secret.txt"), "not for the web").expect("write");
    std::os::unix::fs::symlink("loop-b.md", root.join("content/engineering/loop-a.md")).expect("link");
    std::os::unix::fs::symlink("loop-a.md", root.join("content/engineering/loop-b.md")).expect("link");
    std::os::unix::fs::symlink(outside.path(), root.join("content/outside")).expect("link");
    std::fs::create_dir_all(root.join("static")).expect("mkdir");
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("static/secret.txt")).expect("link");
    std::os::unix::fs::symlink("../static", root.join("static/self")).expect("link");
    let run = build(root);
    let stderr = run.stderr();
    assert_eq!(run.output.status.code(), Some(1), "{stderr}");
    for file in ["content/engineering/loop-a.md", "content/engineering/loop-b.md"] {
        assert!(
            stderr.contains(&format!(
                "{file}: error: this is a symbolic link, which the guide does not follow: it cannot be followed ("
            )),
            "{file} in:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("content/outside: error: this is a symbolic link, which the guide does not follow: it points outside the site"),
        "{stderr}"
    );
    assert!(!root.join("public").exists(), "nothing is written");
    // The static folder is read once content is fine.
    for link in ["content/engineering/loop-a.md", "content/engineering/loop-b.md", "content/outside"] {
        std::fs::remove_file(root.join(link)).expect("remove link");
    }
    let run = build(root);
    let stderr = run.stderr();
    assert_eq!(run.output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("static/secret.txt: error: this is a symbolic link, which the guide does not follow: it points outside the site"),
        "{stderr}"
    );
    assert!(!root.join("public").exists());
}

#[test]
fn files_that_vanish_during_the_walk_never_crash_the_build() {
    let site = copy_fixture("build/basic");
    let folder = site.path().join("content/engineering/many");
    let mut outcomes = (0, 0);
    for round in 0..6u64 {
        std::fs::create_dir_all(&folder).expect("mkdir");
        let files: Vec<std::path::PathBuf> = (0..300).map(|i| folder.join(format!("p{i}.md"))).collect();
        for (i, file) in files.iter().enumerate() {
            std::fs::write(file, format!("+++\ntitle = \"P{i}\"\n+++\n\nText {i}.\n")).expect("write");
        }
        // Files go one by one, from a later start each round, while the build walks and reads.
        let remover = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(10 * round));
            for file in files.iter().rev() {
                let _ = std::fs::remove_file(file);
                std::thread::sleep(Duration::from_micros(100));
            }
        });
        let run = build(site.path());
        remover.join().expect("remover");
        run.assert_no_crash();
        if run.output.status.success() {
            outcomes.0 += 1;
        } else {
            let stderr = run.stderr();
            assert!(stderr.contains("cannot read"), "{stderr}");
            outcomes.1 += 1;
        }
    }
    eprintln!(
        "vanishing files: {} builds succeeded, {} reported the missing files",
        outcomes.0, outcomes.1
    );
}

#[test]
fn a_hundred_thousand_extra_keys_build_and_as_many_unknown_keys_are_summarised() {
    let extra: String = (0..100_000).map(|i| format!("key{i} = {i}\n")).collect();
    let site = site_with_page(
        "many-keys.md",
        format!("+++\ntitle = \"Many keys\"\n\n[extra]\n{extra}+++\n\nBody.\n").as_bytes(),
    );
    let run = build(site.path());
    run.assert_success();
    assert!(run.took < Duration::from_secs(60), "took {:?}", run.took);

    let unknown: String = (0..100_000).map(|i| format!("key{i}: {i}\n")).collect();
    let site = site_with_page("many-keys.md", format!("---\ntitle: Many keys\n{unknown}---\n\nBody.\n").as_bytes());
    let run = build(site.path());
    assert!(run.took < Duration::from_secs(60), "took {:?}", run.took);
    run.assert_failure_with("content/engineering/many-keys.md:3:1: error: unknown key `key0` in the front matter");
    let stderr = run.stderr();
    assert!(
        stderr.contains("content/engineering/many-keys.md: error: 99980 more problems in the front matter are not shown"),
        "{}",
        &stderr[stderr.len().saturating_sub(2000)..]
    );
    assert!(stderr.lines().count() < 200, "{} lines", stderr.lines().count());
}

/// The user the unreadable-file tests build as when they run as root, as root reads every
/// file whatever its mode: 65534, `nobody`.
#[cfg(target_os = "linux")]
const UNPRIVILEGED: u32 = 65534;

#[cfg(target_os = "linux")]
fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// `guide` with `args`, run by a user that file modes apply to: the tests' own user, or,
/// when that is root, [`UNPRIVILEGED`] through util-linux's `setpriv` (without root's
/// groups), on a site handed over to it (see [`hand_over`]).
#[cfg(target_os = "linux")]
fn guide_as_a_user_modes_apply_to(args: &[&std::ffi::OsStr]) -> Command {
    let mut command = if running_as_root() {
        let mut setpriv = Command::new("setpriv");
        setpriv
            .arg(format!("--reuid={UNPRIVILEGED}"))
            .arg(format!("--regid={UNPRIVILEGED}"))
            .args(["--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_guide"));
        setpriv
    } else {
        Command::new(env!("CARGO_BIN_EXE_guide"))
    };
    command.args(args);
    command
}

/// Gives the site to [`UNPRIVILEGED`] when the tests run as root, so that it may read the
/// site and write the output beside it; checks that it can run the binary at all.
#[cfg(target_os = "linux")]
fn hand_over(root: &Path) {
    if !running_as_root() {
        return;
    }
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.expect("walk the site");
        std::os::unix::fs::lchown(entry.path(), Some(UNPRIVILEGED), Some(UNPRIVILEGED)).expect("chown");
    }
    let version = guide_as_a_user_modes_apply_to(&["--version".as_ref()]).output();
    assert!(
        version.as_ref().is_ok_and(|o| o.status.success()),
        "user {UNPRIVILEGED} cannot run {} through setpriv (util-linux): every folder above it must \
         be searchable by others (chmod o+x): {version:?}",
        env!("CARGO_BIN_EXE_guide")
    );
}

#[cfg(target_os = "linux")]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(target_os = "linux")]
fn build_as_a_user_modes_apply_to(root: &Path) -> Run {
    run(guide_as_a_user_modes_apply_to(&[
        "build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
    ]))
}

/// The output folder is the last good site, byte for byte, and no staging folder is left.
#[cfg(target_os = "linux")]
fn assert_output_kept(root: &Path, before: &[(String, Vec<u8>)], run: &Run) {
    assert!(
        common::snapshot_dir(&root.join("public")) == before,
        "the last good output changed:\n{}",
        run.stderr()
    );
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .expect("read the site")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // `.public.previous` is kept on purpose: the next build writes into it.
        .filter(|name| name.starts_with(".guide-build-"))
        .collect();
    assert!(leftovers.is_empty(), "left beside the output: {leftovers:?}");
    let stderr = run.stderr();
    // Without a readable config.toml the build does not know its output folder.
    assert!(
        stderr.contains("public was left unchanged") || stderr.contains("nothing was written"),
        "{stderr}"
    );
}

/// A page, a content folder, a page bundle's file, a static file and `config.toml` that the
/// user running the build may not read: each is an error naming it, with a hint, and the
/// last good output stays as it was. A page and a folder together are reported together.
#[cfg(target_os = "linux")]
#[test]
fn files_and_folders_that_cannot_be_read_are_errors_naming_them_and_the_output_is_kept() {
    let site = copy_fixture("build/basic");
    let root = site.path();
    std::fs::create_dir_all(root.join("static/files")).expect("mkdir");
    std::fs::write(root.join("static/files/handbook.txt"), "Handbook").expect("write");
    hand_over(root);
    build_as_a_user_modes_apply_to(root).assert_success();
    let before = common::snapshot_dir(&root.join("public"));
    // Each round makes these unreadable, and each must be named. Pages and folders are read
    // in the same phase, so the third round's two are reported together.
    let rounds: [&[&str]; 6] = [
        &["content/engineering/backend-developer.md"],
        &["content/people"],
        &["content/engineering/intern.md", "content/people"],
        &["content/engineering/platform-engineer/team.svg"],
        &["static/files/handbook.txt"],
        &["config.toml"],
    ];
    for unreadable in rounds {
        for path in unreadable {
            set_mode(&root.join(path), 0o000);
        }
        let run = build_as_a_user_modes_apply_to(root);
        for path in unreadable {
            let readable = if root.join(path).is_dir() { 0o755 } else { 0o644 };
            set_mode(&root.join(path), readable);
        }
        run.assert_no_crash();
        let stderr = run.stderr();
        assert_eq!(run.output.status.code(), Some(1), "{stderr}");
        for shown in unreadable {
            assert!(
                stderr
                    .lines()
                    .any(|l| l == format!("{shown}: error: cannot read: Permission denied (os error 13)")),
                "{shown} is named:\n{stderr}"
            );
            assert!(stderr.contains(&format!("chmod a+rX {shown}`")), "a hint for {shown}:\n{stderr}");
        }
        assert_output_kept(root, &before, &run);
    }
    build_as_a_user_modes_apply_to(root).assert_success();
}

/// Files that become unreadable one after another while the build walks and reads them:
/// never a crash; a build that met one names it and keeps the last good output.
#[cfg(target_os = "linux")]
#[test]
fn files_that_become_unreadable_during_the_walk_are_errors_and_the_output_is_kept() {
    let site = copy_fixture("build/basic");
    let root = site.path().to_path_buf();
    let folder = root.join("content/engineering/many");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let files: Vec<std::path::PathBuf> = (0..300).map(|i| folder.join(format!("p{i}.md"))).collect();
    for (i, file) in files.iter().enumerate() {
        std::fs::write(file, format!("+++\ntitle = \"P{i}\"\n+++\n\nText {i}.\n")).expect("write");
    }
    hand_over(&root);
    build_as_a_user_modes_apply_to(&root).assert_success();
    let before = common::snapshot_dir(&root.join("public"));
    let mut outcomes = (0, 0);
    for round in 0..4u64 {
        let files = files.clone();
        // From a later start each round, the files go unreadable one by one.
        let revoker = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(10 * round));
            for file in &files {
                set_mode(file, 0o000);
                std::thread::sleep(Duration::from_micros(100));
            }
            files
        });
        let run = build_as_a_user_modes_apply_to(&root);
        for file in revoker.join().expect("revoker") {
            set_mode(&file, 0o644);
        }
        run.assert_no_crash();
        if run.output.status.success() {
            outcomes.0 += 1;
        } else {
            let stderr = run.stderr();
            assert!(
                stderr.lines().any(|l| l.starts_with("content/engineering/many/p")
                    && l.ends_with(".md: error: cannot read: Permission denied (os error 13)")),
                "{stderr}"
            );
            outcomes.1 += 1;
        }
        // A build that succeeded read every file before it went: the same site again.
        assert_output_kept_or_rebuilt_the_same(&root, &before, &run);
    }
    eprintln!(
        "files going unreadable: {} builds succeeded, {} reported them",
        outcomes.0, outcomes.1
    );
    assert!(outcomes.1 > 0, "no build met an unreadable file");
}

#[cfg(target_os = "linux")]
fn assert_output_kept_or_rebuilt_the_same(root: &Path, before: &[(String, Vec<u8>)], run: &Run) {
    if run.output.status.success() {
        assert!(
            common::snapshot_dir(&root.join("public")) == before,
            "the same sources built another site"
        );
    } else {
        assert_output_kept(root, before, run);
    }
}
