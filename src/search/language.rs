//! The text pipeline of each language: how a token becomes the terms of the index, and a
//! query's word the terms it looks up.
//!
//! - English keeps lunr.js 2.3.9's own pipeline ([`super::pipeline`], [`super::stemmer`]):
//!   an English guide's index is byte for byte what it was.
//! - The Snowball languages follow the lunr-languages plugins (`lunr.de.js`, …): their
//!   trimmer (the language's word characters plus ASCII digits), their stop words
//!   (`stop_words/<code>.txt`, taken from lunr-languages 1.22.0), French's accent folding,
//!   and a Snowball stemmer (`rust-stemmers`). The index names the search pipeline as the
//!   plugin registers it (`["trimmer-de","stemmer-de"]`), so lunr.js with the plugin loads it.
//! - Every other language, Chinese and Japanese included, is segmented instead of stemmed
//!   ([`segment`]): words are runs of letters and digits, and a run of CJK characters
//!   becomes its overlapping character pairs, so a two-character query finds the page.
//!   Its label is `segment`; lunr.js needs that function registered to load the index
//!   (the compatibility test registers a JavaScript twin).

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::{pipeline, stemmer};

/// The label of the segmenting pipeline in a serialised index and the manifest.
pub const SEGMENT_LABEL: &str = "segment";

/// A Snowball language as its lunr-languages plugin defines it.
struct Snowball {
    code: &'static str,
    algorithm: Algorithm,
    /// One stop word a line, sorted; an empty first line makes the empty term a stop word
    /// (lunr-languages' Dutch and Romanian lists contain "", a quirk of their `split(' ')`).
    stop_words: &'static str,
    word_characters: &'static [(char, char)],
    /// French folds accents after the stop words and before the stemmer (`accentFold-fr`).
    folds_accents: bool,
}

/// `lunr.<code>.wordCharacters` of the plugins for languages written in Latin script.
const LATIN: &[(char, char)] = &[
    ('A', 'Z'),
    ('a', 'z'),
    ('\u{AA}', '\u{AA}'),
    ('\u{BA}', '\u{BA}'),
    ('\u{C0}', '\u{D6}'),
    ('\u{D8}', '\u{F6}'),
    ('\u{F8}', '\u{2B8}'),
    ('\u{2E0}', '\u{2E4}'),
    ('\u{1D00}', '\u{1D25}'),
    ('\u{1D2C}', '\u{1D5C}'),
    ('\u{1D62}', '\u{1D65}'),
    ('\u{1D6B}', '\u{1D77}'),
    ('\u{1D79}', '\u{1DBE}'),
    ('\u{1E00}', '\u{1EFF}'),
    ('\u{2071}', '\u{2071}'),
    ('\u{207F}', '\u{207F}'),
    ('\u{2090}', '\u{209C}'),
    ('\u{212A}', '\u{212B}'),
    ('\u{2132}', '\u{2132}'),
    ('\u{214E}', '\u{214E}'),
    ('\u{2160}', '\u{2188}'),
    ('\u{2C60}', '\u{2C7F}'),
    ('\u{A722}', '\u{A787}'),
    ('\u{A78B}', '\u{A7AD}'),
    ('\u{A7B0}', '\u{A7B7}'),
    ('\u{A7F7}', '\u{A7FF}'),
    ('\u{AB30}', '\u{AB5A}'),
    ('\u{AB5C}', '\u{AB64}'),
    ('\u{FB00}', '\u{FB06}'),
    ('\u{FF21}', '\u{FF3A}'),
    ('\u{FF41}', '\u{FF5A}'),
];

/// `lunr.ru.wordCharacters`.
const CYRILLIC: &[(char, char)] = &[
    ('\u{400}', '\u{484}'),
    ('\u{487}', '\u{52F}'),
    ('\u{1D2B}', '\u{1D2B}'),
    ('\u{1D78}', '\u{1D78}'),
    ('\u{2DE0}', '\u{2DFF}'),
    ('\u{A640}', '\u{A69F}'),
    ('\u{FE2E}', '\u{FE2F}'),
];

