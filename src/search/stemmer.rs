//! A port of `lunr.stemmer` (lunr.js 2.3.9): Martin Porter's original 1980
//! algorithm as in the tartarus.org JavaScript version, quirks included.
//!
//! lunr.js expresses each step as a regular expression over UTF-16 code
//! units. This port works on code units too (a word's length, the doubled
//! consonant check and "remove the last character" all count code units) and
//! replaces each regular expression by the scan it is equivalent to; the
//! comment on each helper names the expression it stands for. Differences
//! from other Porter implementations that lunr has and we keep:
//! `bli -> ble` and `logi -> log` in step 2, words under 3 code units are
//! untouched, a leading `y` is treated as a consonant, step 1c turns a final
//! `y` into `i` only after a non-vowel, and the lazy `^(.+?)` of each suffix
//! rule picks the longest listed suffix that leaves a non-empty stem.

/// Step 2 suffixes and their replacements (`step2list`).
const STEP2: [(&[u8], &[u8]); 21] = [
    (b"ational", b"ate"),
    (b"tional", b"tion"),
    (b"enci", b"ence"),
    (b"anci", b"ance"),
    (b"izer", b"ize"),
    (b"bli", b"ble"),
    (b"alli", b"al"),
    (b"entli", b"ent"),
    (b"eli", b"e"),
    (b"ousli", b"ous"),
    (b"ization", b"ize"),
    (b"ation", b"ate"),
    (b"ator", b"ate"),
    (b"alism", b"al"),
    (b"iveness", b"ive"),
    (b"fulness", b"ful"),
    (b"ousness", b"ous"),
    (b"aliti", b"al"),
    (b"iviti", b"ive"),
    (b"biliti", b"ble"),
    (b"logi", b"log"),
];

/// Step 3 suffixes and their replacements (`step3list`).
const STEP3: [(&[u8], &[u8]); 7] = [
    (b"icate", b"ic"),
    (b"ative", b""),
    (b"alize", b"al"),
    (b"iciti", b"ic"),
    (b"ical", b"ic"),
    (b"ful", b""),
    (b"ness", b""),
];

/// Step 4 suffixes (`re_4`); each is removed when the stem has m > 1.
const STEP4: [&[u8]; 18] = [
    b"al", b"ance", b"ence", b"er", b"ic", b"able", b"ible", b"ant", b"ement", b"ment", b"ent", b"ou", b"ism", b"ate", b"iti", b"ous",
    b"ive", b"ize",
];

/// Stems one lower-cased term exactly like `lunr.stemmer`.
pub fn stem(word: &str) -> String {
    let mut out = String::new();
    stem_into(word, &mut Vec::new(), &mut out);
    out
}

