//! The sharded form of the index: a small manifest, term-range shards and
//! display fragments, so a browser fetches only what a query needs.
//!
//! lunr bakes idf, field-length normalisation and boosts into every stored
//! weight, and a query's score for a (document, field) is the dot product of
//! the query vector with the document's field vector divided by the query
//! vector's length only. A term that is not in the query contributes
//! nothing, so the postings of the query's terms with each document's
//! weight for them are all a score needs: a client that has the shards of
//! the query's terms reproduces lunr.js's scores exactly.
//!
//! # Files (under `search/`)
//!
//! `manifest.json` (fetched first, not hashed so pages find it):
//!
//! ```json
//! {"version":4,"client":"sharded","fields":["title","keywords","body"],
//!  "documents":31000,"full_index":"search_index.json","display_store":"search_docs.json",
//!  "shards":"a ap c …","shard_packs":[["1f2e3d4c",[5120,4833,…]],…],
//!  "next":[["a","sncp"],["de","svpc"],…],
//!  "fragment_docs":64,"fragment_packs":[["0a1b2c3d",[1630,1702,…]],…]}
//! ```
//!
//! - `client`: the form, `sharded` or `full`; the full form is one shard
//!   with every term and one fragment with every record (read the same way).
//! - `full_index`, `display_store`: the lunr.js index and its display store
//!   (`null` when they are not written: see [`super::FullIndex`]), for other tools.
//! - `shards`: for each shard, the shortest prefix of its first term that
//!   sorts after the previous shard's last term, separated by spaces (terms
//!   never hold whitespace). A term lives in the last shard whose prefix
//!   sorts (by UTF-16 code units) at or before it. The first is empty.
//! - `shard_packs`: the packs holding the shards, in order ([`super::packs`]):
//!   each pack's hash (its file is `s/<p>.<hash>.bin`) and the compressed length
//!   of each shard in it, [`SHARDS_PER_PACK`] per pack but the last.
//! - `next`: `[[prefix, letters], …]`, for every first letter of a term and
//!   every longer prefix whose terms the client does not load whole (they
//!   span more than [`PREFIX_SHARDS`] shards), the letters that follow it in
//!   the terms, those of the most postings first, at most [`NEXT_LETTERS`].
//!   The client guesses the next keystroke from them where the loaded shards
//!   cannot tell (and fetches the guess's shards ahead of it).
//! - `fragment_docs`, `fragment_packs`: display fragment `k` holds the display
//!   records of documents `k * fragment_docs` up to the next fragment
//!   ([`super::fragments`]); the packs `f/<p>.<hash>.bin` hold the fragments in order,
//!   [`super::fragments::FRAGMENTS_PER_PACK`] per pack but the last.
//! - `pipeline` (not written for English): the search pipeline's labels, as in the
//!   lunr index (`["trimmer-de","stemmer-de"]`, `["segment"]`; see [`super::language`]).
//! - `stemmer` (Snowball languages only): the file under `search/` of the browser's
//!   stemmer for the language's queries, a WebAssembly module named by its hash.
//!
//! A shard is a JSON array of three values, `[terms, records, answers]`:
//!
//! - `terms` has one entry per term, in sorted order:
//!   `[term, termIndex, [[documents of field 0], [field 1], …], [[weights of field 0], …]]`,
//!   where each field's list is `docDelta, w, docDelta, w, …` (document numbers
//!   ascending, the first delta from 0) and `w` indexes that field's weights, which
//!   are in thousandths, as integers (the value lunr.js stores is `weight / 1000`),
//!   the most used first. A term's weights in a field take few values (they depend
//!   only on the term's frequency and the field's length), so an index is one digit
//!   where a weight was five: the shards of a 10,000-role guide are 13% smaller
//!   compressed. A document's ref is [`super::documents::doc_ref`] of its number.
//! - `records` is an object from document numbers to display records, each an
//!   item of a fragment that stands alone (with its page and heading; see
//!   [`super::fragments`]), by ascending number, of the best documents of each term, and of each prefix the
//!   client answers as `p*` ([`super::shard_records`]): a word's best hits
//!   as it is typed. The client shows them without waiting for fragments,
//!   so a keystroke that loads a shard needs one download, not two (on a
//!   phone's network a round trip is 150 ms), and most keystrokes that
//!   narrow a word need none. The full form leaves `records` empty (its one
//!   fragment holds every record). Every record is in the fragments once;
//!   these are the only copies beside them.
//! - `answers` is an object from words to `[count, [document, score], …]`:
//!   for each word whose stem lives in this shard and whose live query would
//!   score at least [`ShardSettings::shard_bytes`] postings, its number of
//!   hits and its ten best, as the client would compute them
//!   ([`super::answers`]); the shard carries their records. Empty in the full
//!   form.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::answers::{Answer, heavy_answers};
use super::documents::Displays;
use super::fragments::push_lone_item;
use super::index::{BuiltIndex, PostingWeights};
use super::json;
use super::packs::{Pack, PackEntry};
use super::pipeline;
use super::shard_records::{RecordPicker, Scratch};

