//! Builds for `guide serve`, kept in memory: after an edit only what the edit can change is
//! done again.
//!
//! Data flows config → content → Markdown → summaries and search → render → output. A
//! [`Live`] keeps the last good build: its configuration and library, every page's rendered
//! Markdown, the loaded templates, and a fingerprint of what each output's template saw.
//! The next build re-reads the content (cheap), renders again only the Markdown bodies whose
//! text changed, recomputes the cross-page steps (summaries, section listings), and runs a
//! render job only when the fingerprint of its view changed. A change to templates,
//! static files or `config.toml` ([`Scope::Everything`]) reloads the theme and renders every
//! job, still reusing Markdown when the Markdown options did not change.
//!
//! The search files are the slowest output by far, so they are left to [`SearchJob`], which
//! the caller runs after the pages are published.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::{BuildOptions, Loaded, Site, markdown_warnings, search_outputs, version_of};
use crate::content::{self, ReadCache};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, MarkdownOptions, Rendered};
use crate::output::{CopiedFile, CopySource};
use crate::render::templates::Templates;
use crate::render::{Job, Output, Renderer, theme, views};
use crate::summaries::{self, INDUSTRIES_PATH, SALARIES_PATH, SKILLS_PATH, Summaries};
use crate::timings::Timings;

/// What changed since the last good build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only files under `content/`: the theme is reused and unchanged outputs are kept.
    Content,
    /// `config.toml`, templates, static files or the theme: everything is rendered again.
    Everything,
}

/// The theme as loaded for one configuration: kept while only content changes.
struct ThemeState {
    templates: Templates,
    /// The theme's static files and `highlight.css`.
    statics: Vec<CopiedFile>,
    asset_version: String,
}

/// The last good build.
pub struct Live {
    site: Arc<Site>,
    theme: Arc<ThemeState>,
    /// Output path → fingerprint of what its render job saw.
    fingerprints: HashMap<String, u64>,
    /// The content files' text and what they were read into.
    read_cache: ReadCache,
}

/// With `GUIDE_SERVE_TIMINGS=1`, prints how long each step of a build took.
struct Timer {
    enabled: bool,
    last: std::time::Instant,
    laps: Vec<String>,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            enabled: std::env::var("GUIDE_SERVE_TIMINGS").is_ok_and(|v| v == "1"),
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, step: &str) {
        if self.enabled {
            self.laps.push(format!("{step} {:.1}", self.last.elapsed().as_secs_f64() * 1000.0));
            self.last = std::time::Instant::now();
        }
    }

    fn report(&self) {
        if self.enabled {
            eprintln!("timings (ms): {}", self.laps.join(", "));
        }
    }
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
    site: Arc<Site>,
}

