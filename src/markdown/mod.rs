//! Markdown: page bodies rendered to HTML with comrak, plus what the rest of the build needs
//! from them — the guide sections and their entries with stable anchors, a table of
//! contents, links for checking, and plain text for search.

pub mod contrast;
mod footnotes;
pub mod highlight;

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::sync::Arc;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, create_formatter, parse_document};
use serde::Serialize;

use highlight::{CodeThemes, Highlighter, Palettes};

/// Settings that change how Markdown renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownOptions {
    pub allow_html: bool,
    /// The light and dark themes code is highlighted for; `None`: code is not highlighted.
    pub highlight: Option<CodeThemes>,
    /// The site's base path (`/` or `/sub/path/`), prefixed to root-relative links.
    pub base_path: String,
    /// Ids the page around the body already uses (the theme's `main`, `search-input`, …):
    /// a heading or entry never takes one (`## Main` is `#main-2`).
    pub reserved_ids: &'static [&'static str],
}

/// One entry (a question or a point) of a guide section.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GuideEntry {
    pub anchor: String,
    /// Plain text of the entry's first paragraph: the question itself.
    pub text: String,
    /// Plain text of the whole entry, including any tip below the question.
    pub full_text: String,
    /// 1-based line in the body.
    #[serde(skip)]
    pub line: usize,
}

/// A `##` section of a page and its top-level list items.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GuideSection {
    pub heading: String,
    pub anchor: String,
    pub entries: Vec<GuideEntry>,
    #[serde(skip)]
    pub line: usize,
}

/// A heading in the table of contents, with the headings nested under it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A link or image found in the body, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub url: String,
    pub is_image: bool,
    pub line: usize,
    pub column: usize,
}

/// A problem found while rendering, at a position in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

/// Everything the build uses from one Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub sections: Vec<GuideSection>,
    pub links: Vec<Link>,
    /// Every id given to an element of the body, for checking `#anchor` links.
    pub ids: Vec<String>,
    pub plain_text: String,
    /// Plain text of the first paragraph, a fallback description.
    pub summary: String,
    /// Words written with spaces between them; Chinese and Japanese text counts in
    /// `cjk_characters` instead, as it has no spaces to count by.
    pub word_count: usize,
    pub cjk_characters: usize,
    pub warnings: Vec<Warning>,
}

impl Rendered {
    /// Minutes to read the body: 220 words a minute, and 500 characters a minute of
    /// Chinese or Japanese (the rate Hugo uses too); at least one.
    pub fn reading_minutes(&self) -> usize {
        (self.word_count * 500 + self.cjk_characters * 220).div_ceil(220 * 500).max(1)
    }

    /// Drops what only `guide check` reads (every id and link of the body), for a
    /// one-shot build: at 10,000 roles the ids alone are about 40 MB.
    pub fn drop_check_data(&mut self) {
        self.ids = Vec::new();
        self.links = Vec::new();
    }

    /// Drops what only page templates read, keeping what search reads: the plain text,
    /// the summary, and each guide section's heading, anchor and entries' anchors and
    /// full texts.
    pub fn drop_template_data(&mut self) {
        self.html = String::new();
        self.toc = Vec::new();
        for section in &mut self.sections {
            for entry in &mut section.entries {
                entry.text = String::new();
            }
        }
    }
}

/// State shared with the HTML formatter: ids by node (see [`node_key`]), and the highlighter.
#[derive(Default)]
struct FormatState {
    ids: HashMap<usize, String>,
    highlighter: Option<(&'static Highlighter, &'static Palettes)>,
}

create_formatter!(GuideFormatter<FormatState>, {
    NodeValue::Heading(ref heading) => |context, node, entering| {
        let level = heading.level;
        if entering {
            context.cr()?;
            match context.user.ids.get(&node_key(node)).cloned() {
                Some(id) => write!(context, "<h{level} id=\"{id}\">")?,
                None => write!(context, "<h{level}>")?,
            }
        } else {
            write!(context, "</h{level}>")?;
            context.lf()?;
        }
    },
    NodeValue::Item(_) => |context, node, entering| {
        if entering {
            context.cr()?;
            match context.user.ids.get(&node_key(node)).cloned() {
                Some(id) => write!(context, "<li id=\"{id}\" class=\"entry\">")?,
                None => context.write_str("<li>")?,
            }
        } else {
            context.write_str("</li>")?;
            context.lf()?;
        }
    },
    NodeValue::CodeBlock(ref block) => |context, entering| {
        if entering {
            let language = block.info.split_whitespace().next().unwrap_or("").to_string();
            context.cr()?;
            write_code_block(context, &language, &block.literal)?;
            return Ok(comrak::html::ChildRendering::Skip);
        }
    },
    NodeValue::Table(_) => |context, node, entering| {
        if entering {
            context.cr()?;
            context.write_str("<div class=\"table-wrap\">")?;
            return comrak::html::format_node_default(context, node, entering);
        }
        let result = comrak::html::format_node_default(context, node, entering)?;
        context.write_str("</div>")?;
        context.lf()?;
        return Ok(result);
    },
});

