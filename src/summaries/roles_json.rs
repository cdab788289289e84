//! `/roles.json`: every role as data for other tools.
//!
//! The format is documented in `docs/summaries.md` and versioned by [`VERSION`]: keys come
//! in the fixed order of the structs below, roles are sorted by URL, and amounts are
//! whole numbers where they are whole, so the same guide always gives the same bytes.

use serde::{Serialize, Serializer};

use super::{Summaries, TermLink, role_of};
use crate::config::SalaryConfig;

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

#[derive(Serialize)]
struct RolesFile<'a> {
    version: u32,
    title: &'a str,
    base_url: &'a str,
    salary_basis: SalaryBasis<'a>,
    role_count: usize,
    roles: Vec<RoleEntry<'a>>,
}

/// How the normalised figures were computed.
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
    skills: Vec<NameEntry<'a>>,
    soft_skills: Vec<NameEntry<'a>>,
    industries: Vec<NameEntry<'a>>,
    guide_sections: Vec<GuideSectionEntry<'a>>,
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
struct NameEntry<'a> {
    name: String,
    as_written: &'a str,
    path: String,
}

#[derive(Serialize)]
struct GuideSectionEntry<'a> {
    heading: &'a str,
    anchor: &'a str,
    entries: usize,
}

impl Summaries<'_> {
    /// The bytes of `/roles.json`, pretty-printed with a final newline.
    pub fn roles_json(&self) -> Vec<u8> {
        let file = RolesFile {
            version: VERSION,
            title: &self.config.title,
            base_url: &self.config.base_url,
            salary_basis: salary_basis(&self.config.salary),
            role_count: self.roles.len(),
            roles: (0..self.roles.len()).map(|position| self.role_entry(position)).collect(),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    fn role_entry(&self, position: usize) -> RoleEntry<'_> {
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
            skills: self.names(&role.skills, &self.skills),
            soft_skills: self.names(&role.soft_skills, &self.skills),
            industries: self.names(&role.industries, &self.industries),
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
        }
    }
}

impl<'a> Summaries<'a> {
    /// Each written name with the canonical name and page it belongs to.
    fn names(&self, list: &'a [String], terms: &super::skills::Terms) -> Vec<NameEntry<'a>> {
        list.iter().filter_map(|n| name_entry(n, terms.link(n, self.config))).collect()
    }
}

fn name_entry(written: &str, link: Option<TermLink>) -> Option<NameEntry<'_>> {
    link.map(|l| NameEntry {
        name: l.name,
        as_written: written,
        path: l.url,
    })
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
}
