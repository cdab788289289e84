//! The display fragments of the sharded form and, when it is written, the display
//! store (`search_docs.json`), made in one pass: both hold every document's display
//! record (see [`super::documents`]), and serialising the records is most of their
//! cost, so each record is serialised once, into its fragment, and the store copies
//! its bytes from there.
//!
//! A fragment is a JSON array of items, one per document, that leave out what the
//! record before them said (a 10,000-role guide's fragments are 37% smaller so):
//!
//! - a page: `[1, title, heading, excerpt, url]` (`0` for a page that is not a role);
//! - an entry: `[text, anchor]`, then its guide section's heading when it differs from
//!   the previous entry's, then its page's URL and title when the fragment starts
//!   inside a page: `[text, anchor, heading]`, `[text, anchor, heading, url, page]`.
//!   An anchor that is the start of [`derived_anchor`] of the text (most are) is
//!   written as its length.
//!
//! [`decode_fragment`] (and the browser client) turn the items back into records.
//!
//! Fragments are compressed one by one and packed [`FRAGMENTS_PER_PACK`] to a file,
//! `search/f/<p>.<pack hash>.bin` ([`super::packs`]): a client reads the fragment of a
//! hit with a range request, a 10,000-role guide has 78 packs instead of 9,858 files,
//! and an edited role renames only its pack. A few packs in flight take a few megabytes.

use rayon::prelude::*;

use super::documents::{Display, Displays, doc_ref};
use super::json;
use super::packs::{Pack, PackEntry};
use super::shards::SearchFile;

/// Display fragments per pack (2,048 documents of 64): a pack of a 10,000-role guide is
/// about 90 kB, which a client whose host ignores range requests downloads whole.
pub const FRAGMENTS_PER_PACK: usize = 32;

/// The display store up to its first record, and after its last.
const STORE_HEAD: &[u8] = b"{\"version\":2,\"columns\":[\"kind\",\"title\",\"heading\",\"excerpt\",\"url\",\"page\"],\"docs\":{";
const STORE_TAIL: &[u8] = b"}}";

/// The number of display fragments of `fragment_docs` documents each for `documents`
/// documents: always at least one, empty for a guide without documents.
pub fn fragment_count(documents: usize, fragment_docs: usize) -> usize {
    documents.div_ceil(fragment_docs.max(1)).max(1)
}

/// What [`write_fragments`] wrote.
#[derive(Debug)]
pub struct Fragments {
    /// The packs, in order, as the manifest lists them.
    pub packs: Vec<PackEntry>,
    /// The display store, when asked for and no larger than asked.
    pub store: Option<Vec<u8>>,
}

/// Writes the display fragments of `fragment_docs` documents each in packs through
/// `emit` (from several threads). With `store_limit`, also makes the display store, as
/// long as it stays within that many bytes. There is always at least one fragment,
/// empty for a guide without documents.
pub fn write_fragments<E: Send>(
    displays: &Displays<'_>,
    fragment_docs: usize,
    emit: &(dyn Fn(SearchFile) -> Result<(), E> + Sync),
    store_limit: Option<usize>,
) -> Result<Fragments, E> {
    write_packs(displays, (fragment_docs, FRAGMENTS_PER_PACK), emit, store_limit)
}

/// [`write_fragments`] with `pack_fragments` fragments per pack (tests use few).
fn write_packs<E: Send>(
    displays: &Displays<'_>,
    (fragment_docs, pack_fragments): (usize, usize),
    emit: &(dyn Fn(SearchFile) -> Result<(), E> + Sync),
    store_limit: Option<usize>,
) -> Result<Fragments, E> {
    let fragment_docs = fragment_docs.max(1);
    let pack_fragments = pack_fragments.max(1);
    let fragments = fragment_count(displays.len(), fragment_docs);
    let packs = fragments.div_ceil(pack_fragments);
    let mut store = store_limit.map(|_| STORE_HEAD.to_vec());
    let limit = store_limit.unwrap_or(0);
    let mut entries = Vec::with_capacity(packs);
    // A batch of packs at a time, so that the store is made in order while memory
    // stays bounded.
    let batch = rayon::current_num_threads() * 2;
    for first in (0..packs).step_by(batch) {
        let with_store = store.is_some();
        let written: Vec<(PackEntry, Group)> = (first..(first + batch).min(packs))
            .into_par_iter()
            .map(|p| {
                let numbers = p * pack_fragments..((p + 1) * pack_fragments).min(fragments);
                let group = Group::serialise(displays, numbers, fragment_docs, with_store);
                let pack = Pack::of(group.fragments());
                let entry = pack.entry();
                emit(SearchFile {
                    path: format!("search/f/{p}.{}.bin", entry.hash),
                    bytes: pack.bytes,
                })?;
                Ok((entry, group))
            })
            .collect::<Result<_, E>>()?;
        for (entry, group) in written {
            entries.push(entry);
            if let (Some(out), Some(entries)) = (store.as_mut(), &group.store) {
                out.extend_from_slice(entries);
                if out.len() + STORE_TAIL.len() > limit {
                    store = None;
                }
            }
        }
    }
    if let Some(out) = store.as_mut() {
        out.extend_from_slice(STORE_TAIL);
    }
    Ok(Fragments { packs: entries, store })
}