/// Documents per display fragment: ten results read at most ten small members (about
/// 2.7 kB compressed at 10,000 roles). Each fragment's length is in the manifest: 32
/// documents would make that list twice as long (4,929 fragments at 10,000 roles now).
pub const FRAGMENT_DOCS: usize = 64;

/// Without a chosen form, guides with more documents than this (about 260
/// roles) use the sharded form. The full form costs about 470 bytes per
/// document on first focus (100 gzip), 3.8 MB (800 kB gzip) here, about the
/// bytes a sharded session of a few queries fetches, and then answers every
/// keystroke without a download: in headless Chromium a 200-role guide (6,228
/// documents) answered its first query 40-140 ms after the download and 95% of
/// keystrokes within 3-9 ms, where the sharded form took 29 ms back to back
/// (downloads). At 10,078 documents the 95th percentile was already 6-9 ms
/// (README, "Which form").
pub const AUTO_SHARDED_ABOVE: usize = 8000;

/// The client answers a typed last word `p` as a prefix (`p*`) only when its
/// terms lie in at most this many shards (`search.js`, `find`); a wider prefix
/// waits for more letters.
pub const PREFIX_SHARDS: usize = 4;

/// Letters listed per prefix in the manifest's `next` table: the client guesses
/// at most four next keystrokes.
pub const NEXT_LETTERS: usize = 4;

/// Shards per pack: a 10,000-role guide has about 1,100 shards of the default size, in
/// 71 packs of at most 400 kB, which a host that ignores range requests sends whole.
/// Fixed only by the writer: the manifest lists every pack's shards.
pub const SHARDS_PER_PACK: usize = 16;

/// The manifest's path in the output.
pub const MANIFEST: &str = "search/manifest.json";

/// Which form of the index the browser loads. Both are read the same way (manifest,
/// shards, fragments), so the client has one code path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientForm {
    /// The whole index in one shard and all display records in one fragment: one
    /// download each, best for small guides.
    Full,
    /// Shards of about the target size and small fragments: a query fetches little.
    Sharded,
}

/// What to write.
#[derive(Debug, Clone)]
pub struct ShardSettings {
    /// Target size of a shard in bytes, before compression; a shard holds
    /// whole terms, so one very common term can make it larger.
    pub shard_bytes: usize,
    /// The client's form; `None` picks it by size ([`AUTO_SHARDED_ABOVE`]).
    pub client: Option<ClientForm>,
    /// Whether `search_index.json` and `search_docs.json` are written too.
    pub full_index: super::FullIndex,
}

impl ShardSettings {
    /// The form used for a guide of `documents` documents.
    pub fn form(&self, documents: usize) -> ClientForm {
        match self.client {
            Some(form) => form,
            None if documents > AUTO_SHARDED_ABOVE => ClientForm::Sharded,
            None => ClientForm::Full,
        }
    }
}

/// One file of the sharded form, with its path in the output.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The shards as written: what the manifest says of them.
pub struct Shards {
    form: ClientForm,
    prefixes: Vec<String>,
    next: Vec<(String, String)>,
    packs: Vec<PackEntry>,
}

