//! Watching the guide's sources and rebuilding after each (briefly debounced) change.
//!
//! A change under `content/` renders again only what depends on it (see
//! [`crate::site::live`]); a change to `config.toml`, templates, static files or the theme
//! rebuilds everything. Pages are told to reload only after the new site is in place, and
//! a failed rebuild keeps the last good site while the errors go to the terminal and pages.
//! The search files are then rebuilt on a worker thread once edits pause for a second; a
//! request for one builds them at once or waits for the build under way.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use serde::Serialize;

use super::files::{Builder, PendingSearch};
use super::http::Shared;
use crate::diagnostics::Diagnostic;
use crate::site::live::Scope;

/// The folders watched recursively, beside `config.toml`.
const WATCHED_FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

/// How long a file must be quiet before a rebuild starts: editors write a file in a few
/// quick steps; longer would only delay the page.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Changes not yet in a good build: a failed build leaves them pending, so the next
/// build (after the fix) still renders everything they touched.
#[derive(Debug, Default)]
pub struct Pending {
    pub paths: HashSet<PathBuf>,
    pub everything: bool,
}

impl Pending {
    fn scope(&self) -> Scope {
        if self.everything { Scope::Everything } else { Scope::Content }
    }

    fn add(&mut self, path: &Path, root: &Path) {
        self.everything |= !path.starts_with(root.join(crate::content::CONTENT_DIR));
        self.paths.insert(path.to_path_buf());
    }
}

/// Builds once and publishes the result: the new site and a reload, or the errors.
/// Returns the new site's pending search files, for the search worker.
pub fn rebuild(builder: &mut Builder, shared: &Shared, pending: &mut Pending) -> Option<Arc<PendingSearch>> {
    let started = Instant::now();
    match builder.run(pending.scope(), &pending.paths) {
        Ok(built) => {
            *pending = Pending::default();
            crate::cli::print_diagnostics(&built.warnings);
            let search = built.site.search.clone();
            *shared.site.write().unwrap_or_else(|e| e.into_inner()) = Some(built.site);
            *shared.errors.write().unwrap_or_else(|e| e.into_inner()) = None;
            // No page may be listening yet: a send error only means that.
            let _ = shared.events.send(r#"{"type":"reload"}"#.to_string());
            let stats = built.stats;
            let what = if stats.complete { "built" } else { "rebuilt" };
            eprintln!(
                "{} in {} ms ({} of {} pages rendered, {} Markdown files)",
                capitalise(what),
                started.elapsed().as_millis(),
                stats.jobs_run,
                stats.jobs_total,
                stats.markdown_rendered
            );
            search
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
            None
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
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
pub fn spawn_watcher(root: PathBuf, mut builder: Builder, shared: Arc<Shared>, first_built: Sender<()>) -> Result<(), String> {
    let (sender, receiver) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, sender).map_err(|e| format!("cannot watch files: {e}"))?;
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
    let searches = spawn_search_worker();
    std::thread::spawn(move || {
        // The debouncer stops watching when dropped: it lives as long as this thread.
        let _debouncer = debouncer;
        let mut pending = Pending {
            everything: true,
            ..Pending::default()
        };
        let search = rebuild(&mut builder, &shared, &mut pending);
        // The receiver only waits to print the address; if it is gone there is no one to tell.
        let _ = first_built.send(());
        if let Some(search) = search {
            let _ = searches.send(search);
        }
        while let Ok(result) = receiver.recv() {
            let mut relevant = collect(result, &root, &mut pending);
            // Changes that arrived meanwhile are covered by this rebuild.
            while let Ok(more) = receiver.try_recv() {
                relevant |= collect(more, &root, &mut pending);
            }
            if relevant && let Some(search) = rebuild(&mut builder, &shared, &mut pending) {
                // The worker is gone only if it panicked; requests then build search files themselves.
                let _ = searches.send(search);
            }
        }
    });
    Ok(())
}

/// Adds a batch's relevant changes to `pending`; true if there was one.
fn collect(result: DebounceEventResult, root: &Path, pending: &mut Pending) -> bool {
    match result {
        // Reading files (as every build does) is reported too: only changes count.
        Ok(events) => {
            let mut relevant = false;
            for path in events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .flat_map(|e| e.paths.iter())
                .filter(|p| is_relevant(p, root))
            {
                pending.add(path, root);
                relevant = true;
            }
            relevant
        }
        Err(errors) => {
            for error in errors {
                eprintln!("warning: watching files: {error}");
            }
            false
        }
    }
}

/// How long the sources must be quiet before the search files are built in the
/// background: while someone is saving edit after edit, building them would only take
/// the processor from the page rebuilds (a request for a search file builds them at once).
const SEARCH_IDLE: Duration = Duration::from_secs(1);

/// Builds search files in the background once edits pause, newest build only: one
/// superseded meanwhile is skipped (a request for it would still build it).
fn spawn_search_worker() -> Sender<Arc<PendingSearch>> {
    let (sender, receiver): (Sender<Arc<PendingSearch>>, Receiver<Arc<PendingSearch>>) = std::sync::mpsc::channel();
    // A pool of its own with one thread: in rayon's global pool the search build's tasks
    // would queue ahead of the next rebuild's, and it would take every core.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
    std::thread::spawn(move || {
        while let Ok(mut search) = receiver.recv() {
            loop {
                match receiver.recv_timeout(SEARCH_IDLE) {
                    Ok(newer) => search = newer,
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            let started = Instant::now();
            let files = match &pool {
                Some(pool) => pool.install(|| search.files().len()),
                None => search.files().len(),
            };
            eprintln!("Search index ready ({files} files) in {} ms", started.elapsed().as_millis());
        }
    });
    sender
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
