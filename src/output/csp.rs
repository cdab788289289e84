//! A strict Content Security Policy: scripts, styles, images, fonts and requests from the
//! site's own origin only, and no `unsafe-inline`. The inline scripts and styles a page
//! carries (the theme's pre-paint script, raw HTML a guide allows) are allowed one by one
//! by the SHA-256 of exactly the text written, so the hashes are taken from the finished,
//! minified page.
//!
//! The policy goes into a `<meta http-equiv>` tag of each page, or, where the host reads
//! a `_headers` file, into that file for the whole site (see [`super::deploy`]).

use std::collections::BTreeSet;

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// The `sha256-…` sources of a page's (or a site's) inline code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InlineHashes {
    /// `<script>` elements without `src` whose type the browser runs.
    pub scripts: BTreeSet<String>,
    /// `<style>` elements.
    pub styles: BTreeSet<String>,
    /// Event handler attributes (`onclick="…"`): allowed only with `'unsafe-hashes'`.
    pub script_attributes: BTreeSet<String>,
    /// `style="…"` attributes: allowed only with `'unsafe-hashes'`.
    pub style_attributes: BTreeSet<String>,
    /// Whether the page's search box compiles WebAssembly (the query stemmer of a
    /// Snowball language): `'wasm-unsafe-eval'`, which allows that and no `eval`.
    pub webassembly: bool,
}

/// Whether the search box of a page in `language` compiles WebAssembly.
pub fn search_compiles_webassembly(config: &crate::config::Config, language: &str) -> bool {
    config.build_search_index && crate::search::TextPipeline::for_language(language).0.browser_stemmer().is_some()
}

/// Where the policy is delivered: a `<meta>` tag cannot carry `frame-ancestors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Header,
    Meta,
}

/// Elements whose content is text up to their end tag (the HTML tokenizer's raw text and
/// escapable raw text elements): a `<script>` inside a `<textarea>` is not a script.
const RAW_TEXT: [&str; 8] = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

impl InlineHashes {
    /// The hashes of the inline code of one HTML page, as a browser would parse it.
    pub fn of_page(html: &str) -> InlineHashes {
        let mut found = InlineHashes::default();
        let mut at = 0;
        while let Some(offset) = html[at..].find('<') {
            let start = at + offset;
            let rest = &html[start..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                at = start + 4 + comment.find("-->").map_or(comment.len(), |end| end + 3);
                continue;
            }
            let Some(tag) = StartTag::parse(rest) else {
                at = start + 1;
                continue;
            };
            at = start + tag.length;
            for &(name, value) in &tag.attributes {
                if name.eq_ignore_ascii_case("style") {
                    found.style_attributes.insert(hash(&decode_attribute(value)));
                } else if name.len() > 2 && name[..2].eq_ignore_ascii_case("on") {
                    found.script_attributes.insert(hash(&decode_attribute(value)));
                }
            }
            let Some(raw) = RAW_TEXT.iter().find(|raw| tag.name.eq_ignore_ascii_case(raw)) else {
                continue;
            };
            let end = find_end_tag(&html[at..], raw).unwrap_or(html.len() - at);
            let content = &html[at..at + end];
            match *raw {
                "script" if tag.runs_inline() => {
                    found.scripts.insert(hash(content));
                }
                "style" => {
                    found.styles.insert(hash(content));
                }
                _ => {}
            }
            at += end;
        }
        found
    }

    /// Adds the hashes of another page.
    pub fn extend(&mut self, other: InlineHashes) {
        self.scripts.extend(other.scripts);
        self.styles.extend(other.styles);
        self.script_attributes.extend(other.script_attributes);
        self.style_attributes.extend(other.style_attributes);
        self.webassembly |= other.webassembly;
    }

    /// The policy allowing exactly this inline code and nothing from another origin.
    pub fn policy(&self, delivery: Delivery) -> String {
        let sources = |elements: &BTreeSet<String>, attributes: &BTreeSet<String>, webassembly: bool| {
            let mut list = vec!["'self'".to_string()];
            if webassembly {
                list.push("'wasm-unsafe-eval'".into());
            }
            if !attributes.is_empty() {
                list.push("'unsafe-hashes'".into());
            }
            list.extend(elements.union(attributes).map(|h| format!("'{h}'")));
            list.join(" ")
        };
        let mut directives = vec![
            "default-src 'self'".to_string(),
            format!("script-src {}", sources(&self.scripts, &self.script_attributes, self.webassembly)),
            format!("style-src {}", sources(&self.styles, &self.style_attributes, false)),
            // `data:` for the theme's empty icon (`<link rel="icon" href="data:,">`).
            "img-src 'self' data:".into(),
            "object-src 'none'".into(),
            "base-uri 'self'".into(),
            "form-action 'self'".into(),
        ];
        if delivery == Delivery::Header {
            // Browsers ignore it in a <meta> tag (and say so on the console).
            directives.push("frame-ancestors 'self'".into());
        }
        directives.join("; ")
    }
}

