//! The staging folder a build writes into, and the swap that publishes it.
//!
//! After a swap the replaced output is kept beside the new one as `.<name>.previous` and
//! becomes the next build's staging folder. A file whose bytes did not change is then
//! left alone instead of written again, and files the new build no longer produces are
//! deleted just before the swap. Creating and deleting tens of thousands of files was
//! the largest cost of rebuilding a large guide on a disk file system; comparing them is
//! cheap. Unchanged files also keep their modification time, which deploy tools notice.
//!
//! A build may be killed at any moment. The output folder is only ever replaced by one
//! atomic exchange of two names, so it is always either the last good site or the new
//! complete one; what a killed build leaves beside it (a half-written staging folder, or
//! the replaced output not yet renamed) is taken up by the next build as its staging
//! folder. One build at a time holds a lock beside the output folder; the system releases
//! it when the process ends, however it ends, so a killed build never blocks the next.

use std::collections::HashSet;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::{CopiedFile, CopyRef, CopySource, check_output_dir, io_error, remove_tree, safe_relative, unique_sibling};
use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// A folder beside the output folder that receives a build's files. It replaces the output
/// folder only on [`Staging::commit`]; dropped without a commit, it is set aside for the
/// next build to recycle, so a failed build never touches the last good site.
pub struct Staging {
    /// Held until the staging folder is committed or set aside (dropped after `drop`).
    _lock: std::fs::File,
    dir: PathBuf,
    output: PathBuf,
    root: PathBuf,
    committed: bool,
    created: Mutex<HashSet<PathBuf>>,
    /// Present when `dir` is a previous output being overwritten in place.
    recycled: Option<Recycled>,
}

impl super::Sink for Staging {
    fn write(&self, output: super::Output) -> Result<(), Diagnostic> {
        Staging::write(self, &output.path, &output.bytes)
    }

    fn write_streamed(&self, path: &str, write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Diagnostic> {
        Staging::write_streamed(self, path, write)
    }
}

/// What a recycled staging folder held before this build, and what the build wrote.
struct Recycled {
    files: Vec<PathBuf>,
    /// Deepest first, so emptied folders can be removed in one pass.
    dirs: Vec<PathBuf>,
    written: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// Creates the staging folder after checking that the output folder is safe to replace:
    /// the previous output set aside by the last build when there is one, else a new folder.
    pub fn create(config: &Config) -> Result<Staging, Diagnostic> {
        check_output_dir(config)?;
        let output = config.output_dir.clone();
        let parent = output
            .parent()
            .ok_or_else(|| Diagnostic::error("config.toml", 0, 0, "the output folder has no parent folder"))?;
        std::fs::create_dir_all(parent).map_err(|e| io_error(&config.root, parent, &e))?;
        let lock = lock_output(&output, &config.root)?;
        let (dir, recycled) = match take_previous(&output)? {
            Some(dir) => {
                let recycled = Recycled::inventory(&dir);
                (dir, Some(recycled))
            }
            None => {
                let dir = tempfile::Builder::new()
                    .prefix(&format!(".{}.staging-", output_name(&output)))
                    .tempdir_in(parent)
                    .map_err(|e| io_error(&config.root, parent, &e))?
                    .keep();
                (dir, None)
            }
        };
        Ok(Staging {
            _lock: lock,
            dir,
            output,
            root: config.root.clone(),
            committed: false,
            created: Default::default(),
            recycled,
        })
    }

    /// Whether this build overwrites a previous output in place.
    pub fn is_recycled(&self) -> bool {
        self.recycled.is_some()
    }

    /// Writes one generated file; safe to call from many threads.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.put(relative, CopyRef::Bytes(bytes))
    }

