//! Front matter of pages and sections, and the checked content items built from it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::content::role::{RawRole, Role};
use crate::locate::Format;

/// A page's front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: String,
    pub description: Option<String>,
    pub date: Option<DateValue>,
    pub updated: Option<DateValue>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    pub template: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub role: Option<RawRole>,
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    /// Read only to say that it belongs in a section's `_index.md`.
    pub paginate_by: Option<serde_json::Value>,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    Weight,
    Title,
    Date,
}

/// A section's front matter (`_index.md`) as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub sort_by: Option<SortBy>,
    pub template: Option<String>,
    /// Pages per pager of this section's listing; checked to be at least 1.
    pub paginate_by: Option<i64>,
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
}

/// A date as either TOML writes it (a datetime value) or YAML and quoted TOML write it (text).
#[derive(Debug, Clone)]
pub struct DateValue(pub String);

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        match value {
            serde_json::Value::String(text) => Ok(DateValue(text)),
            // TOML datetimes arrive as a one-key map holding their text form.
            serde_json::Value::Object(map) if map.len() == 1 => match map.into_iter().next() {
                Some((_, serde_json::Value::String(text))) => Ok(DateValue(text)),
                _ => Err(serde::de::Error::custom("invalid type: expected a date like 2026-09-14")),
            },
            other => Err(serde::de::Error::custom(format!(
                "invalid type: {other}, expected a date like 2026-09-14"
            ))),
        }
    }
}

/// Reads a date written as `2026-09-14` or an RFC 3339 date and time.
pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<jiff::civil::Date>() {
        return Some(date);
    }
    if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
        return Some(timestamp.to_zoned_datetime(jiff::tz::TimeZone::UTC).date());
    }
    text.parse::<jiff::civil::DateTime>().ok().map(|dt| dt.date())
}

/// Where a content item came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Absolute path.
    pub path: PathBuf,
    /// Path relative to the site root, used in messages: `content/engineering/x.md`.
    pub shown: PathBuf,
    pub format: Format,
    /// 1-based line where the Markdown body starts.
    pub body_line: usize,
}

/// A checked page.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: SourceFile,
    pub title: String,
    pub description: String,
    pub date: Option<jiff::civil::Date>,
    pub updated: Option<jiff::civil::Date>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub template: Option<String>,
    /// Output files of redirect pages, relative to the output folder.
    pub alias_files: Vec<String>,
    pub role: Option<Role>,
    pub extra: serde_json::Value,
    pub body: String,
    /// URL path relative to the site root, without leading slash, ending in `/`: `engineering/x/`.
    pub url_path: String,
    /// Index of the section that lists this page.
    pub section: usize,
    /// Index into `Config::languages`: 0 for the default language.
    pub language: usize,
    /// The original this page translates, relative to `content/` (`engineering/backend.md`
    /// for `engineering/backend.de.md`); an original's is its own path. Pages with the same
    /// key are translations of each other.
    pub translation_key: PathBuf,
    /// Files beside an `index.md` page, copied next to its output.
    pub assets: Vec<PathBuf>,
}

/// A checked section (a folder of pages with an optional `_index.md`).
#[derive(Debug, Clone)]
pub struct Section {
    /// `None` for a folder without `_index.md`.
    pub source: Option<SourceFile>,
    pub title: String,
    pub description: String,
    pub weight: Option<i64>,
    pub sort_by: SortBy,
    pub template: Option<String>,
    /// Pages per pager of its listing, as its `_index.md` sets it; `None` for the site's
    /// default (see [`Section::paginate_by`]).
    pub paginate_by: Option<usize>,
    pub extra: serde_json::Value,
    pub body: String,
    /// `""` for the home page, else `engineering/` or `engineering/platform/`.
    pub url_path: String,
    pub parent: Option<usize>,
    pub subsections: Vec<usize>,
    /// Indexes into the library's pages, in display order.
    pub pages: Vec<usize>,
    /// The folder of this section, relative to `content/`. Sections of the same folder in
    /// different languages are translations of each other.
    pub folder: PathBuf,
    /// Index into `Config::languages`: 0 for the default language.
    pub language: usize,
}

impl Section {
    pub fn is_home(&self) -> bool {
        self.url_path.is_empty()
    }

    /// Pages per pager of its listing: its own setting, else the site's.
    pub fn paginate_by(&self, config: &crate::config::Config) -> usize {
        self.paginate_by.unwrap_or(config.paginate_by)
    }

    /// How many pagers its listing of pages has.
    pub fn pager_count(&self, config: &crate::config::Config) -> usize {
        super::pagination::pager_count(self.pages.len(), self.paginate_by(config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct WithDate {
        date: DateValue,
    }

    #[test]
    fn dates_parse_from_toml_values_and_text() {
        let toml_date: WithDate = toml::from_str("date = 2026-09-14").unwrap();
        assert_eq!(parse_date(&toml_date.date.0).unwrap().to_string(), "2026-09-14");
        let quoted: WithDate = toml::from_str("date = \"2026-09-14T10:00:00Z\"").unwrap();
        assert_eq!(parse_date(&quoted.date.0).unwrap().to_string(), "2026-09-14");
        assert!(parse_date("14/09/2026").is_none());
    }
}
