//! Question links in real headless Chromium over the bundled guide: every question and
//! guide section of the Senior Backend Developer page, in English and in its German,
//! Japanese and Arabic translations, is the target of its own link (Japanese and Arabic
//! ids keep their script and arrive percent-encoded), and the table of contents leads to
//! its section.
//!
//! Runs `tests/js/anchors_browser.js` (playwright-core driving Debian's `/usr/bin/chromium`).
//! Set `GUIDE_SKIP_BROWSER=1` to skip it; otherwise a missing Chromium or
//! `tests/node_modules` fails the test with how to install them.

mod common;

use std::path::Path;

#[test]
fn every_translated_question_is_reached_by_its_link_in_headless_chromium() {
    if !common::browser_tests_enabled("anchor", &["playwright-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::run_node(
        [
            root.join("tests/js/anchors_browser.js").into_os_string(),
            "--guide".into(),
            env!("CARGO_BIN_EXE_guide").into(),
            "--site".into(),
            root.as_os_str().to_owned(),
        ],
        "the browser anchor test failed",
    );
}