impl SearchJob {
    /// The search files (manifest, shards, fragments, and the full index when configured).
    pub fn run(&self) -> Result<Vec<Output>, Diagnostic> {
        let outputs = std::sync::Mutex::new(Vec::new());
        let collect = |output: Output| {
            outputs.lock().unwrap_or_else(|e| e.into_inner()).push(output);
            Ok(())
        };
        search_outputs(&self.site.config, &self.site.library, &self.site.pages, &collect, None)?;
        Ok(outputs.into_inner().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Live {
    /// Builds the site, reusing what `previous` (the last good build) still holds valid.
    /// Returns every error and warning when the build fails; `previous` is left as it was.
    pub fn build(options: &BuildOptions, previous: Option<&Live>, scope: Scope) -> Result<(Live, Update), Vec<Diagnostic>> {
        let mut timer = Timer::new();
        let config = crate::config::Config::load(&options.root, &options.overrides)?;
        // Files are parsed again only when their text changed, unless the configuration
        // may have (it decides what a file reads into).
        let fresh = ReadCache::default();
        let cache = match previous {
            Some(previous) if scope == Scope::Content => &previous.read_cache,
            _ => &fresh,
        };
        let (library, diagnostics, read_cache) = content::load_reusing(&config, options.drafts, cache);
        let loaded = Loaded {
            config,
            library,
            diagnostics,
            timings: Timings::default(),
        };
        timer.lap("load");
        // Markdown renders the same when these settings are the same.
        let settings = |o: MarkdownOptions| (o.allow_html, o.highlight_code, o.base_path);
        let same = |p: &&Live| settings(markdown_options(&p.site.config)) == settings(markdown_options(&loaded.config));
        let reusable = previous.filter(same).map(|p| &*p.site);
        let (mut site, markdown_rendered) = render_markdown_reusing(loaded, reusable);
        timer.lap("markdown");
        if site.diagnostics.has_errors() {
            return Err(site.diagnostics.sorted());
        }
        let theme = match previous {
            Some(previous) if scope == Scope::Content => previous.theme.clone(),
            _ => Arc::new(load_theme(&site)?),
        };
        timer.lap("theme");
        let summaries = Summaries::new(&site.config, &site.library, &site.pages);
        let reserved = summaries.check_paths();
        if !reserved.is_empty() {
            return Err(reserved);
        }
        let mut warnings = site.diagnostics.clone();
        warnings.extend(summaries.warnings().iter().cloned());
        let site_view = views::site_view(&site.config, &site.library, theme.asset_version.clone());
        let renderer = Renderer::new(
            &site.config,
            &site.library,
            &site.pages,
            &site.sections,
            &theme.templates,
            &site_view,
        )
        .with_summaries(&summaries);
        let roles_json = summaries.roles_json();
        let jobs = renderer.all_jobs();
        timer.lap("summaries");
        let fingerprints = fingerprint_jobs(&site, &summaries, &jobs, &site_view, &roles_json);
        timer.lap("fingerprints");
        let kept = match previous {
            Some(previous) if scope == Scope::Content => &previous.fingerprints,
            _ => &HashMap::new(),
        };
        let changed: Vec<Job> = jobs
            .iter()
            .zip(&fingerprints)
            .filter(|(_, (path, key))| kept.get(path) != Some(key))
            .map(|(job, _)| job.clone())
            .collect();
        let mut outputs = renderer.run(&changed)?;
        let jobs_run = changed.len();
        timer.lap("render");
        let mut paths: HashSet<String> = fingerprints.iter().map(|(path, _)| path.clone()).collect();
        // Cheap outputs built from the whole library: made every time. (`guide build` makes
        // the same ones in `Site::render_streaming`; a test compares the two builds.)
        let site_wide = [
            Output {
                path: summaries::ROLES_JSON.into(),
                bytes: roles_json,
            },
            crate::output::sitemap::sitemap(&site.config, &site.library, &summaries.url_paths()),
            crate::output::sitemap::robots(&site.config),
            crate::output::feed::atom(&site.config, &site.library),
        ];
        paths.extend(site_wide.iter().map(|o| o.path.clone()));
        outputs.extend(site_wide);
        timer.lap("site-wide");
        let mut copies = theme.statics.clone();
        copies.extend(content_copies(&site));
        let fingerprints: HashMap<String, u64> = fingerprints.into_iter().collect();
        drop(renderer);
        drop(summaries);
        site.diagnostics = crate::diagnostics::Diagnostics::new();
        let site = Arc::new(site);
        let search = site.config.build_search_index.then(|| SearchJob { site: site.clone() });
        let update = Update {
            outputs,
            complete: kept.is_empty(),
            paths,
            copies,
            warnings: warnings.sorted(),
            search,
            markdown_rendered,
            jobs_run,
            jobs_total: jobs.len(),
        };
        timer.report();
        Ok((
            Live {
                site,
                theme,
                fingerprints,
                read_cache,
            },
            update,
        ))
    }
}

fn markdown_options(config: &crate::config::Config) -> MarkdownOptions {
    MarkdownOptions {
        allow_html: config.markdown.allow_html,
        highlight_code: config.markdown.highlight_code,
        base_path: config.base_path.clone(),
    }
}

/// [`Loaded::render_markdown`], taking each body's rendering from `previous` when the same
/// file had the same body there (rendering depends only on the body and the options, which
/// the caller has compared). Returns the site and how many bodies were rendered.
fn render_markdown_reusing(loaded: Loaded, previous: Option<&Site>) -> (Site, usize) {
    let options = markdown_options(&loaded.config);
    let mut known: HashMap<&std::path::Path, &Rendered> = HashMap::new();
    if let Some(previous) = previous {
        for (page, rendered) in previous.library.pages.iter().zip(&previous.pages) {
            known.insert(&page.source.path, rendered);
        }
        for (section, rendered) in previous.library.sections.iter().zip(&previous.sections) {
            if let Some(source) = &section.source {
                known.insert(&source.path, rendered);
            }
        }
    }
    let bodies: HashMap<&std::path::Path, &str> = previous
        .map(|p| {
            let pages = p.library.pages.iter().map(|page| (page.source.path.as_path(), page.body.as_str()));
            let sections = p
                .library
                .sections
                .iter()
                .filter_map(|s| s.source.as_ref().map(|src| (src.path.as_path(), s.body.as_str())));
            pages.chain(sections).collect()
        })
        .unwrap_or_default();
    let rendered_count = std::sync::atomic::AtomicUsize::new(0);
    let render = |path: Option<&std::path::Path>, body: &str| -> Rendered {
        if let Some(path) = path
            && bodies.get(path) == Some(&body)
            && let Some(rendered) = known.get(path)
        {
            return (*rendered).clone();
        }
        rendered_count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        markdown::render(body, &options)
    };
    let pages: Vec<Rendered> = loaded
        .library
        .pages
        .par_iter()
        .map(|page| render(Some(&page.source.path), &page.body))
        .collect();
    let sections: Vec<Rendered> = loaded
        .library
        .sections
        .par_iter()
        .map(|s| render(s.source.as_ref().map(|src| src.path.as_path()), &s.body))
        .collect();
    let mut diagnostics = loaded.diagnostics;
    for (page, rendered) in loaded.library.pages.iter().zip(&pages) {
        diagnostics.extend(markdown_warnings(&page.source, rendered));
    }
    for (section, rendered) in loaded.library.sections.iter().zip(&sections) {
        if let Some(source) = &section.source {
            diagnostics.extend(markdown_warnings(source, rendered));
        }
    }
    let site = Site {
        config: loaded.config,
        library: loaded.library,
        pages,
        sections,
        diagnostics,
        timings: loaded.timings,
        progress: None,
        release_after_use: false,
    };
    (site, rendered_count.into_inner())
}

/// Templates, the theme's static files and the highlight stylesheet, as
/// `Site::render_streaming` loads them.
fn load_theme(site: &Site) -> Result<ThemeState, Vec<Diagnostic>> {
    let files = theme::collect(&site.config).map_err(|d| vec![d])?;
    let templates = Templates::load(&files)?;
    let stylesheet = site.highlight_stylesheet()?;
    let mut statics: Vec<CopiedFile> = files
        .statics
        .values()
        .map(|f| CopiedFile {
            source: CopySource::Bytes(f.bytes.clone()),
            path: f.name.clone(),
        })
        .collect();
    statics.push(CopiedFile {
        source: CopySource::Bytes(stylesheet.into_bytes()),
        path: "highlight.css".into(),
    });
    let asset_version = version_of(&statics);
    Ok(ThemeState {
        templates,
        statics,
        asset_version,
    })
}

/// Files under `content/` copied as they are: loose files and page bundle assets.
fn content_copies(site: &Site) -> Vec<CopiedFile> {
    let mut copies: Vec<CopiedFile> = site
        .library
        .files
        .iter()
        .map(|(source, path)| CopiedFile {
            source: CopySource::File(source.clone()),
            path: path.clone(),
        })
        .collect();
    for page in &site.library.pages {
        for asset in &page.assets {
            let name = asset
                .strip_prefix(page.source.path.parent().unwrap_or(asset))
                .unwrap_or(asset)
                .to_string_lossy()
                .replace('\\', "/");
            copies.push(CopiedFile {
                source: CopySource::File(asset.clone()),
                path: format!("{}{name}", page.url_path),
            });
        }
    }
    copies
}

/// Feeds a value's JSON form to a hasher.
fn hash_json<T: Serialize + ?Sized>(hasher: &mut DefaultHasher, value: &T) {
    // Serialising plain views cannot fail; should it, the fingerprint differs from the
    // last one and the job simply runs.
    match serde_json::to_vec(value) {
        Ok(json) => hasher.write(&json),
        Err(_) => hasher.write_u8(0xff),
    }
}

/// Each job's output path and a fingerprint of what its template sees: its view, the
/// template's name, and what every template sees (`site` and the home `summaries`).
/// Templates themselves are not part of it: a template change renders every job.
fn fingerprint_jobs(
    site: &Site,
    summaries: &Summaries<'_>,
    jobs: &[Job],
    site_view: &views::SiteView,
    roles_json: &[u8],
) -> Vec<(String, u64)> {
    let (config, library) = (&site.config, &site.library);
    let mut shared = DefaultHasher::new();
    hash_json(&mut shared, site_view);
    hash_json(&mut shared, &summaries.home());
    let shared = shared.finish();
    // The summary pages show each role's row (title, section, salary, experience, demand)
    // and its skills and industries: all of it is in roles.json.
    let summary_key = {
        let mut hasher = DefaultHasher::new();
        roles_json.hash(&mut hasher);
        hasher.finish()
    };
    let page_summaries: Vec<views::PageSummary> = library
        .pages
        .par_iter()
        .zip(site.pages.par_iter())
        .map(|(p, r)| views::page_summary(config, p, r))
        .collect();
    jobs.par_iter()
        .map(|job| {
            let mut hasher = DefaultHasher::new();
            shared.hash(&mut hasher);
            std::mem::discriminant(job).hash(&mut hasher);
            let path = match job {
                Job::Page(index) => {
                    let page = &library.pages[*index];
                    let mut view = views::page_view(config, library, *index, &site.pages[*index], &site.pages[*index].html);
                    view.summary = summaries.role_extras(*index);
                    // What comes from the rendered Markdown is the bulk of the view and is
                    // decided by the body alone (the options are the same within a scope):
                    // hashing the body is much cheaper than hashing the HTML.
                    view.content.clear();
                    view.toc.clear();
                    view.guide_sections.clear();
                    page.body.hash(&mut hasher);
                    hash_json(&mut hasher, &view);
                    page.template.hash(&mut hasher);
                    format!("{}index.html", page.url_path)
                }
                Job::Section(index) => {
                    let section = &library.sections[*index];
                    let view = views::section_view(config, library, *index, &site.sections[*index].html, &page_summaries);
                    hash_json(&mut hasher, &view);
                    section.template.hash(&mut hasher);
                    section.is_home().hash(&mut hasher);
                    format!("{}index.html", section.url_path)
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
                Job::Skill(i) => summary_page(&mut hasher, summary_key, summaries.skill_output(*i)),
                Job::Industry(i) => summary_page(&mut hasher, summary_key, summaries.industry_output(*i)),
            };
            (path, hasher.finish())
        })
        .collect()
}

fn summary_page(hasher: &mut DefaultHasher, summary_key: u64, path: String) -> String {
    summary_key.hash(hasher);
    path
}