/// The display store alone, as a string (for tests and benchmarks: a build makes it
/// with the fragments).
pub fn display_store_json(displays: &Displays<'_>) -> String {
    let discard = |_: SearchFile| Ok::<(), std::convert::Infallible>(());
    let store = match write_fragments(displays, super::shards::FRAGMENT_DOCS, &discard, Some(usize::MAX)) {
        Ok(fragments) => fragments.store.unwrap_or_default(),
        Err(never) => match never {},
    };
    json::into_string(store)
}

/// The fragments of one pack, serialised, and their display store entries when asked.
struct Group {
    /// The fragments one after another: `[item,item,…][item,…]…`.
    bytes: Vec<u8>,
    /// Where each fragment ends in `bytes`.
    fragment_ends: Vec<usize>,
    /// The display store's entries of the group's documents, `"ref":record` each after
    /// a comma but the very first.
    store: Option<Vec<u8>>,
}

impl Group {
    /// Serialises the fragments `numbers`, and their store entries `with_store`.
    fn serialise(displays: &Displays<'_>, numbers: std::ops::Range<usize>, fragment_docs: usize, with_store: bool) -> Group {
        let first_doc = (numbers.start * fragment_docs).min(displays.len());
        let docs = first_doc..(numbers.end * fragment_docs).min(displays.len());
        let mut bytes = Vec::with_capacity(docs.len() * 120 + numbers.len() * 2);
        let mut fragment_ends = Vec::with_capacity(numbers.len());
        let mut store = with_store.then(|| Vec::with_capacity(docs.len() * 200));
        for k in numbers {
            let start = (k * fragment_docs).min(displays.len());
            bytes.push(b'[');
            let mut context = Context::default();
            for n in start..(start + fragment_docs).min(displays.len()) {
                if n > start {
                    bytes.push(b',');
                }
                let display = displays.get(n);
                context.push_item(&mut bytes, &display);
                if let Some(out) = store.as_mut() {
                    if n > 0 {
                        out.push(b',');
                    }
                    json::push_string(out, &doc_ref(n));
                    out.push(b':');
                    super::documents::push_display(out, &display);
                }
            }
            bytes.push(b']');
            fragment_ends.push(bytes.len());
        }
        Group {
            bytes,
            fragment_ends,
            store,
        }
    }

    /// Each fragment's bytes.
    fn fragments(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let starts = std::iter::once(0).chain(self.fragment_ends.iter().copied());
        starts.zip(&self.fragment_ends).map(|(start, &end)| &self.bytes[start..end])
    }
}

/// What the items so far of a fragment said: the page (URL and title) and guide section
/// heading the next entry belongs to unless it says otherwise.
#[derive(Default)]
struct Context<'a> {
    url: Option<&'a str>,
    page: &'a str,
    heading: Option<&'a str>,
}

impl<'a> Context<'a> {
    /// Appends the item of `display` (shapes in the module documentation).
    fn push_item(&mut self, out: &mut Vec<u8>, display: &Display<'a>) {
        out.push(b'[');
        match display.url {
            (url, None) => {
                out.extend_from_slice(if display.kind == "role" { b"1," } else { b"0," });
                for text in [&display.title, display.heading, &display.excerpt, url] {
                    json::push_string(out, text);
                    out.push(b',');
                }
                out.pop();
                *self = Context {
                    url: Some(url),
                    page: display.page_title,
                    heading: None,
                };
            }
            (url, Some(anchor)) => {
                json::push_string(out, &display.title);
                out.push(b',');
                if !anchor.is_empty() && derived_anchor(&display.title).starts_with(anchor) {
                    json::push_u64(out, anchor.len() as u64);
                } else {
                    json::push_string(out, anchor);
                }
                let new_page = self.url != Some(url) || self.page != display.page;
                if new_page || self.heading != Some(display.heading) {
                    out.push(b',');
                    json::push_string(out, display.heading);
                    self.heading = Some(display.heading);
                }
                if new_page {
                    for text in [url, display.page] {
                        out.push(b',');
                        json::push_string(out, text);
                    }
                    (self.url, self.page) = (Some(url), display.page);
                }
            }
        }
        out.push(b']');
    }
}

