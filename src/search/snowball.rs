//! The Snowball languages as the lunr-languages plugins define them: each one's stemmer,
//! stop words, word characters and accent folding. Shared, as source, by the build
//! ([`super::language`]) and the browser's stemmers (`stemmer-wasm/`, compiled to
//! WebAssembly), so that a query's word is stemmed the same way in both. It depends on
//! nothing but `rust-stemmers`.

use rust_stemmers::{Algorithm, Stemmer};

/// A Snowball language as its lunr-languages plugin defines it.
pub struct Snowball {
    pub code: &'static str,
    pub algorithm: Algorithm,
    /// One stop word a line, sorted; an empty first line makes the empty term a stop word
    /// (lunr-languages' Dutch and Romanian lists contain "", a quirk of their `split(' ')`).
    pub stop_words: &'static str,
    word_characters: &'static [(char, char)],
    /// French folds accents after the stop words and before the stemmer (`accentFold-fr`).
    pub folds_accents: bool,
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

/// `lunr.ar.wordCharacters`, and [`LATIN`] (see [`SNOWBALL`]).
const ARABIC: [(char, char); ARABIC_LETTERS.len() + LATIN.len()] = concat(ARABIC_LETTERS, LATIN);
const ARABIC_LETTERS: &[(char, char)] = &[('\u{621}', '\u{65B}'), ('\u{671}', '\u{671}'), ('\u{640}', '\u{640}')];

/// `lunr.ru.wordCharacters`, and [`LATIN`] (see [`SNOWBALL`]).
const CYRILLIC: [(char, char); CYRILLIC_LETTERS.len() + LATIN.len()] = concat(CYRILLIC_LETTERS, LATIN);
const CYRILLIC_LETTERS: &[(char, char)] = &[
    ('\u{400}', '\u{484}'),
    ('\u{487}', '\u{52F}'),
    ('\u{1D2B}', '\u{1D2B}'),
    ('\u{1D78}', '\u{1D78}'),
    ('\u{2DE0}', '\u{2DFF}'),
    ('\u{A640}', '\u{A69F}'),
    ('\u{FE2E}', '\u{FE2F}'),
];

/// Two tables of ranges as one, made at compile time: a table of tables, read at run time,
/// kept the whole [`SNOWBALL`] array alive in each WebAssembly stemmer (every language's stop
/// words, 24 KB more per module).
const fn concat<const N: usize>(a: &[(char, char)], b: &[(char, char)]) -> [(char, char); N] {
    let mut out = [('\0', '\0'); N];
    let mut i = 0;
    while i < N {
        out[i] = if i < a.len() { a[i] } else { b[i - a.len()] };
        i += 1;
    }
    out
}

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

/// The languages that `rust-stemmers` stems with Snowball and lunr-languages has a
/// plugin for. All but Arabic are stemmed with Snowball by the plugin too; `lunr.ar.js`
/// has its own light stemmer, so Arabic takes the plugin's word characters and stop
/// words but Snowball's Arabic stemmer (see docs/search.md).
///
/// lunr.ar's and lunr.ru's word characters are their own script's letters only, so their
/// trimmers drop a word written in Latin letters ("Kubernetes", "SQL") from the index and
/// from the query. Interview guides in every language are full of such terms, so Arabic and
/// Russian keep `LATIN` too: the word characters of every Latin-script plugin, so that a
/// Latin word is trimmed on an Arabic page as on a German one (a deliberate difference from
/// those two plugins; lunr-languages' own Greek, Hebrew and Hindi plugins add `A-Za-z` the
/// same way). Every other language here is written in Latin script already.
pub const SNOWBALL: [Snowball; 15] = [
    snowball!("ar", Arabic, &ARABIC),
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
    snowball!("ru", Russian, &CYRILLIC),
    snowball!("sv", Swedish, LATIN),
    snowball!("tr", Turkish, LATIN),
];

/// The Snowball language of a primary language code (`de`), if any. A `const fn`, so
/// that a WebAssembly stemmer built for one language links only that stemmer.
pub const fn find(code: &str) -> Option<&'static Snowball> {
    let mut i = 0;
    while i < SNOWBALL.len() {
        let known = SNOWBALL[i].code.as_bytes();
        let wanted = code.as_bytes();
        if known.len() == wanted.len() {
            let mut j = 0;
            while j < known.len() && known[j] == wanted[j] {
                j += 1;
            }
            if j == known.len() {
                return Some(&SNOWBALL[i]);
            }
        }
        i += 1;
    }
    None
}

impl Snowball {
    /// The plugin's trimmer: strips characters that are neither the language's word
    /// characters nor ASCII digits from both ends.
    pub fn trim<'t>(&self, token: &'t str) -> &'t str {
        let chars = self.word_characters;
        token.trim_matches(|c: char| !(c.is_ascii_digit() || chars.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))))
    }

    /// The plugin's accent folding (French only) and stemmer, after the trimmer and the
    /// stop words.
    pub fn fold_and_stem(&self, stemmer: &Stemmer, term: &str) -> String {
        if self.folds_accents {
            stemmer.stem(&fold_french_accents(term)).into_owned()
        } else {
            stemmer.stem(term).into_owned()
        }
    }

    /// What a wildcard term (`häu*`) becomes before it is matched: lunr-languages' German
    /// and French plugins normalise it (`wildcardNormalizer-de`, `-fr`) as their stemmers
    /// normalise words; no other plugin does.
    pub fn normalize_wildcard(&self, term: &str) -> String {
        if self.folds_accents {
            return fold_french_accents(term);
        }
        if self.code != "de" {
            return term.to_string();
        }
        let mut out = String::with_capacity(term.len());
        for c in term.chars() {
            match c {
                'ß' | 'ẞ' => out.push_str("ss"),
                'ä' | 'Ä' => out.push('a'),
                'ö' | 'Ö' => out.push('o'),
                'ü' | 'Ü' => out.push('u'),
                c => out.push(c),
            }
        }
        out
    }

    /// The plugin's search pipeline on a query's word: trimmer, folding, stemmer.
    pub fn query_term(&self, stemmer: &Stemmer, word: &str) -> String {
        self.fold_and_stem(stemmer, self.trim(word))
    }
}

/// `lunr.fr.accentFoldTerm`.
pub fn fold_french_accents(term: &str) -> String {
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
