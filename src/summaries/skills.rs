//! Skills, soft skills and industries gathered across roles, for `/skills/`,
//! `/industries/` and one page per skill and industry.
//!
//! Names are matched without regard to case and spacing ("node JS" is "Node  js"), and
//! `[skills.aliases]` folds synonyms into one skill ("K8s" is "Kubernetes"),
//! `[industries.aliases]` into one industry ("FinTech" is "Financial services"). Each name
//! becomes a [`Term`] with the roles that list it, kept as positions in URL order so every
//! list is deterministic without sorting again.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::salaries::SpanView;
use super::stats::{self, Normalised};
use super::{INDUSTRIES_PATH, SKILLS_PATH, Summaries, TermLink, role_of, rows};
use crate::config::{Config, fold_skill_name};
use crate::content::Library;
use crate::content::pagination::{self, Paginator};
use crate::content::role::Role;
use crate::locale::Locale;

/// How many roles `/skills/` and `/industries/` name for each entry before linking to its page.
pub const ROLES_LISTED: usize = 8;
/// Above this many entries (skills and soft skills together), an overview gives each
/// entry's count only, not its first roles: each named role costs about 90 bytes a row,
/// and the 350 skills of a generated 10,000-role guide made `/skills/` 300 KB.
pub const NAMED_ENTRIES_MAX: usize = 100;
/// How many skills (or industries) the sections × skills matrix shows.
pub const MATRIX_COLUMNS: usize = 8;

/// One skill or industry and the roles that list it.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The name shown: the alias target from config.toml, else the most common spelling.
    pub name: String,
    /// Unique among its kind: `kubernetes`, `c-plus-plus`, `c-sharp`.
    pub slug: String,
    /// Roles (positions in URL order) listing it as a skill or an industry.
    pub roles: Vec<usize>,
    /// Roles listing it as a soft skill.
    pub soft_roles: Vec<usize>,
}

/// Every term of one kind, with a lookup by name.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    /// Sorted by slug.
    pub terms: Vec<Term>,
    /// Folded canonical name → index into `terms`.
    index: HashMap<String, usize>,
    /// Folded alias → canonical name.
    aliases: BTreeMap<String, String>,
    /// `skills/` or `industries/`.
    pub(super) path: &'static str,
    /// Per role (position in URL order), per list read: the term of each name, in the order
    /// written. Matching is done once here, not again by every page that links the names.
    by_role: Vec<Vec<Vec<usize>>>,
}

/// The lists of a role gathered into the skills [`Terms`], by index.
pub const SKILLS: usize = 0;
pub const SOFT_SKILLS: usize = 1;
/// The one list gathered into the industries [`Terms`].
pub const INDUSTRIES: usize = 0;

impl Terms {
    /// The folded name a written name is matched by, after aliases.
    fn key(&self, name: &str) -> String {
        let folded = fold_skill_name(name);
        match self.aliases.get(&folded) {
            Some(canonical) => fold_skill_name(canonical),
            None => folded,
        }
    }

    /// The term a written name belongs to.
    pub fn find(&self, name: &str) -> Option<&Term> {
        self.index.get(&self.key(name)).map(|&i| &self.terms[i])
    }

    /// The terms of the names in list `list` of the role at `position`, in the order written.
    pub fn of_role(&self, position: usize, list: usize) -> &[usize] {
        self.by_role
            .get(position)
            .and_then(|lists| lists.get(list))
            .map_or(&[], Vec::as_slice)
    }

    /// The canonical names (after case folding and aliases) of a role's list, each once, in
    /// the order written.
    pub fn canonical_names(&self, position: usize, list: usize) -> Vec<&str> {
        let mut seen: Vec<usize> = Vec::new();
        for &term in self.of_role(position, list) {
            if !seen.contains(&term) {
                seen.push(term);
            }
        }
        seen.into_iter().map(|t| self.terms[t].name.as_str()).collect()
    }

    pub(super) fn url(&self, config: &Config, term: &Term) -> String {
        format!("{}{}{}/", config.base_path, self.path, term.slug)
    }

    /// Terms listed by at least one role (as a soft skill when `soft`), most roles first,
    /// then by name and slug.
    pub fn by_frequency(&self, soft: bool) -> Vec<usize> {
        let count = |t: &Term| if soft { t.soft_roles.len() } else { t.roles.len() };
        let mut order: Vec<usize> = (0..self.terms.len()).filter(|&i| count(&self.terms[i]) > 0).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.terms[a], &self.terms[b]);
            count(b)
                .cmp(&count(a))
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        order
    }
}

