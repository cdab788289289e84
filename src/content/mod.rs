//! Content: the files under `content/`, read and checked into a [`Library`] of sections
//! and pages. Nothing here renders Markdown or knows about templates.

pub mod frontmatter;
pub mod page;
pub mod pagination;
pub mod paths;
pub mod role;
mod sorting;
pub mod translations;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path, line_column};
use crate::locate::locate_key;
pub use page::{Page, Section, SortBy, SourceFile};

pub const CONTENT_DIR: &str = "content";

/// Every section and page of a site. Section 0 is the home page.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    /// Non-Markdown files under `content/` that are not part of a page bundle:
    /// (absolute source, output path relative to the output folder).
    pub files: Vec<(PathBuf, String)>,
}

impl Library {
    /// Pages in URL order: the order used for everything that lists all pages.
    pub fn pages_by_url(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.pages.len()).collect();
        order.sort_by(|&a, &b| self.pages[a].url_path.cmp(&self.pages[b].url_path));
        order
    }

    /// The role pages, in URL order.
    pub fn roles(&self) -> impl Iterator<Item = &Page> {
        self.pages_by_url()
            .into_iter()
            .map(move |i| &self.pages[i])
            .filter(|p| p.role.is_some())
    }

    /// All pages of a section and of its subsections, in display order.
    pub fn pages_under(&self, section: usize) -> Vec<usize> {
        let mut out = self.sections[section].pages.clone();
        for &sub in &self.sections[section].subsections {
            out.extend(self.pages_under(sub));
        }
        out
    }
}

/// One file read from `content/`, before sections are assembled.
#[derive(Clone)]
enum Item {
    Page(Box<Page>, PathBuf),
    Section(Box<Section>),
    Skipped,
}

/// Reads and checks everything under `content/`. Problems are collected, not returned
/// early: the library is as complete as the valid files allow.
pub fn load(config: &Config, include_drafts: bool) -> (Library, Diagnostics) {
    let (library, diagnostics, _) = load_with(config, include_drafts, None, None);
    (library, diagnostics)
}

/// [`load`] as if the file at `path` (absolute, under `content/`; it may not exist yet)
/// held `text`: how the editor checks a save with the build's own code before writing it.
pub fn load_with_text(config: &Config, include_drafts: bool, path: &Path, text: &str) -> (Library, Diagnostics) {
    let (library, diagnostics, _) = load_with(config, include_drafts, None, Some((path, text)));
    (library, diagnostics)
}

/// What [`load_reusing`] read last time: each file's text and what it was read into, and
/// the folder's layout.
#[derive(Default)]
pub struct ReadCache {
    /// Shared with the next cache, so carrying an unchanged file over copies nothing.
    items: std::collections::HashMap<PathBuf, Arc<CachedFile>>,
    walked: Option<Arc<Walked>>,
}

/// A content file's text and what it was read into.
struct CachedFile {
    text: String,
    item: Result<Item, Vec<Diagnostic>>,
}

/// What changed under `content/` since a [`ReadCache`] was made.
#[derive(Debug, Clone, Copy)]
pub enum ContentChanges<'a> {
    /// Not known, or files may have been created, removed or renamed: the folder is walked
    /// again and every file's text compared with the cache.
    Unknown,
    /// Only these files were written, in place (absolute paths): no other file is read,
    /// and the folder's layout is the cache's. A path the cache does not know (a new file
    /// after all) makes it [`ContentChanges::Unknown`].
    Modified(&'a HashSet<PathBuf>),
}

/// [`load`] for `guide serve`, which loads again after every edit: a file whose text is
/// the same as in `previous` is not parsed and checked again, and with
/// [`ContentChanges::Modified`] only the modified files are read at all. Pass the returned
/// cache next time, with the same configuration and `include_drafts`.
pub fn load_reusing(
    config: &Config,
    include_drafts: bool,
    previous: &ReadCache,
    changes: ContentChanges<'_>,
) -> (Library, Diagnostics, ReadCache) {
    let (library, diagnostics, cache) = load_with(config, include_drafts, Some((previous, changes)), None);
    (library, diagnostics, cache.unwrap_or_default())
}

