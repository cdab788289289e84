//! Loading a serialised lunr 2.3.9 index (`lunr.Index.load`).
//!
//! The JSON is read with streaming serde visitors straight into compact
//! arrays: refs are interned to document numbers as they are read, so a
//! multi-megabyte index does not first become a tree of `serde_json::Value`s.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::json::FxHashMap;
use super::language::TextPipeline;
use super::pipeline;

/// A loaded index, ready to answer queries with lunr.js's ranking.
#[derive(Debug, Clone)]
pub struct Index {
    /// Field names in index order.
    pub(super) fields: Vec<String>,
    /// Document refs by document number.
    pub(super) refs: Vec<String>,
    /// Terms sorted by UTF-16 code units, distinct.
    pub(super) terms: Vec<Vec<u16>>,
    /// Postings aligned with `terms`.
    pub(super) postings: Vec<Posting>,
    /// Per `doc * fields + field`: the range of its vector in `elements`.
    pub(super) vectors: Vec<Option<(usize, usize)>>,
    /// `(term index, weight)` pairs of all field vectors.
    pub(super) elements: Vec<(f64, f64)>,
    /// `(field, doc)` of every field vector, in the file's order.
    pub(super) vector_order: Vec<(usize, usize)>,
    /// The search pipeline the index names: what a query's words become.
    pub(super) pipeline: Option<TextPipeline>,
}

/// One term's posting: its vector-space index and, per field, the
/// documents containing it in JavaScript key order.
#[derive(Debug, Clone, Default)]
pub(super) struct Posting {
    pub(super) index: f64,
    pub(super) docs: Vec<Vec<u32>>,
}

/// Why a search index could not be loaded.
#[derive(Debug)]
pub enum IndexLoadError {
    /// The file is not valid JSON of the expected shape.
    Json(serde_json::Error),
    /// The index needs a search pipeline step we do not implement.
    UnsupportedPipeline(String),
    /// Terms are not sorted; lunr.js refuses such an index too.
    TermsOutOfOrder(String),
    /// A field vector key without the `field/ref` separator.
    MalformedFieldRef(String),
}

impl fmt::Display for IndexLoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexLoadError::Json(e) => write!(
                f,
                "the search index is not a valid lunr index ({e}); rebuild the site to recreate it"
            ),
            IndexLoadError::UnsupportedPipeline(name) => write!(
                f,
                "the search index uses the search step \"{name}\", which this program does not support; rebuild the site to recreate it"
            ),
            IndexLoadError::TermsOutOfOrder(term) => write!(
                f,
                "the search index is damaged: the word \"{term}\" is out of order; rebuild the site to recreate it"
            ),
            IndexLoadError::MalformedFieldRef(key) => write!(
                f,
                "the search index is damaged: \"{key}\" is not a field/document key; rebuild the site to recreate it"
            ),
        }
    }
}

impl std::error::Error for IndexLoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            IndexLoadError::Json(e) => Some(e),
            _ => None,
        }
    }
}

impl From<serde_json::Error> for IndexLoadError {
    fn from(e: serde_json::Error) -> Self {
        IndexLoadError::Json(e)
    }
}

/// Assigns dense numbers to strings (refs, field names) as they are read.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    /// The number of `name`, allocating only for new names. The same ref
    /// comes several times in a row (once per field in `fieldVectors`), so
    /// the last name is checked before hashing.
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(last) = self.names.last()
            && last == name
        {
            return self.names.len() as u32 - 1;
        }
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        // An index never holds 2^32 distinct refs or fields.
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }
}

/// A field vector as read: field-name id, doc id and its elements.
struct RawVector {
    field: u32,
    doc: u32,
    elements: Vec<(f64, f64)>,
}

/// A posting as read: `_index` and, per field-name id, the doc ids.
struct RawPosting {
    index: f64,
    fields: Vec<(u32, Vec<u32>)>,
}

/// Everything in the file, with strings interned.
#[derive(Default)]
struct RawIndex {
    fields: Vec<String>,
    vectors: Vec<RawVector>,
    terms: Vec<(String, RawPosting)>,
    pipeline: Vec<String>,
    refs: Interner,
    field_names: Interner,
}

impl Index {
    /// Loads an index serialised by lunr.js 2.3.9 or by our builder.
    pub fn from_json(text: &str) -> Result<Index, IndexLoadError> {
        let mut raw = RawIndex::default();
        let mut deserializer = serde_json::Deserializer::from_str(text);
        (&mut raw).deserialize(&mut deserializer)?;
        deserializer.end()?;
        Index::from_raw(raw)
    }