/// How every code block of a rendered body starts, so templates can be told which pages
/// have code (and need `highlight.css`).
pub const CODE_BLOCK_START: &str = "<pre class=\"code\"";

fn write_code_block(context: &mut comrak::html::Context<FormatState>, language: &str, code: &str) -> std::fmt::Result {
    let highlighted = match (context.user.highlighter, language.is_empty()) {
        (Some((highlighter, palettes)), false) => highlighter.highlight(code, language, palettes),
        _ => None,
    };
    context.write_str(CODE_BLOCK_START)?;
    if language.is_empty() {
        context.write_str("><code>")?;
    } else {
        context.write_str(" data-lang=\"")?;
        context.escape(language)?;
        context.write_str("\"><code class=\"language-")?;
        context.escape(language)?;
        context.write_str("\">")?;
    }
    match highlighted {
        Some(html) => context.write_str(&html)?,
        None => context.escape(code)?,
    }
    context.write_str("</code></pre>")?;
    context.lf()
}

fn comrak_options(options: &MarkdownOptions) -> Options<'static> {
    let mut o = Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.parse.sourcepos_chars = true;
    o.render.r#unsafe = options.allow_html;
    o.render.escape = !options.allow_html;
    if options.base_path != "/" {
        let base = options.base_path.clone();
        let rewrite = Arc::new(move |url: &str| with_base_path(&base, url));
        o.extension.link_url_rewriter = Some(rewrite.clone());
        o.extension.image_url_rewriter = Some(rewrite);
    }
    o
}

/// Root-relative URLs (`/engineering/`) get the site's sub-path; others are left alone.
pub fn with_base_path(base_path: &str, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => format!("{base_path}{rest}"),
        _ => url.to_string(),
    }
}

/// Renders one Markdown body.
pub fn render(body: &str, options: &MarkdownOptions) -> Rendered {
    let arena = Arena::new();
    let comrak_options = comrak_options(options);
    let root = parse_document(&arena, body, &comrak_options);
    let mut rendered = Rendered::default();
    let mut state = FormatState {
        highlighter: options.highlight.map(|themes| (Highlighter::global(), Palettes::of(themes))),
        ..Default::default()
    };
    // Footnote ids first, so headings and entries numbered on (`fn-2`) skip them.
    let mut taken = if body.contains("[^") {
        footnotes::make_ids_unique(root, &mut rendered.warnings)
    } else {
        HashSet::new()
    };
    // Escaped raw HTML is text the reader sees, so it belongs in anchors and search.
    let html_is_text = !options.allow_html;
    collect_structure(root, &mut rendered, &mut state.ids, &mut taken, options.reserved_ids, html_is_text);
    collect_details(root, &mut rendered, options);
    let mut html = String::with_capacity(body.len() * 2);
    // Writing to a String cannot fail; a formatter error would only drop output.
    let _ = GuideFormatter::format_document(root, &comrak_options, &mut html, state);
    // Escaped raw HTML leaves nothing whitespace-sensitive outside code blocks.
    rendered.html = if options.allow_html { html } else { compact::compact_blocks(&html) };
    rendered.plain_text = plain_text(root, html_is_text);
    (rendered.word_count, rendered.cjk_characters) = count_words(&rendered.plain_text);
    rendered
}

/// Words separated by spaces and, apart, characters of Chinese and Japanese: a piece
/// between spaces is a word if it holds anything else than such characters.
fn count_words(text: &str) -> (usize, usize) {
    let is_cjk = |c: char| matches!(u32::from(c), 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3FFFF);
    text.split_whitespace().fold((0, 0), |(words, characters), piece| {
        let cjk = piece.chars().filter(|&c| is_cjk(c)).count();
        let other = piece.chars().any(|c| c.is_alphanumeric() && !is_cjk(c));
        (words + usize::from(other || cjk == 0), characters + cjk)
    })
}

