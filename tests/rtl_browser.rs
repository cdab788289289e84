//! A guide in Arabic in real headless Chromium (`tests/fixtures/languages/rtl`): its pages
//! lay out right to left and pass the theme test's checks: axe-core finds no WCAG 2.1 A/AA
//! violation in light and dark, no page scrolls sideways at 390, 360, 768 or 1280 px, and
//! no kind of page shifts its layout with the CPU slowed down 8x.
//!
//! Runs `tests/js/rtl_browser.js` (playwright-core driving Debian's `/usr/bin/chromium`). Set
//! `GUIDE_SKIP_BROWSER=1` to skip it; otherwise a missing Chromium or `tests/node_modules`
//! fails the test with how to install them.

mod common;

use std::path::Path;

#[test]
fn arabic_pages_lay_out_right_to_left_accessible_and_steady_in_headless_chromium() {
    if !common::browser_tests_enabled("right-to-left", &["playwright-core", "axe-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::run_node(
        [
            root.join("tests/js/rtl_browser.js").into_os_string(),
            "--guide".into(),
            env!("CARGO_BIN_EXE_guide").into(),
            "--fixture".into(),
            root.join("tests/fixtures/languages/rtl").into_os_string(),
        ],
        "the right-to-left browser test failed",
    );
}
