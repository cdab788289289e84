//! The display fragments of the sharded form and the display store
//! (`search_docs.json`), written in one pass: both hold every document's display
//! record (see [`super::documents`]), and serialising the records is most of
//! their cost, so each record is serialised once, into its fragment, and the
//! store copies its bytes from there.
//!
//! Fragments come in groups of [`FRAGMENT_GROUP`]. A group is serialised into
//! one buffer, hashed, and cut into its files, `search/f/<k>.<group hash>.json`
//! (names in [`super::shards`]): a few groups in flight take a few megabytes,
//! where holding every fragment until all could be hashed took a tenth of a
//! gigabyte on a 10,000-role guide.

use std::io::Write;

use rayon::prelude::*;

use super::documents::{Displays, doc_ref};
use super::json;
use super::shards::{SearchFile, content_hash, short_hash};

/// Display fragments per hash in the manifest (4,096 documents of 32): small enough
/// that an edit renames few files, large enough that the manifest stays small. Fixed
/// by the manifest's format (version 3): the browser client counts on it.
pub const FRAGMENT_GROUP: usize = 128;

/// The display store up to its first record, and after its last.
const STORE_HEAD: &[u8] = b"{\"version\":2,\"columns\":[\"kind\",\"title\",\"heading\",\"excerpt\",\"url\",\"page\"],\"docs\":{";
const STORE_TAIL: &[u8] = b"}}";

/// The number of display fragments of `fragment_docs` documents each for `documents`
/// documents: always at least one, empty for a guide without documents.
pub fn fragment_count(documents: usize, fragment_docs: usize) -> usize {
    documents.div_ceil(fragment_docs.max(1)).max(1)
}

/// Why [`write_fragments`] stopped.
#[derive(Debug)]
pub enum FragmentsError<E> {
    /// A fragment could not be written.
    Emit(E),
    /// The display store could not be written.
    Store(std::io::Error),
}

/// Writes the display fragments of `fragment_docs` documents each through `emit`
/// (from several threads), and with `store` the display store, and returns the hash
/// of each group of [`FRAGMENT_GROUP`] fragments, which names their files. There is
/// always at least one fragment, empty for a guide without documents.
pub fn write_fragments<E: Send>(
    displays: &Displays<'_>,
    fragment_docs: usize,
    emit: &(dyn Fn(SearchFile) -> Result<(), E> + Sync),
    store: Option<&mut dyn Write>,
) -> Result<Vec<u64>, FragmentsError<E>> {
    write_groups(displays, (fragment_docs, FRAGMENT_GROUP), emit, store)
}

/// [`write_fragments`] with `group_fragments` fragments per group (tests use few).
fn write_groups<E: Send>(
    displays: &Displays<'_>,
    (fragment_docs, group_fragments): (usize, usize),
    emit: &(dyn Fn(SearchFile) -> Result<(), E> + Sync),
    mut store: Option<&mut dyn Write>,
) -> Result<Vec<u64>, FragmentsError<E>> {
    let fragment_docs = fragment_docs.max(1);
    let group_fragments = group_fragments.max(1);
    let fragments = fragment_count(displays.len(), fragment_docs);
    let groups = fragments.div_ceil(group_fragments);
    if let Some(out) = store.as_mut() {
        out.write_all(STORE_HEAD).map_err(FragmentsError::Store)?;
    }
    let mut hashes = Vec::with_capacity(groups);
    // A batch of groups at a time, so that the store is written in order while
    // memory stays bounded.
    let batch = rayon::current_num_threads() * 2;
    for first in (0..groups).step_by(batch) {
        let written: Vec<Group> = (first..(first + batch).min(groups))
            .into_par_iter()
            .map(|group| {
                let numbers = group * group_fragments..((group + 1) * group_fragments).min(fragments);
                let serialised = Group::serialise(displays, numbers.clone(), fragment_docs);
                let name = short_hash(serialised.hash);
                let mut start = 0;
                for (k, &end) in numbers.zip(&serialised.fragment_ends) {
                    emit(SearchFile {
                        path: format!("search/f/{k}.{name}.json"),
                        bytes: serialised.bytes[start..end].to_vec(),
                    })?;
                    start = end;
                }
                Ok(serialised)
            })
            .collect::<Result<_, E>>()
            .map_err(FragmentsError::Emit)?;
        for group in written {
            hashes.push(group.hash);
            if let Some(out) = store.as_mut() {
                group.write_store_entries(out).map_err(FragmentsError::Store)?;
            }
        }
    }
    if let Some(out) = store.as_mut() {
        out.write_all(STORE_TAIL).map_err(FragmentsError::Store)?;
    }
    Ok(hashes)
}

/// The display store alone, as a string (for tests and benchmarks: a build writes it
/// with the fragments).
pub fn display_store_json(displays: &Displays<'_>) -> String {
    let mut out = Vec::with_capacity(displays.len() * 200);
    let discard = |_: SearchFile| Ok::<(), std::convert::Infallible>(());
    // Neither writing into a Vec nor discarding a fragment can fail.
    let _ = write_fragments(displays, super::shards::FRAGMENT_DOCS, &discard, Some(&mut out));
    json::into_string(out)
}

/// One group of fragments, serialised.
struct Group {
    /// The fragments one after another: `[record,record,…][record,…]…`.
    bytes: Vec<u8>,
    /// Where each fragment ends in `bytes`.
    fragment_ends: Vec<usize>,
    /// The first document's number, and where each record starts and ends in `bytes`.
    first_doc: usize,
    records: Vec<(usize, usize)>,
    hash: u64,
}

