//! The default theme in real headless Chromium, over the bundled guide (`content/`) and the
//! bad-input fixture (`tests/fixtures/theme_site`): axe-core finds no WCAG 2.1 A/AA
//! violation on any kind of page in light and dark; keyboard use (skip link, focus ring,
//! every control reachable); the light/dark switch; no horizontal scrolling at 360, 768 and
//! 1280 px; head tags and the Atom feed; the printed interview kit; no layout shift on any
//! kind of page with the CPU slowed down 8x; a role page's weight.
//!
//! Runs `tests/js/theme_browser.js` (playwright-core driving Debian's `/usr/bin/chromium`,
//! one browser for all checks). Set `GUIDE_SKIP_BROWSER=1` to skip it; otherwise a missing
//! Chromium or `tests/node_modules` fails the test with how to install them.

mod common;

use std::path::Path;

#[test]
fn the_theme_is_accessible_comfortable_findable_printable_and_light_in_headless_chromium() {
    if !common::browser_tests_enabled("theme", &["playwright-core", "axe-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::run_node(
        [
            root.join("tests/js/theme_browser.js").into_os_string(),
            "--guide".into(),
            env!("CARGO_BIN_EXE_guide").into(),
            "--site".into(),
            root.as_os_str().to_owned(),
            "--fixture".into(),
            root.join("tests/fixtures/theme_site").into_os_string(),
        ],
        "the browser theme test failed",
    );
}
