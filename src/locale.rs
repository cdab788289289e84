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

/// One short currency pattern: the unit's power of ten, the plural category, the pattern.
type ShortForm = (i32, &'static str, &'static str);

/// CLDR's short currency formats (`$120K`, `1,5 Mio. €`, `¥12万`): per language, each unit
/// (a power of ten) from which a pattern applies, the CLDR plural category the pattern is
/// for (`other` unless the language has a special form for a one-digit count), and the
/// pattern, with `0` for the digits and `¤` for the symbol. From CLDR 48 (cldr-json
/// `cldr-numbers-full` 48.2.0, `main/<lang>/numbers.json`,
/// `currencyFormats-numberSystem-latn` → `short` → `standard`), where each language's
/// patterns for 10³ to 10⁹ are these units' with more zeros (`000 k ¤` at 10⁵: 123 k €),
/// and CLDR's `0` pattern (German below a million, Japanese and Chinese below 10⁴) means no
/// short form: a language's amounts below its first unit are written in full. CLDR quotes
/// the period of `Mio'.'`; it is written plainly here. `\u{a0}` is the no-break space CLDR
/// puts between the parts, `\u{200f}` the right-to-left mark it starts Arabic ones with.
/// English is not here: the guide keeps its own `$120k` ([`format_short_amount`]).
const SHORT_CURRENCY: &[(&str, &[ShortForm])] = &[
    (
        "ar",
        &[
            (3, "other", "\u{200f}0\u{a0}ألف\u{a0}¤"),
            // 3 to 10 thousand: "آلاف".
            (3, "few", "\u{200f}0\u{a0}آلاف\u{a0}¤"),
            (6, "other", "\u{200f}0\u{a0}مليون\u{a0}¤"),
            (9, "other", "\u{200f}0\u{a0}مليار\u{a0}¤"),
        ],
    ),
    ("de", &[(6, "other", "0\u{a0}Mio.\u{a0}¤"), (9, "other", "0\u{a0}Mrd.\u{a0}¤")]),
    ("es", &[(3, "other", "0\u{a0}mil\u{a0}¤"), (6, "other", "0\u{a0}M\u{a0}¤")]),
    (
        "fr",
        &[
            (3, "other", "0\u{a0}k\u{a0}¤"),
            (6, "other", "0\u{a0}M\u{a0}¤"),
            (9, "other", "0\u{a0}Md\u{a0}¤"),
        ],
    ),
    ("ja", &[(4, "other", "¤0万"), (8, "other", "¤0億")]),
    (
        "nl",
        &[
            (3, "other", "¤\u{a0}0K"),
            (6, "other", "¤\u{a0}0\u{a0}mln."),
            (9, "other", "¤\u{a0}0\u{a0}mld."),
        ],
    ),
    (
        "pt",
        &[
            (3, "other", "¤\u{a0}0\u{a0}mil"),
            (6, "other", "¤\u{a0}0\u{a0}mi"),
            (9, "other", "¤\u{a0}0\u{a0}bi"),
        ],
    ),
    ("zh", &[(4, "other", "¤0万"), (8, "other", "¤0亿")]),
];

/// An amount in `currency` written short, as language `code` does (`120\u{a0}k\u{a0}€`,
/// `¥12万`), in the unit that suits `largest` (the largest amount shown beside it, so that
/// the ticks of an axis share one unit) with at most two decimals. A language without short
/// forms (or an amount below its first unit) gets the amount in full ([`format_amount`]);
/// English keeps the guide's own `$120k`, `€1.5M`.
pub fn format_short_amount(code: &str, currency_code: &str, amount: f64, largest: f64) -> String {
    if is_english(code) {
        return english_short_amount(currency::symbol(currency_code), amount, largest);
    }
    let symbol = currency::symbol(currency_code).trim();
    let language = code.split(['-', '_']).next().unwrap_or(code);
    let units = SHORT_CURRENCY
        .iter()
        .find(|(l, _)| *l == language)
        .map_or(&[][..], |(_, units)| *units);
    let Some(exponent) = units.iter().map(|u| u.0).filter(|&e| 10f64.powi(e) <= largest).max() else {
        return format_amount(code, currency_code, amount);
    };
    let hundredths = (amount / 10f64.powi(exponent) * 100.0).round();
    let mut number = Decimal::from(hundredths as i64);
    number.multiply_pow10(-2);
    number.trim_end();
    // CLDR's special forms are for the unit's own (one-digit) counts only.
    let category = if hundredths < 1000.0 && hundredths % 100.0 == 0.0 {
        plural_category(code, (hundredths / 100.0) as u64)
    } else {
        "other"
    };
    let of_unit = || units.iter().filter(|u| u.0 == exponent);
    let Some(&(_, _, pattern)) = of_unit().find(|u| u.1 == category).or_else(|| of_unit().find(|u| u.1 == "other")) else {
        return format_amount(code, currency_code, amount);
    };
    let digits = format_decimal(code, number);
    let mut out = String::with_capacity(pattern.len() + digits.len() + symbol.len());
    for c in pattern.chars() {
        match c {
            '0' => out.push_str(&digits),
            '¤' => {
                out.push_str(symbol);
                // CLDR's `alphaNextToNumber` forms: a symbol ending in a letter (`CHF`) is
                // kept apart from the digits that follow it.
                if pattern.contains("¤0") && symbol.chars().last().is_some_and(char::is_alphabetic) {
                    out.push('\u{a0}');
                }
            }
            c => out.push(c),
        }
    }
    if symbol.is_empty() {
        return out.trim_matches('\u{a0}').replace("\u{a0}\u{a0}", "\u{a0}");
    }
    out
}

