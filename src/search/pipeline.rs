//! lunr.js 2.3.9's text pipeline: tokenizer, trimmer and stop-word filter.
//!
//! Every function here mirrors a JavaScript behaviour exactly, because a term
//! that we index differently from lunr.js is a term that lunr.js (or our own
//! client) can never find. The JavaScript quirks are kept on purpose and are
//! named in each doc comment.

use std::cmp::Ordering;

/// lunr's English stop words (`lib/stop_word_filter.js`), sorted so that
/// membership is a binary search.
const STOP_WORDS: [&str; 119] = [
    "a", "able", "about", "across", "after", "all", "almost", "also", "am", "among", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "but", "by", "can", "cannot", "could", "dear", "did", "do", "does", "either", "else", "ever", "every", "for",
    "from", "get", "got", "had", "has", "have", "he", "her", "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it",
    "its", "just", "least", "let", "like", "likely", "may", "me", "might", "most", "must", "my", "neither", "no", "nor", "not", "of",
    "off", "often", "on", "only", "or", "other", "our", "own", "rather", "said", "say", "says", "she", "should", "since", "so", "some",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "tis", "to", "too", "twas", "us", "wants", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your",
];

/// Whether `c` matches JavaScript's `\s`: ECMAScript WhiteSpace plus
/// LineTerminator. It differs from `char::is_whitespace` (JS has U+FEFF but
/// not U+0085), and the tokenizer must split exactly where lunr.js splits.
pub fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// Whether `c` matches lunr's token separator `/[\s\-]+/`.
pub fn is_separator(c: char) -> bool {
    c == '-' || is_js_whitespace(c)
}

/// Splits already lower-cased text into tokens the way `lunr.tokenizer` does:
/// on runs of JS whitespace and hyphens, dropping empty slices.
pub fn split_tokens(lowercased: &str) -> Tokens<'_> {
    Tokens { text: lowercased, pos: 0 }
}

/// Iterator over the tokens of a string (see [`split_tokens`]). It scans
/// bytes and decodes a character only at non-ASCII bytes, because the
/// tokenizer sees every byte of every document.
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

/// Byte classes for the tokenizer: ASCII separators, other ASCII, and
/// bytes of non-ASCII characters (which need decoding).
const ASCII_SEPARATOR: u8 = 1;
const NON_ASCII: u8 = 2;
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0x80;
    while b < 256 {
        table[b] = NON_ASCII;
        b += 1;
    }
    let separators = [b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ', b'-'];
    let mut i = 0;
    while i < separators.len() {
        table[separators[i] as usize] = ASCII_SEPARATOR;
        i += 1;
    }
    table
};

impl<'a> Tokens<'a> {
    /// Decodes the non-ASCII character at byte `i` (a char boundary):
    /// whether it separates tokens, and its length in bytes.
    #[cold]
    fn non_ascii_at(&self, i: usize) -> (bool, usize) {
        match self.text.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) => (is_js_whitespace(c), c.len_utf8()),
            None => (false, 1),
        }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        // Skip separators.
        while i < bytes.len() {
            match BYTE_CLASS[usize::from(bytes[i])] {
                ASCII_SEPARATOR => i += 1,
                NON_ASCII => match self.non_ascii_at(i) {
                    (true, width) => i += width,
                    (false, _) => break,
                },
                _ => break,
            }
        }
        let start = i;
        // Take everything up to the next separator.
        while i < bytes.len() {
            match BYTE_CLASS[usize::from(bytes[i])] {
                ASCII_SEPARATOR => break,
                NON_ASCII => match self.non_ascii_at(i) {
                    (true, _) => break,
                    (false, width) => i += width,
                },
                _ => i += 1,
            }
        }
        self.pos = i;
        (start < i).then(|| &self.text[start..i])
    }
}

/// Lower-cases like JavaScript's `String.prototype.toLowerCase` (full Unicode
/// mapping with the final-sigma rule), with a cheap path for ASCII text.
pub fn js_lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    js_lowercase_into(text, &mut out);
    out
}

/// [`js_lowercase`] into a reused buffer (the builder lower-cases every
/// field of every document).
pub fn js_lowercase_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

