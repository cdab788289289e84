//! The default theme in real headless Chromium, over the bundled guide (`content/`) and the
//! bad-input fixture (`tests/fixtures/theme_site`): axe-core finds no WCAG 2.1 A/AA
//! violation on any kind of page in light and dark; keyboard use (skip link, focus ring,
//! every control reachable); the light/dark switch; no horizontal scrolling at 360, 768 and
//! 1280 px; head tags and the Atom feed; the printed interview kit; a role page's weight.
//!
//! Runs `tests/js/theme_browser.js` (playwright-core driving Debian's `/usr/bin/chromium`,
//! one browser for all checks). Set `GUIDE_SKIP_BROWSER=1` to skip it; otherwise a missing
//! Chromium or `tests/node_modules` fails the test with how to install them.

use std::path::Path;
use std::process::Command;

#[test]
fn the_theme_is_accessible_comfortable_findable_printable_and_light_in_headless_chromium() {
    if std::env::var("GUIDE_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("note: GUIDE_SKIP_BROWSER=1, skipping the headless Chromium theme test");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium = std::env::var("GUIDE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium is not installed at {chromium}: install it with `apt-get install chromium` \
         (scripts/test.sh does), or set GUIDE_SKIP_BROWSER=1 to skip this test"
    );
    for package in ["playwright-core", "axe-core"] {
        assert!(
            root.join("tests/node_modules").join(package).join("package.json").exists(),
            "{package} is not installed in tests/node_modules: run `npm ci --prefix tests` \
             (scripts/test.sh does), or set GUIDE_SKIP_BROWSER=1 to skip this test"
        );
    }
    let output = Command::new("node")
        .arg(root.join("tests/js/theme_browser.js"))
        .arg("--guide")
        .arg(env!("CARGO_BIN_EXE_guide"))
        .arg("--site")
        .arg(root)
        .arg("--fixture")
        .arg(root.join("tests/fixtures/theme_site"))
        .output()
        .expect("run node (is Node.js installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}");
    assert!(
        output.status.success(),
        "the browser theme test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
