//! One-word answers computed at build time: for a word whose live query would
//! make the browser score many postings, its ten best hits and its hit count,
//! exactly as `search.js` computes them, carried in the shard the client loads
//! for that word anyway (the shard of its stem).
//!
//! As you type a plain word `w` of two letters or more, the client runs the
//! clauses `w` (through the search pipeline) and `w*` (when the terms starting
//! with `w` span at most [`super::shards::PREFIX_SHARDS`] shards), and scores
//! every posting of every term they reach: "pi" reaches "pitfal", in 70,474 of
//! 315,430 documents at 10,000 roles, about 50 ms of a phone's time. With an
//! answer here the client shows it without scoring. Scores and the order of
//! equal scores follow lunr's `Index#query` step by step (the same steps as
//! [`super::query`] and `search.js`'s `run`); a unit test holds every answer to
//! that engine.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::index::{BuiltIndex, PostingWeights};
use super::language::TextPipeline;
use super::pipeline;
use super::shards::{shard_of, spans_many_shards};
use super::token_set::{SortedTerms, TokenSet};

/// Hits kept per answer: the search box shows ten.
pub const ANSWER_HITS: usize = 10;

/// A word's answer: how many documents match, and the best of them with their scores,
/// best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub word: String,
    pub count: usize,
    pub hits: Vec<(u32, f64)>,
}

/// The answers of every word whose live query touches at least `min_postings`
/// (document, field) postings, by the shard they go in (that of the word's stem).
/// English only: the other pipelines' query steps (wildcard normalising, segmenting)
/// are left to the client.
pub fn heavy_answers(
    index: &BuiltIndex,
    weights: &PostingWeights,
    sorted: &[u32],
    prefixes: &[String],
    min_postings: usize,
) -> BTreeMap<usize, Vec<Answer>> {
    let mut by_shard: BTreeMap<usize, Vec<Answer>> = BTreeMap::new();
    if !matches!(index.pipeline(), TextPipeline::English) || sorted.is_empty() {
        return by_shard;
    }
    let fields = index.fields().len();
    let text = |i: usize| index.terms()[sorted[i] as usize].as_str();
    let postings_of = |term: u32| (0..fields).map(|f| index.postings(term, f).len()).sum::<usize>();
    // Postings of the sorted terms before each position, for a prefix's range.
    let mut before = Vec::with_capacity(sorted.len() + 1);
    before.push(0usize);
    for &term in sorted {
        before.push(before.last().copied().unwrap_or(0) + postings_of(term));
    }
    // No stem reaches more postings than the largest term.
    let largest = before.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
    let units: Vec<Vec<u16>> = sorted.iter().map(|&t| index.terms()[t as usize].encode_utf16().collect()).collect();
    let position = |word: &str| {
        let word: Vec<u16> = word.encode_utf16().collect();
        units.binary_search(&word).ok()
    };
    // Each word once, at the first term it begins.
    let mut words: Vec<Query> = Vec::new();
    for i in 0..sorted.len() {
        for (at, c) in text(i).char_indices().skip(1) {
            let word = &text(i)[..at + c.len_utf8()];
            if i > 0 && text(i - 1).starts_with(word) {
                continue;
            }
            if !is_plain_word(word) {
                break;
            }
            let prefix = !spans_many_shards(prefixes, word);
            let end = (i..sorted.len()).find(|&j| !text(j).starts_with(word)).unwrap_or(sorted.len());
            let under_prefix = if prefix { before[end] - before[i] } else { 0 };
            if under_prefix + largest < min_postings {
                continue;
            }
            let stems = index.pipeline().query_terms(word);
            let [stem] = stems.as_slice() else { continue };
            let exact = position(stem);
            if exact.map_or(0, |p| before[p + 1] - before[p]) + under_prefix >= min_postings {
                words.push(Query {
                    word: word.to_string(),
                    shard: shard_of(prefixes, stem),
                    exact,
                    prefix,
                });
            }
        }
    }
    let sorted_terms = SortedTerms::new(&units);
    let answers: Vec<(usize, Answer)> = words
        .par_iter()
        .map_init(
            || Scratch::new(index.refs().len(), fields),
            |scratch, query| {
                // The clauses' terms in lunr's order: the stem, then what `w*` expands to.
                let mut terms: Vec<u32> = query.exact.map(|p| sorted[p]).into_iter().collect();
                if query.prefix {
                    let pattern: Vec<u16> = format!("{}*", query.word).encode_utf16().collect();
                    let expanded = TokenSet::from_term(&pattern).expand(&sorted_terms);
                    terms.extend(expanded.iter().filter_map(|t| units.binary_search(t).ok()).map(|p| sorted[p]));
                }
                (query.shard, score(index, weights, &query.word, &terms, scratch))
            },
        )
        .collect();
    for (shard, answer) in answers {
        by_shard.entry(shard).or_default().push(answer);
    }
    by_shard
}