/// Which list of a role to read names from, and whether those are soft skills.
type NameList = (fn(&Role) -> &[String], bool);

/// Names seen for one term while gathering.
#[derive(Default)]
struct Seen {
    spellings: BTreeMap<String, usize>,
    roles: Vec<usize>,
    soft_roles: Vec<usize>,
}

/// Skills and soft skills of every role, with aliases applied.
pub(super) fn gather_skills(library: &Library, roles: &[usize], aliases: &BTreeMap<String, String>) -> Terms {
    let lists: [NameList; 2] = [(|r| &r.skills, false), (|r| &r.soft_skills, true)];
    gather(library, roles, aliases.clone(), SKILLS_PATH, &lists)
}

/// Industries of every role, with aliases applied.
pub(super) fn gather_industries(library: &Library, roles: &[usize], aliases: &BTreeMap<String, String>) -> Terms {
    let lists: [NameList; 1] = [(|r| &r.industries, false)];
    gather(library, roles, aliases.clone(), INDUSTRIES_PATH, &lists)
}

fn gather(library: &Library, roles: &[usize], aliases: BTreeMap<String, String>, path: &'static str, lists: &[NameList]) -> Terms {
    let mut terms = Terms {
        terms: Vec::new(),
        index: HashMap::new(),
        aliases,
        path,
        by_role: Vec::with_capacity(roles.len()),
    };
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut seen: Vec<(String, Seen)> = Vec::new();
    for (position, &page) in roles.iter().enumerate() {
        let role = role_of(library, page);
        let mut found_lists = Vec::with_capacity(lists.len());
        for (pick, soft) in lists {
            let names = pick(role);
            let mut found = Vec::with_capacity(names.len());
            for name in names {
                let key = terms.key(name);
                let id = *ids.entry(key).or_insert_with_key(|key| {
                    seen.push((key.clone(), Seen::default()));
                    seen.len() - 1
                });
                let entry = &mut seen[id].1;
                *entry.spellings.entry(name.clone()).or_default() += 1;
                let list = if *soft { &mut entry.soft_roles } else { &mut entry.roles };
                if list.last() != Some(&position) {
                    list.push(position);
                }
                found.push(id);
            }
            found_lists.push(found);
        }
        terms.by_role.push(found_lists);
    }
    let final_index = build_terms(&mut terms, seen);
    for lists in &mut terms.by_role {
        for id in lists.iter_mut().flatten() {
            *id = final_index[*id];
        }
    }
    terms
}

/// Names, slugs and the lookup of the gathered terms, sorted by slug. Returns the final
/// index of each term in gathering order.
fn build_terms(terms: &mut Terms, seen: Vec<(String, Seen)>) -> Vec<usize> {
    let canonical: HashMap<String, &String> = terms.aliases.values().map(|c| (fold_skill_name(c), c)).collect();
    let mut gathered: Vec<(usize, String, Seen)> = seen.into_iter().enumerate().map(|(id, (key, found))| (id, key, found)).collect();
    gathered.sort_by(|a, b| a.1.cmp(&b.1));
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut built: Vec<(usize, String, Term)> = Vec::with_capacity(gathered.len());
    for (id, key, found) in gathered {
        let name = canonical.get(&key).map_or_else(|| most_common(&found.spellings), |c| (*c).clone());
        let slug = unique_slug(&term_slug(&name), &mut used);
        built.push((
            id,
            key,
            Term {
                name,
                slug,
                roles: found.roles,
                soft_roles: found.soft_roles,
            },
        ));
    }
    built.sort_by(|a, b| a.2.slug.cmp(&b.2.slug));
    let mut final_index = vec![0; built.len()];
    for (i, (id, key, term)) in built.into_iter().enumerate() {
        final_index[id] = i;
        terms.index.insert(key, i);
        terms.terms.push(term);
    }
    final_index
}

/// The spelling used most; ties go to the first in byte order, so the choice is stable.
fn most_common(spellings: &BTreeMap<String, usize>) -> String {
    let mut best: Option<(&String, usize)> = None;
    for (spelling, &count) in spellings {
        if best.is_none_or(|(_, c)| count > c) {
            best = Some((spelling, count));
        }
    }
    best.map(|(s, _)| s.clone()).unwrap_or_default()
}

