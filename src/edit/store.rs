//! Where the editor may read and write, and how it writes: paths confined to `content/`,
//! each file's fingerprint to catch a change made on disk meanwhile, atomic writes, and the
//! previous version of each saved file kept in `.guide-edits/` for one undo.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::content::CONTENT_DIR;

/// The folder beside `content/` where the version before each save is kept: one file per
/// edited page, at the page's own path (`.guide-edits/content/engineering/x.md`).
pub const EDITS_DIR: &str = ".guide-edits";

/// A Markdown file under `content/` that the editor may open.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentFile {
    pub path: PathBuf,
    /// Its path below `content/`, with `/`: `engineering/backend.md`.
    pub relative: String,
    /// As messages show it: `content/engineering/backend.md`.
    pub shown: PathBuf,
}

/// Why a path was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused(pub String);

/// The content file at `requested` (already percent-decoded, relative to `content/`):
/// refused when it could name a place outside `content/`: `..` or `.` parts, hidden
/// names (`.guide-edits`), absolute paths or drive letters, backslashes, NUL, a symbolic
/// link anywhere below `content/`, or anything but a `.md` file.
pub fn resolve(root: &Path, requested: &str) -> Result<ContentFile, Refused> {
    let refuse = |why: &str| Err(Refused(format!("the path \"{}\" is not allowed: {why}", requested.escape_debug())));
    if requested.contains(['\\', '\0']) || requested.starts_with('/') || Path::new(requested).is_absolute() {
        return refuse("it must be a path inside content/");
    }
    let parts: Vec<&str> = requested.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        let drive = i == 0 && part.len() >= 2 && part.as_bytes()[1] == b':';
        if part.is_empty() || part.starts_with('.') || drive {
            return refuse("it must be a path inside content/ without `..`, hidden or empty parts");
        }
    }
    if !requested.ends_with(".md") {
        return refuse("only Markdown (.md) files can be edited");
    }
    let content = root.join(CONTENT_DIR);
    let path = parts.iter().fold(content.clone(), |p, part| p.join(part));
    if path.components().any(|c| matches!(c, Component::ParentDir)) {
        return refuse("it must be a path inside content/");
    }
    // Every existing part below content/ must be a plain folder or file, not a link.
    let mut walked = content.clone();
    for part in &parts {
        walked.push(part);
        match std::fs::symlink_metadata(&walked) {
            Ok(meta) if meta.file_type().is_symlink() => return refuse("it goes through a symbolic link"),
            Ok(_) | Err(_) => {}
        }
    }
    if let (Ok(content), Some(Ok(parent))) = (content.canonicalize(), path.parent().map(Path::canonicalize))
        && !parent.starts_with(&content)
    {
        return refuse("it must be a path inside content/");
    }
    Ok(ContentFile {
        shown: Path::new(CONTENT_DIR).join(requested),
        relative: requested.to_string(),
        path,
    })
}

/// A short fingerprint of a file's bytes, to tell whether it changed since it was opened.
pub fn fingerprint(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Replaces `path` with `bytes` at once: written beside it under a hidden name, then renamed
/// over it, so a reader (the build) sees the old file or the new one, never a part. The
/// file keeps its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = write_beside(path, bytes)?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes a new file at `path`, atomically; fails if one exists already.
pub fn create_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = write_beside(path, bytes)?;
    temporary.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

fn write_beside(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let folder = path.parent().ok_or_else(|| std::io::Error::other("the file has no folder"))?;
    // A hidden name: the build and the watcher's walk skip it.
    let mut temporary = tempfile::Builder::new().prefix(".guide-edit-").suffix(".tmp").tempfile_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        temporary.as_file().set_permissions(meta.permissions())?;
    }
    Ok(temporary)
}

/// Where the previous version of `file` is kept.
pub fn previous_path(root: &Path, file: &ContentFile) -> PathBuf {
    root.join(EDITS_DIR).join(CONTENT_DIR).join(&file.relative)
}

/// Keeps `bytes` as the previous version of `file`, replacing the one kept before.
pub fn keep_previous(root: &Path, file: &ContentFile, bytes: &[u8]) -> std::io::Result<()> {
    let kept = previous_path(root, file);
    if let Some(folder) = kept.parent() {
        std::fs::create_dir_all(folder)?;
    }
    write_atomically(&kept, bytes)
}

/// The previous version of `file`, if one is kept.
pub fn previous(root: &Path, file: &ContentFile) -> Option<Vec<u8>> {
    std::fs::read(previous_path(root, file)).ok()
}

/// Forgets the previous version of `file` (after it was restored).
pub fn forget_previous(root: &Path, file: &ContentFile) -> std::io::Result<()> {
    match std::fs::remove_file(previous_path(root, file)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/engineering")).unwrap();
        std::fs::write(dir.path().join("content/engineering/a.md"), "+++\ntitle = \"A\"\n+++\n").unwrap();
        dir
    }

    #[test]
    fn paths_that_could_leave_content_are_refused() {
        let dir = site();
        for path in [
            "../config.toml",
            "engineering/../../x.md",
            "/etc/passwd.md",
            "C:/x.md",
            "engineering\\a.md",
            "./engineering/a.md",
            ".guide-edits/content/a.md",
            "engineering//a.md",
            "engineering/a.txt",
            "a.md\0",
        ] {
            assert!(resolve(dir.path(), path).is_err(), "{path}");
        }
        let file = resolve(dir.path(), "engineering/a.md").unwrap();
        assert_eq!(file.shown, Path::new("content/engineering/a.md"));
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_below_content_are_refused() {
        let dir = site();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.md"), "+++\ntitle = \"X\"\n+++\n").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("content/linked")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.md"), dir.path().join("content/x.md")).unwrap();
        assert!(resolve(dir.path(), "linked/x.md").is_err());
        assert!(resolve(dir.path(), "x.md").is_err());
    }

    #[test]
    fn a_write_replaces_the_file_and_keeps_the_previous_version_once() {
        let dir = site();
        let file = resolve(dir.path(), "engineering/a.md").unwrap();
        let before = std::fs::read(&file.path).unwrap();
        keep_previous(dir.path(), &file, &before).unwrap();
        write_atomically(&file.path, b"new").unwrap();
        assert_eq!(std::fs::read(&file.path).unwrap(), b"new");
        assert_eq!(previous(dir.path(), &file).unwrap(), before);
        assert!(dir.path().join(".guide-edits/content/engineering/a.md").is_file());
        forget_previous(dir.path(), &file).unwrap();
        assert_eq!(previous(dir.path(), &file), None);
        assert!(
            create_atomically(&file.path, b"again").is_err(),
            "an existing file is never replaced by a new one"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("content/engineering")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
    }
}