/// `html` with the policy for its own inline code in a `<meta http-equiv>` tag, placed
/// before anything it governs: after `<meta charset>` (which must stay in the first 1024
/// bytes), else after `<head>`, else at the start of the document. `webassembly`: see
/// [`InlineHashes::webassembly`].
pub fn with_meta_policy(html: &str, webassembly: bool) -> String {
    let mut hashes = InlineHashes::of_page(html);
    hashes.webassembly = webassembly;
    let policy = hashes.policy(Delivery::Meta);
    let tag = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    let at = head_insertion_point(html);
    let mut out = String::with_capacity(html.len() + tag.len());
    out.push_str(&html[..at]);
    out.push_str(&tag);
    out.push_str(&html[at..]);
    out
}

/// Where the policy tag goes (see [`with_meta_policy`]).
fn head_insertion_point(html: &str) -> usize {
    let lower = html.get(..html.len().min(4096)).unwrap_or(html).to_ascii_lowercase();
    let tag_end = |start: usize| lower[start..].find('>').map(|end| start + end + 1);
    if let Some(at) = lower.find("<meta charset").and_then(tag_end) {
        return at;
    }
    if let Some(at) = lower.find("<head>").or_else(|| lower.find("<head ")).and_then(tag_end) {
        return at;
    }
    if lower.starts_with("<!doctype")
        && let Some(at) = tag_end(0)
    {
        return at;
    }
    0
}

