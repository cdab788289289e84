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
