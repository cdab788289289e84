//! `guide serve` in real headless Chromium: after an edit the open page reloads by itself;
//! a breaking edit shows the error overlay with the file, line and message (also on a page
//! opened while the build is broken); fixing the file reloads the page without it.
//!
//! Runs `tests/js/serve_browser.js` (playwright-core driving Debian's `/usr/bin/chromium`)
//! over a copy of `tests/fixtures/check/clean`. Set `GUIDE_SKIP_BROWSER=1` to skip it;
//! otherwise a missing Chromium or `tests/node_modules` fails the test with how to install
//! them (`scripts/test.sh` does).

use std::path::Path;
use std::process::Command;

#[test]
fn the_page_reloads_after_an_edit_and_shows_and_clears_the_error_overlay() {
    if std::env::var("GUIDE_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("note: GUIDE_SKIP_BROWSER=1, skipping the headless Chromium serve test");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium = std::env::var("GUIDE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium is not installed at {chromium}: install it with `apt-get install chromium` \
         (scripts/test.sh does), or set GUIDE_SKIP_BROWSER=1 to skip this test"
    );
    assert!(
        root.join("tests/node_modules/playwright-core/package.json").exists(),
        "playwright-core is not installed in tests/node_modules: run `npm ci --prefix tests` \
         (scripts/test.sh does), or set GUIDE_SKIP_BROWSER=1 to skip this test"
    );
    let output = Command::new("node")
        .arg(root.join("tests/js/serve_browser.js"))
        .arg("--guide")
        .arg(env!("CARGO_BIN_EXE_guide"))
        .arg("--root")
        .arg(root.join("tests/fixtures/check/clean"))
        .output()
        .expect("run node (is Node.js installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}");
    assert!(
        output.status.success(),
        "the browser serve test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout.matches("ok - ").count() - stdout.matches("not ok - ").count(), 4, "{stdout}");
}