/// Appends the item of `display` as it stands alone, with its page and heading (what a
/// shard carries for its best hits: [`decode_fragment`] of `[item]` gives the record).
pub fn push_lone_item(out: &mut Vec<u8>, display: &Display<'_>) {
    Context::default().push_item(out, display);
}

/// The anchor the client derives from an entry's text, of which a written anchor
/// length takes the start: every run of characters other than ASCII letters and digits
/// becomes `-` and letters are lower-cased. (The page's own anchors are slugs of the
/// entry's first paragraph: usually a start of this, unless the text starts with
/// another character, when the anchor is written out.)
pub fn derived_anchor(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out
}

/// Turns a fragment's items back into display records
/// (`[kind, title, heading, excerpt, url, page]`), or `None` if they are not items.
pub fn decode_fragment(items: &[serde_json::Value]) -> Option<Vec<Vec<String>>> {
    let (mut url, mut page, mut heading) = (String::new(), String::new(), String::new());
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    items
        .iter()
        .map(|item| {
            let item = item.as_array()?;
            if let Some(kind) = item.first()?.as_u64() {
                let [_, title, section, excerpt, page_url] = item.as_slice() else {
                    return None;
                };
                (url, page) = (text(page_url)?, text(title)?);
                let kind = if kind == 1 { "role" } else { "page" };
                return Some(vec![
                    kind.into(),
                    page.clone(),
                    text(section)?,
                    text(excerpt)?,
                    url.clone(),
                    String::new(),
                ]);
            }
            let title = text(item.first()?)?;
            if let Some(section) = item.get(2) {
                heading = text(section)?;
            }
            if let (Some(page_url), Some(page_title)) = (item.get(3), item.get(4)) {
                (url, page) = (text(page_url)?, text(page_title)?);
            }
            let anchor = match item.get(1)? {
                serde_json::Value::Number(n) => derived_anchor(&title).get(..usize::try_from(n.as_u64()?).ok()?)?.to_string(),
                other => text(other)?,
            };
            Some(vec![
                "entry".into(),
                title,
                heading.clone(),
                String::new(),
                format!("{url}#{anchor}"),
                page.clone(),
            ])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::search::SearchPage;
    use crate::search::documents::search_docs;
    use crate::search::packs::{gunzip, locate};

    /// `roles` role pages of three entries each: 4 documents per page.
    fn pages(roles: usize) -> Vec<SearchPage<'static>> {
        crate::search::role_pages(roles, 3)
    }

    /// The fragments and display store of `pages`, 3 documents per fragment and 2
    /// fragments per pack: the fragments' texts in order, the store, and the packs.
    fn written(pages: &[SearchPage<'_>]) -> (Vec<String>, String, Vec<PackEntry>) {
        let (_, displays) = search_docs(pages);
        let files = Mutex::new(std::collections::HashMap::new());
        let emit = |file: SearchFile| {
            files.lock().unwrap().insert(file.path, file.bytes);
            Ok::<(), ()>(())
        };
        let written = write_packs(&displays, (3, 2), &emit, Some(usize::MAX)).unwrap();
        let files = files.into_inner().unwrap();
        assert_eq!(files.len(), written.packs.len());
        let fragments = (0..)
            .map_while(|k| locate(&written.packs, k))
            .map(|(p, range)| {
                let path = format!("search/f/{p}.{}.bin", written.packs[p].hash);
                String::from_utf8(gunzip(&files[&path][range]).unwrap()).unwrap()
            })
            .collect();
        (fragments, String::from_utf8(written.store.unwrap()).unwrap(), written.packs)
    }

    #[test]
    fn fragments_hold_the_store_records_in_order_in_packs() {
        // 5 roles: 20 documents, 7 fragments (the last of 2 documents), 4 packs.
        let (fragments, store, packs) = written(&pages(5));
        assert_eq!(packs.len(), 4);
        let store: serde_json::Value = serde_json::from_str(&store).unwrap();
        let docs = store["docs"].as_object().unwrap();
        assert_eq!(docs.len(), 20);
        let mut records = Vec::new();
        for (k, text) in fragments.iter().enumerate() {
            let items: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
            let fragment = decode_fragment(&items).unwrap();
            assert_eq!(fragment.len(), if k < 6 { 3 } else { 2 }, "fragment {k}");
            records.extend(fragment.into_iter().map(|record| serde_json::json!(record)));
        }
        assert_eq!(fragments.len(), 7);
        for (n, record) in records.iter().enumerate() {
            assert_eq!(&docs[&doc_ref(n)], record, "document {n}");
        }
        // The store's records are in document order, as refs say.
        assert_eq!(docs.keys().cloned().collect::<Vec<_>>(), (0..20).map(doc_ref).collect::<Vec<_>>());
    }

    #[test]
    fn items_leave_out_what_the_item_before_said() {
        // 3 documents per fragment: [page 0, q0, q1], [q2, page 1, q0], …
        let (fragments, _, _) = written(&pages(2));
        let items: Vec<serde_json::Value> = fragments.iter().map(|f| serde_json::from_str(f).unwrap()).collect();
        assert_eq!(
            items[0],
            serde_json::json!([
                [1, "Role \"0\"", "Roles", "Role 0 in a few words.", "/roles/0/"],
                ["Question 0 of role 0?", "q0", "Questions"],
                ["Question 1 of role 0?", "q1"]
            ])
        );
        // A fragment that starts inside a page says which page; a derivable anchor is a length.
        assert_eq!(
            items[1][0],
            serde_json::json!(["Question 2 of role 0?", "q2", "Questions", "/roles/0/", "Role \"0\""])
        );
        let mut derivable = pages(1);
        derivable[0].guide_sections[0].entries[0].anchor = "question-0-of".into();
        let (fragments, _, _) = written(&derivable);
        let items: Vec<serde_json::Value> = serde_json::from_str(&fragments[0]).unwrap();
        assert_eq!(items[1], serde_json::json!(["Question 0 of role 0?", 13, "Questions"]));
        assert_eq!(decode_fragment(&items).unwrap()[1][4], "/roles/0/#question-0-of");
    }

    #[test]
    fn derived_anchors_keep_ascii_letters_and_digits() {
        assert_eq!(derived_anchor("How do you version an API?"), "how-do-you-version-an-api-");
        assert_eq!(derived_anchor("¿Qué? C++ & Node.js"), "-qu-c-node-js");
        assert_eq!(derived_anchor(""), "");
    }

    #[test]
    fn a_changed_record_renames_only_its_pack() {
        let before = written(&pages(5)).2;
        let mut changed = pages(5);
        // Role 3's page is document 12: fragment 4, pack 2.
        changed[3].title = "Another title".into();
        let after = written(&changed).2;
        let same: Vec<bool> = before.iter().zip(&after).map(|(a, b)| a.hash == b.hash).collect();
        assert_eq!(same, [true, true, false, true]);
    }

    #[test]
    fn a_store_over_its_limit_is_not_made() {
        let roles = pages(5);
        let (_, displays) = search_docs(&roles);
        let discard = |_: SearchFile| Ok::<(), ()>(());
        let whole = write_packs(&displays, (3, 2), &discard, Some(usize::MAX)).unwrap().store.unwrap();
        let exactly = write_packs(&displays, (3, 2), &discard, Some(whole.len())).unwrap();
        assert_eq!(exactly.store.as_ref(), Some(&whole));
        assert_eq!(write_packs(&displays, (3, 2), &discard, Some(whole.len() - 1)).unwrap().store, None);
        assert_eq!(write_packs(&displays, (3, 2), &discard, None).unwrap().store, None);
    }

    #[test]
    fn a_guide_without_documents_has_one_empty_fragment_and_an_empty_store() {
        let (fragments, store, packs) = written(&[]);
        assert_eq!(packs.len(), 1);
        assert_eq!(fragments, ["[]"]);
        assert_eq!(store, format!("{}{}", String::from_utf8_lossy(STORE_HEAD), "}}"));
    }

    #[test]
    fn a_pack_that_cannot_be_written_stops_with_its_error() {
        let roles = pages(5);
        let (_, displays) = search_docs(&roles);
        let refuse = |file: SearchFile| {
            if file.path.starts_with("search/f/2.") {
                Err(file.path)
            } else {
                Ok(())
            }
        };
        match write_packs(&displays, (3, 2), &refuse, None) {
            Err(path) => assert!(path.starts_with("search/f/2."), "{path}"),
            other => panic!("{other:?}"),
        }
    }
}
