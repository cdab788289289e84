//! Salaries compared across roles: statistics per currency and section, the `/salaries/`
//! page, each role's comparison with its section, and the salary span on the home page.
//!
//! Currencies are never mixed: every figure belongs to one currency group, which is the
//! display currency for roles that could be converted and the role's own currency otherwise.

use std::collections::BTreeMap;

use serde::Serialize;

use super::chart::{self, Bar, ChartSection};
use super::stats::{self, Normalised, RangeStats};
use super::{SALARIES_PATH, Summaries, TermLink, format_rate, role_of};
use crate::config::{CONFIG_FILE, Config};
use crate::content::pagination::{self, Paginator};
use crate::content::{Library, frontmatter};
use crate::diagnostics::Diagnostic;
use crate::locale::Locale;
use crate::locate::locate_key;

/// Above this many roles in one currency, the chart draws one bar per section instead of
/// one per role: thousands of bars are unreadable, and the table still lists every role.
pub const CHART_MAX_ROLE_BARS: usize = 150;

/// Everything `/salaries/` shows, as `salaries`.
#[derive(Debug, Clone, Serialize)]
pub struct SalariesView {
    pub role_count: usize,
    pub disclosed_count: usize,
    pub undisclosed_count: usize,
    /// `hourly amounts × 2,080, daily × 260 and monthly × 12`
    pub normalisation: String,
    /// Set when amounts are converted into a display currency.
    pub conversion: Option<ConversionView>,
    pub groups: Vec<SalaryGroup>,
    /// The per-section tables that list every role.
    pub tables: Vec<SalaryTableLink>,
}

/// A link to the salary table of one section, with its counts.
#[derive(Debug, Clone, Serialize)]
pub struct SalaryTableLink {
    pub section: String,
    pub url: String,
    pub role_count: usize,
    pub undisclosed_count: usize,
    /// How many pages the table takes.
    pub pager_count: usize,
}

/// The roles of one section, in the order its salary table lists them: by currency group
/// (in the guide's currency order), then URL, the roles without a salary last.
#[derive(Debug, Clone)]
pub(super) struct SalaryTable {
    section: usize,
    /// `salaries/engineering/`.
    path: String,
    positions: Vec<usize>,
}

/// One pager of a section's salary table, as `table`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SalaryTableView {
    /// The section's title and URL.
    pub section: String,
    pub section_url: String,
    pub url: String,
    pub permalink: String,
    pub salaries_url: String,
    /// Roles of the section, and of those, how many do not disclose a salary.
    pub role_count: usize,
    pub undisclosed_count: usize,
    /// `hourly amounts × 2,080, daily × 260 and monthly × 12`
    pub normalisation: String,
    /// The currency groups with roles on this pager.
    pub groups: Vec<SalaryTableGroup>,
    /// Rows of this pager's roles that do not disclose a salary.
    pub undisclosed_html: String,
    pub undisclosed_rows: usize,
    /// Which pager this is; `pages` are its roles.
    pub paginator: Paginator<TermLink>,
}

/// The rows of one currency on one pager of a salary table.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SalaryTableGroup {
    pub currency: String,
    /// For element ids: `usd`.
    pub id: String,
    pub rows: usize,
    /// The `<tr>` rows, generated and escaped in [`super::rows`].
    pub rows_html: String,
}

/// How amounts were converted, for the sentence that says so.
#[derive(Debug, Clone, Serialize)]
pub struct ConversionView {
    pub currency: String,
    /// `1 EUR = 1.08 USD`
    pub rates: Vec<String>,
    /// Currencies of roles that could not be converted (no rate).
    pub unconverted: Vec<String>,
}

/// The roles compared in one currency.
#[derive(Debug, Clone, Serialize)]
pub struct SalaryGroup {
    pub currency: String,
    /// For element ids: `usd`.
    pub id: String,
    /// True for the display currency when some amounts were converted into it.
    pub converted: bool,
    pub role_count: usize,
    pub sections: Vec<StatsRow>,
    /// All sections together; always set for a group that has roles.
    pub total: Option<StatsRow>,
    /// Inline SVG, generated and escaped here.
    pub chart: String,
}

