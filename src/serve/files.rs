//! The built site held in memory, with the live-reload script injected into every page.
//! `guide serve` never writes to the output folder: the last good site stays in a map,
//! which [`super::builder::Builder`] replaces after each build.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

use axum::body::Bytes;

use crate::escape;
use crate::pipeline::live::SearchJob;

/// Where the browser listens for reloads and errors, under the site's base path.
pub const EVENTS_PATH: &str = "__guide/events";

/// The reload script's address under the site's base path, and its text.
pub const RELOAD_PATH: &str = "__guide/reload.js";
pub const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// Every file of one successful build: output path (`engineering/x/index.html`) → bytes.
#[derive(Debug, Default)]
pub struct SiteFiles {
    /// `/` or `/sub/path/`: the site is served under it.
    pub base_path: String,
    pub files: HashMap<String, Bytes>,
    /// The theme's static files (`style.css`, `theme.js`...), which pages link as
    /// `style.css?v=<asset_version>`: a version changes whenever any of them does.
    pub versioned: HashSet<String>,
    pub asset_version: String,
    /// The search files, built after the pages are published (they take longest).
    pub search: Option<Arc<PendingSearch>>,
    /// Set while a build serves only the pages just edited (and the theme's files), so an
    /// open page reloads without waiting for the rest: a request for any other file waits
    /// until this opens, then reads the whole new build. Nothing is ever answered from a
    /// mix of two builds.
    pub partial: Option<Arc<Gate>>,
}

/// Closed while a build's edited pages are served ahead of the rest of it.
#[derive(Debug, Default)]
pub struct Gate {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Gate {
    /// Blocks until the gate opens.
    pub fn wait(&self) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        while !*open {
            open = self.opened.wait(open).unwrap_or_else(|e| e.into_inner());
        }
    }

    pub fn open(&self) {
        *self.open.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.opened.notify_all();
    }
}

impl SiteFiles {
    /// A file of the site; search files only once they are built (see [`SiteFiles::wait_for_search`]).
    pub fn get(&self, name: &str) -> Option<&Bytes> {
        self.files
            .get(name)
            .or_else(|| self.search.as_ref().and_then(|s| s.ready()).and_then(|files| files.get(name)))
    }

    /// Blocks until this build's search files exist (at once when they already do).
    pub fn wait_for_search(&self) {
        if let Some(search) = &self.search {
            search.files();
        }
    }
}

/// The search files of one build: made once, by whoever finishes first. The background
/// worker builds them at a low priority ([`PendingSearch::build_in_background`]); a request
/// that cannot wait builds them at its own ([`PendingSearch::files`]) instead of waiting for
/// a worker that any busy process may hold back. Two requests wait for the same build.
pub struct PendingSearch {
    job: SearchJob,
    files: OnceLock<HashMap<String, Bytes>>,
}

impl std::fmt::Debug for PendingSearch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingSearch").field("ready", &self.files.get().is_some()).finish()
    }
}

impl PendingSearch {
    pub fn new(job: SearchJob) -> PendingSearch {
        PendingSearch {
            job,
            files: OnceLock::new(),
        }
    }

    /// The files, building them (or waiting for a request that is) unless they are ready.
    pub fn files(&self) -> &HashMap<String, Bytes> {
        self.files.get_or_init(|| build_search(&self.job))
    }

    /// Builds the files unless they are ready, without making anyone wait for this build:
    /// a request meanwhile builds its own, and the first one done is kept.
    pub fn build_in_background(&self) -> &HashMap<String, Bytes> {
        if self.files.get().is_none() {
            let files = build_search(&self.job);
            // Taken by a request meanwhile: the same files, built from the same site.
            let _ = self.files.set(files);
        }
        self.files()
    }

    pub fn ready(&self) -> Option<&HashMap<String, Bytes>> {
        self.files.get()
    }
}

