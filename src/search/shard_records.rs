//! Which display records a shard carries (see [`super::shards`]): the best
//! documents of the one-word queries the client answers from that shard, so
//! their results show without a second download for display fragments.
//!
//! As you type a word `w`, the client runs `w` and the prefix `w*` (when its
//! terms span few shards). Both rank documents by their weights for the
//! matching terms, so a shard carries, for each of its terms and for each
//! prefix whose first term it holds, the [`PER_QUERY`] documents with the
//! highest weight summed over fields (and over the prefix's terms). Queries
//! of several words rank by more than one term and usually fetch fragments.

use std::ops::Range;

use super::index::{BuiltIndex, PostingWeights};

/// Documents chosen per term and per prefix: the ten results the search box shows.
pub const PER_QUERY: usize = 10;

/// Chooses the records of every shard of one index.
pub struct RecordPicker<'a> {
    pub index: &'a BuiltIndex,
    pub weights: &'a PostingWeights,
    /// Every term, in the index's sorted (UTF-16) order.
    pub sorted: &'a [u32],
    /// Whether the client answers a typed `p` with the clause `p*` too.
    pub answers_prefix: &'a (dyn Fn(&str) -> bool + Sync),
}

/// Per-thread working space: each document's summed weight for the current
/// query and the first field it was met in, stamped with the query they
/// belong to so nothing needs clearing.
pub struct Scratch {
    sums: Vec<Sum>,
    stamp: u32,
    touched: Vec<u32>,
}

#[derive(Clone, Copy, Default)]
struct Sum {
    stamp: u32,
    first_field: u32,
    weight: i64,
}

impl Scratch {
    pub fn new(documents: usize) -> Scratch {
        Scratch {
            sums: vec![Sum::default(); documents],
            stamp: 0,
            touched: Vec::new(),
        }
    }
}

impl RecordPicker<'_> {
    fn term(&self, i: usize) -> &str {
        &self.index.terms()[self.sorted[i] as usize]
    }

    /// The documents whose records the shard of terms `sorted[range]` carries,
    /// ascending, without repeats.
    pub fn for_shard(&self, range: Range<usize>, scratch: &mut Scratch) -> Vec<u32> {
        let mut chosen = Vec::new();
        for i in range.clone() {
            self.best_of(i..i + 1, scratch);
            chosen.extend_from_slice(&scratch.touched);
        }
        for i in range {
            let text = self.term(i);
            // The terms of the last prefix picked for: a longer prefix with the same
            // terms has the same best documents.
            let mut last_end = None;
            // The client waits for a second letter, and a whole term is covered above.
            for (at, _) in text.char_indices().skip(2) {
                let prefix = &text[..at];
                if i > 0 && self.term(i - 1).starts_with(prefix) {
                    continue; // its first term is in an earlier shard, or done already
                }
                let end = (i + 1..self.sorted.len())
                    .find(|&j| !self.term(j).starts_with(prefix))
                    .unwrap_or(self.sorted.len());
                if end - i < 2 {
                    break; // this prefix and every longer one name the term alone
                }
                if last_end != Some(end) && (self.answers_prefix)(prefix) {
                    self.best_of(i..end, scratch);
                    chosen.extend_from_slice(&scratch.touched);
                    last_end = Some(end);
                }
            }
        }
        chosen.sort_unstable();
        chosen.dedup();
        chosen
    }

    /// Sets `scratch.touched` to the best documents for the terms `sorted[terms]`
    /// together: by descending weight summed over them and over fields, ties in
    /// the order lunr first meets a term's documents (field by field, ascending).
    fn best_of(&self, terms: Range<usize>, scratch: &mut Scratch) {
        scratch.stamp += 1;
        scratch.touched.clear();
        let stamp = scratch.stamp;
        for &term in &self.sorted[terms] {
            for field in 0..self.index.fields().len() {
                let docs = self.index.postings(term, field);
                for (&doc, &weight) in docs.iter().zip(self.weights.of(self.index, term, field)) {
                    let sum = &mut scratch.sums[doc as usize];
                    if sum.stamp != stamp {
                        *sum = Sum {
                            stamp,
                            first_field: field as u32,
                            weight: 0,
                        };
                        scratch.touched.push(doc);
                    }
                    sum.weight += i64::from(weight);
                }
            }
        }
        if scratch.touched.len() <= PER_QUERY {
            return;
        }
        // The best so far, best first: most documents lose to the last one at once.
        let mut best: Vec<(std::cmp::Reverse<i64>, u32, u32)> = Vec::with_capacity(PER_QUERY + 1);
        for &doc in &scratch.touched {
            let sum = scratch.sums[doc as usize];
            let key = (std::cmp::Reverse(sum.weight), sum.first_field, doc);
            if best.len() < PER_QUERY || key < best[PER_QUERY - 1] {
                best.insert(best.partition_point(|b| *b < key), key);
                best.truncate(PER_QUERY);
            }
        }
        scratch.touched.clear();
        scratch.touched.extend(best.iter().map(|&(_, _, doc)| doc));
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::search::index::{Document, FieldSpec, build_index};

    fn doc(n: usize, title: &str) -> Document<'static> {
        Document {
            reference: n.to_string(),
            texts: vec![(0, Cow::Owned(title.into())), (1, Cow::Borrowed("text"))],
            boost: 1.0,
        }
    }

    /// Twelve documents titled "alpha", twelve "alpine", then one "alpha alpine".
    fn picked(answers_prefix: &(dyn Fn(&str) -> bool + Sync)) -> Vec<u32> {
        let fields = ["title", "body"].map(|name| FieldSpec {
            name: name.into(),
            boost: 1.0,
        });
        let titles = (0..25).map(|n| match n {
            0..12 => "alpha",
            12..24 => "alpine",
            _ => "alpha alpine",
        });
        let docs: Vec<Document> = titles.enumerate().map(|(n, title)| doc(n, title)).collect();
        let index = build_index(&fields, &docs);
        let sorted = index.sorted_term_indexes();
        let picker = RecordPicker {
            index: &index,
            weights: &index.posting_weights(),
            sorted: &sorted,
            answers_prefix,
        };
        picker.for_shard(0..sorted.len(), &mut Scratch::new(docs.len()))
    }

    #[test]
    fn a_shard_carries_the_best_documents_of_each_term_and_prefix() {
        // Per term, ten of the twelve equal best: the first ten, as lunr lists ties.
        // The "alp" prefix adds the document that has both terms, a better hit for
        // "alp*" than any other though neither term ranks it in its ten.
        let mut want: Vec<u32> = (0..10).chain(12..22).collect();
        assert_eq!(picked(&|_| false), want);
        want.push(24);
        assert_eq!(picked(&|p| p == "alp"), want);
        assert_eq!(picked(&|_| true), want);
    }
}
