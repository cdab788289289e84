//! Building a lunr 2.3.9 index and serialising it exactly as lunr.js does.
//!
//! The build follows `lunr.Builder`: documents run through the pipeline
//! (tokenizer, trimmer, stop words, stemmer), each new term gets the next
//! term index (document order, then field order, then token order), and each
//! (field, document) gets a vector of BM25 weights with idf, field length
//! normalisation and boosts baked in, rounded to three decimals.
//!
//! Tokenising and stemming run in parallel over chunks of documents, each
//! chunk with its own small vocabulary; a sequential pass then assigns
//! global term indexes in document order, so the output is deterministic and
//! identical to what lunr.js builds from the same documents.
//!
//! [`BuiltIndex`] keeps the postings and weights in plain arrays so that
//! other outputs (for example a sharded index, whose exact scores follow
//! from these per-term weights) can be derived without re-tokenising.

use std::borrow::Cow;

use rayon::prelude::*;

use super::json::{self, FxHashMap};
use super::language::TextPipeline;
use super::pipeline;
use super::stemmer;

/// BM25 term-frequency saturation, lunr's default `k1`.
const K1: f64 = 1.2;
/// BM25 field-length normalisation, lunr's default `b`.
const B: f64 = 0.75;
/// Fewest documents per parallel tokenising job: each job has its own
/// token cache, which needs enough documents to pay off.
const MIN_CHUNK_DOCS: usize = 512;
/// Parallel tokenising jobs per thread: more balance the load, fewer
/// stem each distinct token fewer times (every job has its own cache).
const CHUNKS_PER_THREAD: usize = 2;
/// Marks a cached token that the stop-word filter removes.
const STOP: u32 = u32::MAX;
/// Documents per parallel part of `fieldVectors` when serialising.
const JSON_CHUNK_DOCS: usize = 2048;
/// Most terms per parallel part of `invertedIndex` when serialising.
const JSON_CHUNK_TERMS: usize = 1024;
/// Most postings per part of `invertedIndex` (about 8 bytes of JSON each): a
/// part of a thousand common terms of a large guide took tens of megabytes.
const JSON_CHUNK_POSTINGS: usize = 1 << 16;

/// A field to index, with lunr's field boost (`builder.field(name, {boost})`).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// Field name; must not contain `/` (lunr joins field and ref with it).
    pub name: String,
    /// Multiplies every weight in this field; lunr treats 0 as 1.
    pub boost: f64,
}

/// One document to index: its ref, its fields' texts and lunr's document
/// boost (`builder.add(doc, {boost})`).
#[derive(Debug, Clone, PartialEq)]
pub struct Document<'a> {
    /// The document's reference, returned by searches.
    pub reference: String,
    /// `(field number, text)` pairs. A field with several texts is indexed as
    /// their [`Document::field_text`], the texts joined by line breaks: a
    /// break ends a token, so tokenising each text on its own gives the same
    /// terms. That lets a page's document borrow its description, body and
    /// tags where they are instead of copying them together (tens of
    /// megabytes on a large guide).
    pub texts: Vec<(usize, Cow<'a, str>)>,
    /// Multiplies every weight of this document; lunr treats 0 as 1.
    pub boost: f64,
}

impl Document<'_> {
    /// The texts of field `field`, in order.
    pub fn field_texts(&self, field: usize) -> impl Iterator<Item = &str> {
        self.texts.iter().filter(move |(f, _)| *f == field).map(|(_, text)| text.as_ref())
    }

    /// The text lunr.js is given for field `field`: its non-blank texts
    /// joined by line breaks.
    pub fn field_text(&self, field: usize) -> String {
        let mut joined = String::new();
        for text in self.field_texts(field).filter(|t| !t.trim().is_empty()) {
            if !joined.is_empty() {
                joined.push('\n');
            }
            joined.push_str(text);
        }
        joined
    }
}

/// The result of a build: everything lunr's serialised index holds, in
/// arrays indexed by term index, document number and field number.
#[derive(Debug, Clone)]
pub struct BuiltIndex {
    fields: Vec<String>,
    refs: Vec<String>,
    /// Terms by term index (first-seen order).
    terms: Vec<String>,
    /// The documents containing each term in each field, ascending, for
    /// slot `term index * fields + field`.
    postings: Postings,
    /// Documents per chunk of `weights`.
    chunk_docs: usize,
    /// Per chunk of documents: the start of each (doc, field) vector in that chunk's
    /// `weights`, plus the end.
    vector_starts: Vec<Vec<u32>>,
    /// Per chunk of documents: `(term index, weight in thousandths)`, sorted by term
    /// index per vector. The chunks' `(term, tf)` pairs, turned into weights in place:
    /// on a large guide these arrays are most of the index's memory.
    weights: Vec<ChunkWeights>,
    /// The language's pipeline, whose search half the serialised index names.
    pipeline: TextPipeline,
}

/// One chunk's `(term index, weight in thousandths)` pairs.
type ChunkWeights = Vec<(u32, i32)>;

/// One tokenised (doc, field): its length and its terms with frequencies.
#[derive(Debug, Clone, Copy)]
struct FieldSpan {
    /// Number of terms after the pipeline (lunr's field length).
    len: u32,
    /// Range of this field's `(term, tf)` pairs in the chunk's `pairs`.
    start: usize,
    end: usize,
}

/// The pipeline's output for one chunk of documents.
struct ChunkTerms {
    /// The chunk's distinct stemmed terms (local ids index this).
    vocab: Vec<String>,
    /// One span per (doc, field), in document then field order.
    spans: Vec<FieldSpan>,
    /// `(term id, term frequency)` in first-occurrence order per field;
    /// local ids after tokenising, global term indexes after merging.
    pairs: Vec<(u32, u32)>,
}

