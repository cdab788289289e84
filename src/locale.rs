//! How one language says things: the theme's strings (plain, or one form per CLDR plural
//! category), which plural form a count takes, and how numbers and amounts of money are
//! written (`100.000 €` in German, `100 000 €` in French, `$100,000` in English), and
//! dates (`7. Dezember 2026`, `2026年12月7日`, `7 December 2026`).
//!
//! A leaf module: `render` loads the strings from the theme's `i18n/<code>.toml` files,
//! `summaries` and `render` say things through it. Plural rules and digits come from
//! ICU4X's compiled CLDR data; docs/i18n.md says why and what it costs.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::Date;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};
use serde::Serialize;

use crate::currency;

/// One string of the theme: a text, or one text per plural category (`one`, `other`, …;
/// `other` is the one every language has).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Plural(BTreeMap<String, String>),
}

/// A language's strings and formats.
#[derive(Debug, Clone, Default)]
pub struct Locale {
    /// The language code as `config.toml` writes it (`de`, `pt-BR`).
    pub code: String,
    texts: BTreeMap<String, Text>,
}

/// The English strings of the embedded default theme: the reference every key is in.
const ENGLISH: &str = include_str!("../themes/default/i18n/en.toml");

impl Locale {
    pub fn new(code: &str, texts: BTreeMap<String, Text>) -> Locale {
        Locale {
            code: code.to_string(),
            texts,
        }
    }

    /// The default theme's English, for code that has no theme at hand (tests, tools).
    pub fn english() -> Locale {
        let table: toml::Table = toml::from_str(ENGLISH).unwrap_or_default();
        let texts = table.into_iter().filter_map(|(key, value)| Some((key, text_of(value)?))).collect();
        Locale::new("en", texts)
    }

    /// Every string, by key, as templates see them (`site.strings`).
    pub fn texts(&self) -> &BTreeMap<String, Text> {
        &self.texts
    }

    /// The text of `key` with its `{name}` placeholders filled from `args`. A plural
    /// string gives its `other` form. A missing key shows as itself, so it is noticed.
    pub fn say(&self, key: &str, args: &[(&str, &str)]) -> String {
        let form = match self.texts.get(key) {
            Some(Text::Plain(text)) => text.as_str(),
            Some(Text::Plural(forms)) => forms.get("other").map_or(key, String::as_str),
            None => key,
        };
        fill(form, |name| args.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_string()))
    }

    /// The form of `key` for the count `n` (`1 role`, `3 roles`; Arabic has six forms), with
    /// `{n}` and the other placeholders filled.
    pub fn count(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let form = match self.texts.get(key) {
            Some(Text::Plural(forms)) => pick_form(forms, &self.code, n).unwrap_or(key),
            Some(Text::Plain(text)) => text.as_str(),
            None => key,
        };
        let shown = self.integer(n);
        fill(form, |name| {
            if name == "n" {
                Some(shown.clone())
            } else {
                args.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_string())
            }
        })
    }

    /// An amount of money in `currency` (ISO 4217), as this language writes it.
    pub fn amount(&self, currency: &str, amount: f64) -> String {
        format_amount(&self.code, currency, amount)
    }

    /// A calendar date as this language writes it in running text.
    pub fn date(&self, date: jiff::civil::Date) -> String {
        format_date(&self.code, date)
    }

    /// A whole number with this language's digits and grouping: `2,080`, `2.080`.
    pub fn integer(&self, n: u64) -> String {
        if is_english(&self.code) {
            return group_thousands(n);
        }
        format_decimal(&self.code, Decimal::from(n))
    }
}

/// A strings file's value as a [`Text`]: a string, or a table of plural forms given as
/// strings; anything else is `None`.
pub fn text_of(value: toml::Value) -> Option<Text> {
    match value {
        toml::Value::String(text) => Some(Text::Plain(text)),
        toml::Value::Table(table) => {
            let mut forms = BTreeMap::new();
            for (category, form) in table {
                let toml::Value::String(form) = form else { return None };
                forms.insert(category, form);
            }
            Some(Text::Plural(forms))
        }
        _ => None,
    }
}

