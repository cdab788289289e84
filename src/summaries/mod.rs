//! Summaries across roles: salaries, skills and industries compared over the whole guide,
//! plus the data other tools read (`/roles.json`, JSON-LD on each role page).
//!
//! Everything is derived from the `[role]` front matter at build time, so nothing is typed
//! twice. [`Summaries::new`] does the shared work once (one row per role, normalised
//! salaries, statistics, skill and industry indexes); each generated page then builds its
//! own view from it inside its render job, so large guides pay for big pages in parallel.
//! This module knows nothing about templates: it hands out serialisable views.

pub mod chart;
pub mod jsonld;
pub mod roles_json;
pub mod rows;
pub mod salaries;
pub mod skills;
pub mod stats;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::Library;
use crate::content::role::{Demand, Role};
use crate::diagnostics::Diagnostic;
use crate::locale::Locale;
use crate::markdown::Rendered;
use skills::Terms;
use stats::{Normalised, RangeStats};

/// URL path of the salary table and chart.
pub const SALARIES_PATH: &str = "salaries/";
/// URL path of the skills overview; skill pages live below it.
pub const SKILLS_PATH: &str = "skills/";
/// URL path of the industries overview; industry pages live below it.
pub const INDUSTRIES_PATH: &str = "industries/";
/// Output file of the machine-readable list of roles.
pub const ROLES_JSON: &str = "roles.json";

/// Everything the summary pages need, computed once per build.
pub struct Summaries<'a> {
    config: &'a Config,
    /// The language the pages are in: their words, plural forms and amounts.
    locale: &'a Locale,
    library: &'a Library,
    rendered: &'a [Arc<Rendered>],
    /// Role pages (indexes into `library.pages`) in URL order: the order of every list.
    roles: Vec<usize>,
    /// Page index → position in `roles`.
    role_of_page: Vec<Option<usize>>,
    /// One display row per role, in the order of `roles`.
    rows: Vec<RoleRow>,
    /// The same rows as table HTML, built once and reused by every table that lists them.
    row_html: Vec<rows::RowHtml>,
    /// Each role's salary on the common footing; `None` when not disclosed.
    normalised: Vec<Option<Normalised>>,
    /// Sections that hold roles, in display order: the grouping of every table and chart.
    sections: Vec<usize>,
    /// Currencies roles are compared in, most roles first.
    currencies: Vec<String>,
    /// Statistics per (currency, section) and per currency over all sections.
    section_stats: BTreeMap<(String, usize), RangeStats>,
    currency_stats: BTreeMap<String, RangeStats>,
    skills: Terms,
    industries: Terms,
    /// The per-section salary tables, in the order of `sections`.
    salary_tables: Vec<salaries::SalaryTable>,
    warnings: Vec<Diagnostic>,
}

/// One role as the summary pages list it: display-ready strings plus numbers to sort by.
#[derive(Debug, Clone, Serialize)]
pub struct RoleRow {
    pub title: String,
    pub url: String,
    pub section: String,
    pub section_url: String,
    pub experience_years: u32,
    /// `5+ years`, `Entry level`
    pub experience_display: String,
    pub demand: String,
    /// `High demand`
    pub demand_label: String,
    /// 1 (low) to 3 (high), for sorting.
    pub demand_rank: u8,
    /// `None`: the role does not disclose its salary.
    pub salary: Option<RowSalary>,
}

/// A role's salary as written and on the common footing (yearly, in its group's currency).
#[derive(Debug, Clone, Serialize)]
pub struct RowSalary {
    /// `$55 – $85`
    pub written: String,
    pub period: String,
    /// `per hour`
    pub period_label: String,
    /// 1 (hour) to 4 (year), for sorting.
    pub period_rank: u8,
    /// `USD 120000`: sorts by currency, then yearly midpoint (the script compares numbers in
    /// text by value), where one column mixes currencies.
    pub sort_key: String,
    /// The currency as written.
    pub currency: String,
    /// Yearly figures in `yearly_currency`.
    pub min: f64,
    pub max: f64,
    pub mid: f64,
    pub min_display: String,
    pub max_display: String,
    pub mid_display: String,
    pub yearly_currency: String,
    /// `converted from EUR at 1.08`, when the figures were converted.
    pub conversion: Option<String>,
}

/// A link to a summary page, with the name shown.
#[derive(Debug, Clone, Serialize, PartialEq, Hash)]
pub struct TermLink {
    pub name: String,
    pub url: String,
}

/// What a role page adds to its summary card.
#[derive(Debug, Clone, Serialize)]
pub struct RoleExtras {
    /// `Midpoint 12% above the Engineering median ($135,000 a year)`; `None` when there is
    /// nothing to compare with.
    pub comparison: Option<String>,
    pub skills: Vec<TermLink>,
    pub soft_skills: Vec<TermLink>,
    pub industries: Vec<TermLink>,
    /// schema.org `Occupation` as JSON, safe to place inside `<script>`.
    pub json_ld: String,
}

