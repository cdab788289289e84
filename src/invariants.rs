//! Properties that every input-facing step must keep for any input at all: no panic, no
//! path outside the output folder, no two elements of a page with one id, and text from
//! the author never becoming markup unless HTML is allowed.
//!
//! Each function runs one step on an arbitrary input and panics when a property breaks.
//! The same functions are driven by the fuzz targets (`fuzz/`, libFuzzer on nightly, for
//! long runs) and by the property tests (`tests/properties.rs`, proptest on stable, inside
//! `cargo test`), so a finding of either is a failing case of the other.

use std::collections::HashSet;
use std::path::{Component, Path};
use std::sync::OnceLock;

use crate::config::{Config, Overrides};
use crate::content::frontmatter;
use crate::content::page::{PageFrontMatter, SectionFrontMatter};
use crate::content::{paths, role};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, MarkdownOptions};
use crate::search::{Index, parse_query};
use crate::serve::files::SiteFiles;
use crate::serve::http::{Lookup, lookup, safe_path};

/// The fuzz targets, named as in `fuzz/Cargo.toml` and `fuzz/seeds/`.
pub const FUZZ_TARGETS: [&str; 6] = ["front_matter", "markdown", "config", "search_query", "paths", "request_path"];

/// One input of the fuzz target named `target`, read as that target reads its bytes, and
/// checked. The fuzz targets are this call; `cargo test` replays every committed seed
/// (`fuzz/seeds/TARGET/`) through it, so a finding kept as a seed stays fixed.
pub fn fuzz_input(target: &str, data: &[u8]) {
    if target == "markdown" {
        // The first byte picks the options: HTML allowed, highlighting, a base path.
        let Some((&flags, rest)) = data.split_first() else { return };
        let Ok(body) = std::str::from_utf8(rest) else { return };
        let base_path = if flags & 4 == 0 { "/" } else { "/jobs/" };
        return markdown(body, flags & 1 != 0, flags & 2 != 0, base_path);
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    match target {
        "front_matter" => front_matter(text),
        "config" => config(text),
        "search_query" => search_query(text),
        "paths" => paths_and_anchors(text),
        "request_path" => request_path(text),
        _ => panic!("there is no fuzz target named {target:?}"),
    }
}

/// Lines as slugs, aliases and links, the first line naming the page the links are on
/// (its URL path of slugs); all the lines as texts of anchors in one page.
pub fn paths_and_anchors(text: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    for line in &lines {
        slug_stays_in_its_folder(line);
        alias_stays_in_the_output(line);
    }
    let first = lines.first().copied().unwrap_or("");
    let page: String = first
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| paths::slugify(s) + "/")
        .collect();
    let base_path = if first.len() % 2 == 0 { "/" } else { "/jobs/" };
    for link in &lines[1.min(lines.len())..] {
        link_resolves_inside(&page, link, base_path);
    }
    anchors_are_unique(&lines);
}

/// A content file (front matter and body) read as a page and as a section: the front
/// matter splits and parses or gives positioned errors; a role's table, slug and aliases
/// are checked; every error points inside the file and prints.
pub fn front_matter(text: &str) {
    let file = Path::new("content/role.md");
    let split = match frontmatter::split(text, file) {
        Ok(split) => split,
        Err(error) => return check_diagnostic(&error, text),
    };
    assert!(text.ends_with(split.body), "the body is the end of the file");
    assert!(split.body_line >= split.front_line, "the body starts after the front matter");
    if let Err(unreadable) = frontmatter::parse::<SectionFrontMatter>(&split, file, text) {
        check_diagnostics(&unreadable.errors, text);
    }
    let front = match frontmatter::parse::<PageFrontMatter>(&split, file, text) {
        Ok(front) => front,
        Err(unreadable) => return check_diagnostics(&unreadable.errors, text),
    };
    if let Some(slug) = front.slug.as_deref() {
        slug_stays_in_its_folder(slug);
    }
    for alias in &front.aliases {
        alias_stays_in_the_output(alias);
    }
    if let Some(raw) = front.role {
        let source = role::Source {
            file,
            front: split.front,
            front_line: split.front_line,
            format: split.format,
            full_text: text,
        };
        if let Err(errors) = role::check(raw, &source) {
            assert!(!errors.is_empty(), "a refused role names its problems");
            for error in &errors {
                check_diagnostic(error, text);
            }
        }
    }
}

/// `config.toml` text: a checked configuration or positioned errors.
pub fn config(text: &str) {
    match Config::from_text(Path::new("/site"), text, &Overrides::default()) {
        Ok(config) => assert!(config.base_path.starts_with('/') && config.base_path.ends_with('/')),
        Err(errors) => {
            assert!(!errors.is_empty(), "a refused configuration names its problems");
            for error in &errors {
                check_diagnostic(error, text);
            }
        }
    }
}

