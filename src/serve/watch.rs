//! Watching the guide's sources and rebuilding after each (debounced) change.
//!
//! A change rebuilds the whole site (simple and always correct; a single-page rebuild is
//! future work). Pages are told to reload only after the new site is in place, and a
//! failed rebuild keeps the last good site while the errors go to the terminal and pages.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use serde::Serialize;

use super::files::Rebuild;
use super::http::Shared;
use crate::diagnostics::Diagnostic;

/// The folders watched recursively, beside `config.toml`.
const WATCHED_FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

/// Builds once and publishes the result: the new site and a reload, or the errors.
pub fn rebuild(rebuild: &Rebuild, shared: &Shared) -> bool {
    let started = Instant::now();
    match rebuild.run() {
        Ok((site, warnings)) => {
            crate::cli::print_diagnostics(&warnings);
            let pages = site.files.keys().filter(|k| k.ends_with(".html")).count();
            *shared.site.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(site));
            *shared.errors.write().unwrap_or_else(|e| e.into_inner()) = None;
            eprintln!("Built {pages} HTML files in {} ms", started.elapsed().as_millis());
            // No page may be listening yet: a send error only means that.
            let _ = shared.events.send(r#"{"type":"reload"}"#.to_string());
            true
        }
        Err(diagnostics) => {
            crate::cli::print_diagnostics(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: the build failed with {errors} error{}; still serving the last good version",
                if errors == 1 { "" } else { "s" }
            );
            let message = errors_message(&diagnostics);
            *shared.errors.write().unwrap_or_else(|e| e.into_inner()) = Some(message.clone());
            let _ = shared.events.send(message);
            false
        }
    }
}

#[derive(Serialize)]
struct ErrorView<'a> {
    location: String,
    message: &'a str,
    hint: Option<&'a str>,
}

/// `{"type":"errors","errors":[{location, message, hint}]}` for the browser overlay.
fn errors_message(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<ErrorView<'_>> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| ErrorView {
            location: d.location(),
            message: &d.message,
            hint: d.hint.as_deref(),
        })
        .collect();
    serde_json::json!({ "type": "errors", "errors": errors }).to_string()
}

/// Whether a changed path can affect the site: not the output folder, not hidden or
/// editor backup files (`.x.swp`, `x~`, `#x#`).
fn is_relevant(path: &Path, root: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else { return false };
    let Some(first) = relative.components().next() else { return false };
    let first = first.as_os_str().to_string_lossy();
    let top_level_ok = first == crate::config::CONFIG_FILE || WATCHED_FOLDERS.contains(&first.as_ref());
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let backup = name.starts_with('.') || name.ends_with('~') || name.starts_with('#') || name.ends_with(".swp");
    top_level_ok && !backup
}

/// Starts watching, then on a thread of its own makes the first build (so an edit saved
/// during it is not lost) and rebuilds after each batch of changes. `first_built` is
/// signalled once the first build has ended. Returns an error message if watching cannot start.
pub fn spawn_watcher(
    root: PathBuf,
    rebuild_with: Rebuild,
    shared: Arc<Shared>,
    first_built: std::sync::mpsc::Sender<()>,
) -> Result<(), String> {
    let (sender, receiver) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(100), None, sender).map_err(|e| format!("cannot watch files: {e}"))?;
    // The root itself, not recursively: config.toml is often replaced (not modified) on save.
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for folder in WATCHED_FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        // The debouncer stops watching when dropped: it lives as long as this thread.
        let _debouncer = debouncer;
        rebuild(&rebuild_with, &shared);
        // The receiver only waits to print the address; if it is gone there is no one to tell.
        let _ = first_built.send(());
        for result in &receiver {
            let relevant = match result {
                // Reading files (as every build does) is reported too: only changes count.
                Ok(events) => events
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                    .flat_map(|e| e.paths.iter())
                    .any(|p| is_relevant(p, &root)),
                Err(errors) => {
                    for error in errors {
                        eprintln!("warning: watching files: {error}");
                    }
                    false
                }
            };
            if relevant {
                // Changes that arrived meanwhile are covered by this rebuild.
                while receiver.try_recv().is_ok() {}
                rebuild(&rebuild_with, &shared);
            }
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_a_rebuild() {
        let root = Path::new("/site");
        assert!(is_relevant(Path::new("/site/content/a.md"), root));
        assert!(is_relevant(Path::new("/site/config.toml"), root));
        assert!(!is_relevant(Path::new("/site/public/index.html"), root));
        assert!(!is_relevant(Path::new("/site/content/.a.md.swp"), root));
        assert!(!is_relevant(Path::new("/site/content/a.md~"), root));
    }
}
