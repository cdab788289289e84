//! Builds for `guide serve`, kept in memory: after an edit only what the edit can change is
//! done again.
//!
//! Data flows config → content → Markdown → summaries and search → render → output. A
//! [`Live`] keeps the last good build: its configuration and library, every page's rendered
//! Markdown, the loaded templates, and a fingerprint of what each output's template saw.
//! The next build reads again only the files the watcher saw written in place (the whole
//! folder after a file was created, removed or renamed), renders again only the Markdown
//! bodies whose text changed (the others' rendering is shared, not copied), recomputes the
//! cross-page steps (summaries, section listings), renders the edited pages first (see
//! [`Live::build`]), and runs any other render job only when the fingerprint of its view
//! changed. A change to templates,
//! static files or `config.toml` ([`Scope::Everything`]) reloads the theme and renders every
//! job, still reusing Markdown when the Markdown options did not change.
//!
//! The search files are the slowest output by far, so they are left to [`SearchJob`], which
//! the caller runs after the pages are published.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::plan::{Plan, Plans, search_language_warning, write_search};
use super::{Content, Site, Theme};
use crate::config::Config;
use crate::content::pagination;
use crate::content::{ContentChanges, ReadCache};
use crate::diagnostics::Diagnostic;
use crate::output::{CopiedFile, Memory, Output};
use crate::render::templates::Readers;
use crate::render::{self, Job, Listing, theme, views};
use crate::summaries::{self, INDUSTRIES_PATH, SALARIES_PATH, SKILLS_PATH};
use crate::timings::{Phase, Timings};

/// What changed since the last good build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only files under `content/`: the theme is reused and unchanged outputs are kept.
    Content,
    /// `config.toml`, templates, static files or the theme: everything is rendered again.
    Everything,
}

/// Every change since the last good build, as the file watcher reported it.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// Absolute paths of the files (or folders) that changed.
    pub paths: HashSet<PathBuf>,
    /// `config.toml`, templates, static files or the theme changed.
    pub everything: bool,
    /// Something was created, removed or renamed (or the watcher lost track): the content
    /// folder must be walked again, not only the changed files re-read.
    pub moved: bool,
}

impl Changes {
    /// The first build, or when nothing is known: everything is built.
    pub fn everything() -> Changes {
        Changes {
            everything: true,
            moved: true,
            ..Changes::default()
        }
    }

    pub fn scope(&self) -> Scope {
        if self.everything { Scope::Everything } else { Scope::Content }
    }

    /// What the content loader may trust.
    fn content(&self) -> ContentChanges<'_> {
        if self.moved || self.everything {
            ContentChanges::Unknown
        } else {
            ContentChanges::Modified(&self.paths)
        }
    }
}

/// The last good build.
pub struct Live {
    /// One per language, the default first.
    sites: Vec<Arc<Site>>,
    /// Kept while only content changes.
    theme: Arc<Theme>,
    /// Output path → fingerprint of what its render job saw.
    fingerprints: HashMap<String, u64>,
    /// The content files' text and what they were read into.
    read_cache: ReadCache,
}

/// What one build produced.
pub struct Update {
    /// Rendered outputs: every output when `complete`, else only those that changed.
    pub outputs: Vec<Output>,
    /// When false, `outputs` replace files of the previous build and the rest are kept.
    pub complete: bool,
    /// Every rendered output path of this build (kept or new): anything else from the
    /// previous build is gone (a renamed page, a skill no role lists any more).
    pub paths: HashSet<String>,
    /// Every file copied as it is (theme static files, files under `content/`).
    pub copies: Vec<CopiedFile>,
    /// The version pages add to the theme's static files' URLs (`style.css?v=...`).
    pub asset_version: String,
    pub warnings: Vec<Diagnostic>,
    /// Present when the configuration asks for a search index.
    pub search: Option<SearchJob>,
    /// How many Markdown bodies and render jobs were done again, and how many there are.
    pub markdown_rendered: usize,
    pub jobs_run: usize,
    pub jobs_total: usize,
}

/// The search files of one build, built on demand from its content.
pub struct SearchJob {
    sites: Vec<Arc<Site>>,
}