/// [`stem`] into `out`, using `units` as scratch space, so that a caller
/// stemming many words allocates nothing per word.
pub fn stem_into(word: &str, units: &mut Vec<u16>, out: &mut String) {
    out.clear();
    if word.len() < 3 {
        // Fewer than 3 bytes means fewer than 3 UTF-16 code units too.
        out.push_str(word);
        return;
    }
    units.clear();
    units.extend(word.encode_utf16());
    stem_units(units);
    // Every step removes or appends ASCII letters only, so the result is
    // well-formed UTF-16 and the replacement character never appears.
    out.extend(char::decode_utf16(units.iter().copied()).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
}

/// Runs the algorithm in place on UTF-16 code units.
pub fn stem_units(w: &mut Vec<u16>) {
    if w.len() < 3 {
        return;
    }
    let starts_with_y = w[0] == u16::from(b'y');
    if starts_with_y {
        // lunr upper-cases a leading y so that it counts as a consonant.
        w[0] = u16::from(b'Y');
    }
    step1a(w);
    step1b(w);
    step1c(w);
    replace_suffix_if_m_positive(w, &STEP2);
    replace_suffix_if_m_positive(w, &STEP3);
    step4(w);
    step5(w);
    if starts_with_y {
        w[0] = u16::from(b'y');
    }
}

/// `[aeiou]`: the vowels of the consonant class `c = [^aeiou]`.
fn is_aeiou(c: u16) -> bool {
    matches!(u8::try_from(c), Ok(b'a' | b'e' | b'i' | b'o' | b'u'))
}

/// `[aeiouy]`: the vowel class `v`.
fn is_aeiouy(c: u16) -> bool {
    is_aeiou(c) || c == u16::from(b'y')
}

/// Characters that JavaScript's `.` does not match.
fn is_line_terminator(c: u16) -> bool {
    matches!(c, 0x0A | 0x0D | 0x2028 | 0x2029)
}

/// Whether `s` can be matched by `.+?` / `.*` (no line terminators).
fn dot_matches(s: &[u16]) -> bool {
    !s.iter().copied().any(is_line_terminator)
}

/// Whether `w` ends with the ASCII `suffix`.
fn ends_with(w: &[u16], suffix: &[u8]) -> bool {
    w.len() >= suffix.len() && w[w.len() - suffix.len()..].iter().zip(suffix).all(|(&a, &b)| a == u16::from(b))
}

/// Appends ASCII text.
fn push_ascii(w: &mut Vec<u16>, text: &[u8]) {
    w.extend(text.iter().map(|&b| u16::from(b)));
}

/// `w.replace(/.$/, "")`: drops the last code unit unless it is a line
/// terminator (which `.` does not match).
fn drop_last(w: &mut Vec<u16>) {
    if w.last().is_some_and(|&c| !is_line_terminator(c)) {
        w.pop();
    }
}

/// Index of the first code unit at or after `from` that satisfies `pred`.
fn find_from(s: &[u16], from: usize, pred: fn(u16) -> bool) -> Option<usize> {
    s.get(from..)?.iter().position(|&c| pred(c)).map(|i| i + from)
}

/// The number of VC pairs that a prefix of `s` can show, capped at 2:
/// `mgr0 = ^([C])?VC` holds when it is at least 1, `mgr1 = ^([C])?VCVC`
/// when it is 2. The first vowel run starts at the first `[aeiouy]`; each
/// later run boundary is forced by the character classes, so one scan
/// decides both patterns.
fn vc_pairs(s: &[u16]) -> u8 {
    let not_aeiou = |c: u16| !is_aeiou(c);
    let Some(v1) = find_from(s, 0, is_aeiouy) else {
        return 0;
    };
    let Some(c1) = find_from(s, v1 + 1, not_aeiou) else {
        return 0;
    };
    let Some(v2) = find_from(s, c1 + 1, is_aeiouy) else {
        return 1;
    };
    match find_from(s, v2 + 1, not_aeiou) {
        Some(_) => 2,
        None => 1,
    }
}

/// `mgr0`: the stem has measure m > 0.
fn m_gt_0(s: &[u16]) -> bool {
    vc_pairs(s) >= 1
}

/// `mgr1`: the stem has measure m > 1.
fn m_gt_1(s: &[u16]) -> bool {
    vc_pairs(s) >= 2
}

/// `meq1 = ^([C])?VC(V)?$`: the whole stem is [C]VC[V]. The optional
/// leading consonant group allows two starts for the first vowel run (at 0
/// when `s[0]` is in `[aeiouy]`, or at the first `[aeiouy]` after index 0
/// when `s[0]` is a consonant), so both are tried.
fn m_eq_1(s: &[u16]) -> bool {
    let Some(&first) = s.first() else {
        return false;
    };
    let from_start = is_aeiouy(first).then_some(0);
    let after_consonant = if is_aeiou(first) { None } else { find_from(s, 1, is_aeiouy) };
    [from_start, after_consonant]
        .into_iter()
        .flatten()
        .any(|v| vc_then_optional_v_to_end(s, v))
}

/// From a vowel run starting at `v`: one consonant run, then optionally one
/// vowel run, then the end of the string.
fn vc_then_optional_v_to_end(s: &[u16], v: usize) -> bool {
    let Some(c) = find_from(s, v + 1, |c| !is_aeiou(c)) else {
        return false;
    };
    match find_from(s, c + 1, is_aeiouy) {
        None => true,
        Some(v2) => s[v2 + 1..].iter().all(|&c| is_aeiou(c)),
    }
}

/// `^C v [^aeiouwxy]$` (`re4_1b_2`, `re3_5`): a short syllable making up the
/// whole stem, e.g. "hop" or "fil".
fn is_cvc_word(s: &[u16]) -> bool {
    let n = s.len();
    if n < 3 || is_aeiou(s[0]) {
        return false;
    }
    let last = s[n - 1];
    let last_ok = !(is_aeiouy(last) || last == u16::from(b'w') || last == u16::from(b'x'));
    last_ok && is_aeiouy(s[n - 2]) && s[1..n - 2].iter().all(|&c| !is_aeiouy(c))
}

/// Step 1a: `^(.+?)(ss|i)es$` drops "es"; otherwise `^(.+?)([^s])s$` drops
/// the final "s".
fn step1a(w: &mut Vec<u16>) {
    let n = w.len();
    let sses = n >= 5 && ends_with(w, b"sses") && dot_matches(&w[..n - 4]);
    let ies = n >= 4 && ends_with(w, b"ies") && dot_matches(&w[..n - 3]);
    if sses || ies {
        w.truncate(n - 2);
    } else if n >= 3 && ends_with(w, b"s") && w[n - 2] != u16::from(b's') && dot_matches(&w[..n - 2]) {
        w.truncate(n - 1);
    }
}

/// Step 1b: "eed" -> "ee" when m > 0; otherwise "ed"/"ing" are removed when
/// the stem has a vowel, followed by the at/bl/iz, double consonant and
/// short-syllable fixes.
fn step1b(w: &mut Vec<u16>) {
    let n = w.len();
    if n >= 4 && ends_with(w, b"eed") && dot_matches(&w[..n - 3]) {
        if m_gt_0(&w[..n - 3]) {
            drop_last(w);
        }
        return;
    }
    let suffix_len = if n >= 3 && ends_with(w, b"ed") {
        2
    } else if n >= 4 && ends_with(w, b"ing") {
        3
    } else {
        return;
    };
    let stem = &w[..n - suffix_len];
    if !dot_matches(stem) || !stem.iter().copied().any(is_aeiouy) {
        return;
    }
    w.truncate(n - suffix_len);
    if ends_with(w, b"at") || ends_with(w, b"bl") || ends_with(w, b"iz") {
        push_ascii(w, b"e");
    } else if ends_in_double_consonant(w) {
        drop_last(w);
    } else if is_cvc_word(w) {
        push_ascii(w, b"e");
    }
}

/// `([^aeiouylsz])\1$`: ends in a doubled consonant other than l, s or z.
fn ends_in_double_consonant(w: &[u16]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && {
        let c = w[n - 1];
        !is_aeiouy(c) && !matches!(u8::try_from(c), Ok(b'l' | b's' | b'z'))
    }
}

/// Step 1c: `^(.+?[^aeiou])y$` turns the final "y" into "i".
fn step1c(w: &mut [u16]) {
    let n = w.len();
    if n >= 3 && w[n - 1] == u16::from(b'y') && !is_aeiou(w[n - 2]) && dot_matches(&w[..n - 2]) {
        w[n - 1] = u16::from(b'i');
    }
}

/// The stem length chosen by `^(.+?)(suffix1|suffix2|...)$`: the lazy
/// `.+?` takes the shortest non-empty stem, i.e. the longest listed suffix.
fn lazy_stem_len<'a>(w: &[u16], suffixes: impl Iterator<Item = &'a [u8]> + Clone) -> Option<(usize, &'a [u8])> {
    let n = w.len();
    let last = *w.last()?;
    // Checking the last letter first rules out most suffixes cheaply.
    let longest = suffixes
        .filter(|s| s.last().is_some_and(|&b| u16::from(b) == last) && s.len() < n && ends_with(w, s))
        .max_by_key(|s| s.len())?;
    let stem_len = n - longest.len();
    dot_matches(&w[..stem_len]).then_some((stem_len, longest))
}