/// The CLDR plural categories a form may be given for.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The CLDR plural category of `n` in language `code`: `one`, `few`, `other`, … An unknown
/// language has English's rules.
pub fn plural_category(code: &str, n: u64) -> &'static str {
    let rules = icu_locale(code)
        .and_then(|locale| PluralRules::try_new(locale.into(), Default::default()).ok())
        .or_else(|| PluralRules::try_new(icu_locale_core::locale!("en").into(), Default::default()).ok());
    let Some(rules) = rules else { return "other" };
    match rules.category_for(n) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// The form of `forms` for `n` in `code`, else its `other` form.
pub fn pick_form<'a>(forms: &'a BTreeMap<String, String>, code: &str, n: u64) -> Option<&'a str> {
    forms
        .get(plural_category(code, n))
        .or_else(|| forms.get("other"))
        .map(String::as_str)
}

/// `text` with each `{name}` replaced by `value(name)`; a name without a value stays.
pub fn fill(text: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if is_name(name) => {
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => {
                        let _ = write!(out, "{{{name}}}");
                    }
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `n` with a comma between thousands, as English writes it: `10,000`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn icu_locale(code: &str) -> Option<IcuLocale> {
    code.parse::<IcuLocale>().ok()
}

/// English keeps the grouping the guide always had (`$1,234,567`, `€62.50`); it is also
/// CLDR's, and the fast path for the default language of most guides.
fn is_english(code: &str) -> bool {
    code == "en" || code.starts_with("en-")
}

fn format_decimal(code: &str, decimal: Decimal) -> String {
    let formatter = icu_locale(code).and_then(|locale| DecimalFormatter::try_new(locale.into(), Default::default()).ok());
    match formatter {
        Some(formatter) => formatter.format(&decimal).to_string(),
        None => decimal.to_string(),
    }
}

/// A date in the Gregorian calendar as language `code` writes it in full (`7. Dezember
/// 2026`, `2026年12月7日`). English keeps the day-month-year order the guide always had
/// (`7 December 2026`), which CLDR's `en` (American, month first) would change.
pub fn format_date(code: &str, date: jiff::civil::Date) -> String {
    let english = || date.strftime("%-d %B %Y").to_string();
    if is_english(code) {
        return english();
    }
    let formatter = icu_locale(code)
        .and_then(|locale| FixedCalendarDateTimeFormatter::<icu_calendar::Gregorian, YMD>::try_new(locale.into(), YMD::long()).ok());
    let day = Date::try_new_gregorian(i32::from(date.year()), date.month() as u8, date.day() as u8).ok();
    match (formatter, day) {
        (Some(formatter), Some(day)) => formatter.format(&day).to_string(),
        _ => english(),
    }
}

/// Where a language puts the currency's symbol, after CLDR's currency patterns: before the
/// digits (`$1,000`, `R$ 1.000`) or after them with a no-break space (`1.000 €`).
fn symbol_after(code: &str) -> bool {
    let language = code.split(['-', '_']).next().unwrap_or(code);
    matches!(
        language,
        "de" | "fr"
            | "es"
            | "it"
            | "ca"
            | "ar"
            | "fa"
            | "he"
            | "ru"
            | "uk"
            | "pl"
            | "cs"
            | "sk"
            | "sl"
            | "hr"
            | "sr"
            | "bg"
            | "ro"
            | "hu"
            | "fi"
            | "sv"
            | "da"
            | "nb"
            | "no"
            | "nn"
            | "is"
            | "et"
            | "lv"
            | "lt"
            | "el"
            | "tr"
            | "vi"
    ) || code == "pt-PT"
}

/// Languages that separate a symbol before the digits with a no-break space (`€ 1.000`).
fn symbol_spaced_before(code: &str) -> bool {
    let language = code.split(['-', '_']).next().unwrap_or(code);
    matches!(language, "nl" | "pt" | "id" | "ms")
}

/// An amount in `currency` as language `code` writes it. Whole amounts have no decimals
/// (salaries are whole); others have the currency's two.
pub fn format_amount(code: &str, currency_code: &str, amount: f64) -> String {
    if is_english(code) {
        return currency::format_amount(currency_code, amount);
    }
    let cents = (amount * 100.0).round();
    let decimal = if amount.fract() == 0.0 && amount.abs() < 1e15 {
        Decimal::from(amount as i64)
    } else if cents.abs() < 1e17 {
        let mut d = Decimal::from(cents as i64);
        d.multiply_pow10(-2);
        d
    } else {
        return currency::format_amount(currency_code, amount);
    };
    let digits = format_decimal(code, decimal);
    let symbol = currency::symbol(currency_code).trim();
    if symbol.is_empty() {
        digits
    } else if symbol_after(code) {
        format!("{digits}\u{a0}{symbol}")
    } else if symbol_spaced_before(code) {
        format!("{symbol}\u{a0}{digits}")
    } else {
        format!("{symbol}{digits}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_follow_each_language() {
        assert_eq!(format_amount("en", "EUR", 100_000.0), "€100,000");
        assert_eq!(format_amount("de", "EUR", 100_000.0), "100.000\u{a0}€");
        // French groups with the narrow no-break space CLDR gives it.
        assert_eq!(format_amount("fr", "EUR", 100_000.0), "100\u{202f}000\u{a0}€");
        assert_eq!(format_amount("ja", "JPY", 8_000_000.0), "¥8,000,000");
        assert_eq!(format_amount("pt", "BRL", 120_000.0), "R$\u{a0}120.000");
        assert_eq!(format_amount("de", "EUR", 62.5), "62,50\u{a0}€");
        assert_eq!(format_amount("de", "CHF", 999.0), "999\u{a0}CHF");
    }

    #[test]
    fn dates_follow_each_language() {
        let day = jiff::civil::date(2026, 12, 7);
        assert_eq!(format_date("en", day), "7 December 2026");
        assert_eq!(format_date("de", day), "7. Dezember 2026");
        assert_eq!(format_date("fr", day), "7 décembre 2026");
        assert_eq!(format_date("ja", day), "2026年12月7日");
        assert_eq!(format_date("zh", day), "2026年12月7日");
    }

    #[test]
    fn english_amounts_are_as_before() {
        for amount in [0.0, 999.0, 1000.0, 62.5, 1_234_567.0] {
            assert_eq!(format_amount("en", "USD", amount), currency::format_amount("USD", amount));
        }
    }

    #[test]
    fn plural_categories_are_cldr_s() {
        assert_eq!(plural_category("en", 1), "one");
        assert_eq!(plural_category("en", 2), "other");
        assert_eq!(plural_category("fr", 0), "one");
        assert_eq!(plural_category("de", 0), "other");
        assert_eq!(plural_category("ja", 1), "other");
        assert_eq!(plural_category("ar", 0), "zero");
        assert_eq!(plural_category("ar", 2), "two");
        assert_eq!(plural_category("ar", 3), "few");
        assert_eq!(plural_category("ar", 11), "many");
        assert_eq!(plural_category("ar", 100), "other");
        // An unknown tag counts as English does.
        assert_eq!(plural_category("not a tag", 1), "one");
    }

    #[test]
    fn counts_pick_their_form_and_fill_placeholders() {
        let forms = BTreeMap::from([
            ("one".to_string(), "{n} role in {section}".to_string()),
            ("other".to_string(), "{n} roles in {section}".to_string()),
        ]);
        let locale = Locale::new("en", BTreeMap::from([("roles".to_string(), Text::Plural(forms))]));
        assert_eq!(locale.count("roles", 1, &[("section", "Data")]), "1 role in Data");
        assert_eq!(locale.count("roles", 4, &[("section", "Data")]), "4 roles in Data");
        assert_eq!(locale.say("absent", &[]), "absent");
    }

    #[test]
    fn placeholders_without_a_value_and_stray_braces_stay() {
        assert_eq!(fill("{a} and {b} {", |n| (n == "a").then(|| "A".to_string())), "A and {b} {");
        assert_eq!(fill("{not a name}", |_| Some("x".into())), "{not a name}");
    }

    #[test]
    fn the_embedded_english_has_every_form_it_needs() {
        let english = Locale::english();
        assert_eq!(english.count("question_count", 1, &[]), "1 question");
        assert_eq!(english.count("question_count", 2, &[]), "2 questions");
    }
}
