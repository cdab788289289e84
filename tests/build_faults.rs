//! Faults while writing, through the real binary: a write refused part way, a build killed
//! at a random moment, two builds at once. After each, the output folder is either the last
//! good site byte for byte or the new one complete, never a mix, and the next build needs
//! no cleaning up. The long forms (20 kills, a tmpfs, a read-only folder) are in
//! scripts/faults.sh.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{build_ok, copy_fixture, guide, snapshot_dir};

type Snapshot = Vec<(String, Vec<u8>)>;

/// The basic fixture with `pages` more role pages, so that a build lasts long enough to be
/// interrupted part way.
fn larger_site(pages: usize) -> tempfile::TempDir {
    let site = copy_fixture("build/basic");
    let folder = site.path().join("content/engineering/generated");
    std::fs::create_dir_all(&folder).expect("mkdir");
    for i in 0..pages {
        let body: String = (0..20)
            .map(|p| format!("## Question {p}\n\nHow would you design system {i}-{p}? Talk about queues, caches and failure.\n\n"))
            .collect();
        let page = format!(
            "+++\ntitle = \"Generated role {i}\"\n\n[role]\nexperience_years = {}\ndemand = \"medium\"\nskills = [\"Skill {}\", \"Rust\"]\n+++\n\n{body}",
            i % 10,
            i % 37
        );
        std::fs::write(folder.join(format!("role-{i}.md")), page).expect("write page");
    }
    site
}

/// Changes the site so that the next build's output differs from the last one's.
fn edit(site: &Path, round: usize) {
    let page = site.join("content/engineering/backend-developer.md");
    let text = std::fs::read_to_string(&page).expect("read page");
    std::fs::write(&page, format!("{text}\n\nEdit number {round}.\n")).expect("write page");
    std::fs::write(
        site.join(format!("content/engineering/generated/added-{round}.md")),
        format!("+++\ntitle = \"Added in round {round}\"\n+++\n\nNew.\n"),
    )
    .expect("write page");
}

/// What a complete build of the site's current sources writes, built into a folder of its
/// own; and how long that build took.
fn reference(site: &Path) -> (Snapshot, Duration) {
    let out = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let output = guide()
        .arg("build")
        .arg("--root")
        .arg(site)
        .arg("--output-dir")
        .arg(out.path().join("site"))
        .output()
        .expect("run guide");
    let took = started.elapsed();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    (snapshot_dir(&out.path().join("site")), took)
}

fn build_command(site: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_guide"));
    command
        .arg("build")
        .arg("--root")
        .arg(site)
        .env_remove("CI")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Names beside the output folder that a build left: nothing but the output, the previous
/// output kept for recycling, and the lock file.
fn leftovers(site: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site)
        .expect("list site")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    names.sort();
    names.retain(|n| n != ".public.previous" && n != ".public.lock");
    names
}

