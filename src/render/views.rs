//! What templates see: plain serialisable views of the site, built once per page.
//!
//! Views hold display-ready strings (formatted salaries, dates, URLs with the base path) so
//! templates stay simple and every theme formats the same way.

use serde::Serialize;

use crate::config::Config;
use crate::content::pagination::{self, Paginator};
use crate::content::role::Role;
use crate::content::{Library, Page, Section};
use crate::locale::{Locale, Text};
use crate::markdown::{GuideSection, Rendered, TocEntry};
use crate::summaries::{self, RoleExtras};

/// Site-wide values available to every template as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub base_url: String,
    /// `/` or `/sub/path/`: prefix of every internal link.
    pub base_path: String,
    /// The base path of the whole site, where the theme's files, the sitemap and the other
    /// languages' folders are: `base_path` itself in the default language, `/` or
    /// `/sub/path/` in `/de/`.
    pub root_path: String,
    pub language: String,
    /// `ltr` or `rtl`, for `<html dir>`.
    pub dir: &'static str,
    /// More than one language: pages carry `hreflang` alternates and a language switcher.
    pub multilingual: bool,
    pub build_search_index: bool,
    /// The search box needs `search-lang.js`: the language's search pipeline is not
    /// English's (a Snowball stemmer, or segmenting).
    pub search_language_script: bool,
    pub extra: serde_json::Value,
    /// Top-level sections for navigation.
    pub nav: Vec<LinkView>,
    /// Query string appended to asset URLs so browsers fetch new versions after a rebuild.
    pub asset_version: String,
    /// The theme's strings in this language (`i18n/<code>.toml`), by key.
    pub strings: std::collections::BTreeMap<String, Text>,
    /// The strings each browser script says, as JSON for a `data-strings` attribute.
    pub script_strings: ScriptStrings,
}

/// The words of the browser scripts, by script: they take them from the page, so a page
/// in German searches and filters in German.
#[derive(Debug, Clone, Serialize)]
pub struct ScriptStrings {
    /// search.js: on the search form of every page.
    pub search: String,
    /// search-page.js: on the /search/ page only.
    pub search_page: String,
    /// table.js: on the table filter.
    pub table: String,
}

const SEARCH_SCRIPT_KEYS: &[&str] = &[
    "search_count",
    "search_none",
    "search_hint",
    "search_unavailable",
    "search_retry",
    "search_see_all",
    "search_error_letters",
    "search_error_word",
    "search_error_star",
    "search_error_broad",
    "search_error_typos",
    "search_error_field",
    "search_error_before",
    "search_error_modifier",
];
const SEARCH_PAGE_SCRIPT_KEYS: &[&str] = &["search_more", "search_reload"];
const TABLE_SCRIPT_KEYS: &[&str] = &["showing_all", "showing_some", "no_match", "filter_roles", "filter_placeholder"];

/// The strings of `keys` as a JSON object, each key without `prefix` (which keeps
/// search.js within its size budget): `{"count":{"one":"{n} result",…},…}`.
fn script_strings(locale: &Locale, keys: &[&str], prefix: &str) -> String {
    let picked: std::collections::BTreeMap<&str, &Text> = keys
        .iter()
        .filter_map(|&key| Some((key.strip_prefix(prefix).unwrap_or(key), locale.texts().get(key)?)))
        .collect();
    serde_json::to_string(&picked).unwrap_or_default()
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

/// A salary range ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct SalaryView {
    pub min: f64,
    pub max: f64,
    pub currency: String,
    pub period: String,
    pub min_display: String,
    pub max_display: String,
    /// `$100,000 – $150,000`
    pub range_display: String,
    /// `per year`
    pub period_label: String,
}

/// A role's requirements ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub experience_years: u32,
    /// `5+ years`, `Entry level`
    pub experience_display: String,
    pub demand: String,
    /// `High demand`
    pub demand_label: String,
    pub industries: Vec<String>,
    pub skills: Vec<String>,
    pub soft_skills: Vec<String>,
    pub salary: Option<SalaryView>,
    pub question_count: usize,
}

/// A page as listed by sections and the home page.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    pub title: String,
    pub description: String,
    pub url: String,
    pub role: Option<RoleView>,
}

/// A section as listed by its parent.
#[derive(Debug, Clone, Serialize)]
pub struct SectionSummary {
    pub title: String,
    pub description: String,
    pub url: String,
    pub page_count: usize,
    pub role_count: usize,
    /// The first pages in display order (all of them for small sections).
    pub pages: Vec<PageSummary>,
    pub more_pages: usize,
}

