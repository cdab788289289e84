//! Rendering: every output file is a job; jobs run in parallel and each returns its path
//! and bytes. A full build and a single-page rebuild go through the same jobs.

pub mod strings;
pub mod templates;
pub mod theme;
pub mod views;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::Config;
use crate::content::Library;
use crate::content::translations::{Translations, Version};
use crate::diagnostics::Diagnostic;
use crate::locale::Locale;
use crate::markdown::Rendered;
pub use crate::output::{Output, Sink};

/// The ids the default theme gives elements of a page that holds a Markdown body (skip
/// link target, search box, tables of contents, summary headings): Markdown never gives a
/// heading or entry one of these (see [`crate::markdown::MarkdownOptions::reserved_ids`]),
/// so `## Main` does not take the skip link's target. A test holds the list to the
/// templates.
pub const THEME_IDS: &[&str] = &[
    "glance-heading",
    "group-undisclosed",
    "industries-heading",
    "main",
    "main-end",
    "matrix-heading",
    "more-pages",
    "search-input",
    "search-listbox",
    "search-page",
    "search-page-input",
    "search-page-results",
    "search-page-status",
    "skills-heading",
    "soft-heading",
    "table-filter-count",
    "table-filter-input",
    "tables-heading",
    "term-roles",
    "toc-heading",
];
use crate::summaries::skills::TermPageView;
use crate::summaries::{INDUSTRIES_PATH, SALARIES_PATH, SKILLS_PATH, Summaries};
use crate::timings::{Phase, Timings};
use templates::{RenderedHtml, Templates};
use views::{PageSummary, SiteView};

/// A unit of rendering work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    Page(usize),
    Section(usize),
    NotFound,
    /// A redirect page at `file` pointing to the page with this index.
    Alias {
        file: String,
        page: usize,
    },
    /// `/salaries/`: every role's salary, compared per currency and section.
    Salaries,
    /// `/skills/`: every skill and soft skill with the roles that ask for it.
    Skills,
    /// `/skills/<slug>/`, by index into the summaries' skills.
    Skill(usize),
    /// `/industries/`.
    Industries,
    /// `/industries/<slug>/`, by index into the summaries' industries.
    Industry(usize),
    /// `/search/`: the full result list for `?q=` (filled in by the theme's search.js).
    Search,
    /// `/salaries/<section>/`: the salary table of one section, by index into the
    /// summaries' salary tables (its first pager).
    SalaryTable(usize),
    /// Pager `number` (2 or more) of a paginated listing; the first pager is the
    /// listing's own job.
    Pager {
        listing: Listing,
        number: usize,
    },
    /// `…/page/1/` of a listing with more than one pager: a redirect to the listing's own
    /// URL, as Zola writes it.
    FirstPager(Listing),
}

/// A listing split into pagers (see [`crate::content::pagination`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listing {
    /// A section's pages, by section index.
    Section(usize),
    /// The roles of skill page `n`, industry page `n`, salary table `n`.
    Skill(usize),
    Industry(usize),
    SalaryTable(usize),
}

impl Listing {
    /// The job of the listing's first pager, whose template the others use.
    pub fn first_job(self) -> Job {
        match self {
            Listing::Section(i) => Job::Section(i),
            Listing::Skill(i) => Job::Skill(i),
            Listing::Industry(i) => Job::Industry(i),
            Listing::SalaryTable(i) => Job::SalaryTable(i),
        }
    }
}

impl Job {
    /// The template the job renders with, as its page or section asks (the [`Renderer`]
    /// checks that it exists); `None` for a redirect page, which uses none.
    pub fn template<'l>(&self, library: &'l Library) -> Option<&'l str> {
        Some(match self {
            Job::Page(index) => {
                let page = &library.pages[*index];
                page.template
                    .as_deref()
                    .unwrap_or(if page.role.is_some() { "role.html" } else { "page.html" })
            }
            Job::Section(index) => {
                let section = &library.sections[*index];
                section
                    .template
                    .as_deref()
                    .unwrap_or(if section.is_home() { "home.html" } else { "section.html" })
            }
            Job::NotFound => "404.html",
            Job::Search => "search.html",
            Job::Salaries => "salaries.html",
            Job::Skills => "skills.html",
            Job::Skill(_) => "skill.html",
            Job::Industries => "industries.html",
            Job::Industry(_) => "industry.html",
            Job::SalaryTable(_) => "salary_table.html",
            Job::Pager { listing, .. } => return listing.first_job().template(library),
            Job::Alias { .. } | Job::FirstPager(_) => return None,
        })
    }

    /// The phase a job's time counts to.
    fn phase(&self) -> Phase {
        match self {
            Job::Salaries | Job::Skills | Job::Skill(_) | Job::Industries | Job::Industry(_) | Job::SalaryTable(_) => Phase::Summaries,
            Job::Pager { listing, .. } | Job::FirstPager(listing) => listing.first_job().phase(),
            Job::Page(_) | Job::Section(_) | Job::NotFound | Job::Alias { .. } | Job::Search => Phase::Pages,
        }
    }
}

