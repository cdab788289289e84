//! Output: files are written to a staging folder beside the output folder and swapped in
//! only when the whole build succeeded, so a failed build never touches the last good site.

pub mod csp;
pub mod deploy;
pub mod feed;
pub mod host_limits;
pub mod sitemap;
mod staging;

pub use staging::{Staging, lock_path, previous_path};

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};

/// One file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where a build's outputs go, each as soon as it is ready: the staging folder
/// ([`Staging`], `guide build`), memory ([`Memory`], `guide serve`), or a record of what
/// links may point to (`guide check`). Shared by the parallel render jobs.
pub trait Sink: Sync {
    /// Takes one finished file.
    fn write(&self, output: Output) -> Result<(), Diagnostic>;

    /// Takes a large file piece by piece, `write` producing its bytes; a sink that keeps
    /// files whole collects them first.
    fn write_streamed(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| Diagnostic::error(path, 0, 0, format!("cannot write: {e}")))?;
        self.write(Output { path: path.into(), bytes })
    }
}

/// A sink that writes every file into a language's folder: `de/` + the path.
pub struct Prefixed<'s> {
    pub prefix: &'s str,
    pub sink: &'s dyn Sink,
}

impl Sink for Prefixed<'_> {
    fn write(&self, mut output: Output) -> Result<(), Diagnostic> {
        output.path.insert_str(0, self.prefix);
        self.sink.write(output)
    }

    fn write_streamed(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<(), Diagnostic> {
        self.sink.write_streamed(&format!("{}{path}", self.prefix), write)
    }
}

/// Keeps every output in memory.
#[derive(Debug, Default)]
pub struct Memory {
    outputs: std::sync::Mutex<Vec<Output>>,
}

impl Memory {
    /// The outputs, sorted by path (jobs finish in any order).
    pub fn into_sorted(self) -> Vec<Output> {
        let mut outputs = self.outputs.into_inner().unwrap_or_else(|e| e.into_inner());
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        outputs
    }
}

impl Sink for Memory {
    fn write(&self, output: Output) -> Result<(), Diagnostic> {
        self.outputs.lock().unwrap_or_else(|e| e.into_inner()).push(output);
        Ok(())
    }
}

/// A file copied as-is into the output.
#[derive(Debug, Clone)]
pub struct CopiedFile {
    pub source: CopySource,
    /// Path relative to the output folder.
    pub path: String,
}

#[derive(Debug, Clone)]
pub enum CopySource {
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// Refuses output folders whose replacement would delete the user's sources.
pub fn check_output_dir(config: &Config) -> Result<(), Diagnostic> {
    let output = &config.output_dir;
    let root = &config.root;
    let guarded = ["content", "templates", "themes", "static"];
    let problem = if output == root || root.starts_with(output) {
        Some("is the site's own folder (or contains it)".to_string())
    } else {
        guarded
            .iter()
            .find(|n| root.join(n).starts_with(output) || output.starts_with(root.join(n)))
            .map(|name| format!("contains or lies inside the site's `{name}` folder"))
    };
    match problem {
        Some(problem) => Err(Diagnostic::error(
            "config.toml",
            0,
            0,
            format!(
                "the output folder {} {problem}; building would replace your source files",
                output.display()
            ),
        )
        .with_hint("set `output_dir` (or --output-dir) to a folder of its own, such as \"public\"")),
        None => Ok(()),
    }
}

/// Checks that a generated path stays inside the output folder.
pub(crate) fn safe_relative(path: &str) -> Option<PathBuf> {
    let candidate = Path::new(path);
    let ok = !path.is_empty() && candidate.components().all(|c| matches!(c, Component::Normal(_))) && !path.contains('\\');
    ok.then(|| candidate.to_path_buf())
}

/// Deletes a folder and everything in it, subfolders in parallel: the old output of a
/// large guide holds thousands of folders, and deleting them one by one was a tenth of
/// a rebuild's time. Best effort: what cannot be deleted stays.
pub(crate) fn remove_tree(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.par_iter().for_each(|entry| match entry.file_type() {
        Ok(kind) if kind.is_dir() => remove_tree(&entry.path()),
        _ => {
            let _ = std::fs::remove_file(entry.path());
        }
    });
    let _ = std::fs::remove_dir(dir);
}

/// A name beside `path` that nothing uses yet.
pub(crate) fn unique_sibling(path: &Path, tag: &str) -> Result<PathBuf, Diagnostic> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let parent = path.parent().unwrap_or(Path::new("."));
    (0..1000)
        .map(|n| parent.join(format!(".{name}.{tag}-{}-{n}", std::process::id())))
        .find(|candidate| !candidate.exists())
        .ok_or_else(|| {
            Diagnostic::error(
                path.display().to_string(),
                0,
                0,
                "cannot find a free temporary name beside the output folder",
            )
        })
}

/// What a copied output file is made from (borrowed from a [`CopySource`]).
#[derive(Clone, Copy)]
pub(crate) enum CopyRef<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

pub(crate) fn io_error(root: &Path, path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(display_path(root, path), 0, 0, format!("cannot write: {error}"))
        .with_hint("check that the folder exists, is writable, and that the disk is not full")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_tree_deletes_nested_folders_but_not_what_links_point_to() {
        let temp = tempfile::tempdir().unwrap();
        let kept = temp.path().join("kept");
        std::fs::create_dir(&kept).unwrap();
        std::fs::write(kept.join("file"), "x").unwrap();
        let old = temp.path().join("old");
        for dir in ["a/b/c", "a/d", "e"] {
            std::fs::create_dir_all(old.join(dir)).unwrap();
            std::fs::write(old.join(dir).join("index.html"), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(&kept, old.join("a/link")).unwrap();
        remove_tree(&old);
        assert!(!old.exists());
        assert!(kept.join("file").exists());
    }

    #[test]
    fn generated_paths_cannot_escape() {
        assert!(safe_relative("a/b/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert!(safe_relative("a\\..\\x").is_none());
        assert!(safe_relative("").is_none());
    }

    fn config(root: &str, output: &str) -> Config {
        let overrides = crate::config::Overrides {
            output_dir: Some(output.into()),
            base_url: None,
        };
        Config::from_text(Path::new(root), "", &overrides).unwrap()
    }

    #[test]
    fn output_dir_may_not_hold_sources() {
        assert!(check_output_dir(&config("/site", "/site")).is_err());
        assert!(check_output_dir(&config("/site", "/")).is_err());
        assert!(check_output_dir(&config("/site", "/site/content")).is_err());
        assert!(check_output_dir(&config("/site", "/site/static/out")).is_err());
        assert!(check_output_dir(&config("/site", "/site/public")).is_ok());
        assert!(check_output_dir(&config("/site", "/elsewhere/out")).is_ok());
    }
}