/// A small random number from the clock: enough to spread kill times over a build.
fn jitter(bound: u64) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    u64::from(nanos) % bound.max(1)
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one_never_a_mix() {
    let site = larger_site(150);
    build_ok(site.path());
    let mut last_good = snapshot_dir(&site.path().join("public"));
    let mut outcomes = (0, 0);
    for round in 0..4 {
        edit(site.path(), round);
        let (new, took) = reference(site.path());
        assert_ne!(new, last_good, "the edit must change the output");
        // Spread over the whole build, the commit at its end included.
        let millis = took.as_millis() as u64;
        let delay = Duration::from_millis(millis * round as u64 / 4 + jitter(millis / 4 + 1));
        let mut child = build_command(site.path()).spawn().expect("spawn guide");
        std::thread::sleep(delay);
        child.kill().expect("kill");
        child.wait().expect("wait");
        let after = snapshot_dir(&site.path().join("public"));
        if after == new {
            outcomes.1 += 1;
        } else {
            assert!(
                after == last_good,
                "round {round}: killed after {delay:?}, the output is neither the old site nor the new one"
            );
            outcomes.0 += 1;
        }
        // The next build needs no cleaning up, and leaves nothing of the killed one behind.
        build_ok(site.path());
        assert_eq!(
            snapshot_dir(&site.path().join("public")),
            new,
            "round {round}: the build after a kill is incomplete"
        );
        assert_eq!(leftovers(site.path()), Vec::<String>::new(), "round {round}");
        last_good = new;
    }
    eprintln!("kills that left the old site: {}, the new site: {}", outcomes.0, outcomes.1);
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_refused_part_way_fails_the_build_and_keeps_the_last_good_site() {
    let site = larger_site(20);
    build_ok(site.path());
    let before = snapshot_dir(&site.path().join("public"));
    // One page far larger than the file-size limit set below.
    let big: String = (0..4000).map(|i| format!("Paragraph {i} of a long page.\n\n")).collect();
    std::fs::write(
        site.path().join("content/engineering/long.md"),
        format!("+++\ntitle = \"Long\"\n+++\n\n{big}"),
    )
    .expect("write page");
    // `ulimit -f` counts blocks of 512 bytes: 64 KiB.
    let output = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 128 && exec \"$0\" build --root \"$1\"")
        .arg(env!("CARGO_BIN_EXE_guide"))
        .arg(site.path())
        .env_remove("CI")
        .output()
        .expect("run guide under a file-size limit");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot write") && stderr.contains("File too large"), "{stderr}");
    assert!(stderr.contains("was left unchanged"), "{stderr}");
    assert_eq!(snapshot_dir(&site.path().join("public")), before);
    let (new, _) = reference(site.path());
    build_ok(site.path());
    assert_eq!(snapshot_dir(&site.path().join("public")), new);
    assert_eq!(leftovers(site.path()), Vec::<String>::new());
}

#[test]
fn a_build_is_refused_while_another_holds_the_output() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let before = snapshot_dir(&site.path().join("public"));
    std::fs::write(site.path().join("content/engineering/new.md"), "+++\ntitle = \"New\"\n+++\n").expect("write page");
    let lock = std::fs::File::create(site.path().join(".public.lock")).expect("lock file");
    lock.try_lock().expect("take the lock as another build would");
    let output = guide().arg("build").arg("--root").arg(site.path()).output().expect("run guide");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("public: error: another `guide build` is writing this output folder right now"),
        "{stderr}"
    );
    assert!(stderr.contains("= hint: wait until that build has finished"), "{stderr}");
    assert_eq!(snapshot_dir(&site.path().join("public")), before);
    drop(lock);
    build_ok(site.path());
    assert!(site.path().join("public/engineering/new/index.html").exists());
}

#[test]
fn two_builds_at_once_never_interleave() {
    let site = larger_site(60);
    for round in 0..3 {
        edit(site.path(), round);
        let (expected, _) = reference(site.path());
        let children: Vec<std::process::Child> = (0..2).map(|_| build_command(site.path()).spawn().expect("spawn guide")).collect();
        let mut succeeded = 0;
        for child in children {
            let output = child.wait_with_output().expect("wait");
            let stderr = String::from_utf8_lossy(&output.stderr);
            match output.status.code() {
                Some(0) => succeeded += 1,
                Some(1) => assert!(stderr.contains("another `guide build` is writing"), "{stderr}"),
                other => panic!("round {round}: exit {other:?}: {stderr}"),
            }
        }
        assert!(succeeded >= 1, "round {round}: neither build succeeded");
        assert_eq!(snapshot_dir(&site.path().join("public")), expected, "round {round}");
        assert_eq!(leftovers(site.path()), Vec::<String>::new());
    }
}

/// The staging folder a killed build leaves is recycled, whatever state it is in.
#[test]
fn leftovers_of_a_killed_build_are_taken_up_by_the_next() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    build_ok(site.path());
    // As a kill leaves them: one half-written staging folder and one older one.
    let previous: PathBuf = site.path().join(".public.previous");
    std::fs::rename(&previous, site.path().join(".public.staging-4242-0")).expect("rename");
    std::fs::create_dir_all(site.path().join(".public.staging-abc/engineering")).expect("mkdir");
    std::fs::write(site.path().join(".public.staging-abc/engineering/half.html"), "half").expect("write");
    let (expected, _) = reference(site.path());
    build_ok(site.path());
    assert_eq!(snapshot_dir(&site.path().join("public")), expected);
    assert_eq!(leftovers(site.path()), Vec::<String>::new());
}