/// What reading one file gave, and what the next cache keeps of it (nothing when the file
/// could not be read).
type ReadFile = (Result<Item, Vec<Diagnostic>>, Option<Arc<CachedFile>>);

/// The previous walk, when `changes` allows reusing it: only files it knows were modified.
fn reusable_walk(content_dir: &Path, cache: &ReadCache, changes: ContentChanges<'_>) -> Option<Arc<Walked>> {
    let ContentChanges::Modified(paths) = changes else { return None };
    let walked = cache.walked.as_ref()?;
    let known = |path: &PathBuf| {
        !path.starts_with(content_dir)
            || cache.items.contains_key(path)
            || walked.files.iter().any(|(file, _)| file == path)
            || walked.bundles.values().flatten().any(|asset| asset == path)
    };
    paths.iter().all(known).then(|| walked.clone())
}

fn load_with(
    config: &Config,
    include_drafts: bool,
    cache: Option<(&ReadCache, ContentChanges<'_>)>,
    overlay: Option<(&Path, &str)>,
) -> (Library, Diagnostics, Option<ReadCache>) {
    let mut diagnostics = Diagnostics::new();
    let content_dir = config.root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(
                CONTENT_DIR,
                0,
                0,
                format!("there is no `{CONTENT_DIR}` folder in {}", config.root.display()),
            )
            .with_hint("run `guide build` in the folder of your guide, pass `--root <folder>`, or create a new guide with `guide init`"),
        );
        return (Library::default(), diagnostics, cache.map(|_| ReadCache::default()));
    }
    let reused = cache.and_then(|(cache, changes)| reusable_walk(&content_dir, cache, changes));
    // A cached walk had no errors: a build whose walk failed is never cached.
    let mut walked = match &reused {
        Some(walked) => walked.clone(),
        None => Arc::new(walk(&content_dir, &mut diagnostics, &config.root)),
    };
    if let Some((path, _)) = overlay
        && !walked.markdown.iter().any(|p| p == path)
    {
        // A file about to be created: read as if the walk had found it.
        let mut with_new = (*walked).clone();
        with_new.markdown.push(path.to_path_buf());
        with_new.markdown.sort();
        walked = Arc::new(with_new);
    }
    // With a reused walk, a file not named as modified is taken from the cache unread.
    let modified = match (cache, &reused) {
        (Some((_, ContentChanges::Modified(paths))), Some(_)) => Some(paths),
        _ => None,
    };
    let read = |path: &PathBuf| -> ReadFile {
        let known = cache.and_then(|(c, _)| c.items.get(path));
        if let (Some(known), Some(modified)) = (known, modified)
            && !modified.contains(path)
        {
            return (known.item.clone(), Some(known.clone()));
        }
        let shown = display_path(&config.root, path);
        let given = overlay
            .filter(|(given, _)| *given == path.as_path())
            .map(|(_, text)| text.to_string());
        let text = match given.map_or_else(|| read_text(path, &shown), Ok) {
            Ok(text) => text,
            Err(error) => return (Err(vec![error]), None),
        };
        // A bundle's index.md also depends on the files beside it: read afresh after a
        // walk (which may have found new ones).
        let reusable = modified.is_some() || path.file_name().is_none_or(|n| n != "index.md");
        if let Some(known) = known.filter(|known| reusable && known.text == text) {
            return (known.item.clone(), Some(known.clone()));
        }
        let item = read_item(config, &content_dir, path, &text, include_drafts, &walked.bundles);
        (item.clone(), Some(Arc::new(CachedFile { text, item })))
    };
    let read: Vec<ReadFile> = walked.markdown.par_iter().map(read).collect();
    let mut next = cache.map(|_| ReadCache {
        items: std::collections::HashMap::with_capacity(read.len()),
        walked: Some(walked.clone()),
    });
    let mut pages = Vec::new();
    let mut sections = Vec::new();
    let mut items = Vec::with_capacity(read.len());
    for (path, (item, file)) in walked.markdown.iter().zip(read) {
        if let (Some(next), Some(file)) = (next.as_mut(), file) {
            next.items.insert(path.clone(), file);
        }
        items.push(item);
    }
    for item in items {
        match item {
            Ok(Item::Page(page, folder)) => pages.push((*page, folder)),
            Ok(Item::Section(section)) => sections.push(*section),
            Ok(Item::Skipped) => {}
            Err(errors) => diagnostics.extend(errors),
        }
    }
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let mut library = assemble(sections, pages, &codes);
    library.files = walked.files.clone();
    sorting::sort_sections(&mut library);
    diagnostics.extend(check_collisions(&library, config.paginate_by));
    diagnostics.extend(check_language_folders(&library, &codes));
    (library, diagnostics, next)
}

