//! Site search: a lunr.js 2.3.9-compatible index, its display store, and a
//! query engine that ranks exactly like lunr.js.
//!
//! The build turns pages into lunr documents ([`documents`]), indexes them
//! ([`index`]) with lunr's pipeline ([`pipeline`], [`stemmer`]) and writes
//! `search_index.json`, which `lunr.Index.load(JSON.parse(text))` accepts,
//! plus `search_docs.json` with what a result list shows. [`Index`] loads
//! such a file and answers queries ([`query`]) with the refs, order and
//! scores lunr.js would give, for `guide search` and for tests.
//!
//! The build always writes the sharded form ([`shards`]): a manifest,
//! term-range shards and display fragments, compressed and packed a few dozen
//! to a file ([`packs`]), from which a browser (and `guide search`, through
//! [`sharded`]) answers with the same ranking while fetching only what a query
//! needs. The lunr.js files are for other tools, and by default written only
//! when each fits in [`HOST_FILE_LIMIT`] ([`FullIndex`]).
//!
//! Compatibility is proven against lunr.js itself under Node by
//! `tests/search_compat.rs` and the scripts in `tests/js/`.

pub mod answers;
pub mod documents;
pub mod fragments;
pub mod from_site;
pub mod index;
mod json;
pub mod language;
mod load;
pub mod packs;
pub mod pipeline;
pub mod query;
pub mod shard_records;
pub mod sharded;
pub mod shards;
pub mod snowball;
pub mod stemmer;
mod token_set;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use documents::FIELDS;
pub use index::{BuiltIndex, Document, FieldSpec, build_index, build_index_with};
pub use language::TextPipeline;
pub use load::{Index, IndexLoadError};
pub use query::{Clause, MAX_EDIT_DISTANCE, Presence, QueryError, QueryErrorKind, SearchHit, parse_query};
pub use stemmer::stem;

/// One guide entry (a question) on a role page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchEntry<'a> {
    /// The entry's anchor on its page, without `#` (borrowed during a build, as
    /// the text is).
    pub anchor: Cow<'a, str>,
    /// The entry's plain text (borrowed from the rendered page during a build: the
    /// texts of a large guide are hundreds of megabytes).
    pub text: Cow<'a, str>,
}

/// A guide section of a role page and its entries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchGuideSection<'a> {
    /// The section's heading text.
    pub heading: String,
    /// The section's anchor, without `#`.
    pub anchor: String,
    /// The section's entries, in page order.
    pub entries: Vec<SearchEntry<'a>>,
}

/// What search needs to know about one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchPage<'a> {
    /// Site-relative URL path without base, e.g. "/engineering/backend/".
    pub url: String,
    pub title: String,
    pub description: String,
    /// Site section title, e.g. "Engineering" ("" for top-level pages).
    pub section_title: String,
    pub is_role: bool,
    /// Skills, soft skills and industries for roles; empty otherwise.
    pub tags: Vec<String>,
    /// Plain text of the whole page body.
    pub body_text: Cow<'a, str>,
    pub guide_sections: Vec<SearchGuideSection<'a>>,
}

/// The two search files of a build.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOutput {
    /// `search_index.json`: the serialised lunr 2.3.9 index.
    pub index_json: String,
    /// `search_docs.json`: the display store (shape in [`documents`]).
    pub docs_json: String,
}

/// Builds both search files. Deterministic: the same pages (sorted by URL)
/// give byte-identical output.
pub fn build_search_output(pages: &[SearchPage]) -> SearchOutput {
    let (docs, displays) = documents::search_docs(pages);
    let (index_json, docs_json) = rayon::join(
        || build_index(&documents::field_specs(), &docs).to_lunr_json(),
        || fragments::display_store_json(&displays),
    );
    SearchOutput { index_json, docs_json }
}