/// Steps 2 and 3: replace the longest listed suffix when the stem has m > 0.
fn replace_suffix_if_m_positive(w: &mut Vec<u16>, list: &[(&[u8], &[u8])]) {
    let Some((stem_len, suffix)) = lazy_stem_len(w, list.iter().map(|(s, _)| *s)) else {
        return;
    };
    if m_gt_0(&w[..stem_len]) {
        let replacement = list.iter().find(|(s, _)| *s == suffix).map_or(&b""[..], |(_, r)| *r);
        w.truncate(stem_len);
        push_ascii(w, replacement);
    }
}

/// Step 4: drop a listed suffix when m > 1; otherwise (only when no listed
/// suffix matched) `^(.+?)(s|t)(ion)$` drops "ion" when m > 1.
fn step4(w: &mut Vec<u16>) {
    if let Some((stem_len, _)) = lazy_stem_len(w, STEP4.iter().copied()) {
        if m_gt_1(&w[..stem_len]) {
            w.truncate(stem_len);
        }
        return;
    }
    let n = w.len();
    if n >= 5 && (ends_with(w, b"sion") || ends_with(w, b"tion")) && dot_matches(&w[..n - 4]) && m_gt_1(&w[..n - 3]) {
        w.truncate(n - 3);
    }
}