#[derive(Debug, Clone)]
struct Walked {
    markdown: Vec<PathBuf>,
    /// Page bundle folders (relative to `content/`) and their asset files.
    bundles: BTreeMap<PathBuf, Vec<PathBuf>>,
    files: Vec<(PathBuf, String)>,
}

fn walk(content_dir: &Path, diagnostics: &mut Diagnostics, root: &Path) -> Walked {
    let mut markdown = Vec::new();
    let mut others = Vec::new();
    let entries = walkdir::WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in entries {
        let refused = entry
            .as_ref()
            .ok()
            .and_then(|e| paths::refuse_source_file(e.path(), e.depth() > 0 && e.path_is_symlink(), root));
        match entry {
            Ok(_) if refused.is_some() => diagnostics.extend(refused),
            Ok(e) if e.file_type().is_file() => {
                if e.path().extension().is_some_and(|x| x == "md") {
                    markdown.push(e.into_path());
                } else {
                    others.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => {
                let shown = e.path().map(|p| display_path(root, p)).unwrap_or_else(|| CONTENT_DIR.into());
                diagnostics.push(match e.io_error() {
                    Some(error) => Diagnostic::cannot_read(shown, error),
                    None => Diagnostic::error(shown, 0, 0, format!("cannot read: {e}")),
                });
            }
        }
    }
    let bundle_dirs: Vec<PathBuf> = markdown
        .iter()
        .filter(|p| is_bundle_index(p))
        .filter_map(|p| p.parent().and_then(|d| d.strip_prefix(content_dir).ok()).map(Path::to_path_buf))
        .filter(|d| !d.as_os_str().is_empty())
        .collect();
    let mut bundles: BTreeMap<PathBuf, Vec<PathBuf>> = bundle_dirs.iter().map(|d| (d.clone(), Vec::new())).collect();
    let mut files = Vec::new();
    for path in others {
        let relative = path.strip_prefix(content_dir).unwrap_or(&path).to_path_buf();
        match bundle_dirs
            .iter()
            .filter(|d| relative.starts_with(d))
            .max_by_key(|d| d.components().count())
        {
            Some(dir) => bundles.entry(dir.clone()).or_default().push(path),
            None => files.push((path, slug_path(&relative, true))),
        }
    }
    // Markdown files inside a bundle (other than its index.md) are assets, not pages.
    markdown.retain(|p| {
        let relative = p.strip_prefix(content_dir).unwrap_or(p);
        let inside = bundle_dirs
            .iter()
            .any(|d| relative.starts_with(d) && relative.parent() != Some(d.as_path()));
        let extra_md_in_bundle = bundle_dirs
            .iter()
            .any(|d| relative.parent() == Some(d.as_path()) && !is_bundle_index(p));
        !(inside || extra_md_in_bundle)
    });
    Walked { markdown, bundles, files }
}

/// A bundle's page: `index.md`, or its translation `index.<code>.md` (a language the guide
/// knows; whether `config.toml` lists it is checked when the file is read).
fn is_bundle_index(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name == "index.md"
        || name
            .strip_prefix("index.")
            .and_then(|rest| rest.strip_suffix(".md"))
            .is_some_and(|code| crate::languages::find(code).is_some())
}

/// The language of a content file and the path of the original it belongs to, both from its
/// name: `backend.de.md` is the German translation of `backend.md` when `config.toml` lists
/// `de`. A suffix that is no language code (`node.js.md`) is part of the name. A suffix
/// naming a language the guide does not publish in, or the default language, is an error.
fn language_of(config: &Config, relative: &Path, shown: &Path) -> Result<(usize, PathBuf), Diagnostic> {
    let original = || (0, relative.to_path_buf());
    let Some(name) = relative.file_name().and_then(|n| n.to_str()) else {
        return Ok(original());
    };
    let Some((stem, code)) = name.strip_suffix(".md").and_then(|stem| stem.rsplit_once('.')) else {
        return Ok(original());
    };
    let Some(known) = crate::languages::find(code).filter(|_| !stem.is_empty()) else {
        return Ok(original());
    };
    let original_name = format!("{stem}.md");
    let original_path = relative.with_file_name(&original_name);
    match config.languages.iter().position(|l| l.code.eq_ignore_ascii_case(code)) {
        Some(0) => Err(Diagnostic::error(
            shown,
            1,
            1,
            format!("\"{code}\" is the default language, whose files have no language code in their name"),
        )
        .with_hint(format!("rename the file to {original_name}"))),
        Some(index) => Ok((index, original_path)),
        None => Err(Diagnostic::error(
            shown,
            1,
            1,
            format!(
                "this file is a translation into \"{code}\" ({}), a language config.toml does not list",
                known.name
            ),
        )
        .with_hint(format!(
            "add a `[languages.{code}]` table to config.toml to publish the guide in that language, or remove the file"
        ))),
    }
}

/// `Engineering/Team Photos/a b.png` → `engineering/team-photos/a b.png` (file names kept
/// when `keep_file_name`, as they are referenced from Markdown).
fn slug_path(relative: &Path, keep_file_name: bool) -> String {
    let parts: Vec<String> = relative.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    let last = parts.len().saturating_sub(1);
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i == last && keep_file_name {
                p.clone()
            } else {
                paths::slugify(p)
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The largest Markdown file a build reads. A role guide is a few KB (10,000 of them are
/// 43 MB); a page of list items takes about 46 times its size while it is rendered (a
/// 15.9 MB page of 390,000 items peaked at 700 MiB), so this bounds a build's memory to
/// under 800 MiB whatever one file holds.
pub const MAX_CONTENT_FILE_BYTES: u64 = 16 * 1024 * 1024;

fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let cannot_read = |e: std::io::Error| Diagnostic::cannot_read(shown, &e);
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut bytes = Vec::new();
    // Read at most one byte past the limit: a file that grows while it is read is bounded too.
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_CONTENT_FILE_BYTES + 1), &mut bytes).map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_CONTENT_FILE_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(Diagnostic::error(
            shown,
            0,
            0,
            format!(
                "the file is {:.1} MB, larger than the {} MB a page may be",
                size as f64 / 1e6,
                MAX_CONTENT_FILE_BYTES >> 20
            ),
        )
        .with_hint("split it into several pages (a role guide is usually a few KB of text)"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, column) = line_column(&prefix, prefix.len());
        Diagnostic::error(
            shown,
            line,
            column,
            "the file is not UTF-8 text: it contains a byte that is not valid UTF-8 here",
        )
        .with_hint("open the file in your editor and save it with the UTF-8 encoding (often called \"Unicode (UTF-8)\")")
    })
}

fn read_item(
    config: &Config,
    content_dir: &Path,
    path: &Path,
    text: &str,
    include_drafts: bool,
    bundles: &BTreeMap<PathBuf, Vec<PathBuf>>,
) -> Result<Item, Vec<Diagnostic>> {
    let shown = display_path(&config.root, path);
    let (language, original) = language_of(config, path.strip_prefix(content_dir).unwrap_or(path), &shown).map_err(|d| vec![d])?;
    let split = frontmatter::split(text, &shown).map_err(|d| vec![d])?;
    // Named as the original is: a translation takes the place of its original.
    let relative = original.as_path();
    let source = SourceFile {
        path: path.to_path_buf(),
        shown: shown.clone(),
        format: split.format,
        body_line: split.body_line,
    };
    if relative.file_name().is_some_and(|n| n == "_index.md") {
        let mut front: page::SectionFrontMatter = frontmatter::parse(&split, &shown, text).map_err(|u| u.errors)?;
        let paginate_by = match front.paginate_by.take().map(crate::config::check_paginate_by) {
            Some(Err((message, hint))) => return Err(vec![front_matter_error(&split, text, &shown, "paginate_by", message, hint)]),
            Some(Ok(count)) => Some(count),
            None => None,
        };
        let folder = relative.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut section = section_from(front, Some(source), folder, split.body);
        section.paginate_by = paginate_by;
        section.language = language;
        return Ok(Item::Section(Box::new(section)));
    }
    let is_bundle = relative.file_name().is_some_and(|n| n == "index.md") && relative.parent().is_some_and(|p| !p.as_os_str().is_empty());
    let page_path = if is_bundle {
        relative.parent().unwrap_or(relative)
    } else {
        relative
    };
    let stem = page_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let front: page::PageFrontMatter = match frontmatter::parse(&split, &shown, text) {
        Ok(front) => front,
        Err(frontmatter::Unreadable { mut errors, readable }) => {
            // What the wrong fields leave is still checked, so its problems show now too.
            if let Some(front) = readable
                && let Err(more) = page_from(front, source, &split, text, &stem, Vec::new())
            {
                errors.extend(more);
            }
            return Err(errors);
        }
    };
    if front.paginate_by.is_some() {
        let folder = relative.parent().unwrap_or(Path::new(""));
        let index = Path::new(CONTENT_DIR).join(folder).join("_index.md");
        return Err(vec![front_matter_error(
            &split,
            text,
            &shown,
            "paginate_by",
            "`paginate_by` is a setting of a section, not of a page".into(),
            &format!(
                "move it to {} to split that section's list of pages, or to config.toml for every list",
                index.display()
            ),
        )]);
    }
    if front.draft && !include_drafts {
        return Ok(Item::Skipped);
    }
    let folder = page_path.parent().unwrap_or(Path::new("")).to_path_buf();
    let assets = if is_bundle {
        bundles.get(page_path).cloned().unwrap_or_default()
    } else {
        Vec::new()
    };
    page_from(front, source, &split, text, &stem, assets).map(|mut page| {
        page.language = language;
        page.translation_key = original.clone();
        Item::Page(Box::new(page), folder)
    })
}

fn section_from(front: page::SectionFrontMatter, source: Option<SourceFile>, folder: PathBuf, body: &str) -> Section {
    let title = front.title.unwrap_or_else(|| title_from_folder(&folder));
    Section {
        source,
        title,
        description: front.description.unwrap_or_default(),
        weight: front.weight,
        sort_by: front.sort_by.unwrap_or_default(),
        template: front.template,
        paginate_by: None,
        extra: front.extra.unwrap_or(serde_json::Value::Null),
        body: body.to_string(),
        url_path: String::new(),
        parent: None,
        subsections: Vec::new(),
        pages: Vec::new(),
        folder,
        language: 0,
    }
}

/// An error at the value of front matter key `key`, with the file's text shown.
fn front_matter_error(split: &frontmatter::Split<'_>, text: &str, shown: &Path, key: &str, message: String, hint: &str) -> Diagnostic {
    let (line, column) = match locate_key(split.front, split.format, &[key]) {
        Some((line, column)) => (line + split.front_line - 1, column),
        None => (1, 1),
    };
    Diagnostic::error(shown, line, column, message).with_hint(hint).with_source(text)
}

/// `product-design` → `Product design`, for folders without `_index.md`.
fn title_from_folder(folder: &Path) -> String {
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn page_from(
    front: page::PageFrontMatter,
    source: SourceFile,
    split: &frontmatter::Split<'_>,
    text: &str,
    stem: &str,
    assets: Vec<PathBuf>,
) -> Result<Page, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let shown = source.shown.clone();
    let at = |path: &[&str]| {
        let (line, column) = locate_key(split.front, split.format, path).unwrap_or((0, 0));
        if line == 0 { (1, 1) } else { (line + split.front_line - 1, column) }
    };
    let mut error = |path: &[&str], message: String, hint: &str| {
        let (line, column) = at(path);
        errors.push(Diagnostic::error(&shown, line, column, message).with_hint(hint).with_source(text));
    };
    if front.title.trim().is_empty() {
        error(&["title"], "the title is empty".into(), "write the page's title between the quotes");
    }
    let slug = match front.slug.as_deref().map(paths::check_slug) {
        Some(Ok(slug)) => slug,
        Some(Err(problem)) => {
            error(
                &["slug"],
                problem,
                "a slug is one part of a web address, made of letters, digits and dashes, like \"backend-developer\"",
            );
            String::new()
        }
        None => paths::slugify(stem),
    };
    let mut alias_files = Vec::new();
    for alias in &front.aliases {
        match paths::alias_output_file(alias) {
            Ok(file) => alias_files.push(file),
            Err(problem) => error(
                &["aliases"],
                problem,
                "an alias is an old address on this site, like \"/engineering/old-name/\"",
            ),
        }
    }
    let mut dates = [None, None];
    for (slot, (key, value)) in dates.iter_mut().zip([("date", &front.date), ("updated", &front.updated)]) {
        if let Some(value) = value {
            *slot = page::parse_date(&value.0);
            if slot.is_none() {
                error(
                    &[key],
                    format!("\"{}\" is not a date", value.0),
                    "write dates as year-month-day, like 2026-09-14",
                );
            }
        }
    }
    let role = match front.role {
        Some(raw) => {
            let role_source = role::Source {
                file: &shown,
                front: split.front,
                front_line: split.front_line,
                format: split.format,
                full_text: text,
            };
            match role::check(raw, &role_source) {
                Ok(role) => Some(role),
                Err(role_errors) => {
                    errors.extend(role_errors);
                    None
                }
            }
        }
        None => None,
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Page {
        source,
        title: front.title.trim().to_string(),
        description: front.description.unwrap_or_default().trim().to_string(),
        date: dates[0],
        updated: dates[1],
        weight: front.weight,
        draft: front.draft,
        template: front.template,
        alias_files,
        role,
        extra: front.extra.unwrap_or(serde_json::Value::Null),
        body: split.body.to_string(),
        url_path: slug,
        section: 0,
        language: 0,
        translation_key: PathBuf::new(),
        assets,
    })
}

/// Links pages to sections of their language, creating sections for folders without
/// `_index.md` (and a home page for every language), and computes every URL path: the
/// default language's from the site root, another's under its code (`de/engineering/`).
fn assemble(sections: Vec<Section>, pages: Vec<(Page, PathBuf)>, codes: &[String]) -> Library {
    let mut by_folder: BTreeMap<(usize, PathBuf), Section> = sections.into_iter().map(|s| ((s.language, s.folder.clone()), s)).collect();
    let mut needed: Vec<(usize, PathBuf)> = (0..codes.len().max(1)).map(|language| (language, PathBuf::new())).collect();
    needed.extend(by_folder.keys().cloned());
    needed.extend(pages.iter().map(|(page, folder)| (page.language, folder.clone())));
    for (language, folder) in needed {
        let mut current = Some(folder.as_path());
        while let Some(dir) = current {
            by_folder.entry((language, dir.to_path_buf())).or_insert_with(|| {
                let mut section = section_from(Default::default(), None, dir.to_path_buf(), "");
                section.language = language;
                section
            });
            current = dir.parent();
        }
    }
    // BTreeMap order puts each language together, the default first, and in each "" (its
    // home) first and parents before children.
    let mut sections: Vec<Section> = by_folder.into_values().collect();
    let index_of: BTreeMap<(usize, PathBuf), usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.language, s.folder.clone()), i))
        .collect();
    let prefix = |language: usize| match language {
        0 => String::new(),
        _ => format!("{}/", codes[language]),
    };
    for i in 0..sections.len() {
        let (language, folder) = (sections[i].language, sections[i].folder.clone());
        sections[i].url_path = if folder.as_os_str().is_empty() {
            prefix(language)
        } else {
            format!("{}{}/", prefix(language), slug_path(&folder, false))
        };
        if let Some(parent) = folder.parent().and_then(|p| index_of.get(&(language, p.to_path_buf()))) {
            sections[i].parent = Some(*parent);
            sections[*parent].subsections.push(i);
        }
        if folder.as_os_str().is_empty() && sections[i].source.is_none() && sections[i].title.is_empty() {
            sections[i].title = "Home".into();
        }
    }
    let mut library_pages = Vec::with_capacity(pages.len());
    for (mut page, folder) in pages {
        let section = index_of[&(page.language, folder)];
        page.section = section;
        page.url_path = format!("{}{}/", sections[section].url_path, page.url_path);
        let language_prefix = prefix(page.language);
        for alias in &mut page.alias_files {
            alias.insert_str(0, &language_prefix);
        }
        sections[section].pages.push(library_pages.len());
        library_pages.push(page);
    }
    Library {
        sections,
        pages: library_pages,
        files: Vec::new(),
    }
}

