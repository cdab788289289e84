//! The theme's strings in each language of a guide: `i18n/<code>.toml` of the theme (the
//! default theme ships en, de, fr, es, pt, nl, ja, zh and ar), with a site's own
//! `i18n/<code>.toml` winning key by key. English is the reference: it has every key. A
//! key a language lacks is a warning, and that language shows the default language's
//! string (English's, if the default language lacks it too). Templates read them as
//! `site.strings.<key>`; a string with plural forms is a table of them
//! (`role_count = { one = "{n} role", other = "{n} roles" }`), picked with the `fill`
//! filter (`site.strings.role_count | fill(n=3)`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, line_column};
use crate::locale::{Locale, PLURAL_CATEGORIES, Text, text_of};
use crate::locate::{Format, locate_key};

use super::theme::ThemeFiles;

/// The language whose file names every key.
const REFERENCE: &str = "en";

/// Each language's strings, in the order of `Config::languages`.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_language: Vec<Locale>,
    /// The keys some language lacks.
    pub warnings: Vec<Diagnostic>,
}

/// One language's file of one layer, read.
struct Read {
    values: BTreeMap<String, Text>,
    /// Where a person would edit it, for messages.
    shown: PathBuf,
}

impl Strings {
    /// Reads every layer's `i18n/*.toml`; a file that is not TOML, or a value that is not
    /// text, is an error at its line and column.
    pub fn load(config: &Config, files: &ThemeFiles) -> Result<Strings, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        // code → layers, lowest first.
        let mut layers: BTreeMap<String, Vec<Read>> = BTreeMap::new();
        for layer in &files.i18n {
            for file in layer {
                let Some(code) = file.name.strip_suffix(".toml").filter(|c| !c.contains('/')) else {
                    continue;
                };
                let shown = file
                    .origin
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(format!("themes/default/i18n/{}", file.name)));
                match read(&file.bytes, &shown) {
                    Ok(values) => layers.entry(code.to_string()).or_default().push(Read { values, shown }),
                    Err(more) => errors.extend(more),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let merged = |code: &str| -> (BTreeMap<String, Text>, Option<PathBuf>) {
            let mut values = BTreeMap::new();
            let mut shown = None;
            for read in layers.get(code).into_iter().flatten() {
                values.extend(read.values.iter().map(|(k, v)| (k.clone(), v.clone())));
                shown = Some(read.shown.clone());
            }
            (values, shown)
        };
        let (reference, _) = merged(REFERENCE);
        let (default, _) = merged(&config.languages[0].code);
        let mut strings = Strings::default();
        for language in &config.languages {
            let (own, shown) = merged(&language.code);
            let missing: Vec<&String> = reference.keys().filter(|key| !own.contains_key(*key)).collect();
            if !missing.is_empty() && language.code != REFERENCE {
                strings.warnings.push(missing_keys(&language.code, &missing, shown));
            }
            let values = reference
                .iter()
                .map(|(key, english)| {
                    let value = own.get(key).or_else(|| default.get(key)).unwrap_or(english);
                    (key.clone(), value.clone())
                })
                .collect();
            strings.by_language.push(Locale::new(&language.code, values));
        }
        Ok(strings)
    }

    /// The strings of language `index` (into `Config::languages`).
    pub fn for_language(&self, index: usize) -> &Locale {
        static NONE: std::sync::OnceLock<Locale> = std::sync::OnceLock::new();
        self.by_language.get(index).unwrap_or_else(|| NONE.get_or_init(Locale::default))
    }
}

/// A file's keys and texts; every problem in it, with its place.
fn read(bytes: &[u8], shown: &PathBuf) -> Result<BTreeMap<String, Text>, Vec<Diagnostic>> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![
            Diagnostic::error(shown, 0, 0, "the file is not UTF-8 text").with_hint("save the file as UTF-8 in your editor"),
        ]);
    };
    let table: toml::Table = toml::from_str(text).map_err(|error| {
        let (line, column) = error.span().map_or((1, 1), |span| line_column(text, span.start));
        vec![
            Diagnostic::error(
                shown,
                line,
                column,
                format!("the strings file is not valid TOML: {}", error.message()),
            )
            .with_hint("write one `key = \"text\"` per line, the text between double quotes")
            .with_source(text),
        ]
    })?;
    let mut values = BTreeMap::new();
    let mut errors = Vec::new();
    for (key, value) in table {
        match text_of(value) {
            Some(Text::Plural(forms)) if !forms.contains_key("other") || forms.keys().any(|c| !PLURAL_CATEGORIES.contains(&c.as_str())) => {
                let wrong = forms.keys().find(|c| !PLURAL_CATEGORIES.contains(&c.as_str()));
                let (line, column) = match wrong {
                    Some(category) => locate_key(text, Format::Toml, &[&key, category]),
                    None => locate_key(text, Format::Toml, &[&key]),
                }
                .unwrap_or((1, 1));
                let message = match wrong {
                    Some(category) => format!("`{key}` has a form for `{category}`, which is no plural category"),
                    None => format!("`{key}` has plural forms but no `other` form"),
                };
                errors.push(
                    Diagnostic::error(shown, line, column, message)
                        .with_hint("give forms for CLDR's categories only (zero, one, two, few, many, other), always with `other`, like { one = \"{n} role\", other = \"{n} roles\" }")
                        .with_source(text),
                );
            }
            Some(value) => {
                values.insert(key, value);
            }
            None => {
                let (line, column) = locate_key(text, Format::Toml, &[&key]).unwrap_or((1, 1));
                errors.push(
                    Diagnostic::error(shown, line, column, format!("`{key}` is not text"))
                        .with_hint("write the text between double quotes, like key = \"Salaries\", or its plural forms, like { one = \"{n} role\", other = \"{n} roles\" }")
                        .with_source(text),
                );
            }
        }
    }
    if errors.is_empty() { Ok(values) } else { Err(errors) }
}