/// URL path of a listing's first pager: `engineering/`, `skills/python/`; the summaries'
/// listings need `summaries`.
pub fn listing_path(library: &Library, summaries: Option<&Summaries<'_>>, listing: Listing) -> String {
    match (listing, summaries) {
        (Listing::Section(i), _) => library.sections[i].url_path.clone(),
        (Listing::Skill(i), Some(s)) => s.skill_path(i),
        (Listing::Industry(i), Some(s)) => s.industry_path(i),
        (Listing::SalaryTable(i), Some(s)) => s.salary_table_path(i).to_string(),
        (_, None) => String::new(),
    }
}

/// Extra values generated pages add to the template context (summaries, search...).
pub type ExtraContext = Vec<(String, tera::Value)>;

/// Shared, read-only state of all render jobs.
pub struct Renderer<'a> {
    pub config: &'a Config,
    pub library: &'a Library,
    pub pages: &'a [Arc<Rendered>],
    pub sections: &'a [Rendered],
    pub templates: &'a Templates,
    /// The language of the pages: the words and formats the views are made with.
    pub locale: &'a Locale,
    site: tera::Value,
    summaries: Vec<PageSummary>,
    /// Added to every context (for example the home page's summary numbers).
    pub globals: ExtraContext,
    /// Summaries across roles; when set, full builds include their pages.
    overview: Option<Summaries<'a>>,
    /// Where job and write times are counted, for `guide build --timings`.
    timings: Option<&'a Timings>,
    /// Advanced once per finished job.
    progress: Option<indicatif::ProgressBar>,
    /// Each distinct `minify_once` block of this build, minified (see [`Renderer::finish`]).
    minified_once: Mutex<HashMap<String, Arc<str>>>,
    /// The versions of each page in the guide's languages, when it has several.
    translations: Option<Arc<Translations>>,
}

/// How many distinct `minify_once` blocks a build remembers. A block that differs on every
/// page (which defeats the filter's purpose) is then minified each time, as any other HTML.
const MAX_ONCE_BLOCKS: usize = 256;

impl<'a> Renderer<'a> {
    pub fn new(
        config: &'a Config,
        library: &'a Library,
        pages: &'a [Arc<Rendered>],
        sections: &'a [Rendered],
        templates: &'a Templates,
        locale: &'a Locale,
        site: &SiteView,
    ) -> Self {
        let summaries = library
            .pages
            .par_iter()
            .zip(pages.par_iter())
            .map(|(p, r)| views::page_summary(config, locale, p, r))
            .collect();
        Renderer {
            config,
            library,
            pages,
            sections,
            templates,
            locale,
            site: tera::Value::from_serializable(site),
            summaries,
            globals: Vec::new(),
            overview: None,
            timings: None,
            progress: None,
            minified_once: Mutex::new(HashMap::new()),
            translations: None,
        }
    }

    /// Gives every page its `alternates` (its versions in the guide's languages) and
    /// `x_default`.
    pub fn set_translations(&mut self, translations: Arc<Translations>) {
        self.translations = Some(translations);
    }

    /// The versions of the page at `url_path` (inside this language's folder), in every
    /// language that has it; empty for a guide in one language.
    pub fn versions(&self, url_path: &str) -> Vec<Version> {
        match &self.translations {
            Some(translations) => translations.versions(&format!("{}{url_path}", self.config.language_prefix())),
            None => Vec::new(),
        }
    }

    /// Adds `alternates` and `x_default` for the page at `url_path` to a context.
    fn insert_versions(&self, context: &mut Context, url_path: &str) {
        let versions = self.versions(url_path);
        let x_default = crate::content::translations::x_default(&versions).map_or("", |v| v.permalink.as_str());
        context.insert("x_default", x_default);
        context.insert("alternates", &versions);
    }

