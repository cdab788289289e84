//! `guide init` through the real binary: a new guide builds at once, without warnings, and
//! existing files are never touched.

mod common;

use common::{guide, read};

#[test]
fn a_new_guide_builds_with_no_further_step_and_no_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("new");
    let init = guide().arg("init").arg(&target).output().expect("run guide init");
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let build = guide().arg("build").current_dir(&target).output().expect("run guide build");
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "{stderr}");
    assert_eq!(stderr, "", "the new guide builds with warnings");
    let role = read(target.join("public/engineering/backend-developer/index.html"));
    assert!(role.contains("Backend Developer"), "{role}");
}

#[test]
fn a_new_guide_passes_check_without_findings() {
    let dir = tempfile::tempdir().expect("temp dir");
    guide().arg("init").arg(dir.path()).assert().success();
    let check = guide()
        .arg("check")
        .arg("--root")
        .arg(dir.path())
        .arg("--deny-warnings")
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{stdout}");
    assert!(stdout.starts_with("0 errors and 0 warnings"), "{stdout}");
}

#[test]
fn init_creates_exactly_the_documented_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    guide().arg("init").arg(dir.path()).assert().success();
    let names: Vec<String> = common::snapshot_dir(dir.path()).into_iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        [
            ".gitignore",
            "config.toml",
            "content/_index.md",
            "content/engineering/_index.md",
            "content/engineering/backend-developer.md"
        ]
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), "mine").expect("write");
    let output = guide().arg("init").arg(dir.path()).output().expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not empty") && stderr.contains("--force"), "{stderr}");
    assert!(!dir.path().join("config.toml").exists());
}

#[test]
fn init_with_force_adds_missing_files_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("config.toml"), "title = \"Mine\"\n").expect("write");
    let output = guide().arg("init").arg(dir.path()).arg("--force").output().expect("run");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("skipped config.toml"), "{stderr}");
    assert_eq!(read(dir.path().join("config.toml")), "title = \"Mine\"\n");
    assert!(dir.path().join("content/engineering/backend-developer.md").is_file());
}