macro_rules! snowball {
    ($code:literal, $algorithm:ident, $chars:expr) => {
        snowball!($code, $algorithm, $chars, false)
    };
    ($code:literal, $algorithm:ident, $chars:expr, $folds:expr) => {
        Snowball {
            code: $code,
            algorithm: Algorithm::$algorithm,
            stop_words: include_str!(concat!("stop_words/", $code, ".txt")),
            word_characters: $chars,
            folds_accents: $folds,
        }
    };
}

/// The languages that both `rust-stemmers` and lunr-languages stem with Snowball.
const SNOWBALL: [Snowball; 14] = [
    snowball!("da", Danish, LATIN),
    snowball!("de", German, LATIN),
    snowball!("es", Spanish, LATIN),
    snowball!("fi", Finnish, LATIN),
    snowball!("fr", French, LATIN, true),
    snowball!("hu", Hungarian, LATIN),
    snowball!("it", Italian, LATIN),
    snowball!("nl", Dutch, LATIN),
    snowball!("no", Norwegian, LATIN),
    snowball!("pt", Portuguese, LATIN),
    snowball!("ro", Romanian, LATIN),
    snowball!("ru", Russian, CYRILLIC),
    snowball!("sv", Swedish, LATIN),
    snowball!("tr", Turkish, LATIN),
];

/// Languages segmented on purpose (no stemmer is expected for them).
const SEGMENTED: [&str; 2] = ["ja", "zh"];

/// How one language's text becomes terms.
#[derive(Clone, Copy)]
pub enum TextPipeline {
    /// lunr.js's own pipeline.
    English,
    /// A lunr-languages plugin's pipeline.
    Snowball(&'static SnowballPipeline),
    /// Words and CJK character pairs, unstemmed.
    Segment,
}

/// A Snowball language's pipeline, made once.
pub struct SnowballPipeline {
    language: &'static Snowball,
    stop_words: Vec<&'static str>,
    stemmer: Stemmer,
    labels: [String; 2],
}

impl std::fmt::Debug for TextPipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl PartialEq for TextPipeline {
    fn eq(&self, other: &Self) -> bool {
        self.label() == other.label()
    }
}

/// The Snowball pipelines, made on first use.
fn snowball_pipelines() -> &'static [SnowballPipeline] {
    static PIPELINES: OnceLock<Vec<SnowballPipeline>> = OnceLock::new();
    PIPELINES.get_or_init(|| {
        SNOWBALL
            .iter()
            .map(|language| SnowballPipeline {
                language,
                stop_words: language.stop_words.split('\n').filter(|w| !w.is_empty()).collect(),
                stemmer: Stemmer::create(language.algorithm),
                labels: [format!("trimmer-{}", language.code), format!("stemmer-{}", language.code)],
            })
            .collect()
    })
}

impl TextPipeline {
    /// The pipeline of a language code (`de`, `pt-BR`, `en-GB`), and a warning when the
    /// language has no stemmer and is only segmented.
    pub fn for_language(code: &str) -> (TextPipeline, Option<String>) {
        let primary = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
        if primary == "en" {
            return (TextPipeline::English, None);
        }
        if let Some(snowball) = snowball_pipelines().iter().find(|p| p.language.code == primary) {
            return (TextPipeline::Snowball(snowball), None);
        }
        let warning = (!SEGMENTED.contains(&primary.as_str())).then(|| {
            let stemmed: Vec<&str> = std::iter::once("en").chain(SNOWBALL.iter().map(|s| s.code)).collect();
            format!(
                "search has no stemmer for language \"{code}\": its index matches whole words only (stemmed languages: {})",
                stemmed.join(", ")
            )
        });
        (TextPipeline::Segment, warning)
    }

    /// The pipeline an index names with `labels` (its search pipeline), if known.
    pub fn from_labels<S: AsRef<str>>(labels: &[S]) -> Option<TextPipeline> {
        let labels: Vec<&str> = labels.iter().map(AsRef::as_ref).collect();
        match labels.as_slice() {
            ["stemmer"] => Some(TextPipeline::English),
            [SEGMENT_LABEL] => Some(TextPipeline::Segment),
            _ => snowball_pipelines()
                .iter()
                .find(|p| p.search_labels() == labels)
                .map(TextPipeline::Snowball),
        }
    }

