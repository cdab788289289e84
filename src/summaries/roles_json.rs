//! `/roles.json`: every role as data for other tools.
//!
//! The format is documented in the README and versioned by [`VERSION`]: keys come
//! in the fixed order of the structs below, roles are sorted by URL, and amounts are whole
//! numbers where they are whole, so the same guide always gives the same bytes. Each role
//! (and each skill and industry) is one line: the file stays small for 10,000 roles and
//! still diffs well.

use rayon::prelude::*;
use serde::{Serialize, Serializer};

use super::skills::{self, Terms};
use super::{Summaries, role_of};
use crate::config::SalaryConfig;
use crate::content::translations::Translations;

/// Raised when a key is removed or changes meaning; adding keys keeps the version.
pub const VERSION: u32 = 1;

/// An amount: written as an integer when whole (`85000`, not `85000.0`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < 9.0e15 {
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

/// How the yearly figures were computed.
#[derive(Serialize)]
struct SalaryBasis<'a> {
    hours_per_year: Number,
    days_per_year: Number,
    months_per_year: Number,
    display_currency: Option<&'a str>,
    rates: Vec<RateEntry<'a>>,
}

#[derive(Serialize)]
struct RateEntry<'a> {
    currency: &'a str,
    rate: f64,
}

/// A skill or an industry: its page and how many roles list it.
#[derive(Serialize)]
struct TermEntry<'a> {
    name: &'a str,
    path: String,
    roles: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    soft_skill_roles: Option<usize>,
}

#[derive(Serialize)]
struct RoleEntry<'a> {
    url: String,
    path: &'a str,
    title: &'a str,
    description: &'a str,
    section: SectionEntry,
    salary: Option<SalaryEntry<'a>>,
    experience_years: u32,
    demand: &'static str,
    skills: Vec<&'a str>,
    soft_skills: Vec<&'a str>,
    industries: Vec<&'a str>,
    guide_sections: Vec<GuideSectionEntry<'a>>,
    /// In a guide in several languages: the role's language and its translations.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    translations: Option<Vec<TranslationEntry>>,
}

/// A translation of a role: its language and page.
#[derive(Serialize)]
struct TranslationEntry {
    language: String,
    url: String,
    path: String,
}

#[derive(Serialize)]
struct SectionEntry {
    title: String,
    path: String,
}

#[derive(Serialize)]
struct SalaryEntry<'a> {
    min: Number,
    max: Number,
    currency: &'a str,
    period: &'static str,
    yearly: YearlyEntry<'a>,
}

/// The range on the common footing: per year, and converted when a rate applied.
#[derive(Serialize)]
struct YearlyEntry<'a> {
    min: Number,
    max: Number,
    midpoint: Number,
    currency: &'a str,
    rate: Option<f64>,
}

#[derive(Serialize)]
struct GuideSectionEntry<'a> {
    heading: &'a str,
    anchor: &'a str,
    entries: usize,
}

/// `"key": value,` on a line of its own.
fn push_field(out: &mut String, key: &str, value: &impl Serialize) {
    out.push_str(&format!("  \"{key}\": {},\n", to_json(value)));
}

/// `"key": [` then one item per line, then `]`.
fn push_lines(out: &mut String, key: &str, items: &[String], last: bool) {
    out.push_str(&format!("  \"{key}\": ["));
    for (i, item) in items.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(item);
    }
    out.push_str(if items.is_empty() { "]" } else { "\n  ]" });
    out.push_str(if last { "\n" } else { ",\n" });
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

