//! Answering queries from the sharded form (see [`super::shards`]): read
//! the manifest, load only the shards a query's terms fall into, and run
//! lunr's query over an [`Index`] made of just those terms. Terms outside
//! the loaded shards cannot match the query, so they add nothing to any
//! score: the answers are those of the full index.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::documents::doc_ref;
use super::fragments::{decode_fragment, fragment_count};
use super::language::TextPipeline;
use super::load::{Index, Posting};
use super::packs::{PackEntry, gunzip, locate};
use super::query::{Clause, QueryError, SearchHit, parse_query};
use super::shards::MANIFEST;

/// The manifest as written by [`super::shards::manifest`].
#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// "sharded" or "full": the form the browser loads.
    pub client: String,
    pub fields: Vec<String>,
    pub documents: usize,
    pub full_index: Option<String>,
    pub display_store: Option<String>,
    /// Each shard's first-term prefix, separated by spaces.
    pub shards: String,
    /// The packs of the shards.
    pub shard_packs: Vec<PackEntry>,
    pub fragment_docs: usize,
    /// The packs of the display fragments.
    pub fragment_packs: Vec<PackEntry>,
    /// The search pipeline's labels, as in a lunr index; absent for English.
    #[serde(default = "english_labels")]
    pub pipeline: Vec<String>,
}

/// The search pipeline of a manifest that names none: English.
fn english_labels() -> Vec<String> {
    vec!["stemmer".into()]
}

/// Why the sharded index could not answer.
#[derive(Debug)]
pub enum ShardedError {
    /// No manifest: the site was not built (or built without search).
    NotBuilt(PathBuf),
    /// A file is missing or not what the manifest says.
    Damaged { path: PathBuf, reason: String },
    /// The query is not valid lunr syntax, or one we refuse.
    Query(QueryError),
}

impl fmt::Display for ShardedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShardedError::NotBuilt(path) => write!(f, "there is no search manifest at {}", path.display()),
            ShardedError::Damaged { path, reason } => write!(f, "cannot read {}: {reason}", path.display()),
            ShardedError::Query(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ShardedError {}

/// One term of a shard as written: `[term, termIndex, [docDelta, w, …] per field,
/// [weight, …] per field]` (`w` indexes the field's weights).
#[derive(Deserialize)]
struct ShardTerm(String, u32, Vec<Vec<i64>>, Vec<Vec<i64>>);

/// A shard as written: its terms, then the display records of their best documents
/// (read from the fragments here), then the browser's one-word answers (queries here
/// are scored).
#[derive(Deserialize)]
struct Shard(Vec<ShardTerm>, serde::de::IgnoredAny, serde::de::IgnoredAny);

/// A built site's sharded index, opened from its output folder.
#[derive(Debug, Clone)]
pub struct ShardedIndex {
    dir: PathBuf,
    pub manifest: Manifest,
    /// Shard prefixes as UTF-16, for lunr's term order.
    prefixes: Vec<String>,
    /// What a query's words become.
    pipeline: TextPipeline,
}

/// What a search loaded, for reports and tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    /// Numbers of the shards read.
    pub shards: Vec<usize>,
}