/// One line of a statistics table.
#[derive(Debug, Clone, Serialize)]
pub struct StatsRow {
    pub section: String,
    pub url: String,
    pub count: usize,
    pub lowest_min: String,
    pub median_mid: String,
    pub highest_max: String,
}

/// The lowest minimum and highest maximum of one currency, for the home page.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SpanView {
    pub currency: String,
    pub count: usize,
    pub lowest_min: String,
    pub highest_max: String,
    pub median_mid: String,
}

type SectionStats = BTreeMap<(String, usize), RangeStats>;
type CurrencyStats = BTreeMap<String, RangeStats>;

/// Statistics per (currency, section) and per currency, over roles that disclose a salary.
pub(super) fn statistics(library: &Library, roles: &[usize], normalised: &[Option<Normalised>]) -> (SectionStats, CurrencyStats) {
    let mut by_section: BTreeMap<(String, usize), Vec<&Normalised>> = BTreeMap::new();
    let mut by_currency: BTreeMap<String, Vec<&Normalised>> = BTreeMap::new();
    for (&page, n) in roles.iter().zip(normalised) {
        if let Some(n) = n {
            by_section
                .entry((n.currency.clone(), library.pages[page].section))
                .or_default()
                .push(n);
            by_currency.entry(n.currency.clone()).or_default().push(n);
        }
    }
    let section_stats = by_section
        .into_iter()
        .filter_map(|(k, v)| Some((k, stats::range_stats(v)?)))
        .collect();
    let currency_stats = by_currency
        .into_iter()
        .filter_map(|(k, v)| Some((k, stats::range_stats(v)?)))
        .collect();
    (section_stats, currency_stats)
}

/// Currency groups in the order pages show them: the display currency first, then by
/// number of roles (most first), then by code.
pub(super) fn currency_order(config: &Config, currency_stats: &CurrencyStats) -> Vec<String> {
    let display = config.salary.display_currency.as_deref();
    let mut codes: Vec<(&String, &RangeStats)> = currency_stats.iter().collect();
    codes.sort_by(|a, b| {
        let first = |code: &String| Some(code.as_str()) != display;
        first(a.0).cmp(&first(b.0)).then(b.1.count.cmp(&a.1.count)).then(a.0.cmp(b.0))
    });
    codes.into_iter().map(|(code, _)| code.clone()).collect()
}

/// One warning per role whose currency cannot be converted into the display currency.
pub(super) fn missing_rate_warnings(config: &Config, library: &Library, roles: &[usize]) -> Vec<Diagnostic> {
    let Some(display) = config.salary.display_currency.as_deref() else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for &page in roles {
        let Some(salary) = &role_of(library, page).salary else { continue };
        if stats::rate_for(&salary.currency, &config.salary).is_some() {
            continue;
        }
        let source = &library.pages[page].source;
        let text = std::fs::read_to_string(&source.path).unwrap_or_default();
        let (line, column) = currency_position(&text, &source.shown).unwrap_or((0, 0));
        let code = &salary.currency;
        warnings.push(
            Diagnostic::warning(
                &source.shown,
                line,
                column,
                format!("the salary is in {code}, which has no rate to {display}: it is shown in {code}, apart from the {display} figures"),
            )
            .with_hint(format!(
                "add `{code} = <{display} per 1 {code}>` under [salary.rates] in {CONFIG_FILE} to compare it with the others"
            ))
            .with_source(&text),
        );
    }
    warnings
}

/// Line and column of `[role.salary] currency` in a content file.
fn currency_position(text: &str, shown: &std::path::Path) -> Option<(usize, usize)> {
    let split = frontmatter::split(text, shown).ok()?;
    let (line, column) = locate_key(split.front, split.format, &["role", "salary", "currency"])?;
    Some((line + split.front_line - 1, column))
}