impl Group {
    /// Serialises the fragments `numbers`.
    fn serialise(displays: &Displays<'_>, numbers: std::ops::Range<usize>, fragment_docs: usize) -> Group {
        let first_doc = (numbers.start * fragment_docs).min(displays.len());
        let docs = first_doc..(numbers.end * fragment_docs).min(displays.len());
        let mut bytes = Vec::with_capacity(docs.len() * 200 + numbers.len() * 2);
        let mut fragment_ends = Vec::with_capacity(numbers.len());
        let mut records = Vec::with_capacity(docs.len());
        for k in numbers {
            let start = (k * fragment_docs).min(displays.len());
            bytes.push(b'[');
            for n in start..(start + fragment_docs).min(displays.len()) {
                if n > start {
                    bytes.push(b',');
                }
                let from = bytes.len();
                super::documents::push_display(&mut bytes, &displays.get(n));
                records.push((from, bytes.len()));
            }
            bytes.push(b']');
            fragment_ends.push(bytes.len());
        }
        let hash = content_hash(&bytes);
        Group {
            bytes,
            fragment_ends,
            first_doc,
            records,
            hash,
        }
    }

    /// Writes the group's records as display store entries, `"ref":record`, each
    /// after a comma but the very first.
    fn write_store_entries(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut key = Vec::with_capacity(16);
        for (i, &(from, to)) in self.records.iter().enumerate() {
            let n = self.first_doc + i;
            key.clear();
            if n > 0 {
                key.push(b',');
            }
            json::push_string(&mut key, &doc_ref(n));
            key.push(b':');
            out.write_all(&key)?;
            out.write_all(&self.bytes[from..to])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::search::SearchPage;
    use crate::search::documents::search_docs;

    /// `roles` role pages of three entries each: 4 documents per page.
    fn pages(roles: usize) -> Vec<SearchPage<'static>> {
        crate::search::role_pages(roles, 3)
    }

    /// The fragments and display store of `pages`, 3 documents per fragment and 2
    /// fragments per group: the files by path, the store, and the group hashes.
    fn written(pages: &[SearchPage<'_>]) -> (Vec<(String, String)>, String, Vec<u64>) {
        let (_, displays) = search_docs(pages);
        let files = Mutex::new(Vec::new());
        let emit = |file: SearchFile| {
            files.lock().unwrap().push((file.path, String::from_utf8(file.bytes).unwrap()));
            Ok::<(), ()>(())
        };
        let mut store = Vec::new();
        let hashes = write_groups(&displays, (3, 2), &emit, Some(&mut store)).unwrap();
        let mut files = files.into_inner().unwrap();
        files.sort_by_key(|(path, _)| path.split(['/', '.']).nth(2).unwrap().parse::<usize>().unwrap());
        (files, String::from_utf8(store).unwrap(), hashes)
    }

    #[test]
    fn fragments_hold_the_store_records_in_order_named_by_their_group_hash() {
        // 5 roles: 20 documents, 7 fragments (the last of 2 documents), 4 groups.
        let (files, store, hashes) = written(&pages(5));
        assert_eq!(hashes.len(), 4);
        let store: serde_json::Value = serde_json::from_str(&store).unwrap();
        let docs = store["docs"].as_object().unwrap();
        assert_eq!(docs.len(), 20);
        let mut records = Vec::new();
        for (k, (path, text)) in files.iter().enumerate() {
            assert_eq!(path, &format!("search/f/{k}.{}.json", short_hash(hashes[k / 2])));
            let fragment: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
            assert_eq!(fragment.len(), if k < 6 { 3 } else { 2 }, "{path}");
            records.extend(fragment);
        }
        assert_eq!(files.len(), 7);
        for (n, record) in records.iter().enumerate() {
            assert_eq!(&docs[&doc_ref(n)], record, "document {n}");
        }
        // The store's records are in document order, as refs say.
        assert_eq!(docs.keys().cloned().collect::<Vec<_>>(), (0..20).map(doc_ref).collect::<Vec<_>>());
    }

    #[test]
    fn a_changed_record_renames_only_its_group() {
        let before = written(&pages(5)).2;
        let mut changed = pages(5);
        // Role 3's page is document 12: fragment 4, group 2.
        changed[3].title = "Another title".into();
        let after = written(&changed).2;
        let same: Vec<bool> = before.iter().zip(&after).map(|(a, b)| a == b).collect();
        assert_eq!(same, [true, true, false, true]);
    }

    #[test]
    fn a_guide_without_documents_has_one_empty_fragment_and_an_empty_store() {
        let (files, store, hashes) = written(&[]);
        assert_eq!(hashes.len(), 1);
        assert_eq!(files, [(format!("search/f/0.{}.json", short_hash(hashes[0])), "[]".to_string())]);
        assert_eq!(store, format!("{}{}", String::from_utf8_lossy(STORE_HEAD), "}}"));
    }

    #[test]
    fn a_fragment_or_store_that_cannot_be_written_stops_with_its_error() {
        let roles = pages(5);
        let (_, displays) = search_docs(&roles);
        let refuse = |file: SearchFile| {
            if file.path.starts_with("search/f/5.") {
                Err(file.path)
            } else {
                Ok(())
            }
        };
        match write_groups(&displays, (3, 2), &refuse, None) {
            Err(FragmentsError::Emit(path)) => assert!(path.starts_with("search/f/5."), "{path}"),
            other => panic!("{other:?}"),
        }
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let accept = |_: SearchFile| Ok::<(), String>(());
        match write_groups(&displays, (3, 2), &accept, Some(&mut Full)) {
            Err(FragmentsError::Store(error)) => assert_eq!(error.to_string(), "disk full"),
            other => panic!("{other:?}"),
        }
    }
}
