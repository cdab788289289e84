//! Readability in real headless Chromium, on computed styles: highlighted code in both
//! colour schemes, and link names (`tests/js/readable_browser.js`, playwright-core driving
//! Debian's `/usr/bin/chromium`). Set `GUIDE_SKIP_BROWSER=1` to skip them; otherwise a
//! missing Chromium or `tests/node_modules` fails the test with how to install them.

mod common;

use std::ffi::OsString;
use std::path::Path;

fn run_readable_browser(check: &str, sites: &[&Path]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args: Vec<OsString> = vec![
        root.join("tests/js/readable_browser.js").into(),
        "--guide".into(),
        env!("CARGO_BIN_EXE_guide").into(),
        "--only".into(),
        check.into(),
    ];
    for site in sites {
        args.push("--site".into());
        args.push(site.as_os_str().to_owned());
    }
    common::run_node(args, &format!("the browser {check} test failed"));
}

/// Regression test for dark mode showing the light theme's colours on the dark theme's
/// background (Go's `now` at 1.03:1 on Nord): the bundled guide and a block of every
/// bundled syntax, in light and dark, each set by the system and by the switch.
#[test]
fn every_highlighted_token_meets_4_5_to_1_in_both_schemes_set_by_the_system_or_the_switch() {
    if !common::browser_tests_enabled("code contrast", &["playwright-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let every_syntax = common::fixtures().join("highlight/every_syntax");
    run_readable_browser("contrast", &[root, &every_syntax]);
}

/// Regression test for the skill link that read just "Go" (Lighthouse: "Links do not have
/// descriptive text"): over the bundled guide and a guide whose skill, industry and section
/// names are such words.
#[test]
fn no_link_is_named_with_a_word_lighthouse_calls_generic() {
    if !common::browser_tests_enabled("link names", &["playwright-core"]) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generic = common::fixtures().join("links/generic_names");
    run_readable_browser("links", &[root, &generic]);
}