/// The sentence comparing a role's midpoint with the median midpoint of its section (or of
/// the whole guide when it is the only role of its section in its currency).
pub(super) fn comparison(summaries: &Summaries<'_>, position: usize) -> Option<String> {
    let n = summaries.normalised[position].as_ref()?;
    let section = summaries.library.pages[summaries.roles[position]].section;
    let in_section = summaries.section_stats.get(&(n.currency.clone(), section)).filter(|s| s.count >= 2);
    let locale = summaries.locale;
    let (stats, name) = match in_section {
        Some(stats) => (
            stats,
            locale.say("median_of_section", &[("section", &summaries.section_title(section))]),
        ),
        None => (
            summaries.currency_stats.get(&n.currency).filter(|s| s.count >= 2)?,
            locale.say("median_of_guide", &[]),
        ),
    };
    let percent = stats::percent_difference(n.mid, stats.median_mid)?;
    let key = match percent {
        0 => "comparison_at",
        p if p > 0 => "comparison_above",
        _ => "comparison_below",
    };
    let median = locale.amount(&n.currency, stats.median_mid.round());
    let percent = percent.unsigned_abs().to_string();
    Some(locale.say(key, &[("percent", &percent), ("median_of", &name), ("amount", &median)]))
}

/// The `/salaries/` view: one group per currency, then the roles without a salary.
pub fn salaries_view(summaries: &Summaries<'_>) -> SalariesView {
    let disclosed_count = summaries.normalised.iter().flatten().count();
    let groups = summaries.currencies.iter().map(|code| salary_group(summaries, code)).collect();
    let tables = summaries
        .salary_tables
        .iter()
        .enumerate()
        .map(|(i, table)| SalaryTableLink {
            section: summaries.section_title(table.section),
            url: format!("{}{}", summaries.config.base_path, table.path),
            role_count: table.positions.len(),
            undisclosed_count: table.positions.iter().filter(|&&p| summaries.normalised[p].is_none()).count(),
            pager_count: summaries.salary_table_pager_count(i),
        })
        .collect();
    SalariesView {
        role_count: summaries.roles.len(),
        disclosed_count,
        undisclosed_count: summaries.roles.len() - disclosed_count,
        normalisation: normalisation_sentence(summaries.config, summaries.locale),
        conversion: conversion_view(summaries),
        groups,
        tables,
    }
}

/// `hourly amounts × 2,080, daily × 260 and monthly × 12`
fn normalisation_sentence(config: &Config, locale: &Locale) -> String {
    let factor = |f: f64| {
        if f.fract() == 0.0 {
            locale.integer(f as u64)
        } else {
            format_rate(f)
        }
    };
    let s = &config.salary;
    locale.say(
        "normalisation",
        &[
            ("hours", &factor(s.hours_per_year)),
            ("days", &factor(s.days_per_year)),
            ("months", &factor(s.months_per_year)),
        ],
    )
}

fn conversion_view(summaries: &Summaries<'_>) -> Option<ConversionView> {
    let display = summaries.config.salary.display_currency.clone()?;
    let rates = summaries
        .config
        .salary
        .rates
        .iter()
        .map(|(code, rate)| format!("1 {code} = {} {display}", format_rate(*rate)))
        .collect();
    let unconverted = summaries.currencies.iter().filter(|c| **c != display).cloned().collect();
    Some(ConversionView {
        currency: display,
        rates,
        unconverted,
    })
}

/// Positions (into `roles`) of the roles compared in `code`, by section then URL.
fn positions_in(summaries: &Summaries<'_>, code: &str) -> Vec<usize> {
    let rank = section_ranks(summaries);
    let mut positions: Vec<usize> = (0..summaries.roles.len())
        .filter(|&i| summaries.normalised[i].as_ref().is_some_and(|n| n.currency == code))
        .collect();
    // Roles are already in URL order; a stable sort keeps it within each section.
    positions.sort_by_key(|&i| rank[summaries.library.pages[summaries.roles[i]].section]);
    positions
}