/// Everything a page or role template shows, as `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    pub description: String,
    pub url: String,
    pub permalink: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub date_display: Option<String>,
    pub updated_display: Option<String>,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub guide_sections: Vec<GuideSection>,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub role: Option<RoleView>,
    pub section: LinkView,
    pub ancestors: Vec<LinkView>,
    pub extra: serde_json::Value,
    /// On role pages: the comparison with its section, skill and industry links, JSON-LD.
    pub summary: Option<RoleExtras>,
}

/// Everything a section or home template shows, as `section`.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub title: String,
    pub description: String,
    pub url: String,
    pub permalink: String,
    pub content: String,
    pub pages: Vec<PageSummary>,
    pub subsections: Vec<SectionSummary>,
    pub ancestors: Vec<LinkView>,
    pub extra: serde_json::Value,
}

/// How many roles the home page shows per section before linking to the section.
pub const HOME_PAGES_PER_SECTION: usize = 12;

pub fn site_view(config: &Config, library: &Library, asset_version: String, locale: &Locale) -> SiteView {
    let nav = library.sections[0]
        .subsections
        .iter()
        .map(|&i| LinkView {
            title: library.sections[i].title.clone(),
            url: url(config, &library.sections[i].url_path),
        })
        .collect();
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        base_url: config.base_url.clone(),
        base_path: config.base_path.clone(),
        root_path: config.root_path.clone(),
        language: config.language.clone(),
        dir: config.languages[config.language_index()].direction.as_str(),
        multilingual: config.is_multilingual(),
        build_search_index: config.build_search_index,
        search_language_script: config.build_search_index
            && crate::search::TextPipeline::for_language(&config.language).0 != crate::search::TextPipeline::English,
        extra: config.extra.clone(),
        nav,
        asset_version,
        strings: locale.texts().clone(),
        script_strings: ScriptStrings {
            search: script_strings(locale, SEARCH_SCRIPT_KEYS, "search_"),
            search_page: script_strings(locale, SEARCH_PAGE_SCRIPT_KEYS, "search_"),
            table: script_strings(locale, TABLE_SCRIPT_KEYS, ""),
        },
    }
}

/// Root-relative URL with the base path: `/careers/guide/engineering/`.
pub fn url(config: &Config, url_path: &str) -> String {
    format!("{}{}", config.base_path, url_path)
}

pub fn salary_view(locale: &Locale, role: &Role) -> Option<SalaryView> {
    role.salary.as_ref().map(|s| {
        let min_display = locale.amount(&s.currency, s.min);
        let max_display = locale.amount(&s.currency, s.max);
        SalaryView {
            min: s.min,
            max: s.max,
            currency: s.currency.clone(),
            period: s.period.as_str().to_string(),
            range_display: if s.min == s.max {
                min_display.clone()
            } else {
                format!("{min_display} – {max_display}")
            },
            min_display,
            max_display,
            period_label: summaries::period_label(locale, s.period),
        }
    })
}

/// A role's facts for templates; `language` (the page's code) says which headings are
/// question sections for `question_count`.
pub fn role_view(locale: &Locale, role: &Role, sections: &[GuideSection], language: &str) -> RoleView {
    RoleView {
        experience_years: role.experience_years,
        experience_display: summaries::experience_display(locale, role.experience_years),
        demand: role.demand.as_str().to_string(),
        demand_label: summaries::demand_label(locale, role.demand),
        industries: role.industries.clone(),
        skills: role.skills.clone(),
        soft_skills: role.soft_skills.clone(),
        salary: salary_view(locale, role),
        question_count: sections
            .iter()
            .filter(|s| crate::guide_headings::is_question_section(&s.heading, language))
            .map(|s| s.entries.len())
            .sum(),
    }
}

pub fn page_summary(config: &Config, locale: &Locale, page: &Page, rendered: &Rendered) -> PageSummary {
    PageSummary {
        title: page.title.clone(),
        description: if page.description.is_empty() {
            rendered.summary.clone()
        } else {
            page.description.clone()
        },
        url: url(config, &page.url_path),
        role: page
            .role
            .as_ref()
            .map(|r| role_view(locale, r, &rendered.sections, &config.language)),
    }
}

/// The chain of sections above a section, home first, the section itself excluded.
pub fn ancestors(config: &Config, locale: &Locale, library: &Library, mut section: Option<usize>) -> Vec<LinkView> {
    let mut chain = Vec::new();
    while let Some(index) = section {
        let s: &Section = &library.sections[index];
        chain.push(LinkView {
            title: if s.is_home() { locale.say("home", &[]) } else { s.title.clone() },
            url: url(config, &s.url_path),
        });
        section = s.parent;
    }
    chain.reverse();
    chain
}