    /// Writes one generated file through `write`, which streams its bytes (buffered), so
    /// a large file is never held in memory whole. Like [`Staging::write`], the file only
    /// reaches the output folder on [`Staging::commit`].
    pub fn write_streamed(&self, relative: &str, write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Diagnostic> {
        let target = self.prepare(relative)?;
        let result = if self.recycled.is_some() {
            overwrite_streamed(&target, write)
        } else {
            std::fs::File::create(&target).and_then(|file| {
                let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
                write(&mut out)?;
                out.flush()
            })
        };
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
        let target = self.prepare(relative)?;
        let result = match (source, self.recycled.is_some()) {
            (CopyRef::Bytes(bytes), false) => std::fs::write(&target, bytes),
            (CopyRef::File(path), false) => std::fs::copy(path, &target).map(|_| ()),
            (CopyRef::Bytes(bytes), true) => overwrite(&target, bytes),
            (CopyRef::File(path), true) => std::fs::read(path).and_then(|bytes| overwrite(&target, &bytes)),
        };
        result.map_err(|e| match source {
            // The source's own error, when that is what failed (unreadable, or gone).
            CopyRef::File(path) => match std::fs::File::open(path) {
                Err(unreadable) => Diagnostic::cannot_read(crate::diagnostics::display_path(&self.root, path), &unreadable),
                Ok(_) => io_error(&self.root, &target, &e),
            },
            CopyRef::Bytes(_) => io_error(&self.root, &target, &e),
        })
    }

    /// The checked absolute path of an output file, with its folder in place.
    fn prepare(&self, relative: &str) -> Result<PathBuf, Diagnostic> {
        let relative_path = safe_relative(relative)
            .ok_or_else(|| Diagnostic::error(relative, 0, 0, "refusing to write a file outside the output folder"))?;
        let target = self.dir.join(relative_path);
        if let Some(dir) = target.parent() {
            self.ensure_dir(dir)?;
        }
        if let Some(recycled) = &self.recycled
            && let Ok(mut written) = recycled.written.lock()
        {
            written.insert(target.clone());
        }
        Ok(target)
    }

    /// Creates a folder once: most files share their folder with others, and on some file
    /// systems the repeated `mkdir` calls were a quarter of a build's time.
    fn ensure_dir(&self, dir: &Path) -> Result<(), Diagnostic> {
        let known = self.created.lock().map(|set| set.contains(dir)).unwrap_or(false);
        if !known {
            let mut made = std::fs::create_dir_all(dir);
            if made.is_err() && self.recycled.is_some() {
                // A file of the previous output sits where this build needs a folder.
                remove_files_on_the_way(&self.dir, dir);
                made = std::fs::create_dir_all(dir);
            }
            made.map_err(|e| io_error(&self.root, dir, &e))?;
            if let Ok(mut set) = self.created.lock() {
                set.insert(dir.to_path_buf());
            }
        }
        Ok(())
    }

    /// Deletes what a recycled folder held that this build did not write, then moves the
    /// output aside (as the next build's staging folder) and this folder into its place.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        if let Some(recycled) = self.recycled.take() {
            recycled.remove_unwritten();
        }
        let output = self.output.clone();
        let parent = output.parent().unwrap_or(Path::new(".")).to_path_buf();
        if std::fs::symlink_metadata(&output).is_err() {
            std::fs::rename(&self.dir, &output).map_err(|e| io_error(&self.root, &parent, &e))?;
        } else if exchange(&self.dir, &output).is_ok() {
            // `self.dir` now holds the replaced output. Killed before this rename, the
            // next build finds it as a leftover staging folder and recycles it.
            let previous = previous_path(&output);
            clear(&previous);
            if std::fs::rename(&self.dir, &previous).is_err() {
                remove_tree(&self.dir);
            }
        } else {
            // No atomic exchange on this system: two renames, with a moment between them
            // in which the output folder is missing.
            let previous = previous_path(&output);
            clear(&previous);
            std::fs::rename(&output, &previous).map_err(|e| io_error(&self.root, &output, &e))?;
            if let Err(e) = std::fs::rename(&self.dir, &output) {
                // Put the last good site back before reporting.
                let _ = std::fs::rename(&previous, &output);
                return Err(io_error(&self.root, &output, &e));
            }
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that failed leaves its folder for the next one to recycle.
    fn drop(&mut self) {
        if !self.committed {
            let previous = previous_path(&self.output);
            if std::fs::symlink_metadata(&previous).is_ok() || std::fs::rename(&self.dir, &previous).is_err() {
                remove_tree(&self.dir);
            }
        }
    }
}

impl Recycled {
    /// Lists a recycled folder, deleting anything that is neither a file nor a folder
    /// (a symbolic link left there must not redirect this build's writes).
    fn inventory(dir: &Path) -> Recycled {
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        list_tree(dir, &mut files, &mut dirs);
        dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        Recycled {
            files,
            dirs,
            written: Default::default(),
        }
    }