/// Documents per display fragment in `form`: the full form has one fragment.
pub fn fragment_docs(form: ClientForm, documents: usize) -> usize {
    match form {
        ClientForm::Full => documents.max(1),
        ClientForm::Sharded => FRAGMENT_DOCS,
    }
}

/// Writes the shards of `index` in packs through `emit` (called from several threads, a
/// pack at a time, so memory stays bounded). `displays` are aligned with the index's
/// documents; a shard carries the records of its terms' best documents.
pub fn write_shards<E: Send>(
    index: &BuiltIndex,
    displays: &Displays<'_>,
    settings: &ShardSettings,
    emit: &(dyn Fn(SearchFile) -> Result<(), E> + Sync),
) -> Result<Shards, E> {
    let form = settings.form(index.refs().len());
    // The full form is the same files with everything in one shard.
    let shard_bytes = match form {
        ClientForm::Full => usize::MAX,
        ClientForm::Sharded => settings.shard_bytes.max(1),
    };
    let sorted = index.sorted_term_indexes();
    let ranges = shard_ranges(index, &sorted, shard_bytes);
    let prefixes = shard_prefixes(index, &sorted, &ranges);
    let weights = index.posting_weights();
    let picker = RecordPicker {
        index,
        weights: &weights,
        sorted: &sorted,
        answers_prefix: &|p: &str| !spans_many_shards(&prefixes, p),
    };
    // A word is answered when scoring it would touch more postings than a shard holds
    // bytes: about eight shards' worth.
    let answers = match form {
        ClientForm::Full => Default::default(),
        ClientForm::Sharded => heavy_answers(index, &weights, &sorted, &prefixes, shard_bytes),
    };
    let packs: Vec<PackEntry> = ranges
        .par_chunks(SHARDS_PER_PACK)
        .enumerate()
        .map_init(
            || Scratch::new(index.refs().len()),
            |scratch, (p, ranges)| {
                let shards = ranges.iter().enumerate().map(|(j, range)| {
                    let answers = answers.get(&(p * SHARDS_PER_PACK + j)).map_or(&[][..], Vec::as_slice);
                    let records = match form {
                        ClientForm::Full => Vec::new(),
                        ClientForm::Sharded => {
                            let mut records = picker.for_shard(range.clone(), scratch);
                            records.extend(answers.iter().flat_map(|a| a.hits.iter().map(|&(doc, _)| doc)));
                            records.sort_unstable();
                            records.dedup();
                            records
                        }
                    };
                    shard_json(index, &weights, &sorted[range.clone()], displays, (&records, answers))
                });
                let pack = Pack::of(shards.collect::<Vec<_>>());
                let entry = pack.entry();
                emit(SearchFile {
                    path: format!("search/s/{p}.{}.bin", entry.hash),
                    bytes: pack.bytes,
                })
                .map(|()| entry)
            },
        )
        .collect::<Result<_, E>>()?;
    let next = next_letters(index, &sorted, &prefixes);
    Ok(Shards {
        form,
        prefixes,
        next,
        packs,
    })
}

/// The manifest of `shards` and of the display fragments of `fragment_docs`
/// documents each in `fragment_packs` ([`super::fragments`]); `full_index` says whether
/// the lunr.js index and its display store were written.
/// `stemmer` names the browser's stemmer of the index's language, under `search/`.
pub fn manifest(
    index: &BuiltIndex,
    full_index: bool,
    shards: &Shards,
    fragment_packs: &[PackEntry],
    (fragment_docs, stemmer): (usize, Option<&str>),
) -> SearchFile {
    SearchFile {
        path: MANIFEST.into(),
        bytes: manifest_json(index, full_index, shards, (fragment_packs, fragment_docs), stemmer),
    }
}