impl SearchJob {
    /// The search files (manifest, shards, fragments, and the full index when configured)
    /// of every language.
    pub fn run(&self) -> Result<Vec<Output>, Diagnostic> {
        let memory = Memory::default();
        for site in &self.sites {
            write_search(site, &memory, &Timings::default())?;
        }
        Ok(memory.into_sorted())
    }
}

impl Live {
    /// Builds the site, reusing what `previous` (the last good build) still holds valid.
    /// Returns every error and warning when the build fails; `previous` is left as it was.
    ///
    /// The pages whose own files changed (what an open browser waits for) are rendered
    /// first and handed to `edited` before the rest of the build is done; they are part
    /// of the returned update too. The build may still fail after that.
    pub fn build(
        config: Config,
        drafts: bool,
        previous: Option<&Live>,
        changes: &Changes,
        edited: &mut dyn FnMut(&[Output]),
    ) -> Result<(Live, Update), Vec<Diagnostic>> {
        let timings = Timings::default();
        let scope = changes.scope();
        // Files are parsed again only when their text changed, unless the configuration
        // may have (it decides what a file reads into).
        let fresh = ReadCache::default();
        let cache = match previous {
            Some(previous) if scope == Scope::Content => &previous.read_cache,
            _ => &fresh,
        };
        let (content, read_cache) = Content::load_reusing(config, drafts, cache, changes.content(), &timings);
        let previous_sites: Vec<&Site> = previous.map_or_else(Vec::new, |p| p.sites.iter().map(|s| &**s).collect());
        let mut site = content.render_markdown(&previous_sites, &timings, None);
        let markdown_rendered = timings.count(Phase::Markdown) as usize;
        if site.diagnostics.has_errors() {
            return Err(std::mem::take(&mut site.diagnostics).sorted());
        }
        let theme = match previous {
            Some(previous) if scope == Scope::Content => previous.theme.clone(),
            _ => {
                let files = theme::collect(&site.config).map_err(|d| vec![d])?;
                Arc::new(Theme::load(&site.config, &files)?)
            }
        };
        let copies = theme.copies(&site.library);
        let mut warnings = std::mem::take(&mut site.diagnostics);
        let sites = site.into_languages();
        let site_refs: Vec<&Site> = sites.iter().collect();
        let plans = Plans::new(&site_refs, &theme, Some(&timings))?;
        warnings.extend(plans.warnings());
        warnings.extend(theme.strings.warnings.iter().cloned());
        warnings.extend(sites.iter().filter_map(|site| search_language_warning(&site.config)));
        let edited_jobs: Vec<Vec<Job>> = match previous {
            Some(_) if scope == Scope::Content => edited_pages(&plans.plans, &changes.paths),
            _ => vec![Vec::new(); plans.plans.len()],
        };
        let memory = Memory::default();
        for (plan, jobs) in plans.plans.iter().zip(&edited_jobs) {
            plan.renderer.run(jobs, &memory)?;
        }
        let edited_outputs = memory.into_sorted();
        if !edited_outputs.is_empty() {
            // The caller serves them, and may wait a moment for the browser to load them.
            edited(&edited_outputs);
        }
        // The rest is what a reloading page does not wait for.
        let site_wide = plans.site_wide();
        let kept = match previous {
            Some(previous) if scope == Scope::Content => &previous.fingerprints,
            _ => &HashMap::new(),
        };
        let memory = Memory::default();
        let mut fingerprints = Vec::new();
        let (mut jobs_run, mut jobs_total) = (0, 0);
        for (plan, edited_jobs) in plans.plans.iter().zip(&edited_jobs) {
            let prefix = plan.site.config.language_prefix();
            let roles_json = site_wide
                .iter()
                .find(|o| o.path.strip_prefix(prefix) == Some(summaries::ROLES_JSON))
                .map_or(&[][..], |o| &o.bytes[..]);
            let shared = FingerprintInputs {
                site_view: &plan.site_view,
                page_summaries: plan.renderer.page_summaries(),
                roles_json,
                summary_readers: &theme.summary_readers,
            };
            let keys = timings.time(Phase::Pages, || fingerprint_jobs(plan, &shared));
            let changed: Vec<Job> = plan
                .jobs
                .iter()
                .zip(&keys)
                .filter(|(job, (path, key))| kept.get(path) != Some(key) && !edited_jobs.contains(job))
                .map(|(job, _)| job.clone())
                .collect();
            plan.renderer.run(&changed, &memory)?;
            jobs_run += changed.len() + edited_jobs.len();
            jobs_total += plan.jobs.len();
            fingerprints.extend(keys);
        }
        let mut outputs = memory.into_sorted();
        outputs.extend(edited_outputs);
        let mut paths: HashSet<String> = fingerprints.iter().map(|(path, _)| path.clone()).collect();
        // Cheap outputs built from the whole library: made every time.
        paths.extend(site_wide.iter().map(|o| o.path.clone()));
        outputs.extend(site_wide);
        let fingerprints: HashMap<String, u64> = fingerprints.into_iter().collect();
        let complete = kept.is_empty();
        drop(plans);
        drop(site_refs);
        let sites: Vec<Arc<Site>> = sites.into_iter().map(Arc::new).collect();
        let search = sites[0].config.build_search_index.then(|| SearchJob { sites: sites.clone() });
        let update = Update {
            outputs,
            complete,
            paths,
            copies,
            asset_version: theme.asset_version.clone(),
            warnings: warnings.sorted(),
            search,
            markdown_rendered,
            jobs_run,
            jobs_total,
        };
        if std::env::var("GUIDE_SERVE_TIMINGS").is_ok_and(|v| v == "1") {
            eprintln!("timings (ms): {}", timings.summary_line());
        }
        Ok((
            Live {
                sites,
                theme,
                fingerprints,
                read_cache,
            },
            update,
        ))
    }
}