/// Display position of each section (by section index); sections without roles last.
fn section_ranks(summaries: &Summaries<'_>) -> Vec<usize> {
    let mut rank = vec![usize::MAX; summaries.library.sections.len()];
    for (position, &section) in summaries.sections.iter().enumerate() {
        rank[section] = position;
    }
    rank
}

fn salary_group(summaries: &Summaries<'_>, code: &str) -> SalaryGroup {
    let positions = positions_in(summaries, code);
    let converted = summaries.config.salary.display_currency.as_deref() == Some(code)
        && positions
            .iter()
            .any(|&i| summaries.normalised[i].as_ref().is_some_and(|n| n.rate.is_some()));
    let sections: Vec<StatsRow> = summaries
        .sections
        .iter()
        .filter_map(|&section| {
            let stats = summaries.section_stats.get(&(code.to_string(), section))?;
            Some(stats_row(
                summaries.locale,
                code,
                summaries.section_title(section),
                summaries.table_url(section),
                stats,
            ))
        })
        .collect();
    let total = summaries.currency_stats.get(code).map(|stats| {
        stats_row(
            summaries.locale,
            code,
            summaries.locale.say("all_sections", &[]),
            String::new(),
            stats,
        )
    });
    SalaryGroup {
        currency: code.to_string(),
        id: code.to_lowercase(),
        converted,
        role_count: positions.len(),
        chart: group_chart(summaries, code, &positions),
        total,
        sections,
    }
}

fn stats_row(locale: &Locale, code: &str, section: String, url: String, stats: &RangeStats) -> StatsRow {
    StatsRow {
        section,
        url,
        count: stats.count,
        lowest_min: locale.amount(code, stats.lowest_min),
        median_mid: locale.amount(code, stats.median_mid.round()),
        highest_max: locale.amount(code, stats.highest_max),
    }
}

/// The chart of one currency group: a bar per role, or per section for large groups.
fn group_chart(summaries: &Summaries<'_>, code: &str, positions: &[usize]) -> String {
    let per_role = positions.len() <= CHART_MAX_ROLE_BARS;
    let mut sections: Vec<ChartSection> = Vec::new();
    for &section in &summaries.sections {
        let title = summaries.section_title(section);
        let bars: Vec<Bar> = if per_role {
            positions
                .iter()
                .filter(|&&i| summaries.library.pages[summaries.roles[i]].section == section)
                .filter_map(|&i| role_bar(summaries, i))
                .collect()
        } else {
            summaries
                .section_stats
                .get(&(code.to_string(), section))
                .map(|s| section_bar(summaries.locale, &title, code, s))
                .into_iter()
                .collect()
        };
        if !bars.is_empty() {
            sections.push(ChartSection { title, bars });
        }
    }
    let locale = summaries.locale;
    let description = chart_description(locale, code, positions.len(), sections.len(), per_role);
    let title = locale.say("chart_title", &[("currency", code)]);
    chart::salary_chart(
        &format!("chart-{}", code.to_lowercase()),
        code,
        &locale.code,
        &title,
        &description,
        &sections,
    )
}

fn role_bar(summaries: &Summaries<'_>, position: usize) -> Option<Bar> {
    let n = summaries.normalised[position].as_ref()?;
    let row = &summaries.rows[position];
    let salary = row.salary.as_ref()?;
    Some(Bar {
        label: row.title.clone(),
        detail: summaries.locale.say(
            "chart_role_bar",
            &[
                ("role", &row.title),
                ("min", &salary.min_display),
                ("max", &salary.max_display),
                ("mid", &salary.mid_display),
            ],
        ),
        min: n.min,
        max: n.max,
        mid: n.mid,
    })
}