/// The short summary on the home page (and available to every template as `summaries`).
#[derive(Debug, Clone, Serialize)]
pub struct HomeSummary {
    pub role_count: usize,
    pub section_count: usize,
    pub undisclosed_count: usize,
    /// Lowest minimum to highest maximum per year, per currency.
    pub salary_spans: Vec<salaries::SpanView>,
    pub display_currency: Option<String>,
    pub top_skills: Vec<skills::TermSummary>,
    /// `High demand`: the highest demand level any role has.
    pub demand_label: String,
    pub demand_count: usize,
    pub in_demand: Vec<TermLink>,
    pub salaries_url: String,
    pub skills_url: String,
    pub industries_url: String,
    pub roles_json_url: String,
}

/// How many skills and in-demand roles the home page names.
pub const HOME_TOP: usize = 6;

impl<'a> Summaries<'a> {
    /// Gathers rows, normalised salaries, statistics and skill and industry indexes.
    /// `rendered` holds each page's rendered Markdown, by page index.
    pub fn new(config: &'a Config, library: &'a Library, rendered: &'a [Arc<Rendered>], locale: &'a Locale) -> Summaries<'a> {
        let roles: Vec<usize> = library
            .pages_by_url()
            .into_iter()
            .filter(|&p| library.pages[p].role.is_some())
            .collect();
        let mut role_of_page = vec![None; library.pages.len()];
        for (position, &page) in roles.iter().enumerate() {
            role_of_page[page] = Some(position);
        }
        let normalised: Vec<Option<Normalised>> = roles
            .par_iter()
            .map(|&p| role_of(library, p).salary.as_ref().map(|s| stats::normalise(s, &config.salary)))
            .collect();
        // Rows and the skill and industry indexes do not depend on each other.
        let ((rows, row_html), (skills, industries)) = rayon::join(
            || {
                let rows: Vec<RoleRow> = roles
                    .par_iter()
                    .zip(&normalised)
                    .map(|(&p, n)| role_row(config, library, locale, p, n.as_ref()))
                    .collect();
                let row_html: Vec<rows::RowHtml> = rows.par_iter().map(rows::row_html).collect();
                (rows, row_html)
            },
            || {
                rayon::join(
                    || skills::gather_skills(library, &roles, &config.skills.aliases),
                    || skills::gather_industries(library, &roles, &config.industries.aliases),
                )
            },
        );
        let sections = sections_in_display_order(library, &roles);
        let (section_stats, currency_stats) = salaries::statistics(library, &roles, &normalised);
        let currencies = salaries::currency_order(config, &currency_stats);
        let salary_tables = salaries::salary_tables(library, &roles, &normalised, &sections, &currencies);
        let warnings = salaries::missing_rate_warnings(config, library, &roles);
        Summaries {
            config,
            locale,
            library,
            rendered,
            roles,
            role_of_page,
            rows,
            row_html,
            normalised,
            sections,
            currencies,
            section_stats,
            currency_stats,
            skills,
            industries,
            salary_tables,
            warnings,
        }
    }

    /// The home page summary.
    pub fn home(&self) -> HomeSummary {
        let (demand_label, demand_count, in_demand) = salaries::highest_demand(self, HOME_TOP);
        let url = |path: &str| format!("{}{path}", self.config.base_path);
        HomeSummary {
            role_count: self.roles.len(),
            section_count: self.sections.len(),
            undisclosed_count: self.normalised.iter().filter(|n| n.is_none()).count(),
            salary_spans: salaries::salary_spans(self),
            display_currency: self.config.salary.display_currency.clone(),
            top_skills: self.top_skills(HOME_TOP),
            demand_label,
            demand_count,
            in_demand,
            salaries_url: url(SALARIES_PATH),
            skills_url: url(SKILLS_PATH),
            industries_url: url(INDUSTRIES_PATH),
            roles_json_url: url(ROLES_JSON),
        }
    }

    /// The `/salaries/` view.
    pub fn salaries_view(&self) -> salaries::SalariesView {
        salaries::salaries_view(self)
    }

    /// Build warnings: roles whose currency has no conversion rate.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// URL paths of every generated page, every pager of a paginated one included, for
    /// the sitemap.
    pub fn url_paths(&self) -> Vec<String> {
        let mut paths = vec![SALARIES_PATH.to_string(), SKILLS_PATH.to_string(), INDUSTRIES_PATH.to_string()];
        let listings = (0..self.skill_count())
            .map(|i| (self.skill_path(i), self.skill_pager_count(i)))
            .chain((0..self.industry_count()).map(|i| (self.industry_path(i), self.industry_pager_count(i))))
            .chain((0..self.salary_table_count()).map(|i| (self.salary_table_path(i).to_string(), self.salary_table_pager_count(i))));
        for (listing, pagers) in listings {
            paths.extend((2..=pagers).map(|n| crate::content::pagination::pager_url_path(&listing, n)));
            paths.push(listing);
        }
        paths
    }

    /// How many skill pages there are (`/skills/<slug>/`).
    pub fn skill_count(&self) -> usize {
        self.skills.terms.len()
    }

    /// How many industry pages there are (`/industries/<slug>/`).
    pub fn industry_count(&self) -> usize {
        self.industries.terms.len()
    }

    /// Output path (`skills/python/index.html`) of skill page `index`.
    pub fn skill_output(&self, index: usize) -> String {
        format!("{SKILLS_PATH}{}/index.html", self.skills.terms[index].slug)
    }

    /// Output path of industry page `index`.
    pub fn industry_output(&self, index: usize) -> String {
        format!("{INDUSTRIES_PATH}{}/index.html", self.industries.terms[index].slug)
    }

    /// Errors for content that would be written where a generated page goes: a page, an
    /// alias, a section or a plain file at `/salaries/`, `/skills/…`, `/industries/…`,
    /// `/roles.json` or one of `site_files` (the feed, `/atom.xml`), which later phases
    /// write and name.
    pub fn check_paths(&self, site_files: &[&str]) -> Vec<Diagnostic> {
        let generated = self.url_paths();
        let mut reserved: Vec<&str> = generated.iter().map(String::as_str).collect();
        reserved.extend([ROLES_JSON, "roles.json/"]);
        let folders: Vec<String> = site_files.iter().map(|file| format!("{file}/")).collect();
        reserved.extend(site_files.iter().copied().chain(folders.iter().map(String::as_str)));
        let mut errors = crate::content::check_reserved(self.library, &reserved);
        for section in &self.library.sections {
            if generated.contains(&section.url_path) {
                let file = match &section.source {
                    Some(source) => source.shown.clone(),
                    None => std::path::Path::new(crate::content::CONTENT_DIR).join(&section.folder),
                };
                errors.push(
                    Diagnostic::error(
                        file,
                        0,
                        0,
                        format!(
                            "this section would be written to /{}, which the guide uses for a generated page",
                            section.url_path
                        ),
                    )
                    .with_hint("rename the folder: the summaries of salaries, skills and industries are generated there"),
                );
            }
        }
        for (source, path) in &self.library.files {
            if path == ROLES_JSON || site_files.contains(&path.as_str()) || generated.iter().any(|g| *path == format!("{g}index.html")) {
                let shown = crate::diagnostics::display_path(&self.config.root, source);
                errors.push(
                    Diagnostic::error(
                        shown,
                        0,
                        0,
                        format!("this file would be copied to /{path}, which the guide generates itself"),
                    )
                    .with_hint("rename or move the file"),
                );
            }
        }
        errors
    }

    /// What the role page of `page` adds: the comparison with its section, links to skill
    /// and industry pages, and its JSON-LD. `None` for pages that are not roles.
    pub fn role_extras(&self, page: usize) -> Option<RoleExtras> {
        let position = self.role_of_page.get(page).copied().flatten()?;
        let role = role_of(self.library, page);
        Some(RoleExtras {
            comparison: salaries::comparison(self, position),
            skills: self.links_as_written(position, &role.skills, &self.skills, skills::SKILLS),
            soft_skills: self.links_as_written(position, &role.soft_skills, &self.skills, skills::SOFT_SKILLS),
            industries: self.links_as_written(position, &role.industries, &self.industries, skills::INDUSTRIES),
            json_ld: jsonld::occupation(self, page, position),
        })
    }

    /// Each name as the role writes it, linked to the page of the term it belongs to
    /// (`K8s` → `/skills/kubernetes/`).
    fn links_as_written(&self, position: usize, names: &[String], terms: &Terms, list: usize) -> Vec<TermLink> {
        names
            .iter()
            .zip(terms.of_role(position, list))
            .map(|(name, &t)| TermLink {
                name: name.clone(),
                url: terms.url(self.config, &terms.terms[t]),
            })
            .collect()
    }

    /// The section a role is grouped under, as shown: its title ("Home" for the home page's
    /// own roles).
    fn section_title(&self, section: usize) -> String {
        section_title(self.library, self.locale, section)
    }
}

