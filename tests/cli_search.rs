//! `guide search` answers from the built index: JSON for scripts, readable lines for
//! people, and clear errors for a bad query or a site that was never built.

mod common;

use common::{build_ok, copy_fixture, guide};
use serde_json::Value;

fn search_json(root: &std::path::Path, args: &[&str]) -> Value {
    let output = guide()
        .arg("search")
        .args(args)
        .arg("--root")
        .arg(root)
        .arg("--json")
        .output()
        .expect("run guide");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("--json prints JSON")
}

#[test]
fn search_json_lists_the_kubernetes_roles_with_urls_and_scores() {
    let site = copy_fixture("search_site");
    build_ok(site.path());
    let report = search_json(site.path(), &["kubernetes", "--limit", "50"]);
    assert_eq!(report["query"], "kubernetes");
    let results = report["results"].as_array().expect("results");
    assert_eq!(report["total"].as_u64(), Some(results.len() as u64));
    let paths: Vec<&str> = results.iter().filter_map(|r| r["path"].as_str()).collect();
    for role in [
        "/engineering/backend-developer/",
        "/engineering/platform-engineer/",
        "/data/data-engineer/",
    ] {
        assert!(paths.contains(&role), "{role} in {paths:?}");
    }
    assert!(!paths.contains(&"/design/product-designer/"), "{paths:?}");
    // Refs are the index's short ids, not URLs.
    assert!(
        results
            .iter()
            .all(|r| r["ref"].as_str().is_some_and(|s| s.bytes().all(|b| b.is_ascii_lowercase())))
    );
    let scores: Vec<f64> = results.iter().filter_map(|r| r["score"].as_f64()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "sorted by score: {scores:?}");
    let first = &results[0];
    assert_eq!(
        first["url"].as_str(),
        Some(format!("http://127.0.0.1{}", first["path"].as_str().unwrap_or("")).as_str())
    );
}

#[test]
fn search_finds_a_question_by_its_anchor_and_honours_the_limit() {
    let site = copy_fixture("search_site");
    build_ok(site.path());
    let report = search_json(site.path(), &["api versioning", "--limit", "1"]);
    let results = report["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    assert!(report["total"].as_u64().unwrap_or(0) > 1);
    let hit = &results[0];
    assert_eq!(hit["kind"], "entry");
    assert!(
        hit["path"]
            .as_str()
            .unwrap_or("")
            .starts_with("/engineering/backend-developer/#how-would-you-handle-versioning"),
        "{hit}"
    );
    assert_eq!(hit["role"], "Backend Developer");
    assert_eq!(hit["heading"], "Technical Assessment Questions");

    let output = guide()
        .args(["search", "api versioning", "--limit", "1", "--root"])
        .arg(site.path())
        .output()
        .expect("run guide");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("http://127.0.0.1/engineering/backend-developer/#how-would-you-handle-versioning"),
        "{text}"
    );
    assert!(text.contains("Backend Developer › Technical Assessment Questions"), "{text}");
    assert!(text.contains("(1 of "), "{text}");
}

#[test]
fn a_bad_query_is_a_clear_error() {
    let site = copy_fixture("search_site");
    build_ok(site.path());
    for (query, expected) in [
        ("nope:kubernetes", "There is no \"nope\" part of a page"),
        ("kubernetes +", "must be followed directly by a word"),
        ("*", "would match every word"),
    ] {
        let output = guide()
            .args(["search", query, "--root"])
            .arg(site.path())
            .output()
            .expect("run guide");
        assert_eq!(output.status.code(), Some(1), "{query}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error: cannot search for that: "), "{stderr}");
        assert!(stderr.contains(expected) && stderr.contains("Hint:"), "{query}: {stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_site_that_was_not_built_says_to_build_it_first() {
    let site = copy_fixture("search_site");
    let output = guide()
        .args(["search", "kubernetes", "--root"])
        .arg(site.path())
        .output()
        .expect("run guide");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("there is no search index at") && stderr.contains("run `guide build` first"),
        "{stderr}"
    );
}

/// A reader that has gone before the output comes (`guide search rust | head -1` once head
/// has its line): the command stops printing quietly, with the exit status it has when
/// read to the end, instead of a panic about a broken pipe.
#[cfg(unix)]
#[test]
fn output_to_a_reader_that_has_gone_ends_quietly() {
    let site = copy_fixture("search_site");
    build_ok(site.path());
    let root = site.path().to_str().expect("UTF-8 path");
    let commands: [&[&str]; 5] = [
        &["search", "kubernetes", "--root", root],
        &["search", "kubernetes", "--json", "--root", root],
        &["check", "--root", root],
        &["check", "--format", "json", "--root", root],
        &["build", "--root", root],
    ];
    for args in commands {
        let read_to_the_end = guide().args(args).output().expect("run guide");
        assert!(!read_to_the_end.stdout.is_empty(), "{args:?} prints");
        // A pipe whose reading end is closed before the command writes: every write fails.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_guide"))
            .args(args)
            .env_remove("CI")
            .stdout(writer)
            .output()
            .expect("run guide");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), read_to_the_end.status.code(), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}