/// Whether `c` is a JavaScript `\w` character (`[A-Za-z0-9_]`, ASCII only).
fn is_js_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `lunr.trimmer`: strips leading and trailing non-`\w` characters. Because
/// `\w` is ASCII-only, "café" becomes "caf" and CJK text becomes "", which
/// lunr still keeps as a (never searchable) term.
pub fn trim_token(token: &str) -> &str {
    let bytes = token.as_bytes();
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    if bytes.first().is_some_and(is_word) && bytes.last().is_some_and(is_word) {
        return token;
    }
    token.trim_matches(|c: char| !is_js_word_char(c))
}

/// `lunr.stopWordFilter`: whether the (trimmed) token is dropped.
pub fn is_stop_word(token: &str) -> bool {
    token.len() <= 7 && STOP_WORDS.binary_search(&token).is_ok()
}

/// Compares two strings by UTF-16 code units, like JavaScript's default
/// `Array.prototype.sort`, which lunr uses to order the serialised terms.
/// UTF-8 byte order differs for characters above U+FFFF versus
/// U+E000..U+FFFF, so a plain `str::cmp` would make lunr.js refuse the index.
pub fn cmp_utf16(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Whether a JavaScript object key is an array index ("0", "17", not "017"
/// or "4294967295"). Such keys are enumerated first, in numeric order, by
/// `Object.keys` and `JSON.stringify`, whatever their insertion order.
pub fn is_array_index(key: &str) -> bool {
    let bytes = key.as_bytes();
    if bytes.is_empty() || bytes.len() > 10 || !bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if bytes.len() > 1 && bytes[0] == b'0' {
        return false;
    }
    key.parse::<u64>().is_ok_and(|n| n < u64::from(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        split_tokens(&js_lowercase(text)).map(|t| trim_token(t).to_string()).collect()
    }

    #[test]
    fn stop_words_are_lunrs_119_sorted_words() {
        assert_eq!(STOP_WORDS.len(), 119);
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("the") && is_stop_word("your") && is_stop_word("a"));
        assert!(!is_stop_word("node") && !is_stop_word("") && !is_stop_word("constructor"));
    }

    #[test]
    fn tokenizer_splits_on_js_whitespace_and_hyphens() {
        assert_eq!(tokens("Foo-bar  baz\u{3000}qux\u{FEFF}x"), ["foo", "bar", "baz", "qux", "x"]);
        // U+0085 is not `\s` in JavaScript, so it stays inside the token (and
        // is then trimmed away as a non-word character).
        assert_eq!(tokens("a\u{85}b"), ["a\u{85}b"]);
        assert_eq!(tokens("--- \n\t"), Vec::<String>::new());
    }

    #[test]
    fn trimmer_strips_ascii_non_word_characters_only() {
        assert_eq!(trim_token("café"), "caf");
        assert_eq!(trim_token("naïve"), "naïve");
        assert_eq!(trim_token("node.js"), "node.js");
        assert_eq!(trim_token("c++"), "c");
        assert_eq!(trim_token("(hello)!"), "hello");
        assert_eq!(trim_token("日本語"), "");
        assert_eq!(trim_token("&"), "");
        assert_eq!(trim_token("_x_"), "_x_");
    }

    #[test]
    fn lowercase_follows_javascript_including_final_sigma() {
        assert_eq!(js_lowercase("ΟΔΟΣ"), "οδος");
        assert_eq!(js_lowercase("Café NAÏVE"), "café naïve");
        assert_eq!(js_lowercase("İ").encode_utf16().count(), 2);
    }

    #[test]
    fn utf16_order_differs_from_byte_order_above_the_bmp() {
        // U+1F600 (emoji) is a surrogate pair 0xD83D.. which sorts before U+FF01.
        assert_eq!(cmp_utf16("\u{1F600}", "\u{FF01}"), Ordering::Less);
        assert_eq!("\u{1F600}".cmp("\u{FF01}"), Ordering::Greater);
        assert_eq!(cmp_utf16("abc", "abd"), Ordering::Less);
        assert_eq!(cmp_utf16("é", "z"), Ordering::Greater);
    }

    #[test]
    fn array_index_keys_match_javascript() {
        assert!(is_array_index("0") && is_array_index("42") && is_array_index("4294967294"));
        assert!(!is_array_index("042") && !is_array_index("4294967295"));
        assert!(!is_array_index("") && !is_array_index("/a") && !is_array_index("-1"));
    }
}