/// A URL segment for a name that keeps `C`, `C++` and `C#` apart.
pub fn term_slug(name: &str) -> String {
    let spelled = name.replace('+', " plus ").replace('#', " sharp ");
    let slug = slug::slugify(spelled);
    if slug.is_empty() { "term".to_string() } else { slug }
}

/// `slug`, or `slug-2`, `slug-3`… when already taken.
fn unique_slug(slug: &str, used: &mut HashMap<String, usize>) -> String {
    let mut candidate = slug.to_string();
    let mut n = 1;
    while used.contains_key(&candidate) {
        n += 1;
        candidate = format!("{slug}-{n}");
    }
    used.insert(candidate.clone(), 1);
    candidate
}

/// Roles listing a term (either list sorted, as positions in URL order), each once, in URL
/// order, marked `true` when only listed as a soft skill. A linear merge, since popular soft
/// skills are listed by thousands of roles.
fn merge_roles(roles: &[usize], soft_roles: &[usize]) -> Vec<(usize, bool)> {
    let mut merged = Vec::with_capacity(roles.len() + soft_roles.len());
    let (mut i, mut j) = (0, 0);
    while i < roles.len() || j < soft_roles.len() {
        match (roles.get(i), soft_roles.get(j)) {
            (Some(&a), Some(&b)) if a == b => {
                merged.push((a, false));
                i += 1;
                j += 1;
            }
            (Some(&a), Some(&b)) if b < a => {
                merged.push((b, true));
                j += 1;
            }
            (Some(&a), _) => {
                merged.push((a, false));
                i += 1;
            }
            (None, Some(&b)) => {
                merged.push((b, true));
                j += 1;
            }
            (None, None) => break,
        }
    }
    merged
}

/// How many roles a term's page lists: those listing it either way, each once.
fn listed_roles(term: &Term) -> usize {
    let both = term.roles.iter().filter(|p| term.soft_roles.binary_search(p).is_ok()).count();
    term.roles.len() + term.soft_roles.len() - both
}

/// The sentence under a term page's heading.
fn term_lead(locale: &Locale, name: &str, kind: &str, count: usize, soft_only: usize) -> String {
    let soft = locale.integer(soft_only as u64);
    let (key, n) = match (kind, count, soft_only) {
        ("industry", n, _) => ("lead_industry", n),
        (_, 0, soft) => ("lead_soft_only", soft),
        (_, n, 0) => ("lead_skill", n),
        (_, n, _) => ("lead_skill_and_soft", n),
    };
    locale.count(key, n as u64, &[("term", name), ("soft", &soft)])
}

/// Everything `/skills/` or `/industries/` shows.
#[derive(Debug, Clone, Serialize)]
pub struct TermsView {
    /// `skill` or `industry`.
    pub kind: String,
    pub role_count: usize,
    pub term_count: usize,
    /// Whether each entry names its first roles (see [`NAMED_ENTRIES_MAX`]).
    pub roles_named: bool,
    pub terms: Vec<TermSummary>,
    /// Soft skills, in their own table (empty on `/industries/`).
    pub soft_skills: Vec<TermSummary>,
    pub matrix: MatrixView,
}

/// One entry of an overview: its name, how many roles list it and the first of them.
#[derive(Debug, Clone, Serialize)]
pub struct TermSummary {
    pub name: String,
    pub url: String,
    pub count: usize,
    pub roles: Vec<TermLink>,
    /// Roles not named here, listed on the entry's own page.
    pub more: usize,
}

/// Sections × the most listed terms: how many roles of each section list each term.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixView {
    pub columns: Vec<TermLink>,
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub section: String,
    pub url: String,
    pub role_count: usize,
    pub cells: Vec<usize>,
}

/// Everything the page of one skill or industry shows, as `term`. Hashable, so `guide
/// serve` can tell whether a page changed without serialising its rows.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TermPageView {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub permalink: String,
    /// `12 roles ask for Python; 2 more list it as a soft skill.`
    pub lead: String,
    /// Roles listing it as a skill (or industry).
    pub count: usize,
    /// Roles listing it as a soft skill.
    pub soft_count: usize,
    /// Salary figures of these roles, per currency.
    pub salaries: Vec<SpanView>,
    pub undisclosed_count: usize,
    /// Roles listed over all its pagers.
    pub row_count: usize,
    /// The `<tr>` rows of this pager's roles, generated and escaped in [`super::rows`].
    pub rows_html: String,
    /// Which pager of the list of roles this is; `pages` are its roles.
    pub paginator: Paginator<TermLink>,
}

