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
    /// Subtags (lower case) of a language tag whose pages are written otherwise, so that
    /// the usual sections are not asked for there: Chinese in traditional characters.
    usual_not_for: &'static [&'static str],
    /// Lower-case words whose presence in a heading makes it a section of questions
    /// (`Fragen im Erstgespräch`, `技術面接の質問`).
    question_words: &'static [&'static str],
}

/// Sorted by code. The usual sections are named as the starter guide names them (en, de, ja,
/// ar) and as a writer of each other language would head them.
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
        usual_not_for: &[],
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
        usual_not_for: &[],
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
        usual_not_for: &[],
        question_words: &["question"],
    },
    Headings {
        code: "es",
        usual: &[
            "Preguntas de la entrevista inicial",
            "Preguntas técnicas",
            "Preguntas de comportamiento",
            "Lo que buscan los responsables de contratación",
            "Errores comunes",
        ],
        usual_not_for: &[],
        question_words: &["pregunta"],
    },
    Headings {
        code: "fr",
        usual: &[
            "Questions de présélection",
            "Questions techniques",
            "Questions comportementales",
            "Ce que recherchent les responsables du recrutement",
            "Erreurs fréquentes",
        ],
        usual_not_for: &[],
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
        usual_not_for: &[],
        question_words: &["質問", "設問"],
    },
    Headings {
        code: "nl",
        usual: &[
            "Vragen in het eerste gesprek",
            "Technische vragen",
            "Gedragsvragen",
            "Waar hiring managers op letten",
            "Veelgemaakte fouten",
        ],
        usual_not_for: &[],
        question_words: &["vraag", "vragen"],
    },
    Headings {
        code: "pt",
        usual: &[
            "Perguntas da entrevista inicial",
            "Perguntas técnicas",
            "Perguntas comportamentais",
            "O que os gestores de contratação procuram",
            "Erros comuns",
        ],
        usual_not_for: &[],
        question_words: &["pergunta"],
    },
    Headings {
        code: "zh",
        // Simplified characters: a page in traditional ones (`zh-TW`, `zh-Hant`) is not
        // asked for them.
        usual: &["初筛面试问题", "技术面试问题", "行为面试问题", "招聘经理看重什么", "常见误区"],
        usual_not_for: &["hant", "tw", "hk", "mo"],
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
    let written_otherwise = |h: &Headings| {
        language
            .split(['-', '_'])
            .skip(1)
            .any(|subtag| h.usual_not_for.contains(&subtag.to_ascii_lowercase().as_str()))
    };
    find(language)
        .filter(|h| !written_otherwise(h))
        .map(|h| h.usual)
        .filter(|usual| !usual.is_empty())
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
        assert_eq!(usual_sections("sv"), None);
    }

    /// Every theme language has its usual sections; the three question sections are
    /// counted as questions and the other two are not, as in English.
    #[test]
    fn every_shipped_language_has_usual_sections_whose_first_three_are_questions() {
        for code in ["ar", "de", "en", "es", "fr", "ja", "nl", "pt", "zh"] {
            let usual = usual_sections(code).unwrap_or_else(|| panic!("{code} has no usual sections"));
            assert_eq!(usual.len(), 5, "{code}");
            for (i, name) in usual.iter().enumerate() {
                assert_eq!(is_question_section(name, code), i < 3, "{name} ({code})");
            }
        }
        assert_eq!(usual_sections("fr").map(|u| u[4]), Some("Erreurs fréquentes"));
        assert_eq!(usual_sections("pt-BR"), usual_sections("pt"));
        assert_eq!(usual_sections("es-MX").map(|u| u[1]), Some("Preguntas técnicas"));
        assert_eq!(usual_sections("zh-CN").map(|u| u[2]), Some("行为面试问题"));
    }

    #[test]
    fn chinese_in_traditional_characters_is_not_asked_for_simplified_headings() {
        for code in ["zh-TW", "zh-Hant", "zh-Hant-HK", "zh_HK"] {
            assert_eq!(usual_sections(code), None, "{code}");
        }
        // Its question sections are still counted.
        assert!(is_question_section("技術面試題", "zh-TW"));
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