/// Walks the top level: headings get ids (and form the table of contents), and each list
/// item under a `##` heading becomes an entry of that guide section.
fn collect_structure<'a>(
    root: &'a AstNode<'a>,
    out: &mut Rendered,
    ids: &mut HashMap<usize, String>,
    taken: &mut HashSet<String>,
    reserved: &[&str],
    html_is_text: bool,
) {
    let mut flat_toc: Vec<(u8, String, String)> = Vec::new();
    for node in root.children() {
        let start = node.data().sourcepos.start;
        let value = node.data().value.clone();
        match value {
            NodeValue::Heading(heading) => {
                let text = inline_text(node, html_is_text);
                let id = unique_anchor(&text, "section", taken, reserved);
                ids.insert(node_key(node), id.clone());
                if heading.level == 2 {
                    out.sections.push(GuideSection {
                        heading: text.clone(),
                        anchor: id.clone(),
                        entries: Vec::new(),
                        line: start.line,
                    });
                }
                if (2..=3).contains(&heading.level) {
                    flat_toc.push((heading.level, id, text));
                }
            }
            NodeValue::List(_) => {
                let Some(section) = out.sections.last_mut() else { continue };
                for item in node.children() {
                    let item_start = item.data().sourcepos.start;
                    let text = item.first_child().map(|p| inline_text(p, html_is_text)).unwrap_or_default();
                    let anchor = unique_anchor(&text, "entry", taken, reserved);
                    ids.insert(node_key(item), anchor.clone());
                    let full_text = plain_text(item, html_is_text);
                    section.entries.push(GuideEntry {
                        anchor,
                        text,
                        full_text,
                        line: item_start.line,
                    });
                }
            }
            NodeValue::Paragraph if out.summary.is_empty() && out.sections.is_empty() => out.summary = inline_text(node, html_is_text),
            _ => {}
        }
    }
    out.ids = taken.iter().cloned().collect();
    out.ids.sort();
    out.toc = nest_toc(flat_toc);
}

/// A node's identity while the body is rendered: its address in the arena. Not its source
/// position, which a nested node can share (a setext heading inside a list item).
fn node_key(node: &AstNode<'_>) -> usize {
    std::ptr::from_ref(node).addr()
}

/// Links, images and code blocks anywhere in the body.
fn collect_details<'a>(root: &'a AstNode<'a>, out: &mut Rendered, options: &MarkdownOptions) {
    for node in root.descendants() {
        let data = node.data();
        let start = data.sourcepos.start;
        match &data.value {
            NodeValue::Link(link) => out.links.push(Link {
                url: link.url.clone(),
                is_image: false,
                line: start.line,
                column: start.column,
            }),
            NodeValue::Image(link) => out.links.push(Link {
                url: link.url.clone(),
                is_image: true,
                line: start.line,
                column: start.column,
            }),
            NodeValue::CodeBlock(block) if options.highlight.is_some() => {
                let language = block.info.split_whitespace().next().unwrap_or("");
                if !language.is_empty() && Highlighter::global().find(language).is_none() {
                    out.warnings.push(Warning {
                        line: start.line,
                        column: start.column,
                        message: format!("no highlighting is known for the code language \"{language}\"; the code is shown without colours"),
                        hint: "use a common name after the ``` fence, such as python, javascript, typescript, go, rust, java, kotlin, swift, sql, bash, toml, yaml or dockerfile".into(),
                    });
                }
            }
            _ => {}
        }
    }
}

fn nest_toc(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    let mut toc: Vec<TocEntry> = Vec::new();
    for (level, id, title) in flat {
        let entry = TocEntry {
            level,
            id,
            title,
            children: Vec::new(),
        };
        match toc.last_mut() {
            Some(parent) if level > parent.level => parent.children.push(entry),
            _ => toc.push(entry),
        }
    }
    toc
}

/// Text of a block's inline content, with line breaks as spaces. `html_is_text`: raw HTML
/// is shown escaped (not `allow_html`), so it is part of the text.
fn inline_text<'a>(node: &'a AstNode<'a>, html_is_text: bool) -> String {
    let mut text = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(c) => text.push_str(&c.literal),
            NodeValue::HtmlInline(html) if html_is_text => text.push_str(html),
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of a subtree with blocks separated by newlines: what search indexes.
fn plain_text<'a>(node: &'a AstNode<'a>, html_is_text: bool) -> String {
    let mut text = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(c) => text.push_str(&c.literal),
            NodeValue::HtmlInline(html) if html_is_text => text.push_str(html),
            NodeValue::HtmlBlock(block) if html_is_text => {
                text.push_str(block.literal.trim_end());
                text.push('\n');
            }
            NodeValue::CodeBlock(c) => {
                text.push_str(&c.literal);
                text.push('\n');
            }
            NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
            NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::TableCell if !text.is_empty() && !text.ends_with('\n') => {
                text.push('\n');
            }
            _ => {}
        }
    }
    text.trim().to_string()
}

/// An id derived from text: stable when entries are reordered, unique within the page,
/// and none of the page's own ids (`reserved`).
pub fn unique_anchor(text: &str, fallback: &str, taken: &mut HashSet<String>, reserved: &[&str]) -> String {
    let mut base = anchors::slugify(text);
    anchors::truncate(&mut base, 80);
    // Footnotes take `fn-NAME` and `fnref-NAME`: a heading must not take one of theirs.
    let footnote_like = base.starts_with("fn-") || base.starts_with("fnref-");
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) || footnote_like {
        base = if base.is_empty() {
            fallback.to_string()
        } else {
            format!("{fallback}-{base}")
        };
    }
    let mut candidate = base.clone();
    let mut n = 2;
    while reserved.contains(&candidate.as_str()) || !taken.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

pub mod anchors;
mod compact;

#[cfg(test)]
mod tests;