    /// Checks the pipeline and term order, and lays out the arrays.
    fn from_raw(raw: RawIndex) -> Result<Index, IndexLoadError> {
        let pipeline = match raw.pipeline.as_slice() {
            [] => None,
            labels => match TextPipeline::from_labels(labels) {
                Some(pipeline) => Some(pipeline),
                None => return Err(IndexLoadError::UnsupportedPipeline(labels.join(","))),
            },
        };
        let field_slots = field_slots(&raw.fields, &raw.field_names);
        let refs = raw.refs.names;
        let (terms, postings) = sorted_postings(raw.terms, &field_slots, raw.fields.len(), &refs)?;
        let mut index = Index {
            fields: raw.fields,
            refs,
            terms,
            postings,
            vectors: Vec::new(),
            elements: Vec::new(),
            vector_order: Vec::new(),
            pipeline,
        };
        index.lay_out_vectors(raw.vectors, &field_slots);
        Ok(index)
    }

    /// Stores field vectors densely by (doc, field). A repeated key keeps
    /// its first position and its last value, like a JavaScript object.
    fn lay_out_vectors(&mut self, vectors: Vec<RawVector>, field_slots: &[Option<usize>]) {
        let field_count = self.fields.len();
        self.vectors = vec![None; self.refs.len() * field_count];
        for vector in vectors {
            let Some(field) = field_slots.get(vector.field as usize).copied().flatten() else {
                continue;
            };
            let doc = vector.doc as usize;
            let slot = doc * field_count + field;
            if self.vectors[slot].is_none() {
                self.vector_order.push((field, doc));
            }
            let start = self.elements.len();
            self.elements.extend(vector.elements);
            self.vectors[slot] = Some((start, self.elements.len()));
        }
    }
}

/// Maps each field-name id met in the file to its position in `fields`.
fn field_slots(fields: &[String], names: &Interner) -> Vec<Option<usize>> {
    names.names.iter().map(|name| fields.iter().position(|f| f == name)).collect()
}

/// Converts the terms to UTF-16, checks their order like
/// `lunr.TokenSet.Builder` ("Out of order word insertion") and orders each
/// field's documents as JavaScript enumerates object keys.
fn sorted_postings(
    raw: Vec<(String, RawPosting)>,
    field_slots: &[Option<usize>],
    field_count: usize,
    refs: &[String],
) -> Result<(Vec<Vec<u16>>, Vec<Posting>), IndexLoadError> {
    let mut terms: Vec<Vec<u16>> = Vec::with_capacity(raw.len());
    let mut postings: Vec<Posting> = Vec::with_capacity(raw.len());
    for (term, raw_posting) in raw {
        let units: Vec<u16> = term.encode_utf16().collect();
        let posting = posting_for_fields(raw_posting, field_slots, field_count, refs);
        match terms.last().map(|last| units.cmp(last)) {
            Some(std::cmp::Ordering::Less) => return Err(IndexLoadError::TermsOutOfOrder(term)),
            Some(std::cmp::Ordering::Equal) => {
                if let Some(last) = postings.last_mut() {
                    *last = posting;
                }
            }
            _ => {
                terms.push(units);
                postings.push(posting);
            }
        }
    }
    Ok((terms, postings))
}

/// One posting with documents per index field (missing fields are empty).
fn posting_for_fields(raw: RawPosting, field_slots: &[Option<usize>], field_count: usize, refs: &[String]) -> Posting {
    let mut docs = vec![Vec::new(); field_count];
    for (name, mut field_docs) in raw.fields {
        if let Some(field) = field_slots.get(name as usize).copied().flatten() {
            order_like_object_keys(&mut field_docs, refs);
            docs[field] = field_docs;
        }
    }
    Posting { index: raw.index, docs }
}

/// JavaScript enumerates array-index keys ("7") first, numerically.
fn order_like_object_keys(docs: &mut [u32], refs: &[String]) {
    let numeric = |d: u32| -> Option<u64> {
        let r = &refs[d as usize];
        pipeline::is_array_index(r).then(|| r.parse().ok()).flatten()
    };
    if docs.iter().any(|&d| numeric(d).is_some()) {
        docs.sort_by_key(|&d| numeric(d).map_or((1, 0), |n| (0, n)));
    }
}

impl<'de> DeserializeSeed<'de> for &mut RawIndex {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut RawIndex {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a serialised lunr index object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "fields" => self.fields = map.next_value()?,
                "pipeline" => self.pipeline = map.next_value()?,
                "fieldVectors" => map.next_value_seed(VectorsSeed(self))?,
                "invertedIndex" => map.next_value_seed(TermsSeed(self))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Reads `fieldVectors`: `[["field/ref", [i, w, ...]], ...]`.
struct VectorsSeed<'a>(&'a mut RawIndex);

impl<'de> DeserializeSeed<'de> for VectorsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for VectorsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of field vectors")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some((key, numbers)) = seq.next_element::<(String, Vec<f64>)>()? {
            let Some((field, doc)) = key.split_once('/') else {
                return Err(de::Error::custom(IndexLoadError::MalformedFieldRef(key)));
            };
            let field = self.0.field_names.intern(field);
            let doc = self.0.refs.intern(doc);
            let elements = numbers.chunks_exact(2).map(|p| (p[0], p[1])).collect();
            self.0.vectors.push(RawVector { field, doc, elements });
        }
        Ok(())
    }
}