    /// The summaries across roles, when given.
    pub fn summaries(&self) -> Option<&Summaries<'a>> {
        self.overview.as_ref()
    }

    /// Every page as sections list it, by page index.
    pub fn page_summaries(&self) -> &[PageSummary] {
        &self.summaries
    }

    /// Advances `bar` as jobs finish.
    pub fn set_progress(&mut self, bar: indicatif::ProgressBar) {
        self.progress = Some(bar);
    }

    /// Counts each job's time (by kind) and each write to `timings`.
    pub fn with_timings(mut self, timings: &'a Timings) -> Self {
        self.timings = Some(timings);
        self
    }

    fn timed<T>(&self, phase: Phase, work: impl FnOnce() -> T) -> T {
        match self.timings {
            Some(timings) => timings.time(phase, work),
            None => work(),
        }
    }

    /// Adds the summary pages (salaries, skills, industries) to full builds, comparisons and
    /// JSON-LD to role pages, and the home summary to every context as `summaries`.
    pub fn with_summaries(mut self, summaries: Summaries<'a>) -> Self {
        self.globals
            .push(("summaries".into(), tera::Value::from_serializable(&summaries.home())));
        self.overview = Some(summaries);
        self
    }

    /// Every job of a full build, in a stable order.
    pub fn all_jobs(&self) -> Vec<Job> {
        let mut jobs: Vec<Job> = (0..self.library.sections.len()).map(Job::Section).collect();
        jobs.extend((0..self.library.pages.len()).map(Job::Page));
        jobs.push(Job::NotFound);
        if self.config.build_search_index && self.templates.has("search.html") {
            jobs.push(Job::Search);
        }
        for (index, page) in self.library.pages.iter().enumerate() {
            jobs.extend(page.alias_files.iter().map(|file| Job::Alias {
                file: file.clone(),
                page: index,
            }));
        }
        let mut listings: Vec<Listing> = (0..self.library.sections.len()).map(Listing::Section).collect();
        if let Some(summaries) = &self.overview {
            jobs.extend([Job::Salaries, Job::Skills, Job::Industries]);
            jobs.extend((0..summaries.skill_count()).map(Job::Skill));
            jobs.extend((0..summaries.industry_count()).map(Job::Industry));
            jobs.extend((0..summaries.salary_table_count()).map(Job::SalaryTable));
            listings.extend((0..summaries.skill_count()).map(Listing::Skill));
            listings.extend((0..summaries.industry_count()).map(Listing::Industry));
            listings.extend((0..summaries.salary_table_count()).map(Listing::SalaryTable));
        }
        for listing in listings {
            let pagers = self.pager_count(listing);
            if pagers > 1 {
                jobs.push(Job::FirstPager(listing));
                jobs.extend((2..=pagers).map(|number| Job::Pager { listing, number }));
            }
        }
        jobs
    }

    /// How many pagers a listing has (1 when it is not split, or without summaries).
    pub fn pager_count(&self, listing: Listing) -> usize {
        match (listing, self.overview.as_ref()) {
            (Listing::Section(i), _) => self.library.sections[i].pager_count(self.config),
            (Listing::Skill(i), Some(s)) => s.skill_pager_count(i),
            (Listing::Industry(i), Some(s)) => s.industry_pager_count(i),
            (Listing::SalaryTable(i), Some(s)) => s.salary_table_pager_count(i),
            (_, None) => 1,
        }
    }

    /// URL path of a listing's first pager: `engineering/`, `skills/python/`.
    pub fn listing_path(&self, listing: Listing) -> String {
        listing_path(self.library, self.overview.as_ref(), listing)
    }

    /// Runs jobs in parallel and hands each output to `sink` as soon as it is ready, so a
    /// large site is never held in memory whole; all failures are returned together.
    /// Outputs of a language other than the default go into its folder (`de/`).
    pub fn run(&self, jobs: &[Job], sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let prefixed = crate::output::Prefixed {
            prefix: self.config.language_prefix(),
            sink,
        };
        let sink: &dyn Sink = if prefixed.prefix.is_empty() { sink } else { &prefixed };
        let errors: Vec<Diagnostic> = jobs
            .par_iter()
            .filter_map(|job| {
                let output = self.timed(job.phase(), || self.run_one(job));
                if let Some(bar) = &self.progress {
                    bar.inc(1);
                }
                output.and_then(|output| self.timed(Phase::Write, || sink.write(output))).err()
            })
            .collect();
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    fn run_one(&self, job: &Job) -> Result<Output, Diagnostic> {
        match job {
            Job::Page(index) => self.render_page(*index),
            Job::Section(index) => self.render_section(*index, 1),
            Job::Pager {
                listing: Listing::Section(index),
                number,
            } => self.render_section(*index, *number),
            Job::FirstPager(listing) => {
                let path = self.listing_path(*listing);
                Ok(Output {
                    path: crate::content::pagination::first_pager_redirect_file(&path),
                    bytes: redirect_page(&views::url(self.config, &path)).into_bytes(),
                })
            }
            Job::NotFound => {
                let mut context = self.context("not_found", &());
                self.insert_versions(&mut context, "404.html");
                let html = self.templates.render("404.html", &context, "the 404 page")?;
                Ok(self.finish("404.html".into(), html, &[]))
            }
            Job::Search => {
                let mut context = self.context("search", &());
                self.insert_versions(&mut context, "search/");
                let html = self.templates.render("search.html", &context, "the search page")?;
                Ok(self.finish("search/index.html".into(), html, &[]))
            }
            Job::Alias { file, page } => Ok(Output {
                path: file.clone(),
                bytes: redirect_page(&views::url(self.config, &self.library.pages[*page].url_path)).into_bytes(),
            }),
            Job::Salaries | Job::Skills | Job::Skill(_) | Job::Industries | Job::Industry(_) | Job::SalaryTable(_) | Job::Pager { .. } => {
                self.render_summary(job)
            }
        }
    }

    /// Renders one summary page; its view is built here, inside the parallel job.
    fn render_summary(&self, job: &Job) -> Result<Output, Diagnostic> {
        let Some(summaries) = &self.overview else {
            return Err(Diagnostic::error(
                "templates",
                0,
                0,
                "summary pages were requested without summaries",
            ));
        };
        // The big tables' rows are built compact in `summaries::rows` (see `minify_around`):
        // they are kept as written while the page around them is minified.
        let pager_file = |listing: Listing, number: usize| {
            let path = crate::content::pagination::pager_url_path(&self.listing_path(listing), number);
            summary_path(&path)
        };
        let term_page = |path: String, template: &'static str, view: TermPageView| {
            let mut context = self.context("term", &view);
            context.insert("paginator", &view.paginator);
            (path, template, context, vec![view.rows_html])
        };
        let salary_table = |index: usize, number: usize| {
            let view = summaries.salary_table_view(index, number);
            let mut context = self.context("table", &view);
            context.insert("paginator", &view.paginator);
            // The context holds its own copy: the view's rows move, not copied again.
            let kept = view.groups.into_iter().map(|group| group.rows_html).chain([view.undisclosed_html]);
            (
                pager_file(Listing::SalaryTable(index), number),
                "salary_table.html",
                context,
                kept.collect(),
            )
        };
        let (path, template, mut context, kept): (String, &str, Context, Vec<String>) = match *job {
            Job::Salaries => (
                summary_path(SALARIES_PATH),
                "salaries.html",
                self.context("salaries", &summaries.salaries_view()),
                Vec::new(),
            ),
            Job::Skills => (
                summary_path(SKILLS_PATH),
                "skills.html",
                self.context("skills", &summaries.skills_view()),
                Vec::new(),
            ),
            Job::Industries => (
                summary_path(INDUSTRIES_PATH),
                "industries.html",
                self.context("industries", &summaries.industries_view()),
                Vec::new(),
            ),
            Job::Skill(i) => term_page(summaries.skill_output(i), "skill.html", summaries.skill_page(i)),
            Job::Industry(i) => term_page(summaries.industry_output(i), "industry.html", summaries.industry_page(i)),
            Job::SalaryTable(i) => salary_table(i, 1),
            Job::Pager { listing, number } => match listing {
                Listing::Skill(i) => term_page(pager_file(listing, number), "skill.html", summaries.skill_pager(i, number)),
                Listing::Industry(i) => term_page(pager_file(listing, number), "industry.html", summaries.industry_pager(i, number)),
                Listing::SalaryTable(i) => salary_table(i, number),
                Listing::Section(_) => return Err(Diagnostic::error("templates", 0, 0, "not a summary page")),
            },
            _ => return Err(Diagnostic::error("templates", 0, 0, "not a summary page")),
        };
        self.insert_versions(&mut context, path.trim_end_matches("index.html"));
        let html = self
            .templates
            .render(template, &context, &format!("/{}", path.trim_end_matches("index.html")))?;
        let kept: Vec<&str> = kept.iter().map(String::as_str).collect();
        Ok(self.finish(path, html, &kept))
    }

    /// A context holding `site`, the globals and one named value, with `has_code` false
    /// (see [`Renderer::context_with_body`]).
    pub fn context<T: Serialize>(&self, key: &'static str, value: &T) -> Context {
        let mut context = Context::new();
        context.insert_value("site", self.site.clone());
        for (name, value) in &self.globals {
            context.insert_value(name.clone(), value.clone());
        }
        context.insert(key, value);
        context.insert("has_code", &false);
        context
    }

    /// [`Renderer::context`] for a page or section rendered from Markdown: `has_code`
    /// says whether its body has a code block, so `base.html` links `highlight.css`
    /// only then.
    fn context_with_body<T: Serialize>(&self, key: &'static str, value: &T, body: &str) -> Context {
        let mut context = self.context(key, value);
        context.insert("has_code", &body.contains(crate::markdown::CODE_BLOCK_START));
        context
    }

    fn render_page(&self, index: usize) -> Result<Output, Diagnostic> {
        let page = &self.library.pages[index];
        let body = &self.pages[index].html;
        let path = format!("{}index.html", page.url_path);
        let default = if page.role.is_some() { "role.html" } else { "page.html" };
        let template = self.choose_template(page.template.as_deref(), default, &page.source.shown, &page.source.path)?;
        let mut view = views::page_view(self.config, self.locale, self.library, index, &self.pages[index], body);
        view.summary = self.overview.as_ref().and_then(|s| s.role_extras(index));
        let mut context = self.context_with_body("page", &view, body);
        self.insert_versions(&mut context, &page.url_path);
        let html = self
            .templates
            .render(&template, &context, &page.source.shown.display().to_string())?;
        // The body is compact already (escaped HTML only): minify the page around it and
        // put it back, sparing minify-html most of the page. Raw HTML is not compact.
        let kept: &[&str] = if self.config.markdown.allow_html { &[] } else { &[body] };
        Ok(self.finish(path, html, kept))
    }

    /// Renders pager `number` of a section (1 for its own URL).
    fn render_section(&self, index: usize, number: usize) -> Result<Output, Diagnostic> {
        let section = &self.library.sections[index];
        let (view, paginator) = views::section_pager_view(
            self.config,
            self.locale,
            self.library,
            index,
            &self.sections[index].html,
            &self.summaries,
            number,
        );
        let default = if section.is_home() { "home.html" } else { "section.html" };
        let (shown, path) = match &section.source {
            Some(source) => (source.shown.clone(), source.path.clone()),
            None => (section.folder.clone(), section.folder.clone()),
        };
        let template = self.choose_template(section.template.as_deref(), default, &shown, &path)?;
        let mut context = self.context_with_body("section", &view, &self.sections[index].html);
        context.insert("paginator", &paginator);
        self.insert_versions(&mut context, &crate::content::pagination::pager_url_path(&section.url_path, number));
        let what = if section.source.is_some() {
            shown.display().to_string()
        } else {
            format!("the section /{}", section.url_path)
        };
        let html = self.templates.render(&template, &context, &what)?;
        let path = crate::content::pagination::pager_url_path(&section.url_path, number);
        Ok(self.finish(format!("{path}index.html"), html, &[]))
    }

    fn choose_template(
        &self,
        requested: Option<&str>,
        default: &str,
        shown: &std::path::Path,
        path: &std::path::Path,
    ) -> Result<String, Diagnostic> {
        let Some(name) = requested else { return Ok(default.to_string()) };
        if self.templates.has(name) {
            return Ok(name.to_string());
        }
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let (line, column) = crate::locate::locate_key(&text, crate::locate::Format::Toml, &["template"])
            .or_else(|| crate::locate::locate_key(&text, crate::locate::Format::Yaml, &["template"]))
            .unwrap_or((1, 1));
        Err(
            Diagnostic::error(shown, line, column, format!("the template \"{name}\" does not exist"))
                .with_hint(format!(
                    "remove the `template` line to use \"{default}\", or add templates/{name} to your site"
                ))
                .with_source(&text),
        )
    }

    /// The file of a rendered template, minified when configured: `kept` (compact pieces
    /// of the page, such as its body) as written, each `minify_once` block minified once
    /// per build, the rest of the page by minify-html (see [`minify_around`]). With a policy delivered in the page, its `<meta>` tag is added last, from the
    /// inline code as written.
    fn finish(&self, path: String, rendered: RenderedHtml, kept: &[&str]) -> Output {
        let bytes = self.minified(rendered, kept);
        let bytes = match crate::output::deploy::policy_delivery(self.config) {
            Some(crate::output::csp::Delivery::Meta) => match String::from_utf8(bytes) {
                Ok(html) => crate::output::csp::with_meta_policy(
                    &html,
                    crate::output::csp::search_compiles_webassembly(self.config, &self.config.language),
                )
                .into_bytes(),
                Err(e) => e.into_bytes(),
            },
            _ => bytes,
        };
        Output { path, bytes }
    }

    fn minified(&self, rendered: RenderedHtml, kept: &[&str]) -> Vec<u8> {
        if !self.config.minify_html {
            return rendered.html.into_bytes();
        }
        // The whitespace around a block (HTML's is ASCII's) belongs to the page around it.
        let blocks: Vec<&str> = rendered.once_blocks.iter().map(|block| block.trim_ascii()).collect();
        let minified: Vec<Arc<str>> = blocks.iter().map(|block| self.minify_once(block)).collect();
        let once: Vec<Kept> = blocks
            .iter()
            .zip(&minified)
            .map(|(found, written)| Kept { found, written })
            .collect();
        minify_around(&rendered.html, &[&as_written(kept), &once])
    }

    /// `block` minified, from this build's memory when another page had the same block.
    /// The lock is not held while minifying: two threads may minify one block at once.
    fn minify_once(&self, block: &str) -> Arc<str> {
        let cache = || self.minified_once.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(done) = cache().get(block) {
            return done.clone();
        }
        let done: Arc<str> = String::from_utf8_lossy(&minify(block.as_bytes())).into();
        let mut cache = cache();
        if cache.len() < MAX_ONCE_BLOCKS {
            cache.insert(block.to_string(), done.clone());
        }
        done
    }
}