/// Splits the sorted terms into consecutive runs of about `target` bytes.
fn shard_ranges(index: &BuiltIndex, sorted: &[u32], target: usize) -> Vec<std::ops::Range<usize>> {
    let fields = index.fields().len();
    let mut ranges = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, &term) in sorted.iter().enumerate() {
        let postings: usize = (0..fields).map(|f| index.postings(term, f).len()).sum();
        // About 8 bytes per posting ("12,1234,") plus the term's own entry.
        size += postings * 8 + index.terms()[term as usize].len() + 16;
        if size >= target {
            ranges.push(start..i + 1);
            (start, size) = (i + 1, 0);
        }
    }
    if start < sorted.len() || ranges.is_empty() {
        ranges.push(start..sorted.len());
    }
    ranges
}

/// Each shard's shortest first-term prefix that sorts after the previous
/// shard's last term (empty for the first shard).
fn shard_prefixes(index: &BuiltIndex, sorted: &[u32], ranges: &[std::ops::Range<usize>]) -> Vec<String> {
    let term = |i: usize| index.terms()[sorted[i] as usize].as_str();
    ranges
        .iter()
        .enumerate()
        .map(|(k, range)| {
            if k == 0 || range.is_empty() {
                return String::new();
            }
            let (first, previous) = (term(range.start), term(range.start - 1));
            first
                .char_indices()
                .map(|(i, c)| &first[..i + c.len_utf8()])
                .find(|prefix| pipeline::cmp_utf16(prefix, previous).is_gt())
                .unwrap_or(first)
                .to_string()
        })
        .collect()
}

/// The manifest's `next` table: for each first letter of a term, and each
/// longer prefix that [`spans_many_shards`], the letters that follow it, by
/// descending number of postings of the terms they start (ties by letter).
fn next_letters(index: &BuiltIndex, sorted: &[u32], prefixes: &[String]) -> Vec<(String, String)> {
    let mut spans: HashMap<&str, bool> = HashMap::new();
    let mut table: BTreeMap<&str, Vec<(char, usize)>> = BTreeMap::new();
    for &term in sorted {
        let text = index.terms()[term as usize].as_str();
        let postings: usize = (0..index.fields().len()).map(|f| index.postings(term, f).len()).sum();
        for (depth, (at, letter)) in text.char_indices().enumerate().skip(1) {
            let prefix = &text[..at];
            if depth > 1 && !*spans.entry(prefix).or_insert_with(|| spans_many_shards(prefixes, prefix)) {
                break;
            }
            let letters = table.entry(prefix).or_default();
            match letters.iter_mut().find(|(c, _)| *c == letter) {
                Some((_, n)) => *n += postings,
                None => letters.push((letter, postings)),
            }
        }
    }
    table
        .into_iter()
        .map(|(prefix, mut letters)| {
            letters.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            (prefix.to_string(), letters.iter().take(NEXT_LETTERS).map(|(c, _)| *c).collect())
        })
        .collect()
}

/// Whether the terms starting with `p` span more than [`PREFIX_SHARDS`]
/// shards as the client counts them (from the shard holding `p` itself to
/// the one holding `p` + U+FFFF): it then leaves the clause `p*` out.
pub(super) fn spans_many_shards(prefixes: &[String], p: &str) -> bool {
    shard_of(prefixes, &format!("{p}\u{ffff}")) - shard_of(prefixes, p) + 1 > PREFIX_SHARDS
}

/// The shard a term lives in, given the shards' first prefixes (the manifest's
/// `shards`): the last one whose prefix sorts at or before it.
pub(super) fn shard_of(prefixes: &[String], term: &str) -> usize {
    prefixes.partition_point(|p| pipeline::cmp_utf16(p, term).is_le()).saturating_sub(1)
}