/// Step 5: drop a final "e" when m > 1, or when m = 1 and the stem is not a
/// short syllable; then "ll" -> "l" when m > 1.
fn step5(w: &mut Vec<u16>) {
    let n = w.len();
    if n >= 2 && ends_with(w, b"e") && dot_matches(&w[..n - 1]) {
        let stem = &w[..n - 1];
        if m_gt_1(stem) || (m_eq_1(stem) && !is_cvc_word(stem)) {
            w.truncate(n - 1);
        }
    }
    if ends_with(w, b"ll") && m_gt_1(w) {
        drop_last(w);
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn classic_porter_examples() {
        let cases = [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "ti"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("conflated", "conflat"),
            ("troubled", "troubl"),
            ("sized", "size"),
            ("hopping", "hop"),
            ("falling", "fall"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("triplicate", "triplic"),
            ("revival", "reviv"),
            ("adjustment", "adjust"),
            ("controlling", "control"),
            ("generalizations", "gener"),
            ("oscillators", "oscil"),
        ];
        for (word, expected) in cases {
            assert_eq!(stem(word), expected, "stem({word})");
        }
    }

    #[test]
    fn lunr_quirks_are_kept() {
        // Step 1c only after a consonant: "delay" keeps its y.
        assert_eq!(stem("delay"), "delay");
        assert_eq!(stem("pay"), "pay");
        // bli -> ble and logi -> log (departures from the 1980 paper).
        assert_eq!(stem("possibly"), "possibl");
        assert_eq!(stem("archaeology"), "archaeolog");
        // "agreement" keeps its stem: m("agre") is 1.
        assert_eq!(stem("agreement"), "agreement");
        // Short words and a leading y.
        assert_eq!(stem("is"), "is");
        assert_eq!(stem("yes"), "ye");
        assert_eq!(stem("yelling"), "yell");
        // Punctuation and non-ASCII survive as consonants.
        assert_eq!(stem("node.js"), "node.j");
        assert_eq!(stem("c++"), "c++");
        assert_eq!(stem("naïve"), "naïv");
        assert_eq!(stem(""), "");
    }

    #[test]
    fn code_units_not_characters_are_counted() {
        // After "ing" is removed, "a😀😀" ends in two equal characters but
        // not in two equal code units (0xD83D 0xDE00 0xD83D 0xDE00), so
        // lunr does not treat it as a doubled consonant. (Checked against
        // lunr.js under Node.)
        assert_eq!(stem("a😀😀ing"), "a😀😀");
        // One emoji is two code units, so "a😀" has length 3 in JavaScript.
        assert_eq!(stem("a😀"), "a😀");
    }
}