/// How many edited pages are rendered ahead of the rest; more at once is a bulk change
/// (a search and replace, a checkout), where nobody waits for one page.
const EDITED_AHEAD: usize = 4;

/// The page jobs, per language, of the pages whose source files are among `paths`.
fn edited_pages(plans: &[Plan<'_>], paths: &HashSet<PathBuf>) -> Vec<Vec<Job>> {
    let jobs: Vec<Vec<Job>> = plans
        .iter()
        .map(|plan| {
            let library = &plan.site.library;
            (0..library.pages.len())
                .filter(|&i| paths.contains(&library.pages[i].source.path))
                .map(Job::Page)
                .collect()
        })
        .collect();
    if jobs.iter().map(Vec::len).sum::<usize>() <= EDITED_AHEAD {
        jobs
    } else {
        vec![Vec::new(); plans.len()]
    }
}

/// Feeds a value's JSON form to a hasher, as it is written (no copy of it is kept).
fn hash_json<T: Serialize + ?Sized>(hasher: &mut DefaultHasher, value: &T) {
    struct Feed<'a>(&'a mut DefaultHasher);
    impl std::io::Write for Feed<'_> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Serialising plain views cannot fail; should it, the fingerprint differs from the
    // last one and the job simply runs.
    if serde_json::to_writer(Feed(&mut *hasher), value).is_err() {
        hasher.write_u8(0xff);
    }
}

/// What every job's fingerprint is made of besides its own view.
struct FingerprintInputs<'a> {
    site_view: &'a views::SiteView,
    page_summaries: &'a [views::PageSummary],
    roles_json: &'a [u8],
    /// The templates that may read the home `summaries`, which every context holds.
    summary_readers: &'a Readers,
}