impl Summaries<'_> {
    /// The `/skills/` view.
    pub fn skills_view(&self) -> TermsView {
        self.terms_view(&self.skills, "skill", true)
    }

    /// The `/industries/` view.
    pub fn industries_view(&self) -> TermsView {
        self.terms_view(&self.industries, "industry", false)
    }

    /// The view of skill page `index` (its first pager).
    pub fn skill_page(&self, index: usize) -> TermPageView {
        self.term_page(&self.skills, index, "skill", 1)
    }

    /// The view of industry page `index` (its first pager).
    pub fn industry_page(&self, index: usize) -> TermPageView {
        self.term_page(&self.industries, index, "industry", 1)
    }

    /// The view of pager `number` of skill page `index`.
    pub fn skill_pager(&self, index: usize, number: usize) -> TermPageView {
        self.term_page(&self.skills, index, "skill", number)
    }

    /// The view of pager `number` of industry page `index`.
    pub fn industry_pager(&self, index: usize, number: usize) -> TermPageView {
        self.term_page(&self.industries, index, "industry", number)
    }

    /// URL path of skill page `index`: `skills/python/`.
    pub fn skill_path(&self, index: usize) -> String {
        format!("{SKILLS_PATH}{}/", self.skills.terms[index].slug)
    }

    /// URL path of industry page `index`.
    pub fn industry_path(&self, index: usize) -> String {
        format!("{INDUSTRIES_PATH}{}/", self.industries.terms[index].slug)
    }

    /// How many pagers the list of roles of skill page `index` has.
    pub fn skill_pager_count(&self, index: usize) -> usize {
        pagination::pager_count(listed_roles(&self.skills.terms[index]), self.config.paginate_by)
    }

    /// How many pagers the list of roles of industry page `index` has.
    pub fn industry_pager_count(&self, index: usize) -> usize {
        pagination::pager_count(listed_roles(&self.industries.terms[index]), self.config.paginate_by)
    }

    /// The most listed skills, for the home page: up to `limit` links with counts.
    pub fn top_skills(&self, limit: usize) -> Vec<TermSummary> {
        self.skills
            .by_frequency(false)
            .into_iter()
            .take(limit)
            .map(|i| self.term_summary(&self.skills, i, false, 0))
            .collect()
    }

    fn terms_view(&self, terms: &Terms, kind: &str, with_soft: bool) -> TermsView {
        let main_order = terms.by_frequency(false);
        let soft_order = if with_soft { terms.by_frequency(true) } else { Vec::new() };
        let roles_named = main_order.len() + soft_order.len() <= NAMED_ENTRIES_MAX;
        let listed = if roles_named { ROLES_LISTED } else { 0 };
        let main: Vec<TermSummary> = main_order.into_iter().map(|i| self.term_summary(terms, i, false, listed)).collect();
        let soft_skills = soft_order.into_iter().map(|i| self.term_summary(terms, i, true, listed)).collect();
        TermsView {
            roles_named,
            kind: kind.to_string(),
            role_count: self.roles.len(),
            term_count: main.len(),
            matrix: self.matrix(terms),
            terms: main,
            soft_skills,
        }
    }

    fn term_summary(&self, terms: &Terms, index: usize, soft: bool, listed: usize) -> TermSummary {
        let term = &terms.terms[index];
        let roles = if soft { &term.soft_roles } else { &term.roles };
        TermSummary {
            name: term.name.clone(),
            url: terms.url(self.config, term),
            count: roles.len(),
            roles: roles.iter().take(listed).map(|&p| self.role_link(p)).collect(),
            more: roles.len().saturating_sub(listed),
        }
    }

    pub(super) fn role_link(&self, position: usize) -> TermLink {
        let row = &self.rows[position];
        TermLink {
            name: row.title.clone(),
            url: row.url.clone(),
        }
    }

    /// Sections × the [`MATRIX_COLUMNS`] most listed terms.
    fn matrix(&self, terms: &Terms) -> MatrixView {
        let top: Vec<usize> = terms.by_frequency(false).into_iter().take(MATRIX_COLUMNS).collect();
        let mut column_of_section: HashMap<usize, usize> = HashMap::new();
        for (row, &section) in self.sections.iter().enumerate() {
            column_of_section.insert(section, row);
        }
        let mut cells = vec![vec![0usize; top.len()]; self.sections.len()];
        let mut role_counts = vec![0usize; self.sections.len()];
        for &page in &self.roles {
            if let Some(&row) = column_of_section.get(&self.library.pages[page].section) {
                role_counts[row] += 1;
            }
        }
        for (column, &t) in top.iter().enumerate() {
            for &position in &terms.terms[t].roles {
                if let Some(&row) = column_of_section.get(&self.library.pages[self.roles[position]].section) {
                    cells[row][column] += 1;
                }
            }
        }
        let rows = self
            .sections
            .iter()
            .zip(cells)
            .zip(role_counts)
            .map(|((&section, cells), role_count)| MatrixRow {
                section: self.section_title(section),
                url: self.rows_url_of(section),
                role_count,
                cells,
            })
            .collect();
        let columns = top
            .iter()
            .map(|&t| TermLink {
                name: terms.terms[t].name.clone(),
                url: terms.url(self.config, &terms.terms[t]),
            })
            .collect();
        MatrixView { columns, rows }
    }

    fn rows_url_of(&self, section: usize) -> String {
        format!("{}{}", self.config.base_path, self.library.sections[section].url_path)
    }

    fn term_page(&self, terms: &Terms, index: usize, kind: &str, number: usize) -> TermPageView {
        let term = &terms.terms[index];
        let positions = merge_roles(&term.roles, &term.soft_roles);
        let per = self.config.paginate_by;
        let listed = &positions[pagination::pager_items(positions.len(), per, number)];
        let links = listed.iter().map(|&(p, _)| self.role_link(p)).collect();
        let path = format!("{}{}/", terms.path, term.slug);
        let paginator = Paginator::new(self.config, &path, positions.len(), per, number, links);
        let normalised: Vec<&Normalised> = positions.iter().filter_map(|&(p, _)| self.normalised[p].as_ref()).collect();
        let soft_only = positions.iter().filter(|(_, soft)| *soft).count();
        TermPageView {
            name: term.name.clone(),
            kind: kind.to_string(),
            url: terms.url(self.config, term),
            permalink: format!("{}/{}{}/", self.config.base_url, terms.path, term.slug),
            lead: term_lead(self.locale, &term.name, kind, term.roles.len(), soft_only),
            count: term.roles.len(),
            soft_count: term.soft_roles.len(),
            salaries: self.spans_of(&normalised),
            undisclosed_count: positions.len() - normalised.len(),
            row_count: positions.len(),
            rows_html: rows::join_term_rows(listed.iter().map(|&(p, soft)| (&self.row_html[p], soft)), listed.len() * 400),
            paginator,
        }
    }

    /// Salary figures of some roles, per currency in the guide's currency order.
    fn spans_of(&self, normalised: &[&Normalised]) -> Vec<SpanView> {
        self.currencies
            .iter()
            .filter_map(|code| {
                let stats = stats::range_stats(normalised.iter().copied().filter(|n| n.currency == *code))?;
                Some(SpanView {
                    currency: code.clone(),
                    count: stats.count,
                    lowest_min: self.locale.amount(code, stats.lowest_min),
                    highest_max: self.locale.amount(code, stats.highest_max),
                    median_mid: self.locale.amount(code, stats.median_mid.round()),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::role::{Demand, Role};
    use crate::content::{Page, Section, SourceFile};
    use crate::locate::Format;

    fn library(skill_lists: &[&[&str]]) -> Library {
        let mut library = Library::default();
        library.sections.push(Section {
            source: None,
            title: "Home".into(),
            description: String::new(),
            weight: None,
            sort_by: Default::default(),
            template: None,
            paginate_by: None,
            extra: serde_json::Value::Null,
            body: String::new(),
            url_path: String::new(),
            parent: None,
            subsections: Vec::new(),
            pages: Vec::new(),
            folder: Default::default(),
            language: 0,
        });
        for (i, skills) in skill_lists.iter().enumerate() {
            library.pages.push(Page {
                source: SourceFile {
                    path: Default::default(),
                    shown: Default::default(),
                    format: Format::Toml,
                    body_line: 1,
                },
                title: format!("Role {i}"),
                description: String::new(),
                date: None,
                updated: None,
                weight: None,
                draft: false,
                template: None,
                alias_files: Vec::new(),
                role: Some(Role {
                    experience_years: 1,
                    demand: Demand::High,
                    industries: Vec::new(),
                    skills: skills.iter().map(|s| s.to_string()).collect(),
                    soft_skills: Vec::new(),
                    salary: None,
                }),
                extra: serde_json::Value::Null,
                body: String::new(),
                url_path: format!("role-{i}/"),
                section: 0,
                language: 0,
                translation_key: Default::default(),
                assets: Vec::new(),
            });
        }
        library
    }

    fn gather_with(skill_lists: &[&[&str]], aliases: &[(&str, &str)]) -> Terms {
        let library = library(skill_lists);
        let roles: Vec<usize> = (0..skill_lists.len()).collect();
        let aliases = aliases.iter().map(|(a, c)| (fold_skill_name(a), c.to_string())).collect();
        let lists: [NameList; 1] = [(|r| &r.skills, false)];
        gather(&library, &roles, aliases, SKILLS_PATH, &lists)
    }

    #[test]
    fn names_match_without_regard_to_case_and_spacing() {
        let terms = gather_with(&[&["Node JS"], &["node  js"], &["NODE js"], &["Go"]], &[]);
        assert_eq!(terms.terms.len(), 2);
        let node = terms.find("node js").unwrap();
        assert_eq!(node.roles, vec![0, 1, 2]);
        // Each spelling is used once: the first in byte order wins the tie.
        assert_eq!(node.name, "NODE js");
    }

    #[test]
    fn each_role_keeps_the_terms_of_its_names_in_order() {
        let terms = gather_with(&[&["K8s", "Go", "kubernetes"]], &[("k8s", "Kubernetes")]);
        let names: Vec<&str> = terms.of_role(0, SKILLS).iter().map(|&t| terms.terms[t].name.as_str()).collect();
        assert_eq!(names, vec!["Kubernetes", "Go", "Kubernetes"]);
        assert_eq!(terms.canonical_names(0, SKILLS), vec!["Kubernetes", "Go"]);
        assert!(terms.of_role(5, SKILLS).is_empty());
    }

    #[test]
    fn the_most_common_spelling_is_shown() {
        let terms = gather_with(&[&["postgres"], &["Postgres"], &["Postgres"]], &[]);
        assert_eq!(terms.find("POSTGRES").unwrap().name, "Postgres");
    }

    #[test]
    fn aliases_fold_synonyms_into_the_canonical_name() {
        let terms = gather_with(
            &[&["K8s"], &["kubernetes"], &["Postgres", "PostgreSQL"]],
            &[("k8s", "Kubernetes"), ("postgres", "PostgreSQL")],
        );
        let kube = terms.find("k8s").unwrap();
        assert_eq!(
            (kube.name.as_str(), kube.slug.as_str(), kube.roles.clone()),
            ("Kubernetes", "kubernetes", vec![0, 1])
        );
        // A role listing both a name and its alias counts once.
        assert_eq!(terms.find("postgres").unwrap().roles, vec![2]);
        assert_eq!(terms.terms.len(), 2);
    }

    #[test]
    fn slugs_keep_c_cpp_and_csharp_apart() {
        let terms = gather_with(&[&["C", "C++", "C#", "c plus plus"]], &[]);
        let slugs: Vec<&str> = terms.terms.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, vec!["c", "c-plus-plus", "c-plus-plus-2", "c-sharp"]);
    }

    #[test]
    fn roles_and_soft_roles_merge_in_order_once_each() {
        assert_eq!(
            merge_roles(&[1, 4, 6], &[0, 4, 9]),
            vec![(0, true), (1, false), (4, false), (6, false), (9, true)]
        );
        assert_eq!(merge_roles(&[], &[2]), vec![(2, true)]);
        let term = Term {
            name: "x".into(),
            slug: "x".into(),
            roles: vec![1, 4, 6],
            soft_roles: vec![0, 4, 9],
        };
        assert_eq!(listed_roles(&term), 5);
    }

    #[test]
    fn frequency_order_breaks_ties_by_name() {
        let terms = gather_with(&[&["b", "a", "c"], &["c"]], &[]);
        let order: Vec<&str> = terms
            .by_frequency(false)
            .into_iter()
            .map(|i| terms.terms[i].name.as_str())
            .collect();
        assert_eq!(order, vec!["c", "a", "b"]);
    }
}
