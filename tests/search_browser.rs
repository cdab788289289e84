//! The search box and the `/search/` page work in real headless Chromium, at the site root
//! and under a sub-path `base_url`: typing "versioning" finds the API versioning question,
//! Enter opens it in view, `/search/?q=kubernetes` lists the Kubernetes roles, bad queries
//! show a hint without console errors, and a failed download offers a retry.
//!
//! Runs `tests/js/search_browser.js` (playwright-core driving Debian's `/usr/bin/chromium`).
//! Set `GUIDE_SKIP_BROWSER=1` to skip it; otherwise a missing Chromium or
//! `tests/node_modules` fails the test with how to install them (`scripts/test.sh` does).

mod common;

use std::path::Path;

/// `guide build` of the guide at `root` into a temporary folder (kept while the first value
/// lives), and the built site's path.
fn built(root: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().expect("a temporary folder");
    let site = out.path().join("public");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_guide"))
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(&site)
        .status()
        .expect("run guide build");
    assert!(status.success(), "{} does not build", root.display());
    (out, site)
}

#[test]
fn search_works_in_headless_chromium_at_the_root_and_under_a_sub_path() {
    if !common::browser_tests_enabled("search", &["playwright-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::run_node(
        [
            root.join("tests/js/search_browser.js").into_os_string(),
            "--guide".into(),
            env!("CARGO_BIN_EXE_guide").into(),
            "--root".into(),
            root.join("tests/fixtures/search_site").into_os_string(),
        ],
        "the browser search test failed",
    );
}

/// Runs tests/js/search_languages_browser.js on the built `site`'s German, Japanese and
/// Arabic pages with the extra `checks`; returns its report.
fn search_in_german_japanese_and_arabic(site: &Path, checks: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::run_node(
        [
            root.join("tests/js/search_languages_browser.js").into_os_string(),
            "--site".into(),
            site.as_os_str().to_owned(),
            "--languages".into(),
            "de,ja,ar".into(),
            "--checks".into(),
            checks.as_os_str().to_owned(),
        ],
        &format!("the multilingual browser search test on {} failed", site.display()),
    )
}

/// In German, Japanese and Arabic, a query typed into the box finds the translated question
/// and following it lands on its anchor: German through the WebAssembly stemmer (a plural
/// finds the singular), Japanese through character pairs, Arabic through its WebAssembly
/// stemmer too ("الطلبات", "the orders", finds a question that only has "للطلبات", "for the
/// orders"). One typed letter asks for a second in the page's language.
#[test]
fn search_finds_translated_questions_in_german_japanese_and_arabic_in_headless_chromium() {
    if !common::browser_tests_enabled("multilingual search", &["playwright-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = root.join("tests/fixtures/search_languages_site");
    let (_out, site) = built(&fixture);
    let report = search_in_german_japanese_and_arabic(&site, &fixture.join("checks.json"));
    assert!(report.contains("8 passed, 0 failed"), "{report}");
    for language in ["de", "ja", "ar"] {
        assert!(report.contains(&format!("ok {language}: one letter asks for two")), "{report}");
    }
}

/// The same on the bundled starter guide, as built from this repository: on its German,
/// Japanese and Arabic home pages, a query derived from the first translated question (its
/// rarest word, or pair of characters) finds it and lands on its anchor; and a word in Latin
/// letters on an Arabic page ("Monolithic", `tests/fixtures/starter_search_checks.json`),
/// which lunr.ar's trimmer would drop, finds its question.
#[test]
fn the_starter_guide_is_searchable_in_german_japanese_and_arabic_in_headless_chromium() {
    if !common::browser_tests_enabled("multilingual search", &["playwright-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_out, site) = built(root);
    let report = search_in_german_japanese_and_arabic(&site, &root.join("tests/fixtures/starter_search_checks.json"));
    assert!(report.contains("4 passed, 0 failed"), "{report}");
}