/// Holds the place of a kept piece (a page's body, a table's rows) while the rest of the
/// page is minified: a custom element, which minify-html keeps as written.
const BODY_MARKER: &str = "<guide-page-body></guide-page-body>";

/// A piece of a page that minify-html does not parse: `found` as it stands in the page,
/// `written` what the minified page has in its place (the same text for a compact body or
/// table rows; the block minified once for a `minify_once` block).
#[derive(Debug, Clone, Copy)]
struct Kept<'a> {
    found: &'a str,
    written: &'a str,
}

/// Compact pieces, kept as they are written.
fn as_written<'a>(pieces: &[&'a str]) -> Vec<Kept<'a>> {
    pieces
        .iter()
        .map(|piece| Kept {
            found: piece,
            written: piece,
        })
        .collect()
}

/// `page` minified, except for the kept pieces: each list's pieces are looked for in the
/// page in their order, and those found are replaced by their `written` text while
/// minify-html minifies the rest of the page around them. A page role has a body of
/// kilobytes and a summary page thousands of table rows, which minify-html would parse
/// only to write them again as they are. A piece not found (the template escaped or
/// filtered it), or inside another, is minified with the rest of the page.
fn minify_around(page: &str, lists: &[&[Kept]]) -> Vec<u8> {
    let pieces = locate_pieces(page, lists);
    if pieces.is_empty() || page.contains(BODY_MARKER) {
        return minify(page.as_bytes());
    }
    let found_len: usize = pieces.iter().map(|(_, piece)| piece.found.len()).sum();
    let mut shell = String::with_capacity(page.len().saturating_sub(found_len) + pieces.len() * BODY_MARKER.len());
    let mut from = 0;
    for (at, piece) in &pieces {
        shell.push_str(&page[from..*at]);
        shell.push_str(BODY_MARKER);
        from = at + piece.found.len();
    }
    shell.push_str(&page[from..]);
    let written: Vec<&str> = pieces.iter().map(|(_, piece)| piece.written).collect();
    match String::from_utf8(minify(shell.as_bytes())) {
        Ok(shell) => splice_pieces(&shell, &written).unwrap_or_else(|| minify(page.as_bytes())),
        Err(_) => minify(page.as_bytes()),
    }
}