/// Where [`write_search_files`] puts files: whole files (possibly from
/// several threads), and a large one written piece by piece.
pub trait SearchSink<E>: Sync {
    /// Writes one file.
    fn file(&self, file: shards::SearchFile) -> Result<(), E>;
    /// Writes one file through `write`, which streams its bytes.
    fn streamed(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<(), E>;
}

/// The largest file the default search output writes: 25 MiB, the most Cloudflare Pages
/// accepts (GitHub refuses files over 100 MB).
pub const HOST_FILE_LIMIT: usize = 25 * 1024 * 1024;

/// Whether to write the lunr.js index `search_index.json` and its display store
/// `search_docs.json` (`[search] full_index`), which only other tools read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullIndex {
    /// When each file fits in [`HOST_FILE_LIMIT`] (up to about 1,500 roles).
    Auto,
    /// Always, however large (166 MB and 89 MB at 10,000 roles): for tools, not hosts.
    Always,
    /// Never.
    Never,
}

/// What [`write_search_files`] did that the build's summary should say.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchReport {
    /// Whether `search_index.json` and `search_docs.json` were written.
    pub full_index: bool,
    /// Why they were not, when `[search] full_index` asked for them if they fit.
    pub skipped: Option<String>,
}

/// Builds the index once and writes every search file: the shard and fragment packs
/// and the manifest, and the lunr index and its display store as `settings.full_index`
/// says. They are made at the same time.
pub fn write_search_files<E: Send>(
    pages: &[SearchPage],
    pipeline: TextPipeline,
    settings: &shards::ShardSettings,
    sink: &dyn SearchSink<E>,
) -> Result<SearchReport, E> {
    write_within(pages, pipeline, settings, sink, HOST_FILE_LIMIT)
}

/// [`write_search_files`] with `limit` in place of [`HOST_FILE_LIMIT`] (tests use less).
fn write_within<E: Send>(
    pages: &[SearchPage],
    pipeline: TextPipeline,
    settings: &shards::ShardSettings,
    sink: &dyn SearchSink<E>,
    limit: usize,
) -> Result<SearchReport, E> {
    let (docs, displays) = documents::search_docs(pages);
    let index = build_index_with(&documents::field_specs(), &docs, pipeline);
    // The index holds the refs; the documents (50 MB on a 10,000-role guide) are done.
    drop(docs);
    let emit = |file: shards::SearchFile| sink.file(file);
    let fragment_docs = shards::fragment_docs(settings.form(index.refs().len()), displays.len());
    // Each posting takes at least 9 bytes in the lunr index (`t,w,` in a field vector,
    // `"r":{},` in the inverted index): most large guides are ruled out at once.
    let may_fit = settings.full_index == FullIndex::Always || index.posting_count() * 9 <= limit;
    let store_limit = match settings.full_index {
        FullIndex::Never => None,
        FullIndex::Always => Some(usize::MAX),
        FullIndex::Auto => may_fit.then_some(limit),
    };
    let lunr = || -> Result<Option<Vec<u8>>, E> {
        match settings.full_index {
            FullIndex::Never => Ok(None),
            FullIndex::Always => sink
                .streamed("search_index.json", &mut |out| index.write_lunr_json(out))
                .map(|()| None),
            FullIndex::Auto if !may_fit => Ok(None),
            FullIndex::Auto => {
                let mut capped = Capped(Vec::new(), limit);
                Ok(index.write_lunr_json(&mut capped).ok().map(|()| capped.0))
            }
        }
    };
    let (shards, (fragments, lunr)) = rayon::join(
        || shards::write_shards(&index, &displays, settings, &emit),
        || rayon::join(|| fragments::write_fragments(&displays, fragment_docs, &emit, store_limit), lunr),
    );
    let (shards, fragments, lunr) = (shards?, fragments?, lunr?);
    let report = match (settings.full_index, lunr, fragments.store) {
        (FullIndex::Never, ..) => SearchReport {
            full_index: false,
            skipped: None,
        },
        (FullIndex::Always, _, store) => {
            sink.file(shards::SearchFile {
                path: "search_docs.json".into(),
                bytes: store.unwrap_or_default(),
            })?;
            SearchReport {
                full_index: true,
                skipped: None,
            }
        }
        (FullIndex::Auto, Some(lunr), Some(store)) => {
            sink.file(shards::SearchFile {
                path: "search_index.json".into(),
                bytes: lunr,
            })?;
            sink.file(shards::SearchFile {
                path: "search_docs.json".into(),
                bytes: store,
            })?;
            SearchReport {
                full_index: true,
                skipped: None,
            }
        }
        (FullIndex::Auto, ..) => SearchReport {
            full_index: false,
            skipped: Some(format!(
                "the lunr.js index (search_index.json, search_docs.json) was not written: it would exceed {}, more than some hosts accept in one file; set [search] full_index = true to write it anyway",
                size_name(limit)
            )),
        },
    };
    let stemmer = match pipeline.browser_stemmer() {
        Some(module) => {
            let name = stemmer_file_name(shards::content_hash(module));
            sink.file(shards::SearchFile {
                path: format!("search/{name}"),
                bytes: module.to_vec(),
            })?;
            Some(name)
        }
        None => None,
    };
    sink.file(shards::manifest(
        &index,
        report.full_index,
        &shards,
        &fragments.packs,
        (fragment_docs, stemmer.as_deref()),
    ))?;
    Ok(report)
}

