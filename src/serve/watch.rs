//! Watching the guide's sources and rebuilding once they have been quiet for a moment.
//!
//! A change under `content/` renders again only what depends on it (see
//! [`crate::pipeline::live`]); a change to `config.toml`, templates, static files or the theme
//! rebuilds everything. Pages are told to reload once the edited pages of the new build are
//! in place (any other request waits until the whole build is); the rest of the build then
//! waits until a reloaded page says it has loaded (or a request needs it, or half a second
//! has passed), so it does not take the processor from the browser. A failed rebuild keeps
//! the last good site while the errors go to the terminal and pages.
//! The search files are then rebuilt on a lowest-priority worker thread once edits pause
//! for a second; a request for one that is not ready builds them itself.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher};
use serde::Serialize;

use super::builder::Builder;
use super::files::{Gate, PendingSearch, SiteFiles};
use super::http::Shared;
use crate::diagnostics::Diagnostic;
use crate::pipeline::live::Changes;

/// The folders watched recursively, beside `config.toml`.
const WATCHED_FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

/// How long the sources must be quiet before a rebuild starts: an editor's save is often
/// a few writes in quick succession (the file emptied and written in parts, or written
/// beside and renamed into place), which make one change; a build of a half-written file
/// would fail. Every change within this time of the last one waits for the next quiet
/// moment with it. Longer would only delay the page.
const QUIET: Duration = Duration::from_millis(10);

/// How long the rest of a build may wait for a reloaded page to load: it goes on as soon
/// as one has (or a request needs it), so the browser has the processor to itself meanwhile.
const BROWSER_WAIT: Duration = Duration::from_millis(500);

/// Adds one watcher event to the changes not yet in a good build (a failed build leaves
/// them pending, so the next build, after the fix, still covers everything they touched).
/// Returns whether the event can affect the site.
fn add_event(changes: &mut Changes, kind: EventKind, paths: &[PathBuf], rescan: bool, root: &Path) -> bool {
    // Reading files (as every build does) is reported too: only changes count.
    if matches!(kind, EventKind::Access(_)) {
        return false;
    }
    let mut relevant = false;
    for path in paths.iter().filter(|p| is_relevant(p, root)) {
        changes.everything |= !path.starts_with(root.join(crate::content::CONTENT_DIR));
        changes.paths.insert(path.clone());
        relevant = true;
    }
    // Only a file written in place keeps the content folder's layout; anything else
    // (created, removed, renamed, or events the watcher lost) means walking it again.
    let in_place = matches!(kind, EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Metadata(_))) && !rescan;
    changes.moved |= relevant && !in_place;
    relevant
}

