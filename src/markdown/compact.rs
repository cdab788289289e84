//! Compact Markdown HTML: the line breaks comrak writes between block-level tags go.
//!
//! A browser ignores whitespace next to block-level tags, and so does minify-html, so the
//! compacted body needs no further minifying: pages minify their template shell only and
//! splice the body in (see `render::Renderer::html_output`), which spares minify-html most
//! of the bytes of every page. Code blocks keep every character.

/// Tags around which whitespace never shows, as comrak and our formatter write them.
const BLOCK_TAGS: &[&str] = &[
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content mixes text and blocks: minify-html keeps one space between their
/// children (it cannot know the children are blocks), so the compacted HTML does too.
const MIXED_CONTENT: &[&str] = &["dd", "dt", "figcaption", "li", "summary", "td", "th"];

/// Elements without an end tag.
const VOID_TAGS: &[&str] = &["br", "col", "embed", "hr", "img", "input", "source", "wbr"];

/// `html` without the line breaks that touch a block-level tag, outside `<pre>`. Only for
/// HTML whose raw parts were escaped: passed-through HTML (`allow_html`) could hold
/// whitespace-sensitive elements this does not track.
pub fn compact_blocks(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    // Open elements, innermost last.
    let mut open: Vec<&str> = Vec::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'\n' || b == b'<') {
        let pos = at + offset;
        if bytes[pos] == b'<' {
            let name = tag_after(bytes, pos);
            let end = bytes[pos..].iter().position(|&b| b == b'>').map_or(bytes.len(), |e| pos + e + 1);
            if name == "pre" && bytes.get(pos + 1) != Some(&b'/') {
                // Skip a code block whole: its line breaks are the code's.
                at = find(bytes, pos, b"</pre>").map_or(bytes.len(), |close| close + 6);
                continue;
            }
            if bytes.get(pos + 1) == Some(&b'/') {
                if let Some(depth) = open.iter().rposition(|&o| o == name) {
                    open.truncate(depth);
                }
            } else if !name.is_empty() && !VOID_TAGS.contains(&name) && !bytes[..end].ends_with(b"/>") {
                open.push(name);
            }
            at = end;
            continue;
        }
        let after_block = pos > 0 && bytes[pos - 1] == b'>' && tag_before(bytes, pos).is_some_and(is_block);
        let next_tag = (bytes.get(pos + 1) == Some(&b'<')).then(|| tag_after(bytes, pos + 1));
        let before_block = next_tag.is_some_and(is_block);
        let at_end = pos + 1 == bytes.len() && pos > 0 && bytes[pos - 1] == b'>';
        if after_block || before_block || at_end {
            out.push_str(&html[copied..pos]);
            copied = pos + 1;
            // Between two children of a mixed-content element: one space, as minify-html.
            let parent = open.last().copied().unwrap_or("");
            let opens_parent = after_block && opening_tag_before(bytes, pos) == Some(parent);
            let closes_parent = bytes.get(pos + 2) == Some(&b'/') && next_tag == Some(parent);
            if MIXED_CONTENT.contains(&parent) && !opens_parent && !closes_parent && !at_end {
                out.push(' ');
            }
        }
        at = pos + 1;
    }
    out.push_str(&html[copied..]);
    out
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes[from..].windows(needle.len()).position(|w| w == needle).map(|i| from + i)
}

/// The name of the tag that ends just before `end` (which follows its `>`).
fn tag_before(bytes: &[u8], end: usize) -> Option<&str> {
    let open = bytes[..end].iter().rposition(|&b| b == b'<')?;
    Some(tag_after(bytes, open))
}

/// The name of the tag that ends just before `end`, if it is an opening tag.
fn opening_tag_before(bytes: &[u8], end: usize) -> Option<&str> {
    let open = bytes[..end].iter().rposition(|&b| b == b'<')?;
    (bytes.get(open + 1) != Some(&b'/')).then(|| tag_after(bytes, open))
}

/// The name of the tag whose `<` is at `open`, without a leading `/`.
fn tag_after(bytes: &[u8], open: usize) -> &str {
    let start = open + 1 + usize::from(bytes.get(open + 1) == Some(&b'/'));
    let len = bytes[start.min(bytes.len())..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len() - start.min(bytes.len()));
    std::str::from_utf8(&bytes[start..start + len]).unwrap_or("")
}

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_tags_are_sorted_for_binary_search() {
        assert!(BLOCK_TAGS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn drops_breaks_between_blocks_only() {
        let html = "<h2 id=\"a\">A</h2>\n<ul>\n<li>one <em>x</em>\n<em>y</em></li>\n</ul>\n<p>soft\nbreak</p>\n";
        assert_eq!(
            compact_blocks(html),
            "<h2 id=\"a\">A</h2><ul><li>one <em>x</em>\n<em>y</em></li></ul><p>soft\nbreak</p>"
        );
    }

    #[test]
    fn children_of_a_list_item_keep_one_space_as_minify_html_does() {
        let html = "<ol>\n<li>\n<p>a</p>\n<p>b</p>\n</li>\n<li>c\n<ul>\n<li>d</li>\n</ul>\n</li>\n</ol>\n";
        assert_eq!(
            compact_blocks(html),
            "<ol><li><p>a</p> <p>b</p></li><li>c <ul><li>d</li></ul></li></ol>"
        );
    }

    #[test]
    fn code_blocks_keep_every_line_break() {
        let html = "<p>x</p>\n<pre class=\"code\"><code>a\n<span>b</span>\n\n</code></pre>\n<p>y</p>\n";
        assert_eq!(
            compact_blocks(html),
            "<p>x</p><pre class=\"code\"><code>a\n<span>b</span>\n\n</code></pre><p>y</p>"
        );
    }

    /// Markdown with every block kind comrak writes.
    const RICH: &str = "# Title\n\nIntro *with*\n**soft** break.\n\n## Screening\n\n- Tight *one*\n- Two `code`\n\n1. Loose\n\n   second paragraph\n\n2. Next\n\n- parent\n  - child\n    more\n- sibling\n\n> quote\n> more\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n```python\ndef f():\n\n    return 1\n```\n\nText[^1] ~~gone~~ <https://x.test>\n\n---\n\n[^1]: Note.\n";

    fn page(body: &str) -> String {
        format!(
            "<!doctype html><html lang=\"en\"><head><title>t</title></head><body><main><div class=\"prose\">{body}</div></main></body></html>"
        )
    }

    #[test]
    fn minify_html_sees_no_difference_after_compacting() {
        let options = crate::markdown::MarkdownOptions {
            allow_html: false,
            highlight: None,
            base_path: "/".into(),
            reserved_ids: &[],
        };
        let html = comrak::markdown_to_html(RICH, &super::super::comrak_options(&options));
        let compacted = compact_blocks(&html);
        assert!(compacted.len() < html.len());
        assert!(
            compacted.contains("<pre><code class=\"language-python\">def f():\n\n    return 1\n</code></pre>"),
            "{compacted}"
        );
        let minify = crate::render::minify;
        assert_eq!(
            String::from_utf8(minify(page(&compacted).as_bytes())).unwrap(),
            String::from_utf8(minify(page(&html).as_bytes())).unwrap()
        );
    }

    #[test]
    fn a_tag_that_merely_starts_with_pre_is_not_a_code_block() {
        let html = "<p>a</p>\n<preview>\nx\n</preview>\n<p>b</p>\n";
        assert_eq!(compact_blocks(html), "<p>a</p><preview>\nx\n</preview><p>b</p>");
    }
}