/// One shard: `[[[term, termIndex, [[docDelta, w, …] per field], [[weight, …] per field]], …],
/// {"doc": record, …}, {"word": [count, [doc, score], …], …}]`.
fn shard_json(
    index: &BuiltIndex,
    weights: &PostingWeights,
    terms: &[u32],
    displays: &Displays<'_>,
    (records, answers): (&[u32], &[Answer]),
) -> Vec<u8> {
    // About 10 bytes per posting ("12,1234,"), so the buffer is not grown and copied.
    let postings: usize = terms
        .iter()
        .map(|&t| (0..index.fields().len()).map(|f| index.postings(t, f).len()).sum::<usize>())
        .sum();
    let mut out = Vec::with_capacity(terms.len() * 48 + postings * 6 + records.len() * 200);
    let mut palettes: Vec<Vec<i32>> = vec![Vec::new(); index.fields().len()];
    let mut indexes: json::FxHashMap<i32, usize> = json::FxHashMap::default();
    out.extend_from_slice(b"[[");
    for (n, &term) in terms.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        out.push(b'[');
        json::push_string(&mut out, &index.terms()[term as usize]);
        out.push(b',');
        json::push_u64(&mut out, u64::from(term));
        out.extend_from_slice(b",[");
        for (field, palette) in palettes.iter_mut().enumerate() {
            out.extend_from_slice(if field > 0 { b",[" } else { b"[" });
            let field_weights = weights.of(index, term, field);
            *palette = weight_palette(field_weights, &mut indexes);
            let mut previous = 0u32;
            for (i, (&doc, weight)) in index.postings(term, field).iter().zip(field_weights).enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json::push_u64(&mut out, u64::from(doc - previous));
                previous = doc;
                out.push(b',');
                json::push_u64(&mut out, indexes.get(weight).copied().unwrap_or_default() as u64);
            }
            out.push(b']');
        }
        out.extend_from_slice(b"],[");
        for (field, palette) in palettes.iter().enumerate() {
            out.extend_from_slice(if field > 0 { b",[" } else { b"[" });
            for (i, &weight) in palette.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                push_i64(&mut out, i64::from(weight));
            }
            out.push(b']');
        }
        out.extend_from_slice(b"]]");
    }
    out.extend_from_slice(b"],{");
    for (i, &doc) in records.iter().enumerate() {
        out.extend_from_slice(if i > 0 { b",\"" } else { b"\"" });
        json::push_u64(&mut out, u64::from(doc));
        out.extend_from_slice(b"\":");
        push_lone_item(&mut out, &displays.get(doc as usize));
    }
    out.extend_from_slice(b"},{");
    for (i, answer) in answers.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json::push_string(&mut out, &answer.word);
        out.extend_from_slice(b":[");
        json::push_u64(&mut out, answer.count as u64);
        for &(doc, score) in &answer.hits {
            out.extend_from_slice(b",[");
            json::push_u64(&mut out, u64::from(doc));
            // The shortest decimal that reads back as the same double, as JSON.parse needs.
            out.extend_from_slice(format!(",{score}]").as_bytes());
        }
        out.push(b']');
    }
    out.extend_from_slice(b"}]");
    out
}

/// The distinct values of `weights`, the most frequent first (ties by value), so that
/// the commonest index is the shortest; leaves each value's index in `indexes`.
fn weight_palette(weights: &[i32], indexes: &mut json::FxHashMap<i32, usize>) -> Vec<i32> {
    indexes.clear();
    for &weight in weights {
        *indexes.entry(weight).or_default() += 1;
    }
    let mut palette: Vec<(i32, usize)> = indexes.iter().map(|(&w, &n)| (w, n)).collect();
    palette.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (i, &(weight, _)) in palette.iter().enumerate() {
        indexes.insert(weight, i);
    }
    palette.into_iter().map(|(w, _)| w).collect()
}

/// An integer as JSON.
fn push_i64(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    json::push_u64(out, n.unsigned_abs());
}