/// Every error of a file that could not be read: at least one, each pointing inside it.
fn check_diagnostics(errors: &[Diagnostic], text: &str) {
    assert!(!errors.is_empty(), "unreadable front matter names its problems");
    for error in errors {
        check_diagnostic(error, text);
    }
}

/// A diagnostic's position is inside the text it came from, and it prints.
fn check_diagnostic(diagnostic: &Diagnostic, text: &str) {
    let lines = text.lines().count().max(1);
    assert!(
        diagnostic.line <= lines + 1,
        "line {} of a {lines}-line file: {diagnostic}",
        diagnostic.line
    );
    assert!(!diagnostic.message.is_empty(), "an error says what is wrong");
    let printed = diagnostic.to_string();
    assert!(printed.contains(&diagnostic.message));
}

/// The tags our Markdown renderer writes; with HTML not allowed, no other tag may appear.
const RENDERED_TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "input",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "span",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// A Markdown body: renders; the guide sections' and entries' anchors are unique URL-safe
/// ids that exist in the page; no id is given twice in the HTML; with HTML not allowed,
/// the author's text never becomes a tag, an event attribute or a `javascript:` link.
pub fn markdown(body: &str, allow_html: bool, highlight_code: bool, base_path: &str) {
    let options = MarkdownOptions {
        allow_html,
        highlight: highlight_code.then(markdown::highlight::CodeThemes::default),
        base_path: base_path.to_string(),
        reserved_ids: crate::render::THEME_IDS,
    };
    let rendered = markdown::render(body, &options);
    let ids: HashSet<&str> = rendered.ids.iter().map(String::as_str).collect();
    assert_eq!(ids.len(), rendered.ids.len(), "ids of the body are listed once");
    let mut anchors = HashSet::new();
    for section in &rendered.sections {
        for anchor in std::iter::once(&section.anchor).chain(section.entries.iter().map(|e| &e.anchor)) {
            assert!(anchors.insert(anchor.as_str()), "anchor {anchor:?} given twice");
            assert!(ids.contains(anchor.as_str()), "anchor {anchor:?} is among the page's ids");
            assert!(is_anchor_id(anchor), "anchor {anchor:?} is not URL-safe");
        }
    }
    if allow_html {
        return;
    }
    let mut seen = HashSet::new();
    for id in attribute_values(&rendered.html, " id=\"") {
        assert!(seen.insert(id), "id {id:?} is given twice in {}", rendered.html);
        assert!(ids.contains(id), "id {id:?} is not listed for `guide check`: {}", rendered.html);
    }
    for target in footnote_link_targets(&rendered.html) {
        assert!(seen.contains(target), "footnote link to #{target} has no target: {}", rendered.html);
    }
    for tag in tag_names(&rendered.html) {
        assert!(RENDERED_TAGS.contains(&tag), "tag <{tag}> came from the text: {}", rendered.html);
    }
    let lower = rendered.html.to_ascii_lowercase();
    for href in attribute_values(&lower, " href=\"").chain(attribute_values(&lower, " src=\"")) {
        let href: String = href.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
        assert!(!href.starts_with("javascript:"), "a javascript: link: {}", rendered.html);
    }
}

/// Where the links between footnotes and their references lead (`#fn-…`, `#fnref-…`).
fn footnote_link_targets(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<a href=\"#").filter_map(move |(at, opening)| {
        let tag = &html[at..at + html[at..].find('>')?];
        let is_footnote_link = tag.contains(" data-footnote-ref") || tag.contains(" data-footnote-backref");
        let target = &tag[opening.len()..];
        is_footnote_link.then(|| &target[..target.find('"').unwrap_or(target.len())])
    })
}

fn is_url_safe_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An anchor is URL-safe as a slug is, except that it keeps the lower-case letters of the
/// scripts that are not folded to ASCII (`一次面接の質問`): no space, no punctuation.
fn is_anchor_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (markdown::anchors::keeps_script(c) && c.to_lowercase().eq([c]))
        })
}

/// Every value of the attribute opened by `opening` (like ` id="`).
fn attribute_values<'a>(html: &'a str, opening: &'a str) -> impl Iterator<Item = &'a str> {
    html.match_indices(opening).filter_map(move |(at, _)| {
        let rest = &html[at + opening.len()..];
        rest.find('"').map(|end| &rest[..end])
    })
}