/// Builds once and publishes the result: the new site and a reload, or the errors.
/// Returns the new site's pending search files, for the search worker.
pub fn rebuild(builder: &mut Builder, shared: &Shared, pending: &mut Changes) -> Option<Arc<PendingSearch>> {
    let started = Instant::now();
    // Requests that the edited pages cannot answer wait for the whole build behind this;
    // it opens however the build ends, once the whole build (or the last good one) is in.
    let gate = Arc::new(Gate::default());
    let _open = OpenOnDrop(gate.clone());
    let reloaded = std::cell::Cell::new(false);
    let serve_edited = |mut site: SiteFiles| {
        site.partial = Some(gate.clone());
        *shared.site.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(site));
        *shared.errors.write().unwrap_or_else(|e| e.into_inner()) = None;
        let seen = shared.nudges.count();
        // A send error means no page listens: nobody is reloading, so nothing to wait for.
        let listening = shared.events.send(RELOAD.to_string()).is_ok();
        reloaded.set(true);
        if listening {
            // The rest of the build would take the processor from the browser loading the
            // page: it waits until a page has loaded, or a request needs it.
            shared.nudges.wait_past(seen, BROWSER_WAIT);
        }
    };
    match builder.run(pending, &serve_edited) {
        Ok(built) => {
            *pending = Changes::default();
            crate::diagnostics::print_diagnostics(&built.warnings);
            let search = built.site.search.clone();
            *shared.site.write().unwrap_or_else(|e| e.into_inner()) = Some(built.site);
            *shared.errors.write().unwrap_or_else(|e| e.into_inner()) = None;
            if !reloaded.get() {
                // No page may be listening yet: a send error only means that.
                let _ = shared.events.send(RELOAD.to_string());
            }
            drop(built.retired);
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
            if reloaded.get() {
                // The edited pages were served, but the rest failed: back to the last good build.
                *shared.site.write().unwrap_or_else(|e| e.into_inner()) = builder.last_site();
            }
            crate::diagnostics::print_diagnostics(&diagnostics);
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

const RELOAD: &str = r#"{"type":"reload"}"#;

/// Opens the gate when dropped, so no request waits forever, whatever happens.
struct OpenOnDrop(Arc<Gate>);

impl Drop for OpenOnDrop {
    fn drop(&mut self) {
        self.0.open();
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
    let (sender, receiver) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(sender).map_err(|e| format!("cannot watch files: {e}"))?;
    // The root itself, not recursively: config.toml is often replaced (not modified) on save.
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for folder in WATCHED_FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    let searches = spawn_search_worker();
    std::thread::spawn(move || {
        // The watcher stops when dropped: it lives as long as this thread.
        let _watcher = watcher;
        let mut pending = Changes::everything();
        let search = rebuild(&mut builder, &shared, &mut pending);
        // The receiver only waits to print the address; if it is gone there is no one to tell.
        let _ = first_built.send(());
        if let Some(search) = search {
            let _ = searches.send(search);
        }
        while next_batch(&receiver, &root, &mut pending, QUIET) {
            if let Some(search) = rebuild(&mut builder, &shared, &mut pending) {
                // The worker is gone only if it panicked; requests then build search files themselves.
                let _ = searches.send(search);
            }
        }
    });
    Ok(())
}

/// Waits for a change that can affect the site, then for the sources to be quiet for
/// `quiet` (each further such change starts the wait again), adding every change to
/// `pending`. Returns false once the watcher has stopped with no change pending.
fn next_batch(receiver: &Receiver<notify::Result<notify::Event>>, root: &Path, pending: &mut Changes, quiet: Duration) -> bool {
    loop {
        let Ok(event) = receiver.recv() else { return false };
        if collect(event, root, pending) {
            break;
        }
    }
    let mut deadline = Instant::now() + quiet;
    loop {
        match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(event) => {
                if collect(event, root, pending) {
                    deadline = Instant::now() + quiet;
                }
            }
            // No more changes can come once the watcher has stopped: the batch is complete.
            Err(_) => return true,
        }
    }
}

/// Adds an event's relevant changes to `pending`; true if there was one.
fn collect(result: notify::Result<notify::Event>, root: &Path, pending: &mut Changes) -> bool {
    match result {
        Ok(event) => add_event(pending, event.kind, &event.paths, event.need_rescan(), root),
        Err(error) => {
            eprintln!("warning: watching files: {error}");
            // An error may stand for lost events: the next build walks everything.
            pending.moved = true;
            true
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
    // would queue ahead of the next rebuild's, and it would take every core. Its thread has
    // the lowest priority, so an edit saved meanwhile (and the browser showing it) is not
    // slowed down: a request for a search file builds them itself rather than wait for it.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .start_handler(|_| super::lower_priority())
        .build()
        .ok();
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
                Some(pool) => pool.install(|| search.build_in_background().len()),
                None => search.build_in_background().len(),
            };
            eprintln!("Search index ready ({files} files) in {} ms", started.elapsed().as_millis());
        }
    });
    sender
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn only_sources_trigger_a_rebuild() {
        let root = Path::new("/site");
        assert!(is_relevant(Path::new("/site/content/a.md"), root));
        assert!(is_relevant(Path::new("/site/config.toml"), root));
        assert!(!is_relevant(Path::new("/site/public/index.html"), root));
        assert!(!is_relevant(Path::new("/site/content/.a.md.swp"), root));
        assert!(!is_relevant(Path::new("/site/content/a.md~"), root));
    }

    fn changes_after(kind: EventKind, path: &str, rescan: bool) -> (bool, Changes) {
        let mut changes = Changes::default();
        let relevant = add_event(&mut changes, kind, &[PathBuf::from(path)], rescan, Path::new("/site"));
        (relevant, changes)
    }

    #[test]
    fn a_file_written_in_place_is_read_again_without_walking() {
        use notify::event::{DataChange, MetadataKind};
        for kind in [
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)),
        ] {
            let (relevant, changes) = changes_after(kind, "/site/content/eng/bundle/deep/index.md", false);
            assert!(relevant, "{kind:?}");
            assert!(!changes.moved && !changes.everything, "{kind:?}: {changes:?}");
            assert!(changes.paths.contains(Path::new("/site/content/eng/bundle/deep/index.md")));
        }
    }

    #[test]
    fn created_removed_renamed_or_lost_files_walk_the_content_again() {
        use notify::event::{CreateKind, DataChange, RemoveKind, RenameMode};
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Create(CreateKind::Folder),
            EventKind::Remove(RemoveKind::File),
            EventKind::Remove(RemoveKind::Folder),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            EventKind::Modify(ModifyKind::Any),
            EventKind::Any,
            EventKind::Other,
        ] {
            let (relevant, changes) = changes_after(kind, "/site/content/eng/new.md", false);
            assert!(relevant && changes.moved, "{kind:?}: {changes:?}");
        }
        // The watcher's own queue overflowed: events were lost.
        let (_, changes) = changes_after(EventKind::Modify(ModifyKind::Data(DataChange::Any)), "/site/content", true);
        assert!(changes.moved);
        // A rename of an editor's backup file does not count; reading never does.
        let (relevant, changes) = changes_after(EventKind::Create(CreateKind::File), "/site/content/.new.md.swp", false);
        assert!(!relevant && !changes.moved);
        let access = EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write));
        assert!(!changes_after(access, "/site/content/a.md", false).0);
    }

    fn written(path: &str) -> notify::Result<notify::Event> {
        let kind = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Content));
        Ok(notify::Event::new(kind).add_path(PathBuf::from(path)))
    }

    /// A burst of changes (each within the quiet time of the last) is one batch; a change
    /// after a quiet moment is the next; reading files neither starts nor extends a batch.
    #[test]
    fn changes_in_quick_succession_are_one_batch() {
        let (sender, receiver) = std::sync::mpsc::channel();
        let root = Path::new("/site");
        let quiet = Duration::from_millis(300);
        let read = notify::Event::new(EventKind::Access(notify::event::AccessKind::Read)).add_path(PathBuf::from("/site/content/a.md"));
        sender.send(Ok(read.clone())).unwrap();
        let feeder = std::thread::spawn(move || {
            for i in 0..5 {
                sender.send(written(&format!("/site/content/{i}.md"))).unwrap();
                std::thread::sleep(Duration::from_millis(5));
            }
            // Long after the batch has been taken.
            std::thread::sleep(quiet * 4);
            sender.send(Ok(read)).unwrap();
            sender.send(written("/site/content/later.md")).unwrap();
        });
        let started = Instant::now();
        let mut pending = Changes::default();
        assert!(next_batch(&receiver, root, &mut pending, quiet));
        let waited = started.elapsed();
        let paths: std::collections::BTreeSet<String> = pending.paths.iter().map(|p| p.display().to_string()).collect();
        let expected: std::collections::BTreeSet<String> = (0..5).map(|i| format!("/site/content/{i}.md")).collect();
        assert_eq!(paths, expected, "the burst is one batch");
        assert!(waited >= quiet, "the batch waited for a quiet moment: {waited:?}");
        let mut next = Changes::default();
        assert!(next_batch(&receiver, root, &mut next, quiet));
        assert_eq!(next.paths, HashSet::from([PathBuf::from("/site/content/later.md")]));
        feeder.join().unwrap();
        // The watcher is gone: no more batches.
        assert!(!next_batch(&receiver, root, &mut Changes::default(), quiet));
    }

    #[test]
    fn configuration_templates_and_static_files_rebuild_everything() {
        let written = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Content));
        for path in [
            "/site/config.toml",
            "/site/templates/role.html",
            "/site/static/logo.svg",
            "/site/themes/x/theme.toml",
        ] {
            let (relevant, changes) = changes_after(written, path, false);
            assert!(relevant && changes.everything, "{path}: {changes:?}");
        }
        let (_, changes) = changes_after(written, "/site/content/a.md", false);
        assert!(!changes.everything);
    }
}