    /// A short name: `en`, the Snowball language's code, or `segment`.
    pub fn label(&self) -> &'static str {
        match self {
            TextPipeline::English => "en",
            TextPipeline::Snowball(p) => p.language.code,
            TextPipeline::Segment => SEGMENT_LABEL,
        }
    }

    /// The labels of the search pipeline, as lunr.js serialises them.
    pub fn search_labels(&self) -> Vec<&str> {
        match self {
            TextPipeline::English => vec!["stemmer"],
            TextPipeline::Snowball(p) => p.search_labels(),
            TextPipeline::Segment => vec![SEGMENT_LABEL],
        }
    }

    /// Appends the index terms of one token (lower-cased, split by lunr's tokenizer) to
    /// `out`; `None` for a stop word. English and the Snowball languages give one term a
    /// token; [`TextPipeline::Segment`] any number.
    pub fn index_terms(&self, token: &str, out: &mut Vec<String>) -> Option<()> {
        match self {
            TextPipeline::English => {
                let trimmed = pipeline::trim_token(token);
                if pipeline::is_stop_word(trimmed) {
                    return None;
                }
                out.push(stemmer::stem(trimmed));
            }
            TextPipeline::Snowball(p) => {
                let trimmed = p.trim(token);
                if p.is_stop_word(trimmed) {
                    return None;
                }
                out.push(p.fold_and_stem(trimmed));
            }
            TextPipeline::Segment => segment(token, out),
        }
        Some(())
    }

    /// The terms a query word (lower-cased) looks up: lunr's search pipeline.
    pub fn query_terms(&self, word: &str) -> Vec<String> {
        match self {
            TextPipeline::English => vec![stemmer::stem(word)],
            TextPipeline::Snowball(p) => vec![p.fold_and_stem(p.trim(word))],
            TextPipeline::Segment => {
                let mut out = Vec::new();
                segment(word, &mut out);
                out
            }
        }
    }

    /// What a wildcard term becomes before it is matched: lunr-languages' German and
    /// French plugins normalise it (`wildcardNormalizer-de`, `-fr`); no other does.
    pub fn normalize_wildcard(&self, term: &str) -> String {
        match self {
            TextPipeline::Snowball(p) if p.language.code == "de" => term
                .chars()
                .flat_map(|c| match c {
                    'ß' | 'ẞ' => "ss".chars().collect::<Vec<_>>(),
                    'ä' | 'Ä' => vec!['a'],
                    'ö' | 'Ö' => vec!['o'],
                    'ü' | 'Ü' => vec!['u'],
                    c => vec![c],
                })
                .collect(),
            TextPipeline::Snowball(p) if p.language.folds_accents => fold_french_accents(term),
            _ => term.to_string(),
        }
    }
}

impl SnowballPipeline {
    fn search_labels(&self) -> Vec<&str> {
        let [trimmer, stemmer] = &self.labels;
        if self.language.folds_accents {
            vec![trimmer.as_str(), "accentFold-fr", stemmer.as_str()]
        } else {
            vec![trimmer.as_str(), stemmer.as_str()]
        }
    }

    /// The plugin's trimmer: strips characters that are neither the language's word
    /// characters nor ASCII digits from both ends.
    fn trim<'t>(&self, token: &'t str) -> &'t str {
        let chars = self.language.word_characters;
        token.trim_matches(|c: char| !(c.is_ascii_digit() || chars.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))))
    }

    /// The plugin's stop-word filter (which compares the whole term).
    fn is_stop_word(&self, term: &str) -> bool {
        if term.is_empty() {
            return self.language.stop_words.starts_with('\n');
        }
        self.stop_words.binary_search(&term).is_ok()
    }

    fn fold_and_stem(&self, term: &str) -> String {
        if self.language.folds_accents {
            self.stemmer.stem(&fold_french_accents(term)).into_owned()
        } else {
            self.stemmer.stem(term).into_owned()
        }
    }
}