/// The `[role]` of a page known to be a role.
fn role_of(library: &Library, page: usize) -> &Role {
    library.pages[page].role.as_ref().unwrap_or(&EMPTY_ROLE)
}

/// Stands in for a missing role so lookups never panic; never reached for role pages.
static EMPTY_ROLE: Role = Role {
    experience_years: 0,
    demand: Demand::Low,
    industries: Vec::new(),
    skills: Vec::new(),
    soft_skills: Vec::new(),
    salary: None,
};

fn section_title(library: &Library, locale: &Locale, section: usize) -> String {
    let s = &library.sections[section];
    if s.is_home() { locale.say("home", &[]) } else { s.title.clone() }
}

/// Sections that directly hold roles, in the order the site shows them: home first, then
/// a depth-first walk of subsections (already sorted by weight, title and URL).
fn sections_in_display_order(library: &Library, roles: &[usize]) -> Vec<usize> {
    let mut has_roles = vec![false; library.sections.len()];
    for &page in roles {
        has_roles[library.pages[page].section] = true;
    }
    let mut order = Vec::new();
    let mut stack = vec![0usize];
    while let Some(section) = stack.pop() {
        if has_roles[section] {
            order.push(section);
        }
        stack.extend(library.sections[section].subsections.iter().rev());
    }
    order
}

