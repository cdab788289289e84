//! Everything a link can point to: the files of the built site and the ids in each page.
//!
//! Built from the rendered output when the site rendered, so ids added by templates and
//! generated pages (search, summaries, aliases) count; otherwise from the library alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;
use crate::output::{CopiedFile, Output, Sink};
use crate::pipeline::Site;

/// The sink of `guide check`: keeps of each generated file only what links can point to,
/// its path and, for an HTML file, the ids in it.
#[derive(Debug, Default)]
pub struct Generated {
    found: Mutex<Vec<(String, Option<Vec<String>>)>>,
    /// Each file's path and size, for the hosts' limits.
    sizes: Mutex<Vec<(String, u64)>>,
}

impl Generated {
    /// Every generated file's path and size in bytes.
    pub fn sizes(&self) -> Vec<(String, u64)> {
        self.sizes.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Sink for Generated {
    fn write(&self, output: Output) -> Result<(), Diagnostic> {
        let ids = output
            .path
            .ends_with(".html")
            .then(|| ids_in_html(&String::from_utf8_lossy(&output.bytes)));
        let size = (output.path.clone(), output.bytes.len() as u64);
        self.sizes.lock().unwrap_or_else(|e| e.into_inner()).push(size);
        self.found.lock().unwrap_or_else(|e| e.into_inner()).push((output.path, ids));
        Ok(())
    }
}

/// Output paths (relative to the site root, no leading slash) and the ids of HTML files.
#[derive(Debug, Default)]
pub struct Targets {
    pub files: BTreeSet<String>,
    /// `engineering/x/index.html` → ids on that page.
    pub anchors: BTreeMap<String, BTreeSet<String>>,
    /// Source file of each page and section → its URL path, to name the page a `.md` link meant.
    pub markdown_pages: BTreeMap<PathBuf, String>,
    /// The folders of the languages other than the default (`de/`) and their names, to
    /// say which language a broken link leads into.
    pub language_folders: Vec<(String, String)>,
}

impl Targets {
    /// What the library alone says exists: pages, sections, content files, page assets,
    /// and the theme's and site's static files (`statics`).
    pub fn from_site(site: &Site, statics: Vec<String>) -> Targets {
        let mut targets = Targets::default();
        let library = &site.library;
        for (page, rendered) in library.pages.iter().zip(&site.pages) {
            targets.add_page(&page.url_path, rendered);
            targets.markdown_pages.insert(page.source.path.clone(), page.url_path.clone());
            for asset in &page.assets {
                let parent = page.source.path.parent().unwrap_or(asset);
                let name = asset.strip_prefix(parent).unwrap_or(asset).to_string_lossy().replace('\\', "/");
                targets.files.insert(format!("{}{name}", page.url_path));
            }
        }
        for (section, rendered) in library.sections.iter().zip(&site.sections) {
            targets.add_page(&section.url_path, rendered);
            // Later pagers of its listing show the section's body too.
            let pagers =
                crate::content::pagination::later_pager_paths(&section.url_path, section.pages.len(), section.paginate_by(&site.config));
            for pager in pagers {
                targets.add_page(&pager, rendered);
            }
            if let Some(source) = &section.source {
                targets.markdown_pages.insert(source.path.clone(), section.url_path.clone());
            }
        }
        targets.files.extend(library.files.iter().map(|(_, path)| path.clone()));
        targets.files.extend(statics);
        targets.language_folders = site.config.languages[1..]
            .iter()
            .map(|l| (format!("{}/", l.code), l.name.clone()))
            .collect();
        targets
    }

    fn add_page(&mut self, url_path: &str, rendered: &Rendered) {
        let file = format!("{url_path}index.html");
        self.anchors.entry(file.clone()).or_default().extend(rendered.ids.iter().cloned());
        self.files.insert(file);
    }

    /// Adds every generated file, with the ids found in every HTML file, and every
    /// copied file.
    pub fn add_generated(&mut self, generated: Generated, copies: &[CopiedFile]) {
        let mut found = generated.found.into_inner().unwrap_or_else(|e| e.into_inner());
        found.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, ids) in found {
            if let Some(ids) = ids {
                self.anchors.entry(path.clone()).or_default().extend(ids);
            }
            self.files.insert(path);
        }
        self.files.extend(copies.iter().map(|c| c.path.clone()));
    }

    /// The file a path resolves to, as a static server would: `a/` → `a/index.html`,
    /// `a` → `a` or `a/index.html`.
    pub fn resolve(&self, path: &str) -> Option<String> {
        if path.is_empty() || path.ends_with('/') {
            let index = format!("{path}index.html");
            return self.files.contains(&index).then_some(index);
        }
        if self.files.contains(path) {
            return Some(path.to_string());
        }
        let index = format!("{path}/index.html");
        self.files.contains(&index).then_some(index)
    }

    /// The addresses of all pages, for "did you mean" hints.
    pub fn page_urls(&self) -> impl Iterator<Item = String> + '_ {
        self.anchors.keys().map(|k| format!("/{}", k.trim_end_matches("index.html")))
    }
}

/// Values of `id` attributes, quoted or not (minified HTML drops quotes).
pub fn ids_in_html(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(found) = html[from..].find("id=") {
        let at = from + found;
        from = at + 3;
        let preceded_by_space = at > 0 && bytes[at - 1].is_ascii_whitespace();
        if !preceded_by_space {
            continue;
        }
        let rest = &html[from..];
        let value = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or(""),
            _ => rest.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or(""),
        };
        if !value.is_empty() {
            ids.push(decode_entities(value));
        }
    }
    ids
}

/// The few entities an id can contain after escaping.
fn decode_entities(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_quoted_and_unquoted() {
        let html = r#"<h2 id="a-b">x</h2><li id=c class=entry><div data-id="no" id='d'>"#;
        assert_eq!(ids_in_html(html), vec!["a-b", "c", "d"]);
    }
}