/// The name of every start and end tag in `html`.
fn tag_names(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices('<').map(move |(at, _)| {
        let rest = &html[at + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        &rest[..end]
    })
}

/// A search query: parses, or is refused with a message, a hint and a span inside the
/// query; a parsed query runs against an index.
pub fn search_query(query: &str) {
    let index = small_index();
    match parse_query(query, index.fields()) {
        Ok(clauses) => {
            let hits = index.run_clauses(&clauses);
            assert!(hits.len() <= index.document_count());
        }
        Err(error) => {
            let (start, end) = error.span();
            let length = query.encode_utf16().count();
            assert!(start <= end && end <= length.max(1), "span {start}..{end} of a query of {length}");
            assert!(!error.message().is_empty() && !error.hint().is_empty());
        }
    }
}

/// A two-page index in lunr's format, built once.
fn small_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        use crate::search::{Document, FieldSpec, build_index};
        let fields = ["title", "body"].map(|name| FieldSpec {
            name: name.into(),
            boost: 1.0,
        });
        let texts = [
            ("engineering/backend/", "Backend Developer", "Kubernetes, Rust and PostgreSQL"),
            ("design/product/", "Product Designer", "Figma prototypes and user research"),
        ];
        let documents: Vec<Document> = texts
            .iter()
            .map(|(reference, title, body)| Document {
                reference: (*reference).into(),
                texts: vec![(0, (*title).into()), (1, (*body).into())],
                boost: 1.0,
            })
            .collect();
        let json = build_index(&fields, &documents).to_lunr_json();
        Index::from_json(&json).expect("our own index loads")
    })
}

/// A front matter `slug`: accepted only as one segment that cannot leave its folder.
pub fn slug_stays_in_its_folder(slug: &str) {
    let made = paths::slugify(slug);
    assert!(is_url_safe_id(&made), "slugify({slug:?}) = {made:?}");
    if let Ok(checked) = paths::check_slug(slug) {
        assert!(
            is_portable_inside(&checked) && !checked.contains('/'),
            "slug {slug:?} → {checked:?}"
        );
    }
}

/// An alias: accepted only as a file inside the output folder.
pub fn alias_stays_in_the_output(alias: &str) {
    if let Ok(file) = paths::alias_output_file(alias) {
        assert!(is_portable_inside(&file), "alias {alias:?} → {file:?}");
        assert!(file.ends_with(".html") || file.ends_with(".htm"), "alias {alias:?} → {file:?}");
    }
}

/// A link from a page: resolved to a site path without climbing above the root.
/// `page_path` is a page's URL path (slugs joined by `/`), `link` anything.
pub fn link_resolves_inside(page_path: &str, link: &str, base_path: &str) {
    if let Some(resolved) = crate::check::links::resolve(page_path, link, base_path) {
        assert!(stays_inside(Path::new(&resolved)), "{link:?} from {page_path:?} → {resolved:?}");
    }
    let rewritten = markdown::with_base_path(base_path, link);
    if link.starts_with('/') && !link.starts_with("//") {
        assert!(rewritten.starts_with(base_path), "{link:?} under {base_path:?} → {rewritten:?}");
    }
}

/// Anchors made from any texts in any order never repeat.
pub fn anchors_are_unique(texts: &[&str]) {
    let mut taken = HashSet::new();
    for text in texts {
        let anchor = markdown::unique_anchor(text, "entry", &mut taken, crate::render::THEME_IDS);
        assert!(is_anchor_id(&anchor), "{text:?} → {anchor:?}");
    }
    assert_eq!(taken.len(), texts.len(), "one anchor per text");
}

/// A request path of `guide serve`: only files of the site are answered; a refusal or
/// redirect never leads off the site.
pub fn request_path(raw_path: &str) {
    if let Some(relative) = safe_path(raw_path.strip_prefix('/').unwrap_or(raw_path)) {
        assert!(relative.is_empty() || is_portable_inside(&relative), "{raw_path:?} → {relative:?}");
    }
    for site in served_sites() {
        match lookup(site, raw_path) {
            Lookup::File(name) => assert!(site.get(&name).is_some(), "{raw_path:?} → missing {name:?}"),
            Lookup::Redirect(to) => {
                assert!(to.starts_with(&site.base_path), "{raw_path:?} → {to:?} leaves the site");
                assert!(
                    !to.starts_with("//") && !to.contains('\\'),
                    "{raw_path:?} → {to:?} leaves the server"
                );
            }
            Lookup::Refused | Lookup::NotFound => {}
        }
    }
}

/// One site served at the root and one below a sub-path.
fn served_sites() -> &'static [SiteFiles; 2] {
    static SITES: OnceLock<[SiteFiles; 2]> = OnceLock::new();
    SITES.get_or_init(|| {
        ["/", "/jobs/"].map(|base_path| {
            let mut site = SiteFiles {
                base_path: base_path.into(),
                ..Default::default()
            };
            for name in [
                "index.html",
                "engineering/index.html",
                "engineering/backend/index.html",
                "style.css",
                "404.html",
            ] {
                site.files.insert(name.into(), axum::body::Bytes::new());
            }
            site
        })
    })
}

/// True when `path` is relative and every part of it is a plain name.
fn stays_inside(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// True when `path` stays inside on every system: also no `\\` (a separator on Windows) or NUL.
fn is_portable_inside(path: &str) -> bool {
    stays_inside(Path::new(path)) && !path.contains(['\\', '\0'])
}