impl ShardedIndex {
    /// Reads the manifest under `output_dir`.
    pub fn open(output_dir: &Path) -> Result<ShardedIndex, ShardedError> {
        let path = output_dir.join(MANIFEST);
        let text = read(&path)?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| damaged(&path, e))?;
        let prefixes: Vec<String> = manifest.shards.split(' ').map(str::to_string).collect();
        let members = |packs: &[PackEntry]| packs.iter().map(|p| p.lengths.len()).sum::<usize>();
        if manifest.version != 4
            || members(&manifest.shard_packs) != prefixes.len()
            || manifest.fragment_docs == 0
            || members(&manifest.fragment_packs) != fragment_count(manifest.documents, manifest.fragment_docs)
        {
            return Err(damaged(&path, "the manifest does not describe its shards"));
        }
        let pipeline = TextPipeline::from_labels(&manifest.pipeline).ok_or_else(|| {
            damaged(
                &path,
                format!(
                    "its search pipeline {:?} is not one this program knows; rebuild the site",
                    manifest.pipeline
                ),
            )
        })?;
        Ok(ShardedIndex {
            dir: output_dir.to_path_buf(),
            manifest,
            prefixes,
            pipeline,
        })
    }

    /// Searches like `lunr.Index#search` on the full index, loading only
    /// the shards the query needs.
    pub fn search(&self, query: &str) -> Result<(Vec<SearchHit>, Loaded), ShardedError> {
        let clauses = parse_query(query, &self.manifest.fields).map_err(ShardedError::Query)?;
        let mut needed: Vec<usize> = clauses.iter().flat_map(|c| self.shards_for(c)).flatten().collect();
        needed.sort_unstable();
        needed.dedup();
        let index = self.load(&needed)?;
        let hits = index.run_clauses(&clauses);
        Ok((hits, Loaded { shards: needed }))
    }

    /// The shards holding every index term a clause can expand to: the
    /// shard of its (stemmed) term, the shards of a wildcard's literal
    /// prefix, or all of them for a leading wildcard or a typo allowance.
    pub fn shards_for(&self, clause: &Clause) -> Vec<std::ops::RangeInclusive<usize>> {
        let all = 0..=self.prefixes.len() - 1;
        if clause.edit_distance.is_some() {
            return vec![all];
        }
        Index::clause_terms(Some(self.pipeline), clause)
            .iter()
            .map(|term| {
                let Some(star) = term.find('*') else {
                    let k = self.shard_of(term);
                    return k..=k;
                };
                let prefix = &term[..star];
                if prefix.is_empty() {
                    return all.clone();
                }
                let first = self.shard_of(prefix);
                let last = first + self.prefixes[first + 1..].iter().take_while(|p| p.starts_with(prefix)).count();
                first..=last
            })
            .collect()
    }

    /// The shard a term belongs to.
    fn shard_of(&self, term: &str) -> usize {
        super::shards::shard_of(&self.prefixes, term)
    }

    /// An index holding the terms of the given shards (and every document).
    pub fn load(&self, shards: &[usize]) -> Result<Index, ShardedError> {
        let field_count = self.manifest.fields.len();
        let documents = self.manifest.documents;
        let mut terms = Vec::new();
        let mut postings = Vec::new();
        // (doc * fields + field, term index, weight)
        let mut weights: Vec<(usize, u32, f64)> = Vec::new();
        for &k in shards {
            let (path, text) = self.member("s", &self.manifest.shard_packs, k)?;
            let Shard(shard, _, _) = serde_json::from_slice(&text).map_err(|e| damaged(&path, e))?;
            for ShardTerm(term, term_index, fields, palettes) in shard {
                let mut docs = vec![Vec::new(); field_count];
                for (field, (pairs, palette)) in fields.iter().zip(&palettes).enumerate().take(field_count) {
                    let mut doc = 0i64;
                    for pair in pairs.chunks_exact(2) {
                        doc += pair[0];
                        let number = usize::try_from(doc).ok().filter(|&d| d < documents);
                        let number = number.ok_or_else(|| damaged(&path, format!("document {doc} is out of range")))?;
                        let weight = usize::try_from(pair[1]).ok().and_then(|w| palette.get(w));
                        let weight = weight.ok_or_else(|| damaged(&path, format!("weight {} of {term:?} is out of range", pair[1])))?;
                        docs[field].push(number as u32);
                        // lunr.js reads the weight as the decimal "w/1000"; both round to the same double.
                        weights.push((number * field_count + field, term_index, *weight as f64 / 1000.0));
                    }
                }
                terms.push(term.encode_utf16().collect::<Vec<u16>>());
                postings.push(Posting {
                    index: f64::from(term_index),
                    docs,
                });
            }
        }
        if terms.windows(2).any(|w| w[0] >= w[1]) {
            return Err(damaged(&self.dir.join(MANIFEST), "the shards are out of order"));
        }
        weights.sort_unstable_by_key(|&(slot, term, _)| (slot, term));
        let mut vectors = vec![None; documents * field_count];
        let mut elements = Vec::with_capacity(weights.len());
        let mut i = 0;
        while i < weights.len() {
            let slot = weights[i].0;
            let start = elements.len();
            while i < weights.len() && weights[i].0 == slot {
                elements.push((f64::from(weights[i].1), weights[i].2));
                i += 1;
            }
            vectors[slot] = Some((start, elements.len()));
        }
        Ok(Index {
            fields: self.manifest.fields.clone(),
            refs: (0..documents).map(doc_ref).collect(),
            terms,
            postings,
            vectors,
            elements,
            vector_order: (0..documents).flat_map(|d| (0..field_count).map(move |f| (f, d))).collect(),
            pipeline: Some(self.pipeline),
        })
    }

    /// The display record (`[kind, title, heading, excerpt, url, page]`) of
    /// each document number, reading the fragments they are in.
    pub fn displays(&self, docs: &[usize]) -> Result<Vec<Vec<String>>, ShardedError> {
        let size = self.manifest.fragment_docs;
        let mut loaded: std::collections::HashMap<usize, Vec<Vec<String>>> = Default::default();
        docs.iter()
            .map(|&doc| {
                let k = doc / size;
                if let std::collections::hash_map::Entry::Vacant(slot) = loaded.entry(k) {
                    let (path, text) = self.member("f", &self.manifest.fragment_packs, k)?;
                    let items: Vec<serde_json::Value> = serde_json::from_slice(&text).map_err(|e| damaged(&path, e))?;
                    let fragment =
                        decode_fragment(&items).ok_or_else(|| damaged(&path, format!("fragment {k} is not a list of display items")))?;
                    slot.insert(fragment);
                }
                let record = loaded.get(&k).and_then(|f| f.get(doc % size)).cloned();
                record.ok_or_else(|| damaged(&self.dir.join(MANIFEST), format!("no display record for document {doc}")))
            })
            .collect()
    }
}