/// The page's view; `content` is its body HTML (or a stand-in the caller replaces).
pub fn page_view(config: &Config, locale: &Locale, library: &Library, index: usize, rendered: &Rendered, content: &str) -> PageView {
    PageView {
        content: content.to_string(),
        toc: rendered.toc.clone(),
        guide_sections: rendered.sections.clone(),
        ..page_view_without_body(config, locale, library, index, rendered)
    }
}

/// The page's view with what comes from its rendered body (`content`, `toc`,
/// `guide_sections`) left empty: the rest of what its template sees, for comparing views
/// without copying the bulk of them.
pub fn page_view_without_body(config: &Config, locale: &Locale, library: &Library, index: usize, rendered: &Rendered) -> PageView {
    let page = &library.pages[index];
    let section = &library.sections[page.section];
    PageView {
        title: page.title.clone(),
        description: if page.description.is_empty() {
            rendered.summary.clone()
        } else {
            page.description.clone()
        },
        url: url(config, &page.url_path),
        permalink: config.permalink(&page.url_path),
        date: page.date.map(|d| d.to_string()),
        updated: page.updated.map(|d| d.to_string()),
        date_display: page.date.map(|d| locale.date(d)),
        updated_display: page.updated.map(|d| locale.date(d)),
        content: String::new(),
        toc: Vec::new(),
        guide_sections: Vec::new(),
        word_count: rendered.word_count,
        reading_minutes: rendered.reading_minutes(),
        role: page
            .role
            .as_ref()
            .map(|r| role_view(locale, r, &rendered.sections, &config.language)),
        section: LinkView {
            title: if section.is_home() {
                locale.say("home", &[])
            } else {
                section.title.clone()
            },
            url: url(config, &section.url_path),
        },
        ancestors: ancestors(config, locale, library, Some(page.section)),
        extra: page.extra.clone(),
        summary: None,
    }
}

/// Builds a section's view from the already-built summaries of its pages, with every
/// page of the section.
pub fn section_view(
    config: &Config,
    locale: &Locale,
    library: &Library,
    index: usize,
    content: &str,
    summaries: &[PageSummary],
) -> SectionView {
    let all = 0..library.sections[index].pages.len();
    section_view_of(config, locale, library, index, content, summaries, all)
}

/// The view of pager `number` of a section: `pages` holds that pager's pages, as
/// `paginator.pages` does.
pub fn section_pager_view(
    config: &Config,
    locale: &Locale,
    library: &Library,
    index: usize,
    content: &str,
    summaries: &[PageSummary],
    number: usize,
) -> (SectionView, Paginator<PageSummary>) {
    let section = &library.sections[index];
    let per = section.paginate_by(config);
    let items = pagination::pager_items(section.pages.len(), per, number);
    let view = section_view_of(config, locale, library, index, content, summaries, items);
    let paginator = Paginator::new(config, &section.url_path, section.pages.len(), per, number, view.pages.clone());
    (view, paginator)
}

fn section_view_of(
    config: &Config,
    locale: &Locale,
    library: &Library,
    index: usize,
    content: &str,
    summaries: &[PageSummary],
    items: std::ops::Range<usize>,
) -> SectionView {
    let section = &library.sections[index];
    let subsections = section
        .subsections
        .iter()
        .map(|&sub| {
            let s = &library.sections[sub];
            let all = library.pages_under(sub);
            let shown: Vec<PageSummary> = all.iter().take(HOME_PAGES_PER_SECTION).map(|&p| summaries[p].clone()).collect();
            SectionSummary {
                title: s.title.clone(),
                description: s.description.clone(),
                url: url(config, &s.url_path),
                page_count: all.len(),
                role_count: all.iter().filter(|&&p| library.pages[p].role.is_some()).count(),
                more_pages: all.len().saturating_sub(shown.len()),
                pages: shown,
            }
        })
        .collect();
    SectionView {
        title: section.title.clone(),
        description: section.description.clone(),
        url: url(config, &section.url_path),
        permalink: config.permalink(&section.url_path),
        content: content.to_string(),
        pages: section.pages[items].iter().map(|&p| summaries[p].clone()).collect(),
        subsections,
        ancestors: ancestors(config, locale, library, section.parent),
        extra: section.extra.clone(),
    }
}
