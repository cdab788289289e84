//! `guide serve` in real headless Chromium: after an edit the open page reloads by itself
//! (and tells the server once it has loaded);
//! a breaking edit shows the error overlay with the file, line and message (also on a page
//! opened while the build is broken); fixing the file reloads the page without it.
//!
//! Runs `tests/js/serve_browser.js` (playwright-core driving Debian's `/usr/bin/chromium`)
//! over a copy of `tests/fixtures/check/clean`. Set `GUIDE_SKIP_BROWSER=1` to skip it;
//! otherwise a missing Chromium or `tests/node_modules` fails the test with how to install
//! them (`scripts/test.sh` does).

mod common;

use std::path::Path;

#[test]
fn the_page_reloads_after_an_edit_and_shows_and_clears_the_error_overlay() {
    if !common::browser_tests_enabled("serve", &["playwright-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let stdout = common::run_node(
        [
            root.join("tests/js/serve_browser.js").into_os_string(),
            "--guide".into(),
            env!("CARGO_BIN_EXE_guide").into(),
            "--root".into(),
            root.join("tests/fixtures/check/clean").into_os_string(),
        ],
        "the browser serve test failed",
    );
    assert_eq!(stdout.matches("ok - ").count() - stdout.matches("not ok - ").count(), 5, "{stdout}");
}