/// Where the pieces of each list occur in `page`, each list searched in its own order,
/// sorted by place; empty pieces and pieces overlapping an earlier one are left out.
fn locate_pieces<'a>(page: &str, lists: &[&[Kept<'a>]]) -> Vec<(usize, Kept<'a>)> {
    let mut found = Vec::new();
    for list in lists {
        let mut from = 0;
        for piece in list.iter().filter(|piece| !piece.found.is_empty()) {
            if let Some(offset) = find_body(&page[from..], piece.found) {
                found.push((from + offset, *piece));
                from += offset + piece.found.len();
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    let mut end = 0;
    found.retain(|(at, piece)| {
        let separate = *at >= end;
        if separate {
            end = at + piece.found.len();
        }
        separate
    });
    found
}

/// Where `body` first occurs in `page`. Looks for its first few bytes and compares the
/// rest in place: a searcher built for the whole body (kilobytes) cost more than the
/// search itself.
fn find_body(page: &str, body: &str) -> Option<usize> {
    let mut probe_len = body.len().min(64);
    while !body.is_char_boundary(probe_len) {
        probe_len -= 1;
    }
    let probe = &body[..probe_len];
    let step = probe.chars().next().map_or(1, char::len_utf8);
    let mut from = 0;
    while let Some(offset) = page[from..].find(probe) {
        let at = from + offset;
        if page[at..].starts_with(body) {
            return Some(at);
        }
        from = at + step;
    }
    None
}

/// `shell` with `pieces` in place of its [`BODY_MARKER`]s, in order, if it has exactly
/// as many markers as pieces.
fn splice_pieces(shell: &str, pieces: &[&str]) -> Option<Vec<u8>> {
    let capacity = shell.len() + pieces.iter().map(|piece| piece.len()).sum::<usize>();
    let mut bytes = Vec::with_capacity(capacity);
    let mut rest = shell;
    for piece in pieces {
        let at = rest.find(BODY_MARKER)?;
        bytes.extend_from_slice(&rest.as_bytes()[..at]);
        bytes.extend_from_slice(piece.as_bytes());
        rest = &rest[at + BODY_MARKER.len()..];
    }
    if rest.contains(BODY_MARKER) {
        return None;
    }
    bytes.extend_from_slice(rest.as_bytes());
    Some(bytes)
}

fn summary_path(url_path: &str) -> String {
    format!("{url_path}index.html")
}

/// Minifies HTML without changing what a browser shows: closing tags, `<html>`/`<head>`
/// and the doctype stay standard; inline JSON (JSON-LD) passes through untouched.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    // Inline scripts stay as written: ours are written small, and minifying JavaScript
    // once per page cost more than all the rest of a page's HTML.
    cfg.minify_js = false;
    cfg.minify_doctype = false;
    cfg.allow_noncompliant_unquoted_attribute_values = false;
    cfg.allow_removing_spaces_between_attributes = false;
    minify_html::minify(html, &cfg)
}

/// A small page that sends visitors (and search engines, via the canonical link) from an
/// old URL to the page's current one.
fn redirect_page(target: &str) -> String {
    let target = crate::escape::html(target);
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Redirecting…</title>\
<link rel=\"canonical\" href=\"{target}\"><meta name=\"robots\" content=\"noindex\">\
<meta http-equiv=\"refresh\" content=\"0; url={target}\"></head>\
<body><p>This page has moved to <a href=\"{target}\">{target}</a>.</p></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    /// Every fixed id of the default theme's templates is in [`super::THEME_IDS`].
    #[test]
    fn theme_ids_are_the_default_themes_fixed_ids() {
        let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut found = std::collections::BTreeSet::new();
        for entry in walkdir::WalkDir::new(&templates) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "html") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                for piece in text.split(" id=\"").skip(1) {
                    let id = piece.split('"').next().unwrap_or_default();
                    if !id.contains("{{") && !id.contains("{%") {
                        found.insert(id.to_string());
                    }
                }
            }
        }
        let listed: std::collections::BTreeSet<String> = super::THEME_IDS.iter().map(|id| id.to_string()).collect();
        assert_eq!(found, listed, "the default theme's fixed ids and THEME_IDS");
    }

    use super::*;
    use crate::markdown::{self, MarkdownOptions};

    const BODY: &str = "Intro *with*\n**soft** break & \"quotes\" <b>escaped</b>.\n\n## Technical\n\n- How would you version an API?\n- Loose\n\n  with a second paragraph\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {\n\n    println!(\"{}\", 1 < 2);\n}\n```\n\nText[^1].\n\n[^1]: Note.\n";

    fn shell(body: &str) -> String {
        format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Role &amp; more</title>\n</head>\n<body>\n  <main>\n    <div class=\"prose guide\">{body}</div>\n  </main>\n</body>\n</html>\n"
        )
    }

    #[test]
    fn a_page_minified_around_its_body_is_what_minifying_the_whole_page_gives() {
        let options = MarkdownOptions {
            allow_html: false,
            highlight: Some(crate::markdown::highlight::CodeThemes::default()),
            base_path: "/".into(),
            reserved_ids: super::THEME_IDS,
        };
        let body = markdown::render(BODY, &options).html;
        assert_kept_pieces_minify_like_the_whole_page(&shell(&body), &[&body], 20);
    }

    /// `page` minified around `kept` is what minifying it whole gives, once minify-html has
    /// looked at it again, and costs at most 1/`slack` more bytes.
    fn assert_kept_pieces_minify_like_the_whole_page(page: &str, kept: &[&str], slack: usize) {
        let whole = minify(page.as_bytes());
        let around = minify_around(page, &[&as_written(kept)]);
        // minify-html finds nothing left to change...
        assert_eq!(
            String::from_utf8(minify(&around)).unwrap(),
            String::from_utf8(whole.clone()).unwrap()
        );
        // ...and the page costs few bytes more than a whole minify.
        assert!(
            around.len() <= whole.len() + whole.len() / slack,
            "{} vs {}",
            around.len(),
            whole.len()
        );
    }

    #[test]
    fn a_block_minified_once_gives_exactly_what_minifying_the_whole_page_gives() {
        let header = "<header class=\"site-header\">\n  <nav aria-label=\"Sections\">\n    <ul>\n      <li><a href=\"/a/\">A &amp; B</a></li>\n      <li><a href=\"/b/\">B</a> </li>\n    </ul>\n  </nav>\n</header>";
        let footer = "<footer>\n  <p>Guide — <a href=\"/sitemap.xml\">Sitemap</a></p>\n</footer>";
        let body = "<p>Body &amp; more</p>";
        let page = format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>T</title>\n</head>\n<body>\n{header}\n<main>\n  <div class=\"prose\">{body}</div>\n</main>\n{footer}\n</body>\n</html>\n"
        );
        let minified: Vec<String> = [header, footer]
            .iter()
            .map(|block| String::from_utf8(minify(block.as_bytes())).unwrap())
            .collect();
        let once = [
            Kept {
                found: header,
                written: &minified[0],
            },
            Kept {
                found: footer,
                written: &minified[1],
            },
        ];
        let around = minify_around(&page, &[&once]);
        assert_eq!(
            String::from_utf8(around).unwrap(),
            String::from_utf8(minify(page.as_bytes())).unwrap()
        );
        // A block inside another (here the body inside a block) is minified with it.
        let outer = format!("<main>\n  <div class=\"prose\">{body}</div>\n</main>");
        let outer_minified = String::from_utf8(minify(outer.as_bytes())).unwrap();
        let nested = [Kept {
            found: &outer,
            written: &outer_minified,
        }];
        let around = minify_around(&page, &[&as_written(&[body]), &nested]);
        assert_eq!(
            String::from_utf8(around).unwrap(),
            String::from_utf8(minify(page.as_bytes())).unwrap()
        );
    }

    #[test]
    fn the_body_is_found_past_copies_of_its_first_bytes() {
        let body = format!("<p>{}é end</p>", "x".repeat(70));
        let decoy = format!("<p>{}é other</p>", "x".repeat(70));
        let page = format!("{decoy}<div>{body}</div>");
        assert_eq!(find_body(&page, &body), page.find(&body));
        assert_eq!(find_body("ééé", "éé"), Some(0));
        assert_eq!(find_body("<p>a</p>", "<p>b</p>"), None);
    }

    #[test]
    fn a_body_the_template_changed_or_repeated_is_handled() {
        let body = "<p>a &amp; b</p>";
        // Escaped by the template: not found, so the page is minified whole.
        let escaped = shell(&crate::escape::html(body));
        assert_eq!(minify_around(&escaped, &[&as_written(&[body])]), minify(escaped.as_bytes()));
        // Written twice: the first copy is kept, the second minified with the rest.
        let twice = shell(&format!("{body}\n<section>\n{body}\n</section>"));
        let out = String::from_utf8(minify_around(&twice, &[&as_written(&[body])])).unwrap();
        assert!(
            out.contains("<div class=\"prose guide\"><p>a &amp; b</p><section><p>a & b</p></section></div>"),
            "{out}"
        );
    }

    #[test]
    fn a_missing_or_repeated_marker_asks_for_a_whole_render() {
        assert!(splice_pieces("<p>no marker</p>", &["x"]).is_none());
        let twice = format!("{BODY_MARKER}{BODY_MARKER}");
        assert!(splice_pieces(&twice, &["x"]).is_none());
        assert_eq!(splice_pieces(&twice, &["x", "y"]).unwrap(), b"xy");
        let escaped = shell(&crate::escape::html(BODY_MARKER));
        let minified = String::from_utf8(minify(escaped.as_bytes())).unwrap();
        assert!(splice_pieces(&minified, &["x"]).is_none());
        // A page that has the marker's text itself is minified whole.
        let page = shell(BODY_MARKER);
        assert_eq!(minify_around(&page, &[&as_written(&["<title>"])]), minify(page.as_bytes()));
    }

    #[test]
    fn table_rows_kept_as_written_give_what_minifying_the_whole_page_gives() {
        let rows = [
            "<tr><td><a href=\"/engineering/a/\">A &amp; B</a></td><td data-sort=\"100000\">$100,000</td></tr>",
            "<tr><td><a href=\"/data/c/\">C</a></td><td>high</td></tr>",
        ];
        let page = format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Salaries</title>\n</head>\n<body>\n  <table>\n    <tbody>\n{}      </tbody>\n  </table>\n  <p>Between</p>\n  <table>\n    <tbody>\n{}      </tbody>\n  </table>\n</body>\n</html>\n",
            rows[0], rows[1]
        );
        assert_kept_pieces_minify_like_the_whole_page(&page, &rows, 10);
        // Pieces out of order: the second is not found after the first and is minified.
        assert_kept_pieces_minify_like_the_whole_page(&page, &[rows[1], rows[0]], 10);
        // Empty pieces (a currency without rows) are skipped.
        assert_kept_pieces_minify_like_the_whole_page(&page, &[rows[0], "", rows[1]], 10);
    }
}