/// The name of a language's browser stemmer under `search/`: `stemmer.<hash>.wasm`, the
/// 16 hex digits of its content's hash, so a host may keep it for good.
fn stemmer_file_name(hash: u64) -> String {
    format!("stemmer.{hash:016x}.wasm")
}

/// Whether `name` (a file name, without folders) is one `stemmer_file_name` makes.
pub fn is_stemmer_file_name(name: &str) -> bool {
    name.strip_prefix("stemmer.")
        .and_then(|rest| rest.strip_suffix(".wasm"))
        .is_some_and(|hash| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `25 MiB` for [`HOST_FILE_LIMIT`]; bytes for a limit below a MiB.
fn size_name(bytes: usize) -> String {
    match bytes >> 20 {
        0 => format!("{bytes} bytes"),
        mib => format!("{mib} MiB"),
    }
}

/// A buffer that refuses to grow past a limit.
struct Capped(Vec<u8>, usize);

impl std::io::Write for Capped {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + bytes.len() > self.1 {
            return Err(std::io::Error::other("larger than the host file limit"));
        }
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `roles` role pages (`/roles/<r>/`, titled `Role "<r>"`) of `entries` guide entries
/// each, for tests.
#[cfg(test)]
pub(crate) fn role_pages(roles: usize, entries: usize) -> Vec<SearchPage<'static>> {
    (0..roles)
        .map(|r| SearchPage {
            url: format!("/roles/{r}/"),
            title: format!("Role \"{r}\""),
            description: format!("Role {r} in a few words."),
            section_title: "Roles".into(),
            is_role: true,
            body_text: "Body".into(),
            guide_sections: vec![SearchGuideSection {
                heading: "Questions".into(),
                anchor: "questions".into(),
                entries: (0..entries)
                    .map(|e| SearchEntry {
                        anchor: format!("q{e}").into(),
                        text: format!("Question {e} of role {r}?").into(),
                    })
                    .collect(),
            }],
            ..SearchPage::default()
        })
        .collect()
}

/// The documents of `pages` as lunr.js input (see
/// [`documents::lunr_input_json`]), so that lunr.js can build the same
/// index for comparison and benchmarks.
pub fn lunr_documents_json(pages: &[SearchPage]) -> String {
    documents::lunr_input_json(&documents::search_docs(pages).0)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use super::*;
    use crate::search::shards::{ClientForm, SearchFile, ShardSettings};

    #[test]
    fn a_stemmer_file_name_is_recognised_and_no_other() {
        assert_eq!(stemmer_file_name(0x9a9e_19dc_0fd2_02f5), "stemmer.9a9e19dc0fd202f5.wasm");
        assert!(is_stemmer_file_name(&stemmer_file_name(7)));
        for other in [
            "stemmer.wasm",
            "stemmer.9a9e19dc0fd202f.wasm",
            "stemmer.9a9e19dc0fd202fz.wasm",
            "0.3e1553a1.bin",
        ] {
            assert!(!is_stemmer_file_name(other), "{other}");
        }
    }

    /// Keeps the files written, by path.
    #[derive(Default)]
    struct Kept(Mutex<BTreeMap<String, usize>>);

    impl SearchSink<()> for Kept {
        fn file(&self, file: SearchFile) -> Result<(), ()> {
            self.0.lock().unwrap().insert(file.path, file.bytes.len());
            Ok(())
        }
        fn streamed(&self, path: &str, write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) -> Result<(), ()> {
            let mut bytes = Vec::new();
            write(&mut bytes).map_err(|_| ())?;
            self.0.lock().unwrap().insert(path.into(), bytes.len());
            Ok(())
        }
    }

    /// Writes the search files of 40 roles of 5 entries with `full_index`, each file
    /// allowed `limit` bytes; returns what the build says and the files' sizes.
    fn written(full_index: FullIndex, limit: usize) -> (SearchReport, BTreeMap<String, usize>) {
        let settings = ShardSettings {
            shard_bytes: 4096,
            client: Some(ClientForm::Sharded),
            full_index,
        };
        let kept = Kept::default();
        let report = write_within(&role_pages(40, 5), TextPipeline::English, &settings, &kept, limit).unwrap();
        (report, kept.0.into_inner().unwrap())
    }

    /// A report that says nothing but whether the lunr.js files were written.
    fn plain(full_index: bool) -> SearchReport {
        SearchReport { full_index, skipped: None }
    }

    #[test]
    fn the_lunr_files_are_written_by_default_only_when_each_fits_the_limit() {
        let lunr = ["search_docs.json", "search_index.json"];
        let (report, files) = written(FullIndex::Auto, HOST_FILE_LIMIT);
        assert_eq!(report, plain(true));
        assert!(lunr.iter().all(|f| files.contains_key(*f)), "{files:?}");
        let largest = lunr.iter().map(|f| files[*f]).max().unwrap();
        // Just too small for the larger of the two: neither is written, and the build says
        // why and which setting writes them.
        let (report, files) = written(FullIndex::Auto, largest - 1);
        assert!(!report.full_index && lunr.iter().all(|f| !files.contains_key(*f)), "{files:?}");
        let note = report.skipped.unwrap();
        assert!(
            note.contains(&format!("exceed {} bytes", largest - 1)) && note.contains("full_index = true"),
            "{note}"
        );
        // `true` writes them however small the limit; `false` never does.
        let (report, files) = written(FullIndex::Always, 1);
        assert_eq!(report, plain(true));
        assert!(lunr.iter().all(|f| files.contains_key(*f)), "{files:?}");
        let (report, files) = written(FullIndex::Never, HOST_FILE_LIMIT);
        assert_eq!(report, plain(false));
        assert!(lunr.iter().all(|f| !files.contains_key(*f)), "{files:?}");
        // The client's files are there in every case: manifest, shard and fragment packs.
        assert!(
            files.contains_key(shards::MANIFEST)
                && files.keys().any(|f| f.starts_with("search/s/"))
                && files.keys().any(|f| f.starts_with("search/f/"))
        );
    }

    #[test]
    fn a_limit_is_named_in_mib_or_bytes() {
        assert_eq!(size_name(HOST_FILE_LIMIT), "25 MiB");
        assert_eq!(size_name(1000), "1000 bytes");
    }
}