/// The manifest (shape in the module documentation).
fn manifest_json(
    index: &BuiltIndex,
    full_index: bool,
    shards: &Shards,
    (fragment_packs, fragment_docs): (&[PackEntry], usize),
    stemmer: Option<&str>,
) -> Vec<u8> {
    let mut out = b"{\"version\":4,\"client\":".to_vec();
    json::push_string(
        &mut out,
        match shards.form {
            ClientForm::Full => "full",
            ClientForm::Sharded => "sharded",
        },
    );
    out.extend_from_slice(b",\"fields\":[");
    for (i, field) in index.fields().iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json::push_string(&mut out, field);
    }
    out.extend_from_slice(b"],\"documents\":");
    json::push_u64(&mut out, index.refs().len() as u64);
    if full_index {
        out.extend_from_slice(b",\"full_index\":\"search_index.json\",\"display_store\":\"search_docs.json\"");
    } else {
        out.extend_from_slice(b",\"full_index\":null,\"display_store\":null");
    }
    out.extend_from_slice(b",\"shards\":");
    json::push_string(&mut out, &shards.prefixes.join(" "));
    out.extend_from_slice(b",\"shard_packs\":");
    super::packs::push_entries(&mut out, &shards.packs);
    out.extend_from_slice(b",\"next\":[");
    for (i, (prefix, letters)) in shards.next.iter().enumerate() {
        out.extend_from_slice(if i > 0 { b",[" } else { b"[" });
        json::push_string(&mut out, prefix);
        out.push(b',');
        json::push_string(&mut out, letters);
        out.push(b']');
    }
    out.extend_from_slice(b"],\"fragment_docs\":");
    json::push_u64(&mut out, fragment_docs as u64);
    out.extend_from_slice(b",\"fragment_packs\":");
    super::packs::push_entries(&mut out, fragment_packs);
    // English, the only pipeline before there were others, is not named.
    if index.pipeline() != super::TextPipeline::English {
        out.extend_from_slice(b",\"pipeline\":[");
        for (i, label) in index.pipeline().search_labels().iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json::push_string(&mut out, label);
        }
        out.push(b']');
    }
    if let Some(stemmer) = stemmer {
        out.extend_from_slice(b",\"stemmer\":");
        json::push_string(&mut out, stemmer);
    }
    out.push(b'}');
    out
}

/// A 64-bit FNV-1a hash of `bytes`, eight bytes at a time for speed (names
/// only need to change when content does; this is not cryptographic).
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut words = bytes.chunks_exact(8);
    let mut hash = HASH_START;
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        hash = mix(hash, u64::from_le_bytes(w));
    }
    let hash = words.remainder().iter().fold(hash, |hash, &b| mix(hash, u64::from(b)));
    mix(hash, bytes.len() as u64)
}

/// The hash of no bytes yet (FNV-1a's offset basis).
const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// One step of the hash.
fn mix(hash: u64, value: u64) -> u64 {
    (hash ^ value).wrapping_mul(0x0100_0000_01b3).rotate_left(29)
}

/// The 8 hex digits of a hash used in file names.
pub(super) fn short_hash(hash: u64) -> String {
    format!("{:08x}", (hash ^ (hash >> 32)) & 0xffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_keeps_the_values_earlier_builds_wrote() {
        // The values the eight-bytes-at-a-time FNV variant gives (computed independently),
        // so unchanged files keep their names from one version to the next.
        assert_eq!(content_hash(b"interview guide, shard 1"), 0x8a06_1948_87e3_533b);
        assert_ne!(content_hash(b""), content_hash(b"\0"));
        assert_ne!(content_hash(b"ab"), content_hash(b"ba"));
    }

    #[test]
    fn auto_form_is_full_up_to_about_260_roles_and_sharded_from_1000() {
        let auto = ShardSettings {
            shard_bytes: 65536,
            client: None,
            full_index: crate::search::FullIndex::Never,
        };
        // The generated guides: 200 roles (6,228 documents), 1,000 and 10,000 roles.
        assert_eq!(auto.form(6228), ClientForm::Full);
        assert_eq!(auto.form(8000), ClientForm::Full);
        assert_eq!(auto.form(8001), ClientForm::Sharded);
        assert_eq!(auto.form(31463), ClientForm::Sharded);
        assert_eq!(auto.form(315430), ClientForm::Sharded);
        let chosen = |client| ShardSettings {
            client: Some(client),
            ..auto.clone()
        };
        assert_eq!(chosen(ClientForm::Sharded).form(10), ClientForm::Sharded);
        assert_eq!(chosen(ClientForm::Full).form(315430), ClientForm::Full);
    }
}