fn missing_keys(code: &str, missing: &[&String], shown: Option<PathBuf>) -> Diagnostic {
    let file = shown.unwrap_or_else(|| PathBuf::from(format!("i18n/{code}.toml")));
    let keys: Vec<String> = missing.iter().map(|key| format!("`{key}`")).collect();
    Diagnostic::warning(
        &file,
        0,
        0,
        format!(
            "the theme's strings in \"{code}\" lack {} key{}: {}; pages in \"{code}\" show the default language's text there",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            keys.join(", ")
        ),
    )
    .with_hint(format!(
        "add them to i18n/{code}.toml in the site's folder, translated (the English ones are in the theme's i18n/en.toml)"
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::locale::plural_category;

    const SHIPPED: [&str; 9] = ["en", "de", "fr", "es", "pt", "nl", "ja", "zh", "ar"];

    fn shipped(code: &str) -> BTreeMap<String, Text> {
        let bytes = super::super::theme::embedded_file(&format!("i18n/{code}.toml")).expect("shipped");
        read(&bytes, &PathBuf::from(code)).expect("valid")
    }

    fn placeholders(text: &Text) -> BTreeSet<String> {
        let forms: Vec<&String> = match text {
            Text::Plain(plain) => vec![plain],
            Text::Plural(forms) => forms.values().collect(),
        };
        let mut names = BTreeSet::new();
        for form in forms {
            crate::locale::fill(form, |name| {
                names.insert(name.to_string());
                None
            });
        }
        names
    }

    #[test]
    fn every_shipped_language_has_every_key_with_the_same_placeholders() {
        let english = shipped("en");
        for code in SHIPPED {
            let strings = shipped(code);
            for (key, text) in &english {
                let own = strings.get(key).unwrap_or_else(|| panic!("{code} lacks `{key}`"));
                assert_eq!(placeholders(own), placeholders(text), "`{key}` in {code}");
            }
            assert_eq!(strings.len(), english.len(), "{code} has keys English lacks");
        }
    }

    #[test]
    fn shipped_plural_strings_have_a_form_for_each_category_their_language_uses() {
        for code in SHIPPED {
            let used: BTreeSet<&str> = (0..=1000).map(|n| plural_category(code, n)).collect();
            for (key, text) in shipped(code) {
                if let Text::Plural(forms) = text {
                    for category in &used {
                        assert!(forms.contains_key(*category), "`{key}` in {code} lacks `{category}`");
                    }
                }
            }
        }
    }
}
