//! The usual `##` headings of a role guide, in each language the guide knows them in: the
//! byline counts the entries of the question sections, and `guide check` looks for the
//! usual sections on every page whose language is listed here.
//!
//! A leaf module: rendering (the question count) and `guide check` (missing sections) read
//! it with a page's language code. `docs/i18n.md` says how to add a language.

/// A role guide's usual headings in one language.
struct Headings {
    /// The language code: `de` also serves `de-AT` and `de-CH`.
    code: &'static str,
    /// The usual sections, in their usual order; empty where no standard naming is set
    /// yet, so that `guide check` does not ask for English headings on such pages.
    usual: &'static [&'static str],
    /// Lower-case words whose presence in a heading makes it a section of questions
    /// (`Fragen im Erstgespräch`, `技術面接の質問`).
    question_words: &'static [&'static str],
}

/// Sorted by code. The usual sections are named as the starter guide names them.
const KNOWN: &[Headings] = &[
    Headings {
        code: "ar",
        usual: &[
            "أسئلة المقابلة الأولية",
            "أسئلة التقييم الفني",
            "الأسئلة السلوكية",
            "ما يبحث عنه مديرو التوظيف",
            "أخطاء شائعة",
        ],
        question_words: &["أسئلة", "سؤال"],
    },
    Headings {
        code: "de",
        usual: &[
            "Fragen im Erstgespräch",
            "Technische Fragen",
            "Verhaltensbasierte Fragen",
            "Worauf Hiring Manager achten",
            "Häufige Fehler",
        ],
        question_words: &["frage"],
    },
    Headings {
        code: "en",
        usual: &[
            "Initial Screening Questions",
            "Technical Assessment Questions",
            "Behavioral Questions",
            "What Hiring Managers Look For",
            "Common Pitfalls",
        ],
        question_words: &["question"],
    },
    Headings {
        code: "es",
        usual: &[],
        question_words: &["pregunta"],
    },
    Headings {
        code: "fr",
        usual: &[],
        question_words: &["question"],
    },
    Headings {
        code: "ja",
        usual: &[
            "一次面接の質問",
            "技術面接の質問",
            "行動面接の質問",
            "採用責任者が重視するポイント",
            "よくある失敗",
        ],
        question_words: &["質問", "設問"],
    },
    Headings {
        code: "nl",
        usual: &[],
        question_words: &["vraag", "vragen"],
    },
    Headings {
        code: "pt",
        usual: &[],
        question_words: &["pergunta"],
    },
    Headings {
        code: "zh",
        usual: &[],
        question_words: &["问题", "問題", "面试题", "面試題"],
    },
];

/// The headings of `language` (`de`, `de-AT`, `pt-BR`: the region is ignored), if known.
fn find(language: &str) -> Option<&'static Headings> {
    let primary = language.split(['-', '_']).next().unwrap_or(language).to_ascii_lowercase();
    KNOWN.iter().find(|h| h.code == primary)
}

/// The usual `##` sections of a role guide written in `language`, in their usual order;
/// `None` for a language whose section names the guide does not know.
pub fn usual_sections(language: &str) -> Option<&'static [&'static str]> {
    find(language).map(|h| h.usual).filter(|usual| !usual.is_empty())
}

/// Whether a `##` heading of a page in `language` opens a section of questions. The
/// English word counts in every language: a translation may keep an English heading,
/// and a language the guide does not know counts as it did before languages existed.
pub fn is_question_section(heading: &str, language: &str) -> bool {
    let heading = heading.to_lowercase();
    heading.contains("question") || find(language).is_some_and(|h| h.question_words.iter().any(|w| heading.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_sections_are_recognised_in_each_starter_language() {
        for (heading, language) in [
            ("Technical Assessment Questions", "en"),
            ("Technische Fragen", "de"),
            ("Fragen im Erstgespräch", "de-AT"),
            ("技術面接の質問", "ja"),
            ("الأسئلة السلوكية", "ar"),
            ("Preguntas técnicas", "es"),
            ("Technische vragen", "nl"),
            ("技术面试题", "zh"),
        ] {
            assert!(is_question_section(heading, language), "{heading} ({language})");
        }
    }

    #[test]
    fn other_sections_are_not_question_sections() {
        for (heading, language) in [
            ("Common Pitfalls", "en"),
            ("Häufige Fehler", "de"),
            ("Live-Coding-Aufgabe", "de"),
            ("よくある失敗", "ja"),
            ("أخطاء شائعة", "ar"),
            // A German word means nothing on a Japanese page.
            ("Fragen", "ja"),
        ] {
            assert!(!is_question_section(heading, language), "{heading} ({language})");
        }
    }

    #[test]
    fn an_english_question_heading_counts_in_any_language() {
        assert!(is_question_section("Behavioral Questions", "de"));
        assert!(is_question_section("Behavioral Questions", "sv"));
        assert!(!is_question_section("Beteendefrågor", "sv"));
    }

    #[test]
    fn usual_sections_are_known_where_the_starter_guide_names_them() {
        assert_eq!(usual_sections("en").map(<[_]>::len), Some(5));
        assert_eq!(usual_sections("en-US"), usual_sections("en"));
        assert_eq!(usual_sections("de").map(|u| u[1]), Some("Technische Fragen"));
        assert_eq!(usual_sections("ja").map(|u| u[0]), Some("一次面接の質問"));
        assert_eq!(usual_sections("ar").map(|u| u[4]), Some("أخطاء شائعة"));
        assert_eq!(usual_sections("fr"), None, "French names are not set yet");
        assert_eq!(usual_sections("sv"), None);
    }

    #[test]
    fn every_language_is_one_the_guide_knows_and_the_table_is_sorted() {
        assert!(KNOWN.windows(2).all(|w| w[0].code < w[1].code));
        for headings in KNOWN {
            assert!(crate::languages::find(headings.code).is_some(), "{}", headings.code);
            assert!(headings.question_words.iter().all(|w| *w == w.to_lowercase()));
            // A usual section's name is found again by the same comparison check uses.
            for name in headings.usual {
                assert_eq!(crate::content::role::fold_name(name), name.to_lowercase());
            }
        }
    }
}