/// A word the client sends as one plain clause: letters and digits only (no query
/// syntax), already lower-cased as the client lower-cases what is typed.
fn is_plain_word(word: &str) -> bool {
    word.chars().all(char::is_alphanumeric) && pipeline::js_lowercase(word) == word
}

/// A word to answer: the shard of its stem, the stem's position among the sorted terms
/// (when it is a term) and whether the client adds the clause `word*`.
struct Query {
    word: String,
    shard: usize,
    exact: Option<usize>,
    prefix: bool,
}

/// Per-thread working space, cleared through `pairs` and `order` after each word: per
/// (document, field) slot its dot product and whether it was met, per document its score
/// and whether it was met.
struct Scratch {
    dot: Vec<f64>,
    seen: Vec<bool>,
    pairs: Vec<(u32, usize)>,
    score: Vec<f64>,
    listed: Vec<bool>,
    order: Vec<u32>,
}

impl Scratch {
    fn new(documents: usize, fields: usize) -> Scratch {
        Scratch {
            dot: vec![0.0; documents * fields],
            seen: vec![false; documents * fields],
            pairs: Vec::new(),
            score: vec![0.0; documents],
            listed: vec![false; documents],
            order: Vec::new(),
        }
    }
}

/// `search.js`'s `run` for optional clauses of boost 1 over every field whose terms,
/// in clause order, are `terms`: a term's query weight in a field is the number of
/// times it is listed; each field's dot products add up by ascending term index and
/// are divided by the query vector's length; a document's fields add up in the order
/// the postings first met them; equal scores keep the order the documents were first
/// met.
fn score(index: &BuiltIndex, weights: &PostingWeights, word: &str, terms: &[u32], scratch: &mut Scratch) -> Answer {
    let fields = index.fields().len();
    let mut query: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); fields];
    scratch.pairs.clear();
    for &term in terms {
        for (field, vector) in query.iter_mut().enumerate() {
            *vector.entry(term).or_insert(0.0) += 1.0;
            for &doc in index.postings(term, field) {
                let slot = doc as usize * fields + field;
                if !scratch.seen[slot] {
                    scratch.seen[slot] = true;
                    scratch.pairs.push((doc, field));
                }
            }
        }
    }
    let mut lengths = Vec::with_capacity(fields);
    for (field, vector) in query.iter().enumerate() {
        for (&term, &x) in vector {
            for (&doc, &weight) in index.postings(term, field).iter().zip(weights.of(index, term, field)) {
                scratch.dot[doc as usize * fields + field] += x * (f64::from(weight) / 1000.0);
            }
        }
        lengths.push(vector.values().fold(0.0, |sum, x| sum + x * x).sqrt());
    }
    // Documents in the order first met, with their summed scores.
    scratch.order.clear();
    for &(doc, field) in &scratch.pairs {
        let slot = doc as usize * fields + field;
        let part = scratch.dot[slot] / lengths[field];
        let d = doc as usize;
        if !scratch.listed[d] {
            scratch.listed[d] = true;
            scratch.order.push(doc);
        }
        scratch.score[d] += if part.is_nan() { 0.0 } else { part };
        scratch.dot[slot] = 0.0;
        scratch.seen[slot] = false;
    }
    // The best first; an equal score goes after those already kept (a stable sort's order).
    let mut best: Vec<(u32, f64)> = Vec::with_capacity(ANSWER_HITS + 1);
    for &doc in &scratch.order {
        let score = scratch.score[doc as usize];
        if best.len() < ANSWER_HITS || score > best[ANSWER_HITS - 1].1 {
            let at = best.partition_point(|&(_, s)| s >= score);
            best.insert(at, (doc, score));
            best.truncate(ANSWER_HITS);
        }
        scratch.score[doc as usize] = 0.0;
        scratch.listed[doc as usize] = false;
    }
    Answer {
        word: word.to_string(),
        count: scratch.order.len(),
        hits: best,
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::search::index::{Document, FieldSpec, build_index_with};
    use crate::search::load::Index;
    use crate::search::query::{Clause, Presence};

    /// Documents whose words repeat with many ties: "pitfall" in most keywords, and
    /// titles drawn from a few words that share prefixes.
    fn documents() -> Vec<Document<'static>> {
        let titles = ["pipeline", "pitfall", "pilot", "pie", "pine", "pit", "piano", "pi"];
        (0..400)
            .map(|n| Document {
                reference: n.to_string(),
                texts: vec![
                    (
                        0,
                        Cow::Owned(format!("{} {}", titles[n % titles.len()], titles[(n / 7) % titles.len()])),
                    ),
                    (1, Cow::Borrowed(if n % 3 == 0 { "questions" } else { "pitfalls" })),
                    (
                        2,
                        Cow::Owned(format!("body text {} pipelines {}", n % 11, titles[(n / 3) % titles.len()])),
                    ),
                ],
                boost: 1.0,
            })
            .collect()
    }

    /// The index of [`documents`] in the fields title, keywords and body.
    fn index_in(pipeline: TextPipeline) -> BuiltIndex {
        let fields = ["title", "keywords", "body"].map(|name| FieldSpec {
            name: name.into(),
            boost: 1.0,
        });
        build_index_with(&fields, &documents(), pipeline)
    }

    /// The answers of words reaching `min` postings, for shards starting at `prefixes`.
    fn answers_of(index: &BuiltIndex, prefixes: &[String], min: usize) -> BTreeMap<usize, Vec<Answer>> {
        heavy_answers(index, &index.posting_weights(), &index.sorted_term_indexes(), prefixes, min)
    }

    #[test]
    fn every_answer_is_what_the_query_engine_gives_for_the_clauses_the_client_runs() {
        let index = index_in(TextPipeline::English);
        // Every prefix in one shard but "pi", which spans several: then `w*` is left out.
        let prefixes: Vec<String> = ["", "pie", "pil", "pio", "pip", "pit"].map(String::from).to_vec();
        let answers = answers_of(&index, &prefixes, 50);
        let engine = Index::from_json(&index.to_lunr_json()).expect("the lunr index loads");
        let mut checked = 0;
        for (shard, answers) in &answers {
            for answer in answers {
                let stem = TextPipeline::English.query_terms(&answer.word).remove(0);
                assert_eq!(*shard, shard_of(&prefixes, &stem), "{}", answer.word);
                let clause = |term: String, wildcard: bool| Clause {
                    term,
                    use_pipeline: !wildcard,
                    edit_distance: None,
                    fields: vec![0, 1, 2],
                    boost: 1.0,
                    presence: Presence::Optional,
                };
                let mut clauses = vec![clause(answer.word.clone(), false)];
                if !spans_many_shards(&prefixes, &answer.word) {
                    clauses.push(clause(format!("{}*", answer.word), true));
                }
                let hits = engine.run_clauses(&clauses);
                assert_eq!(answer.count, hits.len(), "{}", answer.word);
                let want: Vec<(String, f64)> = hits.iter().take(ANSWER_HITS).map(|h| (h.ref_.clone(), h.score)).collect();
                let got: Vec<(String, f64)> = answer.hits.iter().map(|&(d, s)| (index.refs()[d as usize].clone(), s)).collect();
                assert_eq!(got, want, "{}", answer.word);
                checked += 1;
            }
        }
        // "pi" (no prefix clause), "pit", "pitf", "pitfal", "pip", "pipelin", … all answered.
        assert!(checked >= 8, "{checked} answers");
        assert!(answers.values().flatten().any(|a| a.word == "pi"));
        assert!(answers.values().flatten().any(|a| a.word == "pitf"));
    }

    #[test]
    fn words_below_the_threshold_and_other_languages_get_none() {
        let one_shard = [String::new()];
        let english = index_in(TextPipeline::English);
        assert!(!answers_of(&english, &one_shard, 1).is_empty());
        assert!(answers_of(&english, &one_shard, usize::MAX).is_empty());
        let german = index_in(TextPipeline::for_language("de").0);
        assert!(answers_of(&german, &one_shard, 1).is_empty());
    }
}
