//! Turning the site's pages into lunr documents and a display store.
//!
//! # Documents, fields and boosts
//!
//! Each page gives one document followed by one document per guide entry,
//! pages in the order given (sorted by URL), entries in page order. A
//! document's ref is its number in that order written in base 26 with the
//! letters `a`–`z` ([`doc_ref`]: "a", "b", …, "ba"): every posting and field
//! vector repeats the ref, and a URL with its anchor made the index ten times
//! larger. Letters only, because a ref made of digits would be an array index
//! to JavaScript and change the order in which lunr.js enumerates postings.
//! The URL (with `#anchor` for an entry) is in the display store.
//!
//! Three fields, in this order:
//!
//! | field      | boost | page document                       | entry document                      |
//! |------------|-------|-------------------------------------|-------------------------------------|
//! | `title`    | 10    | page title                          | the entry's text (the question)     |
//! | `keywords` | 3     | tags (skills, industries), section  | its role's title, its section heading |
//! | `body`     | 1     | description and body text           | empty                               |
//!
//! Why: lunr normalises each field by its average length over *all*
//! documents, so a field that only pages fill (about 1 document in 30) has
//! a tiny average and page weights in it collapse. `title` and `keywords`
//! are therefore filled in every document, with text of similar length:
//! a page title (a few words) is shorter than a question, so a word in a
//! page title weighs more than the same word in a question, and a query
//! matching several title words puts that page first. The body is left
//! empty for entries:
//! a page body repeats every entry, so page body matches are "passing
//! mentions" and should, and do, rank low; an entry's own text already
//! sits in its title. An entry's `keywords` carry its role's title so that
//! "backend versioning" ranks the backend role's versioning question first.
//! No document boosts are used.
//!
//! # Display store (`search_docs.json`)
//!
//! ```json
//! {"version":2,"columns":["kind","title","heading","excerpt","url","page"],
//!  "docs":{"a":["role","Backend Developer","Engineering","Builds APIs…","/eng/backend/",""],
//!          "b":["entry","How do you version an API?","Technical questions","","/eng/backend/#versioning","Backend Developer"]}}
//! ```
//!
//! Keyed by ref. `kind` is "role", "page" or "entry". `heading` is the site
//! section for pages and the guide section heading for entries. `excerpt`
//! is plain text of at most 160 characters; it is empty for entries, whose
//! title already holds their text. `url` is site-relative (prefix the
//! `base_url` path). `page` is the title of the page an entry is on (its
//! role), empty for pages. The sharded form's display fragments hold the
//! same records as arrays by document number.

use std::borrow::Cow;

use rayon::prelude::*;

use super::index::{Document, FieldSpec};
use super::json;
use super::{SearchPage, json::FxHashMap};

/// The index fields and their boosts (see the module documentation).
pub const FIELDS: [(&str, f64); 3] = [("title", 10.0), ("keywords", 3.0), ("body", 1.0)];

/// Longest excerpt or entry title in the display store, in characters.
const EXCERPT_CHARS: usize = 160;

/// The ref of document number `n`: `n` in base 26 with digits `a`–`z`.
pub fn doc_ref(n: usize) -> String {
    let mut digits = Vec::new();
    let mut rest = n;
    loop {
        // Always below 26, so the cast cannot truncate.
        digits.push(b'a' + (rest % 26) as u8);
        rest /= 26;
        if rest == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// The document number of a ref written by [`doc_ref`].
pub fn doc_number(reference: &str) -> Option<usize> {
    if reference.is_empty() || (reference.len() > 1 && reference.starts_with('a')) {
        return None;
    }
    reference.bytes().try_fold(0usize, |n, b| {
        let digit = b.checked_sub(b'a').filter(|d| *d < 26)?;
        n.checked_mul(26)?.checked_add(usize::from(digit))
    })
}

/// The index field specifications.
pub fn field_specs() -> Vec<FieldSpec> {
    FIELDS
        .iter()
        .map(|&(name, boost)| FieldSpec {
            name: name.to_string(),
            boost,
        })
        .collect()
}

/// What the display store holds for one document, borrowed from its page: every
/// record is made once for its fragment (and again for the display store when that is
/// written), so making one must not allocate.
#[derive(Debug, Clone, PartialEq)]
pub struct Display<'a> {
    /// "role", "page" or "entry".
    pub kind: &'static str,
    /// Page title, or the entry's text (shortened).
    pub title: Cow<'a, str>,
    /// Site section title for pages, guide section heading for entries.
    pub heading: &'a str,
    /// Plain-text excerpt of a page; empty for entries.
    pub excerpt: Cow<'a, str>,
    /// Site-relative URL: the page's, then `#anchor` for an entry.
    pub url: (&'a str, Option<&'a str>),
    /// The title of the page an entry is on; empty for pages.
    pub page: &'a str,
    /// The title of the page the document is on: its own for a page.
    pub page_title: &'a str,
}

impl Display<'_> {
    /// The URL, with `#anchor` for an entry.
    pub fn url(&self) -> String {
        match self.url {
            (page, Some(anchor)) => format!("{page}#{anchor}"),
            (page, None) => page.to_string(),
        }
    }
}

