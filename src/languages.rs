//! Language codes a guide can be written in: each with its own name (for the language
//! switcher) and the direction its script is written in.
//!
//! A leaf module: configuration checks codes against it, content recognises translation
//! files (`role.de.md`) by it, templates show its names.

/// Which way a language's text runs, as `<html dir>` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}

/// A language as the guide knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// The ISO 639-1 code (two letters) or, where none exists, ISO 639-3 (three).
    pub code: &'static str,
    /// The language's name in itself: what a reader of it looks for in a switcher.
    pub name: &'static str,
    pub direction: Direction,
}

const fn ltr(code: &'static str, name: &'static str) -> Known {
    Known {
        code,
        name,
        direction: Direction::LeftToRight,
    }
}

const fn rtl(code: &'static str, name: &'static str) -> Known {
    Known {
        code,
        name,
        direction: Direction::RightToLeft,
    }
}

/// Sorted by code.
const KNOWN: &[Known] = &[
    ltr("af", "Afrikaans"),
    ltr("am", "አማርኛ"),
    rtl("ar", "العربية"),
    ltr("az", "Azərbaycan"),
    ltr("be", "Беларуская"),
    ltr("bg", "Български"),
    ltr("bn", "বাংলা"),
    ltr("bs", "Bosanski"),
    ltr("ca", "Català"),
    ltr("cs", "Čeština"),
    ltr("cy", "Cymraeg"),
    ltr("da", "Dansk"),
    ltr("de", "Deutsch"),
    ltr("el", "Ελληνικά"),
    ltr("en", "English"),
    ltr("eo", "Esperanto"),
    ltr("es", "Español"),
    ltr("et", "Eesti"),
    ltr("eu", "Euskara"),
    rtl("fa", "فارسی"),
    ltr("fi", "Suomi"),
    ltr("fil", "Filipino"),
    ltr("fr", "Français"),
    ltr("ga", "Gaeilge"),
    ltr("gl", "Galego"),
    ltr("gu", "ગુજરાતી"),
    rtl("he", "עברית"),
    ltr("hi", "हिन्दी"),
    ltr("hr", "Hrvatski"),
    ltr("hu", "Magyar"),
    ltr("hy", "Հայերեն"),
    ltr("id", "Bahasa Indonesia"),
    ltr("is", "Íslenska"),
    ltr("it", "Italiano"),
    ltr("ja", "日本語"),
    ltr("ka", "ქართული"),
    ltr("kk", "Қазақ тілі"),
    ltr("km", "ខ្មែរ"),
    ltr("kn", "ಕನ್ನಡ"),
    ltr("ko", "한국어"),
    ltr("lt", "Lietuvių"),
    ltr("lv", "Latviešu"),
    ltr("mk", "Македонски"),
    ltr("ml", "മലയാളം"),
    ltr("mn", "Монгол"),
    ltr("mr", "मराठी"),
    ltr("ms", "Bahasa Melayu"),
    ltr("nb", "Norsk bokmål"),
    ltr("ne", "नेपाली"),
    ltr("nl", "Nederlands"),
    ltr("nn", "Norsk nynorsk"),
    ltr("no", "Norsk"),
    ltr("pa", "ਪੰਜਾਬੀ"),
    ltr("pl", "Polski"),
    rtl("ps", "پښتو"),
    ltr("pt", "Português"),
    ltr("ro", "Română"),
    ltr("ru", "Русский"),
    ltr("sk", "Slovenčina"),
    ltr("sl", "Slovenščina"),
    ltr("sq", "Shqip"),
    ltr("sr", "Српски"),
    ltr("sv", "Svenska"),
    ltr("sw", "Kiswahili"),
    ltr("ta", "தமிழ்"),
    ltr("te", "తెలుగు"),
    ltr("th", "ไทย"),
    ltr("tr", "Türkçe"),
    ltr("uk", "Українська"),
    rtl("ur", "اردو"),
    ltr("uz", "Oʻzbek"),
    ltr("vi", "Tiếng Việt"),
    ltr("zh", "中文"),
];

/// The language of a code as `config.toml` writes it: `de`, `pt-BR`, `zh-Hant` (the
/// first part decides; case does not matter).
pub fn find(code: &str) -> Option<&'static Known> {
    let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    KNOWN.iter().find(|known| known.code == primary)
}

/// Every known code, for suggestions in error messages.
pub fn codes() -> impl Iterator<Item = &'static str> {
    KNOWN.iter().map(|known| known.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_and_unique() {
        assert!(KNOWN.windows(2).all(|pair| pair[0].code < pair[1].code));
    }

    #[test]
    fn regional_codes_find_their_language_and_arabic_runs_right_to_left() {
        assert_eq!(find("pt-BR").map(|k| k.name), Some("Português"));
        assert_eq!(find("DE").map(|k| k.code), Some("de"));
        assert_eq!(find("ar").map(|k| k.direction), Some(Direction::RightToLeft));
        assert_eq!(find("ja").map(|k| k.direction), Some(Direction::LeftToRight));
        assert_eq!(find("js"), None);
        assert_eq!(find("xx"), None);
    }
}