/// A token of up to 23 bytes stored inline (length in the last byte), so
/// that looking it up compares bytes in the hash table itself instead of
/// following a pointer to the heap: the token cache is the builder's
/// hottest loop.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortToken([u8; 24]);

impl ShortToken {
    /// The inline form of `token`, if it is short enough.
    fn new(token: &str) -> Option<ShortToken> {
        let bytes = token.as_bytes();
        let len = u8::try_from(bytes.len()).ok().filter(|&len| len < 24)?;
        let mut inline = [0u8; 24];
        inline[..bytes.len()].copy_from_slice(bytes);
        inline[23] = len;
        Some(ShortToken(inline))
    }
}

impl std::hash::Hash for ShortToken {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for word in self.0.chunks_exact(8) {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(word);
            state.write_u64(u64::from_le_bytes(bytes));
        }
    }
}

/// Tokenises and stems one chunk of documents with a private cache.
struct ChunkAnalyzer {
    /// Trimmed token -> local term id (or [`STOP`]), for short tokens.
    token_ids: FxHashMap<ShortToken, u32>,
    /// The same for tokens too long to store inline.
    long_token_ids: FxHashMap<Box<str>, u32>,
    /// Stemmed term -> local term id.
    stem_ids: FxHashMap<Box<str>, u32>,
    /// Per local id: the generation in which `slot` was last set.
    stamp: Vec<u32>,
    /// Per local id: position of its pair in the current field.
    slot: Vec<usize>,
    generation: u32,
    /// Reused buffer for the lower-cased field text.
    lowered: String,
    /// Reused buffers for stemming.
    units: Vec<u16>,
    stemmed: String,
    /// The pipeline of a language other than English (English takes the fast path).
    other: Option<TextPipeline>,
    /// Its token cache: a token's term ids, `None` for a stop word.
    other_ids: FxHashMap<Box<str>, Option<Box<[u32]>>>,
    out: ChunkTerms,
}