/// Where a document comes from: a page, or one entry (section, entry) of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DocSource {
    page: u32,
    entry: Option<(u32, u32)>,
}

/// The display records of all documents, in document order, made when they are
/// written: held for every document of a 10,000-role guide they took a tenth of a
/// gigabyte.
#[derive(Debug, Clone)]
pub struct Displays<'a> {
    pages: &'a [SearchPage<'a>],
    sources: Vec<DocSource>,
}

impl Displays<'_> {
    /// Number of documents.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// The display record of document `n` (which must exist).
    pub fn get(&self, n: usize) -> Display<'_> {
        let source = self.sources[n];
        let page = &self.pages[source.page as usize];
        match source.entry {
            None => {
                let excerpt_source = if page.description.trim().is_empty() {
                    page.body_text.as_ref()
                } else {
                    page.description.as_str()
                };
                Display {
                    kind: if page.is_role { "role" } else { "page" },
                    title: Cow::Borrowed(&page.title),
                    heading: &page.section_title,
                    excerpt: shorten(excerpt_source, EXCERPT_CHARS),
                    url: (&page.url, None),
                    page: "",
                    page_title: &page.title,
                }
            }
            Some((section, entry)) => {
                let section = &page.guide_sections[section as usize];
                let entry = &section.entries[entry as usize];
                Display {
                    kind: "entry",
                    title: shorten(&entry.text, EXCERPT_CHARS),
                    heading: &section.heading,
                    excerpt: Cow::Borrowed(""),
                    url: (&page.url, Some(&entry.anchor)),
                    page: &page.title,
                    page_title: &page.title,
                }
            }
        }
    }
}

/// All documents of the site in index order, with their display records
/// (aligned). URLs are made unique: a repeated URL, such as a duplicated
/// anchor, keeps its first document. Refs are given after that, so they
/// are the document numbers. Pages are converted in parallel, each checking
/// its own anchors; only pages that share a URL are checked against each other.
pub fn search_docs<'a>(pages: &'a [SearchPage<'a>]) -> (Vec<Document<'a>>, Displays<'a>) {
    let mut per_page: Vec<Vec<(Document<'a>, DocSource)>> =
        pages.par_iter().enumerate().map(|(i, page)| page_docs(i as u32, page)).collect();
    let shared_urls: FxHashMap<&str, ()> = {
        let mut seen: FxHashMap<&str, ()> = FxHashMap::default();
        pages
            .iter()
            .filter(|page| seen.insert(&page.url, ()).is_some())
            .map(|page| (page.url.as_str(), ()))
            .collect()
    };
    if !shared_urls.is_empty() {
        // Per shared URL, the anchors (None for the page itself) its earlier pages used.
        let mut used: FxHashMap<&str, FxHashMap<Option<&str>, ()>> = FxHashMap::default();
        for (docs, page) in per_page.iter_mut().zip(pages) {
            if shared_urls.contains_key(page.url.as_str()) {
                let used = used.entry(&page.url).or_default();
                docs.retain(|(_, source)| used.insert(anchor_of(page, *source), ()).is_none());
            }
        }
    }
    let count = per_page.iter().map(Vec::len).sum();
    let mut documents = Vec::with_capacity(count);
    let mut sources = Vec::with_capacity(count);
    for (document, source) in per_page.into_iter().flatten() {
        documents.push(document);
        sources.push(source);
    }
    documents
        .par_iter_mut()
        .enumerate()
        .for_each(|(n, document)| document.reference = doc_ref(n));
    (documents, Displays { pages, sources })
}

/// The anchor of an entry's document, `None` for the page's own.
fn anchor_of<'a>(page: &'a SearchPage<'a>, source: DocSource) -> Option<&'a str> {
    source
        .entry
        .map(|(s, e)| page.guide_sections[s as usize].entries[e as usize].anchor.as_ref())
}

/// The documents of one page: the page itself, then its entries, the first of
/// each anchor.
fn page_docs<'a>(number: u32, page: &'a SearchPage<'a>) -> Vec<(Document<'a>, DocSource)> {
    let mut docs = vec![(page_doc(page), DocSource { page: number, entry: None })];
    let mut anchors: FxHashMap<&str, ()> = FxHashMap::default();
    for (s, section) in page.guide_sections.iter().enumerate() {
        for (e, entry) in section.entries.iter().enumerate() {
            if anchors.insert(&entry.anchor, ()).is_some() {
                continue;
            }
            let source = DocSource {
                page: number,
                entry: Some((s as u32, e as u32)),
            };
            docs.push((entry_doc(page, &section.heading, &entry.text), source));
        }
    }
    docs
}