impl Summaries<'_> {
    /// The bytes of `/roles.json` (`/de/roles.json` for German roles); `translations` in a
    /// guide in several languages.
    pub fn roles_json(&self, translations: Option<&Translations>) -> Vec<u8> {
        let roles: Vec<String> = (0..self.roles.len())
            .into_par_iter()
            .map(|p| to_json(&self.role_entry(p, translations)))
            .collect();
        let mut out = String::with_capacity(roles.iter().map(|r| r.len() + 6).sum::<usize>() + 4096);
        out.push_str("{\n");
        push_field(&mut out, "version", &VERSION);
        push_field(&mut out, "title", &self.config.title);
        push_field(&mut out, "base_url", &self.config.base_url);
        if translations.is_some() {
            push_field(&mut out, "language", &self.config.language);
        }
        push_field(&mut out, "salary_basis", &salary_basis(&self.config.salary));
        push_field(&mut out, "role_count", &self.roles.len());
        push_lines(&mut out, "skills", &self.term_entries(&self.skills, true), false);
        push_lines(&mut out, "industries", &self.term_entries(&self.industries, false), false);
        push_lines(&mut out, "roles", &roles, true);
        out.push_str("}\n");
        out.into_bytes()
    }

    /// Every skill or industry, by slug, with its page and counts.
    fn term_entries(&self, terms: &Terms, soft: bool) -> Vec<String> {
        terms
            .terms
            .iter()
            .map(|t| {
                to_json(&TermEntry {
                    name: &t.name,
                    path: format!("{}{}{}/", self.config.base_path, terms.path, t.slug),
                    roles: t.roles.len(),
                    soft_skill_roles: soft.then_some(t.soft_roles.len()),
                })
            })
            .collect()
    }

    fn role_entry(&self, position: usize, translations: Option<&Translations>) -> RoleEntry<'_> {
        let page = self.roles[position];
        let p = &self.library.pages[page];
        let role = role_of(self.library, page);
        let section = &self.library.sections[p.section];
        let salary = role
            .salary
            .as_ref()
            .zip(self.normalised[position].as_ref())
            .map(|(s, n)| SalaryEntry {
                min: Number(s.min),
                max: Number(s.max),
                currency: &s.currency,
                period: s.period.as_str(),
                yearly: YearlyEntry {
                    min: Number(n.min),
                    max: Number(n.max),
                    midpoint: Number(n.mid),
                    currency: &n.currency,
                    rate: n.rate,
                },
            });
        RoleEntry {
            url: format!("{}/{}", self.config.base_url, p.url_path),
            path: &self.rows[position].url,
            title: &p.title,
            description: &p.description,
            section: SectionEntry {
                title: self.section_title(p.section),
                path: format!("{}{}", self.config.base_path, section.url_path),
            },
            salary,
            experience_years: role.experience_years,
            demand: role.demand.as_str(),
            skills: self.skills.canonical_names(position, skills::SKILLS),
            soft_skills: self.skills.canonical_names(position, skills::SOFT_SKILLS),
            industries: self.industries.canonical_names(position, skills::INDUSTRIES),
            guide_sections: self.rendered.get(page).map_or_else(Vec::new, |r| {
                r.sections
                    .iter()
                    .map(|s| GuideSectionEntry {
                        heading: &s.heading,
                        anchor: &s.anchor,
                        entries: s.entries.len(),
                    })
                    .collect()
            }),
            language: translations.map(|_| self.config.language.as_str()),
            translations: translations.map(|t| {
                t.translations_of(&format!("{}{}", self.config.language_prefix(), p.url_path))
                    .into_iter()
                    .map(|v| TranslationEntry {
                        language: v.code,
                        url: v.permalink,
                        path: v.url,
                    })
                    .collect()
            }),
        }
    }
}

fn salary_basis(config: &SalaryConfig) -> SalaryBasis<'_> {
    SalaryBasis {
        hours_per_year: Number(config.hours_per_year),
        days_per_year: Number(config.days_per_year),
        months_per_year: Number(config.months_per_year),
        display_currency: config.display_currency.as_deref(),
        rates: config.rates.iter().map(|(currency, &rate)| RateEntry { currency, rate }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_amounts_are_integers() {
        assert_eq!(serde_json::to_string(&Number(85000.0)).unwrap(), "85000");
        assert_eq!(serde_json::to_string(&Number(62.5)).unwrap(), "62.5");
    }

    #[test]
    fn lists_put_one_item_on_each_line() {
        let mut out = String::new();
        push_lines(&mut out, "roles", &["{\"a\":1}".to_string(), "{\"b\":2}".to_string()], true);
        assert_eq!(out, "  \"roles\": [\n    {\"a\":1},\n    {\"b\":2}\n  ]\n");
        let mut empty = String::new();
        push_lines(&mut empty, "skills", &[], false);
        assert_eq!(empty, "  \"skills\": [],\n");
    }
}