/// Builds the index of `docs` over `fields`. Later documents whose ref was
/// already used are skipped: lunr keys everything by ref, so a duplicate
/// would silently corrupt its lengths and counts.
pub fn build_index(fields: &[FieldSpec], docs: &[Document<'_>]) -> BuiltIndex {
    build_index_with(fields, docs, TextPipeline::English)
}

/// [`build_index`] with a language's pipeline.
pub fn build_index_with(fields: &[FieldSpec], docs: &[Document<'_>], pipeline: TextPipeline) -> BuiltIndex {
    let per_chunk = docs.len().div_ceil(rayon::current_num_threads() * CHUNKS_PER_THREAD);
    build_index_in_chunks(fields, docs, per_chunk.max(MIN_CHUNK_DOCS), pipeline)
}

/// [`build_index`] with a given number of documents per parallel job (the
/// output does not depend on it; tests use tiny chunks to prove that).
fn build_index_in_chunks(fields: &[FieldSpec], docs: &[Document<'_>], chunk_docs: usize, pipeline: TextPipeline) -> BuiltIndex {
    let chunk_docs = chunk_docs.max(1);
    let docs = dedupe_refs(docs);
    let field_count = fields.len();
    let mut chunks: Vec<ChunkTerms> = docs
        .par_chunks(chunk_docs)
        .map(|chunk| analyze_chunk(chunk, field_count, pipeline))
        .collect();
    let terms = assign_term_indexes(&mut chunks);
    let postings = Postings::collect(&chunks, terms.len(), field_count);
    let averages = average_field_lengths(&chunks, field_count, docs.len());
    let idf: Vec<f64> = (0..terms.len())
        .map(|t| idf(postings.count_for_term(t, field_count), docs.len()))
        .collect();
    let boosts = Boosts {
        fields: fields.iter().map(|f| lunr_boost(f.boost)).collect(),
        averages,
        idf,
    };
    let (vector_starts, weights) = compute_vectors(chunks, &docs, &boosts, chunk_docs);
    BuiltIndex {
        fields: fields.iter().map(|f| f.name.clone()).collect(),
        refs: docs.iter().map(|d| d.reference.clone()).collect(),
        terms,
        postings,
        chunk_docs,
        vector_starts,
        weights,
        pipeline,
    }
}

/// Keeps the first document of each ref, in order.
fn dedupe_refs<'d, 'a>(docs: &'d [Document<'a>]) -> Vec<&'d Document<'a>> {
    let mut seen: FxHashMap<&str, ()> = FxHashMap::default();
    seen.reserve(docs.len());
    docs.iter().filter(|d| seen.insert(d.reference.as_str(), ()).is_none()).collect()
}

/// lunr's `boost || 1`: a zero (or NaN) boost means "no boost".
fn lunr_boost(boost: f64) -> f64 {
    if boost == 0.0 || boost.is_nan() { 1.0 } else { boost }
}

/// Runs the pipeline over one chunk of documents.
fn analyze_chunk(docs: &[&Document<'_>], field_count: usize, pipeline: TextPipeline) -> ChunkTerms {
    let mut analyzer = ChunkAnalyzer::new(docs.len() * field_count);
    analyzer.other = (pipeline != TextPipeline::English).then_some(pipeline);
    for doc in docs {
        for field in 0..field_count {
            analyzer.add_field(doc.field_texts(field));
        }
    }
    // The pairs grew by doubling and become the index's weights, kept to the end.
    analyzer.out.pairs.shrink_to_fit();
    analyzer.out
}

impl ChunkAnalyzer {
    /// An analyzer expecting `spans` (doc, field) pairs.
    fn new(spans: usize) -> Self {
        ChunkAnalyzer {
            token_ids: FxHashMap::default(),
            long_token_ids: FxHashMap::default(),
            stem_ids: FxHashMap::default(),
            stamp: Vec::new(),
            slot: Vec::new(),
            generation: 0,
            lowered: String::new(),
            units: Vec::new(),
            stemmed: String::new(),
            other: None,
            other_ids: FxHashMap::default(),
            out: ChunkTerms {
                vocab: Vec::new(),
                spans: Vec::with_capacity(spans),
                pairs: Vec::new(),
            },
        }
    }

    /// Tokenises one field (its texts one after another, as if joined by line
    /// breaks) and records its terms with their frequencies.
    fn add_field<'t>(&mut self, texts: impl Iterator<Item = &'t str>) {
        self.generation += 1;
        let start = self.out.pairs.len();
        let mut len = 0u32;
        let mut lowered = std::mem::take(&mut self.lowered);
        for text in texts {
            pipeline::js_lowercase_into(text, &mut lowered);
            for token in pipeline::split_tokens(&lowered) {
                if self.other.is_some() {
                    for id in self.other_term_ids(token).iter().flatten() {
                        len += 1;
                        self.count(*id);
                    }
                    continue;
                }
                let id = self.term_id(pipeline::trim_token(token));
                if id == STOP {
                    continue;
                }
                len += 1;
                self.count(id);
            }
        }
        self.lowered = lowered;
        let end = self.out.pairs.len();
        self.out.spans.push(FieldSpan { len, start, end });
    }

    /// Adds one occurrence of term `id` to the current field.
    fn count(&mut self, id: u32) {
        let i = id as usize;
        if self.stamp[i] == self.generation {
            self.out.pairs[self.slot[i]].1 += 1;
        } else {
            self.stamp[i] = self.generation;
            self.slot[i] = self.out.pairs.len();
            self.out.pairs.push((id, 1));
        }
    }

    /// The local term id of a trimmed token, stemming it on first sight.
    fn term_id(&mut self, trimmed: &str) -> u32 {
        let short = ShortToken::new(trimmed);
        let cached = match short {
            Some(key) => self.token_ids.get(&key),
            None => self.long_token_ids.get(trimmed),
        };
        if let Some(&id) = cached {
            return id;
        }
        let id = if pipeline::is_stop_word(trimmed) {
            STOP
        } else {
            stemmer::stem_into(trimmed, &mut self.units, &mut self.stemmed);
            self.stem_id()
        };
        match short {
            Some(key) => self.token_ids.insert(key, id),
            None => self.long_token_ids.insert(trimmed.into(), id),
        };
        id
    }

    /// The local term ids of a token in a language other than English (any number of
    /// them: a CJK token gives one per character pair), `None` for a stop word.
    fn other_term_ids(&mut self, token: &str) -> Option<Box<[u32]>> {
        if let Some(ids) = self.other_ids.get(token) {
            return ids.clone();
        }
        let pipeline = self.other?;
        let mut terms = Vec::new();
        let ids = pipeline.index_terms(token, &mut terms).map(|()| {
            terms
                .into_iter()
                .map(|term| {
                    self.stemmed = term;
                    self.stem_id()
                })
                .collect::<Box<[u32]>>()
        });
        self.other_ids.insert(token.into(), ids.clone());
        ids
    }

    /// The local id of the term in `self.stemmed`, creating it when new.
    fn stem_id(&mut self) -> u32 {
        if let Some(&id) = self.stem_ids.get(self.stemmed.as_str()) {
            return id;
        }
        // A chunk never holds anywhere near 2^32 distinct terms.
        let id = self.out.vocab.len() as u32;
        self.stem_ids.insert(self.stemmed.as_str().into(), id);
        self.out.vocab.push(self.stemmed.clone());
        self.stamp.push(0);
        self.slot.push(0);
        id
    }
}

/// Gives each term its global index in document, field and token order
/// and rewrites the chunks' pairs to global indexes. Returns the terms by
/// index.
fn assign_term_indexes(chunks: &mut [ChunkTerms]) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut term_ids: FxHashMap<String, u32> = FxHashMap::default();
    // A chunk numbers its terms in the order it first uses them, so going through the
    // chunks' vocabularies in order numbers the terms by first use over all documents;
    // the pairs, many times more, are then rewritten in parallel.
    let globals: Vec<Vec<u32>> = chunks
        .iter_mut()
        .map(|chunk| {
            std::mem::take(&mut chunk.vocab)
                .into_iter()
                .map(|text| {
                    *term_ids.entry(text).or_insert_with_key(|text| {
                        terms.push(text.clone());
                        // A site has far fewer than 2^32 distinct terms.
                        (terms.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    chunks.par_iter_mut().zip(globals).for_each(|(chunk, global)| {
        for pair in &mut chunk.pairs {
            pair.0 = global[pair.0 as usize];
        }
    });
    terms
}

/// The weights of all postings, from [`BuiltIndex::posting_weights`].
pub struct PostingWeights {
    weights: Vec<i32>,
}

impl PostingWeights {
    /// The weights of `postings(term, field)`, in the same order.
    pub fn of<'a>(&'a self, index: &BuiltIndex, term: u32, field: usize) -> &'a [i32] {
        &self.weights[index.postings.range(index.slot(term, field))]
    }
}

/// Postings in one flat array ("compressed sparse rows"): for slot
/// `term * fields + field`, the documents are `docs[starts[slot]..starts[slot + 1]]`.
/// Built by counting first, so a large guide needs no per-term vectors.
#[derive(Debug, Clone, Default)]
struct Postings {
    starts: Vec<usize>,
    docs: Vec<u32>,
}

impl Postings {
    /// Collects the postings of all chunks (pairs already global).
    fn collect(chunks: &[ChunkTerms], term_count: usize, field_count: usize) -> Postings {
        let slots = term_count * field_count;
        let mut starts = vec![0usize; slots + 1];
        Self::for_each_posting(chunks, field_count, |slot, _| starts[slot + 1] += 1);
        for i in 0..slots {
            starts[i + 1] += starts[i];
        }
        let mut docs = vec![0u32; starts[slots]];
        let mut cursor = starts.clone();
        Self::for_each_posting(chunks, field_count, |slot, doc| {
            docs[cursor[slot]] = doc;
            cursor[slot] += 1;
        });
        Postings { starts, docs }
    }

    /// Calls `f(slot, doc)` for every (term, field, doc), in document order.
    fn for_each_posting(chunks: &[ChunkTerms], field_count: usize, mut f: impl FnMut(usize, u32)) {
        let mut doc_field = 0usize;
        for chunk in chunks {
            for span in &chunk.spans {
                let (doc, field) = (doc_field / field_count, doc_field % field_count);
                for &(term, _) in &chunk.pairs[span.start..span.end] {
                    // Document numbers fit in u32: a site has far fewer pages.
                    f(term as usize * field_count + field, doc as u32);
                }
                doc_field += 1;
            }
        }
    }

    /// The documents of one slot.
    fn slot(&self, slot: usize) -> &[u32] {
        &self.docs[self.range(slot)]
    }

    /// Where one slot's postings lie in `docs` (and in anything laid out like it, such
    /// as [`PostingWeights`]); empty for a slot out of range.
    fn range(&self, slot: usize) -> std::ops::Range<usize> {
        match (self.starts.get(slot), self.starts.get(slot + 1)) {
            (Some(&start), Some(&end)) => start..end,
            _ => 0..0,
        }
    }

    /// lunr's document frequency: postings over all fields.
    fn count_for_term(&self, term: usize, field_count: usize) -> usize {
        let first = term * field_count;
        match (self.starts.get(first), self.starts.get(first + field_count)) {
            (Some(&start), Some(&end)) => end - start,
            _ => 0,
        }
    }
}

/// lunr's `averageFieldLength`: total terms per field over all documents.
fn average_field_lengths(chunks: &[ChunkTerms], field_count: usize, docs: usize) -> Vec<f64> {
    let mut totals = vec![0f64; field_count];
    for chunk in chunks {
        for (i, span) in chunk.spans.iter().enumerate() {
            totals[i % field_count] += f64::from(span.len);
        }
    }
    totals.into_iter().map(|t| t / docs as f64).collect()
}

/// lunr's `idf`: `ln(1 + |(N - df + 0.5) / (df + 0.5)|)`, where `df`
/// counts (field, document) postings.
fn idf(postings: usize, docs: usize) -> f64 {
    let df = postings as f64;
    let x = (docs as f64 - df + 0.5) / (df + 0.5);
    (1.0 + x.abs()).ln()
}

/// Everything a weight depends on besides the term frequency.
struct Boosts {
    fields: Vec<f64>,
    averages: Vec<f64>,
    idf: Vec<f64>,
}

/// Turns each chunk's `(term, tf)` pairs into `(term, weight)` vectors in place, chunks
/// in parallel; returns each chunk's vector starts (plus the end) and weights.
fn compute_vectors(
    chunks: Vec<ChunkTerms>,
    docs: &[&Document<'_>],
    boosts: &Boosts,
    chunk_docs: usize,
) -> (Vec<Vec<u32>>, Vec<ChunkWeights>) {
    chunks
        .into_par_iter()
        .zip(docs.par_chunks(chunk_docs))
        .map(|(chunk, chunk_docs)| {
            let mut starts: Vec<u32> = chunk.spans.iter().map(|span| span.start as u32).collect();
            starts.push(chunk.pairs.len() as u32);
            (starts, chunk_weights(chunk, chunk_docs, boosts))
        })
        .unzip()
}

/// The chunk's pairs with each term frequency replaced by the weight, each (doc, field)
/// vector sorted by term index.
fn chunk_weights(chunk: ChunkTerms, docs: &[&Document<'_>], boosts: &Boosts) -> Vec<(u32, i32)> {
    let field_count = boosts.fields.len();
    let mut out: Vec<(u32, i32)> = chunk.pairs.into_iter().map(|(term, tf)| (term, tf as i32)).collect();
    for (i, span) in chunk.spans.iter().enumerate() {
        let field = i % field_count;
        let doc_boost = lunr_boost(docs[i / field_count].boost);
        for slot in &mut out[span.start..span.end] {
            let weight = Weight {
                idf: boosts.idf[slot.0 as usize],
                tf: f64::from(slot.1),
                len: f64::from(span.len),
                average: boosts.averages[field],
            };
            // A weight needs more than 31 bits only with boosts in the hundreds of
            // thousands; it is capped rather than wrapped.
            let thousandths = weight.thousandths(boosts.fields[field], doc_boost);
            slot.1 = i32::try_from(thousandths).unwrap_or(if thousandths < 0 { i32::MIN } else { i32::MAX });
        }
        out[span.start..span.end].sort_unstable_by_key(|&(term, _)| term);
    }
    out
}

/// The inputs of one BM25 weight.
struct Weight {
    idf: f64,
    tf: f64,
    len: f64,
    average: f64,
}

impl Weight {
    /// The weight exactly as `lunr.Builder#createFieldVectors` computes it,
    /// in thousandths: same operations in the same order, then
    /// `Math.round(score * 1000)`.
    fn thousandths(&self, field_boost: f64, doc_boost: f64) -> i64 {
        let norm = K1 * (1.0 - B + B * (self.len / self.average)) + self.tf;
        let mut score = self.idf * ((K1 + 1.0) * self.tf) / norm;
        score *= field_boost;
        score *= doc_boost;
        json::js_round_to_i64(score * 1000.0)
    }
}

impl BuiltIndex {
    /// Field names in declaration order.
    pub fn fields(&self) -> &[String] {
        &self.fields
    }

    /// Document refs in the order they were added.
    pub fn pipeline(&self) -> TextPipeline {
        self.pipeline
    }

    /// The documents' refs, in document order.
    pub fn refs(&self) -> &[String] {
        &self.refs
    }

    /// The number of (term, field, document) postings.
    pub fn posting_count(&self) -> usize {
        self.postings.docs.len()
    }

    /// Terms by term index.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Term indexes sorted by UTF-16 code units, lunr's serialisation order.
    pub fn sorted_term_indexes(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.terms.len() as u32).collect();
        order.par_sort_unstable_by(|&a, &b| pipeline::cmp_utf16(&self.terms[a as usize], &self.terms[b as usize]));
        order
    }

    /// The documents containing `term` in `field`, in document order.
    pub fn postings(&self, term: u32, field: usize) -> &[u32] {
        self.postings.slot(self.slot(term, field))
    }

    /// The postings slot of `term` in `field`.
    fn slot(&self, term: u32, field: usize) -> usize {
        term as usize * self.fields.len() + field
    }

    /// A (document, field) vector: `(term index, weight in thousandths)`
    /// sorted by term index.
    pub fn vector(&self, doc: usize, field: usize) -> &[(u32, i32)] {
        let chunk = doc / self.chunk_docs;
        let i = (doc % self.chunk_docs) * self.fields.len() + field;
        let (Some(starts), Some(weights)) = (self.vector_starts.get(chunk), self.weights.get(chunk)) else {
            return &[];
        };
        match (starts.get(i), starts.get(i + 1)) {
            (Some(&start), Some(&end)) => &weights[start as usize..end as usize],
            _ => &[],
        }
    }

    /// Every posting's weight (in thousandths), laid out as the postings are, so that
    /// `postings(term, field)[i]` has weight `weights.of(index, term, field)[i]`. One pass
    /// over the documents' vectors: a search in a vector per posting missed the cache
    /// for each of the millions of postings of a large guide.
    pub fn posting_weights(&self) -> PostingWeights {
        let field_count = self.fields.len();
        let mut cursor = self.postings.starts.clone();
        let mut weights = vec![0i32; self.postings.docs.len()];
        // Documents ascend, as they do within every slot of the postings.
        for doc in 0..self.refs.len() {
            for field in 0..field_count {
                for &(term, weight) in self.vector(doc, field) {
                    let slot = self.slot(term, field);
                    weights[cursor[slot]] = weight;
                    cursor[slot] += 1;
                }
            }
        }
        PostingWeights { weights }
    }

    /// Serialises the index as lunr.js 2.3.9's `JSON.stringify(index)`
    /// does, byte for byte, into one string (for tests and in-memory builds;
    /// a build writes the file with [`BuiltIndex::write_lunr_json`]).
    pub fn to_lunr_json(&self) -> String {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = self.write_lunr_json(&mut out);
        json::into_string(out)
    }

    /// Writes the serialised index to `out` with bounded memory: the
    /// output is split into parts (runs of documents, runs of terms) that
    /// are serialised in parallel a batch at a time and written in order,
    /// so at most one batch is held (a 10,000-role index is hundreds of
    /// megabytes).
    pub fn write_lunr_json<W: std::io::Write + ?Sized>(&self, out: &mut W) -> std::io::Result<()> {
        let refs = RefKeys::new(&self.refs);
        let fields: Vec<Vec<u8>> = self.fields.iter().map(|f| json_literal(f)).collect();
        let doc_numbers: Vec<usize> = (0..self.refs.len()).collect();
        let sorted_terms = self.sorted_term_indexes();
        let writer = JsonWriter {
            index: self,
            refs: &refs,
            fields: &fields,
            key_order: RefKeyOrder::new(&self.refs),
        };
        let parts: Vec<Part<'_>> = doc_numbers
            .chunks(JSON_CHUNK_DOCS)
            .map(Part::Vectors)
            .chain(
                self.term_runs(&sorted_terms, JSON_CHUNK_TERMS, JSON_CHUNK_POSTINGS)
                    .into_iter()
                    .map(Part::Terms),
            )
            .collect();
        let batch = rayon::current_num_threads() * 2;
        out.write_all(&writer.head())?;
        let mut first = true;
        let mut in_terms = false;
        for batch in parts.chunks(batch) {
            let texts: Vec<Vec<u8>> = batch
                .par_iter()
                .map(|part| {
                    let mut bytes = Vec::with_capacity(writer.estimate(part));
                    writer.write_part(part, &mut bytes);
                    bytes
                })
                .collect();
            for (part, bytes) in batch.iter().zip(texts) {
                if matches!(part, Part::Terms(_)) && !in_terms {
                    out.write_all(JsonWriter::MIDDLE)?;
                    in_terms = true;
                    first = true;
                }
                if bytes.is_empty() {
                    continue;
                }
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                out.write_all(&bytes)?;
            }
        }
        if !in_terms {
            out.write_all(JsonWriter::MIDDLE)?;
        }
        out.write_all(&writer.tail())
    }
}

impl BuiltIndex {
    /// `sorted` cut into consecutive runs of at most `max_terms` terms and, unless a
    /// single term has more, `max_postings` postings.
    fn term_runs<'s>(&self, sorted: &'s [u32], max_terms: usize, max_postings: usize) -> Vec<&'s [u32]> {
        let fields = self.fields.len();
        let mut runs = Vec::new();
        let (mut start, mut postings) = (0, 0);
        for (i, &term) in sorted.iter().enumerate() {
            let count = self.postings.count_for_term(term as usize, fields);
            if i > start && (i - start == max_terms || postings + count > max_postings) {
                runs.push(&sorted[start..i]);
                (start, postings) = (i, 0);
            }
            postings += count;
        }
        if start < sorted.len() {
            runs.push(&sorted[start..]);
        }
        runs
    }
}

/// A run of the serialised index that is written as one unit.
enum Part<'a> {
    /// `fieldVectors` entries of these documents.
    Vectors(&'a [usize]),
    /// `invertedIndex` entries of these terms (already in sorted order).
    Terms(&'a [u32]),
}

/// Everything needed to write the parts of an index.
struct JsonWriter<'a> {
    index: &'a BuiltIndex,
    /// Refs as posting keys, by document number.
    refs: &'a RefKeys,
    /// Field names as JSON literals.
    fields: &'a [Vec<u8>],
    key_order: RefKeyOrder,
}

impl JsonWriter<'_> {
    /// The text before `fieldVectors` entries.
    fn head(&self) -> Vec<u8> {
        let mut head = b"{\"version\":\"2.3.9\",\"fields\":[".to_vec();
        for (i, field) in self.fields.iter().enumerate() {
            if i > 0 {
                head.push(b',');
            }
            head.extend_from_slice(field);
        }
        head.extend_from_slice(b"],\"fieldVectors\":[");
        head
    }

    /// Between the last field vector and the first term.
    const MIDDLE: &'static [u8] = b"],\"invertedIndex\":[";
    /// After the last term.
    fn tail(&self) -> Vec<u8> {
        let labels: Vec<Vec<u8>> = self.index.pipeline.search_labels().iter().map(|l| json_literal(l)).collect();
        let mut tail = b"],\"pipeline\":[".to_vec();
        tail.extend_from_slice(&labels.join(&b","[..]));
        tail.extend_from_slice(b"]}");
        tail
    }

    /// About how many bytes `part` takes, so its buffer is not grown and copied.
    fn estimate(&self, part: &Part<'_>) -> usize {
        let fields = self.fields.len();
        match part {
            Part::Vectors(docs) => docs
                .iter()
                .map(|&doc| (0..fields).map(|f| 16 + 10 * self.index.vector(doc, f).len()).sum::<usize>())
                .sum(),
            Part::Terms(terms) => terms
                .iter()
                .map(|&t| 32 + 16 * fields + 9 * self.index.postings.count_for_term(t as usize, fields))
                .sum(),
        }
    }

    /// Writes one part (its entries separated by commas).
    fn write_part<S: json::Sink>(&self, part: &Part<'_>, out: &mut S) {
        match part {
            Part::Vectors(docs) => self.field_vectors(docs, out),
            Part::Terms(terms) => self.inverted_index(terms, out),
        }
    }

    /// `fieldVectors` entries: `["field/ref", [index, weight, ...]]` per
    /// (doc, field), in document then field order.
    fn field_vectors<S: json::Sink>(&self, docs: &[usize], out: &mut S) {
        let mut first = true;
        for &doc in docs {
            let escaped_ref = self.refs.escaped(doc);
            for (field, name) in self.fields.iter().enumerate() {
                if !first {
                    out.put_byte(b',');
                }
                first = false;
                out.put(b"[\"");
                out.put(unquote(name));
                out.put_byte(b'/');
                out.put(escaped_ref);
                out.put(b"\",[");
                for (i, &(term, weight)) in self.index.vector(doc, field).iter().enumerate() {
                    if i > 0 {
                        out.put_byte(b',');
                    }
                    json::push_u64(out, u64::from(term));
                    out.put_byte(b',');
                    json::push_thousandths(out, i64::from(weight));
                }
                out.put(b"]]");
            }
        }
    }

    /// `invertedIndex` entries: `[term, {"_index": n, field: {ref: {}}}]`,
    /// every field present in every posting.
    fn inverted_index<S: json::Sink>(&self, terms: &[u32], out: &mut S) {
        let mut sorted: Vec<u32> = Vec::new();
        for (n, &term) in terms.iter().enumerate() {
            if n > 0 {
                out.put_byte(b',');
            }
            out.put_byte(b'[');
            json::push_string(out, &self.index.terms[term as usize]);
            out.put(b",{\"_index\":");
            json::push_u64(out, u64::from(term));
            for (field, name) in self.fields.iter().enumerate() {
                out.put_byte(b',');
                out.put(name);
                out.put(b":{");
                let mut docs = self.index.postings(term, field);
                if self.key_order.matters() {
                    sorted.clear();
                    sorted.extend_from_slice(docs);
                    self.key_order.sort(&mut sorted);
                    docs = &sorted;
                }
                // One copy per posting: its key with the comma before it, but the first.
                for (i, &doc) in docs.iter().enumerate() {
                    self.refs.put_posting(doc as usize, i > 0, out);
                }
                out.put_byte(b'}');
            }
            out.put(b"}]");
        }
    }
}

/// Every ref as a posting key of `invertedIndex`, `,"ref":{}`, in one buffer: the
/// serialiser copies one per posting (millions on a large guide).
struct RefKeys {
    /// The keys one after another, then 16 bytes of padding, so that a 16-byte
    /// block can be read from the start of any key.
    bytes: Vec<u8>,
    /// Where each document's key starts in `bytes`, plus the end.
    starts: Vec<usize>,
}

impl RefKeys {
    fn new(refs: &[String]) -> Self {
        let mut bytes = Vec::with_capacity(refs.iter().map(|r| r.len() + 6).sum::<usize>() + 16);
        let mut starts = Vec::with_capacity(refs.len() + 1);
        for reference in refs {
            starts.push(bytes.len());
            bytes.push(b',');
            json::push_string(&mut bytes, reference);
            bytes.extend_from_slice(b":{}");
        }
        starts.push(bytes.len());
        bytes.extend_from_slice(&[0; 16]);
        RefKeys { bytes, starts }
    }

    /// `,"ref":{}` for document `doc`.
    fn posting(&self, doc: usize) -> &[u8] {
        &self.bytes[self.starts[doc]..self.starts[doc + 1]]
    }

    /// Writes the key of document `doc`, with its leading comma if `comma`.
    fn put_posting<S: json::Sink>(&self, doc: usize, comma: bool, out: &mut S) {
        let (start, end) = (self.starts[doc] + usize::from(!comma), self.starts[doc + 1]);
        match self.bytes.get(start..start + 16).and_then(|b| <&[u8; 16]>::try_from(b).ok()) {
            Some(block) if end - start <= 16 => out.put_block(block, end - start),
            _ => out.put(&self.bytes[start..end]),
        }
    }

    /// The ref of document `doc`, escaped, without quotes.
    fn escaped(&self, doc: usize) -> &[u8] {
        let key = self.posting(doc);
        &key[2..key.len() - 4]
    }
}

/// The inside of a JSON string literal (without its quotes).
fn unquote(literal: &[u8]) -> &[u8] {
    literal.strip_prefix(b"\"").and_then(|l| l.strip_suffix(b"\"")).unwrap_or(literal)
}

/// A string as a JSON literal.
fn json_literal(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    json::push_string(&mut out, s);
    out
}

/// JavaScript's property order for refs used as object keys: array-index
/// refs ("0", "42") first in numeric order, then the rest in insertion
/// (document) order. Only relevant when refs look like numbers.
struct RefKeyOrder {
    /// Numeric value per document when its ref is an array index.
    numeric: Option<Vec<Option<u64>>>,
}

impl RefKeyOrder {
    /// Precomputes which refs are array indexes (none, usually).
    fn new(refs: &[String]) -> Self {
        let numeric: Vec<Option<u64>> = refs
            .iter()
            .map(|r| pipeline::is_array_index(r).then(|| r.parse().ok()).flatten())
            .collect();
        let any = numeric.iter().any(Option::is_some);
        RefKeyOrder {
            numeric: any.then_some(numeric),
        }
    }

    /// Whether any ref is an array index (else document order stands).
    fn matters(&self) -> bool {
        self.numeric.is_some()
    }

    /// Reorders document numbers (given in document order) as JavaScript
    /// would enumerate their refs.
    fn sort(&self, docs: &mut [u32]) {
        if let Some(numeric) = &self.numeric {
            docs.sort_by_key(|&d| match numeric[d as usize] {
                Some(n) => (0, n, d),
                None => (1, 0, d),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<FieldSpec> {
        vec![
            FieldSpec {
                name: "title".into(),
                boost: 1.0,
            },
            FieldSpec {
                name: "body".into(),
                boost: 1.0,
            },
        ]
    }

    fn doc(reference: &str, title: &str, body: &str) -> Document<'static> {
        Document {
            reference: reference.into(),
            texts: vec![(0, Cow::Owned(title.into())), (1, Cow::Owned(body.into()))],
            boost: 1.0,
        }
    }

    /// The exact JSON lunr.js 2.3.9 produced for these two documents
    /// (`JSON.stringify(lunr(...))` under Node).
    #[test]
    fn serialises_byte_for_byte_like_lunr_js() {
        let docs = [
            doc("a", "Café naïve", "node.js c++ 日本語 foo-bar running"),
            doc("b", "hello", "world running"),
        ];
        let expected = concat!(
            r#"{"version":"2.3.9","fields":["title","body"],"fieldVectors":[["title/a",[0,0.61,1,0.61]],"#,
            r#"["body/a",[2,0.575,3,0.575,4,0.575,5,0.575,6,0.575,7,0.151]],["title/b",[8,0.803]],"#,
            r#"["body/b",[7,0.229,9,0.871]]],"invertedIndex":[["",{"_index":4,"title":{},"body":{"a":{}}}],"#,
            r#"["bar",{"_index":6,"title":{},"body":{"a":{}}}],["c",{"_index":3,"title":{},"body":{"a":{}}}],"#,
            r#"["caf",{"_index":0,"title":{"a":{}},"body":{}}],["foo",{"_index":5,"title":{},"body":{"a":{}}}],"#,
            r#"["hello",{"_index":8,"title":{"b":{}},"body":{}}],["naïv",{"_index":1,"title":{"a":{}},"body":{}}],"#,
            r#"["node.j",{"_index":2,"title":{},"body":{"a":{}}}],["run",{"_index":7,"title":{},"body":{"a":{},"b":{}}}],"#,
            r#"["world",{"_index":9,"title":{},"body":{"b":{}}}]],"pipeline":["stemmer"]}"#
        );
        assert_eq!(build_index(&fields(), &docs).to_lunr_json(), expected);
    }

    #[test]
    fn term_indexes_follow_first_sight_and_vectors_are_sorted() {
        let docs = [doc("1", "zeta alpha", "alpha"), doc("2", "beta", "zeta gamma")];
        let index = build_index(&fields(), &docs);
        assert_eq!(index.terms(), ["zeta", "alpha", "beta", "gamma"]);
        let vector = index.vector(1, 1);
        assert_eq!(vector.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 3]);
        // df counts (field, doc) postings: "alpha" is in two fields of doc 1.
        assert_eq!(index.postings(1, 0), [0]);
        assert_eq!(index.postings(1, 1), [0]);
        assert_eq!(index.postings(0, 1), [1]);
    }

    /// Regression: terms first seen in different parallel chunks were
    /// given different indexes (12,216 terms instead of 766 on a 31,000
    /// document guide).
    #[test]
    fn output_does_not_depend_on_parallel_chunking() {
        let words = ["alpha", "beta", "gamma", "delta", "alphas", "café", "日本", "the"];
        let docs: Vec<Document<'static>> = (0..50)
            .map(|i| {
                let title = format!("{} {}", words[i % 8], words[(i * 3) % 8]);
                let body = format!("{} {} {}", words[(i * 5) % 8], words[(i + 1) % 8], i % 7);
                doc(&format!("d{i}"), &title, &body)
            })
            .collect();
        let whole = build_index_in_chunks(&fields(), &docs, 1000, TextPipeline::English);
        for chunk in [1, 3, 7] {
            let chunked = build_index_in_chunks(&fields(), &docs, chunk, TextPipeline::English);
            assert_eq!(chunked.terms(), whole.terms(), "chunk size {chunk}");
            assert_eq!(chunked.to_lunr_json(), whole.to_lunr_json(), "chunk size {chunk}");
        }
    }

    #[test]
    fn serialised_parts_are_bounded_by_terms_and_postings() {
        let docs: Vec<Document<'static>> = (0..12)
            .map(|i| doc(&format!("d{i}"), "common", if i % 3 == 0 { "rare other" } else { "" }))
            .collect();
        let index = build_index(&fields(), &docs);
        let sorted = index.sorted_term_indexes();
        let postings = |run: &[u32]| run.iter().map(|&t| index.postings.count_for_term(t as usize, 2)).sum::<usize>();
        for (max_terms, max_postings) in [(1, 100), (2, 5), (100, 4), (100, 1000)] {
            let runs = index.term_runs(&sorted, max_terms, max_postings);
            assert_eq!(runs.concat(), sorted, "{max_terms} {max_postings}");
            for run in &runs {
                assert!(!run.is_empty() && run.len() <= max_terms);
                // Only a run of one term may exceed the postings limit ("common" has 12).
                assert!(run.len() == 1 || postings(run) <= max_postings, "{run:?}");
            }
        }
        assert_eq!(index.term_runs(&sorted, 100, 1000).len(), 1);
        assert_eq!(index.term_runs(&sorted, 100, 4).len(), sorted.len());
    }

    /// lunr.js refuses an index whose terms are not in JavaScript's sort
    /// order ("Out of order word insertion"): UTF-16 code units, where an
    /// emoji (a surrogate pair from 0xD83D) sorts before U+FF58.
    #[test]
    fn terms_are_written_in_utf16_order() {
        let docs = [doc("a", "x\u{FF58}x x\u{1F600}x xzx", "")];
        let json = build_index(&fields(), &docs).to_lunr_json();
        let positions: Vec<usize> = ["\"xzx\"", "\"x\u{1F600}x\"", "\"x\u{FF58}x\""]
            .iter()
            .filter_map(|t| json.find(&format!("[{t},{{")))
            .collect();
        assert_eq!(positions.len(), 3, "{json}");
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
    }

    /// A field given as several texts indexes exactly like those texts joined
    /// by line breaks, which is what lunr.js is given.
    #[test]
    fn a_field_of_several_texts_is_indexed_as_their_joined_text() {
        let parts = Document {
            reference: "a".into(),
            texts: vec![
                (0, Cow::Borrowed("Ωμέγα ΣΟΦΟΣ")),
                (1, Cow::Borrowed("node.js")),
                (0, Cow::Borrowed("")),
                (1, Cow::Borrowed("running c++ running")),
                (0, Cow::Borrowed("the café")),
            ],
            boost: 1.0,
        };
        let joined = doc("a", &parts.field_text(0), &parts.field_text(1));
        assert_eq!(joined.texts[0].1, "Ωμέγα ΣΟΦΟΣ\nthe café");
        let others = [doc("b", "running", "other words")];
        let json = |first: Document<'static>| {
            let docs = [first, others[0].clone()];
            build_index(&fields(), &docs).to_lunr_json()
        };
        assert_eq!(json(parts), json(joined));
    }

    #[test]
    fn duplicate_refs_keep_the_first_document() {
        let docs = [doc("x", "first", ""), doc("x", "second", "")];
        let index = build_index(&fields(), &docs);
        assert_eq!(index.refs(), ["x"]);
        assert_eq!(index.terms(), ["first"]);
    }

    #[test]
    fn numeric_refs_are_written_in_javascript_key_order() {
        let docs = [doc("b", "same", ""), doc("10", "same", ""), doc("2", "same", "")];
        let json = build_index(&fields(), &docs).to_lunr_json();
        assert!(json.contains(r#""title":{"2":{},"10":{},"b":{}}"#), "{json}");
    }

    #[test]
    fn boosts_multiply_weights_and_zero_means_one() {
        let mut specs = fields();
        specs[0].boost = 10.0;
        let mut boosted = doc("a", "word", "");
        boosted.boost = 0.0;
        let index = build_index(&specs, &[boosted, doc("b", "other", "")]);
        let plain = build_index(&fields(), &[doc("a", "word", ""), doc("b", "other", "")]);
        let (boosted, plain) = (index.vector(0, 0)[0].1, plain.vector(0, 0)[0].1);
        assert!((boosted - plain * 10).abs() <= 5, "{boosted} vs {plain}");
    }
}