fn section_bar(locale: &Locale, title: &str, code: &str, stats: &RangeStats) -> Bar {
    let amount = |v: f64| locale.amount(code, v);
    let roles = locale.count("role_count", stats.count as u64, &[]);
    Bar {
        label: locale.say("chart_section_label", &[("section", title), ("roles", &roles)]),
        detail: locale.say(
            "chart_section_bar",
            &[
                ("section", title),
                ("roles", &roles),
                ("min", &amount(stats.lowest_min)),
                ("max", &amount(stats.highest_max)),
                ("mid", &amount(stats.median_mid.round())),
            ],
        ),
        min: stats.lowest_min,
        max: stats.highest_max,
        mid: stats.median_mid,
    }
}

fn chart_description(locale: &Locale, code: &str, roles: usize, sections: usize, per_role: bool) -> String {
    let how = locale.say(if per_role { "chart_per_role" } else { "chart_per_section" }, &[]);
    locale.say(
        "chart_description",
        &[
            ("roles", &locale.count("role_count", roles as u64, &[])),
            ("currency", code),
            ("sections", &locale.count("section_count", sections as u64, &[])),
            ("how", &how),
        ],
    )
}

/// Per currency: how many roles, lowest minimum, median midpoint and highest maximum.
pub fn salary_spans(summaries: &Summaries<'_>) -> Vec<SpanView> {
    summaries
        .currencies
        .iter()
        .filter_map(|code| {
            let stats = summaries.currency_stats.get(code)?;
            Some(SpanView {
                currency: code.clone(),
                count: stats.count,
                lowest_min: summaries.locale.amount(code, stats.lowest_min),
                highest_max: summaries.locale.amount(code, stats.highest_max),
                median_mid: summaries.locale.amount(code, stats.median_mid.round()),
            })
        })
        .collect()
}

/// Links to roles in the highest demand level any role has, up to `limit`, taken from each
/// section in turn (in display order, then URL order) so the list shows the breadth of the
/// guide; and how many such roles there are in all.
pub fn highest_demand(summaries: &Summaries<'_>, limit: usize) -> (String, usize, Vec<TermLink>) {
    let Some(top) = summaries.rows.iter().map(|r| r.demand_rank).max() else {
        return (String::new(), 0, Vec::new());
    };
    let rank = section_ranks(summaries);
    let mut by_section: Vec<Vec<usize>> = vec![Vec::new(); summaries.sections.len()];
    let mut count = 0;
    for (position, row) in summaries.rows.iter().enumerate() {
        if row.demand_rank == top {
            let section = rank[summaries.library.pages[summaries.roles[position]].section];
            if let Some(list) = by_section.get_mut(section) {
                list.push(position);
            }
            count += 1;
        }
    }
    let mut picked: Vec<usize> = Vec::with_capacity(limit);
    for round in 0.. {
        let before = picked.len();
        picked.extend(by_section.iter().filter_map(|list| list.get(round)).take(limit - picked.len()));
        if picked.len() == limit || picked.len() == before {
            break;
        }
    }
    let label = picked.first().map(|&p| summaries.rows[p].demand_label.clone()).unwrap_or_default();
    let links = picked
        .iter()
        .map(|&p| TermLink {
            name: summaries.rows[p].title.clone(),
            url: summaries.rows[p].url.clone(),
        })
        .collect();
    (label, count, links)
}

