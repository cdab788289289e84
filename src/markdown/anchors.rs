//! The slug an anchor is made of. Latin, Greek and Cyrillic text is folded to ASCII as
//! `slug::slugify` does (`Häufige Fehler` → `haufige-fehler`), which also keeps the
//! anchors of a guide written before it had languages. Text in other scripts keeps its
//! letters (`一次面接の質問`, `أخطاء-شائعة`): their transliteration cannot be read back
//! (Japanese kanji come out in Chinese pinyin, Arabic without its vowels), and browsers
//! show and follow such ids as written, as GitHub and Hugo make them.

/// Whether `c` is a letter or digit kept as it is in a slug: one of a script past Greek,
/// Cyrillic and Armenian that is not a Latin, phonetic, letter-like or full-width form
/// (those fold to ASCII).
pub fn keeps_script(c: char) -> bool {
    let code = u32::from(c);
    c.is_alphanumeric()
        && code >= 0x0590
        && !matches!(
            code,
            0x1C80..=0x1CBF      // Cyrillic Extended-C, Georgian Extended
            | 0x1D00..=0x1FFF    // phonetic extensions, Latin Extended Additional, Greek Extended
            | 0x2000..=0x2BFF    // letter-like symbols, number forms, enclosed alphanumerics
            | 0x2C00..=0x2C7F    // Glagolitic, Latin Extended-C
            | 0x2DE0..=0x2DFF    // Cyrillic Extended-A
            | 0xA640..=0xA69F    // Cyrillic Extended-B
            | 0xA720..=0xA7FF    // Latin Extended-D
            | 0xAB30..=0xAB6F    // Latin Extended-E
            | 0xFB00..=0xFB06    // Latin ligatures
            | 0xFF00..=0xFF65    // full-width ASCII
            | 0x1D400..=0x1D7FF // mathematical letters and digits
        )
}

/// `text` as an anchor slug: lower case, words joined by `-`, no `-` at either end.
/// Runs of kept letters (see [`keeps_script`]) stay as written, everything else goes
/// through `slug::slugify`; a run of each kind is joined to the next by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let kept = rest.chars().next().is_some_and(keeps_script);
        let end = rest.find(|c: char| keeps_script(c) != kept).unwrap_or(rest.len());
        let (run, after) = rest.split_at(end);
        let slug = if kept {
            run.chars().flat_map(char::to_lowercase).collect()
        } else {
            slug::slugify(run)
        };
        if !slug.is_empty() {
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(&slug);
        }
        rest = after;
    }
    out
}

/// The longest start of `slug` of at most `max` bytes that ends between two words, or at
/// a character boundary when its first word is longer.
pub fn truncate(slug: &mut String, max: usize) {
    if slug.len() <= max {
        return;
    }
    let mut cut = max;
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = slug[..cut].rfind('-').filter(|&at| at > 0).unwrap_or(cut);
    slug.truncate(cut);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_greek_and_cyrillic_text_folds_as_before() {
        for text in [
            "How would you handle versioning of an API?",
            "Häufige Fehler: Größe & Maß",
            "¿Qué? C++ & Node.js",
            "Ωμέγα and Привет мир",
            "ＡＰＩ ｖ２ and ½ of Ⅻ",
            "Ǆemal ﬁle 𝐁old",
            "",
            "---",
        ] {
            assert_eq!(slugify(text), slug::slugify(text), "{text}");
        }
    }

    #[test]
    fn japanese_and_arabic_keep_their_letters() {
        assert_eq!(slugify("一次面接の質問"), "一次面接の質問");
        assert_eq!(
            slugify("APIのセキュリティをどのように確保していますか？"),
            "api-のセキュリティをどのように確保していますか"
        );
        assert_eq!(slugify("技術面接の質問（Go、SQL）"), "技術面接の質問-go-sql");
        assert_eq!(slugify("أخطاء شائعة"), "أخطاء-شائعة");
        assert_eq!(slugify("كيف تضمن أمان واجهات Go؟"), "كيف-تضمن-أمان-واجهات-go");
        assert_eq!(slugify("한국어 질문"), "한국어-질문");
    }

    #[test]
    fn kept_runs_are_lower_cased_and_separated_from_folded_ones() {
        assert_eq!(slugify("Docker と Kubernetes"), "docker-と-kubernetes");
        assert_eq!(slugify("「」、。"), "");
    }

    #[test]
    fn truncating_keeps_whole_characters_and_prefers_a_word_boundary() {
        let mut ascii = "abc-def-ghi".to_string();
        truncate(&mut ascii, 9);
        assert_eq!(ascii, "abc-def");
        let mut japanese = "シニアバックエンドエンジニア".to_string();
        truncate(&mut japanese, 10);
        assert_eq!(japanese, "シニア");
        let mut short = "ok".to_string();
        truncate(&mut short, 80);
        assert_eq!(short, "ok");
    }
}