/// The row of one role.
fn role_row(config: &Config, library: &Library, locale: &Locale, page: usize, normalised: Option<&Normalised>) -> RoleRow {
    let p = &library.pages[page];
    let role = role_of(library, page);
    let section = &library.sections[p.section];
    RoleRow {
        title: p.title.clone(),
        url: format!("{}{}", config.base_path, p.url_path),
        section: section_title(library, locale, p.section),
        section_url: format!("{}{}", config.base_path, section.url_path),
        experience_years: role.experience_years,
        experience_display: experience_display(locale, role.experience_years),
        demand: role.demand.as_str().to_string(),
        demand_label: demand_label(locale, role.demand),
        demand_rank: demand_rank(role.demand),
        salary: role.salary.as_ref().zip(normalised).map(|(s, n)| row_salary(locale, s, n)),
    }
}

fn row_salary(locale: &Locale, salary: &crate::content::role::Salary, n: &Normalised) -> RowSalary {
    let min_written = locale.amount(&salary.currency, salary.min);
    let max_written = locale.amount(&salary.currency, salary.max);
    RowSalary {
        written: if salary.min == salary.max {
            min_written
        } else {
            format!("{min_written} – {max_written}")
        },
        period: salary.period.as_str().to_string(),
        period_label: period_label(locale, salary.period),
        period_rank: period_rank(salary.period),
        sort_key: format!("{} {:.0}", n.currency, n.mid),
        currency: salary.currency.clone(),
        min: n.min,
        max: n.max,
        mid: n.mid,
        min_display: locale.amount(&n.currency, n.min),
        max_display: locale.amount(&n.currency, n.max),
        mid_display: locale.amount(&n.currency, n.mid),
        yearly_currency: n.currency.clone(),
        conversion: n
            .rate
            .map(|rate| locale.say("converted_from", &[("currency", &salary.currency), ("rate", &format_rate(rate))])),
    }
}

/// A rate as people write it: `1.08`, `0.0067`, `1`.
pub fn format_rate(rate: f64) -> String {
    let text = format!("{rate:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// How a role's experience requirement is shown: `Entry level`, `1+ year`, `5+ years`.
pub fn experience_display(locale: &Locale, years: u32) -> String {
    match years {
        0 => locale.say("experience_entry", &[]),
        n => locale.count("experience_years", u64::from(n), &[]),
    }
}

/// How a demand level is shown.
pub fn demand_label(locale: &Locale, demand: Demand) -> String {
    let key = match demand {
        Demand::Low => "demand_low",
        Demand::Medium => "demand_medium",
        Demand::High => "demand_high",
    };
    locale.say(key, &[])
}

/// How a salary's period is shown: `per year`.
pub fn period_label(locale: &Locale, period: crate::content::role::Period) -> String {
    locale.say(&format!("per_{}", period.as_str()), &[])
}

fn period_rank(period: crate::content::role::Period) -> u8 {
    use crate::content::role::Period;
    match period {
        Period::Hour => 1,
        Period::Day => 2,
        Period::Month => 3,
        Period::Year => 4,
    }
}

fn demand_rank(demand: Demand) -> u8 {
    match demand {
        Demand::Low => 1,
        Demand::Medium => 2,
        Demand::High => 3,
    }
}

/// A whole count with thousands separators: `10,000`.
pub fn format_count(count: usize) -> String {
    crate::locale::group_thousands(count as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_rates_are_formatted_for_people() {
        assert_eq!(format_count(10000), "10,000");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_rate(1.08), "1.08");
        assert_eq!(format_rate(1.0), "1");
        assert_eq!(format_rate(0.0067), "0.0067");
    }
}