/// The document of a page. Its texts are borrowed from the page: copying a
/// page's description and body together took 40 MB on a 10,000-role guide.
fn page_doc<'a>(page: &'a SearchPage<'a>) -> Document<'a> {
    let mut texts = Vec::with_capacity(page.tags.len() + 4);
    texts.push((0, Cow::Borrowed(page.title.as_str())));
    texts.extend(page.tags.iter().map(|tag| (1, Cow::Borrowed(tag.as_str()))));
    texts.push((1, Cow::Borrowed(page.section_title.as_str())));
    texts.push((2, Cow::Borrowed(page.description.as_str())));
    texts.push((2, Cow::Borrowed(page.body_text.as_ref())));
    Document {
        reference: String::new(),
        texts,
        boost: 1.0,
    }
}

/// The document of one guide entry: its text, then its role's title and its
/// section's heading as keywords.
fn entry_doc<'a>(page: &'a SearchPage<'a>, heading: &'a str, text: &'a str) -> Document<'a> {
    Document {
        reference: String::new(),
        texts: vec![
            (0, Cow::Borrowed(text)),
            (1, Cow::Borrowed(page.title.as_str())),
            (1, Cow::Borrowed(heading)),
        ],
        boost: 1.0,
    }
}

/// Collapses whitespace and cuts at a word boundary to at most `max`
/// characters, ending with "…" when cut.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    if is_short_and_tidy(text, max) {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let word_chars = if word.is_ascii() { word.len() } else { word.chars().count() };
        let space = usize::from(!out.is_empty());
        if chars + space + word_chars > max.saturating_sub(1) {
            if out.is_empty() {
                out.extend(word.chars().take(max.saturating_sub(1)));
            }
            out.push('…');
            return Cow::Owned(out);
        }
        if space == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += space + word_chars;
    }
    Cow::Owned(out)
}

/// Whether [`shorten`] would return `text` unchanged: ASCII, shorter than
/// `max`, single spaces between words and none at the ends. Most entries are,
/// and the general path decodes every character. Every record passes here once for
/// its fragment and again for each shard that carries it, so the check has no
/// early exit inside a block of bytes, which lets the compiler vectorise it (a
/// byte-at-a-time loop took 2.5% of a 10,000-role build's CPU time, this 1.3%).
fn is_short_and_tidy(text: &str, max: usize) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if bytes.len() >= max || first == b' ' || last == b' ' {
        return false;
    }
    // Not ASCII, or whitespace other than a space (tab, line feeds, vertical tab,
    // form feed, carriage return: 9 to 13).
    let odd = |b: u8| (b >= 0x80) | (b.wrapping_sub(9) < 5);
    // Pairs of neighbours: two spaces in a row.
    let double = |pair: &[u8]| (pair[0] == b' ') & (pair[1] == b' ');
    const BLOCK: usize = 32;
    let mut start = 0;
    while start < bytes.len() {
        // Each block overlaps the next by one byte, so no pair is missed.
        let block = &bytes[start..(start + BLOCK + 1).min(bytes.len())];
        let bad = block.iter().fold(false, |found, &b| found | odd(b)) | block.windows(2).fold(false, |found, pair| found | double(pair));
        if bad {
            return false;
        }
        start += BLOCK;
    }
    true
}