/// Every output path must have one owner: two pages, a page and a section, or an alias and
/// a page must never write the same file.
fn check_collisions(library: &Library, paginate_by_default: usize) -> Vec<Diagnostic> {
    let mut owners: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut errors = Vec::new();
    let section_claims = library.sections.iter().filter_map(|s| {
        s.source
            .as_ref()
            .map(|src| (format!("{}index.html", s.url_path), src.shown.clone(), None))
    });
    let page_claims = library
        .pages
        .iter()
        .map(|p| (format!("{}index.html", p.url_path), p.source.shown.clone(), None));
    let alias_claims = library
        .pages
        .iter()
        .flat_map(|p| p.alias_files.iter().map(|a| (a.clone(), p.source.shown.clone(), Some("aliases"))));
    // Later pagers of a section's listing (`engineering/page/2/`), and the redirect at
    // `page/1/`, belong to the section.
    let pager_claims = library.sections.iter().flat_map(|s| {
        let shown = s
            .source
            .as_ref()
            .map_or_else(|| Path::new(CONTENT_DIR).join(&s.folder), |src| src.shown.clone());
        let count = pagination::pager_count(s.pages.len(), s.paginate_by.unwrap_or(paginate_by_default));
        let redirect = (count > 1).then(|| pagination::first_pager_redirect_file(&s.url_path));
        (2..=count)
            .map(|n| format!("{}index.html", pagination::pager_url_path(&s.url_path, n)))
            .chain(redirect)
            .map(move |file| (file, shown.clone(), Some("paginate_by")))
    });
    for (output, file, key) in section_claims.chain(pager_claims).chain(page_claims).chain(alias_claims) {
        if let Some(first) = owners.get(&output) {
            let url = format!("/{}", output.trim_end_matches("index.html"));
            let what = match key {
                Some("paginate_by") => "a page of this section's list",
                Some(_) => "an alias of this page",
                None => "this page",
            };
            errors.push(
                Diagnostic::error(
                    &file,
                    1,
                    1,
                    format!("{what} would be written to {url}, which {} already uses", first.display()),
                )
                .with_hint("give one of them a different file name, or set a different `slug` in its front matter"),
            );
        } else {
            owners.insert(output, file);
        }
    }
    errors
}

