//! The search box and the `/search/` page work in real headless Chromium, at the site root
//! and under a sub-path `base_url`: typing "versioning" finds the API versioning question,
//! Enter opens it in view, `/search/?q=kubernetes` lists the Kubernetes roles, bad queries
//! show a hint without console errors, and a failed download offers a retry.
//!
//! Runs `tests/js/search_browser.js` (playwright-core driving Debian's `/usr/bin/chromium`).
//! Set `GUIDE_SKIP_BROWSER=1` to skip it; otherwise a missing Chromium or
//! `tests/node_modules` fails the test with how to install them (`scripts/test.sh` does).

use std::path::Path;
use std::process::Command;

#[test]
fn search_works_in_headless_chromium_at_the_root_and_under_a_sub_path() {
    if std::env::var("GUIDE_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("note: GUIDE_SKIP_BROWSER=1, skipping the headless Chromium search test");
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
        .arg(root.join("tests/js/search_browser.js"))
        .arg("--guide")
        .arg(env!("CARGO_BIN_EXE_guide"))
        .arg("--root")
        .arg(root.join("tests/fixtures/search_site"))
        .output()
        .expect("run node (is Node.js installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}");
    assert!(
        output.status.success(),
        "the browser search test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
