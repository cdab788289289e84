//! `guide serve --edit` in real headless Chromium, over a copy of the starter guide
//! (`config.toml` and `content/`): the "Edit this page" link, a keyboard-only change of the
//! salary and the skills that changes only those lines of the file, the open page reloaded
//! with the change and equal to what `guide build` writes, an invalid salary shown beside
//! its field with nothing written, undo, a conflict with a change made on disk, a new role
//! in its section, and axe-core in light and dark.
//!
//! Runs `tests/js/editor_browser.js` (playwright-core driving Debian's `/usr/bin/chromium`).
//! Set `GUIDE_SKIP_BROWSER=1` to skip it; otherwise a missing Chromium or
//! `tests/node_modules` fails the test with how to install them (`scripts/test.sh` does).

mod common;

use std::path::Path;

#[test]
fn hr_staff_edit_a_role_in_the_browser_safely() {
    if !common::browser_tests_enabled("editor", &["playwright-core", "axe-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let stdout = common::run_node(
        [
            root.join("tests/js/editor_browser.js").into_os_string(),
            "--guide".into(),
            env!("CARGO_BIN_EXE_guide").into(),
            "--site".into(),
            root.as_os_str().to_owned(),
        ],
        "the browser editor test failed",
    );
    assert_eq!(stdout.matches("ok - ").count() - stdout.matches("not ok - ").count(), 8, "{stdout}");
}
