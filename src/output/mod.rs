//! Output: files are written to a staging folder beside the output folder and swapped in
//! only when the whole build succeeded, so a failed build never touches the last good site.

pub mod feed;
pub mod sitemap;

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, display_path};
use crate::render::Output;

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
fn safe_relative(path: &str) -> Option<PathBuf> {
    let candidate = Path::new(path);
    let ok = !path.is_empty() && candidate.components().all(|c| matches!(c, Component::Normal(_))) && !path.contains('\\');
    ok.then(|| candidate.to_path_buf())
}

/// A folder beside the output folder that receives a build's files. It replaces the output
/// folder only on [`Staging::commit`]; dropped without a commit, it is deleted, so a failed
/// build never touches the last good site.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    root: PathBuf,
    committed: bool,
    created: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

impl Staging {
    /// Creates the staging folder after checking that the output folder is safe to replace.
    pub fn create(config: &Config) -> Result<Staging, Diagnostic> {
        check_output_dir(config)?;
        let output = config.output_dir.clone();
        let parent = output
            .parent()
            .ok_or_else(|| Diagnostic::error("config.toml", 0, 0, "the output folder has no parent folder"))?;
        std::fs::create_dir_all(parent).map_err(|e| io_error(&config.root, parent, &e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.staging-"))
            .tempdir_in(parent)
            .map_err(|e| io_error(&config.root, parent, &e))?
            .keep();
        Ok(Staging {
            dir,
            output,
            root: config.root.clone(),
            committed: false,
            created: Default::default(),
        })
    }

    /// Writes one generated file; safe to call from many threads.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.put(relative, CopyRef::Bytes(bytes))
    }

    /// Writes one generated file through `write`, which streams its bytes (buffered), so
    /// a large file is never held in memory whole. Like [`Staging::write`], the file only
    /// reaches the output folder on [`Staging::commit`].
    pub fn write_streamed(
        &self,
        relative: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        use std::io::Write;
        let relative_path = safe_relative(relative)
            .ok_or_else(|| Diagnostic::error(relative, 0, 0, "refusing to write a file outside the output folder"))?;
        let target = self.dir.join(relative_path);
        if let Some(dir) = target.parent() {
            self.ensure_dir(dir)?;
        }
        let result = std::fs::File::create(&target).and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
            write(&mut out)?;
            out.flush()
        });
        result.map_err(|e| io_error(&self.root, &target, &e))
    }

    /// Copies one static or content file.
    pub fn copy(&self, file: &CopiedFile) -> Result<(), Diagnostic> {
        match &file.source {
            CopySource::File(path) => self.put(&file.path, CopyRef::File(path)),
            CopySource::Bytes(bytes) => self.put(&file.path, CopyRef::Bytes(bytes)),
        }
    }

    fn put(&self, relative: &str, source: CopyRef<'_>) -> Result<(), Diagnostic> {
        let relative_path = safe_relative(relative)
            .ok_or_else(|| Diagnostic::error(relative, 0, 0, "refusing to write a file outside the output folder"))?;
        let target = self.dir.join(relative_path);
        if let Some(dir) = target.parent() {
            self.ensure_dir(dir)?;
        }
        let result = match source {
            CopyRef::Bytes(bytes) => std::fs::write(&target, bytes),
            CopyRef::File(path) => std::fs::copy(path, &target).map(|_| ()),
        };
        result.map_err(|e| io_error(&self.root, &target, &e))
    }

    /// Creates a folder once: most files share their folder with others, and on some file
    /// systems the repeated `mkdir` calls were a quarter of a build's time.
    fn ensure_dir(&self, dir: &Path) -> Result<(), Diagnostic> {
        let known = self.created.lock().map(|set| set.contains(dir)).unwrap_or(false);
        if !known {
            std::fs::create_dir_all(dir).map_err(|e| io_error(&self.root, dir, &e))?;
            if let Ok(mut set) = self.created.lock() {
                set.insert(dir.to_path_buf());
            }
        }
        Ok(())
    }

    /// Moves the old output aside, moves the staging folder into place, then deletes the old one.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let output = self.output.clone();
        let parent = output.parent().unwrap_or(Path::new(".")).to_path_buf();
        if output.exists() {
            let old = unique_sibling(&output, "old")?;
            std::fs::rename(&output, &old).map_err(|e| io_error(&self.root, &output, &e))?;
            if let Err(e) = std::fs::rename(&self.dir, &output) {
                // Put the last good site back before reporting.
                let _ = std::fs::rename(&old, &output);
                return Err(io_error(&self.root, &output, &e));
            }
            remove_tree(&old);
        } else {
            std::fs::rename(&self.dir, &output).map_err(|e| io_error(&self.root, &parent, &e))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Deletes a folder and everything in it, subfolders in parallel: the old output of a
/// large guide holds thousands of folders, and deleting them one by one was a tenth of
/// a rebuild's time. Best effort: what cannot be deleted stays.
fn remove_tree(dir: &Path) {
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
fn unique_sibling(path: &Path, tag: &str) -> Result<PathBuf, Diagnostic> {
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

/// Writes everything into a staging folder, then replaces the output folder with it.
pub fn write_site(config: &Config, outputs: &[Output], copies: &[CopiedFile]) -> Result<(), Diagnostic> {
    let staging = Staging::create(config)?;
    let rendered = outputs.par_iter().map(|o| staging.write(&o.path, &o.bytes));
    let copied = copies.par_iter().map(|c| staging.copy(c));
    let results: Vec<Result<(), Diagnostic>> = rendered.chain(copied).collect();
    results.into_iter().collect::<Result<(), Diagnostic>>()?;
    staging.commit()
}

enum CopyRef<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

fn io_error(root: &Path, path: &Path, error: &std::io::Error) -> Diagnostic {
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