impl ShardedIndex {
    /// Member `k` of the packs in `search/<folder>/`, inflated, with its pack's path.
    fn member(&self, folder: &str, packs: &[PackEntry], k: usize) -> Result<(PathBuf, Vec<u8>), ShardedError> {
        let manifest = self.dir.join(MANIFEST);
        let (p, range) = locate(packs, k).ok_or_else(|| damaged(&manifest, format!("no member {k} in search/{folder}")))?;
        let path = self.dir.join(format!("search/{folder}/{p}.{}.bin", packs[p].hash));
        let pack = std::fs::read(&path).map_err(|e| damaged(&path, e))?;
        let member = pack
            .get(range)
            .ok_or_else(|| damaged(&path, "the file is shorter than the manifest says"))?;
        let text = gunzip(member).map_err(|e| damaged(&path, e))?;
        Ok((path, text))
    }
}

fn read(path: &Path) -> Result<String, ShardedError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && path.ends_with(MANIFEST) => {
            Err(ShardedError::NotBuilt(path.to_path_buf()))
        }
        Err(error) => Err(damaged(path, error)),
    }
}

fn damaged(path: &Path, reason: impl fmt::Display) -> ShardedError {
    ShardedError::Damaged {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::search::shards::{ClientForm, SearchFile, ShardSettings};
    use crate::search::{SearchSink, write_search_files};

    /// Writes search files under a folder.
    struct Folder(PathBuf);

    impl SearchSink<std::io::Error> for Folder {
        fn file(&self, file: SearchFile) -> Result<(), std::io::Error> {
            let path = self.0.join(&file.path);
            std::fs::create_dir_all(path.parent().unwrap_or(&self.0))?;
            std::fs::write(path, file.bytes)
        }
        fn streamed(
            &self,
            path: &str,
            write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
        ) -> Result<(), std::io::Error> {
            std::fs::create_dir_all(&self.0)?;
            let mut file = std::fs::File::create(self.0.join(path))?;
            write(&mut file)
        }
    }

    #[test]
    fn records_are_read_from_the_fragment_packs() {
        // 150 roles of 30 entries: 4,650 documents, 73 fragments of 64, in 3 packs of 32.
        let pages = crate::search::role_pages(150, 30);
        let dir = std::env::temp_dir().join(format!("guide-sharded-groups-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let settings = ShardSettings {
            shard_bytes: 16 * 1024,
            client: Some(ClientForm::Sharded),
            full_index: crate::search::FullIndex::Always,
        };
        write_search_files(&pages, crate::search::TextPipeline::English, &settings, &Folder(dir.clone())).unwrap();
        let index = ShardedIndex::open(&dir).unwrap();
        assert_eq!((index.manifest.documents, index.manifest.fragment_packs.len()), (4650, 3));
        let store: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("search_docs.json")).unwrap()).unwrap();
        let docs = [0, 63, 64, 2047, 2048, 4649];
        let displays = index.displays(&docs).unwrap();
        for (doc, display) in docs.iter().zip(&displays) {
            assert_eq!(serde_json::json!(display), store["docs"][doc_ref(*doc)], "document {doc}");
        }
        let (hits, _) = index.search("149").unwrap();
        assert!(hits.iter().any(|hit| hit.ref_ == doc_ref(4649)), "{hits:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
