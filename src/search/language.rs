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
//!   Arabic too, though lunr.ar.js's own stemmer is not Snowball's ([`super::snowball`]).
//! - Every other language, Chinese and Japanese included, is segmented instead of stemmed
//!   ([`segment`]): words are runs of letters and digits, and a run of CJK characters
//!   becomes its overlapping character pairs, so a two-character query finds the page.
//!   Its label is `segment`; lunr.js needs that function registered to load the index
//!   (the compatibility test registers a JavaScript twin).

use std::sync::OnceLock;

use rust_stemmers::Stemmer;

use super::snowball::{SNOWBALL, Snowball};
use super::{pipeline, stemmer};

/// The label of the segmenting pipeline in a serialised index and the manifest.
pub const SEGMENT_LABEL: &str = "segment";

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

    /// The browser's stemmer for this language's queries (`scripts/build_stemmers.sh`):
    /// a WebAssembly module of [`super::snowball`] for a Snowball language, `None` for
    /// English (the client has lunr's stemmer) and segmented languages (the client has
    /// the segmenter).
    pub fn browser_stemmer(&self) -> Option<&'static [u8]> {
        let TextPipeline::Snowball(p) = self else { return None };
        macro_rules! modules {
            ($($code:literal),*) => {
                match p.language.code {
                    $($code => Some(include_bytes!(concat!("stemmers/", $code, ".wasm")).as_slice()),)*
                    _ => None,
                }
            };
        }
        modules!(
            "ar", "da", "de", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ro", "ru", "sv", "tr"
        )
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
                let trimmed = p.language.trim(token);
                if p.is_stop_word(trimmed) {
                    return None;
                }
                out.push(p.language.fold_and_stem(&p.stemmer, trimmed));
            }
            TextPipeline::Segment => segment(token, out),
        }
        Some(())
    }

    /// The terms a query word (lower-cased) looks up: lunr's search pipeline.
    pub fn query_terms(&self, word: &str) -> Vec<String> {
        match self {
            TextPipeline::English => vec![stemmer::stem(word)],
            TextPipeline::Snowball(p) => vec![p.language.query_term(&p.stemmer, word)],
            TextPipeline::Segment => {
                let mut out = Vec::new();
                segment(word, &mut out);
                out
            }
        }
    }

    /// What a wildcard term becomes before it is matched (see
    /// [`Snowball::normalize_wildcard`]); other pipelines keep it as written.
    pub fn normalize_wildcard(&self, term: &str) -> String {
        match self {
            TextPipeline::Snowball(p) => p.language.normalize_wildcard(term),
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

    /// The plugin's stop-word filter (which compares the whole term).
    fn is_stop_word(&self, term: &str) -> bool {
        if term.is_empty() {
            return self.language.stop_words.starts_with('\n');
        }
        self.stop_words.binary_search(&term).is_ok()
    }
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
        assert_eq!(
            index("fr", "développeuse").unwrap(),
            TextPipeline::for_language("fr").0.query_terms("developpeuse")
        );
        assert_eq!(index("fr", "été"), None);
    }

    #[test]
    fn dutch_romanian_and_arabic_drop_the_empty_term_others_keep_it() {
        assert_eq!(index("nl", "…"), None);
        assert_eq!(index("ar", "…"), None);
        assert_eq!(index("ro", "—"), None);
        assert_eq!(index("de", "…").unwrap(), [""]);
    }

    #[test]
    fn arabic_trims_to_its_letters_drops_its_stop_words_and_strips_prefixes() {
        let (arabic, warning) = TextPipeline::for_language("ar");
        assert!(warning.is_none());
        // "the server" and "for the orders": the article and the preposition go.
        assert_eq!(index("ar", "«الخادم»،").unwrap(), arabic.query_terms("خادم"));
        assert_eq!(index("ar", "للطلبات").unwrap(), arabic.query_terms("الطلبات"));
        assert_eq!(index("ar", "الذي"), None);
        assert_eq!(index("ar", "(2024)").unwrap(), ["2024"]);
    }

    /// lunr.ar's and lunr.ru's trimmers would drop these words (their word characters are
    /// their own script's letters); ours keep Latin letters in every language.
    #[test]
    fn arabic_and_russian_pages_index_their_latin_words() {
        // "Deploy with Kubernetes, «SQL» and NoSQL" in Arabic, "Deployment in Kubernetes (and
        // «SQL»)" in Russian.
        let terms = |code: &str, text: &str| -> Vec<String> {
            text.to_lowercase()
                .split_whitespace()
                .filter_map(|token| index(code, token))
                .flatten()
                .collect()
        };
        let arabic = terms("ar", "انشر باستخدام Kubernetes، «SQL»، وNoSQL.");
        // "وNoSQL", "and NoSQL": the conjunction is joined to the word, and the stemmer takes it off.
        for word in ["kubernetes", "sql", "nosql"] {
            assert!(arabic.iter().any(|t| t == word), "{word}: {arabic:?}");
        }
        let russian = terms("ru", "Развёртывание в Kubernetes (и «SQL»).");
        for word in ["kubernetes", "sql"] {
            assert!(russian.iter().any(|t| t == word), "{word}: {russian:?}");
        }
        // The query finds them: the same term, and Latin letters beyond ASCII are kept whole.
        for code in ["ar", "ru"] {
            let pipeline = TextPipeline::for_language(code).0;
            assert_eq!(pipeline.query_terms("kubernetes"), ["kubernetes"], "{code}");
            assert_eq!(index(code, "«café»").unwrap(), pipeline.query_terms("café"), "{code}");
            assert_eq!(pipeline.query_terms("café"), ["café"], "{code}");
            assert_eq!(index(code, "(ångström)").unwrap(), ["ångström"], "{code}");
        }
        // The scripts' own words are stemmed as before.
        assert_eq!(
            index("ru", "«серверы»,").unwrap(),
            TextPipeline::for_language("ru").0.query_terms("сервер")
        );
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
        let (pipeline, warning) = TextPipeline::for_language("ko");
        assert_eq!(pipeline, TextPipeline::Segment);
        assert!(warning.unwrap().contains("\"ko\""));
        assert_eq!(TextPipeline::for_language("ja"), (TextPipeline::Segment, None));
        assert_eq!(TextPipeline::for_language("en-GB"), (TextPipeline::English, None));
    }

    #[test]
    fn labels_name_the_pipeline_both_ways() {
        for code in ["en", "de", "fr", "ja", "ru", "ar"] {
            let pipeline = TextPipeline::for_language(code).0;
            assert_eq!(TextPipeline::from_labels(&pipeline.search_labels()), Some(pipeline));
        }
        assert_eq!(
            TextPipeline::for_language("fr").0.search_labels(),
            ["trimmer-fr", "accentFold-fr", "stemmer-fr"]
        );
        assert_eq!(TextPipeline::from_labels(&["stemmer-xx"]), None);
    }

    #[test]
    fn every_snowball_language_has_its_browser_stemmer() {
        for language in SNOWBALL.iter() {
            let module = TextPipeline::for_language(language.code).0.browser_stemmer();
            // A WebAssembly module starts with "\0asm".
            assert!(module.is_some_and(|m| m.starts_with(b"\0asm")), "{}", language.code);
        }
        assert!(TextPipeline::English.browser_stemmer().is_none() && TextPipeline::Segment.browser_stemmer().is_none());
    }

    #[test]
    fn stop_word_lists_are_sorted_for_binary_search() {
        for p in snowball_pipelines() {
            assert!(p.stop_words.windows(2).all(|w| w[0] < w[1]), "{}", p.language.code);
        }
    }
}