/// One display record as a JSON array, in the store's column order.
pub fn push_display<S: json::Sink + ?Sized>(out: &mut S, display: &Display) {
    out.put_byte(b'[');
    for value in [display.kind, &display.title, display.heading, &display.excerpt] {
        json::push_string(out, value);
        out.put_byte(b',');
    }
    match display.url {
        (page, Some(anchor)) => json::push_string_parts(out, &[page, "#", anchor]),
        (page, None) => json::push_string(out, page),
    }
    out.put_byte(b',');
    json::push_string(out, display.page);
    out.put_byte(b']');
}

/// The documents as lunr.js input, for checking and benchmarking against
/// lunr.js: `{"ref": "id", "fields": [{"name", "boost"}], "documents":
/// [{"id", "boost", "<field>": text, ...}]}`. A lunr.js build from this
/// (`this.field(name, {boost})`, `this.add(doc, {boost})`) is the index we
/// build.
pub fn lunr_input_json(documents: &[Document<'_>]) -> String {
    let mut out = b"{\"ref\":\"id\",\"fields\":[".to_vec();
    for (i, (name, boost)) in FIELDS.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"name\":");
        json::push_string(&mut out, name);
        out.extend_from_slice(format!(",\"boost\":{boost}}}").as_bytes());
    }
    out.extend_from_slice(b"],\"documents\":[");
    for (i, document) in documents.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"id\":");
        json::push_string(&mut out, &document.reference);
        out.extend_from_slice(format!(",\"boost\":{}", document.boost).as_bytes());
        for (field, (name, _)) in FIELDS.iter().enumerate() {
            out.push(b',');
            json::push_string(&mut out, name);
            out.push(b':');
            json::push_string(&mut out, &document.field_text(field));
        }
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
    json::into_string(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{SearchEntry, SearchGuideSection};

    fn role() -> SearchPage<'static> {
        SearchPage {
            url: "/eng/backend/".into(),
            title: "Backend Developer".into(),
            description: "Builds APIs.".into(),
            section_title: "Engineering".into(),
            is_role: true,
            tags: vec!["Rust".into(), "Kubernetes".into()],
            body_text: "How do you version an API?".into(),
            guide_sections: vec![SearchGuideSection {
                heading: "Technical questions".into(),
                anchor: "technical".into(),
                entries: vec![
                    SearchEntry {
                        anchor: "versioning".into(),
                        text: "How do you version an API?".into(),
                    },
                    SearchEntry {
                        anchor: "versioning".into(),
                        text: "A duplicated anchor".into(),
                    },
                ],
            }],
        }
    }

    #[test]
    fn pages_and_entries_become_documents_with_unique_refs() {
        let pages = [role()];
        let (docs, displays) = search_docs(&pages);
        let refs: Vec<&str> = docs.iter().map(|d| d.reference.as_str()).collect();
        assert_eq!(refs, ["a", "b"]);
        let urls: Vec<String> = (0..displays.len()).map(|n| displays.get(n).url()).collect();
        assert_eq!(urls, ["/eng/backend/", "/eng/backend/#versioning"]);
        let fields = |doc: &Document| (0..FIELDS.len()).map(|f| doc.field_text(f)).collect::<Vec<_>>();
        assert_eq!(
            fields(&docs[0]),
            [
                "Backend Developer",
                "Rust\nKubernetes\nEngineering",
                "Builds APIs.\nHow do you version an API?"
            ]
        );
        assert_eq!(
            fields(&docs[1]),
            ["How do you version an API?", "Backend Developer\nTechnical questions", ""]
        );
    }

    #[test]
    fn a_page_that_repeats_a_url_adds_only_entries_with_new_anchors() {
        let mut again = role();
        again.title = "Again".into();
        again.guide_sections[0].entries[1].anchor = "new".into();
        let mut other = role();
        other.url = "/eng/other/".into();
        let pages = [role(), again, other];
        let (docs, displays) = search_docs(&pages);
        let urls: Vec<String> = (0..displays.len()).map(|n| displays.get(n).url()).collect();
        assert_eq!(
            urls,
            [
                "/eng/backend/",
                "/eng/backend/#versioning",
                "/eng/backend/#new",
                "/eng/other/",
                "/eng/other/#versioning"
            ]
        );
        assert_eq!(displays.get(2).title, "A duplicated anchor");
        let refs: Vec<&str> = docs.iter().map(|d| d.reference.as_str()).collect();
        assert_eq!(refs, ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn display_store_is_compact_and_escaped() {
        let mut page = role();
        page.title = "Say \"hi\" <b>".into();
        let pages = [page];
        let (_, displays) = search_docs(&pages);
        let json = crate::search::fragments::display_store_json(&displays);
        assert!(json.starts_with(r#"{"version":2,"columns":["kind","title","heading","excerpt","url","page"],"docs":{"#));
        assert!(json.contains(r#""a":["role","Say \"hi\" <b>","Engineering","Builds APIs.","/eng/backend/",""]"#));
        assert!(json.contains(
            r#""b":["entry","How do you version an API?","Technical questions","","/eng/backend/#versioning","Say \"hi\" <b>"]"#
        ));
        assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    }

    #[test]
    fn refs_are_base_26_letters_and_read_back() {
        let refs: Vec<String> = [0, 1, 25, 26, 27, 675, 676, 310_000].iter().map(|&n| doc_ref(n)).collect();
        assert_eq!(refs, ["a", "b", "z", "ba", "bb", "zz", "baa", "rqpc"]);
        for n in [0, 1, 25, 26, 27, 675, 676, 310_000, 12_345_678] {
            assert_eq!(doc_number(&doc_ref(n)), Some(n));
        }
        for bad in ["", "aa", "A", "1", "a-"] {
            assert_eq!(doc_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn shorten_cuts_at_words_and_counts_characters() {
        assert_eq!(shorten("  a   b\nc ", 160), "a b c");
        assert_eq!(shorten("one two three", 9), "one two…");
        assert_eq!(shorten("naïve café", 10), "naïve…");
        assert_eq!(shorten(&"x".repeat(300), 5), "xxxx…");
        assert_eq!(shorten("", 5), "");
        assert_eq!(shorten("tidy ascii text", 160), "tidy ascii text");
        assert_eq!(shorten("tab\tand\u{b}vt", 160), "tab and vt");
        assert!(shorten(&"word ".repeat(100), 160).chars().count() <= 160);
    }

    #[test]
    fn tidy_text_is_exactly_what_shorten_leaves_unchanged() {
        for text in [
            "a b", "a  b", " a", "a ", "", " ", "a\tb", "a\u{b}b", "a\nb", "café", "x", "a b c", "a-b.c",
        ] {
            let unchanged = matches!(shorten(text, 160), Cow::Borrowed(_)) || shorten(text, 160) == text;
            assert_eq!(
                is_short_and_tidy(text, 160),
                unchanged && text.is_ascii() && !text.is_empty(),
                "{text:?}"
            );
        }
        assert!(!is_short_and_tidy(&"x".repeat(160), 160));
        assert!(is_short_and_tidy(&"x".repeat(159), 160));
    }

    #[test]
    fn the_block_wise_tidiness_check_agrees_with_a_byte_loop_across_block_seams() {
        // The rule read byte by byte, as `shorten` applies it.
        let by_bytes = |text: &str| {
            let mut after_space = true;
            for &b in text.as_bytes() {
                match b {
                    b' ' if after_space => return false,
                    b' ' => after_space = true,
                    b if !b.is_ascii() || b.is_ascii_whitespace() || b == 0x0B => return false,
                    _ => after_space = false,
                }
            }
            !after_space
        };
        // One odd piece at every position of texts whose lengths straddle 32-byte seams.
        let mut checked = 0;
        for len in [1, 2, 31, 32, 33, 63, 64, 65, 100] {
            for at in 0..len {
                for odd in ["  ", " ", "\t", "\r", "\u{b}", "\u{c}", "é", "\u{1f}"] {
                    let mut text: String = (0..len).map(|i| if i % 5 == 4 { ' ' } else { 'x' }).collect();
                    text.replace_range(at..at + 1, odd);
                    assert_eq!(is_short_and_tidy(&text, 160), by_bytes(&text), "{text:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 2000);
    }
}
