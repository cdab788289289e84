//! Helpers shared by the integration tests: fixture sites copied into temporary folders and
//! the real `guide` binary run over them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use interview_guide::search;

/// The folder holding the test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies a fixture site into a fresh temporary folder, so tests never write into the repo.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixtures().join(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The `guide` binary with the environment fixed for reproducible output.
pub fn guide() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_guide"));
    cmd.env_remove("CI");
    cmd
}

/// Builds a site and panics with its messages if the build fails.
pub fn build_ok(root: &Path) -> std::process::Output {
    let output = guide().arg("build").arg("--root").arg(root).output().expect("run guide");
    assert!(
        output.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Every file below `dir` with its bytes, sorted by path.
pub fn snapshot_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).expect("prefix").to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

/// The `<main>` element of a page: the part snapshots care about.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    html[start..end].to_string()
}

/// Turns `minify_html` on in a fixture site's config (the fixtures keep it off, so that
/// snapshots stay readable).
pub fn minify_on(root: &Path) {
    let config = root.join("config.toml");
    let minified = read(&config).replace("minify_html = false", "minify_html = true");
    assert!(minified.contains("minify_html = true"), "the fixture's config changed: {minified}");
    std::fs::write(&config, minified).expect("write config");
}

pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref()).unwrap_or_else(|e| panic!("read {}: {e}", path.as_ref().display()))
}

/// Whether the headless Chromium tests run: not under `GUIDE_SKIP_BROWSER=1` (a note says
/// so); otherwise Chromium and the npm `packages` must be installed, or the test fails
/// with how to install them.
pub fn browser_tests_enabled(what: &str, packages: &[&str]) -> bool {
    if std::env::var("GUIDE_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!("note: GUIDE_SKIP_BROWSER=1, skipping the headless Chromium {what} test");
        return false;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium = std::env::var("GUIDE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium is not installed at {chromium}: install it with `apt-get install chromium` \
         (scripts/test.sh does), or set GUIDE_SKIP_BROWSER=1 to skip this test"
    );
    for package in packages {
        assert!(
            root.join("tests/node_modules").join(package).join("package.json").exists(),
            "{package} is not installed in tests/node_modules: run `npm ci --prefix tests` \
             (scripts/test.sh does), or set GUIDE_SKIP_BROWSER=1 to skip this test"
        );
    }
    true
}

/// Runs `node` with `args`, prints and returns its stdout, and fails the test with
/// `failure` and both outputs when it does not succeed.
pub fn run_node<I, S>(args: I, failure: &str) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = std::process::Command::new("node")
        .args(args)
        .output()
        .expect("run node (is Node.js installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    eprintln!("{stdout}");
    assert!(
        output.status.success(),
        "{failure}:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Whether to run the comparisons with lunr.js under Node: false only with
/// GUIDE_SKIP_NODE=1; a missing npm `package` (`lunr`, `lunr-languages`) in
/// tests/node_modules fails the test with the command that installs it.
pub fn node_checks_enabled(package: &str) -> bool {
    if std::env::var("GUIDE_SKIP_NODE").is_ok_and(|v| v == "1") {
        eprintln!("note: GUIDE_SKIP_NODE=1, skipping the comparison with lunr.js");
        return false;
    }
    let installed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/node_modules")
        .join(package)
        .join("package.json");
    assert!(
        installed.exists(),
        "{package} is not installed in tests/node_modules: run `npm ci --prefix tests` \
         (or set GUIDE_SKIP_NODE=1 to skip the lunr.js comparison)"
    );
    true
}

/// A temporary folder for one comparison's files, removed when dropped.
pub struct Scratch(tempfile::TempDir);

impl Scratch {
    pub fn new() -> Scratch {
        Scratch(tempfile::tempdir().expect("create a temporary directory"))
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// Writes `text` to the file `name` in the folder; returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path().join(name);
        std::fs::write(&path, text).expect("write a temporary file");
        path
    }

    /// Writes the search files of `pages` in `pipeline`'s language into the folder, as a
    /// build would: the client's shards (of about `shard_bytes`) and the full lunr index.
    pub fn write_search_files(&self, pages: &[search::SearchPage], pipeline: search::TextPipeline, shard_bytes: usize) {
        struct Files<'a>(&'a Path);
        impl search::SearchSink<std::io::Error> for Files<'_> {
            fn file(&self, file: search::shards::SearchFile) -> Result<(), std::io::Error> {
                let path = self.0.join(&file.path);
                std::fs::create_dir_all(path.parent().unwrap_or(self.0))?;
                std::fs::write(path, file.bytes)
            }
            fn streamed(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> std::io::Result<()> {
                let mut file = std::fs::File::create(self.0.join(path))?;
                write(&mut file)
            }
        }
        let settings = search::shards::ShardSettings {
            shard_bytes,
            client: Some(search::shards::ClientForm::Sharded),
            full_index: search::FullIndex::Always,
        };
        search::write_search_files(pages, pipeline, &settings, &Files(self.path())).expect("write the search files");
    }
}