    fn remove_unwritten(self) {
        let written = self.written.into_inner().unwrap_or_default();
        self.files.par_iter().filter(|f| !written.contains(*f)).for_each(|f| {
            let _ = std::fs::remove_file(f);
        });
        for dir in &self.dirs {
            // Fails, as it should, for every folder that still holds something.
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Files and folders under `dir` (not `dir` itself), subfolders read in parallel.
fn list_tree(dir: &Path, files: &mut Vec<PathBuf>, dirs: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
    let listed: Vec<(Vec<PathBuf>, Vec<PathBuf>)> = entries
        .par_iter()
        .map(|entry| {
            let (mut files, mut dirs) = (Vec::new(), Vec::new());
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => {
                    list_tree(&path, &mut files, &mut dirs);
                    dirs.push(path);
                }
                Ok(kind) if kind.is_file() => files.push(path),
                _ => {
                    let _ = std::fs::remove_file(&path);
                }
            }
            (files, dirs)
        })
        .collect();
    for (f, d) in listed {
        files.extend(f);
        dirs.extend(d);
    }
}

/// Writes `bytes` to `target` unless it already holds exactly them.
fn overwrite(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::symlink_metadata(target) {
        Ok(meta) if shared(&meta) => std::fs::remove_file(target)?,
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 && std::fs::read(target)? == bytes => {
            return Ok(());
        }
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(target)?,
        _ => {}
    }
    std::fs::write(target, bytes)
}

/// A file with other hard links (a deploy snapshot made with `cp -al`, say) must be
/// replaced, not overwritten, or the snapshot would change too.
fn shared(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.is_file() && meta.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Streams a file over an existing one, reading instead of writing while the bytes agree.
fn overwrite_streamed(target: &Path, write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    match std::fs::symlink_metadata(target) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(target)?,
        Ok(meta) if shared(&meta) => std::fs::remove_file(target)?,
        _ => {}
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(target)?;
    let old_len = file.metadata()?.len();
    let mut out = std::io::BufWriter::with_capacity(
        1 << 20,
        Overwriter {
            file,
            position: 0,
            unchanged: true,
            scratch: Vec::new(),
        },
    );
    write(&mut out)?;
    out.flush()?;
    let overwriter = out.into_inner().map_err(|e| e.into_error())?;
    if overwriter.position != old_len {
        overwriter.file.set_len(overwriter.position)?;
    }
    Ok(())
}

/// A writer over an existing file that compares each chunk with the bytes already there
/// and only starts writing at the first difference.
struct Overwriter {
    file: std::fs::File,
    position: u64,
    unchanged: bool,
    scratch: Vec<u8>,
}

impl Write for Overwriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.unchanged {
            self.scratch.clear();
            (&mut self.file).take(data.len() as u64).read_to_end(&mut self.scratch)?;
            if self.scratch == data {
                self.position += data.len() as u64;
                return Ok(data.len());
            }
            self.unchanged = false;
            self.file.seek(SeekFrom::Start(self.position))?;
        }
        self.file.write_all(data)?;
        self.position += data.len() as u64;
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Deletes the files among `dir`'s ancestors inside `root`, so `dir` can be created.
fn remove_files_on_the_way(root: &Path, dir: &Path) {
    let Ok(relative) = dir.strip_prefix(root) else { return };
    let mut path = root.to_path_buf();
    for component in relative.components() {
        path.push(component);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
            let _ = std::fs::remove_file(&path);
            return;
        }
    }
}

/// Takes the output set aside by the last build as this build's staging folder, or else
/// a staging folder a killed build left behind. Other leftovers are deleted: with the lock
/// held, no other build is using them.
fn take_previous(output: &Path) -> Result<Option<PathBuf>, Diagnostic> {
    let mut leftovers = leftover_staging(output);
    let previous = previous_path(output);
    let taken = match std::fs::symlink_metadata(&previous) {
        Ok(meta) if meta.is_dir() => {
            let dir = unique_sibling(output, "staging")?;
            std::fs::rename(&previous, &dir).ok().map(|()| dir)
        }
        Ok(_) => {
            clear(&previous);
            None
        }
        Err(_) => None,
    };
    let taken = taken.or_else(|| leftovers.pop());
    leftovers.par_iter().for_each(|dir| clear(dir));
    Ok(taken)
}

/// Staging folders of builds that were killed: `.public.staging-*` beside `public`.
fn leftover_staging(output: &Path) -> Vec<PathBuf> {
    let prefix = format!(".{}.staging-", output_name(output));
    let parent = output.parent().unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Takes the lock that lets one build at a time write beside `output`. The lock file
/// stays; the lock on it ends with the process.
fn lock_output(output: &Path, root: &Path) -> Result<std::fs::File, Diagnostic> {
    let path = lock_path(output);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| io_error(root, &path, &e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Diagnostic::error(
            crate::diagnostics::display_path(root, output),
            0,
            0,
            "another `guide build` is writing this output folder right now",
        )
        .with_hint(format!(
            "wait until that build has finished, then build again; it holds a lock on {} that ends with it",
            crate::diagnostics::display_path(root, &path).display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(io_error(root, &path, &e)),
    }
}

/// The lock file beside the output folder: `.public.lock` beside `public`.
pub fn lock_path(output: &Path) -> PathBuf {
    let parent = output.parent().unwrap_or(Path::new("."));
    parent.join(format!(".{}.lock", output_name(output)))
}

/// Swaps the names of two folders in one step, so that neither name is ever missing.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (a, b) = (c_path(a)?, c_path(b)?);
    // The system call itself, not glibc's wrapper: the wrapper came with glibc 2.28, and the
    // release binaries link against glibc 2.17 (the kernel has had the call since 3.15; an
    // older one answers ENOSYS and the caller falls back to two renames).
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Deletes whatever is at `path`, without following a symbolic link.
fn clear(path: &Path) {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => remove_tree(path),
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// Where the replaced output waits for the next build: `.public.previous` beside `public`.
pub fn previous_path(output: &Path) -> PathBuf {
    let parent = output.parent().unwrap_or(Path::new("."));
    parent.join(format!(".{}.previous", output_name(output)))
}

fn output_name(output: &Path) -> String {
    output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(root: &Path) -> Config {
        let overrides = crate::config::Overrides {
            output_dir: Some(root.join("public")),
            base_url: None,
        };
        Config::from_text(root, "", &overrides).unwrap()
    }

    /// One build that writes `files` (path, bytes) and streams `streamed`, then commits.
    fn build(config: &Config, files: &[(&str, &str)], streamed: &str) -> bool {
        let staging = Staging::create(config).unwrap();
        let recycled = staging.is_recycled();
        for (path, bytes) in files {
            staging.write(path, bytes.as_bytes()).unwrap();
        }
        staging
            .write_streamed("search/index.json", &mut |out| {
                // Several writes, as a streamed index makes.
                for chunk in streamed.as_bytes().chunks(3) {
                    out.write_all(chunk)?;
                }
                Ok(())
            })
            .unwrap();
        staging.commit().unwrap();
        recycled
    }

    fn read(path: PathBuf) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[cfg(unix)]
    fn inode(path: PathBuf) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).unwrap().ino()
    }

    #[test]
    fn the_third_build_overwrites_the_first_in_place_and_drops_what_is_gone() {
        let temp = tempfile::tempdir().unwrap();
        let config = config(temp.path());
        let public = temp.path().join("public");
        let previous = previous_path(&public);
        assert!(!build(&config, &[("a.html", "same"), ("gone/index.html", "old")], "streamed, long"));
        assert!(!build(&config, &[("a.html", "same"), ("b/index.html", "two")], "streamed, long"));
        assert!(previous.join("gone/index.html").exists(), "the first output is set aside");
        #[cfg(unix)]
        let kept = inode(previous.join("a.html"));

        assert!(build(&config, &[("a.html", "same"), ("b/index.html", "three")], "streamed"));
        assert_eq!(read(public.join("a.html")), "same");
        assert_eq!(read(public.join("b/index.html")), "three");
        assert_eq!(read(public.join("search/index.json")), "streamed");
        assert!(!public.join("gone").exists(), "files and folders no longer built are deleted");
        #[cfg(unix)]
        assert_eq!(inode(public.join("a.html")), kept, "an unchanged file is not written again");
        assert_eq!(
            read(previous.join("b/index.html")),
            "two",
            "the second output waits for the fourth build"
        );

        assert!(build(&config, &[("a.html", "changed")], "streamed, and longer"));
        assert_eq!(read(public.join("a.html")), "changed");
        assert_eq!(read(public.join("search/index.json")), "streamed, and longer");
        assert!(!public.join("b").exists());
    }

    #[test]
    fn whatever_the_previous_output_holds_cannot_spoil_or_escape_a_build() {
        let temp = tempfile::tempdir().unwrap();
        let config = config(temp.path());
        let public = temp.path().join("public");
        let previous = previous_path(&public);
        let outside = temp.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("index.html"), "precious").unwrap();
        std::fs::create_dir_all(previous.join("page.html/deep")).unwrap();
        std::fs::write(previous.join("section"), "a file where a folder goes").unwrap();
        std::fs::write(previous.join("search"), "another").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, previous.join("linked")).unwrap();

        let files = [
            ("page.html", "page"),
            ("section/index.html", "section"),
            ("linked/index.html", "mine"),
        ];
        assert!(build(&config, &files, "index"));
        assert_eq!(read(public.join("page.html")), "page");
        assert_eq!(read(public.join("section/index.html")), "section");
        assert_eq!(read(public.join("linked/index.html")), "mine");
        assert_eq!(read(public.join("search/index.json")), "index");
        assert_eq!(read(outside.join("index.html")), "precious");
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_linked_file_is_replaced_not_overwritten() {
        let temp = tempfile::tempdir().unwrap();
        let config = config(temp.path());
        let public = temp.path().join("public");
        build(&config, &[("a.html", "one")], "x");
        build(&config, &[("a.html", "two")], "x");
        let snapshot = temp.path().join("snapshot.html");
        std::fs::hard_link(previous_path(&public).join("a.html"), &snapshot).unwrap();
        build(&config, &[("a.html", "new")], "x");
        assert_eq!(read(public.join("a.html")), "new");
        assert_eq!(read(snapshot), "one");
    }

    #[test]
    fn a_failed_build_leaves_the_output_alone_and_its_files_for_the_next() {
        let temp = tempfile::tempdir().unwrap();
        let config = config(temp.path());
        let public = temp.path().join("public");
        build(&config, &[("a.html", "good")], "x");
        let staging = Staging::create(&config).unwrap();
        staging.write("a.html", b"half-built").unwrap();
        drop(staging);
        assert_eq!(read(public.join("a.html")), "good");
        let names: Vec<String> = std::fs::read_dir(temp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.contains("staging")), "{names:?}");
        assert!(
            build(&config, &[("a.html", "better")], "x"),
            "the next build recycles the failed one's folder"
        );
        assert_eq!(read(public.join("a.html")), "better");
    }
}