/// The folders of the other languages (`de/`) belong to them: a page or section of the
/// default language written there would overwrite theirs.
fn check_language_folders(library: &Library, codes: &[String]) -> Vec<Diagnostic> {
    let folders: Vec<String> = codes.iter().skip(1).map(|code| format!("{code}/")).collect();
    let taken = |url_path: &str| folders.iter().find(|folder| url_path.starts_with(folder.as_str()));
    let pages = library
        .pages
        .iter()
        .filter(|p| p.language == 0)
        .map(|p| (&p.url_path, &p.source.shown));
    let sections = library
        .sections
        .iter()
        .filter(|s| s.language == 0)
        .filter_map(|s| s.source.as_ref().map(|source| (&s.url_path, &source.shown)));
    pages
        .chain(sections)
        .filter_map(|(url_path, shown)| {
            let folder = taken(url_path)?;
            Some(
                Diagnostic::error(
                    shown,
                    1,
                    1,
                    format!(
                        "this page would be written to /{url_path}, inside /{folder}, the folder of the pages in \"{}\"",
                        folder.trim_end_matches('/')
                    ),
                )
                .with_hint("move the file to a folder of another name, or set a different `slug` in its front matter"),
            )
        })
        .collect()
}

/// Claims the output paths of generated pages (search, summaries) against content.
pub fn check_reserved(library: &Library, reserved: &[&str]) -> Vec<Diagnostic> {
    library
        .pages
        .iter()
        .filter(|p| {
            reserved
                .iter()
                .any(|r| p.url_path == *r || p.alias_files.iter().any(|a| a.starts_with(r)))
        })
        .map(|p| {
            Diagnostic::error(
                &p.source.shown,
                1,
                1,
                format!(
                    "this page would be written to /{}, which the guide itself uses for a generated page",
                    p.url_path
                ),
            )
            .with_hint("rename the file or set a different `slug` in its front matter")
        })
        .collect()
}