fn build_search(job: &SearchJob) -> HashMap<String, Bytes> {
    match job.run() {
        Ok(outputs) => outputs.into_iter().map(|o| (o.path, Bytes::from(o.bytes))).collect(),
        Err(error) => {
            crate::diagnostics::print_diagnostics(&[error]);
            HashMap::new()
        }
    }
}

/// An output as served: pages with the reload script, and with `edit_links` (`guide serve
/// --edit`) the "Edit this page" link.
pub(super) fn served_bytes(path: &str, bytes: Vec<u8>, base_path: &str, edit_links: bool) -> Bytes {
    if !path.ends_with(".html") {
        return Bytes::from(bytes);
    }
    let with_script = inject_script(&bytes, base_path);
    match path.strip_suffix("index.html") {
        Some(folder) if edit_links => Bytes::from(inject_edit_link(&with_script, &format!("{base_path}{folder}"))),
        _ => Bytes::from(with_script),
    }
}

/// The markup of the "Edit this page" link of a page served at `url`, in its own landmark.
pub fn edit_link(url: &str) -> String {
    format!(
        "<nav class=\"guide-edit\" aria-label=\"Editor\"><a href=\"{}?url={}\">Edit this page</a></nav>",
        escape::html(&format!("{}page", super::edit::PREFIX)),
        escape::html(&escape::url_path(url))
    )
}

/// Adds [`edit_link`] before `</body>`, like the reload script.
fn inject_edit_link(html: &[u8], url: &str) -> Vec<u8> {
    insert_before_body_end(html, edit_link(url).as_bytes())
}

/// The link to the reload script (served at [`RELOAD_PATH`] beside the events address),
/// before `</body>` (or at the end when a template has none). A file rather than inline
/// code: the pages' Content Security Policy allows scripts from the site's origin only.
pub fn inject_script(html: &[u8], base_path: &str) -> Vec<u8> {
    let script = format!(
        "<script src=\"{}\" data-events=\"{}\"></script>",
        escape::html(&format!("{base_path}{RELOAD_PATH}")),
        escape::html(&format!("{base_path}{EVENTS_PATH}"))
    );
    insert_before_body_end(html, script.as_bytes())
}

fn insert_before_body_end(html: &[u8], insert: &[u8]) -> Vec<u8> {
    // Searched from the end, as bytes: `</body>` is near the end of a page.
    const BODY_END: &[u8] = b"</body>";
    let at = html.windows(BODY_END.len()).rposition(|w| w == BODY_END).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + insert.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(insert);
    out.extend_from_slice(&html[at..]);
    out
}

/// The page served while no build has succeeded yet: the overlay shows the errors.
pub fn waiting_page(base_path: &str) -> Vec<u8> {
    let html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Building…</title></head>\
                <body><p>The guide has not been built yet; errors are shown here as soon as they are known.</p></body></html>";
    inject_script(html.as_bytes(), base_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        let html = inject_script(b"<html><body><p>x</p></body></html>", "/guide/");
        let html = String::from_utf8(html).unwrap();
        assert_eq!(
            html,
            "<html><body><p>x</p><script src=\"/guide/__guide/reload.js\" data-events=\"/guide/__guide/events\"></script></body></html>"
        );
    }

    #[test]
    fn the_edit_link_goes_only_into_pages_and_only_in_edit_mode() {
        let page = b"<html><body><p>x</p></body></html>".to_vec();
        let plain = served_bytes("engineering/x/index.html", page.clone(), "/", false);
        assert!(!String::from_utf8_lossy(&plain).contains("Edit this page"));
        let edited = served_bytes("engineering/x/index.html", page.clone(), "/", true);
        let edited = String::from_utf8_lossy(&edited);
        assert!(
            edited.contains("<a href=\"/_edit/page?url=/engineering/x/\">Edit this page</a></nav></body>"),
            "{edited}"
        );
        let not_found = served_bytes("404.html", page.clone(), "/", true);
        assert!(!String::from_utf8_lossy(&not_found).contains("Edit this page"));
    }
}
