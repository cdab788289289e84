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
//! Beside it the build writes the sharded form ([`shards`]): a manifest,
//! term-range shards and display fragments, from which a browser (and
//! `guide search`, through [`sharded`]) answers with the same ranking while
//! fetching only what a query needs.
//!
//! Compatibility is proven against lunr.js itself under Node by
//! `tests/search_compat.rs` and the scripts in `tests/js/`.

pub mod documents;
pub mod fragments;
pub mod from_site;
pub mod index;
mod json;
mod load;
pub mod pipeline;
pub mod query;
pub mod shard_records;
pub mod sharded;
pub mod shards;
pub mod stemmer;
mod token_set;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use documents::FIELDS;
pub use index::{BuiltIndex, Document, FieldSpec, build_index};
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

/// Builds the index once and writes every search file: the shards, the
/// fragments and the manifest, and with `full_index` the lunr index (streamed, so
/// it is never held in memory whole) and its display store, written with the
/// fragments. The three parts run at the same time.
pub fn write_search_files<E: Send>(pages: &[SearchPage], settings: &shards::ShardSettings, sink: &dyn SearchSink<E>) -> Result<(), E> {
    let (docs, displays) = documents::search_docs(pages);
    let index = build_index(&documents::field_specs(), &docs);
    // The index holds the refs; the documents (50 MB on a 10,000-role guide) are done.
    drop(docs);
    let emit = |file: shards::SearchFile| sink.file(file);
    let fragment_docs = shards::fragment_docs(settings.form(index.refs().len()), displays.len());
    let records = || -> Result<Vec<u64>, E> {
        let write = |store: Option<&mut dyn std::io::Write>| fragments::write_fragments(&displays, fragment_docs, &emit, store);
        if !settings.full_index {
            return write(None).map_err(|error| match error {
                fragments::FragmentsError::Emit(error) => error,
                fragments::FragmentsError::Store(_) => unreachable!("no display store is written"),
            });
        }
        let (mut hashes, mut failed) = (Vec::new(), None);
        let stored = sink.streamed("search_docs.json", &mut |out| match write(Some(out)) {
            Ok(written) => {
                hashes = written;
                Ok(())
            }
            Err(fragments::FragmentsError::Store(error)) => Err(error),
            Err(fragments::FragmentsError::Emit(error)) => {
                failed = Some(error);
                Err(std::io::Error::other("a display fragment could not be written"))
            }
        });
        match failed {
            Some(error) => Err(error),
            None => stored.map(|()| hashes),
        }
    };
    let full_index = || match settings.full_index {
        true => sink.streamed("search_index.json", &mut |out| index.write_lunr_json(out)),
        false => Ok(()),
    };
    let (shards, (fragment_hashes, full)) = rayon::join(
        || shards::write_shards(&index, &displays, settings, &emit),
        || rayon::join(records, full_index),
    );
    full?;
    sink.file(shards::manifest(&index, settings, &shards?, &fragment_hashes?, fragment_docs))
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