/// Reads `invertedIndex`: `[[term, posting], ...]`.
struct TermsSeed<'a>(&'a mut RawIndex);

impl<'de> DeserializeSeed<'de> for TermsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for TermsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of [term, posting] pairs")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(pair) = seq.next_element_seed(TermSeed(&mut *self.0))? {
            self.0.terms.push(pair);
        }
        Ok(())
    }
}

/// Reads one `[term, {"_index": n, field: {ref: {}}}]` pair.
struct TermSeed<'a>(&'a mut RawIndex);

impl<'de> DeserializeSeed<'de> for TermSeed<'_> {
    type Value = (String, RawPosting);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for TermSeed<'_> {
    type Value = (String, RawPosting);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a [term, posting] pair")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let term: String = seq.next_element()?.ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let posting = seq
            .next_element_seed(PostingSeed(&mut *self.0))?
            .ok_or_else(|| de::Error::invalid_length(1, &"a [term, posting] pair"))?;
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok((term, posting))
    }
}

/// Reads a posting object.
struct PostingSeed<'a>(&'a mut RawIndex);

impl<'de> DeserializeSeed<'de> for PostingSeed<'_> {
    type Value = RawPosting;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawPosting, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PostingSeed<'_> {
    type Value = RawPosting;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a posting object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawPosting, A::Error> {
        let mut posting = RawPosting {
            index: 0.0,
            fields: Vec::new(),
        };
        while let Some(key) = map.next_key::<String>()? {
            if key == "_index" {
                posting.index = map.next_value()?;
                continue;
            }
            let field = self.0.field_names.intern(&key);
            let docs = map.next_value_seed(RefsSeed(&mut self.0.refs))?;
            match posting.fields.iter_mut().find(|(f, _)| *f == field) {
                Some(existing) => existing.1 = docs,
                None => posting.fields.push((field, docs)),
            }
        }
        Ok(posting)
    }
}

/// Reads `{ref: metadata, ...}` into interned doc ids, in file order.
struct RefsSeed<'a>(&'a mut Interner);

impl<'de> DeserializeSeed<'de> for RefsSeed<'_> {
    type Value = Vec<u32>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<u32>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RefsSeed<'_> {
    type Value = Vec<u32>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of document refs")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<u32>, A::Error> {
        let mut docs = Vec::new();
        while let Some(key) = map.next_key_seed(InternSeed(&mut *self.0))? {
            map.next_value::<IgnoredAny>()?;
            docs.push(key);
        }
        Ok(docs)
    }
}

/// Interns one string key without allocating when it is already known.
struct InternSeed<'a>(&'a mut Interner);

impl<'de> DeserializeSeed<'de> for InternSeed<'_> {
    type Value = u32;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<u32, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for InternSeed<'_> {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a document ref")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u32, E> {
        Ok(self.0.intern(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_lunr_js_rejects() {
        let unsorted = r#"{"version":"2.3.9","fields":["t"],"fieldVectors":[],
            "invertedIndex":[["b",{"_index":0,"t":{}}],["a",{"_index":1,"t":{}}]],"pipeline":["stemmer"]}"#;
        assert!(matches!(
            Index::from_json(unsorted),
            Err(IndexLoadError::TermsOutOfOrder(t)) if t == "a"
        ));
        let pipeline = r#"{"fields":[],"fieldVectors":[],"invertedIndex":[],"pipeline":["nope"]}"#;
        assert!(matches!(
            Index::from_json(pipeline),
            Err(IndexLoadError::UnsupportedPipeline(p)) if p == "nope"
        ));
        assert!(matches!(Index::from_json("{\"fields\": ["), Err(IndexLoadError::Json(_))));
        assert!(Index::from_json("[]").is_err());
        let bad_key = r#"{"fields":["t"],"fieldVectors":[["nokey",[]]],"invertedIndex":[],"pipeline":[]}"#;
        assert!(matches!(Index::from_json(bad_key), Err(IndexLoadError::Json(_))));
    }

    #[test]
    fn loads_refs_vectors_and_postings() {
        let text = r#"{"version":"2.3.9","fields":["title","body"],
            "fieldVectors":[["title/a",[0,1.5]],["body/a",[]],["title/b/c",[0,0.5]],["body/b/c",[]]],
            "invertedIndex":[["x",{"_index":0,"title":{"a":{},"b/c":{}},"body":{}}]],
            "pipeline":["stemmer"]}"#;
        let index = Index::from_json(text).expect("valid index");
        assert_eq!(index.refs, ["a", "b/c"]);
        assert_eq!(index.postings[0].docs, [vec![0, 1], vec![]]);
        assert_eq!(index.vector_order, [(0, 0), (1, 0), (0, 1), (1, 1)]);
        let (start, end) = index.vectors[2].expect("title/b/c");
        assert_eq!(&index.elements[start..end], &[(0.0, 0.5)]);
    }
}