/// `sha256-<base64>` of `text` after the parser's newline normalisation.
fn hash(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let digest = Sha256::digest(text.as_bytes());
    format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The length of `text` up to `</name` (any case) followed by the end of the tag name.
fn find_end_tag(text: &str, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(offset) = text[at..].find("</") {
        let start = at + offset;
        let after = start + 2 + name.len();
        let matches = bytes.len() >= after
            && bytes[start + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && bytes.get(after).is_none_or(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
        if matches {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

/// A start tag: its name, attributes (values as written) and length in bytes. Names are
/// compared ignoring ASCII case, as HTML does.
struct StartTag<'a> {
    name: &'a str,
    attributes: Vec<(&'a str, &'a str)>,
    length: usize,
}

impl<'a> StartTag<'a> {
    /// Reads the start tag `text` begins with; `None` when `<` starts no tag.
    fn parse(text: &'a str) -> Option<StartTag<'a>> {
        let bytes = text.as_bytes();
        if !bytes.get(1)?.is_ascii_alphabetic() {
            return None;
        }
        let name_end = 1 + text[1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(text.len() - 1);
        let name = &text[1..name_end];
        let mut attributes = Vec::new();
        let mut at = name_end;
        loop {
            while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace() || *b == b'/') {
                at += 1;
            }
            match bytes.get(at) {
                None => return None,
                Some(b'>') => break,
                Some(_) => {}
            }
            // An attribute name runs to a space, `/`, `>` or `=` (a leading `=` is part of it).
            let name_start = at;
            at += 1;
            while bytes.get(at).is_some_and(|b| !(b.is_ascii_whitespace() || b"/>=".contains(b))) {
                at += 1;
            }
            let attribute = &text[name_start..at];
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            let mut value = "";
            if bytes.get(at) == Some(&b'=') {
                at += 1;
                while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                    at += 1;
                }
                match bytes.get(at) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let end = text[at + 1..].find(quote as char)?;
                        value = &text[at + 1..at + 1 + end];
                        at += end + 2;
                    }
                    _ => {
                        let start = at;
                        while bytes.get(at).is_some_and(|b| !(b.is_ascii_whitespace() || *b == b'>')) {
                            at += 1;
                        }
                        value = &text[start..at];
                    }
                }
            }
            // The first of two attributes of one name wins, as in browsers.
            if !attributes.iter().any(|(n, _): &(&str, &str)| n.eq_ignore_ascii_case(attribute)) {
                attributes.push((attribute, value));
            }
        }
        Some(StartTag {
            name,
            attributes,
            length: at + 1,
        })
    }

    fn attribute(&self, name: &str) -> Option<&'a str> {
        self.attributes.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }

    /// Whether a `<script>` runs its own text: no `src`, and a JavaScript type (JSON-LD
    /// and other data blocks are not run, and CSP does not apply to them).
    fn runs_inline(&self) -> bool {
        if self.attribute("src").is_some() {
            return false;
        }
        let kind = self.attribute("type").map(|t| decode_attribute(t).trim().to_ascii_lowercase());
        match kind.as_deref() {
            None | Some("" | "module") => true,
            Some(kind) => JAVASCRIPT_TYPES.contains(&kind),
        }
    }
}

/// The MIME types HTML treats as JavaScript.
const JAVASCRIPT_TYPES: [&str; 16] = [
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
];

/// An attribute value as the DOM holds it: character references decoded. References
/// without their `;` are left as written (browsers decode only some of them).
fn decode_attribute(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').and_then(|end| Some((decode_reference(&rest[..=end])?, end + 1)));
        match decoded {
            Some((text, length)) => {
                out.push_str(&text);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of one reference such as `&amp;`, `&#39;` or `&#x27;`.
fn decode_reference(reference: &str) -> Option<String> {
    let inner = &reference[1..reference.len() - 1];
    if let Some(number) = inner.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return Some(char::from_u32(code).unwrap_or('\u{fffd}').to_string());
    }
    entities::ENTITIES
        .iter()
        .find(|e| e.entity == reference)
        .map(|e| e.characters.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference value: `echo -n 'alert(1)' | openssl sha256 -binary | base64`.
    const ALERT_HASH: &str = "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=";

    #[test]
    fn a_page_whose_search_compiles_webassembly_allows_only_that() {
        let policy = with_meta_policy("<p>x", true);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"), "{policy}");
        assert!(
            policy.contains("style-src 'self';") && !policy.contains("'unsafe-eval'"),
            "{policy}"
        );
    }

    #[test]
    fn an_inline_script_is_hashed_as_written() {
        let found = InlineHashes::of_page("<head><script>alert(1)</script></head>");
        assert_eq!(found.scripts, BTreeSet::from([ALERT_HASH.to_string()]));
        assert!(found.styles.is_empty() && found.style_attributes.is_empty());
    }

    #[test]
    fn external_scripts_and_data_blocks_are_not_hashed() {
        let html = "<script src=/a.js>alert(1)</script><script type=application/ld+json>{\"a\":1}</script>\
                    <SCRIPT TYPE=\"text/javascript\">alert(1)</SCRIPT ><script type=module>alert(1)</script>";
        let found = InlineHashes::of_page(html);
        assert_eq!(found.scripts, BTreeSet::from([ALERT_HASH.to_string()]));
    }

    #[test]
    fn scripts_inside_comments_and_text_elements_are_not_scripts() {
        let html = "<!-- <script>alert(2)</script> --><textarea><script>alert(3)</script></textarea>\
                    <title>a <script>alert(4)</script></title><p title=\"<script>alert(5)</script>\">x</p>";
        assert_eq!(InlineHashes::of_page(html), InlineHashes::default());
    }

    #[test]
    fn a_script_ends_only_at_its_own_end_tag() {
        let found = InlineHashes::of_page("<script>var a = '</scripts>'</script>");
        assert_eq!(found.scripts, BTreeSet::from([hash("var a = '</scripts>'")]));
    }

    #[test]
    fn styles_and_style_attributes_are_hashed_with_references_decoded() {
        let found =
            InlineHashes::of_page("<style>p{color:red}</style><p style=\"content:&quot;a&quot;;color:red\" onclick='go(&#39;x&#x27;)'>");
        assert_eq!(found.styles, BTreeSet::from([hash("p{color:red}")]));
        assert_eq!(found.style_attributes, BTreeSet::from([hash("content:\"a\";color:red")]));
        assert_eq!(found.script_attributes, BTreeSet::from([hash("go('x')")]));
    }

    #[test]
    fn named_references_come_from_the_html_list() {
        assert_eq!(decode_attribute("a&nbsp;b&hellip;&amp;&unknown;&amp"), "a\u{a0}b…&&unknown;&amp");
    }

    #[test]
    fn newlines_are_normalised_before_hashing_as_the_parser_does() {
        assert_eq!(hash("a\r\nb\rc"), hash("a\nb\nc"));
    }

    #[test]
    fn the_policy_lists_hashes_and_forbids_other_origins() {
        let page = InlineHashes::of_page("<script>alert(1)</script>");
        let policy = page.policy(Delivery::Meta);
        assert_eq!(
            policy,
            format!(
                "default-src 'self'; script-src 'self' '{ALERT_HASH}'; style-src 'self'; img-src 'self' data:; \
                 object-src 'none'; base-uri 'self'; form-action 'self'"
            )
        );
        assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-hashes"));
        assert!(page.policy(Delivery::Header).ends_with("; frame-ancestors 'self'"));
    }

    #[test]
    fn attribute_hashes_need_unsafe_hashes() {
        let policy = InlineHashes::of_page("<p style=\"color:red\">").policy(Delivery::Header);
        assert!(
            policy.contains(&format!("style-src 'self' 'unsafe-hashes' '{}'", hash("color:red"))),
            "{policy}"
        );
        assert!(policy.contains("script-src 'self';"), "{policy}");
    }

    #[test]
    fn the_meta_tag_goes_after_the_charset_before_any_script() {
        let html = "<!doctype html><html><head><meta charset=utf-8><script>alert(1)</script></head></html>";
        let out = with_meta_policy(html, false);
        assert!(
            out.starts_with(&format!(
                "<!doctype html><html><head><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' '{ALERT_HASH}';"
            )),
            "{out}"
        );
        assert!(with_meta_policy("<html><head><title>x</title>", false).starts_with("<html><head><meta http-equiv"));
        assert!(with_meta_policy("<!DOCTYPE html><p>x", false).starts_with("<!DOCTYPE html><meta http-equiv"));
        assert!(with_meta_policy("<p>x", false).starts_with("<meta http-equiv"));
    }
}
