//! The Content Security Policy in real headless Chromium over the bundled guide: every kind
//! of page, with the policy in `<meta>` and from Netlify's `_headers`, is loaded and used
//! with no violation and no console error; content the policy must refuse is refused; and
//! `guide serve` still reloads pages under the policy.
//!
//! Runs `tests/js/csp_browser.js` (playwright-core driving Debian's `/usr/bin/chromium`).
//! Set `GUIDE_SKIP_BROWSER=1` to skip it; otherwise a missing Chromium or
//! `tests/node_modules` fails the test with how to install them.

mod common;

use std::path::Path;

#[test]
fn every_kind_of_page_runs_under_the_strict_policy_in_headless_chromium() {
    if !common::browser_tests_enabled("CSP", &["playwright-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::run_node(
        [
            root.join("tests/js/csp_browser.js").into_os_string(),
            "--guide".into(),
            env!("CARGO_BIN_EXE_guide").into(),
            "--site".into(),
            root.as_os_str().to_owned(),
        ],
        "the browser policy test failed",
    );
}