/// The salary table of each section that holds roles, in display order. A section's
/// table lives under `/salaries/` at the section's own path; the home page's own roles,
/// if any, at `/salaries/home/` (or `home-2/`… when a section already has that path).
pub(super) fn salary_tables(
    library: &Library,
    roles: &[usize],
    normalised: &[Option<Normalised>],
    sections: &[usize],
    currencies: &[String],
) -> Vec<SalaryTable> {
    let group_rank = |position: usize| match &normalised[position] {
        Some(n) => currencies.iter().position(|c| *c == n.currency).unwrap_or(currencies.len()),
        None => currencies.len() + 1,
    };
    let mut by_section: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (position, &page) in roles.iter().enumerate() {
        by_section.entry(library.pages[page].section).or_default().push(position);
    }
    let taken: std::collections::HashSet<&str> = library.sections.iter().map(|s| s.url_path.as_str()).collect();
    let home_path = (1..)
        .map(|n| if n == 1 { "home/".to_string() } else { format!("home-{n}/") })
        .find(|path| !taken.contains(path.as_str()))
        .unwrap_or_default();
    sections
        .iter()
        .map(|&section| {
            let mut positions = by_section.remove(&section).unwrap_or_default();
            // Already in URL order: a stable sort keeps it within each currency.
            positions.sort_by_key(|&p| group_rank(p));
            let url_path = &library.sections[section].url_path;
            let own = if url_path.is_empty() { &home_path } else { url_path };
            SalaryTable {
                section,
                path: format!("{SALARIES_PATH}{own}"),
                positions,
            }
        })
        .collect()
}

impl Summaries<'_> {
    /// URL of the salary table of a section (one that holds roles), with the base path.
    fn table_url(&self, section: usize) -> String {
        let table = self.salary_tables.iter().find(|t| t.section == section);
        let path = table.map_or(SALARIES_PATH, |t| t.path.as_str());
        format!("{}{path}", self.config.base_path)
    }

    /// How many per-section salary tables there are.
    pub fn salary_table_count(&self) -> usize {
        self.salary_tables.len()
    }

    /// URL path of salary table `index`: `salaries/engineering/`.
    pub fn salary_table_path(&self, index: usize) -> &str {
        &self.salary_tables[index].path
    }

    /// How many pagers salary table `index` has.
    pub fn salary_table_pager_count(&self, index: usize) -> usize {
        pagination::pager_count(self.salary_tables[index].positions.len(), self.config.paginate_by)
    }

    /// Pager `number` of salary table `index`: this pager's rows grouped by currency, the
    /// rows without a salary apart.
    pub fn salary_table_view(&self, index: usize, number: usize) -> SalaryTableView {
        let table = &self.salary_tables[index];
        let per = self.config.paginate_by;
        let listed = &table.positions[pagination::pager_items(table.positions.len(), per, number)];
        let mut groups: Vec<SalaryTableGroup> = Vec::new();
        let mut undisclosed_html = String::new();
        let mut undisclosed_rows = 0;
        for &position in listed {
            let row = &self.row_html[position].salary;
            let Some(n) = &self.normalised[position] else {
                undisclosed_html.push_str(row);
                undisclosed_rows += 1;
                continue;
            };
            match groups.last_mut() {
                Some(group) if group.currency == n.currency => {
                    group.rows += 1;
                    group.rows_html.push_str(row);
                }
                _ => groups.push(SalaryTableGroup {
                    currency: n.currency.clone(),
                    id: n.currency.to_lowercase(),
                    rows: 1,
                    rows_html: row.clone(),
                }),
            }
        }
        let links = listed.iter().map(|&p| self.role_link(p)).collect();
        let section = &self.library.sections[table.section];
        SalaryTableView {
            section: self.section_title(table.section),
            section_url: format!("{}{}", self.config.base_path, section.url_path),
            url: format!("{}{}", self.config.base_path, table.path),
            permalink: format!("{}/{}", self.config.base_url, table.path),
            salaries_url: format!("{}{SALARIES_PATH}", self.config.base_path),
            role_count: table.positions.len(),
            undisclosed_count: table.positions.iter().filter(|&&p| self.normalised[p].is_none()).count(),
            normalisation: normalisation_sentence(self.config, self.locale),
            groups,
            undisclosed_html,
            undisclosed_rows,
            paginator: Paginator::new(self.config, &table.path, table.positions.len(), per, number, links),
        }
    }
}