/// The guide's English short amounts: `$120k`, `€1.5M`, `CHF 900` (CLDR's `en` would say
/// `$120K`; the guide's charts always said `k`).
fn english_short_amount(symbol: &str, amount: f64, largest: f64) -> String {
    let (divisor, suffix) = if largest >= 1e6 {
        (1e6, "M")
    } else if largest >= 1e4 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let scaled = amount / divisor;
    let number = if (scaled.round() - scaled).abs() < 1e-9 {
        format!("{scaled:.0}")
    } else {
        let text = format!("{scaled:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    format!("{symbol}{number}{suffix}")
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

    /// CLDR 48's short currency forms, per shipped language: the unit follows the axis's end.
    #[test]
    fn short_amounts_follow_cldr_in_each_language() {
        let nb = '\u{a0}';
        let short = |code: &str, currency: &str, amount: f64, largest: f64| format_short_amount(code, currency, amount, largest);
        // German has no short form below a million: the amount in full.
        assert_eq!(short("de", "EUR", 120_000.0, 250_000.0), format!("120.000{nb}€"));
        assert_eq!(short("de", "EUR", 1_500_000.0, 2_500_000.0), format!("1,5{nb}Mio.{nb}€"));
        assert_eq!(short("de-AT", "EUR", 2_000_000_000.0, 2e9), format!("2{nb}Mrd.{nb}€"));
        assert_eq!(short("fr", "EUR", 120_000.0, 250_000.0), format!("120{nb}k{nb}€"));
        assert_eq!(short("fr", "EUR", 1_250_000.0, 2_000_000.0), format!("1,25{nb}M{nb}€"));
        assert_eq!(short("es", "EUR", 120_000.0, 250_000.0), format!("120{nb}mil{nb}€"));
        assert_eq!(short("es", "EUR", 1_500_000.0, 2_000_000.0), format!("1,5{nb}M{nb}€"));
        assert_eq!(short("pt", "BRL", 120_000.0, 250_000.0), format!("R${nb}120{nb}mil"));
        assert_eq!(short("pt", "BRL", 3_000_000.0, 3_000_000.0), format!("R${nb}3{nb}mi"));
        assert_eq!(short("nl", "EUR", 120_000.0, 250_000.0), format!("€{nb}120K"));
        assert_eq!(short("nl", "EUR", 1_500_000.0, 2_000_000.0), format!("€{nb}1,5{nb}mln."));
        // Japanese and Chinese count in ten thousands (万) and hundred millions (億, 亿).
        assert_eq!(short("ja", "JPY", 8_000_000.0, 10_000_000.0), "¥800万");
        assert_eq!(short("ja", "JPY", 150_000_000.0, 200_000_000.0), "¥1.5億");
        assert_eq!(short("zh", "CNY", 120_000.0, 250_000.0), "CN¥12万");
        assert_eq!(short("zh", "CNY", 300_000_000.0, 300_000_000.0), "CN¥3亿");
        // A symbol that ends in a letter stands apart from the digits (CLDR's alphaNextToNumber).
        assert_eq!(short("ja", "CHF", 120_000.0, 250_000.0), format!("CHF{nb}12万"));
        // Below their first unit, amounts are written in full.
        assert_eq!(short("ja", "JPY", 5_000.0, 8_000.0), format_amount("ja", "JPY", 5_000.0));
        assert_eq!(short("de", "EUR", 900.0, 900.0), format!("900{nb}€"));
        // A currency without a symbol leaves no stray space.
        assert_eq!(short("nl", "ZZZ", 120_000.0, 250_000.0), "120K");
        assert_eq!(short("fr", "ZZZ", 120_000.0, 250_000.0), format!("120{nb}k"));
    }

    #[test]
    fn arabic_short_amounts_take_the_plural_form_of_their_count() {
        let nb = '\u{a0}';
        let short = |amount: f64| format_short_amount("ar", "USD", amount, 10_000.0);
        let digits = |n: u64| Locale::new("ar", BTreeMap::new()).integer(n);
        // 3 to 9 thousand are "آلاف", 2 and 10 thousand "ألف": CLDR gives 10³ a `few` form,
        // 10⁴ one form for every count.
        assert_eq!(short(4_000.0), format!("\u{200f}{}{nb}آلاف{nb}$", digits(4)));
        assert_eq!(short(10_000.0), format!("\u{200f}{}{nb}ألف{nb}$", digits(10)));
        assert_eq!(short(2_000.0), format!("\u{200f}{}{nb}ألف{nb}$", digits(2)));
        assert_eq!(
            format_short_amount("ar", "USD", 11_000.0, 20_000.0),
            format!("\u{200f}{}{nb}ألف{nb}$", digits(11))
        );
        assert_eq!(
            format_short_amount("ar", "USD", 1_500_000.0, 2_000_000.0),
            format!(
                "\u{200f}{}{nb}مليون{nb}$",
                format_decimal("ar", Decimal::try_from_str("1.5").unwrap())
            )
        );
    }

    /// English keeps the labels its charts always had, not CLDR's `$120K`.
    #[test]
    fn english_short_amounts_are_as_before() {
        assert_eq!(format_short_amount("en", "USD", 150_000.0, 250_000.0), "$150k");
        assert_eq!(format_short_amount("en", "USD", 0.0, 250_000.0), "$0k");
        assert_eq!(format_short_amount("en-GB", "EUR", 1_500_000.0, 2_400_000.0), "€1.5M");
        assert_eq!(format_short_amount("en", "GBP", 62_500.0, 100_000.0), "£62.5k");
        assert_eq!(format_short_amount("en", "CHF", 40.0, 90.0), "CHF 40");
        assert_eq!(format_short_amount("en", "JPY", 2_500.0, 5_000.0), "¥2500");
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