/// `lunr.fr.accentFoldTerm`.
fn fold_french_accents(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    for c in term.chars() {
        match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => out.push('a'),
            'ç' | 'Ç' => out.push('c'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => out.push('e'),
            'î' | 'ï' | 'Î' | 'Ï' => out.push('i'),
            'ô' | 'ö' | 'Ô' | 'Ö' => out.push('o'),
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => out.push('u'),
            'Ÿ' | 'ÿ' => out.push('y'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is written without spaces between words (Han, kana, halfwidth kana).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}' | '\u{20000}'..='\u{2FFFF}')
}

/// Splits a token into terms: each run of letters and digits (`char::is_alphanumeric`,
/// JavaScript's `[\p{Alphabetic}\p{N}]`) outside CJK is a term; each run of CJK characters
/// gives its overlapping pairs ("面接官" → "面接", "接官"), or itself when it is one
/// character. Everything else separates terms. The client's `segment` does the same.
pub fn segment(token: &str, out: &mut Vec<String>) {
    let mut run = String::new();
    let mut cjk: Vec<char> = Vec::new();
    let flush_cjk = |cjk: &mut Vec<char>, out: &mut Vec<String>| {
        match cjk.len() {
            0 => {}
            1 => out.push(cjk[0].to_string()),
            _ => out.extend(cjk.windows(2).map(|pair| pair.iter().collect::<String>())),
        }
        cjk.clear();
    };
    for c in token.chars() {
        if is_cjk(c) {
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            cjk.push(c);
        } else {
            flush_cjk(&mut cjk, out);
            if c.is_alphanumeric() {
                run.push(c);
            } else if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
    }
    flush_cjk(&mut cjk, out);
    if !run.is_empty() {
        out.push(run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(code: &str, token: &str) -> Option<Vec<String>> {
        let mut out = Vec::new();
        TextPipeline::for_language(code).0.index_terms(token, &mut out).map(|()| out)
    }

    #[test]
    fn german_trims_to_its_word_characters_drops_its_stop_words_and_stems() {
        assert_eq!(index("de", "„entwicklerinnen“,").unwrap(), ["entwicklerinn"]);
        assert_eq!(index("de", "über"), None);
        assert_eq!(index("de-AT", "häuser").unwrap(), ["haus"]);
        // Digits are word characters, as in lunr's own trimmer.
        assert_eq!(index("de", "(2024)").unwrap(), ["2024"]);
    }

    #[test]
    fn french_folds_accents_before_stemming_in_index_and_query() {
        assert_eq!(index("fr", "développeuse").unwrap(), TextPipeline::for_language("fr").0.query_terms("developpeuse"));
        assert_eq!(index("fr", "été"), None);
    }

    #[test]
    fn dutch_and_romanian_drop_the_empty_term_others_keep_it() {
        assert_eq!(index("nl", "…"), None);
        assert_eq!(index("ro", "—"), None);
        assert_eq!(index("de", "…").unwrap(), [""]);
    }

    #[test]
    fn cjk_runs_become_character_pairs_and_words_stay_whole() {
        let mut out = Vec::new();
        segment("go言語の面接、質問", &mut out);
        assert_eq!(out, ["go", "言語", "語の", "の面", "面接", "質問"]);
        out.clear();
        segment("日", &mut out);
        assert_eq!(out, ["日"]);
        out.clear();
        segment("«مرحبا»", &mut out);
        assert_eq!(out, ["مرحبا"]);
    }

    #[test]
    fn a_language_without_a_stemmer_is_segmented_with_a_warning_naming_it() {
        let (pipeline, warning) = TextPipeline::for_language("ar");
        assert_eq!(pipeline, TextPipeline::Segment);
        assert!(warning.unwrap().contains("\"ar\""));
        assert_eq!(TextPipeline::for_language("ja"), (TextPipeline::Segment, None));
        assert_eq!(TextPipeline::for_language("en-GB"), (TextPipeline::English, None));
    }

    #[test]
    fn labels_name_the_pipeline_both_ways() {
        for code in ["en", "de", "fr", "ja", "ru"] {
            let pipeline = TextPipeline::for_language(code).0;
            assert_eq!(TextPipeline::from_labels(&pipeline.search_labels()), Some(pipeline));
        }
        assert_eq!(TextPipeline::for_language("fr").0.search_labels(), ["trimmer-fr", "accentFold-fr", "stemmer-fr"]);
        assert_eq!(TextPipeline::from_labels(&["stemmer-xx"]), None);
    }

    #[test]
    fn stop_word_lists_are_sorted_for_binary_search() {
        for p in snowball_pipelines() {
            assert!(p.stop_words.windows(2).all(|w| w[0] < w[1]), "{}", p.language.code);
        }
    }
}