/// Each job's output path and a fingerprint of what its template sees: its view, the
/// template's name, `site`, and the home `summaries` when its template may read them
/// (the default theme's home page only: a role's title there would otherwise render
/// every page again). Templates themselves are not part of it: a template change renders
/// every job.
fn fingerprint_jobs(plan: &Plan<'_>, shared: &FingerprintInputs<'_>) -> Vec<(String, u64)> {
    let (site, summaries, jobs) = (plan.site, plan.summaries(), &plan.jobs);
    let (config, library) = (&site.config, &site.library);
    let prefix = config.language_prefix();
    let key = |write: &dyn Fn(&mut DefaultHasher)| {
        let mut hasher = DefaultHasher::new();
        write(&mut hasher);
        hasher.finish()
    };
    let site_key = key(&|h| hash_json(h, shared.site_view));
    let home_key = key(&|h| hash_json(h, &summaries.home()));
    let (page_summaries, roles_json) = (shared.page_summaries, shared.roles_json);
    // The summary pages show each role's row (title, section, salary, experience, demand)
    // and its skills and industries: all of it is in roles.json.
    let summary_key = {
        let mut hasher = DefaultHasher::new();
        roles_json.hash(&mut hasher);
        hasher.finish()
    };
    jobs.par_iter()
        .map(|job| {
            let mut hasher = DefaultHasher::new();
            site_key.hash(&mut hasher);
            std::mem::discriminant(job).hash(&mut hasher);
            let template = job.template(library);
            template.hash(&mut hasher);
            if template.is_some_and(|t| shared.summary_readers.include(t)) {
                home_key.hash(&mut hasher);
            }
            let path = match job {
                Job::Page(index) => {
                    let page = &library.pages[*index];
                    // What comes from the rendered Markdown is the bulk of the view and is
                    // decided by the body alone (the options are the same within a scope):
                    // hashing the body is much cheaper than copying and hashing the HTML.
                    let mut view = views::page_view_without_body(config, plan.renderer.locale, library, *index, &site.pages[*index]);
                    view.summary = summaries.role_extras(*index);
                    page.body.hash(&mut hasher);
                    hash_json(&mut hasher, &view);
                    format!("{}index.html", page.url_path)
                }
                Job::Section(index) => {
                    let section = &library.sections[*index];
                    let view = views::section_view(
                        config,
                        plan.renderer.locale,
                        library,
                        *index,
                        &site.sections[*index].html,
                        page_summaries,
                    );
                    hash_json(&mut hasher, &view);
                    section.paginate_by(config).hash(&mut hasher);
                    format!("{}index.html", section.url_path)
                }
                // A section's later pager sees part of what its first does; the others their
                // own views. The redirect at `page/1/` only its target.
                Job::Pager { listing, number } => {
                    number.hash(&mut hasher);
                    match *listing {
                        Listing::Section(index) => {
                            let view = views::section_view(
                                config,
                                plan.renderer.locale,
                                library,
                                index,
                                &site.sections[index].html,
                                page_summaries,
                            );
                            hash_json(&mut hasher, &view);
                            library.sections[index].paginate_by(config).hash(&mut hasher);
                        }
                        Listing::Skill(i) => summaries.skill_pager(i, *number).hash(&mut hasher),
                        Listing::Industry(i) => summaries.industry_pager(i, *number).hash(&mut hasher),
                        Listing::SalaryTable(i) => summaries.salary_table_view(i, *number).hash(&mut hasher),
                    }
                    let listing = render::listing_path(library, Some(summaries), *listing);
                    format!("{}index.html", pagination::pager_url_path(&listing, *number))
                }
                Job::FirstPager(listing) => {
                    let listing = render::listing_path(library, Some(summaries), *listing);
                    listing.hash(&mut hasher);
                    pagination::first_pager_redirect_file(&listing)
                }
                Job::SalaryTable(i) => {
                    summaries.salary_table_view(*i, 1).hash(&mut hasher);
                    format!("{}index.html", summaries.salary_table_path(*i))
                }
                Job::Alias { file, page } => {
                    library.pages[*page].url_path.hash(&mut hasher);
                    file.clone()
                }
                Job::NotFound => "404.html".into(),
                Job::Search => "search/index.html".into(),
                Job::Salaries => summary_page(&mut hasher, summary_key, format!("{SALARIES_PATH}index.html")),
                Job::Skills => summary_page(&mut hasher, summary_key, format!("{SKILLS_PATH}index.html")),
                Job::Industries => summary_page(&mut hasher, summary_key, format!("{INDUSTRIES_PATH}index.html")),
                // A skill or industry page lists only the roles that name it: its own view
                // decides it, so a title edit renders the pages of that role's terms only.
                // Hashed as they are, not as JSON: their rows are long HTML strings.
                Job::Skill(i) => {
                    summaries.skill_page(*i).hash(&mut hasher);
                    summaries.skill_output(*i)
                }
                Job::Industry(i) => {
                    summaries.industry_page(*i).hash(&mut hasher);
                    summaries.industry_output(*i)
                }
            };
            // Its versions in other languages: a translation added elsewhere changes the
            // page's alternates and language switcher.
            hash_json(
                &mut hasher,
                &plan.renderer.versions(path.strip_suffix("index.html").unwrap_or(&path)),
            );
            (format!("{prefix}{path}"), hasher.finish())
        })
        .collect()
}

fn summary_page(hasher: &mut DefaultHasher, summary_key: u64, path: String) -> String {
    summary_key.hash(hasher);
    path
}
